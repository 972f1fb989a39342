/*
 * invalid-value: the fields kaudit reads, checked against the types the
 * Kubernetes API decodes them as. Each check declares the fields it reads
 * (struct ka_field); they are merged into one tree per auditor, walked
 * once per pod and once per container. A mistyped field is reported once
 * and reads as unset in every check (kubectl would refuse the object).
 */
#include "kaudit/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/scalar.h"

/* What the pipeline itself reads (src/workload.c): no check owns these. */
static const struct ka_field pipeline[] = {
    {"securityContext", KA_F_MAP, true},
    {"os.name", KA_F_STR, true},
    {"initContainers", KA_F_SEQ_MAP, true},
    {"containers", KA_F_SEQ_MAP, true},
    {"ephemeralContainers", KA_F_SEQ_MAP, true},
    {"name", KA_F_STR, false},
    {"securityContext", KA_F_MAP, false},
    {NULL, 0, false},
};

struct ka_vnode {
	char *name;
	enum ka_ftype type;
	struct ka_vnode *kids;
	size_t nkids;
};

struct ka_schema {
	struct ka_vnode pod, container; /* the roots (only kids are used) */
};

static struct ka_vnode *child(struct ka_vnode *parent, const char *name,
			      size_t len, enum ka_ftype type)
{
	struct ka_vnode *k;

	for (size_t i = 0; i < parent->nkids; i++)
		if (strlen(parent->kids[i].name) == len &&
		    memcmp(parent->kids[i].name, name, len) == 0)
			return &parent->kids[i];
	k = realloc(parent->kids, (parent->nkids + 1) * sizeof(*k));
	if (!k)
		return NULL;
	parent->kids = k;
	k = &parent->kids[parent->nkids];
	memset(k, 0, sizeof(*k));
	k->name = strndup(name, len);
	k->type = type;
	if (!k->name)
		return NULL;
	parent->nkids++;
	return k;
}

/* Add a dotted path to the tree; -1 when memory runs out. */
static int add_field(struct ka_vnode *root, const struct ka_field *f)
{
	const char *p = f->path;
	struct ka_vnode *n = root;

	while (n && *p) {
		size_t len = strcspn(p, ".");
		bool list = len > 2 && p[len - 2] == '[' && p[len - 1] == ']';
		bool last = p[len] == '\0';
		enum ka_ftype t = last	 ? f->type
				  : list ? KA_F_SEQ_MAP
					 : KA_F_MAP;

		n = child(n, p, list ? len - 2 : len, t);
		p += len + !last;
	}
	return n ? 0 : -1;
}

static void free_node(struct ka_vnode *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		free_node(&n->kids[i]);
	free(n->kids);
	free(n->name);
}

void ka_schema_free(struct ka_schema *s)
{
	if (!s)
		return;
	free_node(&s->pod);
	free_node(&s->container);
	free(s);
}

static int add_fields(struct ka_schema *s, const struct ka_field *f)
{
	for (; f && f->path; f++)
		if (add_field(f->pod ? &s->pod : &s->container, f) < 0)
			return -1;
	return 0;
}

struct ka_schema *ka_schema_new(void)
{
	struct ka_schema *s = calloc(1, sizeof(*s));

	if (!s || add_fields(s, pipeline) < 0)
		goto fail;
	for (size_t i = 0; i < ka_registry_len; i++)
		if (add_fields(s, ka_registry[i]->fields) < 0)
			goto fail;
	return s;
fail:
	ka_schema_free(s);
	return NULL;
}

static const char *want(enum ka_ftype t)
{
	switch (t) {
	case KA_F_BOOL:
		return "a boolean";
	case KA_F_INT:
		return "an integer";
	case KA_F_STR:
		return "a string";
	case KA_F_QUANTITY:
		return "a quantity (a string or a number)";
	case KA_F_MAP:
		return "a mapping";
	case KA_F_SEQ_MAP:
		return "a list of mappings";
	case KA_F_SEQ_STR:
		return "a list of strings";
	}
	return "a value";
}

static bool type_ok(enum ka_ftype t, const struct ka_value *v)
{
	switch (t) {
	case KA_F_BOOL:
		return v->type == KA_TYPE_BOOL;
	case KA_F_INT:
		return v->type == KA_TYPE_INT ||
		       (v->type == KA_TYPE_FLOAT &&
			v->f == (double)(long long)v->f);
	case KA_F_STR:
		return v->type == KA_TYPE_STR;
	case KA_F_QUANTITY:
		return v->type == KA_TYPE_STR || v->type == KA_TYPE_INT ||
		       v->type == KA_TYPE_FLOAT;
	case KA_F_MAP:
		return v->type == KA_TYPE_MAP;
	case KA_F_SEQ_MAP:
	case KA_F_SEQ_STR:
		return v->type == KA_TYPE_SEQ;
	}
	return false;
}

static void bad(struct ka_ctx *ctx, const struct ka_container *c,
		const struct ka_node *n, const char *path, const char *what,
		const struct ka_value *v)
{
	const struct ka_node *d = ka_node_deref(n);

	if (d->kind == KA_NODE_SCALAR && v->type != KA_TYPE_MAP &&
	    v->type != KA_TYPE_SEQ)
		ka_report(ctx, &ka_check_invalid_value, c, n, path,
			  "%ssets %s to %s (%.40s), which kubectl refuses; "
			  "write %s",
			  c ? "" : "pod ", path, ka_type_name(v->type),
			  d->u.s.str, what);
	else
		ka_report(ctx, &ka_check_invalid_value, c, n, path,
			  "%ssets %s to %s, which kubectl refuses; write %s",
			  c ? "" : "pod ", path, ka_type_name(v->type), what);
}

static void walk(struct ka_ctx *ctx, const struct ka_container *c,
		 const struct ka_node *map, const struct ka_vnode *parent,
		 const char *prefix);

/* a, then b, into out (size bytes, cut to fit; a may be out itself): the
 * paths are built for every nested field, and snprintf was a twentieth of
 * a run's work. */
static void join(char *out, size_t size, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na >= size)
		na = size - 1;
	if (a != out)
		memcpy(out, a, na);
	if (nb >= size - na)
		nb = size - na - 1;
	memcpy(out + na, b, nb);
	out[na + nb] = '\0';
}

/* The items of a list field: mappings (walked) or strings. */
static void items(struct ka_ctx *ctx, const struct ka_container *c,
		  const struct ka_node *seq, const struct ka_vnode *f,
		  const char *path)
{
	enum ka_ftype item = f->type == KA_F_SEQ_MAP ? KA_F_MAP : KA_F_STR;

	for (size_t i = 0; i < ka_seq_len(seq); i++) {
		const struct ka_node *n = ka_seq_at(seq, i);
		struct ka_value v;
		char ipath[300];

		ka_node_value(n, &v);
		if (type_ok(item, &v) && !f->nkids)
			continue;
		char index[32];

		snprintf(index, sizeof(index), "[%zu]", i);
		join(ipath, sizeof(ipath), path, index);
		if (!type_ok(item, &v))
			bad(ctx, c, n, ipath, want(item), &v);
		else
			walk(ctx, c, n, f, ipath);
	}
}

static void walk(struct ka_ctx *ctx, const struct ka_container *c,
		 const struct ka_node *map, const struct ka_vnode *parent,
		 const char *prefix)
{
	for (size_t i = 0; i < parent->nkids; i++) {
		const struct ka_vnode *f = &parent->kids[i];
		const struct ka_node *n = ka_map_get(map, f->name);
		bool nested = f->type == KA_F_MAP || f->type == KA_F_SEQ_MAP ||
			      f->type == KA_F_SEQ_STR;
		struct ka_value v;
		char path[256];

		if (!n)
			continue;
		ka_node_value(n, &v);
		if (v.type == KA_TYPE_NULL)
			continue; /* null is unset to the API */
		/* The path is needed only to report or to go deeper. */
		if (type_ok(f->type, &v) && !nested)
			continue;
		join(path, sizeof(path), prefix, *prefix ? "." : "");
		join(path, sizeof(path), path, f->name);
		if (!type_ok(f->type, &v))
			bad(ctx, c, n, path, want(f->type), &v);
		else if (f->type == KA_F_MAP)
			walk(ctx, c, n, f, path);
		else
			items(ctx, c, n, f, path);
	}
}

void ka_validate_pod(struct ka_ctx *ctx, const struct ka_schema *s,
		     const struct ka_pod *pod)
{
	walk(ctx, NULL, pod->spec, &s->pod, "");
	for (size_t i = 0; i < pod->ncontainers; i++)
		walk(ctx, &pod->containers[i], pod->containers[i].node,
		     &s->container, "");
}
