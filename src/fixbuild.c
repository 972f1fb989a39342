/* Fixes made from the tree: see kaudit/fixbuild.h. */
#include "kaudit/fixbuild.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/fix.h"
#include "kaudit/fixstyle.h"

static const char AS_ALIAS[] = "the value is reached through an alias "
			       "(*name): other objects may share it";
static const char ANCHORED[] = "the value is inside an anchored node "
			       "(&name): other objects may share it";
static const char MERGED[] = "the mapping comes from a merge key (<<)";
static const char OVERRIDDEN[] = "a merge key (<<) written after the key "
				 "sets it";
static const char TAGGED[] = "the value carries a tag (!!type)";
static const char SHAPE[] = "the field is not written as a mapping, a list "
			    "or a plain value it can change";
static const char RENDER[] = "a Helm render: fix the chart";

enum { VALUE, ITEM, HEAD, SCALAR, REMOVE }; /* what build() makes */

/* a before b, by position. */
static bool before(unsigned al, unsigned ac, unsigned bl, unsigned bc)
{
	return al < bl || (al == bl && ac < bc);
}

/*
 * target is written inside root, and neither it nor a node around it
 * carries an anchor (so no alias elsewhere shares what an edit changes):
 * found by descending through the children that hold its position.
 */
static bool owned(const struct ka_node *root, const struct ka_node *target)
{
	const struct ka_node *n = root;

	while (n) {
		size_t lo = 0, hi;

		if (n->anchored)
			return false;
		if (n == target)
			return true;
		if (n->kind != KA_NODE_MAPPING && n->kind != KA_NODE_SEQUENCE)
			return false;
		/* The last child starting at or before target. */
		hi = n->u.c.n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const struct ka_node *k = n->u.c.v[mid];

			if (before(target->line, target->col, k->line, k->col))
				hi = mid;
			else
				lo = mid + 1;
		}
		if (!lo)
			return false;
		n = n->u.c.v[lo - 1];
	}
	return false;
}

/*
 * The key name written in map itself, the one kubectl reads (the last of
 * duplicates), in *key and its value (not looked through) in *value;
 * *merged when a merge key supplies the value instead: NULL, or the
 * reason no edit can change it (a key of its own that a later merge
 * overrides: another key would be a duplicate).
 */
static void own(const struct ka_node *map, const char *name,
		const struct ka_node **key, const struct ka_node **value,
		bool *merged, const char **why)
{
	const struct ka_node *k = NULL;
	size_t len = strlen(name);

	*key = *value = NULL;
	*merged = false;
	*why = NULL;
	if (!ka_map_get_key(map, name, &k))
		return;
	for (size_t i = map->u.c.n; i >= 2; i -= 2)
		if (map->u.c.v[i - 2] == k) {
			*key = k;
			*value = map->u.c.v[i - 1];
			return;
		}
	*merged = true;
	for (size_t i = 0; i < map->u.c.n; i += 2) {
		const struct ka_node *o = map->u.c.v[i];

		if (o->kind == KA_NODE_SCALAR && o->u.s.key &&
		    o->u.s.key_len == len && !memcmp(o->u.s.key, name, len))
			*why = OVERRIDDEN;
	}
}

/* The finding the last ka_report made, when it was check's. */
static struct ka_finding *last(struct ka_ctx *ctx, const struct ka_check *check)
{
	struct ka_finding *f =
	    ctx->out->n && ctx->last_ok ? &ctx->out->v[ctx->out->n - 1] : NULL;

	return f && f->check == check ? f : NULL;
}

void ka_report_nofix(struct ka_ctx *ctx, const struct ka_check *check,
		     const char *reason)
{
	struct ka_finding *f = ctx->fixes ? last(ctx, check) : NULL;

	if (f && !f->fix)
		f->nofix = ctx->rendered ? RENDER : reason;
}

/* Keys into map (the rest of the path from keys) with x's value. */
static const char *insert(const struct ka_pod *pod, const struct ka_node *map,
			  const char *keys, struct ka_fix *x)
{
	const struct ka_node *k0 = ka_fixstyle_first_key(map);

	if (!owned(pod->object, map))
		return ANCHORED;
	x->op = KA_FIX_INSERT;
	x->flow = map->style == KA_STYLE_FLOW;
	if (map->u.c.n > 1)
		x->qchar =
		    ka_fixstyle_quotes(map->u.c.v + 1, map->u.c.n - 1, 2);
	if (!(x->keys = strdup(keys)))
		return NULL;
	if (x->head && map->u.c.n) {
		x->line = k0->line; /* before the first key */
		x->col = k0->col;
		x->indent = k0->col - 1;
		return NULL;
	}
	if (x->flow && !map->u.c.n) {
		x->empty = true;
		x->line = map->end_line;
		x->col = map->end_col - 1; /* before the `}` */
		return NULL;
	}
	if (x->flow) {
		const struct ka_node *v = map->u.c.v[map->u.c.n - 1];

		if (ka_fixstyle_empty(v))
			return SHAPE;
		x->line = v->end_line;
		x->col = v->end_col;
		return NULL;
	}
	if (!k0 || !ka_fixstyle_end(map, &x->line, &x->col))
		return SHAPE;
	x->indent = k0->col - 1;
	x->step = ka_fixstyle_step(pod, map);
	x->seq_indent = ka_fixstyle_dashes(pod);
	return NULL;
}

/* The list seq gets x's text first. */
static const char *prepend(const struct ka_pod *pod, const struct ka_node *seq,
			   struct ka_fix *x)
{
	if (!owned(pod->object, seq))
		return ANCHORED;
	x->op = KA_FIX_PREPEND;
	x->flow = seq->style == KA_STYLE_FLOW;
	x->qchar = ka_fixstyle_quotes(seq->u.c.v, seq->u.c.n, 1);
	if (x->flow && !seq->u.c.n) {
		x->empty = true;
		x->line = seq->end_line;
		x->col = seq->end_col - 1; /* before the `]` */
	} else if (x->flow) {
		x->line = seq->u.c.v[0]->line;
		x->col = seq->u.c.v[0]->col;
	} else {
		x->line = seq->line; /* the first dash */
		x->col = seq->col;
		x->indent = seq->col - 1;
	}
	return NULL;
}

/* Characters (UTF-8) of s[0..n). */
static size_t chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* "q" + s + "q", or NULL. */
static char *quoted(char q, const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 3);

	if (d) {
		d[0] = q;
		memcpy(d + 1, s, n);
		d[n + 1] = q;
		d[n + 2] = '\0';
	}
	return d;
}

/*
 * The scalar value becomes x's text: a plain one, or a quoted one that
 * holds no escape (its text is what is between its quotes), which keeps
 * its quotes unless x's text is a boolean. One line, and no tag (kubectl
 * would read the tag).
 */
static const char *replace(const struct ka_pod *pod, const struct ka_node *v,
			   struct ka_fix *x)
{
	char q = v->style == KA_STYLE_SINGLE_QUOTED   ? '\''
		 : v->style == KA_STYLE_DOUBLE_QUOTED ? '"'
						      : 0;

	if (v->kind != KA_NODE_SCALAR || v->line != v->end_line ||
	    (!q && (v->style != KA_STYLE_PLAIN || !v->u.s.len)) || v->tag ||
	    strlen(v->u.s.text) != v->u.s.len ||
	    (q && v->end_col - v->col != chars(v->u.s.text, v->u.s.len) + 2) ||
	    (q && strpbrk(x->text, q == '"' ? "\"\\" : "'")))
		return v->tag ? TAGGED : SHAPE;
	if (!owned(pod->object, v))
		return ANCHORED;
	x->op = KA_FIX_REPLACE;
	x->line = v->line;
	x->col = v->col;
	x->end_line = v->end_line;
	x->end_col = v->end_col;
	/* NULL: out of memory (build says so) */
	x->old = q ? quoted(q, v->u.s.text) : strdup(v->u.s.text);
	/* A boolean replaces a quoted string whole (the string was the
	 * problem); a string keeps the quotes it had. */
	if (q && strcmp(x->text, "true") != 0 &&
	    strcmp(x->text, "false") != 0) {
		char *t = quoted(q, x->text);

		free(x->text);
		x->text = t;
		x->quote = false; /* the quotes are the text's own */
		if (!t) {
			free(x->old);
			x->old = NULL;
		}
	}
	return NULL;
}

/* Item index of the list seq goes; the reason it cannot, or NULL. */
static const char *remove_item(const struct ka_pod *pod,
			       const struct ka_node *seq, size_t index,
			       struct ka_fix *x)
{
	const struct ka_node *v;
	char q;

	if (seq->kind != KA_NODE_SEQUENCE || index >= seq->u.c.n ||
	    seq->u.c.n > 256)
		return SHAPE;
	v = seq->u.c.v[index];
	q = v->style == KA_STYLE_SINGLE_QUOTED	 ? '\''
	    : v->style == KA_STYLE_DOUBLE_QUOTED ? '"'
						 : 0;
	if (v->kind != KA_NODE_SCALAR || v->tag || v->line != v->end_line ||
	    (!q && v->style != KA_STYLE_PLAIN) ||
	    strlen(v->u.s.text) != v->u.s.len ||
	    v->end_col - v->col != chars(v->u.s.text, v->u.s.len) + (q ? 2 : 0))
		return v->tag ? TAGGED : SHAPE;
	if (!owned(pod->object, seq))
		return ANCHORED;
	if (!(x->items = malloc(seq->u.c.n * sizeof(*x->items))))
		return NULL;
	for (size_t i = 0; i < seq->u.c.n; i++) {
		const struct ka_node *k = seq->u.c.v[i];

		x->items[i] = (struct ka_fix_span){k->line, k->col, k->end_line,
						   k->end_col};
	}
	x->op = KA_FIX_REMOVE;
	x->flow = seq->style == KA_STYLE_FLOW;
	x->index = (unsigned)index;
	x->nitems = (unsigned)seq->u.c.n;
	x->line = v->line;
	x->col = v->col;
	x->end_line = v->end_line;
	x->end_col = v->end_col;
	x->old = q ? quoted(q, v->u.s.text) : strdup(v->u.s.text);
	return NULL;
}

/* Work out the fix of path under map; the reason there is none, or NULL. */
static const char *plan(const struct ka_pod *pod, const struct ka_node *map,
			const char *path, bool item, struct ka_fix *x)
{
	char name[64];

	if (!map || map->kind != KA_NODE_MAPPING)
		return map && map->kind == KA_NODE_ALIAS ? AS_ALIAS : SHAPE;
	for (const char *p = path;;) {
		size_t len = strcspn(p, ".");
		const struct ka_node *key, *v;
		const char *why;
		bool merged, lastkey = !p[len];

		if (len >= sizeof(name))
			return SHAPE;
		memcpy(name, p, len);
		name[len] = '\0';
		own(map, name, &key, &v, &merged, &why);
		if (!key && !merged)
			return insert(pod, map, p, x);
		if (merged && why)
			return why;
		if (merged)
			return lastkey ? insert(pod, map, p, x) : MERGED;
		if (v->tag)
			return TAGGED;
		if (v->kind == KA_NODE_ALIAS)
			return AS_ALIAS;
		if (lastkey && item)
			return v->kind == KA_NODE_SEQUENCE ? prepend(pod, v, x)
							   : SHAPE;
		if (lastkey)
			return replace(pod, v, x);
		if (v->kind != KA_NODE_MAPPING)
			return SHAPE;
		map = v;
		p += len + 1;
	}
}

static void build(struct ka_ctx *ctx, const struct ka_check *check,
		  const struct ka_node *map, const char *path, const char *text,
		  int how, size_t index)
{
	bool item = how == ITEM;
	struct ka_finding *f = ctx->fixes ? last(ctx, check) : NULL;
	struct ka_fix *x;
	const char *why;

	if (!f || f->fix)
		return;
	if (ctx->rendered) {
		f->nofix = RENDER;
		return;
	}
	if (!(x = calloc(1, sizeof(*x))) || !(x->text = strdup(text))) {
		free(x);
		ctx->out->oom = true;
		return;
	}
	x->seq = item;
	x->head = how == HEAD;
	/* A JSON file: keys and strings are written as JSON writes them. */
	x->quote = ka_fixstyle_first_key(ctx->pod->object) &&
		   ka_fixstyle_first_key(ctx->pod->object)->style ==
		       KA_STYLE_DOUBLE_QUOTED;
	why = how == SCALAR   ? replace(ctx->pod, map, x)
	      : how == REMOVE ? remove_item(ctx->pod, map, index, x)
			      : plan(ctx->pod, map, path, item, x);
	if (why ||
	    ((x->op == KA_FIX_REPLACE || x->op == KA_FIX_REMOVE) && !x->old) ||
	    (x->op == KA_FIX_INSERT && !x->keys)) {
		if (!why)
			ctx->out->oom = true;
		f->nofix = why;
		ka_fix_free(x);
		return;
	}
	if (x->op != KA_FIX_INSERT)
		x->seq = false;
	if (!x->text) {
		ctx->out->oom = true;
		ka_fix_free(x);
		return;
	}
	f->fix = x;
}

void ka_report_fix(struct ka_ctx *ctx, const struct ka_check *check,
		   const struct ka_node *map, const char *path,
		   const char *text)
{
	build(ctx, check, map, path, text, VALUE, 0);
}

void ka_report_fix_scalar(struct ka_ctx *ctx, const struct ka_check *check,
			  const struct ka_node *scalar, const char *text)
{
	build(ctx, check, scalar, "", text, SCALAR, 0);
}

void ka_report_fix_first(struct ka_ctx *ctx, const struct ka_check *check,
			 const struct ka_node *map, const char *key,
			 const char *text)
{
	build(ctx, check, map, key, text, HEAD, 0);
}

void ka_report_fix_item(struct ka_ctx *ctx, const struct ka_check *check,
			const struct ka_node *map, const char *path,
			const char *item)
{
	build(ctx, check, map, path, item, ITEM, 0);
}

void ka_report_fix_remove(struct ka_ctx *ctx, const struct ka_check *check,
			  const struct ka_node *seq, size_t index)
{
	build(ctx, check, seq, "", "", REMOVE, index);
}
