/*
 * Baselines: the identities (kauditIdentity/v1, "hex:n") of a previous
 * report, so that a team can turn kaudit on in a repository with many
 * findings and fail only on new ones. A baseline is read from a kaudit
 * JSON report (findings[].fingerprint), a SARIF log
 * (partialFingerprints."kauditIdentity/v1") or a file --write-baseline
 * wrote. Of each identity's record (its JSON line, or its SARIF result up
 * to the fingerprint) only the check, file, line, column, level and
 * message are read, and only for --baseline-absent. Take the baseline from
 * the branch a pull request goes into, never from the pull request
 * itself: a baseline hides the findings it names.
 */
#ifndef KAUDIT_BASELINE_H
#define KAUDIT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ka_baseline_entry {
	uint64_t hash;
	uint32_t occ;
	bool seen;	   /* met again in this run */
	bool sarif;	   /* its record is a SARIF result */
	size_t start, end; /* its record in text */
};

struct ka_baseline {
	struct ka_baseline_entry *v; /* in the order of the file */
	size_t n, capv;
	uint32_t *slot; /* open addressing: index in v + 1, or 0 */
	size_t cap;
	char *text; /* the file */
	size_t len;
};

/* What a baseline's record says of its finding (fields it lacks: NULL,
 * 0). The strings are owned: ka_baseline_said_free. */
struct ka_baseline_said {
	char *check, *level, *message;
	char *path;	 /* a file path (JSON), or a %SRCROOT% URI (sarif) */
	char *line_hash; /* a SARIF log's primaryLocationLineHash */
	bool sarif;
	unsigned line, col, end_line, end_col;
	uint64_t hash;
	uint32_t occ;
};

/* Read path: 0, or -1 with *why (static text) when it cannot be read or
 * names no identity. */
int ka_baseline_load(struct ka_baseline *b, const char *path, const char **why);

/* Whether the identity is in the baseline (marked as met again). */
bool ka_baseline_has(struct ka_baseline *b, uint64_t hash, unsigned occ);

/* How many identities of the baseline were not met again. */
size_t ka_baseline_gone(const struct ka_baseline *b);

/*
 * The next identity not met again, from *pos (start at 0; it moves past
 * the one returned), in the order of the file: true with *s filled, false
 * at the end or when memory runs out (*oom set).
 */
bool ka_baseline_next_gone(const struct ka_baseline *b, size_t *pos,
			   struct ka_baseline_said *s, bool *oom);

void ka_baseline_said_free(struct ka_baseline_said *s);

void ka_baseline_free(struct ka_baseline *b);

#endif
