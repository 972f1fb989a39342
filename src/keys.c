/* The keys of a mapping: see kaudit/keys.h. */
#include "kaudit/keys.h"

#include <stdlib.h>
#include <string.h>

static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static int cmp_keys(const void *pa, const void *pb)
{
	const struct ka_node *a = *(const struct ka_node *const *)pa;
	const struct ka_node *b = *(const struct ka_node *const *)pb;
	size_t n =
	    a->u.s.key_len < b->u.s.key_len ? a->u.s.key_len : b->u.s.key_len;
	int c = memcmp(a->u.s.key, b->u.s.key, n);

	if (c)
		return c;
	if (a->u.s.key_len != b->u.s.key_len)
		return a->u.s.key_len < b->u.s.key_len ? -1 : 1;
	/* Document order among equal keys. */
	return a < b ? -1 : a > b;
}

static bool same_key(const struct ka_node *a, const struct ka_node *b)
{
	return a->u.s.key_len == b->u.s.key_len &&
	       memcmp(a->u.s.key, b->u.s.key, a->u.s.key_len) == 0;
}

static int add_dup(struct ka_arena *arena, const struct ka_node *first,
		   const struct ka_node *later, struct ka_yaml_dup ***tail)
{
	struct ka_yaml_dup *d = ka_arena_alloc(arena, sizeof(*d));

	if (!d)
		return -1;
	d->key = later;
	d->first = first;
	d->next = NULL;
	**tail = d;
	*tail = &d->next;
	return 0;
}

int ka_keys_find_dups(struct ka_arena *arena, struct ka_yaml_dup ***tail,
		      struct ka_node **kv, size_t n)
{
	const struct ka_node **keys;
	size_t nk = 0;

	if (n / 2 <= 16) {
		for (size_t i = 2; i < n; i += 2) {
			const struct ka_node *k = kv[i];

			if (k->kind != KA_NODE_SCALAR ||
			    ka_node_is_merge_key(kv[i]))
				continue;
			for (size_t j = 0; j < i; j += 2) {
				const struct ka_node *o = kv[j];

				if (o->kind == KA_NODE_SCALAR &&
				    !ka_node_is_merge_key(kv[j]) &&
				    same_key(o, k)) {
					if (add_dup(arena, kv[j], kv[i], tail) <
					    0)
						return -1;
					break;
				}
			}
		}
		return 0;
	}
	/* Large mappings: sort pointers (document order breaks ties). */
	keys = malloc(n / 2 * sizeof(*keys));
	if (!keys)
		return -1;
	for (size_t i = 0; i < n; i += 2)
		if (kv[i]->kind == KA_NODE_SCALAR &&
		    !ka_node_is_merge_key(kv[i]))
			keys[nk++] = kv[i];
	qsort(keys, nk, sizeof(*keys), cmp_keys);
	for (size_t i = 1; i < nk; i++) {
		size_t first = i - 1;

		while (i < nk && same_key(keys[first], keys[i])) {
			if (add_dup(arena, keys[first], keys[i], tail) < 0) {
				free(keys);
				return -1;
			}
			i++;
		}
	}
	free(keys);
	return 0;
}

static bool is_map(const struct ka_node *n)
{
	n = ka_node_deref(n);
	return n && n->kind == KA_NODE_MAPPING;
}

int ka_keys_merge_value(const struct ka_node *v, uint64_t *weight)
{
	if (v->kind == KA_NODE_SEQUENCE) {
		*weight = 0;
		for (size_t i = 0; i < v->u.c.n; i++) {
			if (!is_map(v->u.c.v[i]))
				return -1;
			*weight = sat_add(*weight, v->u.c.v[i]->weight);
		}
		return 0;
	}
	if (is_map(v)) {
		*weight = v->weight;
		return 0;
	}
	return -1;
}
