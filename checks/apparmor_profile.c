/*
 * apparmor-profile: an Unconfined AppArmor profile removes the mandatory
 * access control that confines a container's file and capability use.
 * Mirrors PSA `appArmorProfile` (baseline, v1.0+) in both forms: the
 * appArmorProfile field at pod and container level (type must be
 * RuntimeDefault or Localhost when set), and the pod (template)
 * annotations container.apparmor.security.beta.kubernetes.io/NAME
 * (empty, runtime/default or a localhost/ profile allowed), checked
 * whether or not the named container exists.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_apparmor_profile;

#define ANNOTATION "container.apparmor.security.beta.kubernetes.io/"

/* The bad type of an appArmorProfile object, or NULL when it is fine. */
static const char *bad_type(const struct ka_node *sc, const struct ka_node **n)
{
	const struct ka_node *prof = ka_get_set(sc, "appArmorProfile");
	const char *type;

	*n = prof;
	if (!prof)
		return NULL;
	type = ka_get_str(prof, "type", n);
	if (!*n)
		*n = prof;
	if (type && (strcmp(type, "RuntimeDefault") == 0 ||
		     strcmp(type, "Localhost") == 0))
		return NULL;
	return type ? type : "";
}

struct walk {
	struct ka_ctx *ctx;
};

static void annotation(void *ud, const struct ka_node *key,
		       const struct ka_node *value)
{
	struct walk *w = ud;
	const char *v = ka_node_str(value);
	char field[512];

	if (strncmp(key->u.s.key, ANNOTATION, strlen(ANNOTATION)) != 0)
		return;
	if (v && (*v == '\0' || strcmp(v, "runtime/default") == 0 ||
		  strncmp(v, "localhost/", 10) == 0))
		return;
	snprintf(field, sizeof(field), "metadata.annotations.%s", key->u.s.key);
	ka_report(w->ctx, &ka_check_apparmor_profile, NULL, value, field,
		  "AppArmor annotation sets %s; use runtime/default",
		  v ? v : "(none)");
	ka_report_psa(w->ctx,
		      "forbidden AppArmor profile (annotation %s=\"%s\")",
		      key->u.s.key, v ? v : "");
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	struct walk w = {ctx};
	const struct ka_node *n;
	const char *type;

	if ((type = bad_type(pod->sc, &n))) {
		ka_report(ctx, &ka_check_apparmor_profile, NULL, n,
			  "securityContext.appArmorProfile.type",
			  "pod sets AppArmor profile %s; use RuntimeDefault",
			  type);
		ka_report_psa(ctx,
			      "forbidden AppArmor profile (pod must not set "
			      "securityContext.appArmorProfile.type to \"%s\")",
			      type);
	}
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];

		if ((type = bad_type(c->sc, &n))) {
			ka_report(
			    ctx, &ka_check_apparmor_profile, c, n,
			    "securityContext.appArmorProfile.type",
			    "sets AppArmor profile %s; use RuntimeDefault",
			    type);
			ka_report_psa(
			    ctx,
			    "forbidden AppArmor profile (container \"%s\" "
			    "must not set securityContext.appArmorProfile.type "
			    "to \"%s\")",
			    c->name, type);
		}
	}
	ka_map_foreach(ka_map_get(pod->pod_meta, "annotations"), annotation,
		       &w);
}

static const struct ka_field fields[] = {
    {"securityContext.appArmorProfile.type", KA_F_STR, false},
    {"securityContext.appArmorProfile.localhostProfile", KA_F_STR, false},
    {"securityContext.appArmorProfile.type", KA_F_STR, true},
    {"securityContext.appArmorProfile.localhostProfile", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_apparmor_profile = {
    .id = "apparmor-profile",
    .title = "AppArmor profile is unconfined",
    .summary =
	"an AppArmor profile is `Unconfined` (or another type than "
	"RuntimeDefault/Localhost) in the pod or container field, or a "
	"pod-template annotation "
	"`container.apparmor.security.beta.kubernetes.io/*` is not empty, "
	"`runtime/default` or `localhost/*`",
    .compliance = "CIS 5.7.3; NSA/CISA: pod security (AppArmor, SELinux)",
    .level = KA_LEVEL_ERROR,
    .security_severity = "6.5",
    .risk = "An Unconfined AppArmor profile turns off the mandatory "
	    "access control that limits what a compromised process may "
	    "read, write and execute.",
    .remediation = "Use the RuntimeDefault profile (or a Localhost "
		   "profile), or leave the setting unset.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        appArmorProfile:\n"
			      "          type: Unconfined\n",
    .example =
	"securityContext:\n  appArmorProfile:\n    type: RuntimeDefault\n",
    .psa = "appArmorProfile",
    .pss = "baseline",
    .fields = fields,
    .run = run,
};
