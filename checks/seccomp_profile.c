/*
 * seccomp-profile: the restricted level requires a seccomp filter on
 * every container: RuntimeDefault or Localhost, set on the pod or on each
 * container. Mirrors PSA `seccompProfile_restricted` (restricted, v1.19+;
 * Windows pods exempt from v1.25): a bad pod-level type fails, a bad
 * container type fails, and a container without one fails unless the pod
 * sets a valid one. Localhost is accepted without checking
 * localhostProfile.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_seccomp_profile;

static bool valid_type(const char *t)
{
	return t && (strcmp(t, "RuntimeDefault") == 0 ||
		     strcmp(t, "Localhost") == 0);
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *prof = ka_get_set(pod->sc, "seccompProfile");
	const struct ka_node *n = NULL;
	const char *type = NULL;
	bool pod_ok = false;

	if (pod->windows && ka_pss_version(ctx) >= KA_PSS_WINDOWS_EXEMPT)
		return;
	if (prof) {
		type = ka_get_str(prof, "type", &n);
		pod_ok = valid_type(type);
		if (!pod_ok) {
			ka_report(ctx, &ka_check_seccomp_profile, NULL,
				  n ? n : prof,
				  "securityContext.seccompProfile.type",
				  "pod sets seccomp profile %s; use "
				  "RuntimeDefault",
				  type ? type : "(none)");
			ka_report_psa(
			    ctx,
			    "seccompProfile (pod must not set "
			    "securityContext.seccompProfile.type to \"%s\")",
			    type ? type : "");
			ka_report_fix(ctx, &ka_check_seccomp_profile, pod->spec,
				      "securityContext.seccompProfile.type",
				      "RuntimeDefault");
		}
	}
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];

		prof = ka_get_set(c->sc, "seccompProfile");
		if (prof) {
			type = ka_get_str(prof, "type", &n);
			if (!valid_type(type)) {
				ka_report(ctx, &ka_check_seccomp_profile, c,
					  n ? n : prof,
					  "securityContext.seccompProfile.type",
					  "sets seccomp profile %s; use "
					  "RuntimeDefault",
					  type ? type : "(none)");
				ka_report_psa(
				    ctx,
				    "seccompProfile (container \"%s\" must "
				    "not set securityContext.seccompProfile."
				    "type to \"%s\")",
				    c->name, type ? type : "");
				ka_report_fix(
				    ctx, &ka_check_seccomp_profile, c->node,
				    "securityContext.seccompProfile.type",
				    "RuntimeDefault");
			}
			continue;
		}
		if (pod_ok)
			continue;
		ka_report(ctx, &ka_check_seccomp_profile, c,
			  ka_container_where(c),
			  "securityContext.seccompProfile.type",
			  "has no seccomp profile; set seccompProfile.type: "
			  "RuntimeDefault");
		ka_report_psa(ctx,
			      "seccompProfile (pod or container \"%s\" must "
			      "set securityContext.seccompProfile.type to "
			      "\"RuntimeDefault\" or \"Localhost\")",
			      c->name);
		/* On the pod: it covers every container that sets none. */
		ka_report_fix(ctx, &ka_check_seccomp_profile, pod->spec,
			      "securityContext.seccompProfile.type",
			      "RuntimeDefault");
	}
}

static const struct ka_field fields[] = {
    {"securityContext.seccompProfile.type", KA_F_STR, false},
    {"securityContext.seccompProfile.localhostProfile", KA_F_STR, false},
    {"securityContext.seccompProfile.type", KA_F_STR, true},
    {"securityContext.seccompProfile.localhostProfile", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_seccomp_profile = {
    .id = "seccomp-profile",
    .title = "Container has no seccomp profile",
    .summary =
	"a container has no seccomp profile RuntimeDefault/Localhost of its "
	"own or from the pod, or either level sets another type (v1.19+; "
	"Windows exempt v1.25+)",
    .compliance = "CIS 5.7.2; NSA/CISA: pod security (seccomp)",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.5",
    .risk = "Without a seccomp filter every system call is open to a "
	    "compromised process, including those that most kernel "
	    "exploits need.",
    .remediation = "Set securityContext.seccompProfile.type to "
		   "RuntimeDefault on the pod (or on every container).",
    .failing = KA_EXAMPLE_POD,
    .example = "spec:\n  securityContext:\n    seccompProfile:\n      type: "
	       "RuntimeDefault\n",
    .psa = "seccompProfile_restricted",
    .pss = "restricted",
    .pss_since = KA_PSS_SECCOMP_FIELD,
    .fields = fields,
    .run = run,
};
