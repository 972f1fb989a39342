#include "kaudit/workload.h"

#include "kaudit/document.h"

#include <stdio.h>
#include <string.h>

#include "kaudit/scalar.h"

/*
 * Where each kind keeps its pod template (as PSA reads them). A row with
 * a group is a custom resource: it matches only objects of that API
 * group (a Knative Service is not a core Service).
 */
static const struct {
	const char *kind;
	const char *group;   /* API group, or NULL for the built-in kinds */
	const char *path[5]; /* keys from the object to the template */
	const char *spec_path;
} kinds[] = {
    {"Pod", NULL, {NULL}, "spec"},
    {"PodTemplate", NULL, {"template", NULL}, "template.spec"},
    {"Deployment", NULL, {"spec", "template", NULL}, "spec.template.spec"},
    {"StatefulSet", NULL, {"spec", "template", NULL}, "spec.template.spec"},
    {"DaemonSet", NULL, {"spec", "template", NULL}, "spec.template.spec"},
    {"ReplicaSet", NULL, {"spec", "template", NULL}, "spec.template.spec"},
    {"ReplicationController",
     NULL,
     {"spec", "template", NULL},
     "spec.template.spec"},
    {"Job", NULL, {"spec", "template", NULL}, "spec.template.spec"},
    {"CronJob",
     NULL,
     {"spec", "jobTemplate", "spec", "template", NULL},
     "spec.jobTemplate.spec.template.spec"},
    {"Rollout", NULL, {"spec", "template", NULL}, "spec.template.spec"},
    {"DeploymentConfig",
     NULL,
     {"spec", "template", NULL},
     "spec.template.spec"},
    /* Knative Serving, KEDA, OpenKruise (whose Advanced StatefulSet and
     * DaemonSet have the built-in kinds' names and paths). */
    {"Service",
     "serving.knative.dev",
     {"spec", "template", NULL},
     "spec.template.spec"},
    {"ScaledJob",
     "keda.sh",
     {"spec", "jobTargetRef", "template", NULL},
     "spec.jobTargetRef.template.spec"},
    {"CloneSet",
     "apps.kruise.io",
     {"spec", "template", NULL},
     "spec.template.spec"},
};

/* True when the row's group (if any) is apiVersion's group. */
static bool in_group(const char *group, const char *api_version)
{
	size_t n;

	if (!group)
		return true;
	n = strlen(group);
	return api_version && strncmp(api_version, group, n) == 0 &&
	       api_version[n] == '/';
}

bool ka_workload_kind_known(const char *kind)
{
	if (!kind)
		return false;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!kinds[i].group && strcmp(kinds[i].kind, kind) == 0)
			return true;
	return false;
}

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

static const char *const lists[] = {"initContainers", "containers",
				    "ephemeralContainers"};

static int fill_pod(struct ka_arena *a, struct ka_pod *pod)
{
	size_t total = 0, k = 0;
	const char *os;

	pod->sc = ka_map_get(pod->spec, "securityContext");
	if (!ka_node_is_map(pod->sc))
		pod->sc = NULL;
	os = ka_get_str(ka_map_get(pod->spec, "os"), "name", NULL);
	pod->windows = os && strcmp(os, "windows") == 0;
	for (size_t l = 0; l < 3; l++)
		total += ka_seq_len(ka_map_get(pod->spec, lists[l]));
	pod->containers =
	    total ? ka_arena_alloc(a, total * sizeof(struct ka_container))
		  : NULL;
	if (total && !pod->containers)
		return -1;
	for (size_t l = 0; l < 3; l++) {
		const struct ka_node *seq = ka_map_get(pod->spec, lists[l]);

		for (size_t i = 0; i < ka_seq_len(seq); i++) {
			const struct ka_node *c = ka_seq_at(seq, i);
			struct ka_container *ct;
			const char *name;

			if (!ka_node_is_map(c))
				continue; /* reported as invalid-value */
			ct = &pod->containers[k++];
			name = ka_get_str(c, "name", NULL);
			ct->name = name ? name : "";
			ct->list = lists[l];
			ct->index = i;
			ct->node = c;
			ct->sc_key = NULL;
			ct->sc =
			    ka_map_get_key(c, "securityContext", &ct->sc_key);
			if (!ka_node_is_map(ct->sc))
				ct->sc =
				    NULL; /* a null or mistyped one: unset */
		}
	}
	pod->ncontainers = k;
	return 0;
}

/* The object's metadata: name (or generateName) and namespace. */
static void identify(struct ka_pod *pod, const struct ka_node *obj)
{
	const struct ka_node *meta =
	    ka_map_get_key(obj, "metadata", &pod->meta_key);
	const char *s;

	pod->meta = ka_node_is_map(meta) ? meta : NULL;
	s = ka_get_str(meta, "name", NULL);
	if (!s)
		s = ka_get_str(meta, "generateName", NULL);
	pod->name = s ? s : "";
	s = ka_get_str(meta, "namespace", NULL);
	pod->ns = s ? s : "";
}

/* One object that is not a list: its pod spec, when its kind has one. */
static int object(struct ka_arena *a, const struct ka_object *o,
		  const char *prefix,
		  int (*fn)(void *ud, const struct ka_pod *pod), void *ud)
{
	const struct ka_node *meta, *tmpl, *obj = o->node;
	const char *kind = o->kind;
	struct ka_pod pod;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kinds[i].kind, kind) != 0 ||
		    !in_group(kinds[i].group, o->api_version))
			continue;
		memset(&pod, 0, sizeof(pod));
		pod.kind = kinds[i].kind;
		pod.prefix = prefix;
		pod.object = obj;
		identify(&pod, obj);
		tmpl = obj;
		for (size_t j = 0; kinds[i].path[j]; j++)
			tmpl = ka_map_get(tmpl, kinds[i].path[j]);
		if (tmpl != obj) {
			meta = ka_map_get_key(tmpl, "metadata",
					      &pod.template_meta_key);
			pod.template_meta = ka_node_is_map(meta) ? meta : NULL;
		}
		pod.pod_meta = tmpl == obj ? pod.meta : pod.template_meta;
		pod.spec = ka_map_get(tmpl, "spec");
		pod.spec_path = kinds[i].spec_path;
		if (!ka_node_is_map(pod.spec))
			return 0; /* nothing to audit */
		pod.spec = ka_node_deref(pod.spec);
		if (fill_pod(a, &pod) < 0)
			return -1;
		return fn(ud, &pod);
	}
	return 0;
}

struct pods {
	struct ka_arena *a;
	int (*fn)(void *ud, const struct ka_pod *pod);
	void *ud;
};

static int pods_of(void *ud, const struct ka_object *o)
{
	struct pods *p = ud;
	char buf[32];
	const char *prefix = "";

	if (!o->kind)
		return 0;
	if (o->item >= 0) {
		snprintf(buf, sizeof(buf), "items[%ld].", o->item);
		prefix = ka_arena_strndup(p->a, buf, strlen(buf));
		if (!prefix)
			return -1;
	}
	return object(p->a, o, prefix, p->fn, p->ud);
}

int ka_workload_each(struct ka_arena *arena, const struct ka_node *root,
		     int (*fn)(void *ud, const struct ka_pod *pod), void *ud,
		     struct ka_error *err)
{
	struct pods p = {arena, fn, ud};

	return ka_document_objects(arena, root, pods_of, &p, err);
}
