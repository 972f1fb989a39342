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
#include <time.h>
#include <unistd.h>

#include "kaudit/path.h"

#define MARK	  " #kaudit-line:"
#define MARK_TEXT (MARK + 1) /* helm may trim the blank before it */

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
		/* Only the run's own: a template cannot forge one. */
		if ((size_t)(end - p) <= m->nonce_len ||
		    memcmp(p, m->nonce, m->nonce_len) != 0 ||
		    p[m->nonce_len] != ':')
			continue;
		p += m->nonce_len + 1;
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
				m->own[rf + k + 1] = 1;
			} else if (count) {
				m->first[rf + k + 1] = first;
				m->count[rf + k + 1] = 1;
			}
		}
	}
	return 0;
}

static size_t line_len(const struct ka_chart_map *m, size_t i)
{
	const char *p = m->text + m->starts[i];
	size_t n = m->starts[i + 1] - m->starts[i];

	return bare_len(p, n && p[n - 1] == '\n' ? n - 1 : n);
}

/* Whether rendered line i (1-based) is a document's `---` or its
 * `# Source:` line: a block never reaches past one. */
static bool head_line(const struct ka_chart_map *m, size_t i)
{
	const char *p = m->text + m->starts[i];
	size_t n = line_len(m, i);

	return (n == 3 && memcmp(p, "---", 3) == 0) || is_source(p, n);
}

/*
 * Each line's block (see ka_chart_map_block), found once: the first line
 * from it on that has markers (0: a `---` or `# Source:` line, or the
 * end, comes first), and the first line of the block that line ends.
 */
static int blocks(struct ka_chart_map *m)
{
	m->block_first = calloc(m->nlines + 2, sizeof(*m->block_first));
	m->block_last = calloc(m->nlines + 2, sizeof(*m->block_last));
	if (!m->block_first || !m->block_last)
		return -1;
	for (size_t l = 1; l <= m->nlines; l++)
		m->block_first[l] =
		    l == 1 || m->own[l - 1] || head_line(m, l - 1)
			? (uint32_t)l
			: m->block_first[l - 1];
	for (size_t l = m->nlines; l > 0; l--)
		m->block_last[l] = m->own[l]	     ? (uint32_t)l
				   : head_line(m, l) ? 0
						     : m->block_last[l + 1];
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
	free(m->own);
	free(m->text);
	free(m->starts);
	free(m->block_first);
	free(m->block_last);
	free(m);
}

/* 16 hex digits nobody can guess (the kernel's random bytes). */
static void new_nonce(char out[17])
{
	unsigned char b[8] = {0};
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	uint64_t v;

	if (fd < 0 || read(fd, b, sizeof(b)) != (ssize_t)sizeof(b)) {
		uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);

		memcpy(b, &t, sizeof(b));
	}
	if (fd >= 0)
		close(fd);
	memcpy(&v, b, sizeof(v));
	snprintf(out, 17, "%016llx", (unsigned long long)v);
}

int ka_chart_map_start(const struct ka_helm_opts *o, const char *chart,
		       struct ka_chart_map_job *j)
{
	const char *tmp = getenv("TMPDIR");
	char copy[PATH_MAX], *why = NULL;

	memset(j, 0, sizeof(*j));
	j->render.pid = -1;
	j->render.out = j->render.err = -1;
	if ((size_t)snprintf(j->dir, sizeof(j->dir), "%s/kaudit-chart-XXXXXX",
			     tmp && *tmp ? tmp : "/tmp") >= sizeof(j->dir) ||
	    !mkdtemp(j->dir)) {
		j->dir[0] = '\0';
		return -1;
	}
	new_nonce(j->nonce);
	if ((size_t)snprintf(copy, sizeof(copy), "%s/chart", j->dir) >=
		sizeof(copy) ||
	    ka_chart_copy_marked(chart, copy, j->nonce, &j->files, &j->nfiles) <
		0 ||
	    ka_chart_render_start(o, copy, &j->render, &why) < 0) {
		free(why);
		return -1;
	}
	return 0;
}

static void job_end(struct ka_chart_map_job *j, int fd)
{
	if (fd >= 0)
		close(fd);
	ka_chart_render_wait(&j->render, NULL);
	if (j->dir[0])
		ka_chart_remove_tree(j->dir);
	for (size_t i = 0; j->files && i < j->nfiles; i++)
		free(j->files[i]);
	free(j->files);
	memset(j, 0, sizeof(*j));
	j->render.pid = -1;
	j->render.out = j->render.err = -1;
}

struct ka_chart_map *ka_chart_map_finish(struct ka_chart_map_job *j, int render)
{
	struct render real, marked;
	struct ka_chart_map *m = NULL;
	int fd =
	    j->render.pid > 0 ? ka_chart_render_wait(&j->render, NULL) : -1;

	memset(&real, 0, sizeof(real));
	memset(&marked, 0, sizeof(marked));
	if (fd < 0 || render < 0 || read_render(render, &real) < 0 ||
	    read_render(fd, &marked) < 0 || split_docs(&real) < 0 ||
	    split_docs(&marked) < 0 || !(m = calloc(1, sizeof(*m))))
		goto out;
	m->files = j->files;
	m->nfiles = j->nfiles;
	memcpy(m->nonce, j->nonce, sizeof(m->nonce));
	m->nonce_len = strlen(m->nonce);
	j->files = NULL;
	m->nlines = real.nlines;
	m->first = calloc(real.nlines + 1, sizeof(*m->first));
	m->count = calloc(real.nlines + 1, sizeof(*m->count));
	m->own = calloc(real.nlines + 1, 1);
	m->starts = calloc(real.nlines + 2, sizeof(*m->starts));
	if (!m->first || !m->count || !m->own || !m->starts ||
	    line_up(m, &real, &marked) < 0) {
		ka_chart_map_free(m);
		m = NULL;
		goto out;
	}
	/* The real render stays: ka_chart_map_block hands out its lines. */
	for (size_t i = 0; i < real.nlines; i++)
		m->starts[i + 1] = (size_t)(real.lines[i] - real.text);
	m->starts[real.nlines + 1] = real.len;
	m->text = real.text;
	m->len = real.len;
	real.text = NULL;
	if (blocks(m) < 0) {
		ka_chart_map_free(m);
		m = NULL;
	}
out:
	job_end(j, fd);
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

bool ka_chart_map_block(const struct ka_chart_map *m, unsigned line,
			unsigned *first, unsigned *last, const char **text,
			size_t *len)
{
	uint32_t l;

	if (!m || !m->text || line == 0 || line > m->nlines ||
	    !(l = m->block_last[line]))
		return false;
	*first = m->block_first[l];
	*last = l;
	*text = m->text + m->starts[*first];
	*len = m->starts[l + 1] - m->starts[*first];
	return true;
}

bool ka_chart_map_line(const struct ka_chart_map *m, unsigned line,
		       const char **text, size_t *len)
{
	if (!m || !m->text || line == 0 || line > m->nlines)
		return false;
	*text = m->text + m->starts[line];
	*len = line_len(m, line);
	return true;
}
