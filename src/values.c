/*
 * Where a rendered value was set in a chart's values files. See
 * kaudit/values.h.
 */
#include "kaudit/values.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/arena.h"
#include "kaudit/helm.h"
#include "kaudit/node.h"
#include "kaudit/path.h"
#include "kaudit/tplctx.h"
#include "kaudit/yaml.h"

#define MAX_SEGS  64 /* a deeper node gets no location */
#define MAX_CANDS 8  /* .Values paths tried per template line */
#define MAX_CHAIN 16 /* subchart levels */
/* A block (toYaml's output) larger than this is not parsed. */
#define MAX_BLOCK ((size_t)4 << 20)

/* A step of a path: a mapping key, or a sequence index (key NULL). */
struct seg {
	const char *key;
	size_t len;
	size_t idx;
};

struct vpath {
	struct seg s[MAX_SEGS];
	size_t n;
};

struct vfile {
	char *path;
	char *text;
	struct ka_doc doc;
	bool ok; /* read and parsed, its root a mapping */
};

struct ka_values {
	char *chart;
	const struct ka_helm_opts *o;
	struct ka_yaml *y;
	struct ka_arena arena;	 /* the values files' trees */
	struct ka_arena scratch; /* the block's tree */
	struct vfile *files;
	size_t nfiles;
	struct tpl {
		char *file;
		struct ka_tplctx *ctx;
	} * tpls;
	size_t ntpls;
	/* The block parsed last. */
	const struct ka_chart_map *bmap;
	unsigned bfirst, blast;
	const struct ka_node *broot;
	char *btext;
};

struct ka_values *ka_values_new(const char *chart, const struct ka_helm_opts *o)
{
	struct ka_values *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->o = o;
	v->chart = strdup(chart);
	v->y = ka_yaml_new();
	ka_arena_init(&v->arena);
	ka_arena_init(&v->scratch);
	if (!v->chart || !v->y) {
		ka_values_free(v);
		return NULL;
	}
	return v;
}

void ka_values_free(struct ka_values *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->nfiles; i++) {
		free(v->files[i].path);
		free(v->files[i].text);
	}
	for (size_t i = 0; i < v->ntpls; i++) {
		free(v->tpls[i].file);
		ka_tplctx_free(v->tpls[i].ctx);
	}
	free(v->files);
	free(v->tpls);
	free(v->chart);
	free(v->btext);
	if (v->y)
		ka_yaml_free(v->y);
	ka_arena_free(&v->arena);
	ka_arena_free(&v->scratch);
	free(v);
}

/* ---- values files ---- */

static struct vfile *values_file(struct ka_values *v, const char *path,
				 bool *oom)
{
	struct vfile *f;
	size_t len = 0;

	for (size_t i = 0; i < v->nfiles; i++)
		if (strcmp(v->files[i].path, path) == 0)
			return v->files[i].ok ? &v->files[i] : NULL;
	f = realloc(v->files, (v->nfiles + 1) * sizeof(*f));
	if (!f) {
		*oom = true;
		return NULL;
	}
	v->files = f;
	f = &v->files[v->nfiles];
	memset(f, 0, sizeof(*f));
	if (!(f->path = strdup(path))) {
		*oom = true;
		return NULL;
	}
	v->nfiles++;
	f->text = ka_path_read(path, &len);
	if (!f->text || len > KA_TEMPLATE_MAX)
		return NULL;
	f->ok =
	    ka_yaml_parse(v->y, &v->arena, f->text, len, 1, 1, &f->doc) == 0 &&
	    ka_node_is_map(f->doc.root);
	return f->ok ? f : NULL;
}

static struct ka_tplctx *template_of(struct ka_values *v, const char *file,
				     const char *text, size_t len, bool *oom)
{
	struct tpl *t;

	for (size_t i = 0; i < v->ntpls; i++)
		if (strcmp(v->tpls[i].file, file) == 0)
			return v->tpls[i].ctx;
	t = realloc(v->tpls, (v->ntpls + 1) * sizeof(*t));
	if (!t) {
		*oom = true;
		return NULL;
	}
	v->tpls = t;
	t = &v->tpls[v->ntpls];
	memset(t, 0, sizeof(*t));
	if (!(t->file = strdup(file))) {
		*oom = true;
		return NULL;
	}
	v->ntpls++;
	if (!(t->ctx = ka_tplctx_scan(text, len)))
		*oom = true;
	return t->ctx;
}

/* ---- the block and the finding's node in it ---- */

static bool before(const struct ka_node *n, unsigned line, unsigned col)
{
	return n->line < line || (n->line == line && n->col <= col);
}

/*
 * The node (or the value of the key) that starts at line:col, and its
 * path from n, down the one child that can hold it (binary search: a
 * finding costs the depth, not the size).
 */
static bool find_node(const struct ka_node *n, unsigned line, unsigned col,
		      struct vpath *path, const struct ka_node **found)
{
	while ((n = ka_node_deref(n)) && path->n < MAX_SEGS) {
		size_t step = n->kind == KA_NODE_MAPPING ? 2 : 1, lo = 0, hi;
		struct seg *s = &path->s[path->n];
		const struct ka_node *c;

		if (n->line == line && n->col == col) {
			*found = n;
			return true;
		}
		if (n->kind == KA_NODE_SCALAR || !n->u.c.n)
			return false;
		/* The last child that starts at or before line:col. */
		hi = n->u.c.n / step;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			if (before(n->u.c.v[mid * step], line, col))
				lo = mid;
			else
				hi = mid;
		}
		c = n->u.c.v[lo * step];
		if (!before(c, line, col))
			return false;
		if (step == 1) {
			s->key = NULL;
			s->idx = lo;
			path->n++;
			n = c;
			continue;
		}
		c = ka_node_deref(c);
		if (!c || c->kind != KA_NODE_SCALAR || c->merge)
			return false;
		s->key = c->u.s.key;
		s->len = c->u.s.key_len;
		path->n++;
		n = n->u.c.v[lo * 2 + 1];
		if (c->line == line && c->col == col) {
			*found = ka_node_deref(n);
			return *found != NULL;
		}
	}
	return false;
}

static int parse_block(struct ka_values *v, const struct ka_chart_map *m,
		       unsigned line)
{
	unsigned first, last;
	const char *text;
	size_t len;
	struct ka_doc doc;

	if (!ka_chart_map_block(m, line, &first, &last, &text, &len))
		return -1;
	if (v->bmap == m && v->bfirst == first && v->blast == last)
		return v->broot ? 0 : -1;
	v->bmap = m;
	v->bfirst = first;
	v->blast = last;
	v->broot = NULL;
	free(v->btext);
	v->btext = NULL;
	ka_arena_reset(&v->scratch);
	if (len > MAX_BLOCK || !(v->btext = strndup(text, len)))
		return -1;
	if (ka_yaml_parse(v->y, &v->scratch, v->btext, len, first, 1, &doc) < 0)
		return -1;
	v->broot = doc.root;
	return v->broot ? 0 : -1;
}

/* ---- looking values up ---- */

static const struct ka_node *lookup(const struct ka_node *n,
				    const struct seg *s, size_t ns,
				    const struct ka_node **key)
{
	*key = NULL;
	for (size_t i = 0; i < ns && n; i++) {
		if (s[i].key) {
			n = ka_map_get_keyn(n, s[i].key, s[i].len, key);
		} else {
			n = s[i].idx < ka_seq_len(n) ? ka_seq_at(n, s[i].idx)
						     : NULL;
			*key = NULL;
		}
	}
	return n;
}

/* Look up a dotted path ("a.b"; "" is n itself). */
static const struct ka_node *lookup_dotted(const struct ka_node *n,
					   const char *dotted,
					   const struct ka_node **key)
{
	*key = NULL;
	while (n && *dotted) {
		const char *dot = strchr(dotted, '.');
		size_t len = dot ? (size_t)(dot - dotted) : strlen(dotted);

		n = ka_map_get_keyn(n, dotted, len, key);
		dotted += len + (dot != NULL);
	}
	return n;
}

static bool same(const struct ka_node *a, const struct ka_node *b, size_t depth)
{
	struct ka_value x, y;

	a = ka_node_deref(a);
	b = ka_node_deref(b);
	if (!a || !b || depth > MAX_SEGS)
		return false;
	ka_node_value(a, &x);
	ka_node_value(b, &y);
	if (a->kind == KA_NODE_SCALAR && b->kind == KA_NODE_SCALAR) {
		const char *sa = ka_node_str(a), *sb = ka_node_str(b);

		if (sa || sb)
			return sa && sb && a->u.s.len == b->u.s.len &&
			       strcmp(sa, sb) == 0;
		if (x.type == KA_TYPE_NULL || y.type == KA_TYPE_NULL)
			return x.type == y.type;
		if (x.type == KA_TYPE_BOOL || y.type == KA_TYPE_BOOL)
			return x.type == y.type && x.b == y.b;
		return (x.type == KA_TYPE_INT ? (double)x.i : x.f) ==
		       (y.type == KA_TYPE_INT ? (double)y.i : y.f);
	}
	if (a->kind != b->kind || a->u.c.n != b->u.c.n)
		return false;
	if (a->kind == KA_NODE_SEQUENCE) {
		for (size_t i = 0; i < a->u.c.n; i++)
			if (!same(a->u.c.v[i], b->u.c.v[i], depth + 1))
				return false;
		return true;
	}
	for (size_t i = 0; i + 1 < a->u.c.n; i += 2) {
		const struct ka_node *k = ka_node_deref(a->u.c.v[i]), *kb;

		if (!k || k->kind != KA_NODE_SCALAR || k->merge ||
		    !same(a->u.c.v[i + 1],
			  ka_map_get_keyn(b, k->u.s.key, k->u.s.key_len, &kb),
			  depth + 1))
			return false;
	}
	return true;
}

/* Whether template line tline writes the key name (`name:`). */
static bool writes(const char *text, size_t len, unsigned tline,
		   const struct seg *s)
{
	char field[256];
	unsigned col, end_col;

	if (!s || !s->key || s->len >= sizeof(field) ||
	    memchr(s->key, '.', s->len) || memchr(s->key, '[', s->len))
		return false;
	memcpy(field, s->key, s->len);
	field[s->len] = '\0';
	return ka_helm_column(text, len, tline, field, &col, &end_col);
}

/* The subcharts a template is in ("charts/a/charts/b/templates/x"). */
static size_t chain(const char *file, char names[MAX_CHAIN][256])
{
	size_t k = 0;

	while (k < MAX_CHAIN && strncmp(file, "charts/", 7) == 0) {
		const char *name = file + 7, *slash = strchr(name, '/');

		if (!slash || (size_t)(slash - name) >= 256)
			break;
		memcpy(names[k], name, (size_t)(slash - name));
		names[k][slash - name] = '\0';
		k++;
		file = slash + 1;
	}
	return k;
}

/*
 * The i-th values file for a template in those subcharts, the one that
 * wins first: the --values files, last first, then the chart's
 * values.yaml, then each subchart's. *skip: how many of the names the
 * file's root is below. false past the last.
 */
static bool source(const struct ka_values *v, char names[MAX_CHAIN][256],
		   size_t nnames, size_t i, char *buf, size_t size,
		   size_t *skip)
{
	size_t nv = v->o ? v->o->nvalues : 0, d;

	*skip = 0;
	if (i < nv)
		return (size_t)snprintf(buf, size, "%s",
					v->o->values[nv - 1 - i]) < size;
	if ((i -= nv) > nnames)
		return false;
	*skip = i;
	d = (size_t)snprintf(buf, size, "%s", v->chart);
	for (size_t k = 0; k < i && d < size; k++)
		d +=
		    (size_t)snprintf(buf + d, size - d, "/charts/%s", names[k]);
	return d < size &&
	       (size_t)snprintf(buf + d, size - d, "/values.yaml") < size - d;
}

/* The node at the chain names from skip on, then dotted, in root. */
static const struct ka_node *in_file(const struct ka_node *root,
				     char names[MAX_CHAIN][256], size_t nnames,
				     size_t skip, const char *dotted,
				     const struct ka_node **key)
{
	for (size_t i = skip; i < nnames && root; i++)
		root = ka_map_get_keyn(root, names[i], strlen(names[i]), key);
	return lookup_dotted(root, dotted, key);
}

bool ka_values_locate(struct ka_values *v, const struct ka_chart_map *m,
		      unsigned line, unsigned col, const char *file,
		      const char *text, size_t len, unsigned tline,
		      struct ka_values_hit *hit, bool *oom)
{
	struct vpath path = {.n = 0};
	const struct ka_node *node = NULL;
	struct ka_tplctx *t;
	char *cands[MAX_CANDS], names[MAX_CHAIN][256];
	char src[4096];
	size_t ncands, nnames, skip;
	bool found = false;

	if (parse_block(v, m, line) < 0 ||
	    !(col ? find_node(v->broot, line, col, &path, &node)
		  : (node = v->broot) != NULL) ||
	    !(t = template_of(v, file, text, len, oom)))
		return false;
	ncands = ka_tplctx_paths(t, text, len, tline, cands, MAX_CANDS, oom);
	nnames = chain(file, names);
	for (size_t c = 0; c < ncands && !found; c++) {
		for (size_t i = 0; !found && source(v, names, nnames, i, src,
						    sizeof(src), &skip);
		     i++) {
			struct vfile *f = values_file(v, src, oom);
			const struct ka_node *base, *w = NULL, *key = NULL,
						    *bkey = NULL;
			size_t j;

			if (!f || !(base = in_file(f->doc.root, names, nnames,
						   skip, cands[c], &bkey)))
				continue;
			/* The longest tail of the block's path below base. */
			for (j = 0; j <= path.n; j++)
				if ((w = lookup(base, path.s + j, path.n - j,
						&key)))
					break;
			if (!w)
				continue;
			if (j == path.n) {
				/* The whole value: a scalar only where the
				 * template line writes its key. */
				bool scalar = ka_node_is_scalar(w);

				if ((scalar &&
				     !writes(text, len, tline,
					     path.n ? &path.s[path.n - 1]
						    : NULL)) ||
				    (!scalar && !ka_node_deref(w)->u.c.n))
					continue;
				key = bkey;
			}
			if (!same(w, node, 0)) {
				if (!ka_node_is_map(w))
					break; /* a later file lost to this */
				continue;
			}
			if (!key)
				key = ka_node_deref(w);
			hit->path = f->path;
			hit->line = key->line;
			hit->col = key->col;
			hit->end_col = key->end_line == key->line
					   ? key->end_col
					   : key->col + 1;
			found = true;
		}
	}
	for (size_t c = 0; c < ncands; c++)
		free(cands[c]);
	return found;
}
