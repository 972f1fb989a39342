/*
 * SARIF `fixes`: while a document's bytes are at hand, each finding with
 * a fix (kaudit/fix.h) gets the edit that makes it, as --fix would make
 * it (an insert shared by several findings, such as one new
 * securityContext, is the same edit on each, so applying every result's
 * fix once gives --fix's bytes). Waived findings are left out. The edits
 * are worked out over the lines the fixes touch only, found from a
 * cursor that moves forward through the document, so a list of many
 * pods costs its length once.
 */
#ifndef KAUDIT_FIXDOC_H
#define KAUDIT_FIXDOC_H

#include <stddef.h>

#include "kaudit/findings.h"
#include "kaudit/stream.h"

/* A line start reached in the document. */
struct ka_fixdoc {
	size_t off;
	unsigned line;
};

/* A new document: the cursor at its start. */
void ka_fixdoc_reset(struct ka_fixdoc *d, const struct ka_chunk *c);

/*
 * Give f[0..n) (findings of the document c, in any order) their edits
 * (ka_finding.edit). 0, or -1 when memory runs out.
 */
int ka_fixdoc_edits(struct ka_fixdoc *d, const struct ka_chunk *c,
		    struct ka_finding *f, size_t n);

#endif
