/*
 * Private to yaml.c and tree.c: the parser's state, and the builder that
 * turns libyaml's events into kaudit's arena tree with go-yaml v2's
 * reading rules.
 */
#ifndef KAUDIT_TREE_H
#define KAUDIT_TREE_H

#include <stdbool.h>
#include <stdint.h>
#include <yaml.h>

#include "kaudit/anchors.h"
#include "kaudit/yaml.h"

struct frame {
	struct ka_node *node;
	size_t child_start; /* index into y->kids */
	bool merge_value;   /* this collection is the value of a `<<` key */
};

struct build {
	struct ka_yaml *y;
	struct ka_arena *arena;
	struct ka_doc *doc;
	unsigned line0; /* file line of the buffer's first line, minus one */
	unsigned col0;	/* file column of the buffer's first byte, minus one */
	char bom_mark[4]; /* what stands for a BOM in the buffer, or "" */
	char slash_mark;  /* what stands for the '/' of "\\/", or 0 */
};

struct ka_yaml {
	struct ka_node **kids; /* children of every open collection */
	size_t nkids, capkids;
	struct frame *stack;
	size_t depth, capstack;
	struct ka_anchors anchors;
	/* go-yaml's alias ratio accounting (decode.go, allowedAliasRatio) */
	uint64_t decode_count, alias_count;
	yaml_parser_t parser;
	bool parsing; /* parser holds a document being read */
	struct build b;
	struct ka_yaml_dup **dups_tail; /* where the next duplicate goes */
	/* KA_YAML_ITEMS: the root's `items`, one item at a time */
	int mode;
	size_t items_depth;  /* depth with the items list on top, or 0 */
	bool items_opened;   /* the root's items list was (or is) open */
	unsigned root_items; /* `items` keys of the root */
	bool root_merge;     /* the root has a merge key */
	bool unstreamable;
	struct ka_node *item; /* the item just read, released next call */
	/* The text libyaml reads, and how far; a spilled document's pages
	 * are released behind it. */
	const char *text;
	size_t len, pos, released;
	bool mapped;
	struct ka_arena_mark item_mark;
	struct ka_yaml_dup **item_dups;
};

/* A mark's file column: the buffer's first line may start mid-line. */
static inline unsigned col_of(const struct build *b, const yaml_mark_t *m)
{
	return (unsigned)m->column + 1 + (m->line == 0 ? b->col0 : 0);
}

#define fail_at(b, line, col, ...)                                             \
	ka_error_set(&(b)->doc->err, line, col, __VA_ARGS__)

/* Memory ran out at event e: no finding, the run is incomplete. */
#define fail_oom(b, e) ((b)->doc->oom = true, fail_event(b, e, "out of memory"))

/* The document is refused at event e: fmt says why. */
#define fail_event(b, e, ...)                                                  \
	fail_at(b, (b)->line0 + (unsigned)(e)->start_mark.line + 1,            \
		col_of(b, &(e)->start_mark), __VA_ARGS__)

/*
 * Build from one event: 0, or -1 with the document refused (doc->err),
 * out of memory (doc->oom) or unstreamable (y->unstreamable). *done at
 * the document's end.
 */
int ka_tree_event(struct build *b, const yaml_event_t *e, bool *done);

/* The document refused at libyaml's error (or out of memory). */
void ka_tree_syntax_error(struct build *b, const yaml_parser_t *p);

#endif
