/*
 * libyaml events -> kaudit's arena tree, with go-yaml v2's reading rules.
 * The builder is iterative (an explicit stack), so no input can overflow
 * the C stack. See src/tree.h.
 */
#include "tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/keys.h"
#include "kaudit/resolve.h"
#include "kaudit/scalar.h"

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem)
			return -1;
		n *= 2;
	}
	q = realloc(*p, n * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static bool excessive_aliasing(const struct ka_yaml *y)
{
	return ka_aliasing_excessive(y->decode_count, y->alias_count);
}

static void set_pos(struct build *b, struct ka_node *n, const yaml_event_t *e)
{
	n->line = b->line0 + (unsigned)e->start_mark.line + 1;
	n->col = col_of(b, &e->start_mark);
	n->end_line = b->line0 + (unsigned)e->end_mark.line + 1;
	n->end_col = col_of(b, &e->end_mark);
}

static struct frame *top(struct build *b)
{
	return b->y->depth ? &b->y->stack[b->y->depth - 1] : NULL;
}

/* True when the next child of the open collection is a mapping key. */
static bool next_is_key(struct build *b)
{
	struct frame *f = top(b);

	return f && f->node->kind == KA_NODE_MAPPING &&
	       (b->y->nkids - f->child_start) % 2 == 0;
}

/* The key of the pair whose value comes next, or NULL. */
static const struct ka_node *pending_key(struct build *b)
{
	struct frame *f = top(b);

	if (!f || f->node->kind != KA_NODE_MAPPING ||
	    (b->y->nkids - f->child_start) % 2 == 0)
		return NULL;
	return b->y->kids[b->y->nkids - 1];
}

static int push_child(struct build *b, struct ka_node *n)
{
	struct ka_yaml *y = b->y;

	if (!top(b)) {
		b->doc->root = n;
		return 0;
	}
	if (grow((void **)&y->kids, &y->capkids, y->nkids + 1,
		 sizeof(*y->kids)) < 0)
		return -1;
	y->kids[y->nkids++] = n;
	return 0;
}

static int count_node(struct build *b, const yaml_event_t *e, bool counted)
{
	if (counted)
		b->y->decode_count = sat_add(b->y->decode_count, 1);
	if (excessive_aliasing(b->y))
		return fail_event(b, e,
				  "document contains excessive aliasing "
				  "(kubectl refuses it)");
	return 0;
}

static struct ka_node *new_node(struct build *b, const yaml_event_t *e,
				enum ka_node_kind kind, const yaml_char_t *tag,
				const yaml_char_t *anchor)
{
	struct ka_node *n = ka_arena_alloc(b->arena, sizeof(*n));

	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->kind = (unsigned char)kind;
	set_pos(b, n, e);
	if (tag && strcmp((const char *)tag, "!") != 0) {
		n->tag = ka_arena_strndup(b->arena, (const char *)tag,
					  strlen((const char *)tag));
		if (!n->tag)
			return NULL;
	} else if (tag) {
		n->tag = "!";
	}
	if (anchor) {
		const char *name =
		    ka_arena_strndup(b->arena, (const char *)anchor,
				     strlen((const char *)anchor));

		if (!name || ka_anchors_put(&b->y->anchors, name, n) < 0)
			return NULL;
		n->anchored = true;
	}
	return n;
}

/*
 * KA_YAML_ITEMS: the root's `items` list is read one item at a time. An
 * item is released once the caller has seen it, so nothing may point into
 * it later: an anchor inside an item, or a root that a merge key or a
 * second `items` key could change after the list, makes the document
 * unstreamable (it is then read whole).
 */
static int unstreamable(struct build *b)
{
	b->y->unstreamable = true;
	return -1;
}

/* The next node is an item of the list: remember where it starts. */
static void item_start(struct build *b)
{
	struct ka_yaml *y = b->y;

	if (y->items_depth && y->depth == y->items_depth) {
		y->item_mark = ka_arena_mark(b->arena);
		y->item_dups = y->dups_tail;
	}
}

static void item_ready(struct build *b, struct ka_node *n)
{
	if (b->y->items_depth && b->y->depth == b->y->items_depth)
		b->y->item = n;
}

static bool in_item(const struct build *b)
{
	return b->y->items_depth && b->y->depth >= b->y->items_depth;
}

/* A key of the root mapping, in KA_YAML_ITEMS mode. */
static int root_key(struct build *b, const struct ka_node *key)
{
	struct ka_yaml *y = b->y;

	if (y->mode != KA_YAML_ITEMS || y->depth != 1 ||
	    y->stack[0].node->kind != KA_NODE_MAPPING)
		return 0;
	if (ka_node_is_merge_key(key))
		y->root_merge = true;
	else if (key->u.s.key && strcmp(key->u.s.key, "items") == 0)
		y->root_items++;
	return y->items_opened && (y->root_merge || y->root_items > 1)
		   ? unstreamable(b)
		   : 0;
}

/* A sequence just opened: the root's items list? */
static int items_open(struct build *b, const struct ka_node *key,
		      const struct ka_node *seq, const yaml_char_t *anchor)
{
	struct ka_yaml *y = b->y;

	if (y->mode != KA_YAML_ITEMS || y->depth != 2 || !key ||
	    y->stack[0].node->kind != KA_NODE_MAPPING ||
	    seq->kind != KA_NODE_SEQUENCE || !key->u.s.key ||
	    strcmp(key->u.s.key, "items") != 0)
		return 0;
	if (anchor || y->root_merge || y->root_items > 1)
		return unstreamable(b);
	y->items_opened = true;
	y->items_depth = 2;
	return 0;
}

static int on_scalar(struct build *b, const yaml_event_t *e)
{
	const bool is_key = next_is_key(b);
	struct ka_node *n;

	if (e->data.scalar.anchor && in_item(b))
		return unstreamable(b);
	item_start(b);
	n = new_node(b, e, KA_NODE_SCALAR, e->data.scalar.tag,
		     e->data.scalar.anchor);
	if (!n)
		return fail_oom(b, e);
	n->u.s.text =
	    ka_arena_strndup(b->arena, (const char *)e->data.scalar.value,
			     e->data.scalar.length);
	if (!n->u.s.text)
		return fail_oom(b, e);
	n->u.s.len = e->data.scalar.length;
	if (b->bom_mark[0])
		ka_resolve_unmark((char *)n->u.s.text, n->u.s.len, b->bom_mark);
	if (b->slash_mark)
		ka_resolve_unslash((char *)n->u.s.text, n->u.s.len,
				   b->slash_mark);
	n->u.s.str = ka_arena_cstr(b->arena, n->u.s.text, n->u.s.len);
	if (!n->u.s.str)
		return fail_oom(b, e);
	switch (e->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		n->style = KA_STYLE_SINGLE_QUOTED;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->style = KA_STYLE_DOUBLE_QUOTED;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
		n->style = KA_STYLE_LITERAL;
		break;
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = KA_STYLE_FOLDED;
		break;
	default:
		n->style = KA_STYLE_PLAIN;
		break;
	}
	n->weight = 1;
	if (n->tag) {
		char why[160];
		int r = ka_resolve_tag(b->arena, n, why, sizeof(why));

		if (r == -2)
			return fail_oom(b, e);
		if (r < 0)
			return fail_event(b, e, "%s", why);
	}
	/* Judged on the decoded object: a later duplicate may replace it. */
	if (!is_key && ka_resolve_json_unsupported(n))
		b->doc->unsupported = true;
	if (is_key) {
		int r = ka_resolve_key(b->arena, n);

		n->merge = ka_node_is_merge_key(n);

		if (r < 0)
			return fail_oom(b, e);
		if (r > 0)
			return fail_event(b, e,
					  "a null mapping key "
					  "(kubectl refuses it)");
		if (root_key(b, n) < 0)
			return -1;
	}
	if (count_node(b, e, !(is_key && ka_node_is_merge_key(n))) < 0)
		return -1;
	if (push_child(b, n) < 0)
		return fail_oom(b, e);
	item_ready(b, n);
	return 0;
}

static int on_alias(struct build *b, const yaml_event_t *e)
{
	struct ka_node *target =
	    ka_anchors_get(&b->y->anchors, (const char *)e->data.alias.anchor);
	struct ka_node *n;

	if (!target) {
		return fail_event(b, e, "unknown anchor '%.200s' referenced",
				  (const char *)e->data.alias.anchor);
	}
	if (target->open) {
		return fail_event(b, e, "anchor '%.200s' value contains itself",
				  (const char *)e->data.alias.anchor);
	}
	if (next_is_key(b) && target->kind != KA_NODE_SCALAR)
		return fail_event(b, e,
				  "a mapping or list used as a mapping "
				  "key (kubectl refuses it)");
	item_start(b);
	if (next_is_key(b)) {
		/*
		 * A key written as an alias must compare as its text: build a
		 * scalar that shares it (a scalar costs no expansion).
		 */
		n = new_node(b, e, KA_NODE_SCALAR, NULL, NULL);
		if (!n)
			return fail_oom(b, e);
		n->style = target->style;
		n->tag = target->tag;
		n->u.s.text = target->u.s.text;
		n->u.s.len = target->u.s.len;
		n->u.s.str = target->u.s.str;
		if (ka_resolve_key(b->arena, n) != 0)
			return fail_event(b, e,
					  "a null mapping key "
					  "(kubectl refuses it)");
		if (root_key(b, n) < 0)
			return -1;
	} else {
		n = new_node(b, e, KA_NODE_ALIAS, NULL, NULL);
		if (!n)
			return fail_oom(b, e);
		n->u.target = target;
	}
	n->weight = sat_add(1, target->weight);
	/* The alias node counts as itself, its expansion as aliased. */
	b->y->decode_count = sat_add(b->y->decode_count, n->weight);
	b->y->alias_count = sat_add(b->y->alias_count, target->weight);
	if (count_node(b, e, false) < 0)
		return -1;
	if (push_child(b, n) < 0)
		return fail_oom(b, e);
	item_ready(b, n);
	return 0;
}

static int on_start(struct build *b, const yaml_event_t *e,
		    enum ka_node_kind kind)
{
	const yaml_char_t *tag, *anchor;
	const struct ka_node *key = pending_key(b);
	bool merge_value = key && ka_node_is_merge_key(key);
	struct ka_yaml *y = b->y;
	struct ka_node *n;

	if (next_is_key(b))
		return fail_event(b, e,
				  "a mapping or list used as a mapping "
				  "key (kubectl refuses it)");
	if (y->depth >= KA_YAML_MAX_DEPTH)
		return fail_event(b, e,
				  "nesting deeper than 10000 levels "
				  "(kubectl refuses it)");
	if (kind == KA_NODE_MAPPING) {
		tag = e->data.mapping_start.tag;
		anchor = e->data.mapping_start.anchor;
	} else {
		tag = e->data.sequence_start.tag;
		anchor = e->data.sequence_start.anchor;
	}
	if (anchor && in_item(b))
		return unstreamable(b);
	item_start(b);
	n = new_node(b, e, kind, tag, anchor);
	if (!n || push_child(b, n) < 0 ||
	    grow((void **)&y->stack, &y->capstack, y->depth + 1,
		 sizeof(*y->stack)) < 0)
		return fail_oom(b, e);
	if (kind == KA_NODE_MAPPING)
		n->style =
		    e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
			? KA_STYLE_FLOW
			: KA_STYLE_BLOCK;
	else
		n->style =
		    e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
			? KA_STYLE_FLOW
			: KA_STYLE_BLOCK;
	n->open = true;
	y->stack[y->depth].node = n;
	y->stack[y->depth].child_start = y->nkids;
	y->stack[y->depth].merge_value = merge_value;
	y->depth++;
	if (items_open(b, key, n, anchor) < 0)
		return -1;
	/* go-yaml does not decode a merged list itself, only its maps. */
	return count_node(b, e, !(merge_value && kind == KA_NODE_SEQUENCE));
}

static int on_end(struct build *b, const yaml_event_t *e)
{
	struct ka_yaml *y = b->y;
	struct frame *f = top(b);
	struct ka_node *n = f->node;
	size_t count = y->nkids - f->child_start;
	struct ka_node **kids = y->kids + f->child_start;
	uint64_t w = 1;

	n->end_line = b->line0 + (unsigned)e->end_mark.line + 1;
	n->end_col = col_of(b, &e->end_mark);
	if (count) {
		n->u.c.v = ka_arena_alloc(b->arena, count * sizeof(*kids));
		if (!n->u.c.v)
			return fail_oom(b, e);
		memcpy(n->u.c.v, kids, count * sizeof(*kids));
	}
	if (n->kind == KA_NODE_MAPPING) {
		n->u.c.n = count;
		for (size_t i = 0; i < count; i += 2) {
			uint64_t mw;

			if (ka_node_is_merge_key(kids[i])) {
				if (ka_keys_merge_value(kids[i + 1], &mw) < 0)
					return fail_at(
					    b, kids[i + 1]->line,
					    kids[i + 1]->col,
					    "map merge requires map or "
					    "sequence of maps as the value");
				w = sat_add(w, mw);
				continue;
			}
			w = sat_add(
			    w, sat_add(kids[i]->weight, kids[i + 1]->weight));
		}
		if (count >= 4 && ka_keys_find_dups(b->arena, &y->dups_tail,
						    n->u.c.v, count) < 0)
			return fail_oom(b, e);
	} else {
		n->u.c.n = count;
		for (size_t i = 0; i < count; i++)
			w = sat_add(w, kids[i]->weight);
	}
	n->weight = w;
	n->open = false;
	y->nkids = f->child_start;
	if (y->items_depth && y->depth == y->items_depth)
		y->items_depth = 0; /* the list is complete */
	y->depth--;
	item_ready(b, n);
	return 0;
}

void ka_tree_syntax_error(struct build *b, const yaml_parser_t *p)
{
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_MEMORY_ERROR) {
		b->doc->oom = true;
		return;
	}
	/* "could not find expected ':' (while scanning a simple key at line 3)"
	 */
	if (p->context)
		fail_at(b, b->line0 + (unsigned)m->line + 1, col_of(b, m),
			"%s (%s at line %u)", problem, p->context,
			b->line0 + (unsigned)p->context_mark.line + 1);
	else
		fail_at(b, b->line0 + (unsigned)m->line + 1, col_of(b, m), "%s",
			problem);
}

int ka_tree_event(struct build *b, const yaml_event_t *e, bool *done)
{
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		return on_scalar(b, e);
	case YAML_ALIAS_EVENT:
		return on_alias(b, e);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(b, e, KA_NODE_SEQUENCE);
	case YAML_MAPPING_START_EVENT:
		return on_start(b, e, KA_NODE_MAPPING);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(b, e);
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT:
		/* kubectl reads the first document of a chunk only. */
		*done = true;
		return 0;
	default:
		return 0;
	}
}
