/*
 * seccomp-unconfined: an Unconfined seccomp profile lets the container
 * make every system call, including the rarely used ones most kernel
 * exploits need. Mirrors PSA `seccompProfile_baseline` (baseline; the
 * restricted level replaces it with seccompProfile_restricted from
 * v1.19). From v1.19 the seccompProfile fields: when present, the type
 * must be RuntimeDefault or Localhost. Before v1.19 the alpha
 * annotations: seccomp.security.alpha.kubernetes.io/pod and
 * container.seccomp.security.alpha.kubernetes.io/<container> (existing
 * containers only) must be runtime/default, docker/default or
 * a localhost/ profile.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_seccomp_unconfined;

static bool valid_type(const char *t)
{
	return t && (strcmp(t, "RuntimeDefault") == 0 ||
		     strcmp(t, "Localhost") == 0);
}

static void profile_fields(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	for (size_t i = 0; i <= pod->ncontainers; i++) {
		const struct ka_container *c =
		    i < pod->ncontainers ? &pod->containers[i] : NULL;
		const struct ka_node *prof =
		    ka_get_set(c ? c->sc : pod->sc, "seccompProfile");
		const struct ka_node *n;
		const char *type;
		char who[300];

		if (!prof)
			continue;
		type = ka_get_str(prof, "type", &n);
		if (valid_type(type))
			continue;
		if (c)
			snprintf(who, sizeof(who), "container \"%s\"", c->name);
		else
			snprintf(who, sizeof(who), "pod");
		ka_report(ctx, &ka_check_seccomp_unconfined, c, n ? n : prof,
			  "securityContext.seccompProfile.type",
			  "%sturns seccomp off (%s); use RuntimeDefault",
			  c ? "" : "pod ", type ? type : "no type");
		ka_report_psa(ctx,
			      "seccompProfile (%s must not set "
			      "securityContext.seccompProfile.type to \"%s\")",
			      who, type ? type : "");
		ka_report_fix(
		    ctx, &ka_check_seccomp_unconfined, c ? c->node : pod->spec,
		    "securityContext.seccompProfile.type", "RuntimeDefault");
	}
}

static bool annotation_ok(const char *v)
{
	return v && (strcmp(v, "runtime/default") == 0 ||
		     strcmp(v, "docker/default") == 0 ||
		     strncmp(v, "localhost/", 10) == 0);
}

static void annotations(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *ann = ka_map_get(pod->pod_meta, "annotations");
	const struct ka_node *n;
	const char *v;
	char key[512];

	n = ka_map_get(ann, "seccomp.security.alpha.kubernetes.io/pod");
	if (n && !annotation_ok(v = ka_node_str(n))) {
		ka_report(ctx, &ka_check_seccomp_unconfined, NULL, n,
			  "metadata.annotations",
			  "pod annotation turns seccomp off; use "
			  "runtime/default");
		ka_report_psa(
		    ctx,
		    "seccompProfile (annotation "
		    "seccomp.security.alpha.kubernetes.io/pod=\"%s\")",
		    v ? v : "");
	}
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];

		snprintf(key, sizeof(key),
			 "container.seccomp.security.alpha.kubernetes.io/%s",
			 c->name);
		n = ka_map_get(ann, key);
		if (n && !annotation_ok(v = ka_node_str(n))) {
			ka_report(ctx, &ka_check_seccomp_unconfined, c, n,
				  "metadata.annotations",
				  "annotation turns seccomp off; use "
				  "runtime/default");
			ka_report_psa(ctx,
				      "seccompProfile (annotation %s=\"%s\")",
				      key, v ? v : "");
		}
	}
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	if (ka_pss_version(ctx) >= KA_PSS_SECCOMP_FIELD)
		profile_fields(ctx, pod);
	else
		annotations(ctx, pod);
}

static const struct ka_field fields[] = {
    {"securityContext.seccompProfile.type", KA_F_STR, false},
    {"securityContext.seccompProfile.type", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_seccomp_unconfined = {
    .id = "seccomp-unconfined",
    .title = "Seccomp profile is Unconfined",
    .summary =
	"a seccomp profile is present with a type other than "
	"RuntimeDefault/Localhost (before v1.19: the alpha annotations); "
	"replaced by `seccomp-profile` at restricted from v1.19",
    .compliance = "CIS 5.7.2; NSA/CISA: pod security (seccomp)",
    .level = KA_LEVEL_ERROR,
    .security_severity = "6.5",
    .risk = "Without a seccomp filter a container can make any system "
	    "call, including the rarely needed ones that most kernel "
	    "privilege-escalation exploits rely on.",
    .remediation = "Set seccompProfile.type to RuntimeDefault (or a "
		   "Localhost profile).",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        seccompProfile:\n"
			      "          type: Unconfined\n",
    .example =
	"securityContext:\n  seccompProfile:\n    type: RuntimeDefault\n",
    .psa = "seccompProfile_baseline",
    .pss = "baseline",
    .replaced = true,
    .replaced_since = KA_PSS_SECCOMP_FIELD,
    .fields = fields,
    .run = run,
};
