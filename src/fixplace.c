/* Where a fix edits: see kaudit/fixplace.h. */
#include "kaudit/fixplace.h"

#include <stdint.h>
#include <string.h>

/* Only spaces between the start of line l and offset o. */
static bool blank_before(const struct ka_fixlines *ix, unsigned l, size_t o)
{
	for (size_t p = ka_fixlines_text_start(ix, l); p < o; p++)
		if (ix->buf[p] != ' ')
			return false;
	return true;
}

/* The bytes [o, e) are x->old. */
static bool is_old(const struct ka_fixlines *ix, const struct ka_fix *x,
		   size_t o, size_t e)
{
	return o != SIZE_MAX && e != SIZE_MAX && e >= o && x->old &&
	       strlen(x->old) == e - o && !memcmp(ix->buf + o, x->old, e - o);
}

/*
 * A REMOVE: a block list's item goes with its line (only spaces and its
 * dash before it, only spaces or a comment after it); a flow list's
 * removals are placed together (ka_fix_flow_range).
 */
static int place_remove(const struct ka_fixlines *ix, const struct ka_fix *x,
			size_t o, size_t *at, size_t *end)
{
	size_t e = ka_fixlines_offset(ix, x->end_line, x->end_col), p, le;

	if (!is_old(ix, x, o, e) || x->line != x->end_line)
		return -1;
	if (x->flow)
		return 0; /* *at is the item: flow_range makes the range */
	p = ka_fixlines_text_start(ix, x->line);
	while (p < o && ix->buf[p] == ' ')
		p++;
	if (p >= o || ix->buf[p++] != '-')
		return -1;
	while (p < o && ix->buf[p] == ' ')
		p++;
	le = ka_fixlines_line_end(ix, x->line);
	while (e < le && ix->buf[e] == ' ')
		e++;
	if (p != o || (e < le && ix->buf[e] != '#'))
		return -1;
	*at = ka_fixlines_line_start(ix, x->line);
	*end = ka_fixlines_have(ix, x->line + 1)
		   ? ka_fixlines_line_start(ix, x->line + 1)
		   : ix->len;
	return 0;
}

/* A flow list's removals as one edit: see kaudit/fixplace.h. */
int ka_fix_flow_range(const struct ka_fixlines *ix, const struct ka_fix *x,
		      const bool *gone, size_t *at, size_t *end,
		      struct ka_fixtext *text)
{
	const struct ka_fix_span *s = x->items;
	unsigned n = x->nitems, k0 = n, k1 = 0;
	bool first = true;

	for (unsigned i = 0; i < n; i++)
		if (gone[i]) {
			k0 = k0 < i ? k0 : i;
			k1 = i;
		}
#define START(i) ka_fixlines_offset(ix, s[i].line, s[i].col)
#define END(i)	 ka_fixlines_offset(ix, s[i].end_line, s[i].end_col)
	if (k0 == n)
		return -1;
	*at = k0 ? END(k0 - 1) : START(0);
	*end = !k0 && k1 + 1 < n ? START(k1 + 1) : END(k1);
	for (unsigned i = k0; text && i <= k1; i++) {
		size_t a = START(i), b = END(i);

		if (gone[i] || a == SIZE_MAX || b == SIZE_MAX)
			continue;
		if (k0 || !first)
			ka_fixtext_puts(text, ", ");
		ka_fixtext_put(text, ix->buf + a, b - a);
		first = false;
	}
	if (!k0 && k1 + 1 < n && !first)
		ka_fixtext_puts(text, ", ");
#undef START
#undef END
	return *at == SIZE_MAX || *end == SIZE_MAX || *end < *at ? -1 : 0;
}

/* Where fix x edits: see kaudit/fixplace.h. */
int ka_fix_place(const struct ka_fixlines *ix, const struct ka_fix *x,
		 size_t *at, size_t *end, bool *eof_break)
{
	size_t o = ka_fixlines_offset(ix, x->line, x->col);

	*eof_break = false;
	if (o == SIZE_MAX)
		return -1;
	*at = *end = o;
	switch (x->op) {
	case KA_FIX_REPLACE:
		*end = ka_fixlines_offset(ix, x->end_line, x->end_col);
		if (*end == SIZE_MAX || *end < o || !x->old ||
		    strlen(x->old) != *end - o ||
		    memcmp(ix->buf + o, x->old, *end - o))
			return -1;
		return 0;
	case KA_FIX_INSERT:
		if (x->head && !x->flow && !blank_before(ix, x->line, o))
			return -1;
		if (x->head && !x->flow)
			*at = *end = ka_fixlines_text_start(ix, x->line);
		if (x->flow || x->head)
			return 0;
		if (blank_before(ix, x->line, o)) {
			*at = *end = ka_fixlines_text_start(ix, x->line);
		} else if (ka_fixlines_have(ix, x->line + 1)) {
			*at = *end = ka_fixlines_line_start(ix, x->line + 1);
		} else if (ix->eof) {
			*at = *end = ix->len;
			*eof_break = true;
		} else {
			return -1; /* past the window */
		}
		return 0;
	case KA_FIX_PREPEND:
		if (x->flow)
			return 0;
		if (!blank_before(ix, x->line, o))
			return -1;
		*at = *end = ka_fixlines_text_start(ix, x->line);
		return 0;
	case KA_FIX_REMOVE:
		return place_remove(ix, x, o, at, end);
	}
	return -1;
}
