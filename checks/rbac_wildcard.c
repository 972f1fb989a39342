/*
 * rbac-wildcard: `*` in a Role's or ClusterRole's verbs, resources or
 * apiGroups grants everything of that kind, including what the API adds
 * later. Each `*` is reported where it is written. CIS 5.1.3.
 */
#include <stdio.h>

#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_wildcard;

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	static const char *const keys[] = {"verbs", "resources", "apiGroups"};
	const struct ka_node *rules = ka_map_get(obj->object, "rules");

	if (!ka_rbac_is_role(obj->kind))
		return;
	for (size_t i = 0; i < ka_seq_len(rules); i++)
		for (size_t k = 0; k < 3; k++) {
			const struct ka_node *r = ka_seq_at(rules, i);
			const struct ka_node *n =
			    ka_rbac_member(r, keys[k], "*");
			char field[64];

			if (!n)
				continue;
			snprintf(field, sizeof(field), "rules[%zu].%s", i,
				 keys[k]);
			ka_report(ctx, &ka_check_rbac_wildcard, NULL, n, field,
				  "role grants every %s (*); list the "
				  "ones needed",
				  k == 0   ? "verb"
				  : k == 1 ? "resource"
					   : "API group");
		}
}

const struct ka_check ka_check_rbac_wildcard = {
    .id = "rbac-wildcard",
    .title = "RBAC rule uses a wildcard",
    .summary = "a Role or ClusterRole rule has `*` in `verbs`, `resources` "
	       "or `apiGroups`",
    .level = KA_LEVEL_WARNING,
    .security_severity = "6.0",
    .risk = "A wildcard grants every verb, resource or group, including "
	    "those added to the API later: the role grows without review.",
    .remediation = "List the verbs, resources and API groups the workload "
		   "needs.",
    .rule = "Every `*` in a Role's or ClusterRole's verbs, resources or "
	    "apiGroups, each at the place it is written.",
    .false_positives =
	"Aggregated ClusterRoles and cluster installers use wildcards on "
	"purpose; waive them with the reason.",
    .failing = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
	       "metadata: {name: all, namespace: shop}\nrules:\n"
	       "  - apiGroups: [\"\"]\n    resources: [configmaps]\n"
	       "    verbs: [\"*\"]\n",
    .example = "rules:\n  - apiGroups: [\"\"]\n    resources: [configmaps]\n"
	       "    verbs: [get, list, watch]\n",
    .compliance = "CIS 5.1.3; NSA/CISA: RBAC least privilege",
    .run_object = run,
};
