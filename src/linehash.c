/* GitHub's line hash: see kaudit/linehash.h. */
#include "kaudit/linehash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	unsigned pending; /* a low surrogate still to give */
	/* Each line's hash, in line order: */
	void (*emit)(struct state *s, long line, uint64_t hash);
	struct ka_linehash *h;
	/* hash -> count so far (open addressing) */
	uint64_t *keys;
	uint32_t *counts;
	size_t cap, n;
	bool oom;
	/* ka_linehash_lines: the lines asked for, and what they get */
	const size_t *want;
	size_t nwant, next;
	uint64_t *want_hash;
	uint32_t *want_count;
	bool counting; /* the second pass */
};

/* The slot of key in a table of cap slots (a power of two): where it is,
 * or the empty slot where it goes. A count of 0 is an empty slot. */
static size_t slot(const uint64_t *keys, const uint32_t *counts, size_t cap,
		   uint64_t key)
{
	size_t i = (key * 0x9e3779b97f4a7c15ULL) & (cap - 1);

	while (counts[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

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
			i = slot(k, c, cap, s->keys[j]);
			k[i] = s->keys[j];
			c[i] = s->counts[j];
		}
		free(s->keys);
		free(s->counts);
		s->keys = k;
		s->counts = c;
		s->cap = cap;
	}
	i = slot(s->keys, s->counts, s->cap, key);
	if (!s->counts[i]) {
		s->keys[i] = key;
		s->n++;
	}
	return ++s->counts[i];
}

static void output(struct state *s)
{
	long l = s->lines[s->index];

	if (l >= 1)
		s->emit(s, l, s->hash);
	s->lines[s->index] = -1;
}

/* ka_linehash: every line's hash and count. */
static void store(struct state *s, long l, uint64_t hash)
{
	if ((size_t)l <= s->h->nlines) {
		s->h->hash[l] = hash;
		s->h->count[l] = bump(s, hash);
	}
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

static void start(struct state *s)
{
	s->first_mod = 1;
	for (int i = 0; i < BLOCK; i++) {
		s->first_mod *= MOD;
		s->lines[i] = -1;
	}
	s->line_start = true;
}

/*
 * character() for a run of ASCII bytes, the state kept in locals: most of
 * a manifest, and the bulk of a SARIF log's cost when every line is
 * hashed twice.
 */
static const unsigned char *ascii_run(struct state *s, const unsigned char *p,
				      const unsigned char *end)
{
	uint64_t hash = s->hash;
	const uint64_t first_mod = s->first_mod;
	size_t index = s->index;
	bool prev_cr = s->prev_cr, line_start = s->line_start;

	for (; p < end && *p < 0x80; p++) {
		uint64_t c = *p, begin;

		if (c == ' ' || c == '\t' || (prev_cr && c == '\n')) {
			prev_cr = false;
			continue;
		}
		prev_cr = c == '\r';
		if (c == '\r')
			c = '\n';
		if (s->lines[index] != -1) {
			s->hash = hash;
			s->index = index;
			output(s);
		}
		if (line_start) {
			line_start = false;
			s->lines[index] = ++s->line;
		}
		line_start = c == '\n';
		begin = s->window[index];
		s->window[index] = c;
		hash = MOD * hash + c - first_mod * begin;
		if (++index == BLOCK)
			index = 0;
	}
	s->hash = hash;
	s->index = index;
	s->prev_cr = prev_cr;
	s->line_start = line_start;
	return p;
}

/* Decode and hash p[0..n): complete UTF-8 sequences, unless last. */
static void feed(struct state *s, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;

	while (p < end || s->pending) {
		/* ASCII, most of a manifest, needs no decoding. */
		if (!s->pending && *p < 0x80)
			p = ascii_run(s, p, end);
		else
			character(s, next_unit(&p, end, &s->pending));
	}
}

static void finish(struct state *s)
{
	character(s, END);
	for (int i = 0; i < BLOCK; i++) {
		if (s->lines[s->index] != -1)
			output(s);
		update(s, 0);
	}
}

int ka_linehash(const char *text, size_t len, struct ka_linehash *h)
{
	struct state *s = calloc(1, sizeof(*s));
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
	s->emit = store;
	start(s);
	feed(s, (const unsigned char *)text, len);
	finish(s);
	if (s->oom) {
		ka_linehash_free(h);
		rc = -1;
	}
	free(s->keys);
	free(s->counts);
	free(s);
	return rc;
}

/* The first pass: the asked lines' hashes; the hashes asked for counted
 * (from zero, in bump's table) in the second. */
static void asked(struct state *s, long l, uint64_t hash)
{
	if (!s->counting) {
		while (s->next < s->nwant && s->want[s->next] == (size_t)l)
			s->want_hash[s->next++] = hash;
		return;
	}
	if (s->cap) {
		size_t i = slot(s->keys, s->counts, s->cap, hash);

		if (s->counts[i]) {
			/* counts hold 1 + the occurrences so far */
			s->counts[i]++;
			while (s->next < s->nwant &&
			       s->want[s->next] == (size_t)l)
				s->want_count[s->next++] = s->counts[i] - 1;
		}
	}
}

/* Stream the file at fd through s (chunks cut between UTF-8 sequences),
 * stopping once every asked line is answered: 0, or -1. */
static int stream(struct state *s, int fd)
{
	unsigned char buf[65536 + 8];
	size_t have = 0;
	bool eof = false;

	while (!eof && s->next < s->nwant) {
		ssize_t r = read(fd, buf + have, 65536 - have);
		size_t usable;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		eof = r == 0;
		have += (size_t)r;
		usable = have;
		if (!eof) {
			/* Keep a sequence that may go on for the next read. */
			size_t k = have, back = 0;

			while (back < 3 && k && (buf[k - 1] & 0xc0) == 0x80) {
				k--;
				back++;
			}
			if (k && buf[k - 1] >= 0xc0 &&
			    back < (buf[k - 1] >= 0xf0	 ? 3u
				    : buf[k - 1] >= 0xe0 ? 2u
							 : 1u))
				usable = k - 1;
		}
		feed(s, buf, usable);
		memmove(buf, buf + usable, have - usable);
		have -= usable;
	}
	if (eof && s->next < s->nwant)
		finish(s);
	return 0;
}

int ka_linehash_lines(const char *path, const size_t *lines, size_t n,
		      uint64_t *hash, uint32_t *count)
{
	struct state *s = calloc(1, sizeof(*s));
	int rc = -1;

	memset(count, 0, n * sizeof(*count));
	if (!s)
		return -1;
	s->want = lines;
	s->nwant = n;
	s->want_hash = hash;
	s->want_count = count;
	s->emit = asked;
	for (int pass = 0; pass < 2; pass++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		size_t found = s->next; /* the asked lines the file has */

		if (fd < 0)
			goto out;
		/* The same stream from the start, keeping what was asked. */
		memset(s, 0, offsetof(struct state, emit));
		start(s);
		s->next = 0;
		s->counting = pass == 1;
		if (pass == 1) {
			/* The hashes of the asked lines that exist, counted. */
			s->cap = 16;
			while (s->cap < 2 * n + 2)
				s->cap *= 2;
			s->keys = calloc(s->cap, sizeof(*s->keys));
			s->counts = calloc(s->cap, sizeof(*s->counts));
			if (!s->keys || !s->counts) {
				close(fd);
				goto out;
			}
			for (size_t k = 0; k < found; k++) {
				size_t i =
				    slot(s->keys, s->counts, s->cap, hash[k]);

				s->keys[i] = hash[k];
				s->counts[i] = 1;
			}
			s->nwant = found; /* lines past the end: none */
		}
		rc = stream(s, fd);
		close(fd);
		if (rc < 0)
			goto out;
	}
out:
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
