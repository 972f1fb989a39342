/*
 * Auditing one input, document by document: split, parse, find the pod
 * specs, validate, run the enabled checks, apply the waivers written in
 * the document (annotations, comments), sort. Each call hands back one
 * document's findings, so memory holds one document, never the report.
 * An auditor belongs to one thread; the settings are shared.
 */
#ifndef KAUDIT_AUDIT_H
#define KAUDIT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/findings.h"
#include "kaudit/input.h"
#include "kaudit/settings.h"

struct ka_auditor;

/* A new auditor reading with settings s (which must outlive it), or NULL. */
struct ka_auditor *ka_auditor_new(const struct ka_settings *s);
void ka_auditor_free(struct ka_auditor *a);

/*
 * Start reading in (index idx of the run's inputs) from fd, which the
 * caller keeps and closes after the last ka_auditor_next(). 0, or -1
 * when memory runs out.
 */
int ka_auditor_open(struct ka_auditor *a, const struct ka_settings *s,
		    struct ka_input *in, size_t idx, int fd);

/*
 * The next document's findings, sorted by line, column and id, without
 * repeats, with the document's own waivers applied. Returns 1 and sets
 * *f and *n (the caller takes the findings, and must free each with
 * ka_finding_free; the array stays the auditor's until the next call),
 * or 0 at the end of the input (marked audited, or unreadable with the
 * reason). Memory running out ends the input too: ka_auditor_oom() says so.
 */
int ka_auditor_next(struct ka_auditor *a, struct ka_finding **f, size_t *n);

/* True once memory ran out: what this auditor reported is incomplete. */
bool ka_auditor_oom(const struct ka_auditor *a);

#endif
