/*
 * --diff: a file's edits as a unified diff that `git apply` (and
 * patch -p1) reads: lines split on LF (a CR stays in its line, as git
 * keeps it), 3 lines of context, hunks whose context would touch merged,
 * and the "\ No newline at end of file" marker where a last line has no
 * LF. Each change is only the lines the edits touch, less the lines that
 * stay the same at either end.
 */
#include <stdlib.h>
#include <string.h>

#include "kaudit/clean.h"
#include "kaudit/fix.h"

#define CONTEXT 3

struct line {
	const char *p;
	size_t len; /* without its LF */
	bool nl;    /* ends with LF */
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static int push(struct lines *l, const char *p, size_t len, bool nl)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct line *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct line){p, len, nl};
	return 0;
}

static int split(struct lines *l, const char *p, size_t len)
{
	while (len) {
		const char *nl = memchr(p, '\n', len);
		size_t k = nl ? (size_t)(nl - p) : len;

		if (push(l, p, k, nl != NULL) < 0)
			return -1;
		k += nl != NULL;
		p += k;
		len -= k;
	}
	return 0;
}

/* A change: old lines [a, a + na) become the new lines nv[0..nn). */
struct change {
	size_t a, na;
	struct lines nl;
	char *text; /* the new lines' bytes */
};

/* The first line (index into old) holding byte o. */
static size_t line_of(const struct lines *old, const char *buf, size_t o)
{
	size_t lo = 0, hi = old->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t end = (size_t)(old->v[mid].p - buf) + old->v[mid].len +
			     old->v[mid].nl;

		if (end <= o)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool same(const struct line *x, const struct line *y)
{
	return x->len == y->len && x->nl == y->nl &&
	       memcmp(x->p, y->p, x->len) == 0;
}

/* Make change c of old lines [a, b) and edits e[i..j). */
static int make(struct change *c, const struct lines *old, const char *buf,
		size_t len, size_t a, size_t b, const struct ka_edit *e,
		size_t i, size_t j)
{
	size_t from = a < old->n ? (size_t)(old->v[a].p - buf) : len;
	size_t to = b < old->n ? (size_t)(old->v[b].p - buf) : len;
	size_t cap = to - from + 1, n = 0, at = from;
	struct lines ol = {0};

	for (size_t k = i; k < j; k++)
		cap += e[k].len;
	memset(c, 0, sizeof(*c));
	if (!(c->text = malloc(cap)))
		return -1;
	for (size_t k = i; k < j; k++) {
		memcpy(c->text + n, buf + at, e[k].start - at);
		n += e[k].start - at;
		memcpy(c->text + n, e[k].text, e[k].len);
		n += e[k].len;
		at = e[k].end;
	}
	memcpy(c->text + n, buf + at, to - at);
	n += to - at;
	if (split(&c->nl, c->text, n) < 0)
		return -1;
	ol.v = old->v + a;
	ol.n = b - a;
	/* Drop the lines that stay the same at either end. */
	size_t s = 0, t = 0;

	while (s < ol.n && s < c->nl.n && same(&ol.v[s], &c->nl.v[s]))
		s++;
	while (t < ol.n - s && t < c->nl.n - s &&
	       same(&ol.v[ol.n - 1 - t], &c->nl.v[c->nl.n - 1 - t]))
		t++;
	c->a = a + s;
	c->na = ol.n - s - t;
	memmove(c->nl.v, c->nl.v + s, (c->nl.n - s - t) * sizeof(struct line));
	c->nl.n -= s + t;
	return 0;
}

static void line_out(FILE *out, char sign, const struct line *l, bool clean)
{
	fputc(sign, out);
	if (clean)
		ka_clean_write(out, l->p, l->len);
	else
		fwrite(l->p, 1, l->len, out);
	fputc('\n', out);
	if (!l->nl)
		fputs("\\ No newline at end of file\n", out);
}

/* The path as git writes it in a header (marker "--- ", side "a/"):
 * quoted C-style when it holds a control character, a quote, a backslash
 * or a byte past ASCII. */
static void path_out(FILE *out, const char *marker, const char *side,
		     const char *path)
{
	bool quote = false;

	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		quote |= *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\';
	if (!quote) {
		fprintf(out, "%s%s%s\n", marker, side, path);
		return;
	}
	fprintf(out, "%s\"%s", marker, side);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
	fputs("\"\n", out);
}

static void hunk(FILE *out, const struct lines *old, const struct change *c,
		 size_t nc, long *delta, bool clean)
{
	size_t first = c[0].a > CONTEXT ? c[0].a - CONTEXT : 0;
	size_t last = c[nc - 1].a + c[nc - 1].na + CONTEXT;
	size_t olds, news = 0;

	if (last > old->n)
		last = old->n;
	olds = last - first;
	news = olds;
	for (size_t k = 0; k < nc; k++)
		news = news - c[k].na + c[k].nl.n;
	fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", olds ? first + 1 : first,
		olds,
		news ? (size_t)((long)first + *delta) + 1
		     : (size_t)((long)first + *delta),
		news);
	for (size_t k = 0, at = first; k < nc; k++) {
		for (; at < c[k].a; at++)
			line_out(out, ' ', &old->v[at], clean);
		for (size_t i = 0; i < c[k].na; i++)
			line_out(out, '-', &old->v[at + i], clean);
		for (size_t i = 0; i < c[k].nl.n; i++)
			line_out(out, '+', &c[k].nl.v[i], clean);
		at += c[k].na;
		if (k + 1 == nc)
			for (; at < last; at++)
				line_out(out, ' ', &old->v[at], clean);
	}
	*delta += (long)news - (long)olds;
}

int ka_edits_diff(FILE *out, const char *path, const char *buf, size_t len,
		  const struct ka_edit *e, size_t n, bool clean)
{
	struct lines old = {0};
	struct change *c = NULL;
	size_t nc = 0;
	long delta = 0;
	int r = -1;

	if (split(&old, buf, len) < 0 || (n && !(c = calloc(n, sizeof(*c)))))
		goto done;
	for (size_t i = 0; i < n;) {
		size_t a = line_of(&old, buf, e[i].start), j = i, b;

		/* Edits on the lines of the last join it. */
		b = line_of(&old, buf, e[i].end) + 1;
		for (j = i + 1; j < n && line_of(&old, buf, e[j].start) <= b;
		     j++)
			b = line_of(&old, buf, e[j].end) + 1;
		if (b > old.n)
			b = old.n;
		if (make(&c[nc], &old, buf, len, a, b, e, i, j) < 0) {
			nc++;
			goto done;
		}
		if (c[nc].na || c[nc].nl.n)
			nc++;
		else {
			free(c[nc].nl.v);
			free(c[nc].text);
		}
		i = j;
	}
	if (nc) {
		path_out(out, "--- ", "a/", path);
		path_out(out, "+++ ", "b/", path);
	}
	for (size_t k = 0; k < nc;) {
		size_t j = k + 1;

		while (j < nc &&
		       c[j].a <= c[j - 1].a + c[j - 1].na + 2 * CONTEXT)
			j++;
		hunk(out, &old, c + k, j - k, &delta, clean);
		k = j;
	}
	r = 0;
done:
	for (size_t k = 0; k < nc; k++) {
		free(c[k].nl.v);
		free(c[k].text);
	}
	free(c);
	free(old.v);
	return r;
}
