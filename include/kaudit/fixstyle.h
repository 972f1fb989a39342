/*
 * How the tree is written where a fix goes (kaudit/fixbuild.h): where a
 * block node's content ends, how deep its mappings and lists indent, the
 * quotes its strings use.
 */
#ifndef KAUDIT_FIXSTYLE_H
#define KAUDIT_FIXSTYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/node.h"
#include "kaudit/workload.h"

/* An empty plain scalar (`key:` with no value). */
bool ka_fixstyle_empty(const struct ka_node *n);

/*
 * Where the content of a block node ends (its last character, looked
 * for through its last entries), in *line:*col; false when the end is
 * not known (an empty entry at the end).
 */
bool ka_fixstyle_end(const struct ka_node *n, unsigned *line, unsigned *col);

/* The first key of a block mapping, or NULL. */
const struct ka_node *ka_fixstyle_first_key(const struct ka_node *map);

/* How deep a nested block mapping goes: as in map, else as in the pod. */
unsigned ka_fixstyle_step(const struct ka_pod *pod, const struct ka_node *map);

/* A list's dashes under its key: as the pod's containers are written. */
unsigned ka_fixstyle_dashes(const struct ka_pod *pod);

/*
 * The quotes the strings among nodes v[0], v[step], ... are written in,
 * when they all are in one kind (and one at least is): what an added
 * string is written in. Booleans and numbers do not count.
 */
char ka_fixstyle_quotes(struct ka_node *const *v, size_t n, size_t step);

#endif
