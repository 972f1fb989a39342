/*
 * A window of a file (kaudit/fix.h) split into lines as libyaml counts
 * them (LF, CR, CRLF, NEL, LS, PS), with libyaml's positions: file lines,
 * columns in characters, a byte order mark not counted.
 */
#ifndef KAUDIT_FIXLINES_H
#define KAUDIT_FIXLINES_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/fix.h"

/*
 * The lines of a window of the file as libyaml counts them: start
 * offsets. The window starts at line line0, column col0 (a document of a
 * stream), and may end before the file does.
 */
struct ka_fixlines {
	const char *buf;
	size_t len, *start, n;
	unsigned line0, col0;
	bool eof;   /* the window ends where the file does */
	size_t bom; /* bytes of a byte order mark at the file's start */
};

/* Index window w: 0, or -1 when memory runs out (ix->start is freed by
 * the caller either way). */
int ka_fixlines_index(struct ka_fixlines *ix, const struct ka_fix_window *w);

/* The window holds file line l. */
bool ka_fixlines_have(const struct ka_fixlines *ix, unsigned l);

/* Where line l starts, and where its text starts (after a byte order
 * mark, or at the window's start); l must be in the window. */
size_t ka_fixlines_line_start(const struct ka_fixlines *ix, unsigned l);

size_t ka_fixlines_text_start(const struct ka_fixlines *ix, unsigned l);

/* The column ka_fixlines_text_start(l) is. */
unsigned ka_fixlines_first_col(const struct ka_fixlines *ix, unsigned l);

/* The end of line l before its break. */
size_t ka_fixlines_line_end(const struct ka_fixlines *ix, unsigned l);

/* The byte offset of line:col, or SIZE_MAX when there is no such place. */
size_t ka_fixlines_offset(const struct ka_fixlines *ix, unsigned line,
			  unsigned col);

/* The line and column of byte offset o. */
void ka_fixlines_position(const struct ka_fixlines *ix, size_t o,
			  unsigned *line, unsigned *col);

/* The break line l ends with (CRLF, LF, CR, NEL, LS or PS), or the
 * window's first line's when l has none; LF for a window of one line. */
void ka_fixlines_eol_of(const struct ka_fixlines *ix, unsigned l, char eol[4]);

#endif
