/*
 * The pod specs inside a Kubernetes object: bare Pods, pod templates of
 * every workload kind, and the items of a `kind: List`.
 */
#ifndef KAUDIT_WORKLOAD_H
#define KAUDIT_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kaudit/arena.h"
#include "kaudit/document.h"
#include "kaudit/error.h"
#include "kaudit/node.h"

struct ka_container {
	const char *name; /* "" when the name is missing */
	const char *list; /* "initContainers", "containers", ... */
	size_t index;	  /* position in that list */
	bool single;	  /* list names one container, not a list (Argo) */
	const struct ka_node *node;   /* the container mapping */
	const struct ka_node *sc;     /* its securityContext mapping, or NULL */
	const struct ka_node *sc_key; /* the securityContext key, or NULL */
};

struct ka_pod {
	const char *kind; /* the object's kind */
	const char *name; /* metadata.name (or generateName), or "" */
	const char *ns;	  /* metadata.namespace, or "" */
	const struct ka_node *object; /* the whole object */
	const struct ka_node *meta;   /* the object's metadata, or NULL */
	const struct ka_node *template_meta; /* the pod template's, or NULL */
	const struct ka_node *pod_meta; /* the pod's own: the template's, or
					   the object's for a bare Pod */
	const struct ka_node *meta_key; /* `metadata:` keys, or NULL */
	const struct ka_node *template_meta_key;
	const struct ka_node *spec; /* the pod spec mapping */
	/* Its `spec:` key, or NULL (Argo: the workflow's spec is shared). */
	const struct ka_node *spec_key;
	const char *prefix;	  /* "" or the List items path: "items[2]." */
	const char *spec_path;	  /* "spec", "spec.template.spec", ... */
	const struct ka_node *sc; /* spec.securityContext mapping, or NULL */
	bool windows;		  /* spec.os.name is windows */
	/* Not a pod: a whole object (any kind), for the checks that judge
	 * objects (run_object); spec is the object, spec_path "". */
	bool whole_object;
	struct ka_container *containers; /* init, regular, ephemeral */
	size_t ncontainers;
};

/*
 * Call fn once for every pod spec in the object at root, and once more for
 * every object as a whole (whole_object). An object with
 * an `items` key is a list, whatever its kind, as kubectl reads it: each
 * item in order, an item without kind and apiVersion taking the list's
 * kind less "List" (a PodList holds Pods); a list inside a list, or items
 * that are not objects, make kubectl refuse the document
 * (KA_DOCUMENT_REFUSED, err set, fn not called). Pods and their
 * containers are allocated from arena. Returns 0, fn's first non-zero
 * result, -1 when memory runs out, or KA_DOCUMENT_REFUSED.
 */
int ka_workload_each(struct ka_arena *arena, const struct ka_node *root,
		     int (*fn)(void *ud, const struct ka_pod *pod), void *ud,
		     struct ka_error *err);

/* True for the kinds whose pod spec kaudit finds. */
bool ka_workload_kind_known(const char *kind);

/*
 * A volume's source as the API server decodes it: the key besides `name`
 * whose value is not null (null is unset; merges applied), returned by
 * name with its key and value nodes; with none, API defaulting makes it
 * an emptyDir ("emptyDir", *key and *value NULL). A volume with two
 * sources is refused by the API; the one written first is returned.
 */
const char *ka_volume_source(const struct ka_node *vol,
			     const struct ka_node **key,
			     const struct ka_node **value);

/* The volume of spec.volumes named name (the first, as the API keeps),
 * or NULL. */
const struct ka_node *ka_pod_volume(const struct ka_pod *pod, const char *name);

/*
 * A pod's parts by name, sorted by name, then a, then b: volumes (a: the
 * position), writable mounts (a: the container, b: the position), so that
 * a pod of thousands of volumes and mounts is searched, not scanned
 * volumes x mounts.
 */
struct ka_named {
	const char *name;
	size_t a, b;
	const struct ka_node *node;
};

/* The first entry of v[0..n) named name, or NULL (binary search). */
const struct ka_named *ka_named_first(const struct ka_named *v, size_t n,
				      const char *name);

/*
 * Every volumeMount of every container without readOnly: true, sorted
 * (free it); NULL when memory runs out.
 */
struct ka_named *ka_pod_writable_mounts(const struct ka_pod *pod, size_t *n);

/*
 * The volume lookups of one pod: the volumes sorted by name once
 * (on the first lookup), then a binary search each, so that a pod of
 * thousands of volumes and mounts is not volumes x mounts. Start zeroed;
 * free with ka_volumes_free. Without memory it falls back to
 * ka_pod_volume.
 */
struct ka_volumes {
	struct ka_named *v;
	size_t n;
	bool built;
};
const struct ka_node *ka_volumes_find(struct ka_volumes *x,
				      const struct ka_pod *pod,
				      const char *name);
void ka_volumes_free(struct ka_volumes *x);

/* The same for one object (a list's item read on its own). */
int ka_workload_object(struct ka_arena *arena, const struct ka_object *o,
		       int (*fn)(void *ud, const struct ka_pod *pod), void *ud);

#endif
