/*
 * share-process-namespace: with shareProcessNamespace: true every
 * container of the pod sees the others' processes, their environment
 * (secrets in env included) and their filesystems through /proc/<pid>/root,
 * and can signal them. Not a PSA rule. Known false positives: debugging
 * sidecars and process supervisors that need it; waive those.
 */
#include "kaudit/findings.h"

const struct ka_check ka_check_share_process_namespace;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *n;
	bool v;

	if (ka_get_bool(pod->spec, "shareProcessNamespace", &v, &n) && v)
		ka_report(ctx, &ka_check_share_process_namespace, NULL, n,
			  "shareProcessNamespace",
			  "pod shares one process namespace between its "
			  "containers; remove shareProcessNamespace: true");
}

static const struct ka_field fields[] = {
    {"shareProcessNamespace", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_share_process_namespace = {
    .id = "share-process-namespace",
    .title = "Containers share one process namespace",
    .summary = "the pod sets `shareProcessNamespace: true`",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.0",
    .risk = "Every container of the pod sees the other containers' "
	    "processes, their environment variables (secrets included) and "
	    "their files through /proc/<pid>/root, and can signal them: one "
	    "compromised sidecar reaches the main container.",
    .remediation = "Remove shareProcessNamespace, or set it false.",
    .rule = "The pod's shareProcessNamespace is true (YAML 1.1 spellings read "
	    "as the API reads them).",
    .false_positives =
	"Debugging sidecars and process supervisors need it: waive them.",
    .failing = KA_EXAMPLE_POD "  shareProcessNamespace: true\n",
    .example = "shareProcessNamespace: false\n",
    .compliance = "NSA/CISA: pod security (process isolation)",
    .fields = fields,
    .run = run,
};
