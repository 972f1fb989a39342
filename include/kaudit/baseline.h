/*
 * Baselines: the identities (kauditIdentity/v1, "hex:n") of a previous
 * report, so that a team can turn kaudit on in a repository with many
 * findings and fail only on new ones. A baseline is read from a kaudit
 * JSON report (findings[].fingerprint), a SARIF log
 * (partialFingerprints."kauditIdentity/v1") or a file --write-baseline
 * wrote; only those values are taken from it. Take the baseline from the
 * branch a pull request goes into, never from the pull request itself: a
 * baseline hides the findings it names.
 */
#ifndef KAUDIT_BASELINE_H
#define KAUDIT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ka_baseline {
	uint64_t *hash; /* open addressing on (hash, occurrence) */
	uint32_t *occ;
	bool *seen; /* met again in this run */
	size_t cap, n;
};

/* Read path: 0, or -1 with *why (static text) when it cannot be read or
 * names no identity. */
int ka_baseline_load(struct ka_baseline *b, const char *path, const char **why);

/* Whether the identity is in the baseline (marked as met again). */
bool ka_baseline_has(struct ka_baseline *b, uint64_t hash, unsigned occ);

/* How many identities of the baseline were not met again. */
size_t ka_baseline_gone(const struct ka_baseline *b);

void ka_baseline_free(struct ka_baseline *b);

#endif
