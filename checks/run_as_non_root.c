/*
 * run-as-non-root: without runAsNonRoot: true the kubelet starts the
 * container as whatever user the image names, often root. Mirrors PSA
 * `runAsNonRoot` (restricted): an explicit false at pod level or on any
 * container fails; a container that leaves it unset is covered only by a
 * pod-level true. v1.35+: pods with `hostUsers: false` pass (user
 * namespaces map root to an unprivileged host user). Windows pods are
 * not exempt.
 */
#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_run_as_non_root;

/* A securityContext that names UID 0. */
static bool root_uid(const struct ka_node *sc)
{
	int64_t uid;

	return ka_get_int(sc, "runAsUser", &uid, NULL) && uid == 0;
}

/* The pod or a container names UID 0. */
static bool any_root(const struct ka_pod *pod)
{
	for (size_t i = 0; i < pod->ncontainers; i++)
		if (root_uid(pod->containers[i].sc))
			return true;
	return root_uid(pod->sc);
}

/*
 * The fix of a container that leaves runAsNonRoot unset: on the pod when
 * no container names UID 0 (one line covers them all: any_root is
 * any_root(pod), worked out once), else on the container, unless it
 * names UID 0 itself.
 */
static void fix_unset(struct ka_ctx *ctx, const struct ka_pod *pod,
		      const struct ka_container *c, bool root)
{
	if (!root)
		ka_report_fix(ctx, &ka_check_run_as_non_root, pod->spec,
			      "securityContext.runAsNonRoot", "true");
	else if (!root_uid(c->sc) && !root_uid(pod->sc))
		ka_report_fix(ctx, &ka_check_run_as_non_root, c->node,
			      "securityContext.runAsNonRoot", "true");
	else
		ka_report_nofix(ctx, &ka_check_run_as_non_root,
				"it names UID 0 (runAsUser: 0); give it "
				"a non-zero UID first");
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *pn, *n;
	bool pod_set, pod_val = false, v, host_users;
	int root = -1; /* any_root(pod), once needed */

	/* v1.35: user namespaces map root to an unprivileged host user. */
	if (ka_pss_version(ctx) >= KA_PSS_HOST_USERS &&
	    ka_get_bool(pod->spec, "hostUsers", &host_users, NULL) &&
	    !host_users)
		return;
	pod_set = ka_get_bool(pod->sc, "runAsNonRoot", &pod_val, &pn);
	if (pod_set && !pod_val) {
		ka_report(ctx, &ka_check_run_as_non_root, NULL, pn,
			  "securityContext.runAsNonRoot",
			  "pod allows root; set runAsNonRoot: true");
		ka_report_psa(ctx, "runAsNonRoot != true (pod must not set "
				   "securityContext.runAsNonRoot=false)");
		ka_report_fix(ctx, &ka_check_run_as_non_root, pod->spec,
			      "securityContext.runAsNonRoot", "true");
	}
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];

		if (ka_get_bool(c->sc, "runAsNonRoot", &v, &n)) {
			if (!v) {
				ka_report(
				    ctx, &ka_check_run_as_non_root, c, n,
				    "securityContext.runAsNonRoot",
				    "allows root; set runAsNonRoot: true");
				ka_report_psa(
				    ctx,
				    "runAsNonRoot != true (container \"%s\" "
				    "must not set "
				    "securityContext.runAsNonRoot=false)",
				    c->name);
				ka_report_fix(
				    ctx, &ka_check_run_as_non_root, c->node,
				    "securityContext.runAsNonRoot", "true");
			}
			continue;
		}
		if (pod_set && pod_val)
			continue;
		ka_report(ctx, &ka_check_run_as_non_root, c,
			  n ? n : ka_container_where(c),
			  "securityContext.runAsNonRoot",
			  "may run as root; set runAsNonRoot: true");
		ka_report_psa(ctx,
			      "runAsNonRoot != true (pod or container \"%s\" "
			      "must set securityContext.runAsNonRoot=true)",
			      c->name);
		if (root < 0)
			root = any_root(pod);
		fix_unset(ctx, pod, c, root);
	}
}

static const struct ka_field fields[] = {
    {"securityContext.runAsNonRoot", KA_F_BOOL, false},
    {"securityContext.runAsNonRoot", KA_F_BOOL, true},
    {"hostUsers", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_run_as_non_root = {
    .id = "run-as-non-root",
    .title = "Container may run as root",
    .summary =
	"`runAsNonRoot` is explicitly false at pod or container level, or a "
	"container leaves it unset and the pod does not set it true "
	"(`hostUsers: false` passes, as in PSA 1.35+)",
    .compliance = "CIS 5.2.7; NSA/CISA: non-root containers",
    .level = KA_LEVEL_WARNING,
    .security_severity = "7.0",
    .risk = "A container that runs as root (UID 0) is one kernel or "
	    "runtime bug away from root on the node, and can change any "
	    "file the image or its volumes hold.",
    .remediation = "Set securityContext.runAsNonRoot to true on the pod "
		   "(or on every container) and run the image as a "
		   "non-zero UID.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        runAsNonRoot: false\n",
    .example = "spec:\n  securityContext:\n    runAsNonRoot: true\n"
	       "    runAsUser: 10001\n",
    .psa = "runAsNonRoot",
    .pss = "restricted",
    .pss_since = 0,
    .fields = fields,
    .run = run,
};
