#include "kaudit/node.h"

#include <stdint.h>
#include <string.h>

#include "kaudit/scalar.h"

bool ka_node_is_map(const struct ka_node *n)
{
	n = ka_node_deref(n);
	return n && n->kind == KA_NODE_MAPPING;
}

bool ka_node_is_seq(const struct ka_node *n)
{
	n = ka_node_deref(n);
	return n && n->kind == KA_NODE_SEQUENCE;
}

bool ka_node_is_scalar(const struct ka_node *n)
{
	n = ka_node_deref(n);
	return n && n->kind == KA_NODE_SCALAR;
}

bool ka_node_is_merge_key(const struct ka_node *n)
{
	if (!n || n->kind != KA_NODE_SCALAR)
		return false;
	if (n->tag)
		return strcmp(n->tag, "tag:yaml.org,2002:merge") == 0;
	return n->style == KA_STYLE_PLAIN && n->u.s.len == 2 &&
	       memcmp(n->u.s.text, "<<", 2) == 0;
}

static bool key_is(const struct ka_node *k, const char *name, size_t len)
{
	return k->kind == KA_NODE_SCALAR && k->u.s.key_len == len &&
	       memcmp(k->u.s.key, name, len) == 0;
}

/*
 * Merges are bounded by the alias ratio check in the parser, which refuses
 * documents whose expansion is large; the depth cap is a second guard.
 */
#define MAX_MERGE_DEPTH 1000

static const struct ka_node *lookup(const struct ka_node *map, const char *name,
				    size_t len, const struct ka_node **keyp,
				    int depth)
{
	if (!map || map->kind != KA_NODE_MAPPING || depth > MAX_MERGE_DEPTH)
		return NULL;
	/* Scan backwards: the last writer in document order wins. */
	for (size_t i = map->u.c.n; i >= 2; i -= 2) {
		const struct ka_node *k = map->u.c.v[i - 2];
		const struct ka_node *v = ka_node_deref(map->u.c.v[i - 1]);
		const struct ka_node *r;

		if (k->merge) {
			if (v && v->kind == KA_NODE_MAPPING) {
				r = lookup(v, name, len, keyp, depth + 1);
				if (r)
					return r;
			} else if (v && v->kind == KA_NODE_SEQUENCE) {
				/* Earlier maps in the list take precedence. */
				for (size_t j = 0; j < v->u.c.n; j++) {
					r = lookup(ka_node_deref(v->u.c.v[j]),
						   name, len, keyp, depth + 1);
					if (r)
						return r;
				}
			}
			continue;
		}
		if (key_is(k, name, len)) {
			if (keyp)
				*keyp = k;
			return v;
		}
	}
	return NULL;
}

const struct ka_node *ka_map_get_key(const struct ka_node *map,
				     const char *name,
				     const struct ka_node **keyp)
{
	return lookup(ka_node_deref(map), name, strlen(name), keyp, 0);
}

const struct ka_node *ka_map_get_keyn(const struct ka_node *map,
				      const char *name, size_t len,
				      const struct ka_node **keyp)
{
	return lookup(ka_node_deref(map), name, len, keyp, 0);
}

const struct ka_node *ka_map_get(const struct ka_node *map, const char *name)
{
	return ka_map_get_key(map, name, NULL);
}

size_t ka_seq_len(const struct ka_node *seq)
{
	seq = ka_node_deref(seq);
	return seq && seq->kind == KA_NODE_SEQUENCE ? seq->u.c.n : 0;
}

const struct ka_node *ka_seq_at(const struct ka_node *seq, size_t i)
{
	seq = ka_node_deref(seq);
	if (!seq || seq->kind != KA_NODE_SEQUENCE || i >= seq->u.c.n)
		return NULL;
	return ka_node_deref(seq->u.c.v[i]);
}

const char *ka_node_str(const struct ka_node *n)
{
	struct ka_value v;

	n = ka_node_deref(n);
	if (!n || n->kind != KA_NODE_SCALAR)
		return NULL;
	ka_node_value(n, &v);
	return v.type == KA_TYPE_STR ? n->u.s.str : NULL;
}

static bool is_core_tag(const char *tag, const char *name)
{
	static const char prefix[] = "tag:yaml.org,2002:";

	return strncmp(tag, prefix, sizeof(prefix) - 1) == 0 &&
	       strcmp(tag + sizeof(prefix) - 1, name) == 0;
}

static void node_value(const struct ka_node *n, struct ka_value *v);

void ka_node_value(const struct ka_node *n, struct ka_value *v)
{
	n = ka_node_deref(n);
	/*
	 * Checks read the same scalars again and again; a string (the common
	 * case) is remembered in the node.
	 */
	if (n && n->kind == KA_NODE_SCALAR && n->resolved == 1 + KA_TYPE_STR) {
		memset(v, 0, sizeof(*v));
		v->type = KA_TYPE_STR;
		return;
	}
	node_value(n, v);
	if (n && n->kind == KA_NODE_SCALAR && v->type == KA_TYPE_STR)
		((struct ka_node *)n)->resolved = 1 + KA_TYPE_STR;
}

static void node_value(const struct ka_node *n, struct ka_value *v)
{
	memset(v, 0, sizeof(*v));
	if (!n) {
		v->type = KA_TYPE_NULL;
		return;
	}
	if (n->kind == KA_NODE_MAPPING) {
		v->type = KA_TYPE_MAP;
		return;
	}
	if (n->kind == KA_NODE_SEQUENCE) {
		v->type = KA_TYPE_SEQ;
		return;
	}
	if (n->tag) {
		/* !!bool, !!int, !!float, !!null resolve the text as plain. */
		if (is_core_tag(n->tag, "bool") || is_core_tag(n->tag, "int") ||
		    is_core_tag(n->tag, "float") ||
		    is_core_tag(n->tag, "null")) {
			ka_scalar_resolve_plain(n->u.s.text, n->u.s.len, v);
			return;
		}
		v->type = KA_TYPE_STR;
		return;
	}
	if (n->style != KA_STYLE_PLAIN) {
		v->type = KA_TYPE_STR;
		return;
	}
	ka_scalar_resolve_plain(n->u.s.text, n->u.s.len, v);
}

bool ka_node_is_null(const struct ka_node *n)
{
	struct ka_value v;

	ka_node_value(n, &v);
	return v.type == KA_TYPE_NULL;
}

/* The value at key, resolved into v; false when the key is absent. */
static bool get_value(const struct ka_node *map, const char *key,
		      const struct ka_node **node, struct ka_value *v)
{
	const struct ka_node *n = ka_map_get(map, key);

	if (node)
		*node = n;
	if (!n)
		return false;
	ka_node_value(n, v);
	return true;
}

bool ka_get_bool(const struct ka_node *map, const char *key, bool *out,
		 const struct ka_node **node)
{
	struct ka_value v;

	if (!get_value(map, key, node, &v) || v.type != KA_TYPE_BOOL)
		return false;
	*out = v.b;
	return true;
}

bool ka_get_int(const struct ka_node *map, const char *key, int64_t *out,
		const struct ka_node **node)
{
	const struct ka_node *n = ka_map_get(map, key);

	if (node)
		*node = n;
	return n && ka_node_int(n, out);
}

bool ka_node_int(const struct ka_node *n, int64_t *out)
{
	struct ka_value v;

	ka_node_value(n, &v);
	if (v.type == KA_TYPE_INT) {
		*out = v.i;
		return true;
	}
	/* 08 is the float 8 to go-yaml, and the integer 8 once in JSON. */
	if (v.type == KA_TYPE_FLOAT && v.f == (double)(int64_t)v.f &&
	    v.f >= -9.2e18 && v.f <= 9.2e18) {
		*out = (int64_t)v.f;
		return true;
	}
	return false;
}

const char *ka_get_str(const struct ka_node *map, const char *key,
		       const struct ka_node **node)
{
	const struct ka_node *n = ka_map_get(map, key);

	if (node)
		*node = n;
	return ka_node_str(n);
}

const struct ka_node *ka_get_set(const struct ka_node *map, const char *key)
{
	const struct ka_node *n = ka_map_get(map, key);
	struct ka_value v;

	if (!n)
		return NULL;
	ka_node_value(n, &v);
	return v.type == KA_TYPE_NULL ? NULL : n;
}

const struct ka_node *ka_get_map(const struct ka_node *map, const char *key)
{
	const struct ka_node *n = ka_map_get(map, key);

	return ka_node_is_map(n) ? n : NULL;
}

/* Above this many pairs, skip the effective-key test (it is quadratic). */
#define FOREACH_EXACT_MAX 4096

static void
foreach_in(const struct ka_node *top, const struct ka_node *map, int depth,
	   void (*fn)(void *, const struct ka_node *, const struct ka_node *),
	   void *ud)
{
	map = ka_node_deref(map);
	if (!map || map->kind != KA_NODE_MAPPING || depth > 64)
		return;
	for (size_t i = 0; i < map->u.c.n; i += 2) {
		const struct ka_node *k = map->u.c.v[i];
		const struct ka_node *v = ka_node_deref(map->u.c.v[i + 1]);
		const struct ka_node *eff_key = NULL;

		if (ka_node_is_merge_key(k)) {
			if (v && v->kind == KA_NODE_SEQUENCE)
				for (size_t j = 0; j < v->u.c.n; j++)
					foreach_in(top, v->u.c.v[j], depth + 1,
						   fn, ud);
			else
				foreach_in(top, v, depth + 1, fn, ud);
			continue;
		}
		if (k->kind != KA_NODE_SCALAR)
			continue;
		/* Only the key whose value kubectl keeps. */
		if (top->u.c.n <= FOREACH_EXACT_MAX &&
		    (ka_map_get_keyn(top, k->u.s.key, k->u.s.key_len,
				     &eff_key) != v ||
		     eff_key != k))
			continue;
		fn(ud, k, v);
	}
}

void ka_map_foreach(const struct ka_node *map,
		    void (*fn)(void *ud, const struct ka_node *key,
			       const struct ka_node *value),
		    void *ud)
{
	map = ka_node_deref(map);
	if (map && map->kind == KA_NODE_MAPPING)
		foreach_in(map, map, 0, fn, ud);
}
