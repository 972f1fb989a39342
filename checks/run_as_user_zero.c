/*
 * run-as-user-zero: runAsUser: 0 runs the container as root whatever the
 * image says. Mirrors PSA `runAsUser` (restricted, v1.23+): a pod-level 0
 * fails even when containers override it. v1.35+: pods with
 * `hostUsers: false` pass.
 */
#include "kaudit/findings.h"

const struct ka_check ka_check_run_as_user_zero;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *n;
	bool host_users;
	int64_t uid;

	if (ka_pss_version(ctx) >= KA_PSS_HOST_USERS &&
	    ka_get_bool(pod->spec, "hostUsers", &host_users, NULL) &&
	    !host_users)
		return;
	if (ka_get_int(pod->sc, "runAsUser", &uid, &n) && uid == 0) {
		ka_report(ctx, &ka_check_run_as_user_zero, NULL, n,
			  "securityContext.runAsUser",
			  "pod runs as root (UID 0); set a non-zero runAsUser");
		ka_report_psa(ctx,
			      "runAsUser=0 (pod must not set runAsUser=0)");
	}
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];

		if (ka_get_int(c->sc, "runAsUser", &uid, &n) && uid == 0) {
			ka_report(ctx, &ka_check_run_as_user_zero, c, n,
				  "securityContext.runAsUser",
				  "runs as root (UID 0); set a non-zero "
				  "runAsUser");
			ka_report_psa(ctx,
				      "runAsUser=0 (container \"%s\" must not "
				      "set runAsUser=0)",
				      c->name);
		}
	}
}

static const struct ka_field fields[] = {
    {"securityContext.runAsUser", KA_F_INT, false},
    {"securityContext.runAsUser", KA_F_INT, true},
    {"hostUsers", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_run_as_user_zero = {
    .id = "run-as-user-zero",
    .title = "Container runs as UID 0",
    .summary = "`runAsUser: 0` at pod level or on any container",
    .compliance = "CIS 5.2.7; NSA/CISA: non-root containers",
    .level = KA_LEVEL_ERROR,
    .security_severity = "8.0",
    .risk = "runAsUser: 0 makes the process root inside the container, "
	    "which is root on the node whenever a kernel or runtime "
	    "isolation bug is found.",
    .remediation = "Set runAsUser to a non-zero UID (and runAsNonRoot: true).",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        runAsUser: 0\n",
    .example = "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n",
    .psa = "runAsUser",
    .pss = "restricted",
    .pss_since = KA_PSS_RUN_AS_USER,
    .fields = fields,
    .run = run,
};
