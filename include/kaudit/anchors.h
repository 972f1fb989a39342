/*
 * A document's anchors (name -> node, a redefinition wins) and go-yaml
 * v2's alias accounting, which refuses alias bombs the way kubectl does.
 */
#ifndef KAUDIT_ANCHORS_H
#define KAUDIT_ANCHORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kaudit/node.h"

struct ka_anchor {
	const char *name;
	struct ka_node *node;
};

/* Open addressing, power-of-two size; zeroed is empty. */
struct ka_anchors {
	struct ka_anchor *v;
	size_t n, cap;
};

/* Set name (which must outlive the table's use) to n; -1 on no memory. */
int ka_anchors_put(struct ka_anchors *t, const char *name, struct ka_node *n);

/* The node anchored as name, or NULL. */
struct ka_node *ka_anchors_get(const struct ka_anchors *t, const char *name);

/* Forget every anchor (a new document), keeping the memory. */
void ka_anchors_clear(struct ka_anchors *t);

void ka_anchors_free(struct ka_anchors *t);

/*
 * go-yaml v2 (decode.go): true when alias_count aliased nodes among
 * decode_count decoded ones is more than allowedAliasRatio() permits.
 */
bool ka_aliasing_excessive(uint64_t decode_count, uint64_t alias_count);

#endif
