/*
 * rbac-anonymous-subject: a binding whose subject is system:anonymous,
 * system:unauthenticated (anyone who reaches the API) or
 * system:authenticated (anyone with any credential, from any identity
 * provider the cluster trusts) grants its role to everyone. Reported at
 * the subject's name. Not a CIS 5.1 item by number; CIS 5.1.7's spirit.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_anonymous_subject;

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	static const char *const everyone[] = {"system:anonymous",
					       "system:unauthenticated",
					       "system:authenticated"};
	const struct ka_node *subs = ka_map_get(obj->object, "subjects");

	if (!ka_rbac_is_binding(obj->kind))
		return;
	for (size_t i = 0; i < ka_seq_len(subs); i++) {
		const struct ka_node *n;
		const char *name = ka_get_str(ka_seq_at(subs, i), "name", &n);
		char field[64];

		for (size_t k = 0; name && k < 3; k++) {
			if (strcmp(name, everyone[k]) != 0)
				continue;
			snprintf(field, sizeof(field), "subjects[%zu].name", i);
			ka_report(ctx, &ka_check_rbac_anonymous_subject, NULL,
				  n, field,
				  "binding grants its role to %s; bind named "
				  "users, groups or service accounts",
				  k == 2 ? "every authenticated user"
					 : "anyone, unauthenticated");
		}
	}
}

const struct ka_check ka_check_rbac_anonymous_subject = {
    .id = "rbac-anonymous-subject",
    .title = "Binding grants a role to everyone",
    .summary = "a binding's subject is `system:anonymous`, "
	       "`system:unauthenticated` or `system:authenticated`",
    .level = KA_LEVEL_ERROR,
    .security_severity = "8.0",
    .risk = "These groups are everyone who reaches the API server, with "
	    "or without a credential from any identity provider the "
	    "cluster trusts: the role is public.",
    .remediation = "Bind the users, groups or service accounts that need "
		   "the role.",
    .rule = "A RoleBinding or ClusterRoleBinding with a subject (of any kind) "
	    "named system:anonymous, system:unauthenticated or "
	    "system:authenticated. Reported at the subject's name.",
    .false_positives =
	"Bindings of the cluster's own discovery roles "
	"(system:public-info-viewer, system:discovery) to these groups "
	"are normal and come with the cluster, not with workloads; a "
	"manifest that carries one is worth a look anyway.",
    .failing = "apiVersion: rbac.authorization.k8s.io/v1\n"
	       "kind: ClusterRoleBinding\nmetadata: {name: open}\n"
	       "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
	       "ClusterRole, name: view}\n"
	       "subjects: [{kind: Group, name: system:unauthenticated, "
	       "apiGroup: rbac.authorization.k8s.io}]\n",
    .example = "subjects:\n  - {kind: Group, name: sre, apiGroup: "
	       "rbac.authorization.k8s.io}\n",
    .compliance = "CIS 5.1.7; NSA/CISA: authentication and authorization",
    .run_object = run,
};
