/* "Did you mean": see kaudit/suggest.h. */
#include "kaudit/suggest.h"

#include <stdio.h>
#include <string.h>

#define MAX_WORD 64

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

/* Optimal string alignment distance, case-insensitive; both under
 * MAX_WORD bytes. */
static unsigned distance(const char *a, size_t n, const char *b, size_t m)
{
	unsigned d[MAX_WORD + 1][MAX_WORD + 1];

	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned char x = lower((unsigned char)a[i - 1]);
			unsigned char y = lower((unsigned char)b[j - 1]);
			unsigned cost = x != y;

			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				       d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 &&
			    x == lower((unsigned char)b[j - 2]) &&
			    lower((unsigned char)a[i - 2]) == y &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[n][m];
}

void ka_suggest_init(struct ka_suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->dist = ~0u;
}

void ka_suggest_try(struct ka_suggest *s, const char *name)
{
	size_t n = strlen(s->word), m = strlen(name);
	unsigned d;

	if (!n || n >= MAX_WORD || m >= MAX_WORD)
		return;
	if (n >= 3 && m > n && strncmp(name, s->word, n) == 0)
		d = 1; /* a prefix: as near as one typo */
	else
		d = distance(s->word, n, name, m);
	if (d < s->dist) {
		s->dist = d;
		s->best = name;
	}
}

const char *ka_suggest_best(const struct ka_suggest *s)
{
	size_t n = strlen(s->word);
	unsigned limit = n <= 4 ? 1 : n <= 8 ? 2 : 3;

	return s->best && s->dist && s->dist <= limit ? s->best : NULL;
}

const char *ka_suggest_hint(const struct ka_suggest *s, char *buf, size_t size)
{
	const char *best = ka_suggest_best(s);

	if (best)
		snprintf(buf, size, " (did you mean '%s'?)", best);
	else if (size)
		*buf = '\0';
	return buf;
}
