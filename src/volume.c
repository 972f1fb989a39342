/* Pod volumes as the API server decodes them: see workload.h. */
#include <stdlib.h>
#include <string.h>

#include "kaudit/scalar.h"
#include "kaudit/workload.h"

struct source {
	const struct ka_node *key, *value;
};

static void first_source(void *ud, const struct ka_node *key,
			 const struct ka_node *value)
{
	struct source *s = ud;
	struct ka_value v;

	if (strcmp(key->u.s.key, "name") == 0)
		return;
	ka_node_value(value, &v);
	if (v.type == KA_TYPE_NULL)
		return; /* decoded as unset */
	/* Keep the earliest in the document: deterministic. */
	if (!s->key || key->line < s->key->line ||
	    (key->line == s->key->line && key->col < s->key->col)) {
		s->key = key;
		s->value = value;
	}
}

const char *ka_volume_source(const struct ka_node *vol,
			     const struct ka_node **key,
			     const struct ka_node **value)
{
	struct source s = {NULL, NULL};

	ka_map_foreach(vol, first_source, &s);
	if (key)
		*key = s.key;
	if (value)
		*value = s.value;
	return s.key ? s.key->u.s.key : "emptyDir";
}

const struct ka_node *ka_pod_volume(const struct ka_pod *pod, const char *name)
{
	const struct ka_node *vols = ka_map_get(pod->spec, "volumes");
	const struct ka_node *found = NULL;

	for (size_t i = 0; i < ka_seq_len(vols); i++) {
		const struct ka_node *v = ka_seq_at(vols, i);
		const char *n = ka_get_str(v, "name", NULL);

		/* Duplicate names are invalid; the API keeps the first. */
		if (n && strcmp(n, name) == 0 && !found)
			found = v;
	}
	return found;
}

static int by_name(const void *x, const void *y)
{
	const struct ka_named *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	if (c)
		return c;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

const struct ka_named *ka_named_first(const struct ka_named *v, size_t n,
				      const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].name, name) == 0 ? &v[lo] : NULL;
}

struct ka_named *ka_pod_writable_mounts(const struct ka_pod *pod, size_t *n)
{
	size_t cap = 0, k = 0;
	struct ka_named *v;

	for (size_t i = 0; i < pod->ncontainers; i++)
		cap += ka_seq_len(
		    ka_map_get(pod->containers[i].node, "volumeMounts"));
	if (!(v = malloc((cap ? cap : 1) * sizeof(*v))))
		return NULL;
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_node *mounts =
		    ka_map_get(pod->containers[i].node, "volumeMounts");

		for (size_t j = 0; j < ka_seq_len(mounts) && k < cap; j++) {
			const struct ka_node *m = ka_seq_at(mounts, j);
			const char *mn = ka_get_str(m, "name", NULL);
			bool ro;

			if (!mn ||
			    (ka_get_bool(m, "readOnly", &ro, NULL) && ro))
				continue;
			v[k++] = (struct ka_named){mn, i, j, m};
		}
	}
	qsort(v, k, sizeof(*v), by_name);
	*n = k;
	return v;
}

static void build(struct ka_volumes *x, const struct ka_pod *pod)
{
	const struct ka_node *vols = ka_map_get(pod->spec, "volumes");
	size_t n = ka_seq_len(vols);

	x->built = true;
	if (!n || !(x->v = malloc(n * sizeof(*x->v))))
		return;
	for (size_t i = 0; i < n; i++) {
		const struct ka_node *v = ka_seq_at(vols, i);
		const char *name = ka_get_str(v, "name", NULL);

		if (name)
			x->v[x->n++] = (struct ka_named){name, i, 0, v};
	}
	qsort(x->v, x->n, sizeof(*x->v), by_name);
}

const struct ka_node *ka_volumes_find(struct ka_volumes *x,
				      const struct ka_pod *pod,
				      const char *name)
{
	const struct ka_named *e;

	if (!x->built)
		build(x, pod);
	if (!x->v)
		return ka_pod_volume(pod, name);
	e = ka_named_first(x->v, x->n, name);
	return e ? e->node : NULL;
}

void ka_volumes_free(struct ka_volumes *x)
{
	free(x->v);
	*x = (struct ka_volumes){0};
}
