#include "kaudit/workload.h"

#include "kaudit/document.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Where containers are: a list, or one container (Argo's `container`). */
struct list {
	const char *key;  /* its key in the holder mapping */
	const char *name; /* its path from the pod spec, for findings */
	bool single;
};

static const struct list pod_lists[] = {
    {"initContainers", "initContainers", false},
    {"containers", "containers", false},
    {"ephemeralContainers", "ephemeralContainers", false},
    {NULL, NULL, false}};

static void add_container(struct ka_pod *pod, const struct ka_node *c,
			  const struct list *l, size_t i)
{
	struct ka_container *ct;
	const char *name;

	if (!ka_node_is_map(c))
		return; /* reported as invalid-value */
	ct = &pod->containers[pod->ncontainers++];
	name = ka_get_str(c, "name", NULL);
	ct->name = name ? name : l->single ? "main" : ""; /* Argo: "main" */
	ct->list = l->name;
	ct->single = l->single;
	ct->index = i;
	ct->node = c;
	ct->sc_key = NULL;
	ct->sc = ka_map_get_key(c, "securityContext", &ct->sc_key);
	if (!ka_node_is_map(ct->sc))
		ct->sc = NULL; /* a null or mistyped one: unset */
}

/* The pod's own fields from pod->spec, its containers from holder. */
static int fill_pod_from(struct ka_arena *a, struct ka_pod *pod,
			 const struct ka_node *holder, const struct list *lists)
{
	size_t total = 0;
	const char *os;

	pod->sc = ka_map_get(pod->spec, "securityContext");
	if (!ka_node_is_map(pod->sc))
		pod->sc = NULL;
	os = ka_get_str(ka_map_get(pod->spec, "os"), "name", NULL);
	pod->windows = os && strcmp(os, "windows") == 0;
	for (const struct list *l = lists; l->name; l++)
		total +=
		    l->single ? 1 : ka_seq_len(ka_map_get(holder, l->name));
	pod->containers =
	    total ? ka_arena_alloc(a, total * sizeof(struct ka_container))
		  : NULL;
	if (total && !pod->containers)
		return -1;
	pod->ncontainers = 0;
	for (const struct list *l = lists; l->key; l++) {
		const struct ka_node *seq = ka_map_get(holder, l->key);

		if (l->single)
			add_container(pod, seq, l, 0);
		for (size_t i = 0; !l->single && i < ka_seq_len(seq); i++)
			add_container(pod, ka_seq_at(seq, i), l, i);
	}
	return 0;
}

static int fill_pod(struct ka_arena *a, struct ka_pod *pod)
{
	return fill_pod_from(a, pod, pod->spec, pod_lists);
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

struct pods {
	struct ka_arena *a;
	int (*fn)(void *ud, const struct ka_pod *pod);
	void *ud;
	int rc; /* fn's result */
};

/*
 * The pod whose spec is the mapping spec, in the object o; tmpl is the
 * pod template holding spec (its metadata is the pod's), or the object.
 */
static void start_pod(struct ka_pod *pod, const struct ka_object *o,
		      const char *kind, const char *prefix,
		      const struct ka_node *tmpl)
{
	const struct ka_node *meta;

	memset(pod, 0, sizeof(*pod));
	pod->kind = kind;
	pod->prefix = prefix;
	pod->object = o->node;
	identify(pod, o->node);
	if (tmpl && tmpl != o->node) {
		meta =
		    ka_map_get_key(tmpl, "metadata", &pod->template_meta_key);
		pod->template_meta = ka_node_is_map(meta) ? meta : NULL;
	}
	pod->pod_meta = tmpl == o->node ? pod->meta : pod->template_meta;
}

/* The known kinds: their exact paths. 1 when o is one of them. */
static int known_kind(struct ka_arena *a, const struct ka_object *o,
		      const char *prefix, struct pods *p)
{
	const struct ka_node *tmpl = o->node;
	struct ka_pod pod;
	size_t i = 0;

	while (i < sizeof(kinds) / sizeof(kinds[0]) &&
	       (strcmp(kinds[i].kind, o->kind) != 0 ||
		!in_group(kinds[i].group, o->api_version)))
		i++;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return 0;
	for (size_t j = 0; kinds[i].path[j]; j++)
		tmpl = ka_map_get(tmpl, kinds[i].path[j]);
	start_pod(&pod, o, kinds[i].kind, prefix, tmpl);
	pod.spec = ka_map_get_key(tmpl, "spec", &pod.spec_key);
	pod.spec_path = kinds[i].spec_path;
	if (!ka_node_is_map(pod.spec))
		return 1; /* nothing to audit */
	pod.spec = ka_node_deref(pod.spec);
	if (fill_pod(a, &pod) < 0)
		return -1;
	p->rc = p->fn(p->ud, &pod);
	return 1;
}

/*
 * Argo Workflows: each template that runs a container is a pod; the
 * workflow's spec holds the pod-level fields (a template's own
 * securityContext wins).
 */
static int argo_pods(struct pods *p, const struct ka_object *o,
		     const char *prefix, const char *wpath)
{
	static const char *const names[] = {"initContainers", "container",
					    "script", "sidecars"};
	const struct ka_node *wspec = ka_map_get(o->node, "spec");
	const struct ka_node *tmpls;

	if (strcmp(wpath, "spec") != 0)
		wspec = ka_map_get(wspec, "workflowSpec");
	tmpls = ka_map_get(wspec, "templates");
	for (size_t i = 0; i < ka_seq_len(tmpls) && p->rc == 0; i++) {
		const struct ka_node *t = ka_seq_at(tmpls, i), *sc;
		struct list *l = ka_arena_alloc(p->a, 5 * sizeof(*l));
		struct ka_pod pod;

		if (!l)
			return -1;
		for (size_t k = 0; k < 4; k++) {
			char buf[64];
			int n = snprintf(buf, sizeof(buf), "templates[%zu].%s",
					 i, names[k]);

			l[k].key = names[k];
			l[k].name = ka_arena_strndup(p->a, buf, (size_t)n);
			l[k].single = k == 1 || k == 2;
			if (!l[k].name)
				return -1;
		}
		l[4] = (struct list){NULL, NULL, false};
		if (!ka_node_is_map(t) || !ka_node_is_map(wspec))
			continue;
		start_pod(&pod, o, o->kind, prefix, t);
		pod.spec = ka_node_deref(wspec);
		pod.spec_path = wpath;
		if (fill_pod_from(p->a, &pod, t, l) < 0)
			return -1;
		sc = ka_map_get(t, "securityContext");
		if (ka_node_is_map(sc))
			pod.sc = sc;
		if (pod.ncontainers)
			p->rc = p->fn(p->ud, &pod);
	}
	return 1;
}

/* A pod spec by its shape: containers, a list with a mapping that has an
 * image. */
static bool pod_shaped(const struct ka_node *m)
{
	const struct ka_node *seq = ka_map_get(m, "containers");

	for (size_t i = 0; i < ka_seq_len(seq); i++)
		if (ka_map_get(ka_seq_at(seq, i), "image"))
			return true;
	return false;
}

struct search {
	struct pods *p;
	const struct ka_object *o;
	const char *prefix;
	size_t budget; /* nodes still to visit: a bound on alias expansion */
	char path[512];
	size_t len;
	const struct ka_node **keys; /* a mapping's effective pairs */
	size_t nkeys, cap;
	bool oom;
};

static void collect(void *ud, const struct ka_node *key,
		    const struct ka_node *value)
{
	struct search *s = ud;

	if (s->nkeys + 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		const struct ka_node **k =
		    ka_arena_alloc(s->p->a, cap * sizeof(*k));

		if (!k) {
			s->oom = true;
			return;
		}
		if (s->nkeys)
			memcpy(k, s->keys, s->nkeys * sizeof(*k));
		s->keys = k;
		s->cap = cap;
	}
	s->keys[s->nkeys++] = key;
	s->keys[s->nkeys++] = value;
}

static int by_position(const void *x, const void *y)
{
	const struct ka_node *a = *(const struct ka_node *const *)x;
	const struct ka_node *b = *(const struct ka_node *const *)y;

	return a->line != b->line ? (a->line > b->line) - (a->line < b->line)
				  : (a->col > b->col) - (a->col < b->col);
}

static void search(struct search *s, const struct ka_node *n,
		   const struct ka_node *parent);

/* Search each value of mapping n, in document order, with its path. */
static void search_map(struct search *s, const struct ka_node *n)
{
	size_t first = s->nkeys, len = s->len, count;
	const struct ka_node **pairs;

	ka_map_foreach(n, collect, s);
	count = (s->nkeys - first) / 2;
	if (count == 0)
		return;
	pairs = s->keys + first;
	qsort(pairs, count, 2 * sizeof(*pairs), by_position);
	for (size_t i = 0; i < count && !s->oom && s->p->rc == 0; i++) {
		const char *k = s->keys[first + 2 * i]->u.s.key;

		s->len = len;
		s->len += (size_t)snprintf(s->path + len, sizeof(s->path) - len,
					   ".%s", k);
		if (s->len >= sizeof(s->path))
			s->len = sizeof(s->path) - 1;
		search(s, s->keys[first + 2 * i + 1], n);
	}
	s->len = len;
	s->path[len] = '\0';
	s->nkeys = first;
}

static void search(struct search *s, const struct ka_node *n,
		   const struct ka_node *parent)
{
	struct ka_pod pod;
	size_t len = s->len;

	n = ka_node_deref(n);
	if (!n || n->kind == KA_NODE_SCALAR || s->budget == 0)
		return;
	s->budget--;
	if (n->kind == KA_NODE_SEQUENCE) {
		for (size_t i = 0; i < ka_seq_len(n) && s->p->rc == 0; i++) {
			s->len = len + (size_t)snprintf(s->path + len,
							sizeof(s->path) - len,
							"[%zu]", i);
			if (s->len >= sizeof(s->path))
				s->len = sizeof(s->path) - 1;
			search(s, ka_seq_at(n, i), n);
		}
		s->len = len;
		s->path[len] = '\0';
		return;
	}
	if (!pod_shaped(n)) {
		search_map(s, n);
		return;
	}
	/* A pod template is the mapping whose spec this is. */
	start_pod(&pod, s->o, s->o->kind, s->prefix,
		  parent && ka_map_get(parent, "spec") == n ? parent : NULL);
	pod.spec = n;
	if (parent && ka_map_get(parent, "spec") == n)
		ka_map_get_key(parent, "spec", &pod.spec_key);
	pod.spec_path = ka_arena_strndup(s->p->a, s->path + 1, s->len - 1);
	if (!pod.spec_path || fill_pod(s->p->a, &pod) < 0) {
		s->oom = true;
		return;
	}
	s->p->rc = s->p->fn(s->p->ud, &pod);
}

/* True for API groups that are Kubernetes' own (no custom resources). */
static bool builtin_group(const char *api_version)
{
	const char *slash = api_version ? strchr(api_version, '/') : NULL;
	size_t n;

	if (!slash)
		return true; /* "v1": the core group */
	n = (size_t)(slash - api_version);
	return !memchr(api_version, '.', n) ||
	       (n >= 7 && memcmp(slash - 7, ".k8s.io", 7) == 0);
}

/*
 * Custom resources: Argo's workflows by kind, any other by the shape of
 * a pod spec anywhere under spec (README "Custom resources").
 */
static int crd_pods(struct pods *p, const struct ka_object *o,
		    const char *prefix)
{
	struct search s = {p, o, prefix, (size_t)1 << 24, "spec", 4, NULL,
			   0, 0, false};
	const struct ka_node *spec = ka_map_get(o->node, "spec");

	if (in_group("argoproj.io", o->api_version) &&
	    (strcmp(o->kind, "Workflow") == 0 ||
	     strcmp(o->kind, "WorkflowTemplate") == 0 ||
	     strcmp(o->kind, "ClusterWorkflowTemplate") == 0))
		return argo_pods(p, o, prefix, "spec");
	if (in_group("argoproj.io", o->api_version) &&
	    strcmp(o->kind, "CronWorkflow") == 0)
		return argo_pods(p, o, prefix, "spec.workflowSpec");
	if (builtin_group(o->api_version) || !ka_node_is_map(spec))
		return 0;
	search(&s, spec, o->node);
	return s.oom ? -1 : 1;
}

static int pods_of(void *ud, const struct ka_object *o)
{
	struct pods *p = ud;
	char buf[32];
	const char *prefix = "";
	int r;

	if (!o->kind)
		return 0;
	if (o->item >= 0) {
		snprintf(buf, sizeof(buf), "items[%ld].", o->item);
		prefix = ka_arena_strndup(p->a, buf, strlen(buf));
		if (!prefix)
			return -1;
	}
	p->rc = 0;
	r = known_kind(p->a, o, prefix, p);
	if (r == 0)
		r = crd_pods(p, o, prefix);
	if (r >= 0 && p->rc == 0) {
		struct ka_pod whole;

		start_pod(&whole, o, o->kind, prefix, o->node);
		whole.whole_object = true;
		whole.spec = o->node;
		whole.spec_path = "";
		p->rc = p->fn(p->ud, &whole);
	}
	return r < 0 ? -1 : p->rc;
}

int ka_workload_each(struct ka_arena *arena, const struct ka_node *root,
		     int (*fn)(void *ud, const struct ka_pod *pod), void *ud,
		     struct ka_error *err)
{
	struct pods p = {arena, fn, ud, 0};

	return ka_document_objects(arena, root, pods_of, &p, err);
}

int ka_workload_object(struct ka_arena *arena, const struct ka_object *o,
		       int (*fn)(void *ud, const struct ka_pod *pod), void *ud)
{
	struct pods p = {arena, fn, ud, 0};

	return pods_of(&p, o);
}
