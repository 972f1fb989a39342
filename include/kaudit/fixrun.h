/*
 * --fix and --diff: the findings whose fix is to be made are taken out of
 * the report as they are delivered (a fixed finding is no longer a
 * finding); at the end each file is read again, its fixes turned into
 * edits (kaudit/fix.h) and the file rewritten (--fix) or its diff written
 * (--diff). What is not fixed stays in the report, counted by reason.
 */
#ifndef KAUDIT_FIXRUN_H
#define KAUDIT_FIXRUN_H

#include <stdbool.h>
#include <stdio.h>

#include "kaudit/findings.h"

struct ka_run;

enum ka_fix_left {
	KA_LEFT_NOFIX,	  /* no safe fix (the finding says why) */
	KA_LEFT_NONE,	  /* its check has no automatic fix */
	KA_LEFT_WAIVED,	  /* waived */
	KA_LEFT_RENDER,	  /* in a Helm render */
	KA_LEFT_NOT_FILE, /* standard input, or not a regular file */
	KA_LEFT_SKIPPED,  /* its check is not in --fix-only */
	KA_LEFT_CONFLICT, /* another fix at the same place, or the file
			     changed since it was read */
	KA_LEFT_N
};

struct ka_fixrun {
	bool diff;	 /* print a diff, change nothing */
	bool clean_diff; /* the diff goes to a terminal: escape it */
	bool *only; /* registry-indexed checks to fix (owned), or NULL: all */
	struct ka_fixrun_item {
		size_t input;
		struct ka_fix *fix;
		unsigned line, col; /* the finding's, for messages */
		const char *check;
		size_t order; /* taken order: a stable sort */
	} * v;
	size_t n, cap;
	size_t fixed, files; /* findings fixed, files changed */
	size_t left[KA_LEFT_N];
	bool oom, failed; /* a file could not be read or written */
};

/* Fix only the checks of ids (comma-separated, known): 0, or -1. */
int ka_fixrun_only(struct ka_fixrun *fr, const char *ids);

/*
 * Take f's fix when it is to be made: true, and f is fixed (the caller
 * drops it from the report); false, and why it is left is counted.
 */
bool ka_fixrun_take(struct ka_fixrun *fr, const struct ka_run *run,
		    struct ka_finding *f);

/*
 * Make the fixes, file by file: rewrite each (or write its diff to out).
 * Problems (a file that changed or cannot be written) go to stderr.
 * 0, or -1 when any file failed or memory ran out.
 */
int ka_fixrun_finish(struct ka_fixrun *fr, const struct ka_run *run, FILE *out);

/* "kaudit: fixed N findings in M files; K left: ..." on out. */
void ka_fixrun_summary(const struct ka_fixrun *fr, FILE *out);

void ka_fixrun_free(struct ka_fixrun *fr);

#endif
