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
	struct ka_error err;	  /* set when the document is refused */
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

#endif
