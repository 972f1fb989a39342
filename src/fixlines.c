/* A window's lines: see kaudit/fixlines.h. */
#include "kaudit/fixlines.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/lines.h"

int ka_fixlines_index(struct ka_fixlines *ix, const struct ka_fix_window *w)
{
	size_t cap = 64;

	ix->buf = w->buf;
	ix->len = w->len;
	ix->line0 = w->line;
	ix->col0 = w->col;
	ix->eof = w->eof;
	ix->n = 0;
	ix->bom = w->line == 1 && w->col == 1 && w->len >= 3 &&
			  memcmp(w->buf, "\xef\xbb\xbf", 3) == 0
		      ? 3
		      : 0;
	if (!(ix->start = malloc(cap * sizeof(size_t))))
		return -1;
	ix->start[ix->n++] = 0;
	for (size_t i = 0; i < w->len;) {
		unsigned char c = (unsigned char)w->buf[i];
		size_t b = c == '\n' || c == '\r' || c == 0xc2 || c == 0xe2
			       ? ka_line_break(w->buf + i, w->len - i)
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

/* The window holds file line l. */
bool ka_fixlines_have(const struct ka_fixlines *ix, unsigned l)
{
	return l >= ix->line0 && l - ix->line0 < ix->n;
}

/* Where line l starts, and where its text starts (after a byte order
 * mark, or at the window's start); l must be in the window. */
size_t ka_fixlines_line_start(const struct ka_fixlines *ix, unsigned l)
{
	return ix->start[l - ix->line0];
}

size_t ka_fixlines_text_start(const struct ka_fixlines *ix, unsigned l)
{
	return ka_fixlines_line_start(ix, l) + (l == ix->line0 ? ix->bom : 0);
}

/* The column ka_fixlines_text_start(l) is. */
unsigned ka_fixlines_first_col(const struct ka_fixlines *ix, unsigned l)
{
	return l == ix->line0 ? ix->col0 : 1;
}

/* The end of line l before its break. */
size_t ka_fixlines_line_end(const struct ka_fixlines *ix, unsigned l)
{
	size_t e = ka_fixlines_have(ix, l + 1)
		       ? ka_fixlines_line_start(ix, l + 1)
		       : ix->len;

	for (size_t p = ka_fixlines_line_start(ix, l); p < e; p++)
		if (ka_line_break(ix->buf + p, e - p))
			return p;
	return e;
}

/* The byte offset of line:col, or SIZE_MAX when there is no such place. */
size_t ka_fixlines_offset(const struct ka_fixlines *ix, unsigned line,
			  unsigned col)
{
	size_t p, e;

	if (!ka_fixlines_have(ix, line) ||
	    col < ka_fixlines_first_col(ix, line))
		return SIZE_MAX;
	p = ka_fixlines_text_start(ix, line);
	e = ka_fixlines_line_end(ix, line);
	for (unsigned c = ka_fixlines_first_col(ix, line); c < col; c++) {
		if (p >= e)
			return SIZE_MAX;
		p++;
		while (p < e && ((unsigned char)ix->buf[p] & 0xc0) == 0x80)
			p++;
	}
	return p;
}

/* The line and column of byte offset o. */
void ka_fixlines_position(const struct ka_fixlines *ix, size_t o,
			  unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = ix->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->start[mid] <= o)
			lo = mid;
		else
			hi = mid;
	}
	*line = ix->line0 + (unsigned)lo;
	*col = ka_fixlines_first_col(ix, *line);
	for (size_t p = ka_fixlines_text_start(ix, *line); p < o; p++)
		if (((unsigned char)ix->buf[p] & 0xc0) != 0x80)
			(*col)++;
}

/* The break line l ends with (CRLF, LF, CR, NEL, LS or PS), or the
 * window's first line's when l has none; LF for a window of one line. */
void ka_fixlines_eol_of(const struct ka_fixlines *ix, unsigned l, char eol[4])
{
	size_t e;

	if (!ka_fixlines_have(ix, l + 1))
		l = ix->line0;
	if (!ka_fixlines_have(ix, l + 1)) {
		memcpy(eol, "\n", 2);
		return;
	}
	e = ka_fixlines_line_end(ix, l);
	memcpy(eol, ix->buf + e, ka_fixlines_line_start(ix, l + 1) - e);
	eol[ka_fixlines_line_start(ix, l + 1) - e] = '\0';
}
