/* How the tree is written: see kaudit/fixstyle.h. */
#include "kaudit/fixstyle.h"

bool ka_fixstyle_empty(const struct ka_node *n)
{
	return n->kind == KA_NODE_SCALAR && n->style == KA_STYLE_PLAIN &&
	       !n->u.s.len;
}

/*
 * Where the content of a block node ends (its last character, looked
 * for through its last entries), in *line:*col; false when the end is
 * not known (an empty entry at the end).
 */
bool ka_fixstyle_end(const struct ka_node *n, unsigned *line, unsigned *col)
{
	for (;;) {
		if (n->kind == KA_NODE_ALIAS || n->style == KA_STYLE_FLOW ||
		    (n->kind == KA_NODE_SCALAR && !ka_fixstyle_empty(n))) {
			*line = n->end_line;
			*col = n->end_col;
			return true;
		}
		if (n->kind == KA_NODE_SCALAR || !n->u.c.n)
			return false;
		if (n->kind == KA_NODE_MAPPING &&
		    ka_fixstyle_empty(n->u.c.v[n->u.c.n - 1]))
			n = n->u.c.v[n->u.c.n - 2]; /* `key:` with no value */
		else
			n = n->u.c.v[n->u.c.n - 1];
	}
}

/* The first key of a block mapping, or NULL. */
const struct ka_node *ka_fixstyle_first_key(const struct ka_node *map)
{
	return map && map->kind == KA_NODE_MAPPING && map->u.c.n ? map->u.c.v[0]
								 : NULL;
}

/* How deep a nested block mapping goes: as in map, else as in the pod. */
unsigned ka_fixstyle_step(const struct ka_pod *pod, const struct ka_node *map)
{
	const struct ka_node *k0 = ka_fixstyle_first_key(map),
			     *s0 = ka_fixstyle_first_key(pod->spec);

	for (size_t i = 1; k0 && i < map->u.c.n; i += 2) {
		const struct ka_node *k = ka_fixstyle_first_key(map->u.c.v[i]);

		if (k && map->u.c.v[i]->style == KA_STYLE_BLOCK &&
		    k->col > k0->col)
			return k->col - k0->col;
	}
	if (s0 && pod->spec_key && pod->spec->style == KA_STYLE_BLOCK &&
	    s0->col > pod->spec_key->col)
		return s0->col - pod->spec_key->col;
	return 2;
}

/* A list's dashes under its key: as the pod's containers are written. */
unsigned ka_fixstyle_dashes(const struct ka_pod *pod)
{
	const struct ka_node *key = NULL;
	const struct ka_node *seq =
	    pod->spec ? ka_map_get_key(pod->spec, "containers", &key) : NULL;

	if (seq && key && seq->kind == KA_NODE_SEQUENCE &&
	    seq->style == KA_STYLE_BLOCK && seq->col > key->col)
		return seq->col - key->col;
	return 0;
}

/*
 * The quotes the strings among nodes v[0], v[step], ... are written in,
 * when they all are in one kind (and one at least is): what an added
 * string is written in. Booleans and numbers do not count.
 */
char ka_fixstyle_quotes(struct ka_node *const *v, size_t n, size_t step)
{
	char q = 0;

	for (size_t i = 0; i < n; i += step) {
		const struct ka_node *k = v[i];
		char this;

		if (k->kind != KA_NODE_SCALAR || !ka_node_str(k))
			continue;
		this = k->style == KA_STYLE_DOUBLE_QUOTED   ? '"'
		       : k->style == KA_STYLE_SINGLE_QUOTED ? '\''
							    : 0;
		if (!this || (q && q != this))
			return 0;
		q = this;
	}
	return q;
}
