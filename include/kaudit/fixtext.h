/*
 * The text a fix adds (kaudit/fix.h): a growable string, and the keys
 * added at one place as a tree, written as block lines or flow entries.
 */
#ifndef KAUDIT_FIXTEXT_H
#define KAUDIT_FIXTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/fix.h"

/* A growable string. */
struct ka_fixtext {
	char *v;
	size_t n, cap;
	bool oom;
};

void ka_fixtext_put(struct ka_fixtext *s, const char *p, size_t n);
void ka_fixtext_puts(struct ka_fixtext *s, const char *p);
void ka_fixtext_spaces(struct ka_fixtext *s, unsigned n);

/* A key or string value, double-quoted when quote (a JSON file). */
void ka_fixtext_word(struct ka_fixtext *s, const char *w, size_t n, bool quote);

/* Fix x's value w: as a word, or in x's neighbours' quotes (a boolean
 * never). */
void ka_fixtext_value(struct ka_fixtext *s, const char *w,
		      const struct ka_fix *x);

/* The keys inserted at one place, as a tree. */
struct ka_fixkey {
	const char *name;
	size_t len;
	const struct ka_fix *leaf; /* its value, or NULL for a mapping */
	struct ka_fixkey *kid, *next;
};

/*
 * Add fix x's keys under root: 1, 0 when they clash with keys already
 * there (a value where a mapping goes, or another value), -1 on no
 * memory. A repeat of the same value is 1 (written once).
 */
int ka_fixkeys_add(struct ka_fixkey *root, const struct ka_fix *x);

/* Free the keys from k on (its siblings and children). */
void ka_fixkeys_free(struct ka_fixkey *k);

/* The keys from k on as flow entries "a: {b: c}, d: e". */
void ka_fixkeys_flow(struct ka_fixtext *s, const struct ka_fixkey *k,
		     bool quote);

/* The keys from k on as block lines at indent, in style's step, list
 * dashes and quoting, each ending with eol. */
void ka_fixkeys_block(struct ka_fixtext *s, const struct ka_fixkey *k,
		      const struct ka_fix *style, unsigned indent,
		      const char *eol);

#endif
