/*
 * host-namespaces: hostNetwork, hostPID or hostIPC put the pod in the
 * node's namespaces: it sees every process and connection on the node
 * and can bind its interfaces. Mirrors PSA `hostNamespaces` (baseline,
 * v1.0+).
 */
#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_host_namespaces;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	static const char *const fields[] = {"hostNetwork", "hostPID",
					     "hostIPC"};
	static const char *const what[] = {"network", "PID", "IPC"};

	for (size_t i = 0; i < 3; i++) {
		const struct ka_node *n;
		bool v;

		if (ka_get_bool(pod->spec, fields[i], &v, &n) && v) {
			ka_report(ctx, &ka_check_host_namespaces, NULL, n,
				  fields[i],
				  "pod shares the node's %s namespace; remove "
				  "%s: true",
				  what[i], fields[i]);
			ka_report_psa(ctx, "host namespaces (%s=true)",
				      fields[i]);
			ka_report_fix(ctx, &ka_check_host_namespaces, pod->spec,
				      fields[i], "false");
		}
	}
}

static const struct ka_field fields[] = {
    {"hostNetwork", KA_F_BOOL, true},
    {"hostPID", KA_F_BOOL, true},
    {"hostIPC", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_host_namespaces = {
    .id = "host-namespaces",
    .title = "Pod shares the node's network, PID or IPC namespace",
    .summary = "`hostNetwork`, `hostPID` or `hostIPC` is true",
    .compliance = "CIS 5.2.3, CIS 5.2.4, CIS 5.2.5; NSA/CISA: pod security",
    .level = KA_LEVEL_ERROR,
    .security_severity = "8.5",
    .risk = "hostNetwork lets the pod sniff and bind the node's network "
	    "interfaces and reach services bound to localhost; hostPID "
	    "shows (and with privileges, controls) every process on the "
	    "node; hostIPC shares its shared memory.",
    .remediation = "Remove hostNetwork, hostPID and hostIPC, or set them "
		   "to false.",
    .failing = "apiVersion: v1\n"
	       "kind: Pod\n"
	       "metadata:\n"
	       "  name: web\n"
	       "spec:\n"
	       "  hostPID: true\n"
	       "  containers:\n"
	       "    - name: app\n"
	       "      image: nginx\n",
    .example =
	"spec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false\n",
    .psa = "hostNamespaces",
    .pss = "baseline",
    .fields = fields,
    .run = run,
};
