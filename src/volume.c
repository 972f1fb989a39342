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

struct ka_volume_entry {
	const char *name;
	size_t index;
	const struct ka_node *node;
};

static int by_name(const void *x, const void *y)
{
	const struct ka_volume_entry *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->index > b->index) - (a->index < b->index);
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
			x->v[x->n++] = (struct ka_volume_entry){name, i, v};
	}
	qsort(x->v, x->n, sizeof(*x->v), by_name);
}

const struct ka_node *ka_volumes_find(struct ka_volumes *x,
				      const struct ka_pod *pod,
				      const char *name)
{
	size_t lo = 0, hi;

	if (!x->built)
		build(x, pod);
	if (!x->v)
		return ka_pod_volume(pod, name);
	hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(x->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && strcmp(x->v[lo].name, name) == 0 ? x->v[lo].node
							     : NULL;
}

void ka_volumes_free(struct ka_volumes *x)
{
	free(x->v);
	*x = (struct ka_volumes){0};
}
