/* Where a finding on a node is reported: see kaudit/usesite.h. */
#include "kaudit/usesite.h"

#include <stdbool.h>
#include <stddef.h>

static bool before(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
	return l1 < l2 || (l1 == l2 && c1 < c2);
}

/* n starts within scope's text. */
static bool inside(const struct ka_node *scope, const struct ka_node *n)
{
	return !before(n->line, n->col, scope->line, scope->col) &&
	       before(n->line, n->col, scope->end_line, scope->end_col);
}

/* Whether n is node, or reached from it (through aliases too). */
static bool reaches(const struct ka_node *node, const struct ka_node *n,
		    size_t *budget)
{
	node = ka_node_deref(node);
	if (node == n)
		return true;
	if (!node || node->kind == KA_NODE_SCALAR || *budget == 0)
		return false;
	--*budget;
	for (size_t i = 0; i < node->u.c.n; i++)
		if (reaches(node->u.c.v[i], n, budget))
			return true;
	return false;
}

/* The alias written in scope through which n is reached, or NULL. */
static const struct ka_node *alias_to(const struct ka_node *scope,
				      const struct ka_node *n, size_t *budget)
{
	if (!scope || scope->kind == KA_NODE_SCALAR || *budget == 0)
		return NULL;
	--*budget;
	if (scope->kind == KA_NODE_ALIAS)
		return reaches(scope->u.target, n, budget) ? scope : NULL;
	for (size_t i = 0; i < scope->u.c.n; i++) {
		const struct ka_node *a = alias_to(scope->u.c.v[i], n, budget);

		if (a)
			return a;
	}
	return NULL;
}

/* See usesite.h. */
const struct ka_node *ka_use_site(const struct ka_pod *pod,
				  const struct ka_container *c,
				  const struct ka_node *n)
{
	const struct ka_node *a = NULL;
	size_t budget = (size_t)1 << 16;

	if (!n)
		return n;
	/* First the object (two Pods sharing one spec), then the container. */
	if (pod && pod->object && !inside(pod->object, n))
		a = alias_to(pod->object, n, &budget);
	if (!a && c && c->node && !inside(c->node, n))
		a = alias_to(c->node, n, &budget);
	return a ? a : n;
}
