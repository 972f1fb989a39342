/*
 * --baseline-absent: the baseline's findings this run no longer has, as
 * SARIF results with baselineState "absent", where the baseline placed
 * them. Only for viewers that show what a change fixed: GitHub code
 * scanning would open an alert for each.
 */
#ifndef KAUDIT_SARIF_ABSENT_H
#define KAUDIT_SARIF_ABSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/baseline.h"

struct ka_sarif_absent {
	size_t written;	 /* results written */
	size_t unplaced; /* no rule of this run, or no place in the repo */
	size_t dropped;	 /* past the limit */
	bool oom;
};

/*
 * Write them to out as items of the results array, after `before` items
 * (a comma first when there are some), at most room of them (SIZE_MAX:
 * no limit). rule_of maps a registry index to its rules[] index (SIZE_MAX:
 * not a rule of this run).
 */
void ka_sarif_absent(FILE *out, const struct ka_baseline *b,
		     const size_t *rule_of, size_t before, size_t room,
		     struct ka_sarif_absent *a);

#endif
