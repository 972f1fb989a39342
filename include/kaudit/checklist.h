/*
 * The registry for people: --list-checks (text, JSON, Markdown),
 * --explain (text, Markdown), and the man page's CHECKS section. The
 * README checks table, doc/checks/<id>.md and the man page are generated
 * from here and a test keeps the committed copies in step.
 */
#ifndef KAUDIT_CHECKLIST_H
#define KAUDIT_CHECKLIST_H

#include <stdbool.h>
#include <stdio.h>

#include "kaudit/check.h"

/* Every check: id, level, on or off (enabled, per registry index, or an
 * input check), title. Returns how many are off. */
size_t ka_checklist_text(FILE *out, const bool *enabled);

/* Every check as a JSON array (id, level, title, enabled, input, psa). */
void ka_checklist_json(FILE *out, const bool *enabled);

/* The README's checks table, in Markdown. */
void ka_checklist_markdown(FILE *out);

/* The man page's CHECKS section (roff, from .SH CHECKS). */
void ka_checklist_man(FILE *out);

/* --explain: risk, remediation, example, PSS mapping. */
void ka_check_explain(FILE *out, const struct ka_check *c);

/* doc/checks/<id>.md: the check's reference page. */
void ka_check_markdown(FILE *out, const struct ka_check *c);

/* "baseline: privileged (v1.0+)", "kaudit" or "input", in buf. */
const char *ka_check_mapping(const struct ka_check *c, char *buf, size_t size);

/* Write s for roff: '-' as \-, a leading '.' or '\'' guarded, no backticks. */
void ka_roff(FILE *out, const char *s);

/* " (did you mean 'ID'?)" for a mistyped check id, or "": in buf. */
const char *ka_checklist_hint(const char *id, char *buf, size_t size);

#endif
