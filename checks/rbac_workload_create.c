/*
 * rbac-workload-create: whoever can create pods (or any workload that
 * makes them) can run any image with any service account of the
 * namespace, and so act as it; pods/exec, pods/attach and
 * pods/ephemeralcontainers reach into running pods. Reports `create` (or
 * `*`) on pods, deployments, replicasets, statefulsets, daemonsets, jobs,
 * cronjobs and replicationcontrollers, and any of create, get, update,
 * patch (or `*`) on those three subresources. CIS 5.1.4.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_workload_create;

static const char *const workloads[] = {
    "pods",	  "deployments", "replicasets", "statefulsets",
    "daemonsets", "jobs",	 "cronjobs",	"replicationcontrollers"};
static const char *const into[] = {"pods/exec", "pods/attach",
				   "pods/ephemeralcontainers"};

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	static const char *const create[] = {"create", NULL};
	static const char *const reach[] = {"create", "get", "update", "patch",
					    NULL};
	const struct ka_node *rules = ka_map_get(obj->object, "rules");

	if (!ka_rbac_is_role(obj->kind))
		return;
	for (size_t i = 0; i < ka_seq_len(rules); i++) {
		const struct ka_node *r = ka_seq_at(rules, i);
		const struct ka_node *verb;
		char field[64];

		snprintf(field, sizeof(field), "rules[%zu].resources", i);
		if ((verb = ka_rbac_granted(r, create, true)))
			for (size_t k = 0;
			     k < sizeof(workloads) / sizeof(*workloads); k++) {
				const struct ka_node *n = ka_rbac_member(
				    r, "resources", workloads[k]);

				if (n)
					ka_report(
					    ctx, &ka_check_rbac_workload_create,
					    NULL, n, field,
					    "role can create %s (%s); let "
					    "a controller create them",
					    workloads[k], ka_node_str(verb));
			}
		if ((verb = ka_rbac_granted(r, reach, true)))
			for (size_t k = 0; k < sizeof(into) / sizeof(*into);
			     k++) {
				const struct ka_node *n =
				    ka_rbac_member(r, "resources", into[k]);

				if (n)
					ka_report(
					    ctx, &ka_check_rbac_workload_create,
					    NULL, n, field,
					    "role can reach into running "
					    "pods (%s, %s); remove it",
					    into[k], ka_node_str(verb));
			}
	}
}

const struct ka_check ka_check_rbac_workload_create = {
    .id = "rbac-workload-create",
    .title = "RBAC rule creates pods or reaches into them",
    .summary = "a Role or ClusterRole rule grants `create` on pods or a "
	       "workload kind, or access to `pods/exec`, `pods/attach` or "
	       "`pods/ephemeralcontainers`",
    .level = KA_LEVEL_WARNING,
    .security_severity = "7.0",
    .risk = "Creating a pod runs any image as any service account of the "
	    "namespace, with that account's rights; exec, attach and "
	    "ephemeral containers run commands in pods already running.",
    .remediation = "Leave pod creation to controllers; grant exec and "
		   "attach to people through a break-glass role only.",
    .rule = "A Role or ClusterRole rule that grants create (or `*`) on pods, "
	    "deployments, replicasets, statefulsets, daemonsets, jobs, "
	    "cronjobs or replicationcontrollers in their API group, or "
	    "create, get, update or patch (or `*`) on pods/exec, pods/attach "
	    "or pods/ephemeralcontainers.",
    .false_positives =
	"Controllers that run workloads (CI runners, job schedulers, "
	"operators) need to create pods: waive them, and keep them in "
	"their own namespace.",
    .failing = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
	       "metadata: {name: deployer, namespace: shop}\nrules:\n"
	       "  - apiGroups: [\"\"]\n    resources: [pods, pods/exec]\n"
	       "    verbs: [create]\n",
    .example = "rules:\n  - apiGroups: [apps]\n    resources: [deployments]\n"
	       "    verbs: [get, list, watch, patch]\n",
    .compliance = "CIS 5.1.4; NSA/CISA: RBAC least privilege",
    .run_object = run,
};
