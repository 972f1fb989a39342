/*
 * libyaml events -> kaudit's arena tree, with go-yaml v2's reading rules.
 * The builder is iterative (an explicit stack), so no input can overflow
 * the C stack.
 */
#include "kaudit/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "kaudit/scalar.h"

struct frame {
	struct ka_node *node;
	size_t child_start; /* index into y->kids */
	bool merge_value;   /* this collection is the value of a `<<` key */
};

struct anchor {
	const char *name;
	struct ka_node *node;
};

struct ka_yaml {
	struct ka_node **kids; /* children of every open collection */
	size_t nkids, capkids;
	struct frame *stack;
	size_t depth, capstack;
	struct anchor *anchors; /* open addressing, power-of-two size */
	size_t nanchors, capanchors;
	/* go-yaml's alias ratio accounting (decode.go, allowedAliasRatio) */
	uint64_t decode_count, alias_count;
};

struct ka_yaml *ka_yaml_new(void)
{
	return calloc(1, sizeof(struct ka_yaml));
}

void ka_yaml_free(struct ka_yaml *y)
{
	if (!y)
		return;
	free(y->kids);
	free(y->stack);
	free(y->anchors);
	free(y);
}

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

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int anchor_put(struct ka_yaml *y, const char *name, struct ka_node *n)
{
	size_t mask, i;

	if (y->nanchors * 2 >= y->capanchors) {
		size_t cap = y->capanchors ? y->capanchors * 2 : 16;
		struct anchor *t = calloc(cap, sizeof(*t));

		if (!t)
			return -1;
		for (size_t j = 0; j < y->capanchors; j++) {
			if (!y->anchors[j].name)
				continue;
			for (i = hash(y->anchors[j].name) & (cap - 1); t[i].name;
			     i = (i + 1) & (cap - 1))
				;
			t[i] = y->anchors[j];
		}
		free(y->anchors);
		y->anchors = t;
		y->capanchors = cap;
	}
	mask = y->capanchors - 1;
	for (i = hash(name) & mask; y->anchors[i].name; i = (i + 1) & mask) {
		if (strcmp(y->anchors[i].name, name) == 0) {
			y->anchors[i].node = n; /* a redefinition wins */
			return 0;
		}
	}
	y->anchors[i].name = name;
	y->anchors[i].node = n;
	y->nanchors++;
	return 0;
}

static struct ka_node *anchor_get(struct ka_yaml *y, const char *name)
{
	size_t mask, i;

	if (!y->capanchors)
		return NULL;
	mask = y->capanchors - 1;
	for (i = hash(name) & mask; y->anchors[i].name; i = (i + 1) & mask)
		if (strcmp(y->anchors[i].name, name) == 0)
			return y->anchors[i].node;
	return NULL;
}

/* go-yaml v2: allowedAliasRatio() */
static double allowed_alias_ratio(uint64_t decode_count)
{
	if (decode_count <= 400000)
		return 0.99;
	if (decode_count >= 4000000)
		return 0.10;
	return 0.99 - 0.89 * ((double)(decode_count - 400000) / 3600000.0);
}

static bool excessive_aliasing(const struct ka_yaml *y)
{
	return y->alias_count > 100 && y->decode_count > 1000 &&
	       (double)y->alias_count / (double)y->decode_count >
		       allowed_alias_ratio(y->decode_count);
}

struct build {
	struct ka_yaml *y;
	struct ka_arena *arena;
	struct ka_doc *doc;
	unsigned line0; /* file line of the buffer's first line, minus one */
	char msg[256];
};

static void set_pos(struct build *b, struct ka_node *n, const yaml_event_t *e)
{
	n->line = b->line0 + (unsigned)e->start_mark.line + 1;
	n->col = (unsigned)e->start_mark.column + 1;
	n->end_line = b->line0 + (unsigned)e->end_mark.line + 1;
	n->end_col = (unsigned)e->end_mark.column + 1;
}

static int fail_at(struct build *b, unsigned line, unsigned col,
		   const char *msg)
{
	b->doc->error = ka_arena_strndup(b->arena, msg, strlen(msg));
	if (!b->doc->error)
		b->doc->error = "out of memory";
	b->doc->err_line = line;
	b->doc->err_col = col;
	return -1;
}

static int fail_event(struct build *b, const yaml_event_t *e, const char *msg)
{
	return fail_at(b, b->line0 + (unsigned)e->start_mark.line + 1,
		       (unsigned)e->start_mark.column + 1, msg);
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
		return fail_event(b, e, "document contains excessive aliasing "
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
		const char *name = ka_arena_strndup(
			b->arena, (const char *)anchor,
			strlen((const char *)anchor));

		if (!name || anchor_put(b->y, name, n) < 0)
			return NULL;
	}
	return n;
}

static int set_key_text(struct build *b, struct ka_node *n)
{
	char buf[64];
	int len = -1;

	n->u.s.key = n->u.s.text;
	n->u.s.key_len = n->u.s.len;
	if (n->style == KA_STYLE_PLAIN && !n->tag)
		len = ka_scalar_key_text(n->u.s.text, n->u.s.len, buf,
					 sizeof(buf));
	if (len >= 0) {
		if (len >= (int)sizeof(buf))
			len = (int)sizeof(buf) - 1;
		if (strcmp(buf, "null") == 0 && !ka_node_is_merge_key(n))
			return 1; /* sigs.k8s.io/yaml: unsupported map key */
		n->u.s.key = ka_arena_strndup(b->arena, buf, (size_t)len);
		if (!n->u.s.key)
			return -1;
		n->u.s.key_len = (size_t)len;
	}
	return 0;
}

static int on_scalar(struct build *b, const yaml_event_t *e)
{
	const bool is_key = next_is_key(b);
	struct ka_node *n = new_node(b, e, KA_NODE_SCALAR, e->data.scalar.tag,
				     e->data.scalar.anchor);

	if (!n)
		return fail_event(b, e, "out of memory");
	n->u.s.text = ka_arena_strndup(b->arena,
				       (const char *)e->data.scalar.value,
				       e->data.scalar.length);
	if (!n->u.s.text)
		return fail_event(b, e, "out of memory");
	n->u.s.len = e->data.scalar.length;
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
	if (is_key) {
		int r = set_key_text(b, n);

		n->merge = ka_node_is_merge_key(n);

		if (r < 0)
			return fail_event(b, e, "out of memory");
		if (r > 0)
			return fail_event(b, e, "a null mapping key "
						"(kubectl refuses it)");
	}
	if (count_node(b, e, !(is_key && ka_node_is_merge_key(n))) < 0)
		return -1;
	return push_child(b, n) < 0 ? fail_event(b, e, "out of memory") : 0;
}

static int on_alias(struct build *b, const yaml_event_t *e)
{
	struct ka_node *target = anchor_get(b->y, (const char *)e->data.alias.anchor);
	struct ka_node *n;

	if (!target) {
		snprintf(b->msg, sizeof(b->msg),
			 "unknown anchor '%.200s' referenced",
			 (const char *)e->data.alias.anchor);
		return fail_event(b, e, b->msg);
	}
	if (target->open) {
		snprintf(b->msg, sizeof(b->msg),
			 "anchor '%.200s' value contains itself",
			 (const char *)e->data.alias.anchor);
		return fail_event(b, e, b->msg);
	}
	if (next_is_key(b) && target->kind != KA_NODE_SCALAR)
		return fail_event(b, e, "a mapping or list used as a mapping "
					"key (kubectl refuses it)");
	if (next_is_key(b)) {
		/*
		 * A key written as an alias must compare as its text: build a
		 * scalar that shares it (a scalar costs no expansion).
		 */
		n = new_node(b, e, KA_NODE_SCALAR, NULL, NULL);
		if (!n)
			return fail_event(b, e, "out of memory");
		n->style = target->style;
		n->tag = target->tag;
		n->u.s.text = target->u.s.text;
		n->u.s.len = target->u.s.len;
		if (set_key_text(b, n) != 0)
			return fail_event(b, e, "a null mapping key "
						"(kubectl refuses it)");
	} else {
		n = new_node(b, e, KA_NODE_ALIAS, NULL, NULL);
		if (!n)
			return fail_event(b, e, "out of memory");
		n->u.target = target;
	}
	n->weight = sat_add(1, target->weight);
	/* The alias node counts as itself, its expansion as aliased. */
	b->y->decode_count = sat_add(b->y->decode_count, n->weight);
	b->y->alias_count = sat_add(b->y->alias_count, target->weight);
	if (count_node(b, e, false) < 0)
		return -1;
	return push_child(b, n) < 0 ? fail_event(b, e, "out of memory") : 0;
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
		return fail_event(b, e, "a mapping or list used as a mapping "
					"key (kubectl refuses it)");
	if (y->depth >= KA_YAML_MAX_DEPTH)
		return fail_event(b, e, "nesting deeper than 10000 levels "
					"(kubectl refuses it)");
	if (kind == KA_NODE_MAPPING) {
		tag = e->data.mapping_start.tag;
		anchor = e->data.mapping_start.anchor;
	} else {
		tag = e->data.sequence_start.tag;
		anchor = e->data.sequence_start.anchor;
	}
	n = new_node(b, e, kind, tag, anchor);
	if (!n || push_child(b, n) < 0 ||
	    grow((void **)&y->stack, &y->capstack, y->depth + 1,
		 sizeof(*y->stack)) < 0)
		return fail_event(b, e, "out of memory");
	if (kind == KA_NODE_MAPPING)
		n->style = e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
				   ? KA_STYLE_FLOW
				   : KA_STYLE_BLOCK;
	else
		n->style = e->data.sequence_start.style ==
					   YAML_FLOW_SEQUENCE_STYLE
				   ? KA_STYLE_FLOW
				   : KA_STYLE_BLOCK;
	n->open = true;
	y->stack[y->depth].node = n;
	y->stack[y->depth].child_start = y->nkids;
	y->stack[y->depth].merge_value = merge_value;
	y->depth++;
	/* go-yaml does not decode a merged list itself, only its maps. */
	return count_node(b, e, !(merge_value && kind == KA_NODE_SEQUENCE));
}

static int cmp_keys(const void *pa, const void *pb)
{
	const struct ka_node *a = *(const struct ka_node *const *)pa;
	const struct ka_node *b = *(const struct ka_node *const *)pb;
	size_t n = a->u.s.key_len < b->u.s.key_len ? a->u.s.key_len
						  : b->u.s.key_len;
	int c = memcmp(a->u.s.key, b->u.s.key, n);

	if (c)
		return c;
	if (a->u.s.key_len != b->u.s.key_len)
		return a->u.s.key_len < b->u.s.key_len ? -1 : 1;
	/* Document order among equal keys. */
	return a < b ? -1 : a > b;
}

static bool same_key(const struct ka_node *a, const struct ka_node *b)
{
	return a->u.s.key_len == b->u.s.key_len &&
	       memcmp(a->u.s.key, b->u.s.key, a->u.s.key_len) == 0;
}

static int add_dup(struct build *b, const struct ka_node *first,
		   const struct ka_node *later, struct ka_yaml_dup ***tail)
{
	struct ka_yaml_dup *d = ka_arena_alloc(b->arena, sizeof(*d));

	if (!d)
		return -1;
	d->key = later;
	d->first = first;
	d->next = NULL;
	**tail = d;
	*tail = &d->next;
	return 0;
}

/* Report every key that repeats an earlier one of the same mapping. */
static int find_dups(struct build *b, struct ka_node **kv, size_t n)
{
	struct ka_yaml_dup **tail = &b->doc->dups;
	const struct ka_node **keys;
	size_t nk = 0;

	while (*tail)
		tail = &(*tail)->next;
	if (n / 2 <= 16) {
		for (size_t i = 2; i < n; i += 2) {
			const struct ka_node *k = kv[i];

			if (k->kind != KA_NODE_SCALAR || ka_node_is_merge_key(kv[i]))
				continue;
			for (size_t j = 0; j < i; j += 2) {
				const struct ka_node *o = kv[j];

				if (o->kind == KA_NODE_SCALAR &&
				    !ka_node_is_merge_key(kv[j]) &&
				    same_key(o, k)) {
					if (add_dup(b, kv[j], kv[i], &tail) < 0)
						return -1;
					break;
				}
			}
		}
		return 0;
	}
	/* Large mappings: sort pointers (document order breaks ties). */
	keys = malloc(n / 2 * sizeof(*keys));
	if (!keys)
		return -1;
	for (size_t i = 0; i < n; i += 2)
		if (kv[i]->kind == KA_NODE_SCALAR && !ka_node_is_merge_key(kv[i]))
			keys[nk++] = kv[i];
	qsort(keys, nk, sizeof(*keys), cmp_keys);
	for (size_t i = 1; i < nk; i++) {
		size_t first = i - 1;

		while (i < nk && same_key(keys[first], keys[i])) {
			if (add_dup(b, keys[first], keys[i], &tail) < 0) {
				free(keys);
				return -1;
			}
			i++;
		}
	}
	free(keys);
	return 0;
}

static bool is_map(const struct ka_node *n)
{
	n = ka_node_deref(n);
	return n && n->kind == KA_NODE_MAPPING;
}

/* go-yaml v2 merge(): a map, an alias to one, or a list of those. */
static int check_merge(struct build *b, const struct ka_node *v,
		       uint64_t *weight)
{
	if (v->kind == KA_NODE_SEQUENCE) {
		*weight = 0;
		for (size_t i = 0; i < v->u.c.n; i++) {
			if (!is_map(v->u.c.v[i]))
				goto bad;
			*weight = sat_add(*weight, v->u.c.v[i]->weight);
		}
		return 0;
	}
	if (is_map(v)) {
		*weight = v->weight;
		return 0;
	}
bad:
	return fail_at(b, v->line, v->col,
		       "map merge requires map or sequence of maps as the value");
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
	n->end_col = (unsigned)e->end_mark.column + 1;
	if (count) {
		n->u.c.v = ka_arena_alloc(b->arena, count * sizeof(*kids));
		if (!n->u.c.v)
			return fail_event(b, e, "out of memory");
		memcpy(n->u.c.v, kids, count * sizeof(*kids));
	}
	if (n->kind == KA_NODE_MAPPING) {
		n->u.c.n = count;
		for (size_t i = 0; i < count; i += 2) {
			uint64_t mw;

			if (ka_node_is_merge_key(kids[i])) {
				if (check_merge(b, kids[i + 1], &mw) < 0)
					return -1;
				w = sat_add(w, mw);
				continue;
			}
			w = sat_add(w, sat_add(kids[i]->weight,
					       kids[i + 1]->weight));
		}
		if (count >= 4 && find_dups(b, n->u.c.v, count) < 0)
			return fail_event(b, e, "out of memory");
	} else {
		n->u.c.n = count;
		for (size_t i = 0; i < count; i++)
			w = sat_add(w, kids[i]->weight);
	}
	n->weight = w;
	n->open = false;
	y->nkids = f->child_start;
	y->depth--;
	return 0;
}

static void syntax_error(struct build *b, const yaml_parser_t *p)
{
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_MEMORY_ERROR) {
		fail_at(b, b->line0 + 1, 1, "out of memory");
		return;
	}
	/* "could not find expected ':' (while scanning a simple key at line 3)" */
	if (p->context)
		snprintf(b->msg, sizeof(b->msg), "%s (%s at line %u)", problem,
			 p->context,
			 b->line0 + (unsigned)p->context_mark.line + 1);
	else
		snprintf(b->msg, sizeof(b->msg), "%s", problem);
	fail_at(b, b->line0 + (unsigned)m->line + 1, (unsigned)m->column + 1,
		b->msg);
}

int ka_yaml_parse(struct ka_yaml *y, struct ka_arena *arena, const char *buf,
		  size_t len, unsigned first_line, struct ka_doc *doc)
{
	struct build b = {.y = y, .arena = arena, .doc = doc,
			  .line0 = first_line ? first_line - 1 : 0};
	yaml_parser_t parser;
	yaml_event_t event;
	int rc = 0;
	bool done = false;

	memset(doc, 0, sizeof(*doc));
	y->nkids = y->depth = 0;
	if (y->nanchors) {
		memset(y->anchors, 0, y->capanchors * sizeof(*y->anchors));
		y->nanchors = 0;
	}
	y->decode_count = 1; /* the document node */
	y->alias_count = 0;

	if (!yaml_parser_initialize(&parser))
		return fail_at(&b, b.line0 + 1, 1, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&parser, &event)) {
			syntax_error(&b, &parser);
			rc = -1;
			break;
		}
		switch (event.type) {
		case YAML_SCALAR_EVENT:
			rc = on_scalar(&b, &event);
			break;
		case YAML_ALIAS_EVENT:
			rc = on_alias(&b, &event);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = on_start(&b, &event, KA_NODE_SEQUENCE);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = on_start(&b, &event, KA_NODE_MAPPING);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			rc = on_end(&b, &event);
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			/* kubectl reads the first document of a chunk only. */
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	if (rc < 0)
		doc->root = NULL;
	return rc;
}
