/*
 * One YAML document, parsed with libyaml's event API into an arena tree,
 * read with go-yaml v2's rules: duplicate keys are kept (the last wins on
 * lookup) and reported, anchors and aliases are resolved without copying,
 * and documents kubectl would refuse (excessive aliasing, an alias to an
 * unknown anchor or to itself, nesting beyond 10,000, a bad merge) are
 * refused with a position.
 */
#ifndef KAUDIT_YAML_H
#define KAUDIT_YAML_H

#include <stddef.h>

#include "kaudit/arena.h"
#include "kaudit/error.h"
#include "kaudit/node.h"
#include "kaudit/stream.h"

/* kubectl's (go-yaml's) nesting limit. */
#define KA_YAML_MAX_DEPTH 10000

/* A duplicate key: reported, not fatal. */
struct ka_yaml_dup {
	const struct ka_node *key;   /* the later key */
	const struct ka_node *first; /* the earlier one with the same name */
	struct ka_yaml_dup *next;
};

struct ka_doc {
	struct ka_node *root; /* NULL for an empty or comment-only document */
	struct ka_yaml_dup *dups; /* in document order; in the arena */
	/* KA_YAML_ITEMS: those of the item just read (the end of dups) */
	struct ka_yaml_dup *item_dups;
	struct ka_error err; /* set when the document is refused */
	/* A value JSON cannot hold (.inf, .nan) was read: see ka_workload. */
	bool unsupported;
	bool oom; /* refused because memory ran out: the run is incomplete */
};

struct ka_yaml; /* reusable parser state (buffers) */

/* Return a new parser, or NULL when out of memory. */
struct ka_yaml *ka_yaml_new(void);
void ka_yaml_free(struct ka_yaml *y);

/*
 * Parse the first document of buf[0..len) into doc, allocating from arena.
 * first_line and first_col are where buf starts in its file (YAML after a
 * JSON value starts mid-line), so every position is a position in the
 * file. Returns 0, or -1 with doc->err set (the
 * document is then not to be audited).
 */
int ka_yaml_parse(struct ka_yaml *y, struct ka_arena *arena, const char *buf,
		  size_t len, unsigned first_line, unsigned first_col,
		  struct ka_doc *doc);

/*
 * The same, in steps. KA_YAML_TREE builds the whole tree; KA_YAML_ITEMS
 * hands out the items of the root mapping's `items` list one at a time
 * (a `kind: List` of 100,000 Pods needs one Pod's memory): each item is
 * released, with the duplicates found in it, at the next step, and the
 * finished tree's `items` is then empty.
 */
enum { KA_YAML_TREE, KA_YAML_ITEMS };

/* ka_yaml_next: the items cannot be read one at a time; parse whole. */
#define KA_YAML_UNSTREAMABLE 2

/*
 * Start reading the document c (its text must stay as it is until the
 * reading ends; a spilled one's pages are released as they are read):
 * 0, or -1 with doc->err (and doc->oom) set.
 */
int ka_yaml_begin(struct ka_yaml *y, struct ka_arena *arena,
		  const struct ka_chunk *c, struct ka_doc *doc, int mode);

/*
 * 1 with *item set: an item is ready (KA_YAML_ITEMS); 0: the document is
 * read (doc->root); -1: refused (doc->err set; doc->oom when memory ran
 * out); KA_YAML_UNSTREAMABLE: an anchor inside an item, or a merge key or
 * a second `items` key at the root (read the document with KA_YAML_TREE).
 */
int ka_yaml_next(struct ka_yaml *y, struct ka_node **item);

/* Stop reading (also done by ka_yaml_next when it returns 0 or less). */
void ka_yaml_end(struct ka_yaml *y);

#endif
