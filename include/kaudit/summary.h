/*
 * A run's findings summed up for people, in Markdown: counts per check
 * and level, and the first findings (errors first) with their locations.
 * `--format markdown` prints it (for pull-request comments); `--format
 * github` appends it to $GITHUB_STEP_SUMMARY (the job summary). Every
 * string from the input is escaped: no Markdown, HTML or link gets in.
 */
#ifndef KAUDIT_SUMMARY_H
#define KAUDIT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/findings.h"

struct ka_run;

/* How many findings of each level the summary lists. */
#define KA_SUMMARY_FIRST 20

/* The counts are the run's (ka_run's counts and per_check). */
struct ka_summary {
	char *first[3][KA_SUMMARY_FIRST]; /* Markdown list items */
	size_t nfirst[3];
	bool oom;
};

/* 0, or -1 when memory runs out. */
int ka_summary_init(struct ka_summary *s);

/* Count f (waived findings are not counted) and keep it if among the
 * first of its level. */
void ka_summary_add(struct ka_summary *s, const struct ka_run *run,
		    const struct ka_finding *f);

/* Write the Markdown, with the run's counts (complete once delivered). */
void ka_summary_write(const struct ka_summary *s, const struct ka_run *run,
		      FILE *out);

void ka_summary_free(struct ka_summary *s);

/* text with Markdown and HTML made inert, into out. */
void ka_markdown_escape(FILE *out, const char *text);

#endif
