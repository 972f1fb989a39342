/* SARIF fixes worked out per document: see kaudit/fixdoc.h. */
#include "kaudit/fixdoc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/fix.h"
#include "kaudit/lines.h"

void ka_fixdoc_reset(struct ka_fixdoc *d, const struct ka_chunk *c)
{
	d->off = 0;
	d->line = c->first_line;
}

/*
 * Move the cursor to the start of line l; true when the document has it
 * (else the cursor stays at the start of its last line).
 */
static bool seek(struct ka_fixdoc *d, const struct ka_chunk *c, unsigned l)
{
	if (l < d->line)
		ka_fixdoc_reset(d, c);
	for (size_t p = d->off; d->line < l && p < c->len;) {
		size_t b = ka_line_break(c->buf + p, c->len - p);

		if (!b) {
			p++;
			continue;
		}
		p += b;
		d->off = p;
		d->line++;
	}
	return d->line == l;
}

static bool wanted(const struct ka_finding *f, bool conditional)
{
	return f->fix && !f->waiver && (f->cond != 0) == conditional;
}

/* The lines a fix reads: from its place to the line after its end. */
static void span(const struct ka_fix *x, unsigned *lo, unsigned *hi)
{
	unsigned end = x->op == KA_FIX_REPLACE ? x->end_line : x->line;

	if (x->line < *lo)
		*lo = x->line;
	if (end + 1 > *hi)
		*hi = end + 1;
}

/*
 * The edits of the findings f[0..n) that pass want: those whose
 * condition is undecided (kaudit/facts.h) are worked out alone, since
 * the run may yet drop them, and an edit shared with them would carry
 * their change.
 */
static int edits(struct ka_fixdoc *d, const struct ka_chunk *c,
		 struct ka_finding *f, size_t n, bool conditional)
{
	const struct ka_fixdoc base = *d; /* the batch's first line */
	struct ka_fix **fx = NULL;
	size_t *who = NULL, m = 0, start;
	long *edit_of = NULL, ne = 0;
	struct ka_edit *e = NULL;
	unsigned lo = ~0u, hi = 0;
	struct ka_fix_window w;
	int r = -1;

	for (size_t i = 0; i < n; i++)
		m += wanted(&f[i], conditional);
	if (!m || !c->len)
		return 0;
	if (!(fx = malloc(m * sizeof(*fx))) ||
	    !(who = malloc(m * sizeof(*who))) ||
	    !(edit_of = malloc(m * sizeof(*edit_of))))
		goto done;
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (wanted(&f[i], conditional)) {
			span(f[i].fix, &lo, &hi);
			who[m] = i;
			fx[m++] = f[i].fix;
		}
	seek(d, c, lo);
	start = d->off;
	w.buf = c->buf + start;
	w.line = d->line;
	w.col = d->line == c->first_line ? c->first_col : 1;
	w.eof = !seek(d, c, hi + 1);
	w.len = (w.eof ? c->len : d->off) - start;
	/* Back to the batch's first line: the next window (this batch's
	 * or the next's) starts there or later, so the cursor never starts
	 * over from the document's start (a list of many pods). */
	*d = base;
	if ((ne = ka_fix_edits_in(&w, fx, m, NULL, edit_of, &e)) < 0)
		goto done;
	for (size_t k = 0; k < m; k++) {
		struct ka_finding *t = &f[who[k]];
		const struct ka_edit *src =
		    edit_of[k] < 0 ? NULL : &e[edit_of[k]];

		if (!src)
			continue;
		if (!(t->edit = malloc(sizeof(*t->edit))) ||
		    !(t->edit->text = malloc(src->len + 1))) {
			free(t->edit);
			t->edit = NULL;
			goto done;
		}
		*t->edit = (struct ka_edit){.line = src->line,
					    .col = src->col,
					    .end_line = src->end_line,
					    .end_col = src->end_col,
					    .text = t->edit->text,
					    .len = src->len};
		memcpy(t->edit->text, src->text, src->len);
		t->edit->text[src->len] = '\0';
	}
	r = 0;
done:
	if (ne > 0)
		ka_edits_free(e, (size_t)ne);
	free(fx);
	free(who);
	free(edit_of);
	return r;
}

int ka_fixdoc_edits(struct ka_fixdoc *d, const struct ka_chunk *c,
		    struct ka_finding *f, size_t n)
{
	unsigned lo = ~0u, hi = 0;

	for (size_t i = 0; i < n; i++)
		if (f[i].fix && !f[i].waiver)
			span(f[i].fix, &lo, &hi);
	if (lo == ~0u)
		return 0;
	seek(d, c, lo); /* the floor of every window of the batch */
	if (edits(d, c, f, n, false) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (wanted(&f[i], true) && edits(d, c, &f[i], 1, true) < 0)
			return -1;
	return 0;
}
