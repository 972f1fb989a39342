/*
 * Fixes to byte edits (kaudit/fix.h): positions are libyaml's (lines
 * broken as it breaks them, columns in characters, a byte order mark not
 * counted), so the file's lines are indexed the same way. Inserts at one
 * place are merged into one tree of keys and written once, in the style
 * of the place: block lines at its indentation ending as its lines end
 * (CRLF stays CRLF), or flow entries.
 */
#include "kaudit/fix.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/fixtext.h"
#include "kaudit/lines.h"

void ka_fix_free(struct ka_fix *x)
{
	if (!x)
		return;
	free(x->old);
	free(x->keys);
	free(x->text);
	free(x);
}

static char *dup_or_null(const char *s, bool *oom)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		*oom = true;
	return d;
}

struct ka_fix *ka_fix_dup(const struct ka_fix *x)
{
	struct ka_fix *d = malloc(sizeof(*d));
	bool oom = false;

	if (!d)
		return NULL;
	*d = *x;
	d->old = dup_or_null(x->old, &oom);
	d->keys = dup_or_null(x->keys, &oom);
	d->text = dup_or_null(x->text, &oom);
	if (oom) {
		ka_fix_free(d);
		return NULL;
	}
	return d;
}

void ka_edits_free(struct ka_edit *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].text);
	free(e);
}

/* The file's lines as libyaml counts them: start offsets. */
struct index {
	const char *buf;
	size_t len, *start, n;
	size_t bom; /* bytes of a byte order mark at the start */
};

static int index_lines(struct index *ix, const char *buf, size_t len)
{
	size_t cap = 64;

	ix->buf = buf;
	ix->len = len;
	ix->n = 0;
	ix->bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	if (!(ix->start = malloc(cap * sizeof(size_t))))
		return -1;
	ix->start[ix->n++] = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)buf[i];
		size_t b = c == '\n' || c == '\r' || c == 0xc2 || c == 0xe2
			       ? ka_line_break(buf + i, len - i)
			       : 0;

		if (!b) {
			i++;
			continue;
		}
		i += b;
		if (ix->n == cap) {
			size_t *v =
			    realloc(ix->start, 2 * cap * sizeof(size_t));

			if (!v)
				return -1;
			ix->start = v;
			cap *= 2;
		}
		ix->start[ix->n++] = i;
	}
	return 0;
}

/* The end of line l (1-based) before its break. */
static size_t line_end(const struct index *ix, unsigned l)
{
	size_t e = l < ix->n ? ix->start[l] : ix->len;

	for (size_t p = ix->start[l - 1]; p < e; p++)
		if (ka_line_break(ix->buf + p, e - p))
			return p;
	return e;
}

/* The byte offset of line:col, or SIZE_MAX when there is no such place. */
static size_t offset(const struct index *ix, unsigned line, unsigned col)
{
	size_t p, e;

	if (!line || line > ix->n || !col)
		return SIZE_MAX;
	p = ix->start[line - 1] + (line == 1 ? ix->bom : 0);
	e = line_end(ix, line);
	for (unsigned c = 1; c < col; c++) {
		if (p >= e)
			return SIZE_MAX;
		p++;
		while (p < e && ((unsigned char)ix->buf[p] & 0xc0) == 0x80)
			p++;
	}
	return p;
}

/* The break line l ends with (CRLF, LF, CR, NEL, LS or PS), or line
 * 1's when l has none; LF for a file of one line. */
static void eol_of(const struct index *ix, unsigned l, char eol[4])
{
	size_t e;

	if (l >= ix->n)
		l = 1;
	if (l >= ix->n) {
		memcpy(eol, "\n", 2);
		return;
	}
	e = line_end(ix, l);
	memcpy(eol, ix->buf + e, ix->start[l] - e);
	eol[ix->start[l] - e] = '\0';
}

/* One edit being made, and the fixes it merges. */
struct pending {
	size_t at;	       /* INSERT, PREPEND: where; REPLACE: start */
	size_t end;	       /* REPLACE: end; else at */
	unsigned indent;       /* block inserts at one place: deeper first */
	bool block;	       /* a block INSERT (a tree of keys) */
	bool eof_break;	       /* a break goes first (the file lacks one) */
	struct ka_fixkey keys; /* INSERT: the keys */
	const struct ka_fix *first;
	struct ka_fixtext text; /* REPLACE, PREPEND, flow INSERT: the text */
	size_t order;		/* first fix's index: a stable sort */
};

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->indent != y->indent)
		return x->indent > y->indent ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Only spaces between the start of line l and offset o. */
static bool blank_before(const struct index *ix, unsigned l, size_t o)
{
	for (size_t p = ix->start[l - 1] + (l == 1 ? ix->bom : 0); p < o; p++)
		if (ix->buf[p] != ' ')
			return false;
	return true;
}

/*
 * Where fix x edits, in *at and *end: 0, or -1 when the place is not in
 * the file as x saw it. *eof_break: the insert goes after a last line
 * that has no break.
 */
static int place(const struct index *ix, const struct ka_fix *x, size_t *at,
		 size_t *end, bool *eof_break)
{
	size_t o = offset(ix, x->line, x->col);

	*eof_break = false;
	if (o == SIZE_MAX)
		return -1;
	*at = *end = o;
	switch (x->op) {
	case KA_FIX_REPLACE:
		*end = offset(ix, x->end_line, x->end_col);
		if (*end == SIZE_MAX || *end < o || !x->old ||
		    strlen(x->old) != *end - o ||
		    memcmp(ix->buf + o, x->old, *end - o))
			return -1;
		return 0;
	case KA_FIX_INSERT:
		if (x->flow)
			return 0;
		if (blank_before(ix, x->line, o)) {
			*at = *end = ix->start[x->line - 1] +
				     (x->line == 1 ? ix->bom : 0);
		} else if (x->line < ix->n) {
			*at = *end = ix->start[x->line];
		} else {
			*at = *end = ix->len;
			*eof_break = true;
		}
		return 0;
	case KA_FIX_PREPEND:
		if (x->flow)
			return 0;
		if (!blank_before(ix, x->line, o))
			return -1;
		*at = *end =
		    ix->start[x->line - 1] + (x->line == 1 ? ix->bom : 0);
		return 0;
	}
	return -1;
}

/* Fix i joins the pending edit at the same place, or starts one. */
static int gather(const struct index *ix, struct ka_fix *const *fx, size_t i,
		  struct pending *p, size_t *np, bool *ok)
{
	const struct ka_fix *x = fx[i];
	size_t at, end;
	bool eof_break;
	struct pending *q = NULL;

	*ok = false;
	if (place(ix, x, &at, &end, &eof_break) < 0)
		return 0;
	for (size_t k = 0; k < *np; k++)
		if (p[k].at == at && p[k].first->op == x->op &&
		    p[k].block == (x->op == KA_FIX_INSERT && !x->flow) &&
		    (x->op != KA_FIX_INSERT || x->flow ||
		     p[k].indent == x->indent)) {
			q = &p[k];
			break;
		}
	if (q && x->op != KA_FIX_INSERT) {
		/* The same edit twice (two checks, one value) is one. */
		*ok = q->end == end && x->op == q->first->op &&
		      strcmp(x->text, q->first->text) == 0;
		return 0;
	}
	if (!q) {
		q = &p[(*np)++];
		memset(q, 0, sizeof(*q));
		q->at = at;
		q->end = end;
		q->indent = x->op == KA_FIX_INSERT && !x->flow ? x->indent : 0;
		q->block = x->op == KA_FIX_INSERT && !x->flow;
		q->eof_break = eof_break;
		q->first = x;
		q->order = i;
	}
	if (x->op == KA_FIX_INSERT) {
		int r = ka_fixkeys_add(&q->keys, x);

		if (r < 0)
			return -1;
		*ok = r > 0;
		return 0;
	}
	*ok = true;
	return 0;
}

/* The text of pending edit q. */
static void render(const struct index *ix, struct pending *q)
{
	const struct ka_fix *x = q->first;
	char eol[4];

	eol_of(ix, x->line, eol);

	switch (x->op) {
	case KA_FIX_REPLACE:
		ka_fixtext_word(&q->text, x->text, strlen(x->text), x->quote);
		break;
	case KA_FIX_INSERT:
		if (!q->block) {
			if (!x->empty)
				ka_fixtext_puts(&q->text, ", ");
			ka_fixkeys_flow(&q->text, q->keys.kid, x->quote);
			break;
		}
		if (q->eof_break)
			ka_fixtext_puts(&q->text, eol);
		ka_fixkeys_block(&q->text, q->keys.kid, x, x->indent, eol);
		/* A file without a final break stays without one. */
		if (q->eof_break && q->text.n >= strlen(eol))
			q->text.n -= strlen(eol);
		break;
	case KA_FIX_PREPEND:
		if (x->flow) {
			ka_fixtext_word(&q->text, x->text, strlen(x->text),
					x->quote);
			if (!x->empty)
				ka_fixtext_puts(&q->text, ", ");
			break;
		}
		ka_fixtext_spaces(&q->text, x->indent);
		ka_fixtext_puts(&q->text, "- ");
		ka_fixtext_word(&q->text, x->text, strlen(x->text), x->quote);
		ka_fixtext_puts(&q->text, eol);
		break;
	}
}

long ka_fix_edits(const char *buf, size_t len, struct ka_fix *const *fx,
		  size_t n, bool *applied, struct ka_edit **out)
{
	struct index ix;
	struct pending *p = NULL;
	struct ka_edit *e = NULL;
	size_t np = 0, ne = 0;
	long r = -1;

	*out = NULL;
	/* UTF-16 or UTF-32 (read converted): positions are not bytes here. */
	if (memchr(buf, '\0', len) ||
	    (len >= 2 && ((unsigned char)buf[0] == 0xfe ||
			  (unsigned char)buf[0] == 0xff))) {
		for (size_t i = 0; applied && i < n; i++)
			applied[i] = false;
		return 0;
	}
	if (index_lines(&ix, buf, len) < 0 ||
	    (n && !(p = calloc(n, sizeof(*p)))))
		goto done;
	for (size_t i = 0; i < n; i++) {
		bool ok;

		if (gather(&ix, fx, i, p, &np, &ok) < 0)
			goto done;
		if (applied)
			applied[i] = ok;
	}
	qsort(p, np, sizeof(*p), cmp_pending);
	if (np && !(e = calloc(np, sizeof(*e))))
		goto done;
	for (size_t k = 0; k < np; k++) {
		render(&ix, &p[k]);
		if (p[k].text.oom)
			goto done;
		/* An edit overlapping the last is a conflict: left out. */
		if (ne && p[k].at < e[ne - 1].end) {
			for (size_t i = 0; applied && i < n; i++)
				if (fx[i]->line == p[k].first->line &&
				    fx[i]->col == p[k].first->col)
					applied[i] = false;
			continue;
		}
		e[ne].start = p[k].at;
		e[ne].end = p[k].end;
		e[ne].text = p[k].text.v;
		e[ne].len = p[k].text.n;
		p[k].text.v = NULL;
		ne++;
	}
	*out = e;
	e = NULL;
	r = (long)ne;
	ne = 0;
done:
	for (size_t k = 0; k < np; k++) {
		ka_fixkeys_free(p[k].keys.kid);
		free(p[k].text.v);
	}
	free(p);
	ka_edits_free(e, ne);
	free(ix.start);
	return r;
}

int ka_edits_apply(const char *buf, size_t len, const struct ka_edit *e,
		   size_t n, char **out, size_t *outlen)
{
	struct ka_fixtext s = {0};
	size_t at = 0;

	ka_fixtext_put(&s, "", 0);
	for (size_t i = 0; i < n; i++) {
		ka_fixtext_put(&s, buf + at, e[i].start - at);
		ka_fixtext_put(&s, e[i].text, e[i].len);
		at = e[i].end;
	}
	ka_fixtext_put(&s, buf + at, len - at);
	if (s.oom) {
		free(s.v);
		return -1;
	}
	*out = s.v;
	*outlen = s.n;
	return 0;
}
