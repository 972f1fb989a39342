#include "kaudit/input.h"

#include "kaudit/chart.h"
#include "kaudit/spill.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int add_failed(struct ka_inputs *l, const char *path,
		      enum ka_input_status status, const char *why)
{
	long idx = ka_inputs_add(l, path, false);

	if (idx < 0)
		return -1;
	l->v[idx].status = status;
	l->v[idx].error = strdup(why);
	return l->v[idx].error ? 0 : -1;
}

static bool wanted(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
	       (n > 5 && strcmp(name + n - 5, ".json") == 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	char *p;

	while (d > 1 && dir[d - 1] == '/')
		d--;
	if (d == 1 && dir[0] == '.')
		return strdup(
		    name); /* `kaudit .` reports a.yaml, not ./a.yaml */
	p = malloc(d + n + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, d);
	if (!(d == 1 && dir[0] == '/'))
		p[d++] = '/';
	memcpy(p + d, name, n + 1);
	return p;
}

/*
 * The chart that renders the file at path (realpath'd: chart), written
 * as path writes it when path ends as it should ("shop" for
 * "shop/templates/x.yaml"), else as is; *tail is path's part below it.
 * malloc'd; NULL when memory runs out, or when path is not under chart.
 */
static char *written_chart(char *chart, const char *path, char **tail)
{
	char real[PATH_MAX];
	size_t n = strlen(path), k, c = strlen(chart);

	*tail = NULL;
	if (!realpath(path, real) || strncmp(real, chart, c) != 0 ||
	    real[c] != '/' || !(*tail = strdup(real + c + 1)))
		return NULL;
	k = strlen(*tail);
	if (n > k + 1 && path[n - k - 1] == '/' &&
	    strcmp(path + n - k, *tail) == 0)
		return strndup(path, n - k - 1);
	if (strcmp(path, *tail) == 0)
		return strdup(".");
	return strdup(chart);
}

/*
 * Add a file, or a chart: a chart is rendered by helm, a template file in
 * a chart is its part of that render, and a chart's own file named on the
 * command line (values.yaml, Chart.yaml: what pre-commit passes when only
 * the values change) is the whole render. -1 when memory runs out.
 */
static long add_input(struct ka_inputs *l, const char *path, bool chart,
		      bool named)
{
	long idx = ka_inputs_add(l, path, false);
	struct ka_input *in;
	char *real_chart, *tail;
	bool whole = false;

	if (idx < 0)
		return -1;
	in = &l->v[idx];
	if (chart) {
		if (!(in->chart = strdup(path)))
			return -1;
		return idx;
	}
	real_chart = ka_chart_of_template(path);
	if (!real_chart && named) {
		real_chart = ka_chart_of_file(path);
		whole = real_chart != NULL;
	}
	if (!real_chart)
		return idx;
	in->part = true;
	in->chart = written_chart(real_chart, path, &tail);
	free(real_chart);
	if (!in->chart) {
		/* Not under it after all (a plain file), or no memory. */
		bool oom = tail != NULL;

		in->part = false;
		free(tail);
		return oom ? -1 : idx;
	}
	if (whole)
		free(tail);
	else
		in->only = tail;
	return idx;
}

static int walk(struct ka_inputs *l, const char *dir, int depth, bool chart);

/*
 * A chart: one input, which helm renders; its other files are walked too
 * (a chart at a repository's top may sit beside plain manifests), but
 * for templates/ and charts/, which are helm's.
 */
static int add_chart(struct ka_inputs *l, const char *path, int depth,
		     bool walked)
{
	long idx = add_input(l, path, true, false);

	if (idx < 0)
		return -1;
	l->v[idx].walked = walked;
	return walk(l, path, depth + 1, true);
}

/* One entry of a walked directory: walked, added, skipped or ignored. */
static int walk_entry(struct ka_inputs *l, const char *dir, const char *name,
		      int depth)
{
	char *path = join(dir, name);
	struct stat st;
	int rc = 0;

	if (!path)
		return -1;
	if (lstat(path, &st) < 0) {
		/* Vanished during the walk: nothing to audit. */
		if (errno != ENOENT && wanted(name))
			rc = add_failed(l, path, KA_INPUT_UNREADABLE,
					strerror(errno));
	} else if (name[0] == '.') {
		/* Hidden folders, and hidden files kaudit would read. */
		if (S_ISDIR(st.st_mode) ||
		    (S_ISREG(st.st_mode) && wanted(name)))
			rc = add_failed(l, path, KA_INPUT_SKIPPED,
					KA_SKIP_HIDDEN);
	} else if (S_ISLNK(st.st_mode)) {
		struct stat to;

		if (wanted(name) ||
		    (stat(path, &to) == 0 && S_ISDIR(to.st_mode)))
			rc = add_failed(l, path, KA_INPUT_SKIPPED,
					KA_SKIP_SYMLINK);
	} else if (S_ISDIR(st.st_mode) && ka_chart_is(path)) {
		/* Go templates are manifests once helm renders them. */
		rc = add_chart(l, path, depth, true);
	} else if (S_ISDIR(st.st_mode)) {
		rc = walk(l, path, depth + 1, false);
	} else if (S_ISREG(st.st_mode) && wanted(name)) {
		long idx = add_input(l, path, false, false);

		if (idx >= 0)
			l->v[idx].walked = true;
		rc = idx < 0 ? -1 : 0;
	}
	free(path);
	return rc;
}

static int walk(struct ka_inputs *l, const char *dir, int depth, bool chart)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	DIR *d;

	if (depth > 256)
		return add_failed(l, dir, KA_INPUT_UNREADABLE,
				  "directories nested too deep");
	d = opendir(dir);
	if (!d)
		return add_failed(l, dir, KA_INPUT_UNREADABLE, strerror(errno));
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 ||
		    (chart && (strcmp(e->d_name, "templates") == 0 ||
			       strcmp(e->d_name, "charts") == 0)))
			continue;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 32;
			char **p = realloc(names, c * sizeof(*p));

			if (!p) {
				rc = -1;
				goto out;
			}
			names = p;
			cap = c;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = -1;
			goto out;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = walk_entry(l, dir, names[i], depth);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

int ka_input_collect(struct ka_inputs *l, const char *path,
		     const char *stdin_name)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return ka_inputs_add(l, stdin_name, true) < 0 ? -1 : 0;
	if (stat(path, &st) < 0)
		return add_failed(l, path,
				  errno == ENOENT ? KA_INPUT_MISSING
						  : KA_INPUT_UNREADABLE,
				  strerror(errno));
	if (S_ISDIR(st.st_mode) && ka_chart_is(path))
		return add_chart(l, path, -1, false);
	if (S_ISDIR(st.st_mode))
		return walk(l, path, 0, false);
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return add_failed(l, path, KA_INPUT_UNREADABLE,
				  "not a regular file");
	if (S_ISFIFO(st.st_mode))
		return ka_inputs_add(l, path, false) < 0 ? -1 : 0;
	return add_input(l, path, false, true) < 0 ? -1 : 0;
}

long ka_inputs_add(struct ka_inputs *l, const char *path, bool is_stdin)
{
	struct ka_input *in;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct ka_input *p = realloc(l->v, cap * sizeof(*p));

		if (!p)
			return -1;
		l->v = p;
		l->cap = cap;
	}
	in = &l->v[l->n];
	memset(in, 0, sizeof(*in));
	in->path = strdup(path);
	in->render_fd = -1;
	if (!in->path)
		return -1;
	in->is_stdin = is_stdin;
	return (long)l->n++;
}

void ka_inputs_free(struct ka_inputs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].error);
		free(l->v[i].chart);
		free(l->v[i].only);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_inputs(const void *pa, const void *pb)
{
	const struct ka_input *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	/* qsort is not stable: the original order breaks ties. */
	return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

void ka_inputs_sort(struct ka_inputs *l)
{
	for (size_t i = 0; i < l->n; i++)
		l->v[i].order = i;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_inputs);
}

unsigned ka_inputs_count(const struct ka_inputs *l, enum ka_input_status status,
			 unsigned *documents)
{
	unsigned n = 0, docs = 0;

	for (size_t i = 0; i < l->n; i++) {
		n += l->v[i].status == status;
		docs += l->v[i].documents;
	}
	if (documents)
		*documents = docs;
	return n;
}

void ka_input_fail(struct ka_input *in, int err)
{
	in->status = KA_INPUT_UNREADABLE;
	free(in->error);
	in->error =
	    strdup(err == ETIMEDOUT ? "its writer sent nothing for 10 seconds "
				      "(a FIFO is read with a bounded wait)"
				    : strerror(err));
}

int ka_input_open(struct ka_input *in)
{
	int fd;

	if (in->is_stdin && in->render_fd < 0)
		return STDIN_FILENO;
	if (in->chart || in->is_stdin) {
		char self[64];

		/* The render, read from its start (a file of its own). */
		if (in->render_fd < 0) {
			ka_input_fail(in, EINVAL);
			return -1;
		}
		snprintf(self, sizeof(self), "/proc/self/fd/%d", in->render_fd);
		fd = open(self, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			ka_input_fail(in, errno);
		return fd;
	}
	/*
	 * O_NONBLOCK: opening a FIFO nobody writes to must not hang. The
	 * stream waits a moment for a writer, then reads it as empty.
	 */
	fd = open(in->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		ka_input_fail(in, errno);
	return fd;
}

void ka_inputs_merge_charts(struct ka_inputs *l)
{
	char **real = calloc(l->n + 1, sizeof(*real));
	char buf[PATH_MAX];

	/* Each chart's real path once (NULL for other inputs). */
	for (size_t i = 0; real && i < l->n; i++)
		if (l->v[i].chart && l->v[i].status == KA_INPUT_PENDING &&
		    realpath(l->v[i].chart, buf))
			real[i] = strdup(buf);
	for (size_t i = 0; real && i < l->n; i++) {
		if (!real[i] || l->v[i].only ||
		    l->v[i].status != KA_INPUT_PENDING)
			continue;
		for (size_t j = 0; j < l->n; j++)
			if (j != i && real[j] && strcmp(real[i], real[j]) == 0)
				l->v[j].status = KA_INPUT_AUDITED;
	}
	for (size_t i = 0; real && i < l->n; i++)
		free(real[i]);
	free(real);
}

int ka_inputs_keep_stdin(struct ka_inputs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct ka_input *in = &l->v[i];
		char buf[65536];
		ssize_t n;
		int fd;

		if (!in->is_stdin || in->render_fd >= 0 ||
		    (fd = ka_spill_temp_fd()) < 0)
			continue;
		errno = 0;
		while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 || write(fd, buf, (size_t)n) != n)
				break;
		}
		/* What was read is gone from stdin: the copy is the input. */
		if (n != 0)
			ka_input_fail(in, errno ? errno : EIO);
		in->render_fd = fd;
	}
	return 0;
}
