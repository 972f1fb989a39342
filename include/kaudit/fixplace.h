/*
 * Where a fix (kaudit/fix.h) edits a window of a file: the byte range it
 * replaces, found from its positions and checked against the bytes (a
 * value that is no longer what the fix replaces is no place).
 */
#ifndef KAUDIT_FIXPLACE_H
#define KAUDIT_FIXPLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/fix.h"
#include "kaudit/fixlines.h"
#include "kaudit/fixtext.h"

/*
 * Where fix x edits, in *at and *end: 0, or -1 when the place is not in
 * the window as x saw it. *eof_break: the insert goes after a last line
 * that has no break. A flow list's REMOVE is placed by
 * ka_fix_flow_range (*at is its item).
 */
int ka_fix_place(const struct ka_fixlines *ix, const struct ka_fix *x,
		 size_t *at, size_t *end, bool *eof_break);

/*
 * The removals gone[] (by item) of x's flow list as one edit, in *at and
 * *end: from the first removed item (or the end of the item before it)
 * to the last removed (or the start of the item after it), its text (when
 * text is not NULL) the kept items between them, their own bytes. 0, or
 * -1 when an item is not where it was.
 */
int ka_fix_flow_range(const struct ka_fixlines *ix, const struct ka_fix *x,
		      const bool *gone, size_t *at, size_t *end,
		      struct ka_fixtext *text);

#endif
