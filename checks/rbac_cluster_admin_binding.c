/*
 * rbac-cluster-admin-binding: a RoleBinding or ClusterRoleBinding whose
 * roleRef is the ClusterRole cluster-admin gives its subjects every right
 * (in the namespace, or the cluster). Reported at roleRef.name. A binding
 * to another ClusterRole that grants `*` on `*` is not followed yet (that
 * needs the scan's other objects); rbac-wildcard reports that role.
 * CIS 5.1.1.
 */
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_cluster_admin_binding;

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *ref = ka_map_get(obj->object, "roleRef"), *n;
	const char *kind = ka_get_str(ref, "kind", NULL);
	const char *name = ka_get_str(ref, "name", &n);

	if (!ka_rbac_is_binding(obj->kind) || !kind || !name ||
	    strcmp(kind, "ClusterRole") != 0 ||
	    strcmp(name, "cluster-admin") != 0)
		return;
	ka_report(ctx, &ka_check_rbac_cluster_admin_binding, NULL, n,
		  "roleRef.name",
		  "%s grants cluster-admin; bind a role with only the rights "
		  "needed",
		  strcmp(obj->kind, "RoleBinding") == 0 ? "binding"
							: "cluster binding");
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
