/*
 * Alert identity for SARIF: a finding's logical identity (check, file,
 * resource, the field by meaning; never its line or a list position)
 * hashed, and an occurrence
 * number that keeps identities unique within a file. Memory grows with
 * the resources of one file, not with findings.
 */
#ifndef KAUDIT_FINGERPRINT_H
#define KAUDIT_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kaudit/findings.h"

/*
 * The partialFingerprints key kaudit's identity goes under in SARIF.
 * primaryLocationLineHash is left to github/codeql-action/upload-sarif,
 * which computes it from the file and warns about any other value (see
 * the README).
 */
#define KA_FINGERPRINT_KEY "kauditIdentity/v1"

struct ka_counts {
	uint64_t *keys;
	unsigned *counts;
	size_t cap, n;
};

struct ka_fingerprints {
	/*
	 * A finding's count runs per document (reset often, so small), plus
	 * how often its resource (kind, namespace, name) already appeared
	 * in the file.
	 */
	struct ka_counts per_doc, per_file, resources;
	size_t cur_input, cur_doc;
	uint64_t cur_resource;
	unsigned cur_resource_seen;
	bool oom;
};

void ka_fingerprints_init(struct ka_fingerprints *r);
void ka_fingerprints_free(struct ka_fingerprints *r);

/* The identity of f in the file whose URI is uri. */
uint64_t ka_fingerprint_identity(const struct ka_finding *f, const char *uri);

/*
 * The occurrence number of identity *h (findings arrive in report order):
 * how many findings of the file before this one share it. A resource met
 * again later in the file changes *h. Sets r->oom when memory runs out.
 */
unsigned ka_fingerprint_occurrence(struct ka_fingerprints *r,
				   const struct ka_finding *f, uint64_t *h);

#endif
