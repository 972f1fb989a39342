/*
 * --pin-digests FILE: the digests the user vouches for, so that --fix can
 * pin images (kaudit never asks a registry). One image a line, as the
 * manifests write it, then its digest, either `IMAGE DIGEST` or
 * `IMAGE@DIGEST` (what `crane digest --full-ref` and `docker images
 * --digests` print, give or take the column); `#` starts a comment. A
 * digest is sha256: and 64 lowercase hex digits, or sha512: and 128.
 */
#ifndef KAUDIT_PINS_H
#define KAUDIT_PINS_H

#include <stddef.h>
#include <stdio.h>

struct ka_pin {
	char *image;  /* as written in manifests, without a digest */
	char *digest; /* "sha256:..." */
};

/* Sorted by image, for lookups. */
struct ka_pins {
	struct ka_pin *v;
	size_t n;
};

/*
 * Read path into p: 0, or -1 with the problem (file and line) said on
 * err: a line that is not an image and a digest, a bad digest, one image
 * given two digests, a file that cannot be read.
 */
int ka_pins_load(struct ka_pins *p, const char *path, FILE *err);

/* The digest given for image, or NULL (p may be NULL). */
const char *ka_pins_find(const struct ka_pins *p, const char *image);

void ka_pins_free(struct ka_pins *p);

#endif
