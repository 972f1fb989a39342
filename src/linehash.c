/* GitHub's line hash: see kaudit/linehash.h. */
#include "kaudit/linehash.h"
#include "kaudit/path.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 100
#define MOD   37u
#define END   65535u

/*
 * The next UTF-16 code unit of UTF-8 text, decoded as the WHATWG decoder
 * (Node.js's) decodes it: each maximal invalid subpart is one U+FFFD. A
 * code point above U+FFFF gives its high surrogate now and its low one
 * (*pending) next.
 */
static unsigned next_unit(const unsigned char **pp, const unsigned char *end,
			  unsigned *pending)
{
	const unsigned char *p = *pp;
	unsigned c, need, cp, lo = 0x80, hi = 0xbf;

	if (*pending) {
		unsigned u = *pending;

		*pending = 0;
		return u;
	}
	c = *p++;
	if (c < 0x80) {
		*pp = p;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		*pp = p;
		return 0xfffd;
	}
	while (need) {
		if (p >= end || *p < lo || *p > hi) {
			*pp = p; /* the bad byte starts the next unit */
			return 0xfffd;
		}
		cp = (cp << 6) | (*p++ & 0x3f);
		lo = 0x80;
		hi = 0xbf;
		need--;
	}
	*pp = p;
	if (cp > 0xffff) {
		cp -= 0x10000;
		*pending = 0xdc00 | (cp & 0x3ff);
		return 0xd800 | (cp >> 10);
	}
	return cp;
}

struct state {
	uint64_t window[BLOCK];
	long lines[BLOCK]; /* the line that starts at this slot, or -1 */
	uint64_t hash, first_mod;
	size_t index;
	long line;
	bool line_start, prev_cr;
	struct ka_linehash *h;
	/* hash -> count so far (open addressing) */
	uint64_t *keys;
	uint32_t *counts;
	size_t cap, n;
	bool oom;
};

static uint32_t bump(struct state *s, uint64_t key)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		uint64_t *k = calloc(cap, sizeof(*k));
		uint32_t *c = calloc(cap, sizeof(*c));

		if (!k || !c) {
			free(k);
			free(c);
			s->oom = true;
			return 0;
		}
		for (size_t j = 0; j < s->cap; j++) {
			if (!s->counts[j])
				continue;
			for (i = (s->keys[j] * 0x9e3779b97f4a7c15ULL) &
				 (cap - 1);
			     c[i]; i = (i + 1) & (cap - 1))
				;
			k[i] = s->keys[j];
			c[i] = s->counts[j];
		}
		free(s->keys);
		free(s->counts);
		s->keys = k;
		s->counts = c;
		s->cap = cap;
	}
	for (i = (key * 0x9e3779b97f4a7c15ULL) & (s->cap - 1);
	     s->counts[i] && s->keys[i] != key; i = (i + 1) & (s->cap - 1))
		;
	if (!s->counts[i]) {
		s->keys[i] = key;
		s->n++;
	}
	return ++s->counts[i];
}

static void output(struct state *s)
{
	long l = s->lines[s->index];

	if (l >= 1 && (size_t)l <= s->h->nlines) {
		s->h->hash[l] = s->hash;
		s->h->count[l] = bump(s, s->hash);
	}
	s->lines[s->index] = -1;
}

static inline void update(struct state *s, uint64_t c)
{
	uint64_t begin = s->window[s->index];

	s->window[s->index] = c;
	s->hash = MOD * s->hash + c - s->first_mod * begin;
	if (++s->index == BLOCK)
		s->index = 0;
}

static inline void character(struct state *s, unsigned c)
{
	if (c == ' ' || c == '\t' || (s->prev_cr && c == '\n')) {
		s->prev_cr = false;
		return;
	}
	s->prev_cr = c == '\r';
	if (c == '\r')
		c = '\n';
	if (s->lines[s->index] != -1)
		output(s);
	if (s->line_start) {
		s->line_start = false;
		s->lines[s->index] = ++s->line;
	}
	if (c == '\n')
		s->line_start = true;
	update(s, c);
}

int ka_linehash(const char *text, size_t len, struct ka_linehash *h)
{
	struct state *s = calloc(1, sizeof(*s));
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	unsigned pending = 0;
	size_t lines = 2;
	int rc = 0;

	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n' || text[i] == '\r';
	h->nlines = lines;
	h->hash = calloc(lines + 1, sizeof(*h->hash));
	h->count = calloc(lines + 1, sizeof(*h->count));
	if (!s || !h->hash || !h->count) {
		free(s);
		ka_linehash_free(h);
		return -1;
	}
	s->h = h;
	s->first_mod = 1;
	for (int i = 0; i < BLOCK; i++) {
		s->first_mod *= MOD;
		s->lines[i] = -1;
	}
	s->line_start = true;
	while (p < end || pending) {
		/* ASCII, most of a manifest, needs no decoding. */
		if (!pending && *p < 0x80)
			character(s, *p++);
		else
			character(s, next_unit(&p, end, &pending));
	}
	character(s, END);
	for (int i = 0; i < BLOCK; i++) {
		if (s->lines[s->index] != -1)
			output(s);
		update(s, 0);
	}
	if (s->oom) {
		ka_linehash_free(h);
		rc = -1;
	}
	free(s->keys);
	free(s->counts);
	free(s);
	return rc;
}

void ka_linehash_free(struct ka_linehash *h)
{
	free(h->hash);
	free(h->count);
	memset(h, 0, sizeof(*h));
}

int ka_linehash_format(const struct ka_linehash *h, size_t line, char *buf,
		       size_t size)
{
	if (line == 0 || line > h->nlines || !h->count[line])
		return -1;
	snprintf(buf, size, "%llx:%u", (unsigned long long)h->hash[line],
		 (unsigned)h->count[line]);
	return 0;
}

int ka_linehash_of(struct ka_linehash_cache *c, const char *path, size_t line,
		   char *buf, size_t size)
{
	size_t i, len = 0;
	char *text;

	for (i = 0; i < KA_LINEHASH_FILES; i++)
		if (c->v[i].path && strcmp(c->v[i].path, path) == 0)
			break;
	if (i == KA_LINEHASH_FILES) {
		i = c->next;
		c->next = (c->next + 1) % KA_LINEHASH_FILES;
		free(c->v[i].path);
		ka_linehash_free(&c->v[i].h);
		c->v[i].ok = false;
		if (!(c->v[i].path = strdup(path)))
			return -1;
		text = ka_path_read(path, &len);
		c->v[i].ok = text && len <= KA_LINEHASH_MAX &&
			     ka_linehash(text, len, &c->v[i].h) == 0;
		free(text);
	}
	return c->v[i].ok ? ka_linehash_format(&c->v[i].h, line, buf, size)
			  : -1;
}

void ka_linehash_cache_free(struct ka_linehash_cache *c)
{
	for (size_t i = 0; i < KA_LINEHASH_FILES; i++) {
		free(c->v[i].path);
		ka_linehash_free(&c->v[i].h);
	}
	memset(c, 0, sizeof(*c));
}
