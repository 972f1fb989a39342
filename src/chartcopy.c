/*
 * A marked copy of a chart (see kaudit/chartmap.h): every template line
 * that can take one ends in a marker comment naming its file and line.
 */
#include "kaudit/chartmap.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kaudit/path.h"

#define MARK KA_CHART_MARK

/* Whether a template line can end in a comment without changing what
 * helm renders: it does not end inside an action, nor with a `-}}` that
 * trims the newline after it, nor blank. */
static bool markable(const char *line, size_t n, bool in_action)
{
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
		     line[n - 1] == '\r'))
		n--;
	if (in_action || n == 0)
		return false;
	return !(n >= 3 && memcmp(line + n - 3, "-}}", 3) == 0);
}

/* Track `{{ ... }}` across a line: true when it ends inside one. */
static bool action_after(const char *p, size_t n, bool in_action)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (!in_action && p[i] == '{' && p[i + 1] == '{') {
			in_action = true;
			i++;
		} else if (in_action && p[i] == '}' && p[i + 1] == '}') {
			in_action = false;
			i++;
		}
	}
	return in_action;
}

char *ka_chart_mark(const char *text, size_t len, const char *nonce, unsigned f,
		    size_t *outlen)
{
	size_t cap = len + len / 2 + 64, o = 0;
	char *out = malloc(cap);
	const char *p = text, *end = text + len;
	bool in_action = false;
	unsigned lineno = 0;

	if (!out)
		return NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		char mark[96];
		int m = 0;

		lineno++;
		in_action = action_after(p, n, in_action);
		if (markable(p, n, in_action))
			m = snprintf(mark, sizeof(mark), MARK "%.32s:%u:%u",
				     nonce, f, lineno);
		if (o + n + (size_t)m + 2 > cap) {
			char *q;

			cap = (o + n + (size_t)m + 2) * 2;
			if (!(q = realloc(out, cap))) {
				free(out);
				return NULL;
			}
			out = q;
		}
		/* Before a CR that ends the line, so the CR stays last. */
		if (n && p[n - 1] == '\r') {
			memcpy(out + o, p, n - 1);
			o += n - 1;
			memcpy(out + o, mark, (size_t)m);
			o += (size_t)m;
			out[o++] = '\r';
		} else {
			memcpy(out + o, p, n);
			o += n;
			memcpy(out + o, mark, (size_t)m);
			o += (size_t)m;
		}
		if (nl)
			out[o++] = '\n';
		p = nl ? nl + 1 : end;
	}
	*outlen = o;
	return out;
}

struct copy {
	const char *nonce;
	char **files; /* marked files, relative to the chart */
	size_t nfiles;
	size_t bytes, entries;
	bool bad;
};

static bool is_template(const char *rel)
{
	const char *base = strrchr(rel, '/');

	base = base ? base + 1 : rel;
	return (strncmp(rel, "templates/", 10) == 0 ||
		strstr(rel, "/templates/") != NULL) &&
	       strcmp(base, "NOTES.txt") != 0;
}

static int write_all(const char *path, const char *buf, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t w = 0;

	if (fd < 0)
		return -1;
	while (n && (w = write(fd, buf, n)) > 0) {
		buf += w;
		n -= (size_t)w;
	}
	close(fd);
	return n ? -1 : 0;
}

/* Copy one file, marked when it is a template. */
static void copy_file(struct copy *c, const char *from, const char *to,
		      const char *rel)
{
	size_t len, mlen;
	char *text = ka_path_read(from, &len), *marked = NULL;
	char **files;

	if (!text || (c->bytes += len) > KA_CHART_MAP_MAX_BYTES) {
		c->bad = true;
		free(text);
		return;
	}
	if (is_template(rel) &&
	    (files = realloc(c->files, (c->nfiles + 1) * sizeof(*files)))) {
		c->files = files;
		c->files[c->nfiles] = strdup(rel);
		if (c->files[c->nfiles])
			marked = ka_chart_mark(text, len, c->nonce,
					       (unsigned)++c->nfiles, &mlen);
		if (!marked)
			c->bad = true;
	}
	if (!c->bad &&
	    write_all(to, marked ? marked : text, marked ? mlen : len) < 0)
		c->bad = true;
	free(marked);
	free(text);
}

/* Copy the tree from into to (regular files and folders only). */
static void copy_tree(struct copy *c, const char *from, const char *to,
		      const char *rel, int depth)
{
	DIR *d = opendir(from);
	struct dirent *e;

	if (!d || depth > 64 || mkdir(to, 0700) < 0) {
		c->bad = true;
		if (d)
			closedir(d);
		return;
	}
	while (!c->bad && (e = readdir(d))) {
		char f[PATH_MAX], t[PATH_MAX], r[PATH_MAX];
		struct stat st;

		/*
		 * Hidden entries stay out (a chart at a repository's top holds
		 * .git), but for .helmignore, which helm reads.
		 */
		if (e->d_name[0] == '.' &&
		    strcmp(e->d_name, ".helmignore") != 0)
			continue;
		if (++c->entries > KA_CHART_MAP_MAX_FILES ||
		    (size_t)snprintf(f, sizeof(f), "%s/%s", from, e->d_name) >=
			sizeof(f) ||
		    (size_t)snprintf(t, sizeof(t), "%s/%s", to, e->d_name) >=
			sizeof(t) ||
		    (size_t)snprintf(r, sizeof(r), "%s%s%s", rel,
				     *rel ? "/" : "", e->d_name) >= sizeof(r)) {
			c->bad = true;
			break;
		}
		if (lstat(f, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			copy_tree(c, f, t, r, depth + 1);
		else if (S_ISREG(st.st_mode))
			copy_file(c, f, t, r);
	}
	closedir(d);
}

static void remove_tree(const char *path, int depth)
{
	DIR *d = depth < 70 ? opendir(path) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char p[PATH_MAX];
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(p, sizeof(p), "%s/%s", path, e->d_name) >=
		    sizeof(p))
			continue;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(p, depth + 1);
		else
			unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

int ka_chart_copy_marked(const char *chart, const char *to, const char *nonce,
			 char ***files, size_t *nfiles)
{
	struct copy c = {0};

	c.nonce = nonce;
	copy_tree(&c, chart, to, "", 0);
	*files = c.files;
	*nfiles = c.nfiles;
	return c.bad ? -1 : 0;
}

void ka_chart_remove_tree(const char *path)
{
	remove_tree(path, 0);
}
