/*
 * privileged: a privileged container runs with every capability and
 * sees every host device; escaping to the node is trivial.
 * Mirrors PSA `privileged` (baseline, v1.0+). No known false positives:
 * only an explicit `privileged: true` fires.
 */
#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_privileged;

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const struct ka_node *n;
	bool v;

	if (ka_get_bool(c->sc, "privileged", &v, &n) && v) {
		ka_report(ctx, &ka_check_privileged, c, n,
			  "securityContext.privileged",
			  "is privileged; set privileged: false");
		ka_report_psa(ctx,
			      "privileged (container \"%s\" must not set "
			      "securityContext.privileged=true)",
			      c->name);
		ka_report_fix(ctx, &ka_check_privileged, c->node,
			      "securityContext.privileged", "false");
	}
}

static const struct ka_field fields[] = {
    {"securityContext.privileged", KA_F_BOOL, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_privileged = {
    .id = "privileged",
    .title = "Container runs privileged",
    .summary = "a container sets `privileged: true`",
    .compliance = "CIS 5.2.2; NSA/CISA: non-privileged containers",
    .level = KA_LEVEL_ERROR,
    .security_severity = "9.3",
    .risk = "A privileged container has every Linux capability and access "
	    "to all host devices. A process in it can load kernel modules, "
	    "mount the host's disks and take over the node.",
    .remediation = "Remove securityContext.privileged or set it to false; "
		   "add back only the capabilities the process needs.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        privileged: true\n",
    .example = "securityContext:\n  privileged: false\n",
    .psa = "privileged",
    .pss = "baseline",
    .pss_since = 0,
    .fields = fields,
    .run_container = container,
};
