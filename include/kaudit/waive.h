/*
 * A document's waivers applied to its findings: the waiver annotations of
 * a resource, and `# kaudit:ignore` comments on the lines of a resource,
 * a container or a finding. Invalid, expired and unused waivers are
 * findings themselves.
 */
#ifndef KAUDIT_WAIVE_H
#define KAUDIT_WAIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/findings.h"
#include "kaudit/suppress.h"
#include "kaudit/workload.h"

struct ka_waive {
	struct ka_ctx *ctx; /* out (oom is set there), policy, input */
	int today;
	const bool *enabled;	    /* by registry index */
	struct ka_waiver *comments; /* the document's comment waivers */
	size_t ncomments;
};

/*
 * Waive ctx->out->v[first..n), the findings of pod, by the pod's waiver
 * annotations and by comments on its `metadata:` or a container's first
 * line; report the annotations' problems.
 */
void ka_waive_pod(const struct ka_waive *w, const struct ka_pod *pod,
		  size_t first);

/* Waive ctx->out->v[first..n) by comments on or above their lines. */
void ka_waive_lines(const struct ka_waive *w, size_t first);

/* Report the comment waivers that are invalid, expired or unused. */
void ka_waive_problems(const struct ka_waive *w);

#endif
