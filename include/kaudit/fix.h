/*
 * Fixes (--fix, --diff, SARIF `fixes`): the smallest textual edit that
 * closes one finding, leaving every other byte as it was written.
 *
 * A check that knows the one value right for almost everyone gives its
 * finding a fix with ka_report_fix() while the tree is alive: set the
 * dotted path under a container (or the pod spec) to a value. The fix
 * is kept as positions and text only (struct ka_fix), so it outlives
 * the tree, and ka_fix_edits() turns any set of fixes of one file into
 * byte edits, merging what they add at one place (three fixes that each
 * need a missing securityContext make one securityContext).
 *
 * What is never edited, with the reason kept on the finding (nofix):
 * a value or mapping reached through an alias or inside an anchored node
 * (other objects may share it), a value a merge key supplies that the
 * fix could not override alone, a Helm render (the fix belongs in the
 * chart), a value of the wrong type.
 */
#ifndef KAUDIT_FIX_H
#define KAUDIT_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum ka_fix_op {
	KA_FIX_REPLACE, /* the scalar at line:col..end becomes text */
	KA_FIX_INSERT,	/* keys (and text) are added to a mapping */
	KA_FIX_PREPEND, /* text goes first in a sequence */
	KA_FIX_REMOVE,	/* item `index` of a sequence goes */
};

/* Where an item of a sequence is written. */
struct ka_fix_span {
	unsigned line, col, end_line, end_col;
};

struct ka_fix {
	unsigned char op; /* enum ka_fix_op */
	bool flow;	  /* INSERT, PREPEND: into a flow collection */
	bool empty;	  /* that flow collection has no entries */
	bool seq;	  /* INSERT: the value is a one-item list of text */
	bool quote;	  /* keys and strings double-quoted (a JSON file) */
	char qchar; /* strings in these quotes, as the neighbours' are, or 0 */
	bool head;  /* INSERT: before the mapping's first key (line:col) */
	/*
	 * REPLACE: the scalar's start. INSERT into a block mapping: where
	 * its content ends (the keys go on the next line, or on this one
	 * when only spaces precede the point); into a flow mapping: where
	 * the keys go (after its last value, or before its `}`). PREPEND:
	 * the first item (or the `]` of an empty flow list); for a block
	 * list, its first dash (the item goes on a line before it).
	 */
	unsigned line, col;
	unsigned end_line, end_col; /* REPLACE: one past the scalar */
	unsigned indent;     /* block: columns before the keys (or dashes) */
	unsigned step;	     /* block: a nested mapping goes this much deeper */
	unsigned seq_indent; /* block: a list's dashes under its key */
	char *old; /* REPLACE: the text replaced; REMOVE: the item's; checked */
	/* REMOVE: the item's number, and every item of its sequence (a
	 * flow list's removals are one edit), owned. line:col..end is the
	 * item's place. */
	unsigned index, nitems;
	struct ka_fix_span *items;
	char *keys; /* INSERT: "securityContext.capabilities.drop", owned */
	char *text; /* the value (or the list item), owned */
};

/* An edit of a file's bytes: [start, end) becomes text. */
struct ka_edit {
	size_t start, end;
	unsigned line, col, end_line, end_col; /* the same, as a region */
	char *text;			       /* owned */
	size_t len;
};

/* Where fixes are worked out: the file, or a window of it (a document of
 * a stream) that starts at line:col and may end before the file does. */
struct ka_fix_window {
	const char *buf;
	size_t len;
	unsigned line, col;
	bool eof; /* the window ends where the file does */
};

/* Free what x owns and x itself; NULL is fine. */
void ka_fix_free(struct ka_fix *x);

/*
 * The byte edits of fixes fx[0..n) on buf[0..len), the file they were
 * made for: sorted, not overlapping, inserts at one place merged. A fix
 * that no longer matches the bytes (the file changed since it was read)
 * or that conflicts with an earlier one is left out and its slot in
 * applied[] (when not NULL) is false. Returns the number of edits in
 * *out (the caller frees with ka_edits_free), or -1 when memory runs out.
 */
long ka_fix_edits(const char *buf, size_t len, struct ka_fix *const *fx,
		  size_t n, bool *applied, struct ka_edit **out);

/*
 * ka_fix_edits in a window; edit_of[i] (when not NULL) receives the
 * index of the edit fix i is part of, or -1.
 */
long ka_fix_edits_in(const struct ka_fix_window *w, struct ka_fix *const *fx,
		     size_t n, bool *applied, long *edit_of,
		     struct ka_edit **out);

void ka_edits_free(struct ka_edit *e, size_t n);

/* buf with the edits made, in *out (malloc'd, *outlen bytes); -1 on no
 * memory. */
int ka_edits_apply(const char *buf, size_t len, const struct ka_edit *e,
		   size_t n, char **out, size_t *outlen);

/*
 * A unified diff (`git apply` reads it) of buf against the edits, with 3
 * lines of context, under the header `--- a/path` / `+++ b/path`, to
 * out; clean: the lines escaped as kaudit echoes input (a terminal), not
 * raw. Returns 0, or -1 when memory runs out.
 */
int ka_edits_diff(FILE *out, const char *path, const char *buf, size_t len,
		  const struct ka_edit *e, size_t n, bool clean);

#endif
