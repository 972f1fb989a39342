/*
 * rbac-cluster-admin-binding: a RoleBinding or ClusterRoleBinding whose
 * roleRef is the ClusterRole cluster-admin gives its subjects every right
 * (in the namespace, or the cluster). So does a binding to another
 * ClusterRole of the scan that grants every verb on every resource of
 * every group (a rule with `*` in verbs, resources and apiGroups, as
 * written: an aggregated ClusterRole's rules are filled in by the
 * controller, and are not followed). Reported at roleRef.name. CIS 5.1.1.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/facts.h"
#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_cluster_admin_binding;

/* A ClusterRole: whether it grants every verb on everything, as a fact. */
static void role(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *rules = ka_map_get(obj->object, "rules");
	char key[300];
	bool all = false;

	if (!*obj->name || strlen(obj->name) > 253)
		return;
	for (size_t i = 0; !all && i < ka_seq_len(rules); i++) {
		const struct ka_node *r = ka_seq_at(rules, i);

		all = ka_rbac_member(r, "verbs", "*") &&
		      ka_rbac_member(r, "resources", "*") &&
		      ka_rbac_member(r, "apiGroups", "*");
	}
	snprintf(key, sizeof(key), "cr:%s", obj->name);
	ka_report_fact(ctx, &ka_check_rbac_cluster_admin_binding, obj->object,
		       key, all ? "yes" : "no", all ? 3 : 2);
}

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *ref = ka_map_get(obj->object, "roleRef"), *n;
	const char *kind = ka_get_str(ref, "kind", NULL);
	const char *name = ka_get_str(ref, "name", &n);
	const char *what = strcmp(obj->kind, "RoleBinding") == 0
			       ? "binding"
			       : "cluster binding";
	char key[300];

	if (strcmp(obj->kind, "ClusterRole") == 0)
		role(ctx, obj);
	if (!ka_rbac_is_binding(obj->kind) || !kind || !name ||
	    strcmp(kind, "ClusterRole") != 0)
		return;
	if (strcmp(name, "cluster-admin") == 0) {
		ka_report(ctx, &ka_check_rbac_cluster_admin_binding, NULL, n,
			  "roleRef.name",
			  "%s grants cluster-admin; bind a role with only the "
			  "rights needed",
			  what);
		return;
	}
	if (strlen(name) > 253)
		return;
	ka_report(ctx, &ka_check_rbac_cluster_admin_binding, NULL, n,
		  "roleRef.name",
		  "%s grants ClusterRole '%.40s', which allows everything as "
		  "cluster-admin does; bind a narrower role",
		  what, name);
	snprintf(key, sizeof(key), "cr:%s", name);
	ka_report_when(ctx, KA_COND_IF_YES, key, "", 0);
}

const struct ka_check ka_check_rbac_cluster_admin_binding = {
    .id = "rbac-cluster-admin-binding",
    .title = "Binding grants cluster-admin",
    .summary = "a RoleBinding or ClusterRoleBinding refers to the "
	       "ClusterRole `cluster-admin`",
    .level = KA_LEVEL_ERROR,
    .security_severity = "9.0",
    .risk = "cluster-admin is every right on every resource: its "
	    "subjects, and whoever takes over one of their workloads, own "
	    "the cluster (or the namespace, for a RoleBinding).",
    .remediation = "Bind a Role or ClusterRole that lists only the verbs "
		   "and resources the subject needs.",
    .rule = "A RoleBinding or ClusterRoleBinding whose roleRef is the "
	    "ClusterRole cluster-admin, or a ClusterRole of the scan one of "
	    "whose rules has `*` in verbs, resources and apiGroups alike. "
	    "Reported at roleRef.name.",
    .false_positives =
	"Cluster installers (Argo CD's application controller, operators "
	"that manage arbitrary resources) need broad rights by design; "
	"waive them with the reason.",
    .failing = "apiVersion: rbac.authorization.k8s.io/v1\n"
	       "kind: ClusterRoleBinding\nmetadata: {name: ops}\n"
	       "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
	       "ClusterRole, name: cluster-admin}\n"
	       "subjects: [{kind: ServiceAccount, name: ops, namespace: "
	       "tools}]\n",
    .example = "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
	       "ClusterRole, name: view}\n",
    .compliance = "CIS 5.1.1; NSA/CISA: RBAC least privilege",
    .run_object = run,
};
