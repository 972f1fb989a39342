/*
 * Waivers: "we accept this, here is why". Three forms:
 *   - an annotation on the object's or the pod template's metadata,
 *     ignore.kaudit.dev/<check-id>: "[container=<name>:]<reason>";
 *   - a comment on the offending line or the line above it (on the line of
 *     `metadata:` or of a container's first line it covers that resource
 *     or container): # kaudit:ignore <id>[,<id>...] <reason>;
 *   - an `ignore:` entry in .kaudit.yaml (src/config.c).
 * Each may end with "(until YYYY-MM-DD)". A waiver without a reason or
 * with an unknown check id is invalid; one that waives nothing is unused.
 */
#ifndef KAUDIT_SUPPRESS_H
#define KAUDIT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/check.h"

#define KA_ANNOTATION_PREFIX "ignore.kaudit.dev/"
#define KA_COMMENT_MARK	     "kaudit:ignore"

enum ka_waiver_kind {
	KA_WAIVER_NONE,
	KA_WAIVER_ANNOTATION,
	KA_WAIVER_COMMENT,
	KA_WAIVER_CONFIG,
};

/*
 * One waiver, whatever its form. The fields a form does not use stay
 * NULL or empty; every one that is set must match a finding.
 */
struct ka_waiver {
	enum ka_waiver_kind kind;
	const struct ka_check *checks[16]; /* the ids it names */
	size_t nchecks;
	char *reason;	 /* malloc'd; "" when there is none */
	char *container; /* annotations "container=<name>:", config */
	char *res_kind, *ns, *name; /* config: the resource */
	char *path;		    /* config: a glob over input paths */
	const char *base; /* config: the directory path globs are under */
	int until;	  /* YYYYMMDD, or 0 */
	unsigned line, col, end_line, end_col; /* where it is written */
	const char *error;		       /* why it is invalid, or NULL */
	bool used;
};

struct ka_finding;

/*
 * Parse the text after "kaudit:ignore" (ids, reason, optional expiry)
 * into w. Always fills w; w->error says what is wrong. Returns 0, or -1
 * when memory runs out.
 */
int ka_waiver_parse_comment(const char *text, size_t len, struct ka_waiver *w);

/*
 * Parse an annotation: id is the part of the key after the prefix, value
 * the annotation's value (NULL when it is not a string).
 */
int ka_waiver_parse_annotation(const char *id, const char *value,
			       struct ka_waiver *w);

/* Add the check named id[0..n) to w, or set w->error when unknown. */
void ka_waiver_add_id(struct ka_waiver *w, const char *id, size_t n);

/* Set w's reason to s[0..n) (trimmed); -1 when memory runs out. */
int ka_waiver_set_reason(struct ka_waiver *w, const char *s, size_t n);

/* True when w names check. */
bool ka_waiver_names(const struct ka_waiver *w, const struct ka_check *check);

/* True when w is valid and not expired on today (YYYYMMDD). */
bool ka_waiver_active(const struct ka_waiver *w, int today);

/*
 * True when w, active, waives f (found in the input at path): it names
 * f's check and every resource field and path glob it sets matches.
 * Where a comment sits is the caller's to judge.
 */
bool ka_waiver_matches(const struct ka_waiver *w, const struct ka_finding *f,
		       const char *path, int today);

/* Mark f waived by w; -1 when memory runs out. */
int ka_waiver_apply(struct ka_waiver *w, struct ka_finding *f);

/*
 * What is wrong with w once every finding was offered to it: invalid,
 * expired, or unused (only when a check it names ran: enabled is per
 * registry index). Returns the check to report, or NULL, with the
 * message "<what> is invalid: ..." written to msg.
 */
const struct ka_check *ka_waiver_problem(const struct ka_waiver *w, int today,
					 const bool *enabled, const char *what,
					 char *msg, size_t size);

/* Free what w owns. */
void ka_waiver_free(struct ka_waiver *w);

/* The waiver's kind as the JSON report spells it. */
const char *ka_waiver_kind_name(enum ka_waiver_kind kind);

/*
 * Find `# kaudit:ignore` comments in a document's text. Returns a malloc'd
 * array of *n waivers (positions relative to first_line; free each with
 * ka_waiver_free), or NULL when there is none (or memory runs out: *n is
 * 0).
 */
struct ka_waiver *ka_waiver_scan(const char *buf, size_t len,
				 unsigned first_line, size_t *n);

/* Parse "YYYY-MM-DD" into YYYYMMDD; -1 when it is not a valid date. */
int ka_parse_date(const char *s, size_t len);

/* Today as YYYYMMDD: $KAUDIT_TODAY (YYYY-MM-DD) when set, else the local date.
 */
int ka_today(void);

extern const struct ka_check ka_check_invalid_suppression;
extern const struct ka_check ka_check_unused_suppression;
extern const struct ka_check ka_check_expired_suppression;

#endif
