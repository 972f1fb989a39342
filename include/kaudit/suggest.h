/*
 * "Did you mean": the known name nearest to a mistyped one (an option, a
 * format, a profile, a check id), when it is near enough to be a typo.
 */
#ifndef KAUDIT_SUGGEST_H
#define KAUDIT_SUGGEST_H

#include <stddef.h>

struct ka_suggest {
	const char *word;
	const char *best;
	unsigned dist;
};

void ka_suggest_init(struct ka_suggest *s, const char *word);

/* Consider one known name. */
void ka_suggest_try(struct ka_suggest *s, const char *name);

/*
 * The best name when it is a likely typo of the word (edit distance with
 * transpositions, ignoring case: 1 for words up to 4 bytes, 2 up to 8,
 * 3 beyond; or the word is a prefix of the best name, 3 bytes or more), else
 * NULL.
 */
const char *ka_suggest_best(const struct ka_suggest *s);

/*
 * " (did you mean 'X'?)" into buf when there is a best name, else "";
 * returns buf.
 */
const char *ka_suggest_hint(const struct ka_suggest *s, char *buf, size_t size);

#endif
