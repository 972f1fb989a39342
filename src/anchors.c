/* Anchors and alias accounting: see kaudit/anchors.h. */
#include "kaudit/anchors.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

int ka_anchors_put(struct ka_anchors *t, const char *name, struct ka_node *n)
{
	size_t mask, i;

	if (t->n * 2 >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct ka_anchor *v = calloc(cap, sizeof(*v));

		if (!v)
			return -1;
		for (size_t j = 0; j < t->cap; j++) {
			if (!t->v[j].name)
				continue;
			for (i = hash(t->v[j].name) & (cap - 1); v[i].name;
			     i = (i + 1) & (cap - 1))
				;
			v[i] = t->v[j];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	mask = t->cap - 1;
	for (i = hash(name) & mask; t->v[i].name; i = (i + 1) & mask) {
		if (strcmp(t->v[i].name, name) == 0) {
			t->v[i].node = n; /* a redefinition wins */
			return 0;
		}
	}
	t->v[i].name = name;
	t->v[i].node = n;
	t->n++;
	return 0;
}

struct ka_node *ka_anchors_get(const struct ka_anchors *t, const char *name)
{
	size_t mask, i;

	if (!t->cap)
		return NULL;
	mask = t->cap - 1;
	for (i = hash(name) & mask; t->v[i].name; i = (i + 1) & mask)
		if (strcmp(t->v[i].name, name) == 0)
			return t->v[i].node;
	return NULL;
}

/* go-yaml v2: allowedAliasRatio() */
static double allowed_alias_ratio(uint64_t decode_count)
{
	if (decode_count <= 400000)
		return 0.99;
	if (decode_count >= 4000000)
		return 0.10;
	return 0.99 - 0.89 * ((double)(decode_count - 400000) / 3600000.0);
}

bool ka_aliasing_excessive(uint64_t decode_count, uint64_t alias_count)
{
	return alias_count > 100 && decode_count > 1000 &&
	       (double)alias_count / (double)decode_count >
		   allowed_alias_ratio(decode_count);
}

void ka_anchors_clear(struct ka_anchors *t)
{
	/* A table one document made big goes: clearing it for every later
	 * document would cost its size each time (the next one sizes its
	 * own). */
	if (t->cap > 4096) {
		ka_anchors_free(t);
		return;
	}
	if (t->n) {
		memset(t->v, 0, t->cap * sizeof(*t->v));
		t->n = 0;
	}
}

void ka_anchors_free(struct ka_anchors *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}
