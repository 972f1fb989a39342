/*
 * The keys of a finished mapping, as go-yaml v2 reads them: repeated keys
 * (reported; the last wins) and the values a merge key accepts.
 */
#ifndef KAUDIT_KEYS_H
#define KAUDIT_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "kaudit/arena.h"
#include "kaudit/node.h"
#include "kaudit/yaml.h"

/*
 * Append at *tail (the last next pointer of a list, moved on as entries
 * are added; allocated from arena) every key of kv[0..n) (keys and values
 * alternate) that repeats an earlier one. Linear for small mappings,
 * n log n for large ones. 0, or -1 when memory runs out.
 */
int ka_keys_find_dups(struct ka_arena *arena, struct ka_yaml_dup ***tail,
		      struct ka_node **kv, size_t n);

/*
 * go-yaml v2 merge(): v must be a map, an alias to one, or a list of
 * those. 0 with the merged weight in *weight, or -1.
 */
int ka_keys_merge_value(const struct ka_node *v, uint64_t *weight);

#endif
