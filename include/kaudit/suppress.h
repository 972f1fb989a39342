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
#define KA_COMMENT_MARK "kaudit:ignore"

enum ka_waiver_kind {
	KA_WAIVER_NONE,
	KA_WAIVER_ANNOTATION,
	KA_WAIVER_COMMENT,
	KA_WAIVER_CONFIG,
};

struct ka_waiver {
	enum ka_waiver_kind kind;
	const struct ka_check *checks[16]; /* the ids it names */
	size_t nchecks;
	char container[256]; /* annotations: "container=<name>:", else "" */
	char reason[512];
	int until;          /* YYYYMMDD, or 0 */
	unsigned line, col, end_line, end_col; /* where it is written */
	const char *error;  /* why it is invalid, or NULL */
	bool used;
};

/*
 * Parse the text after "kaudit:ignore" (ids, reason, optional expiry)
 * into w. Always fills w; w->error says what is wrong.
 */
void ka_waiver_parse_comment(const char *text, size_t len,
			     struct ka_waiver *w);

/*
 * Parse an annotation: id is the part of the key after the prefix, value
 * the annotation's value (NULL when it is not a string).
 */
void ka_waiver_parse_annotation(const char *id, const char *value,
				struct ka_waiver *w);

/* True when w names check. */
bool ka_waiver_names(const struct ka_waiver *w, const struct ka_check *check);

/* The waiver's kind as the JSON report spells it. */
const char *ka_waiver_kind_name(enum ka_waiver_kind kind);

/*
 * Find `# kaudit:ignore` comments in a document's text. Returns a malloc'd
 * array of *n waivers (positions relative to first_line), or NULL when
 * there is none (or memory runs out: *n is 0).
 */
struct ka_waiver *ka_waiver_scan(const char *buf, size_t len,
				 unsigned first_line, size_t *n);

extern const struct ka_check ka_check_invalid_suppression;
extern const struct ka_check ka_check_unused_suppression;
extern const struct ka_check ka_check_expired_suppression;

#endif
