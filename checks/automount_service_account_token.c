/*
 * automount-service-account-token: a pod whose service account token is
 * mounted can call the API server as that account: whoever takes the
 * container takes its permissions. The token is mounted unless the pod
 * sets automountServiceAccountToken: false, or leaves it unset and its
 * ServiceAccount sets it false; the pod's own value wins, as the API
 * decides. The ServiceAccount is looked up in the same scan (same
 * namespace as written, same name; serviceAccountName, else the
 * deprecated serviceAccount, else default): when the scan does not hold
 * it, the token counts as mounted. Known false positives: pods that call
 * the API (controllers, operators) need the token; waive them, or mount a
 * projected token with a short expiry and an audience. CIS 5.1.6.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/facts.h"
#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_automount_service_account_token;

/* "sa:NAMESPACE/NAME": neither part can hold a slash. */
static void key_of(char *buf, size_t size, const char *ns, const char *name)
{
	snprintf(buf, size, "sa:%s/%s", ns, name);
}

/* A ServiceAccount: whether it opts out of automount, as a fact. */
static void run_object(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *n = NULL;
	char key[600];
	bool v = true;

	if (strcmp(obj->kind, "ServiceAccount") != 0 || !*obj->name ||
	    strlen(obj->name) > 253 || strlen(obj->ns) > 253)
		return;
	key_of(key, sizeof(key), obj->ns, obj->name);
	ka_get_bool(obj->object, "automountServiceAccountToken", &v, &n);
	ka_report_fact(ctx, &ka_check_automount_service_account_token,
		       n ? n : obj->object, key, v ? "no" : "yes", v ? 2 : 3);
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *n = NULL, *at = NULL;
	const char *sa =
	    ka_node_str(ka_map_get_key(pod->spec, "serviceAccountName", &at));
	char key[600];
	bool v;

	if (ka_get_bool(pod->spec, "automountServiceAccountToken", &v, &n)) {
		if (v) {
			ka_report(
			    ctx, &ka_check_automount_service_account_token,
			    NULL, n, "automountServiceAccountToken",
			    "pod sets automountServiceAccountToken: true; "
			    "make it false");
			ka_report_fix(
			    ctx, &ka_check_automount_service_account_token,
			    pod->spec, "automountServiceAccountToken", "false");
		}
		return;
	}
	if (!sa || !*sa)
		sa = ka_node_str(
		    ka_map_get_key(pod->spec, "serviceAccount", &at));
	if (!sa || !*sa) {
		sa = "default";
		at = NULL;
	}
	/* At the key naming the account, else where the pod spec starts. */
	ka_report(
	    ctx, &ka_check_automount_service_account_token, NULL,
	    at ? at : ka_pod_where(pod),
	    at ? (at->u.s.key && strcmp(at->u.s.key, "serviceAccount") == 0
		      ? "serviceAccount"
		      : "serviceAccountName")
	       : "automountServiceAccountToken",
	    "pod mounts its API token; set "
	    "automountServiceAccountToken: false");
	/* First in the spec: the run may drop this finding (its account
	 * opts out), so its edit is kept apart from the others. */
	ka_report_fix_first(ctx, &ka_check_automount_service_account_token,
			    pod->spec, "automountServiceAccountToken", "false");
	if (strlen(sa) <= 253 && strlen(pod->ns) <= 253) {
		key_of(key, sizeof(key), pod->ns, sa);
		ka_report_when(ctx, KA_COND_UNLESS_YES, key, "", 0);
	}
}

static const struct ka_field fields[] = {
    {"automountServiceAccountToken", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_automount_service_account_token = {
    .id = "automount-service-account-token",
    .title = "Pod mounts its service account token",
    .summary = "neither the pod nor its ServiceAccount (when in the scan) "
	       "sets `automountServiceAccountToken: false`",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.0",
    .risk = "The token in /var/run/secrets/kubernetes.io/serviceaccount "
	    "lets any process of the pod call the API server as its "
	    "ServiceAccount: whoever takes a container takes the account's "
	    "permissions, and can probe the API for more.",
    .remediation = "Set automountServiceAccountToken: false on the pod (or on "
		   "its ServiceAccount) unless it calls the API; a pod that "
		   "does can mount a projected token with a short expiry.",
    .rule = "The pod's automountServiceAccountToken decides when it is set: "
	    "true is reported, false passes. Unset, the pod's ServiceAccount "
	    "decides: serviceAccountName, else the deprecated serviceAccount, "
	    "else default, looked up in the scan in the pod's namespace as "
	    "written (metadata.namespace; unset matches unset). A "
	    "ServiceAccount that sets automountServiceAccountToken: false "
	    "passes the pod; one that does not, or none in the scan, reports "
	    "it. YAML 1.1 spellings (yes, off, N) read as the API reads them.",
    .false_positives =
	"Controllers and operators that call the API need the token: "
	"waive them, or give them a projected token with a short expiry "
	"and an audience. A ServiceAccount that lives outside the scan "
	"(made by another chart, or by hand) cannot be seen: its pods are "
	"reported.",
    .failing = KA_EXAMPLE_POD,
    .example = "automountServiceAccountToken: false\n",
    .compliance = "CIS 5.1.6",
    .fields = fields,
    .run = run,
    .run_object = run_object,
};
