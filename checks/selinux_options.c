/*
 * selinux-options: a custom SELinux type, user or role can lift a
 * container out of the container_t confinement (spc_t is unconfined).
 * Mirrors PSA `seLinuxOptions` (baseline, v1.0+; container_engine_t
 * allowed from v1.31): type empty or a container type, user and role
 * empty; level is free.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_selinux_options;

static bool type_ok(const char *t, int version)
{
	return !*t || strcmp(t, "container_t") == 0 ||
	       strcmp(t, "container_init_t") == 0 ||
	       strcmp(t, "container_kvm_t") == 0 ||
	       (version >= KA_PSS_CONTAINER_ENGINE &&
		strcmp(t, "container_engine_t") == 0);
}

static void check(struct ka_ctx *ctx, const struct ka_container *c,
		  const struct ka_node *sc)
{
	const struct ka_node *opts = ka_get_map(sc, "seLinuxOptions"), *n;
	static const char *const empty_only[] = {"user", "role"};
	const char *s;
	char who[300];

	if (!opts)
		return;
	if (c)
		snprintf(who, sizeof(who), "container \"%s\"", c->name);
	else
		snprintf(who, sizeof(who), "pod");
	s = ka_get_str(opts, "type", &n);
	if (s && !type_ok(s, ka_pss_version(ctx))) {
		ka_report(
		    ctx, &ka_check_selinux_options, c, n,
		    "securityContext.seLinuxOptions.type",
		    "%ssets SELinux type %s; use container_t or remove it",
		    c ? "" : "pod ", s);
		ka_report_psa(ctx,
			      "seLinuxOptions (%s set forbidden "
			      "securityContext.seLinuxOptions: type \"%s\")",
			      who, s);
	}
	for (size_t i = 0; i < 2; i++) {
		char field[64];

		s = ka_get_str(opts, empty_only[i], &n);
		if (!s || !*s)
			continue;
		snprintf(field, sizeof(field),
			 "securityContext.seLinuxOptions.%s", empty_only[i]);
		ka_report(ctx, &ka_check_selinux_options, c, n, field,
			  "%ssets SELinux %s %s; remove it", c ? "" : "pod ",
			  empty_only[i], s);
		ka_report_psa(ctx,
			      "seLinuxOptions (%s set forbidden "
			      "securityContext.seLinuxOptions: %s \"%s\")",
			      who, empty_only[i], s);
	}
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	check(ctx, NULL, pod->sc);
	for (size_t i = 0; i < pod->ncontainers; i++)
		check(ctx, &pod->containers[i], pod->containers[i].sc);
}

static const struct ka_field fields[] = {
    {"securityContext.seLinuxOptions.type", KA_F_STR, false},
    {"securityContext.seLinuxOptions.user", KA_F_STR, false},
    {"securityContext.seLinuxOptions.role", KA_F_STR, false},
    {"securityContext.seLinuxOptions.level", KA_F_STR, false},
    {"securityContext.seLinuxOptions.type", KA_F_STR, true},
    {"securityContext.seLinuxOptions.user", KA_F_STR, true},
    {"securityContext.seLinuxOptions.role", KA_F_STR, true},
    {"securityContext.seLinuxOptions.level", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_selinux_options = {
    .id = "selinux-options",
    .title = "SELinux options lift container confinement",
    .summary =
	"`seLinuxOptions` sets a type other than container_t, "
	"container_init_t, container_kvm_t (container_engine_t from v1.31), "
	"or any user or role",
    .compliance = "CIS 5.7.3; NSA/CISA: pod security (AppArmor, SELinux)",
    .level = KA_LEVEL_ERROR,
    .security_severity = "7.0",
    .risk = "A custom SELinux type such as spc_t runs the container "
	    "unconfined; a custom user or role changes what the policy "
	    "lets it touch on the node.",
    .remediation = "Remove seLinuxOptions.type, user and role (level may "
		   "stay), or use container_t.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        seLinuxOptions:\n"
			      "          type: spc_t\n",
    .example =
	"securityContext:\n  seLinuxOptions:\n    level: \"s0:c123,c456\"\n",
    .psa = "seLinuxOptions",
    .pss = "baseline",
    .fields = fields,
    .run = run,
};
