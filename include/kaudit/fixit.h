/*
 * The fix-it note of the text report: after the findings of one
 * container, the one securityContext block that closes those a single
 * value closes for almost everyone (allowPrivilegeEscalation: false,
 * capabilities.drop: [ALL], privileged: false, procMount: Default,
 * readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile and
 * appArmorProfile RuntimeDefault), as YAML indented for that container,
 * like a compiler's fix-it note. Not for Helm renders (the fix belongs in
 * the chart) nor for findings without a settable value (an added
 * capability, UID 0: the right value is the user's to choose).
 */
#ifndef KAUDIT_FIXIT_H
#define KAUDIT_FIXIT_H

#include <stdbool.h>
#include <stdio.h>

#include "kaudit/findings.h"

struct ka_run;

struct ka_fixit {
	bool open;		/* a container's findings are being seen */
	size_t input, doc;	/* its place: input, document, */
	unsigned line, col;	/* where its securityContext is or goes */
	bool flow, has_sc;	/* a flow mapping; a securityContext exists */
	unsigned fixes, closed; /* bits of the table in fixit.c; findings */
	char container[128];	/* its name, cut */
	char path[1024];	/* the input's path, cut */
};

/* Take one finding of the text report (in report order). */
void ka_fixit_add(struct ka_fixit *x, FILE *out, const struct ka_run *run,
		  const struct ka_finding *f, bool colour);

/* Write the note of the container being seen, if any; forget it. */
void ka_fixit_flush(struct ka_fixit *x, FILE *out, bool colour);

#endif
