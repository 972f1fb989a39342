/*
 * Helm templates under --chart-root, each resolved and read once, never
 * outside the chart root: see helm.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kaudit/helm.h"
#include "kaudit/path.h"

/* Distinct templates kept; past this, sources are not used. */
#define MAX_TEMPLATES 10000

/* Why source cannot name a file under the root, or NULL. */
static const char *bad_source(const char *source)
{
	const char *p = source;

	if (!*source)
		return "an empty path";
	if (*source == '/')
		return "an absolute path";
	while (p) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
			return "a path with '..'";
		p = strchr(p, '/');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

/* Resolve and read t->source under root (resolved). */
static void load(struct ka_template *t, const char *root)
{
	char real[PATH_MAX];
	struct stat st;
	size_t n = strlen(root);

	if ((t->why = bad_source(t->source)))
		return;
	if (!realpath(t->path, real)) {
		t->why = errno == ENOENT ? "no such file" : "cannot resolve it";
		return;
	}
	if (strncmp(real, root, n) != 0 || real[n] != '/') {
		t->why = "it lies outside the chart root";
		return;
	}
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		t->why = "not a regular file";
		return;
	}
	if ((size_t)st.st_size > KA_TEMPLATE_MAX) {
		t->why = "larger than 16 MiB";
		return;
	}
	t->text = ka_path_read(real, &t->len);
	if (!t->text)
		t->why = "cannot read it";
	else if (ka_helm_index(&t->index, t->text, t->len) < 0)
		t->why = "out of memory";
}

struct ka_template *ka_templates_get(struct ka_templates *t, const char *root,
				     const char *source, bool *fresh)
{
	static struct ka_template too_many = {.why =
						  "more than 10,000 templates"};
	struct ka_template *e;
	size_t size;

	char real[PATH_MAX];

	*fresh = false;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].source, source) == 0 &&
		    strcmp(t->v[i].root, root) == 0)
			return &t->v[i];
	if (t->n == MAX_TEMPLATES)
		return &too_many;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct ka_template *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->v = v;
		t->cap = cap;
	}
	e = &t->v[t->n];
	memset(e, 0, sizeof(*e));
	size = strlen(root) + strlen(source) + 2;
	e->source = strdup(source);
	e->root = strdup(root);
	e->path = malloc(size);
	if (!e->source || !e->path || !e->root) {
		free(e->source);
		free(e->path);
		free(e->root);
		return NULL;
	}
	snprintf(e->path, size, "%s/%s", root, source);
	load(e, realpath(root, real) ? real : root);
	t->n++;
	*fresh = true;
	return e;
}

int ka_template_locate(struct ka_template *t, const char *kind,
		       const char *field, unsigned *line, unsigned *col,
		       unsigned *end_col)
{
	struct ka_template_hit *h;

	for (size_t i = 0; i < t->nhits; i++) {
		h = &t->hits[i];
		if (strcmp(h->kind, kind) == 0 && strcmp(h->field, field) == 0)
			goto found;
	}
	if (t->nhits == t->hcap) {
		size_t cap = t->hcap ? t->hcap * 2 : 8;
		struct ka_template_hit *v = realloc(t->hits, cap * sizeof(*v));

		if (!v)
			return -2;
		t->hits = v;
		t->hcap = cap;
	}
	h = &t->hits[t->nhits];
	h->kind = strdup(kind);
	h->field = strdup(field);
	if (!h->kind || !h->field) {
		free(h->kind);
		free(h->field);
		return -2;
	}
	h->found = ka_helm_locate_index(&t->index, kind, field, &h->line,
					&h->col, &h->end_col);
	t->nhits++;
found:
	*line = h->line;
	*col = h->col;
	*end_col = h->end_col;
	return h->found;
}

void ka_templates_free(struct ka_templates *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < t->v[i].nhits; k++) {
			free(t->v[i].hits[k].kind);
			free(t->v[i].hits[k].field);
		}
		free(t->v[i].hits);
		ka_helm_index_free(&t->v[i].index);
		free(t->v[i].source);
		free(t->v[i].root);
		free(t->v[i].path);
		free(t->v[i].text);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}
