/*
 * Exact template lines for a chart's render, from a marked copy of the
 * chart. See kaudit/chartmap.h.
 */
#include "kaudit/chartmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kaudit/path.h"

#define MARK	  " #kaudit-line:"
#define MARK_TEXT (MARK + 1) /* helm may trim the blank before it */

/* Whether a template line can end in a comment without changing what
 * helm renders: not inside an action, not before a `-}}` trim. */
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

char *ka_chart_mark(const char *text, size_t len, unsigned f, size_t *outlen)
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
		bool inside = in_action;
		char mark[64];
		int m = 0;

		lineno++;
		in_action = action_after(p, n, in_action);
		if (markable(p, n, inside) && !in_action)
			m = snprintf(mark, sizeof(mark), MARK "%u:%u", f,
				     lineno);
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
			marked = ka_chart_mark(text, len, (unsigned)++c->nfiles,
					       &mlen);
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

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
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

/* Remove the tree at path (ours: made by copy_tree). */
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

/* A render's documents: where each starts, its source and its number
 * among the documents of that source that hold something. */
struct rdoc {
	size_t first, n; /* lines [first, first + n), 0-based */
	const char *source;
	size_t source_len;
	long ordinal; /* -1: nothing but markers, blank lines and comments */
};

struct render {
	char *text;
	size_t len;
	const char **lines; /* each line's start */
	size_t *lens;
	size_t nlines;
	struct rdoc *docs;
	size_t ndocs;
};

static void render_free(struct render *r)
{
	free(r->text);
	free(r->lines);
	free(r->lens);
	free(r->docs);
}

/* The length of a line without its markers and trailing blanks. */
static size_t bare_len(const char *p, size_t n)
{
	const char *m = memmem(p, n, MARK_TEXT, strlen(MARK_TEXT));

	if (m)
		n = (size_t)(m - p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return n;
}

static bool is_source(const char *p, size_t n)
{
	return n > 10 && memcmp(p, "# Source: ", 10) == 0;
}

static int read_render(int fd, struct render *r)
{
	struct stat st;
	size_t cap = 0;

	memset(r, 0, sizeof(*r));
	if (fstat(fd, &st) < 0 || (size_t)st.st_size > KA_CHART_MAP_MAX_BYTES)
		return -1;
	r->len = (size_t)st.st_size;
	r->text = malloc(r->len + 1);
	if (!r->text || pread(fd, r->text, r->len, 0) != (ssize_t)r->len)
		return -1;
	for (const char *p = r->text, *end = r->text + r->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (r->nlines == cap) {
			const char **l;
			size_t *s;

			cap = cap ? cap * 2 : 1024;
			l = realloc(r->lines, cap * sizeof(*l));
			if (l)
				r->lines = l;
			s = realloc(r->lens, cap * sizeof(*s));
			if (s)
				r->lens = s;
			if (!l || !s)
				return -1;
		}
		r->lines[r->nlines] = p;
		r->lens[r->nlines++] = (size_t)((nl ? nl : end) - p);
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* Split into documents at `---` lines, numbering them per source. */
static int split_docs(struct render *r)
{
	r->docs = calloc(r->nlines + 1, sizeof(*r->docs));
	if (!r->docs)
		return -1;
	for (size_t i = 0; i < r->nlines; i++) {
		struct rdoc *d;
		size_t n = bare_len(r->lines[i], r->lens[i]);

		if ((n == 3 && memcmp(r->lines[i], "---", 3) == 0) ||
		    !r->ndocs) {
			d = &r->docs[r->ndocs++];
			d->first = i;
			d->ordinal = -1;
		}
		d = &r->docs[r->ndocs - 1];
		d->n = i - d->first + 1;
		if (is_source(r->lines[i], n) && !d->source) {
			d->source = r->lines[i] + 10;
			d->source_len = n - 10;
		} else if (n && r->lines[i][0] != '#' &&
			   !(n == 3 && memcmp(r->lines[i], "---", 3) == 0)) {
			d->ordinal = 0; /* numbered below */
		}
	}
	for (size_t i = 0; i < r->ndocs; i++) {
		long k = 0;

		if (r->docs[i].ordinal < 0)
			continue;
		for (size_t j = 0; j < i; j++)
			k += r->docs[j].ordinal >= 0 &&
			     r->docs[j].source_len == r->docs[i].source_len &&
			     (!r->docs[i].source_len ||
			      memcmp(r->docs[j].source, r->docs[i].source,
				     r->docs[i].source_len) == 0);
		r->docs[i].ordinal = k;
	}
	return 0;
}

static const struct rdoc *twin(const struct render *r, const struct rdoc *d)
{
	for (size_t i = 0; i < r->ndocs; i++)
		if (r->docs[i].ordinal == d->ordinal &&
		    r->docs[i].source_len == d->source_len &&
		    (!d->source_len ||
		     memcmp(r->docs[i].source, d->source, d->source_len) == 0))
			return &r->docs[i];
	return NULL;
}

/* Append a line's markers (file id, line) to m: how many, -1 on ENOMEM. */
static long markers(struct ka_chart_map *m, const char *p, size_t n)
{
	const char *end = p + n;
	long k = 0;

	while (
	    (p = memmem(p, (size_t)(end - p), MARK_TEXT, strlen(MARK_TEXT)))) {
		unsigned long f, l;
		char *e;

		p += strlen(MARK_TEXT);
		f = strtoul(p, &e, 10);
		if (e >= end || *e != ':' || f == 0 || f > m->nfiles)
			continue;
		l = strtoul(e + 1, NULL, 10);
		if (m->nmarks == m->capmarks) {
			size_t cap = m->capmarks ? m->capmarks * 2 : 1024;
			uint32_t *v = realloc(m->marks, cap * 2 * sizeof(*v));

			if (!v)
				return -1;
			m->marks = v;
			m->capmarks = cap;
		}
		m->marks[2 * m->nmarks] = (uint32_t)f;
		m->marks[2 * m->nmarks + 1] = (uint32_t)l;
		m->nmarks++;
		k++;
	}
	return k;
}

/*
 * A document's content: its lines without the `---` and `# Source:` head
 * and without blank (or marker-only) lines at either end, which helm
 * trims from the real render but not from marked lines.
 */
static void content(const struct render *r, const struct rdoc *d, size_t *first,
		    size_t *n)
{
	size_t a = d->first, b = d->first + d->n;

	while (a < b) {
		size_t len = bare_len(r->lines[a], r->lens[a]);

		if (len && !(len == 3 && memcmp(r->lines[a], "---", 3) == 0) &&
		    !is_source(r->lines[a], len))
			break;
		a++;
	}
	while (b > a && bare_len(r->lines[b - 1], r->lens[b - 1]) == 0)
		b--;
	*first = a;
	*n = b - a;
}

/* Line up each document of real with its twin in marked. */
static int line_up(struct ka_chart_map *m, const struct render *real,
		   const struct render *marked)
{
	for (size_t i = 0; i < real->ndocs; i++) {
		const struct rdoc *d = &real->docs[i], *t;
		size_t rf, rn, mf, mn;
		uint32_t first = 0, count = 0;

		if (d->ordinal < 0 || !(t = twin(marked, d)))
			continue;
		content(real, d, &rf, &rn);
		content(marked, t, &mf, &mn);
		if (rn != mn)
			continue;
		/*
		 * Bottom up: a line with no marker takes the first of the
		 * next line below that has one.
		 */
		for (size_t k = rn; k-- > 0;) {
			size_t at = m->nmarks;
			long got = markers(m, marked->lines[mf + k],
					   marked->lens[mf + k]);

			if (got < 0)
				return -1;
			if (got > 0) {
				first = (uint32_t)at;
				count = (uint32_t)got;
				m->first[rf + k + 1] = first;
				m->count[rf + k + 1] = count;
			} else if (count) {
				m->first[rf + k + 1] = first;
				m->count[rf + k + 1] = 1;
			}
		}
	}
	return 0;
}

void ka_chart_map_free(struct ka_chart_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i]);
	free(m->files);
	free(m->first);
	free(m->count);
	free(m->marks);
	free(m);
}

struct ka_chart_map *ka_chart_map_make(const struct ka_helm_opts *o,
				       const char *chart, int render)
{
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX], copy[PATH_MAX], *why = NULL;
	struct copy c = {0};
	struct render real, marked;
	struct ka_chart_map *m = NULL;
	int fd = -1;

	memset(&real, 0, sizeof(real));
	memset(&marked, 0, sizeof(marked));
	if ((size_t)snprintf(dir, sizeof(dir), "%s/kaudit-chart-XXXXXX",
			     tmp && *tmp ? tmp : "/tmp") >= sizeof(dir) ||
	    !mkdtemp(dir))
		return NULL;
	if ((size_t)snprintf(copy, sizeof(copy), "%s/chart", dir) <
	    sizeof(copy))
		copy_tree(&c, chart, copy, "", 0);
	else
		c.bad = true;
	if (!c.bad)
		fd = ka_chart_render(o, copy, &why);
	free(why);
	remove_tree(dir, 0);
	if (fd < 0 || read_render(render, &real) < 0 ||
	    read_render(fd, &marked) < 0 || split_docs(&real) < 0 ||
	    split_docs(&marked) < 0 || !(m = calloc(1, sizeof(*m))))
		goto out;
	m->files = c.files;
	m->nfiles = c.nfiles;
	c.files = NULL;
	m->nlines = real.nlines;
	m->first = calloc(real.nlines + 1, sizeof(*m->first));
	m->count = calloc(real.nlines + 1, sizeof(*m->count));
	if (!m->first || !m->count || line_up(m, &real, &marked) < 0) {
		ka_chart_map_free(m);
		m = NULL;
		goto out;
	}
out:
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; c.files && i < c.nfiles; i++)
		free(c.files[i]);
	free(c.files);
	render_free(&real);
	render_free(&marked);
	return m;
}

size_t ka_chart_map_at(const struct ka_chart_map *m, unsigned line, size_t k,
		       const char **file, unsigned *tline)
{
	size_t n;

	if (!m || line == 0 || line > m->nlines)
		return 0;
	n = m->count[line];
	if (k < n && file && tline) {
		const uint32_t *mk = &m->marks[2 * (m->first[line] + k)];

		*file = m->files[mk[0] - 1];
		*tline = mk[1];
	}
	return n;
}
