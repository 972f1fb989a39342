/*
 * proc-mount: procMount: Unmasked exposes /proc paths the runtime
 * normally masks (kernel memory, sysrq, keys). Mirrors PSA `procMount`
 * (baseline, v1.0+; from v1.35 any value is allowed when
 * hostUsers: false) and, under the restricted profile from v1.35,
 * `procMount_restricted` (the same rule without the relaxation).
 */
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_proc_mount;

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const int version = ka_pss_version(ctx);
	bool host_users = true;
	const struct ka_node *n;
	const char *pm = ka_get_str(c->sc, "procMount", &n);

	/* Baseline v1.35+: a user namespace makes an unmasked /proc safe. */
	if (version >= KA_PSS_HOST_USERS && !ka_pss_restricted(ctx) &&
	    ka_get_bool(ctx->pod->spec, "hostUsers", &host_users, NULL) &&
	    !host_users)
		return;
	if (!pm || strcmp(pm, "Default") == 0)
		return;
	ka_report(ctx, &ka_check_proc_mount, c, n, "securityContext.procMount",
		  "unmasks /proc (procMount: %s); remove procMount", pm);
	ka_report_psa(ctx,
		      "procMount (container \"%s\" must not set "
		      "securityContext.procMount to \"%s\")",
		      c->name, pm);
	ka_report_fix(ctx, &ka_check_proc_mount, c->node,
		      "securityContext.procMount", "Default");
}

static const struct ka_field fields[] = {
    {"securityContext.procMount", KA_F_STR, false},
    {"hostUsers", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_proc_mount = {
    .id = "proc-mount",
    .title = "Container unmasks /proc",
    .summary = "a container sets `procMount` other than `Default` (baseline "
	       "v1.35+: allowed with `hostUsers: false`; restricted v1.35+: "
	       "procMount_restricted, no relaxation)",
    .level = KA_LEVEL_ERROR,
    .security_severity = "6.0",
    .risk = "procMount: Unmasked lets the container see and write /proc "
	    "paths the runtime hides, such as /proc/kcore, /proc/sysrq-trigger "
	    "and /proc/keys, which leak kernel state or control the node.",
    .remediation = "Remove securityContext.procMount or set it to Default.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        procMount: Unmasked\n",
    .example = "securityContext:\n  procMount: Default\n",
    .psa = "procMount",
    .pss = "baseline",
    .psa_restricted = "procMount_restricted",
    .psa_restricted_since = KA_PSS_HOST_USERS,
    .fields = fields,
    .run_container = container,
};
