/*
 * host-process: a Windows HostProcess container runs directly on the node
 * with the node's privileges. Mirrors PSA `windowsHostProcess` (baseline,
 * v1.0+): a true value at pod level or on any container fails.
 */
#include "kaudit/findings.h"

const struct ka_check ka_check_host_process;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *n;
	bool v;

	if (ka_get_bool(ka_map_get(pod->sc, "windowsOptions"), "hostProcess",
			&v, &n) &&
	    v) {
		ka_report(ctx, &ka_check_host_process, NULL, n,
			  "securityContext.windowsOptions.hostProcess",
			  "pod runs as a Windows host process; remove "
			  "hostProcess: true");
		ka_report_psa(ctx, "hostProcess (pod must not set "
				   "securityContext.windowsOptions.hostProcess="
				   "true)");
	}
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];

		if (ka_get_bool(ka_map_get(c->sc, "windowsOptions"),
				"hostProcess", &v, &n) &&
		    v) {
			ka_report(ctx, &ka_check_host_process, c, n,
				  "securityContext.windowsOptions.hostProcess",
				  "runs as a Windows host process; remove "
				  "hostProcess: true");
			ka_report_psa(
			    ctx,
			    "hostProcess (container \"%s\" must not set "
			    "securityContext.windowsOptions.hostProcess=true)",
			    c->name);
		}
	}
}

static const struct ka_field fields[] = {
    {"securityContext.windowsOptions.hostProcess", KA_F_BOOL, false},
    {"securityContext.windowsOptions.hostProcess", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_host_process = {
    .id = "host-process",
    .title = "Windows HostProcess container",
    .summary =
	"`windowsOptions.hostProcess: true` at pod level or on a container",
    .compliance = "CIS 5.2.11",
    .level = KA_LEVEL_ERROR,
    .security_severity = "9.3",
    .risk = "A HostProcess container runs as a process on the Windows "
	    "node, outside any container isolation, with access to the "
	    "node's network, filesystem and devices.",
    .remediation = "Remove securityContext.windowsOptions.hostProcess or "
		   "set it to false.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        windowsOptions:\n"
			      "          hostProcess: true\n",
    .example = "securityContext:\n  windowsOptions:\n    hostProcess: false\n",
    .psa = "windowsHostProcess",
    .pss = "baseline",
    .fields = fields,
    .run = run,
};
