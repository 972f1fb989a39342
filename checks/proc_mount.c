/*
 * proc-mount: procMount: Unmasked exposes /proc paths the runtime
 * normally masks (kernel memory, sysrq, keys). Mirrors PSA `procMount`
 * (baseline, v1.0+; from v1.35 any value is allowed when
 * hostUsers: false) and, under the restricted profile from v1.35,
 * `procMount_restricted` (the same rule without the relaxation).
 */
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_proc_mount;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const int version = ka_pss_version(ctx);
	bool host_users = true;

	/* Baseline v1.35+: a user namespace makes an unmasked /proc safe. */
	if (version >= 35 && !ka_pss_restricted(ctx) &&
	    ka_get_bool(pod->spec, "hostUsers", &host_users, NULL) &&
	    !host_users)
		return;
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *n;
		const char *pm = ka_get_str(c->sc, "procMount", &n);

		if (!pm || strcmp(pm, "Default") == 0)
			continue;
		ka_report(ctx, &ka_check_proc_mount, c, n,
			  "securityContext.procMount",
			  "procMount (container \"%s\" must not set "
			  "securityContext.procMount to \"%s\")",
			  c->name, pm);
	}
}

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
    .example = "securityContext:\n  procMount: Default\n",
    .psa = "procMount",
    .pss = "baseline",
    .psa_restricted = "procMount_restricted",
    .psa_restricted_since = 35,
    .run = run,
};
