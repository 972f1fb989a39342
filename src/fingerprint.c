/* Alert identity for SARIF: see kaudit/fingerprint.h. */
#include "kaudit/fingerprint.h"

#include <stdlib.h>
#include <string.h>

void ka_fingerprints_init(struct ka_fingerprints *r)
{
	memset(r, 0, sizeof(*r));
	r->cur_input = r->cur_doc = (size_t)-1;
}

static void counts_free(struct ka_counts *c)
{
	free(c->keys);
	free(c->counts);
	memset(c, 0, sizeof(*c));
}

void ka_fingerprints_free(struct ka_fingerprints *r)
{
	counts_free(&r->per_doc);
	counts_free(&r->per_file);
	counts_free(&r->resources);
}

/* FNV-1a, 64 bits. */
static uint64_t fnv(uint64_t h, const char *s, bool skip_digits)
{
	for (; *s; s++) {
		if (skip_digits && *s >= '0' && *s <= '9')
			continue;
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff; /* field separator */
	h *= 0x100000001b3ULL;
	return h;
}

/*
 * The finding's logical identity, never its position: check, file,
 * resource, and the field by meaning (the container by name, list members
 * by what they are; see ka_finding.ident). Input problems have no
 * resource, so their message stands in, without digits (they carry line
 * numbers).
 */
uint64_t ka_fingerprint_identity(const struct ka_finding *f, const char *uri)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv(h, f->check->id, false);
	h = fnv(h, uri, false);
	h = fnv(h, f->kind, false);
	h = fnv(h, f->ns, false);
	h = fnv(h, f->name, false);
	h = fnv(h, f->ident ? f->ident : "", false);
	if (!f->ident || !*f->ident)
		h = fnv(h, f->message, true);
	return h;
}

/* Empty the table; a big one is freed, so that resets stay cheap. */
static void counts_reset(struct ka_counts *c)
{
	if (c->cap > 4096)
		counts_free(c);
	c->n = 0;
	if (c->cap)
		memset(c->keys, 0, c->cap * sizeof(*c->keys));
}

/* Add one to key's count and return it; 0 when memory runs out. */
static unsigned counts_bump(struct ka_counts *c, uint64_t key)
{
	size_t mask, i;

	if (key == 0)
		key = 1; /* 0 marks an empty slot */
	if ((c->n + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		uint64_t *keys = calloc(cap, sizeof(*keys));
		unsigned *counts = calloc(cap, sizeof(*counts));

		if (!keys || !counts) {
			free(keys);
			free(counts);
			return 0;
		}
		for (size_t k = 0; k < c->cap; k++) {
			if (!c->keys[k])
				continue;
			for (i = c->keys[k] & (cap - 1); keys[i];
			     i = (i + 1) & (cap - 1))
				;
			keys[i] = c->keys[k];
			counts[i] = c->counts[k];
		}
		free(c->keys);
		free(c->counts);
		c->keys = keys;
		c->counts = counts;
		c->cap = cap;
	}
	mask = c->cap - 1;
	for (i = key & mask; c->keys[i] && c->keys[i] != key;
	     i = (i + 1) & mask)
		;
	if (!c->keys[i]) {
		c->keys[i] = key;
		c->counts[i] = 0;
		c->n++;
	}
	return ++c->counts[i];
}

/*
 * The occurrence number of identity h: how many findings of the file
 * before this one share it. Resource findings count per document, and
 * their identity includes how often the resource appeared earlier in the
 * file; input problems (no resource) count per file.
 */
unsigned ka_fingerprint_occurrence(struct ka_fingerprints *r,
				   const struct ka_finding *f, uint64_t *h)
{
	unsigned n;

	if (f->input != r->cur_input) {
		r->cur_input = f->input;
		r->cur_doc = (size_t)-1;
		counts_reset(&r->per_file);
		counts_reset(&r->resources);
	}
	if (!*f->kind) {
		n = counts_bump(&r->per_file, *h);
		if (!n)
			r->oom = true;
		return n ? n : 1;
	}
	if (f->doc != r->cur_doc) {
		r->cur_doc = f->doc;
		r->cur_resource = 0;
		counts_reset(&r->per_doc);
	}
	{
		uint64_t res =
		    fnv(fnv(fnv(0xcbf29ce484222325ULL, f->kind, false), f->ns,
			    false),
			f->name, false);

		/*
		 * Counts run per stretch of one resource's findings (a list's
		 * items are one document): a later stretch of the same
		 * resource has another identity anyway.
		 */
		if (res != r->cur_resource) {
			r->cur_resource = res;
			counts_reset(&r->per_doc);
			r->cur_resource_seen = counts_bump(&r->resources, res);
			if (!r->cur_resource_seen) {
				r->oom = true;
				r->cur_resource_seen = 1;
			}
		}
	}
	/* The same resource again later in the file: a new identity. */
	if (r->cur_resource_seen > 1)
		*h = (*h ^ r->cur_resource_seen) * 0x100000001b3ULL;
	n = counts_bump(&r->per_doc, *h);
	if (!n)
		r->oom = true;
	return n ? n : 1;
}
