/*
 * allow-privilege-escalation: unless allowPrivilegeEscalation is false,
 * setuid binaries and file capabilities can raise a process's privileges
 * (no_new_privs is not set). Mirrors PSA `allowPrivilegeEscalation`
 * (restricted, v1.8+; Windows pods exempt from v1.25).
 */
#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_allow_privilege_escalation;

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const struct ka_node *n;
	bool v, set;

	/* Windows pods are exempt from v1.25. */
	if (ctx->pod->windows && ka_pss_version(ctx) >= KA_PSS_WINDOWS_EXEMPT)
		return;
	if ((set = ka_get_bool(c->sc, "allowPrivilegeEscalation", &v, &n)) &&
	    !v)
		return;
	ka_report(ctx, &ka_check_allow_privilege_escalation, c,
		  n ? n : ka_container_where(c),
		  "securityContext.allowPrivilegeEscalation",
		  set ? "sets allowPrivilegeEscalation: true; make it false"
		      : "allows privilege escalation; set "
			"allowPrivilegeEscalation: false");
	ka_report_psa(
	    ctx,
	    "allowPrivilegeEscalation != false (container \"%s\" "
	    "must set securityContext.allowPrivilegeEscalation=false)",
	    c->name);
	ka_report_fix(ctx, &ka_check_allow_privilege_escalation, c->node,
		      "securityContext.allowPrivilegeEscalation", "false");
}

static const struct ka_field fields[] = {
    {"securityContext.allowPrivilegeEscalation", KA_F_BOOL, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_allow_privilege_escalation = {
    .id = "allow-privilege-escalation",
    .title = "Container allows privilege escalation",
    .summary = "a container does not set `allowPrivilegeEscalation: false` "
	       "(Windows pods exempt, as in PSA)",
    .compliance = "CIS 5.2.6; NSA/CISA: pod security",
    .level = KA_LEVEL_WARNING,
    .security_severity = "6.5",
    .risk = "Without allowPrivilegeEscalation: false the kernel's "
	    "no_new_privs flag is not set, so a setuid binary or a file "
	    "capability in the image can give a compromised process more "
	    "privileges than its parent.",
    .remediation = "Set securityContext.allowPrivilegeEscalation to false "
		   "on every container.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        allowPrivilegeEscalation: true\n",
    .example = "securityContext:\n  allowPrivilegeEscalation: false\n",
    .psa = "allowPrivilegeEscalation",
    .pss = "restricted",
    .pss_since = KA_PSS_APE,
    .fields = fields,
    .run_container = container,
};
