/*
 * How a check gives its finding a fix (kaudit/fix.h), while the tree is
 * alive: the fix is worked out from the nodes (where the value is, or
 * where its mapping ends and how it is indented) and kept as positions
 * and text. When no edit is safe the finding keeps the reason instead
 * (ka_finding.nofix).
 */
#ifndef KAUDIT_FIXBUILD_H
#define KAUDIT_FIXBUILD_H

#include "kaudit/findings.h"

/* The sizeLimit a writable emptyDir is given (emptydir-size-limit). */
#define KA_FIX_SIZE_LIMIT "1Gi"

/*
 * The finding the last ka_report of ctx made (for check: nothing
 * happens when the last report was another check's, or made none) is
 * fixed by setting the
 * value at path (dotted keys under map, a container's mapping or the pod
 * spec) to text, a plain scalar: replaced where it is written, added
 * (with the mappings it needs) where it is missing, or written after a
 * merge key that supplies it.
 */
void ka_report_fix(struct ka_ctx *ctx, const struct ka_check *check,
		   const struct ka_node *map, const char *path,
		   const char *text);

/*
 * The same for a list: item goes first in the list at path (a list of
 * one item when the list is missing).
 */
void ka_report_fix_item(struct ka_ctx *ctx, const struct ka_check *check,
			const struct ka_node *map, const char *path,
			const char *item);

/*
 * The same for one key of map, added (when missing) before map's first
 * key rather than after its last: for a finding whose condition the
 * scan decides later (kaudit/facts.h), whose edit must stay apart from
 * the others at the mapping's end.
 */
void ka_report_fix_first(struct ka_ctx *ctx, const struct ka_check *check,
			 const struct ka_node *map, const char *key,
			 const char *text);

/*
 * The same for the value of a scalar node the check holds (an image):
 * it becomes text, keeping its quotes.
 */
void ka_report_fix_scalar(struct ka_ctx *ctx, const struct ka_check *check,
			  const struct ka_node *scalar, const char *text);

/* The same for item index of the list seq: it goes. */
void ka_report_fix_remove(struct ka_ctx *ctx, const struct ka_check *check,
			  const struct ka_node *seq, size_t index);

/* The finding the last ka_report made has no safe fix, for reason. */
void ka_report_nofix(struct ka_ctx *ctx, const struct ka_check *check,
		     const char *reason);

#endif
