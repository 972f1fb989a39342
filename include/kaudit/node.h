/*
 * The document tree: what src/yaml.c builds from libyaml's events and what
 * everything downstream reads. Every node keeps its 1-based position.
 * Aliases are nodes of their own that point at the anchored node, so a
 * document that would expand to billions of nodes costs nothing extra;
 * the accessors below look through them.
 */
#ifndef KAUDIT_NODE_H
#define KAUDIT_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kaudit/scalar.h"

enum ka_node_kind {
	KA_NODE_SCALAR,
	KA_NODE_SEQUENCE,
	KA_NODE_MAPPING,
	KA_NODE_ALIAS,
};

enum ka_style {
	KA_STYLE_PLAIN,
	KA_STYLE_SINGLE_QUOTED,
	KA_STYLE_DOUBLE_QUOTED,
	KA_STYLE_LITERAL,
	KA_STYLE_FOLDED,
	KA_STYLE_BLOCK, /* block collection */
	KA_STYLE_FLOW,	/* flow collection */
};

struct ka_node {
	unsigned char kind;  /* enum ka_node_kind */
	unsigned char style; /* enum ka_style */
	bool open;	     /* still being built (an alias to it is a cycle) */
	unsigned char resolved; /* 1 + enum ka_type once known as a string */
	bool merge;		/* a mapping key that is `<<` */
	bool anchored;		/* written with an anchor (&name) */
	unsigned line, col;	/* start, 1-based; columns in characters */
	unsigned end_line, end_col; /* one past the last character */
	uint64_t weight; /* go-yaml decode count of the expanded node */
	const char
	    *tag; /* explicit tag as written (resolved handle), or NULL */
	union {
		/*
		 * text: the scalar as written (NUL-terminated, may hold NULs);
		 * key: the string a mapping key compares as, which is how
		 * sigs.k8s.io/yaml turns it into a JSON key (plain `on` is
		 * "true").
		 */
		struct {
			const char *text;
			size_t len;
			const char *key;
			size_t key_len;
			/*
			 * text as a C string: text itself, or, when it holds
			 * NUL bytes, a copy showing each as \0, so that no
			 * comparison stops at a NUL ("NET_BIND_SERVICE\0..."
			 * is not NET_BIND_SERVICE).
			 */
			const char *str;
		} s;
		/* Sequence items, or mapping keys and values alternating. */
		struct {
			struct ka_node **v;
			size_t n;
		} c;
		struct ka_node *target; /* an alias's anchored node */
	} u;
};

/* The node an alias points to; the node itself otherwise; NULL stays NULL. */
static inline const struct ka_node *ka_node_deref(const struct ka_node *n)
{
	return n && n->kind == KA_NODE_ALIAS ? n->u.target : n;
}

/* True when n (looked through) is a mapping, sequence or scalar. */
bool ka_node_is_map(const struct ka_node *n);
bool ka_node_is_seq(const struct ka_node *n);
bool ka_node_is_scalar(const struct ka_node *n);

/* True when n is a merge key (plain `<<` or tagged !!merge). */
bool ka_node_is_merge_key(const struct ka_node *n);

/*
 * The value of key name in map as kubectl reads it: the last of duplicate
 * keys wins, merge keys apply in document order (a later `<<` overrides an
 * earlier key), and in a merged list the earlier map wins. Returns the value
 * looked through aliases, or NULL when map is not a mapping or lacks the key.
 * When keyp is not NULL it receives the key node.
 */
const struct ka_node *ka_map_get(const struct ka_node *map, const char *name);
const struct ka_node *ka_map_get_key(const struct ka_node *map,
				     const char *name,
				     const struct ka_node **keyp);

/* ka_map_get_key for a name of len bytes (it may hold NULs). */
const struct ka_node *ka_map_get_keyn(const struct ka_node *map,
				      const char *name, size_t len,
				      const struct ka_node **keyp);

/* Number of items of a sequence (0 for anything else). */
size_t ka_seq_len(const struct ka_node *seq);

/* Item i of a sequence, looked through aliases. */
const struct ka_node *ka_seq_at(const struct ka_node *seq, size_t i);

/*
 * The text of a scalar when it is a string as Kubernetes reads it
 * (quoted, block, or plain text that does not resolve to a bool, number
 * or null); NULL otherwise.
 */
const char *ka_node_str(const struct ka_node *n);

/* True when n reads as null (NULL, `~`, `null`, empty); kubectl skips a
 * document that decodes to null. */
bool ka_node_is_null(const struct ka_node *n);

/* Resolve any node (looked through aliases); NULL is KA_TYPE_NULL. */
void ka_node_value(const struct ka_node *n, struct ka_value *v);

/*
 * Typed reads of a mapping field as Kubernetes decodes it. They return
 * true and set *out only when the field is present with the right type
 * (an integral number counts as an integer); a null, missing or mistyped
 * field reads as absent. *node (when not NULL) receives the value node
 * whenever the key is present.
 */
bool ka_get_bool(const struct ka_node *map, const char *key, bool *out,
		 const struct ka_node **node);
bool ka_get_int(const struct ka_node *map, const char *key, int64_t *out,
		const struct ka_node **node);
const char *ka_get_str(const struct ka_node *map, const char *key,
		       const struct ka_node **node);

/* A node read as an integer the same way (a list member, say). */
bool ka_node_int(const struct ka_node *n, int64_t *out);

/*
 * The value of key when it is present and not null (Kubernetes reads a
 * null as unset), or NULL.
 */
const struct ka_node *ka_get_set(const struct ka_node *map, const char *key);

/* The mapping at key (present, not null, a mapping), or NULL. */
const struct ka_node *ka_get_map(const struct ka_node *map, const char *key);

/*
 * Call fn for each key of map as kubectl reads it (merges applied, the
 * last of duplicates), in no particular order. Keys are scalars.
 */
void ka_map_foreach(const struct ka_node *map,
		    void (*fn)(void *ud, const struct ka_node *key,
			       const struct ka_node *value),
		    void *ud);

#endif
