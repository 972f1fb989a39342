/*
 * The check registry. Checks read struct ka_pod and its nodes, keep no
 * state, do no I/O and report through ka_report() (kaudit/findings.h).
 */
#ifndef KAUDIT_CHECK_H
#define KAUDIT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/image.h"
#include "kaudit/node.h"
#include "kaudit/workload.h"

enum ka_level {
	KA_LEVEL_NOTE,
	KA_LEVEL_WARNING,
	KA_LEVEL_ERROR,
};

struct ka_ctx;

/* A parameter a check reads from .kaudit.yaml: a list of strings. */
struct ka_param {
	const char *key;  /* the top-level key, unique across checks */
	const char *help; /* one line for the docs */
	bool enables;	  /* setting it turns the check on */
	bool paths;	  /* each value must be an absolute path */
	bool quantity;	  /* one value, a positive quantity (1Gi) */
};

/* The type the Kubernetes API decodes a field as. */
enum ka_ftype {
	KA_F_BOOL,
	KA_F_INT,
	KA_F_STR,
	KA_F_QUANTITY, /* a string or a number: "1Gi", 100 */
	KA_F_MAP,
	KA_F_SEQ_MAP, /* a list of mappings */
	KA_F_SEQ_STR, /* a list of strings */
};

/*
 * A field a check reads, so invalid-value can type-check it first: a
 * dotted path from the container (or, with .pod, from the pod spec); a
 * segment written "name[]" is a list of mappings. The segments before
 * the last are mappings (or lists of them).
 */
struct ka_field {
	const char *path; /* "securityContext.capabilities.add" */
	enum ka_ftype type;
	bool pod;
};

struct ka_check {
	const char *id;	     /* stable kebab-case id */
	const char *title;   /* one line */
	const char *summary; /* when it reports, one line of Markdown */
	enum ka_level level;
	const char *security_severity; /* "0.0".."10.0", for SARIF */
	const char *risk;	       /* why it matters, a paragraph */
	const char *remediation;       /* what to change */
	/* kaudit's own checks: exactly when it reports, and the known false
	 * positives (a PSS check's rule is the PSA check's). */
	const char *rule, *false_positives;
	const char *failing; /* a whole manifest it reports (tested) */
	const char *example; /* a fixed YAML snippet */
	const char *psa;     /* the PSA check it mirrors, or NULL */
	/* The controls it decides: "CIS 5.2.6; NSA/CISA: ...", or NULL. */
	const char *compliance;
	const char *pss; /* its Pod Security Standards level, or NULL */
	int pss_since;	 /* the first policy version (minor) it runs in */
	/* The restricted level replaces this baseline check from a version: */
	bool replaced;
	int replaced_since;
	/* Its PSA name under the restricted level from a version, if other: */
	const char *psa_restricted;
	int psa_restricted_since;
	bool input; /* an input problem: always on */
	/* No profile runs it: only --enable, --add or .kaudit.yaml. */
	bool opt_in;
	/* Its messages name their own subject ("image 'x' ..."): no
	 * "container 'name' " before them. */
	bool own_subject;
	/* Its .kaudit.yaml parameters (lists of strings), NULL-terminated: */
	const struct ka_param *params;
	/* The fields it reads, NULL-path terminated: */
	const struct ka_field *fields;
	/* The pod, or each container of it (ctx->pod is the pod): */
	void (*run)(struct ka_ctx *ctx, const struct ka_pod *pod);
	void (*run_container)(struct ka_ctx *ctx, const struct ka_container *c);
	/* Every object as a whole (RBAC, namespaces): ctx->pod->object. */
	void (*run_object)(struct ka_ctx *ctx, const struct ka_pod *obj);
};

/*
 * The start of most failing examples: a Pod with one container, app,
 * running nginx; a check's example adds the lines that make it fail.
 */
#define KA_EXAMPLE_POD                                                         \
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n"           \
	"  containers:\n    - name: app\n      image: nginx\n"

/* The registry, generated from checks/meson.build, sorted by id. */
extern const struct ka_check *const ka_registry[];
extern const size_t ka_registry_len;

/* The check with this id, or NULL. */
const struct ka_check *ka_registry_find(const char *id);

/* Index of a check in ka_registry. */
size_t ka_registry_index(const struct ka_check *check);

/* Input problems reported by the pipeline itself. */
extern const struct ka_check ka_check_yaml_syntax;
extern const struct ka_check ka_check_duplicate_key;
extern const struct ka_check ka_check_invalid_value;

/* Level names: "error", "warning", "note". */
const char *ka_level_name(enum ka_level level);

/*
 * A level by name, for --fail-on and .kaudit.yaml: the level, -1 for
 * "never", -2 for anything else.
 */
int ka_level_parse(const char *s);

#endif

#ifndef KAUDIT_CHECK_HELPERS
#define KAUDIT_CHECK_HELPERS
/*
 * Where a finding about a missing container field sits: the container's
 * securityContext key when there is one, else the container's first line.
 */
static inline const struct ka_node *
ka_container_where(const struct ka_container *c)
{
	return c->sc_key ? c->sc_key : c->node;
}

/* Where a finding about a missing pod-level field sits: the pod spec's
 * `spec:` key, else where the spec starts. */
static inline const struct ka_node *ka_pod_where(const struct ka_pod *pod)
{
	return pod->spec_key ? pod->spec_key : pod->spec;
}

/*
 * The container's image reference, parsed into img, and its node in *n;
 * NULL when it has none or it cannot be parsed (nothing to judge).
 */
static inline const char *ka_container_image(const struct ka_container *c,
					     struct ka_image *img,
					     const struct ka_node **n)
{
	const char *ref = ka_get_str(c->node, "image", n);

	return ref && ka_image_parse(ref, img) == 0 ? ref : NULL;
}
#endif
