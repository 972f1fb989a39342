/*
 * run-as-group-zero: group 0 (root) owns many files of an image and of
 * mounted volumes; a process with GID 0 reads and often writes them even
 * as a non-root user. Reports runAsGroup: 0 (pod or container), fsGroup: 0
 * and a 0 in supplementalGroups. Not a PSA rule. Known false positives:
 * images built for OpenShift's arbitrary UIDs expect GID 0 (waive them).
 */
#include <stdio.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_run_as_group_zero;

static void group(struct ka_ctx *ctx, const struct ka_container *c,
		  const struct ka_node *sc, const char *key, const char *what)
{
	const struct ka_node *n;
	int64_t gid;
	char field[64];

	if (!ka_get_int(sc, key, &gid, &n) || gid != 0)
		return;
	snprintf(field, sizeof(field), "securityContext.%s", key);
	ka_report(ctx, &ka_check_run_as_group_zero, c, n, field,
		  "%s%s is root's group (0); set a non-zero %s",
		  c ? "" : "pod ", what, key);
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *sup = ka_map_get(pod->sc, "supplementalGroups");

	group(ctx, NULL, pod->sc, "runAsGroup", "runAsGroup");
	group(ctx, NULL, pod->sc, "fsGroup", "fsGroup");
	for (size_t i = 0; i < ka_seq_len(sup); i++) {
		const struct ka_node *n = ka_seq_at(sup, i);
		int64_t gid;
		char field[64];

		if (!ka_node_int(n, &gid) || gid != 0)
			continue;
		snprintf(field, sizeof(field),
			 "securityContext.supplementalGroups[%zu]", i);
		ka_report(ctx, &ka_check_run_as_group_zero, NULL, n, field,
			  "pod adds root's group (0) to supplementalGroups; "
			  "remove it");
	}
	for (size_t i = 0; i < pod->ncontainers; i++)
		group(ctx, &pod->containers[i], pod->containers[i].sc,
		      "runAsGroup", "runAsGroup");
}

static const struct ka_field fields[] = {
    {"securityContext.runAsGroup", KA_F_INT, true},
    {"securityContext.fsGroup", KA_F_INT, true},
    {"securityContext.runAsGroup", KA_F_INT, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_run_as_group_zero = {
    .id = "run-as-group-zero",
    .title = "Process runs with root's group",
    .summary = "`runAsGroup: 0` (pod or container), `fsGroup: 0`, or 0 in "
	       "`supplementalGroups`",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.0",
    .risk = "Group 0 owns many files of an image and of mounted volumes: "
	    "a process in it reads, and often writes, files that only root "
	    "should, even with a non-root user.",
    .remediation = "Set runAsGroup and fsGroup to a non-zero group and "
		   "leave 0 out of supplementalGroups.",
    .rule = "runAsGroup: 0 in the pod's or a container's securityContext, "
	    "fsGroup: 0 in the pod's, or a 0 in the pod's supplementalGroups; "
	    "integers as the API reads them (0, 0x0, 00).",
    .false_positives =
	"Images built for OpenShift's arbitrary user IDs expect group 0 "
	"to own their files: waive them.",
    .failing = KA_EXAMPLE_POD "  securityContext:\n    runAsGroup: 0\n",
    .example = "securityContext:\n  runAsGroup: 10001\n  fsGroup: 10001\n",
    .compliance = "NSA/CISA: non-root containers",
    .fields = fields,
    .run = run,
};
