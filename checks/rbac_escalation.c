/*
 * rbac-escalation: verbs and resources that grant more than they name:
 * `escalate`, `bind` and `impersonate` (any resource); `create` on
 * serviceaccounts/token (a token for any account); any verb on nodes/proxy
 * (the kubelet API, exec into every pod of the node); `approve` on signers
 * and `update` (or `patch`) on certificatesigningrequests/approval (a
 * client certificate for any user); create, update, patch or delete on
 * validating or mutating webhook configurations (rewrite or wave through
 * every object). `*` counts as every verb. CIS 5.1.8 to 5.1.13.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/rbac.h"

const struct ka_check ka_check_rbac_escalation;

static const struct {
	const char *resource; /* NULL: any */
	const char *verbs[5]; /* NULL-terminated */
	const char *why;
} grants[] = {
    {NULL, {"escalate"}, "grants more than it holds"},
    {NULL, {"bind"}, "binds roles it does not hold"},
    {NULL, {"impersonate"}, "acts as other users"},
    {"serviceaccounts/token", {"create"}, "mints any account's token"},
    {"nodes/proxy",
     {"get", "create", "update", "patch"},
     "reaches the kubelet API"},
    {"signers", {"approve"}, "approves certificates"},
    {"certificatesigningrequests/approval",
     {"update", "patch"},
     "approves certificates"},
    {"validatingwebhookconfigurations",
     {"create", "update", "patch", "delete"},
     "controls admission"},
    {"mutatingwebhookconfigurations",
     {"create", "update", "patch", "delete"},
     "controls admission"},
};

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *rules = ka_map_get(obj->object, "rules");

	if (!ka_rbac_is_role(obj->kind))
		return;
	for (size_t i = 0; i < ka_seq_len(rules); i++) {
		const struct ka_node *r = ka_seq_at(rules, i);

		for (size_t g = 0; g < sizeof(grants) / sizeof(*grants); g++) {
			const struct ka_node *at = NULL, *v = NULL;
			char field[64];

			/* `*` verbs count for a named resource. */
			v = ka_rbac_granted(r, grants[g].verbs,
					    grants[g].resource != NULL);
			at = grants[g].resource
				 ? ka_rbac_member(r, "resources",
						  grants[g].resource)
				 : v;
			if (!v || !at)
				continue;
			snprintf(field, sizeof(field), "rules[%zu].%s", i,
				 grants[g].resource ? "resources" : "verbs");
			ka_report(ctx, &ka_check_rbac_escalation, NULL, at,
				  field, "role %s (%s%s%s); remove it",
				  grants[g].why, ka_node_str(v),
				  grants[g].resource ? " on " : "",
				  grants[g].resource ? grants[g].resource : "");
		}
	}
}

const struct ka_check ka_check_rbac_escalation = {
    .id = "rbac-escalation",
    .title = "RBAC rule allows privilege escalation",
    .summary = "a rule grants `escalate`, `bind` or `impersonate`, "
	       "`create` on `serviceaccounts/token`, `nodes/proxy`, "
	       "certificate approval, or writes webhook configurations",
    .level = KA_LEVEL_ERROR,
    .security_severity = "8.5",
    .risk = "These rights grant more than they name: a role that holds "
	    "them can become cluster-admin (bind, escalate, impersonate, "
	    "tokens, certificates) or control every object (webhooks, the "
	    "kubelet API).",
    .remediation = "Remove the verb or resource; keep such rights in "
		   "cluster-admin's hands.",
    .rule = "A Role or ClusterRole rule that grants escalate, bind or "
	    "impersonate; create on serviceaccounts/token; any verb on "
	    "nodes/proxy; approve on signers, or update or patch on "
	    "certificatesigningrequests/approval; create, update, patch or "
	    "delete on validatingwebhookconfigurations or "
	    "mutatingwebhookconfigurations. A `*` verb counts as every verb "
	    "for those resources; a `*` resource is rbac-wildcard's finding; "
	    "apiGroups are not compared (the resource names are unique).",
    .false_positives =
	"Admission controllers manage their own webhook configurations "
	"and certificate managers approve CSRs: both need these rights; "
	"waive them with the reason, and prefer resourceNames.",
    .failing = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
	       "metadata: {name: binder}\nrules:\n"
	       "  - apiGroups: [rbac.authorization.k8s.io]\n"
	       "    resources: [clusterrolebindings]\n"
	       "    verbs: [create, bind]\n",
    .example = "rules:\n  - apiGroups: [rbac.authorization.k8s.io]\n"
	       "    resources: [rolebindings]\n    verbs: [get, list]\n",
    .compliance = "CIS 5.1.8, CIS 5.1.9, CIS 5.1.10, CIS 5.1.11, CIS 5.1.12, "
		  "CIS 5.1.13",
    .run_object = run,
};
