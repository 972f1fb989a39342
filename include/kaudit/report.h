/* Renderers: a finished run to text or JSON. */
#ifndef KAUDIT_REPORT_H
#define KAUDIT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "kaudit/audit.h"

/* JSON report format version (the "version" field). */
#define KA_JSON_VERSION 1

/*
 * `path:line:col: level: message [id]`, one finding a line. Control
 * characters from the input are written as \xNN so a finding stays on one
 * line. colour adds ANSI colours. Waived findings are left out unless
 * show_suppressed, and then end with "(suppressed: reason)".
 */
void ka_report_text(FILE *out, const struct ka_run *run, bool colour,
		    bool show_suppressed);

/* GitHub Actions workflow commands (::error file=...::message). */
void ka_report_github(FILE *out, const struct ka_run *run);

/* The JSON report documented in README.md. */
void ka_report_json(FILE *out, const struct ka_run *run);

/* The one-line summary for stderr: "7 findings (2 errors, 5 warnings) in 3 files, 12 documents". */
void ka_report_summary(FILE *out, const struct ka_run *run);

/* Write s as a JSON string (quoted); invalid UTF-8 becomes U+FFFD. */
void ka_json_string(FILE *out, const char *s);


struct ka_sarif_options {
	const char *category;  /* runs[0].automationDetails.id, or NULL */
	bool stdin_named;      /* --stdin-filename was given */
	bool execution_ok;     /* every input was read */
};

/*
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, a rule for every
 * check that ran, one location per result with a repository-relative URI
 * (the git top level of the file, else the current directory), and a
 * primaryLocationLineHash computed from the finding's logical identity so
 * it survives lines moving.
 */
void ka_report_sarif(FILE *out, const struct ka_run *run,
		     const struct ka_sarif_options *opt);

/*
 * The repository-relative URI of path (percent-encoded), or a file: URI
 * when it lies outside the repository and the current directory. Sets
 * *relative accordingly. Returns a malloc'd string, or NULL.
 */
char *ka_sarif_uri(const char *path, bool *relative);

#endif
