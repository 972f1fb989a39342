/*
 * A document as kubectl decodes it into the objects it would create: the
 * document itself, or the items of a list; and what makes kubectl refuse
 * it. See kaudit/document.h.
 */
#include "kaudit/document.h"

#include <stdio.h>
#include <string.h>

#include "kaudit/resolve.h"
#include "kaudit/stream.h"
#include "kaudit/workload.h"
#include "kaudit/yaml.h"

/*
 * kubectl's decoder reads any object with an `items` key as a list
 * (k8s.io/apimachinery unstructuredJSONScheme): `items` must be a list of
 * mappings (null is an empty list), none of which is a list itself, or it
 * refuses the document. Returns 0, or -1 with err set.
 */
static int check_list(const struct ka_node *items, struct ka_error *err)
{
	const struct ka_node *d = ka_node_deref(items);
	struct ka_value v;

	ka_node_value(d, &v);
	if (v.type == KA_TYPE_NULL)
		return 0;
	if (v.type != KA_TYPE_SEQ)
		return ka_error_set(err, items->line, items->col,
				    "'items' is not a list, and kubectl reads "
				    "every object with 'items' as a list (it "
				    "refuses the document)");
	for (size_t i = 0; i < ka_seq_len(d); i++) {
		const struct ka_node *it = ka_seq_at(d, i);

		if (!ka_node_is_map(it))
			return ka_error_set(err, it->line, it->col,
					    "an item of 'items' is not an "
					    "object (kubectl refuses the "
					    "document)");
		if (ka_map_get(it, "items"))
			return ka_error_set(err, it->line, it->col,
					    "a list inside a list: kubectl "
					    "refuses the document");
	}
	return 0;
}

/* strings.TrimSuffix(kind, "List"): a List's items get kind "". */
static size_t trimmed_len(const char *lk)
{
	size_t n = strlen(lk);

	return n >= 4 && strcmp(lk + n - 4, "List") == 0 ? n - 4 : n;
}

/*
 * An item without kind and apiVersion takes them from the list: a
 * PodList's items are Pods (apimachinery's decodeToList).
 */
static void inherit(struct ka_arena *a, struct ka_object *o, const char *lk,
		    const char *lapi)
{
	o->kind = ka_get_str(o->node, "kind", NULL);
	o->api_version = ka_get_str(o->node, "apiVersion", NULL);
	if (o->kind || o->api_version || !lk)
		return;
	o->kind = ka_arena_strndup(a, lk, trimmed_len(lk));
	o->api_version = lapi;
	o->inherited = true;
}

/*
 * kubectl decodes an object only with a kind (a non-empty string: given,
 * or taken from its list as kind) and an apiVersion that, when given, is
 * a string. Returns 0, or -1 with err set.
 */
static int check_type(const struct ka_node *obj, const char *kind,
		      struct ka_error *err)
{
	const struct ka_node *api = ka_get_set(obj, "apiVersion");
	const struct ka_node *at = ka_map_get(obj, "kind");

	if (!kind)
		kind = ka_get_str(obj, "kind", NULL);
	if (!kind || !*kind)
		return ka_error_set(err, at ? at->line : obj->line,
				    at ? at->col : obj->col,
				    "Object 'Kind' is missing: kubectl refuses "
				    "the document");
	if (api && !ka_node_str(api))
		return ka_error_set(err, api->line, api->col,
				    "apiVersion is not a string: kubectl "
				    "refuses the document");
	return 0;
}

struct inf_walk {
	const struct ka_node *found;
	int depth;
};

static void find_inf(struct inf_walk *w, const struct ka_node *n);

static void inf_member(void *ud, const struct ka_node *key,
		       const struct ka_node *value)
{
	(void)key;
	find_inf(ud, value);
}

/* The first value of the decoded object that JSON cannot hold. */
static void find_inf(struct inf_walk *w, const struct ka_node *n)
{
	n = ka_node_deref(n);
	if (!n || w->found || w->depth > KA_YAML_MAX_DEPTH)
		return;
	w->depth++;
	if (n->kind == KA_NODE_SCALAR && ka_resolve_json_unsupported(n))
		w->found = n;
	else if (n->kind == KA_NODE_SEQUENCE)
		for (size_t i = 0; i < n->u.c.n && !w->found; i++)
			find_inf(w, n->u.c.v[i]);
	else if (n->kind == KA_NODE_MAPPING)
		ka_map_foreach(n, inf_member, w);
	w->depth--;
}

int ka_document_unsupported(const struct ka_node *root, struct ka_error *err)
{
	struct inf_walk w = {NULL, 0};

	find_inf(&w, root);
	if (!w.found)
		return 0;
	return ka_error_set(err, w.found->line, w.found->col,
			    "json: unsupported value %s (kubectl refuses the "
			    "document)",
			    w.found->u.s.str);
}

int ka_document_item(struct ka_arena *a, const struct ka_node *item, long i,
		     const char *list_kind, const char *list_api,
		     struct ka_object *o)
{
	memset(o, 0, sizeof(*o));
	o->node = ka_node_deref(item);
	o->item = i;
	inherit(a, o, list_kind, list_api);
	return o->inherited && !o->kind ? -1 : 0;
}

int ka_document_objects(struct ka_arena *a, const struct ka_node *root,
			int (*fn)(void *ud, const struct ka_object *o),
			void *ud, struct ka_error *err)
{
	const struct ka_node *obj = ka_node_deref(root), *items;
	struct ka_object o = {.node = obj, .item = -1};

	if (!ka_node_is_map(obj)) {
		ka_error_set(err, obj->line, obj->col,
			     "a document that is not an object (%s): kubectl "
			     "refuses it",
			     ka_node_is_seq(obj) ? "a list" : "a scalar");
		return KA_DOCUMENT_REFUSED;
	}
	if (check_type(obj, NULL, err) < 0)
		return KA_DOCUMENT_REFUSED;
	items = ka_map_get(obj, "items");
	if (!items) {
		o.kind = ka_get_str(obj, "kind", NULL);
		o.api_version = ka_get_str(obj, "apiVersion", NULL);
		return fn(ud, &o);
	}
	if (check_list(items, err) < 0)
		return KA_DOCUMENT_REFUSED;
	/* Every item is judged before any is audited. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ka_seq_len(items); i++) {
			struct ka_object it;
			int r;

			if (ka_document_item(
				a, ka_seq_at(items, i), (long)i,
				ka_get_str(obj, "kind", NULL),
				ka_get_str(obj, "apiVersion", NULL), &it) < 0)
				return -1; /* memory ran out */
			if (pass == 0 && check_type(it.node, it.kind, err) < 0)
				return KA_DOCUMENT_REFUSED;
			r = pass ? fn(ud, &it) : 0;
			if (r)
				return r;
		}
	return 0;
}

/* The first problem of one kind: e->msg is empty until one is kept. */
static void keep_first(struct ka_error *e, const struct ka_error *found)
{
	if (!e->msg[0])
		*e = *found;
}

void ka_document_item_check(struct ka_items_verdict *v,
			    const struct ka_node *item, bool unsupported)
{
	struct ka_error err = {.msg = ""};
	const struct ka_node *it = ka_node_deref(item);

	v->n++;
	if (!ka_node_is_map(it)) {
		ka_error_set(&err, it->line, it->col,
			     "an item of 'items' is not an object (kubectl "
			     "refuses the document)");
		keep_first(&v->shape, &err);
		return;
	}
	if (ka_map_get(it, "items")) {
		ka_error_set(&err, it->line, it->col,
			     "a list inside a list: kubectl refuses the "
			     "document");
		keep_first(&v->shape, &err);
	}
	if (unsupported && ka_document_unsupported(it, &err) < 0)
		keep_first(&v->unsupported, &err);
	if (ka_get_str(it, "kind", NULL) ||
	    ka_get_str(it, "apiVersion", NULL)) {
		if (!v->type.msg[0] && check_type(it, NULL, &err) < 0) {
			v->type = err;
			v->type_item = v->n;
		}
	} else if (!v->inherit.msg[0]) {
		const struct ka_node *at = ka_map_get(it, "kind");

		/* Refused later if the list's kind is "List" itself. */
		v->inherit_item = v->n;
		ka_error_set(&v->inherit, at ? at->line : it->line,
			     at ? at->col : it->col,
			     "Object 'Kind' is missing: kubectl refuses the "
			     "document");
	}
}

static bool before(const struct ka_error *a, const struct ka_error *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

int ka_document_items_verdict(const struct ka_items_verdict *v,
			      const struct ka_node *root, bool unsupported,
			      struct ka_error *err)
{
	const char *lk;

	if (unsupported && ka_document_unsupported(root, err) < 0) {
		if (v->unsupported.msg[0] && before(&v->unsupported, err))
			*err = v->unsupported;
		return KA_DOCUMENT_REFUSED;
	}
	if (v->unsupported.msg[0]) {
		*err = v->unsupported;
		return KA_DOCUMENT_REFUSED;
	}
	if (check_type(root, NULL, err) < 0)
		return KA_DOCUMENT_REFUSED;
	lk = ka_get_str(root, "kind", NULL);
	if (v->shape.msg[0])
		*err = v->shape;
	else if (v->inherit.msg[0] && lk && trimmed_len(lk) == 0 &&
		 (!v->type.msg[0] || v->inherit_item < v->type_item))
		*err = v->inherit;
	else if (v->type.msg[0])
		*err = v->type;
	else
		return 0;
	return KA_DOCUMENT_REFUSED;
}

/*
 * Where a refusal is shown: libyaml marks the end of the input after the
 * last character (a line past the last one, or a column past its end),
 * which is no place in the file; the last character stands in for it.
 */
void ka_document_place(const struct ka_chunk *c, unsigned *line, unsigned *col)
{
	size_t end = c->len, start;
	unsigned last_line = c->first_line, last_col;

	while (end && (c->buf[end - 1] == '\n' || c->buf[end - 1] == '\r'))
		end--;
	if (!end)
		return;
	for (size_t i = 0; i < end; i++)
		last_line += c->buf[i] == '\n';
	for (start = end; start && c->buf[start - 1] != '\n'; start--)
		;
	last_col = start ? 0 : c->first_col - 1;
	for (size_t i = start; i < end; i++)
		last_col += ((unsigned char)c->buf[i] & 0xc0) != 0x80;
	if (*line > last_line || (*line == last_line && *col > last_col)) {
		*line = last_line;
		*col = last_col ? last_col : 1;
	}
}

/*
 * A document that does not parse is a manifest's when its text has
 * apiVersion and kind at the top level before the error.
 */
bool ka_document_looks_like_manifest(const struct ka_chunk *c,
				     unsigned err_line)
{
	const char *p = c->buf, *end = c->buf + c->len;
	unsigned line = c->first_line;
	bool api = false, kind = false;

	while (p < end && line <= err_line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		api |= (n >= 11 && memcmp(p, "apiVersion:", 11) == 0) ||
		       (n >= 12 && memcmp(p, "\"apiVersion\"", 12) == 0);
		kind |= (n >= 5 && memcmp(p, "kind:", 5) == 0) ||
			(n >= 6 && memcmp(p, "\"kind\"", 6) == 0);
		p = nl ? nl + 1 : end;
		line++;
	}
	return api && kind;
}
