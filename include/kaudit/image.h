/* Container image references, by the distribution reference grammar. */
#ifndef KAUDIT_IMAGE_H
#define KAUDIT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct ka_image {
	/* Spans into the reference string; len 0 when absent. */
	const char *domain;
	size_t domain_len; /* registry host[:port] */
	const char *path;
	size_t path_len;
	const char *tag;
	size_t tag_len;
	const char *digest;
	size_t digest_len; /* "sha256:..." */
	bool has_tag, has_digest;
	bool tag_valid;	   /* [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} */
	bool digest_valid; /* sha256 + 64 or sha512 + 128 lowercase hex */
};

/* s[0..n) is a digest: sha256: and 64 lowercase hex digits, or sha512:
 * and 128. */
bool ka_image_digest_ok(const char *s, size_t n);

/* Split ref into its parts. Returns 0, or -1 for an empty name. */
int ka_image_parse(const char *ref, struct ka_image *img);

/*
 * The last path part of an image reference, for a message: "app:1.2"
 * of "registry.example.com/team/app:1.2" (the finding sits on the whole
 * reference).
 */
const char *ka_image_short(const char *ref);

#endif
