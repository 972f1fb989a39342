/* Line hashes for the kept SARIF results: see kaudit/sarif_linehash.h. */
#include "kaudit/sarif_linehash.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/strhash.h"

#include "fastio.h"

#include "kaudit/linehash.h"

#define MARK 0x01

/* The file's number (added when new), or -1 when memory runs out. */
static long file_number(struct ka_sarif_hashes *h, const char *path)
{
	size_t i;

	if ((h->nfiles + 1) * 2 > h->capslots) {
		size_t cap = h->capslots ? h->capslots * 2 : 64;
		uint32_t *v = calloc(cap, sizeof(*v));

		if (!v)
			return -1;
		for (size_t k = 0; k < h->nfiles; k++) {
			for (i = ka_str_hash(h->files[k]) & (cap - 1); v[i];
			     i = (i + 1) & (cap - 1))
				;
			v[i] = (uint32_t)k + 1;
		}
		free(h->slots);
		h->slots = v;
		h->capslots = cap;
	}
	for (i = ka_str_hash(path) & (h->capslots - 1); h->slots[i];
	     i = (i + 1) & (h->capslots - 1))
		if (strcmp(h->files[h->slots[i] - 1], path) == 0)
			return (long)h->slots[i] - 1;
	if (h->nfiles == h->capfiles) {
		size_t cap = h->capfiles ? h->capfiles * 2 : 16;
		char **v = realloc(h->files, cap * sizeof(*v));

		if (!v)
			return -1;
		h->files = v;
		h->capfiles = cap;
	}
	if (h->nfiles >= 0xfffffff0u || !(h->files[h->nfiles] = strdup(path)))
		return -1;
	h->slots[i] = (uint32_t)++h->nfiles;
	return (long)h->nfiles - 1;
}

void ka_sarif_hash_mark(struct ka_sarif_hashes *h, FILE *out, const char *path,
			unsigned line)
{
	long n = file_number(h, path);

	if (n < 0) {
		h->oom = true;
		return;
	}
	fprintf(out, "%c%ld:%u%c", MARK, n, line, MARK);
}

/* A whole mark's text (between the two 0x01): its file and line. */
static bool parse(const char *m, size_t len, uint32_t *file, uint32_t *line)
{
	char buf[32];
	char *e;
	unsigned long f, l;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, m, len);
	buf[len] = '\0';
	f = strtoul(buf, &e, 10);
	if (*e != ':')
		return false;
	l = strtoul(e + 1, &e, 10);
	if (*e || f > 0xffffffffUL || l > 0xffffffffUL)
		return false;
	*file = (uint32_t)f;
	*line = (uint32_t)l;
	return true;
}

static int by_file_line(const void *a, const void *b)
{
	const struct ka_sarif_hash_ask *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The ask for this mark (after ka_sarif_hash_compute), or NULL. */
static const struct ka_sarif_hash_ask *find(const struct ka_sarif_hashes *h,
					    uint32_t file, uint32_t line)
{
	struct ka_sarif_hash_ask key = {.file = file, .line = line};

	return h->nasks
		   ? bsearch(&key, h->asks, h->nasks, sizeof(key), by_file_line)
		   : NULL;
}

/*
 * Feed p[0..n) through the mark machine: plain bytes go to plain(),
 * each whole mark to mark(); a mark may be cut between two chunks.
 */
static void marks(struct ka_sarif_hashes *h, FILE *out, const char *p, size_t n,
		  void (*plain)(FILE *out, const char *p, size_t n),
		  void (*mark)(struct ka_sarif_hashes *h, FILE *out))
{
	const char *end = p + n;

	while (p < end) {
		const char *m;

		if (!h->in_mark) {
			m = memchr(p, MARK, (size_t)(end - p));
			if (!m) {
				plain(out, p, (size_t)(end - p));
				return;
			}
			plain(out, p, (size_t)(m - p));
			p = m + 1;
			h->in_mark = true;
			h->nmark = 0;
			continue;
		}
		m = memchr(p, MARK, (size_t)(end - p));
		for (const char *q = p; q < (m ? m : end); q++)
			if (h->nmark < sizeof(h->mark))
				h->mark[h->nmark++] = *q;
		if (!m)
			return;
		p = m + 1;
		h->in_mark = false;
		mark(h, out);
	}
}

static void no_plain(FILE *out, const char *p, size_t n)
{
	(void)out;
	(void)p;
	(void)n;
}

static void write_plain(FILE *out, const char *p, size_t n)
{
	fwrite(p, 1, n, out);
}

static void collect_mark(struct ka_sarif_hashes *h, FILE *out)
{
	struct ka_sarif_hash_ask a = {0};

	(void)out;
	if (!parse(h->mark, h->nmark, &a.file, &a.line))
		return;
	if (h->nasks == h->capasks) {
		size_t cap = h->capasks ? h->capasks * 2 : 256;
		struct ka_sarif_hash_ask *v =
		    realloc(h->asks, cap * sizeof(*v));

		if (!v) {
			h->oom = true;
			return;
		}
		h->asks = v;
		h->capasks = cap;
	}
	h->asks[h->nasks++] = a;
}

static void write_mark(struct ka_sarif_hashes *h, FILE *out)
{
	uint32_t file, line;
	const struct ka_sarif_hash_ask *a =
	    parse(h->mark, h->nmark, &file, &line) ? find(h, file, line) : NULL;

	if (a && a->count)
		fprintf(out, "\"primaryLocationLineHash\": \"%llx:%u\", ",
			(unsigned long long)a->hash, (unsigned)a->count);
}

static void collect_chunk(void *ud, FILE *out, const char *p, size_t n)
{
	marks(ud, out, p, n, no_plain, collect_mark);
}

static void write_chunk(void *ud, FILE *out, const char *p, size_t n)
{
	marks(ud, out, p, n, write_plain, write_mark);
}

struct ka_sarif_sink ka_sarif_hash_collector(struct ka_sarif_hashes *h)
{
	h->in_mark = false;
	return (struct ka_sarif_sink){collect_chunk, h};
}

struct ka_sarif_sink ka_sarif_hash_writer(struct ka_sarif_hashes *h)
{
	h->in_mark = false;
	return (struct ka_sarif_sink){write_chunk, h};
}

void ka_sarif_hash_compute(struct ka_sarif_hashes *h)
{
	size_t *lines;
	uint64_t *hash;
	uint32_t *count;

	if (!h->nasks)
		return;
	qsort(h->asks, h->nasks, sizeof(*h->asks), by_file_line);
	lines = malloc(h->nasks * sizeof(*lines));
	hash = malloc(h->nasks * sizeof(*hash));
	count = malloc(h->nasks * sizeof(*count));
	if (!lines || !hash || !count) {
		h->oom = true;
		h->nasks = 0;
	}
	/* Each file's run of asks, hashed in one streamed read. */
	for (size_t i = 0, j; i < h->nasks; i = j) {
		for (j = i; j < h->nasks && h->asks[j].file == h->asks[i].file;
		     j++)
			lines[j - i] = h->asks[j].line;
		if (h->asks[i].file >= h->nfiles ||
		    ka_linehash_lines(h->files[h->asks[i].file], lines, j - i,
				      hash, count) < 0)
			continue;
		for (size_t k = i; k < j; k++) {
			h->asks[k].hash = hash[k - i];
			h->asks[k].count = count[k - i];
		}
	}
	free(lines);
	free(hash);
	free(count);
}

void ka_sarif_hashes_free(struct ka_sarif_hashes *h)
{
	for (size_t i = 0; i < h->nfiles; i++)
		free(h->files[i]);
	free(h->files);
	free(h->slots);
	free(h->asks);
	memset(h, 0, sizeof(*h));
}
