/*
 * Reporters: one per output format, each in its own report_<name>.c, all
 * in one table. A report is written as the run goes: begin once the
 * inputs are known, each settled finding as it is delivered, end when the
 * run is finished. So memory stays flat however many findings a long
 * stream has. Adding a format is one file and one row of ka_reporters.
 */
#ifndef KAUDIT_REPORT_H
#define KAUDIT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "kaudit/findings.h"

struct ka_run;

/* JSON report format version (the "version" field). */
#define KA_JSON_VERSION 1

struct ka_report_options {
	FILE *out;
	bool colour;	      /* text: ANSI colours */
	bool show_suppressed; /* text: list waived findings too */
	bool hints; /* text: a container's fix-it note after its findings */
	const char *sarif_category; /* runs[0].automationDetails.id, or NULL */
	bool stdin_named;	    /* --stdin-filename was given */
	bool no_truncate;     /* SARIF: past GitHub's limits, write it all */
	bool baseline_absent; /* SARIF: the baseline's gone findings too */
};

struct ka_reporter {
	const char *name; /* the --format value */
	const char *help; /* one line, for --help, the man page, completions */
	bool baseline_states; /* takes unchanged findings, and marks them */
	bool identities;      /* shows findings' identities (id_hash, id_occ) */
	/*
	 * Write what comes before the findings (the inputs are known).
	 * Returns the reporter's state (freed by end), or NULL when memory
	 * runs out.
	 */
	void *(*begin)(const struct ka_report_options *o,
		       const struct ka_run *run);
	/* Write one settled finding; -1 when memory runs out. */
	int (*finding)(void *state, const struct ka_run *run,
		       const struct ka_finding *f);
	/*
	 * Write what comes after the findings (input outcomes, summaries)
	 * and free the state; -1 when memory ran out at any point, 1 when
	 * the report is past a limit its reader has (the run fails).
	 */
	int (*end)(void *state, const struct ka_run *run);
};

/* Every format, in --help order, ending with NULL. */
extern const struct ka_reporter *const ka_reporters[];

/* The reporter named name, or NULL. */
const struct ka_reporter *ka_reporter_find(const char *name);

extern const struct ka_reporter ka_reporter_text;
extern const struct ka_reporter ka_reporter_json;
extern const struct ka_reporter ka_reporter_sarif;
extern const struct ka_reporter ka_reporter_markdown;
extern const struct ka_reporter ka_reporter_gitlab;
extern const struct ka_reporter ka_reporter_junit;
extern const struct ka_reporter ka_reporter_github;

/* The one-line summary for stderr: "7 findings (2 errors, 5 warnings) in 3
 * files, 12 documents". */
void ka_report_summary(FILE *out, const struct ka_run *run);

/*
 * When no document of any input was audited (an empty folder, only files
 * that are not manifests, empty files), say so and what was skipped, as a
 * warning, or an error when fail (--fail-if-empty); returns whether.
 */
bool ka_report_nothing(FILE *out, const struct ka_run *run, bool fail);

#endif
