/*
 * default-service-account: a pod that names no ServiceAccount, or names
 * `default`, runs as its namespace's default ServiceAccount, which every
 * such pod shares: a Role bound to it for one workload is granted to all
 * of them, and its token (when mounted) speaks for each. Reads
 * serviceAccountName, then the deprecated serviceAccount, as the API
 * does. A note: often harmless where the default account has no
 * permissions and its token is not mounted. CIS 5.1.5.
 */
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_default_service_account;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *n = NULL;
	const char *sa = ka_get_str(pod->spec, "serviceAccountName", &n);

	if (!sa || !*sa)
		sa = ka_get_str(pod->spec, "serviceAccount", &n);
	if (sa && *sa && strcmp(sa, "default") != 0)
		return;
	ka_report(ctx, &ka_check_default_service_account, NULL,
		  sa ? n : ka_pod_where(pod), "serviceAccountName",
		  "pod runs as the namespace's default ServiceAccount; set "
		  "serviceAccountName");
}

static const struct ka_field fields[] = {
    {"serviceAccountName", KA_F_STR, true},
    {"serviceAccount", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_default_service_account = {
    .id = "default-service-account",
    .title = "Pod runs as the default ServiceAccount",
    .summary = "the pod names no `serviceAccountName` (or names `default`)",
    .level = KA_LEVEL_NOTE,
    .security_severity = "3.0",
    .risk = "Every pod of a namespace that names no ServiceAccount shares "
	    "the default one: a permission granted to it for one workload is "
	    "granted to all of them, and its token speaks for each.",
    .remediation = "Create a ServiceAccount for the workload (with "
		   "automountServiceAccountToken: false unless it calls the "
		   "API) and set serviceAccountName.",
    .rule = "serviceAccountName, else the deprecated serviceAccount (when "
	    "serviceAccountName is empty), is missing, empty or `default`.",
    .false_positives =
	"Harmless where the namespace's default ServiceAccount has no "
	"permissions and its token is not mounted; it is a note for that "
	"reason.",
    .failing = KA_EXAMPLE_POD,
    .example = "serviceAccountName: web\nautomountServiceAccountToken: false\n",
    .compliance = "CIS 5.1.5",
    .fields = fields,
    .run = run,
};
