/* --pin-digests: see kaudit/pins.h. */
#include "kaudit/pins.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/clean.h"
#include "kaudit/image.h"

static int cmp_pin(const void *a, const void *b)
{
	return strcmp(((const struct ka_pin *)a)->image,
		      ((const struct ka_pin *)b)->image);
}

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* One line (NUL-terminated, without its break): 0, 1 for nothing on
 * it, -1 with *why set (or NULL: no memory). */
static int parse_line(char *line, struct ka_pin *pin, const char **why)
{
	char *p = line, *image, *digest;
	size_t ni, nd;

	*why = NULL;
	if ((digest = strchr(p, '#')))
		*digest = '\0';
	p += strspn(p, " \t\r");
	if (!*p)
		return 1;
	image = p;
	ni = strcspn(p, " \t\r@");
	p += ni;
	if (*p == '@') {
		p++;
	} else {
		p += strspn(p, " \t\r");
	}
	digest = p;
	nd = strcspn(p, " \t\r");
	p += nd;
	p += strspn(p, " \t\r");
	if (!ni || !nd || *p) {
		*why = "expected an image and its digest (IMAGE DIGEST or "
		       "IMAGE@DIGEST)";
		return -1;
	}
	if (!ka_image_digest_ok(digest, nd)) {
		*why = "bad digest: use sha256: and 64 lowercase hex digits "
		       "(or sha512: and 128)";
		return -1;
	}
	pin->image = dupn(image, ni);
	pin->digest = dupn(digest, nd);
	if (!pin->image || !pin->digest) {
		free(pin->image);
		free(pin->digest);
		return -1;
	}
	return 0;
}

int ka_pins_load(struct ka_pins *p, const char *path, FILE *err)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	unsigned lineno = 0;
	ssize_t len;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	if (!f) {
		ka_say(err, "kaudit: error: --pin-digests '%s': %s", path,
		       strerror(errno));
		return -1;
	}
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		struct ka_pin pin;
		const char *why;
		int r;

		lineno++;
		if (memchr(line, '\0', (size_t)len)) {
			ka_say(err, "kaudit: error: %s:%u: a NUL byte", path,
			       lineno);
			rc = -1;
			break;
		}
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if ((r = parse_line(line, &pin, &why)) == 1)
			continue;
		if (r < 0) {
			ka_say(err, "kaudit: error: %s:%u: %s", path, lineno,
			       why ? why : "out of memory");
			rc = -1;
			break;
		}
		if (p->n == alloc) {
			size_t na = alloc ? 2 * alloc : 16;
			struct ka_pin *v = realloc(p->v, na * sizeof(*v));

			if (!v) {
				free(pin.image);
				free(pin.digest);
				rc = -1;
				break;
			}
			p->v = v;
			alloc = na;
		}
		p->v[p->n++] = pin;
	}
	free(line);
	fclose(f);
	if (rc == 0 && p->n)
		qsort(p->v, p->n, sizeof(*p->v), cmp_pin);
	for (size_t i = 1; rc == 0 && i < p->n; i++)
		if (!strcmp(p->v[i].image, p->v[i - 1].image) &&
		    strcmp(p->v[i].digest, p->v[i - 1].digest)) {
			ka_say(
			    err,
			    "kaudit: error: --pin-digests '%s': image '%s' is "
			    "given two digests",
			    path, p->v[i].image);
			rc = -1;
		}
	if (rc < 0)
		ka_pins_free(p);
	return rc;
}

const char *ka_pins_find(const struct ka_pins *p, const char *image)
{
	size_t lo = 0, hi = p ? p->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(image, p->v[mid].image);

		if (!c)
			return p->v[mid].digest;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void ka_pins_free(struct ka_pins *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].image);
		free(p->v[i].digest);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}
