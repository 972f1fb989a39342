/*
 * rbac-secrets-access: get, list or watch on secrets (core group) reads
 * every Secret the role reaches: tokens, passwords, keys. Reported at the
 * `secrets` member; a `*` resource is rbac-wildcard's; get on named
 * secrets (resourceNames, without list or watch) passes. CIS 5.1.2.
 */
#include <stdio.h>

#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_secrets_access;

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	static const char *const verbs[] = {"get", "list", "watch", NULL};
	const struct ka_node *rules = ka_map_get(obj->object, "rules");

	if (!ka_rbac_is_role(obj->kind))
		return;
	for (size_t i = 0; i < ka_seq_len(rules); i++) {
		const struct ka_node *r = ka_seq_at(rules, i);
		const struct ka_node *n =
		    ka_rbac_member(r, "resources", "secrets");
		const struct ka_node *verb = ka_rbac_granted(r, verbs, true);
		char field[64];

		if (!n || !verb || !ka_rbac_group(r, ""))
			continue;
		/* get on named secrets is the least privilege there is. */
		if (ka_seq_len(ka_map_get(r, "resourceNames")) &&
		    !ka_rbac_verb(r, "list") && !ka_rbac_verb(r, "watch"))
			continue;
		snprintf(field, sizeof(field), "rules[%zu].resources", i);
		ka_report(ctx, &ka_check_rbac_secrets_access, NULL, n, field,
			  "role can read secrets (%s); grant only the "
			  "named secrets needed (resourceNames)",
			  ka_node_str(verb));
	}
}

const struct ka_check ka_check_rbac_secrets_access = {
    .id = "rbac-secrets-access",
    .title = "RBAC rule reads Secrets",
    .summary = "a Role or ClusterRole rule grants `get`, `list` or `watch` "
	       "(or `*`) on `secrets` in the core group",
    .level = KA_LEVEL_WARNING,
    .security_severity = "6.5",
    .risk = "Reading Secrets reads every token, password and key in their "
	    "reach; `list` and `watch` return their contents too.",
    .remediation = "Grant get on named secrets (resourceNames), or mount "
		   "the Secret the workload needs instead.",
    .rule = "A Role or ClusterRole rule in the core group (\"\" or `*`) that "
	    "grants get, list or watch (or `*`) on secrets. get on named "
	    "secrets only (resourceNames set, no list or watch) passes; a `*` "
	    "resource is rbac-wildcard's finding.",
    .false_positives =
	"Controllers that manage Secrets (cert-manager, external-secrets, "
	"operators) need this: scope them with resourceNames or a "
	"namespaced Role where they can, and waive the rest.",
    .failing = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
	       "metadata: {name: reader}\nrules:\n"
	       "  - apiGroups: [\"\"]\n    resources: [secrets]\n"
	       "    verbs: [list]\n",
    .example = "rules:\n  - apiGroups: [\"\"]\n    resources: [secrets]\n"
	       "    resourceNames: [app-config]\n    verbs: [get]\n",
    .compliance = "CIS 5.1.2; NSA/CISA: RBAC least privilege",
    .run_object = run,
};
