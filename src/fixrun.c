/* --fix and --diff over a run: see kaudit/fixrun.h. */
#include "kaudit/fixrun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kaudit/checklist.h"
#include "kaudit/clean.h"
#include "kaudit/fix.h"
#include "kaudit/run.h"

int ka_fixrun_only(struct ka_fixrun *fr, const char *ids)
{
	char id[128];

	if (!(fr->only = calloc(ka_registry_len, sizeof(bool))))
		return -1;
	for (const char *p = ids; *p;) {
		size_t len = strcspn(p, ",");
		const struct ka_check *c;

		if (len < sizeof(id)) {
			memcpy(id, p, len);
			id[len] = '\0';
			if ((c = ka_registry_find(id)))
				fr->only[ka_registry_index(c)] = true;
		}
		p += len + (p[len] == ',');
	}
	return 0;
}

bool ka_fixrun_take(struct ka_fixrun *fr, const struct ka_run *run,
		    struct ka_finding *f)
{
	const struct ka_input *in = &run->inputs.v[f->input];
	enum ka_fix_left why;

	if (!f->fix && !f->nofix)
		why = KA_LEFT_NONE;
	else if (f->waiver)
		why = KA_LEFT_WAIVED;
	else if (in->chart || f->source)
		why = KA_LEFT_RENDER;
	else if (!f->fix)
		why = KA_LEFT_NOFIX;
	else if (fr->only && !fr->only[ka_registry_index(f->check)])
		why = KA_LEFT_SKIPPED;
	else if (in->is_stdin)
		why = KA_LEFT_NOT_FILE;
	else {
		if (fr->n == fr->cap) {
			size_t cap = fr->cap ? 2 * fr->cap : 64;
			struct ka_fixrun_item *v =
			    realloc(fr->v, cap * sizeof(*v));

			if (!v) {
				fr->oom = true;
				return false;
			}
			fr->v = v;
			fr->cap = cap;
		}
		fr->v[fr->n] = (struct ka_fixrun_item){
		    f->input, f->fix, f->line, f->col, f->check->id, fr->n};
		fr->n++;
		f->fix = NULL; /* the fixer's now */
		return true;
	}
	fr->left[why]++;
	return false;
}

static int cmp_item(const void *a, const void *b)
{
	const struct ka_fixrun_item *x = a, *y = b;

	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The whole of path, in *buf (NUL-terminated) and *len; -1 with errno. */
static int slurp(const char *path, char **buf, size_t *len, mode_t *mode)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	size_t cap, n = 0;
	char *b;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (!S_ISREG(st.st_mode))
			errno = EINVAL;
		close(fd);
		return -1;
	}
	*mode = st.st_mode & 07777;
	cap = (size_t)st.st_size + 1;
	if (!(b = malloc(cap))) {
		close(fd);
		return -1;
	}
	for (;;) {
		ssize_t r;

		if (n + 1 == cap) {
			char *nb = realloc(b, cap * 2);

			if (!nb) {
				free(b);
				close(fd);
				return -1;
			}
			b = nb;
			cap *= 2;
		}
		r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			close(fd);
			return -1;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

/* Write p[0..n) over path through a temporary file beside it. */
static int rewrite(const char *path, const char *p, size_t n, mode_t mode)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = malloc(dir + sizeof(".kaudit-fix-XXXXXX"));
	int fd, saved;

	if (!tmp)
		return -1;
	memcpy(tmp, path, dir);
	memcpy(tmp + dir, ".kaudit-fix-XXXXXX", sizeof(".kaudit-fix-XXXXXX"));
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return -1;
	}
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, p + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail;
		off += (size_t)w;
	}
	if (fchmod(fd, mode) < 0 || close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}

/* The path as a diff names it: without a leading "./". */
static const char *diff_path(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

/* Fix one file: items v[0..n), all of one input. */
static void fix_file(struct ka_fixrun *fr, const char *path,
		     struct ka_fixrun_item *v, size_t n, FILE *out)
{
	struct ka_fix **fx = malloc(n * sizeof(*fx));
	bool *applied = malloc(n * sizeof(*applied));
	struct ka_edit *e = NULL;
	char *buf = NULL, *res = NULL;
	size_t len, reslen, made = 0;
	mode_t mode;
	long ne = -1;

	if (!fx || !applied) {
		fr->oom = true;
		goto done;
	}
	if (slurp(path, &buf, &len, &mode) < 0) {
		ka_say(stderr,
		       "kaudit: error: %s: cannot read it to fix it: %s", path,
		       errno == ELOOP ? "a symbolic link" : strerror(errno));
		fr->failed = true;
		fr->left[KA_LEFT_CONFLICT] += n;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		fx[i] = v[i].fix;
	if ((ne = ka_fix_edits(buf, len, fx, n, applied, &e)) < 0) {
		fr->oom = true;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (applied[i]) {
			made++;
			continue;
		}
		fr->left[KA_LEFT_CONFLICT]++;
		ka_say(stderr,
		       "%s:%u:%u: note: the fix of [%s] was not made: it "
		       "clashes with another fix there, or the file changed "
		       "since it was read",
		       path, v[i].line, v[i].col, v[i].check);
	}
	if (!ne)
		goto done;
	if (fr->diff) {
		if (ka_edits_diff(out, diff_path(path), buf, len, e, (size_t)ne,
				  fr->clean_diff) < 0)
			fr->oom = true;
	} else if (ka_edits_apply(buf, len, e, (size_t)ne, &res, &reslen) < 0) {
		fr->oom = true;
		made = 0;
	} else if (rewrite(path, res, reslen, mode) < 0) {
		ka_say(stderr, "kaudit: error: %s: cannot write the fixes: %s",
		       path, strerror(errno));
		fr->failed = true;
		fr->left[KA_LEFT_CONFLICT] += made;
		made = 0;
	}
	fr->fixed += made;
	fr->files += made > 0;
done:
	if (ne > 0)
		ka_edits_free(e, (size_t)ne);
	free(res);
	free(buf);
	free(applied);
	free(fx);
}

int ka_fixrun_finish(struct ka_fixrun *fr, const struct ka_run *run, FILE *out)
{
	if (fr->n)
		qsort(fr->v, fr->n, sizeof(*fr->v), cmp_item);
	for (size_t i = 0; i < fr->n;) {
		size_t j = i;

		while (j < fr->n && fr->v[j].input == fr->v[i].input)
			j++;
		fix_file(fr, run->inputs.v[fr->v[i].input].path, fr->v + i,
			 j - i, out);
		i = j;
	}
	return fr->oom || fr->failed ? -1 : 0;
}

void ka_fixrun_summary(const struct ka_fixrun *fr, FILE *out)
{
	static const char *const why[KA_LEFT_N] = {
	    [KA_LEFT_NOFIX] = "no safe fix",
	    [KA_LEFT_NONE] = "no automatic fix for the check",
	    [KA_LEFT_WAIVED] = "waived",
	    [KA_LEFT_RENDER] = "in a Helm render (fix the chart)",
	    [KA_LEFT_NOT_FILE] = "not in a file",
	    [KA_LEFT_SKIPPED] = "not in --fix-only",
	    [KA_LEFT_CONFLICT] = "not made (see above)",
	};
	size_t left = 0;
	const char *sep = ": ";

	for (int i = 0; i < KA_LEFT_N; i++)
		left += fr->left[i];
	fprintf(out, "kaudit: %s %zu finding%s in %zu file%s; %zu left",
		fr->diff ? "would fix" : "fixed", fr->fixed,
		fr->fixed == 1 ? "" : "s", fr->files, fr->files == 1 ? "" : "s",
		left);
	for (int i = 0; i < KA_LEFT_N; i++)
		if (fr->left[i]) {
			fprintf(out, "%s%zu %s", sep, fr->left[i], why[i]);
			sep = ", ";
		}
	fputc('\n', out);
}

void ka_fixrun_free(struct ka_fixrun *fr)
{
	for (size_t i = 0; i < fr->n; i++)
		ka_fix_free(fr->v[i].fix);
	free(fr->v);
	free(fr->only);
	fr->only = NULL;
	fr->v = NULL;
	fr->n = fr->cap = 0;
}
