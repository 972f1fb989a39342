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

#include "kaudit/fixlines.h"
#include "kaudit/fixplace.h"
#include "kaudit/fixtext.h"
#include "kaudit/lines.h"

void ka_fix_free(struct ka_fix *x)
{
	if (!x)
		return;
	free(x->old);
	free(x->keys);
	free(x->text);
	free(x->items);
	free(x);
}

void ka_edits_free(struct ka_edit *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].text);
	free(e);
}

/* One edit being made, and the fixes it merges. */
struct pending {
	size_t key;	       /* what fixes at one place share (at, mostly) */
	size_t at;	       /* INSERT, PREPEND: where; REPLACE: start */
	size_t end;	       /* REPLACE, REMOVE: end; else at */
	bool *gone;	       /* flow REMOVE: the items removed */
	unsigned indent;       /* block inserts at one place: deeper first */
	bool block;	       /* a block INSERT (a tree of keys) */
	bool eof_break;	       /* a break goes first (the file lacks one) */
	struct ka_fixkey keys; /* INSERT: the keys */
	const struct ka_fix *first;
	struct ka_fixtext text; /* REPLACE, PREPEND, flow INSERT: the text */
	size_t order;		/* first fix's index: a stable sort */
	size_t id;		/* its number before the sort */
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

/* The pending edits by key, so that finding a fix's is not a scan. */
struct table {
	size_t *slot; /* pending id + 1, or 0 */
	size_t cap;   /* a power of two, over twice the fixes */
};

static size_t hash_key(size_t k)
{
	k ^= k >> 31;
	k *= 0x9e3779b97f4a7c15ull;
	return k ^ (k >> 29);
}

/* Fix x can join pending q (at key). */
static bool joins(const struct pending *q, const struct ka_fix *x, size_t key)
{
	const struct ka_fix *f = q->first;

	if (q->key != key || f->op != x->op || f->head != x->head ||
	    f->flow != x->flow)
		return false;
	if (x->op == KA_FIX_INSERT)
		return x->flow || q->indent == x->indent;
	return x->op != KA_FIX_REMOVE || !x->flow || f->nitems == x->nitems;
}

/* Fix i joins the pending edit at the same place, or starts one. */
static int gather(const struct ka_fixlines *ix, struct ka_fix *const *fx,
		  size_t i, struct pending *p, size_t *np, struct table *t,
		  bool *ok, long *id)
{
	const struct ka_fix *x = fx[i];
	size_t at, end, key, h;
	bool eof_break;
	struct pending *q = NULL;

	*ok = false;
	if (ka_fix_place(ix, x, &at, &end, &eof_break) < 0)
		return 0;
	key = x->op == KA_FIX_REMOVE && x->flow
		  ? ka_fixlines_offset(ix, x->items[0].line, x->items[0].col)
		  : at;
	for (h = hash_key(key) & (t->cap - 1); t->slot[h];
	     h = (h + 1) & (t->cap - 1))
		if (joins(&p[t->slot[h] - 1], x, key)) {
			q = &p[t->slot[h] - 1];
			break;
		}
	if (q && x->op == KA_FIX_REMOVE && x->flow) {
		q->gone[x->index] = true;
		*ok = ka_fix_flow_range(ix, q->first, q->gone, &q->at, &q->end,
					NULL) == 0;
		*id = (long)q->id;
		return 0;
	}
	if (q && x->op != KA_FIX_INSERT) {
		/* The same edit twice (two checks, one value) is one. */
		*ok = q->end == end && strcmp(x->text, q->first->text) == 0;
		*id = (long)q->id;
		return 0;
	}
	if (!q) {
		q = &p[*np];
		memset(q, 0, sizeof(*q));
		q->id = (*np)++;
		t->slot[h] = q->id + 1;
		q->key = key;
		q->at = at;
		q->end = end;
		q->indent = x->op == KA_FIX_INSERT && !x->flow ? x->indent : 0;
		q->block = x->op == KA_FIX_INSERT && !x->flow;
		q->eof_break = eof_break;
		q->first = x;
		q->order = i;
	}
	*id = (long)q->id;
	if (x->op == KA_FIX_REMOVE && x->flow) {
		if (x->index >= x->nitems ||
		    !(q->gone = calloc(x->nitems, sizeof(bool))))
			return x->index >= x->nitems ? 0 : -1;
		q->gone[x->index] = true;
		*ok = ka_fix_flow_range(ix, q->first, q->gone, &q->at, &q->end,
					NULL) == 0;
		return 0;
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
static void render(const struct ka_fixlines *ix, struct pending *q)
{
	const struct ka_fix *x = q->first;
	char eol[4];

	ka_fixlines_eol_of(ix, x->line, eol);

	switch (x->op) {
	case KA_FIX_REPLACE:
		ka_fixtext_word(&q->text, x->text, strlen(x->text), x->quote);
		break;
	case KA_FIX_INSERT:
		if (!q->block) {
			if (!x->empty && !x->head)
				ka_fixtext_puts(&q->text, ", ");
			ka_fixkeys_flow(&q->text, q->keys.kid, x->quote);
			if (!x->empty && x->head)
				ka_fixtext_puts(&q->text, ", ");
			break;
		}
		if (q->eof_break)
			ka_fixtext_puts(&q->text, eol);
		ka_fixkeys_block(&q->text, q->keys.kid, x, x->indent, eol);
		/* A file without a final break stays without one. */
		if (q->eof_break && q->text.n >= strlen(eol))
			q->text.n -= strlen(eol);
		break;
	case KA_FIX_REMOVE:
		ka_fixtext_put(&q->text, "", 0);
		if (x->flow && ka_fix_flow_range(ix, x, q->gone, &q->at,
						 &q->end, &q->text) < 0)
			q->text.oom =
			    true; /* cannot happen: gather placed it */
		break;
	case KA_FIX_PREPEND:
		if (x->flow) {
			ka_fixtext_value(&q->text, x->text, x);
			if (!x->empty)
				ka_fixtext_puts(&q->text, ", ");
			break;
		}
		ka_fixtext_spaces(&q->text, x->indent);
		ka_fixtext_puts(&q->text, "- ");
		ka_fixtext_value(&q->text, x->text, x);
		ka_fixtext_puts(&q->text, eol);
		break;
	}
}

/* The fixes being sorted (qsort has no context argument in C11). */
static _Thread_local struct ka_fix *const *sort_fixes;

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Fixes by place, then what they set. */
static int cmp_fix(const void *a, const void *b)
{
	const struct ka_fix *x = sort_fixes[*(const long *)a];
	const struct ka_fix *y = sort_fixes[*(const long *)b];
	int c;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	if ((c = cmp_str(x->keys, y->keys)) || (c = cmp_str(x->text, y->text)))
		return c;
	return *(const long *)a < *(const long *)b ? -1 : 1;
}

/* Add text to edit e's. */
static int join(struct ka_edit *e, const struct ka_fixtext *text)
{
	char *v = realloc(e->text, e->len + text->n + 1);

	if (!v)
		return -1;
	memcpy(v + e->len, text->v, text->n);
	e->len += text->n;
	v[e->len] = '\0';
	e->text = v;
	return 0;
}

/*
 * The edits of the pending p[0..np) (sorted) into e, *ne of them;
 * made[id] receives each one's edit, or -1 (it overlaps the last: a
 * conflict, left out). 0, or -1 when memory runs out.
 */
static int make_edits(const struct ka_fixlines *ix, struct pending *p,
		      size_t np, struct ka_edit *e, size_t *pne, long *made)
{
	size_t ne = 0;

	for (size_t k = 0; k < np; k++) {
		made[p[k].id] = -1;
		render(ix, &p[k]);
		if (p[k].text.oom)
			break;
		if (ne && p[k].at < e[ne - 1].end)
			continue;
		/* Inserts at one place (a container's keys, then its pod's,
		 * at the end of both) are one edit, deeper first. */
		if (ne && p[k].at == e[ne - 1].start &&
		    e[ne - 1].start == e[ne - 1].end && p[k].at == p[k].end) {
			if (join(&e[ne - 1], &p[k].text) < 0)
				break;
			made[p[k].id] = (long)ne - 1;
			continue;
		}
		e[ne].start = p[k].at;
		e[ne].end = p[k].end;
		e[ne].text = p[k].text.v;
		e[ne].len = p[k].text.n;
		ka_fixlines_position(ix, p[k].at, &e[ne].line, &e[ne].col);
		ka_fixlines_position(ix, p[k].end, &e[ne].end_line,
				     &e[ne].end_col);
		p[k].text.v = NULL;
		made[p[k].id] = (long)ne++;
	}
	*pne = ne;
	for (size_t k = 0; k < np; k++)
		if (p[k].text.oom)
			return -1;
	return 0;
}

long ka_fix_edits_in(const struct ka_fix_window *w, struct ka_fix *const *fx,
		     size_t n, bool *applied, long *edit_of,
		     struct ka_edit **out)
{
	struct ka_fixlines ix = {0};
	struct table t = {0};
	struct pending *p = NULL;
	struct ka_edit *e = NULL;
	size_t np = 0, ne = 0;
	long r = -1, *pend = NULL, *made = NULL;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		if (applied)
			applied[i] = false;
		if (edit_of)
			edit_of[i] = -1;
	}
	/* UTF-16 or UTF-32 (read converted): positions are not bytes here. */
	if (memchr(w->buf, '\0', w->len) ||
	    (w->len >= 2 && ((unsigned char)w->buf[0] == 0xfe ||
			     (unsigned char)w->buf[0] == 0xff)))
		return 0;
	if (!n)
		return 0;
	for (t.cap = 16; t.cap < 2 * n; t.cap *= 2)
		;
	if (ka_fixlines_index(&ix, w) < 0 || !(p = calloc(n, sizeof(*p))) ||
	    !(t.slot = calloc(t.cap, sizeof(*t.slot))) ||
	    !(pend = malloc(n * sizeof(*pend))) ||
	    !(made = malloc(n * sizeof(*made))))
		goto done;
	/* In one order whatever order they come in (--fix takes them as
	 * they are reported, SARIF as a document's checks made them), so
	 * that keys added at one place are written in one order. */
	for (size_t i = 0; i < n; i++)
		made[i] = (long)i;
	sort_fixes = fx;
	qsort(made, n, sizeof(*made), cmp_fix);
	for (size_t k = 0; k < n; k++) {
		size_t i = (size_t)made[k];
		bool ok;

		if (gather(&ix, fx, i, p, &np, &t, &ok, &pend[i]) < 0)
			goto done;
		if (!ok)
			pend[i] = -1;
	}
	qsort(p, np, sizeof(*p), cmp_pending);
	if (np && !(e = calloc(np, sizeof(*e))))
		goto done;
	if (make_edits(&ix, p, np, e, &ne, made) < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		long k = pend[i] < 0 ? -1 : made[pend[i]];

		if (applied)
			applied[i] = k >= 0;
		if (edit_of)
			edit_of[i] = k;
	}
	*out = e;
	e = NULL;
	r = (long)ne;
	ne = 0;
done:
	for (size_t k = 0; k < np; k++) {
		ka_fixkeys_free(p[k].keys.kid);
		free(p[k].text.v);
		free(p[k].gone);
	}
	free(p);
	free(t.slot);
	free(pend);
	free(made);
	ka_edits_free(e, ne);
	free(ix.start);
	return r;
}

long ka_fix_edits(const char *buf, size_t len, struct ka_fix *const *fx,
		  size_t n, bool *applied, struct ka_edit **out)
{
	struct ka_fix_window w = {buf, len, 1, 1, true};

	return ka_fix_edits_in(&w, fx, n, applied, NULL, out);
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
