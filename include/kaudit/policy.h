/*
 * Profiles and Pod Security Standards versions: which checks a profile
 * runs, combined as pod-security-admission combines its levels.
 */
#ifndef KAUDIT_POLICY_H
#define KAUDIT_POLICY_H

#include <stdbool.h>

#include "kaudit/check.h"

/* The newest policy version whose rules kaudit knows: v1.37. */
#define KA_PSS_LATEST 37

/*
 * The versions (minor of v1.N) at which a Pod Security Standards rule
 * changed, named once for the checks that judge by them.
 */
enum {
	KA_PSS_APE = 8,		      /* allowPrivilegeEscalation restricted */
	KA_PSS_SECCOMP_FIELD = 19,    /* seccomp fields replace annotations */
	KA_PSS_CAPABILITIES = 22,     /* capabilities_restricted */
	KA_PSS_RUN_AS_USER = 23,      /* runAsUser: 0 restricted */
	KA_PSS_WINDOWS_EXEMPT = 25,   /* Windows pods skip Linux-only rules */
	KA_PSS_CONTAINER_ENGINE = 31, /* SELinux container_engine_t allowed */
	KA_PSS_HOST_PROBES = 34,      /* probe and lifecycle hosts */
	KA_PSS_HOST_USERS = 35,	      /* hostUsers: false relaxes user rules */
};

enum ka_profile {
	KA_PROFILE_BASELINE,
	KA_PROFILE_RESTRICTED,
	KA_PROFILE_HARDENED, /* restricted plus kaudit's own checks */
};

struct ka_policy {
	enum ka_profile profile;
	int version; /* the minor version: 0 for v1.0 ... KA_PSS_LATEST */
};

/* The profiles' names, indexed by enum ka_profile, NULL-terminated. */
extern const char *const ka_profile_names[];

/* "baseline", "restricted", "hardened" -> 0, or -1. */
int ka_policy_parse_profile(const char *s, enum ka_profile *out);

/*
 * "v1.N", "1.N" or "latest" -> 0, or -1. Versions newer than the newest
 * known rules mean the newest rules, as in PSA.
 */
int ka_policy_parse_version(const char *s, int *minor);

const char *ka_profile_name(enum ka_profile p);

/* True when the profile runs check (before --enable and --disable). */
bool ka_policy_includes(const struct ka_policy *p, const struct ka_check *c);

/* True when PSA's restricted level applies (restricted and hardened). */
static inline bool ka_policy_restricted(const struct ka_policy *p)
{
	return p->profile >= KA_PROFILE_RESTRICTED;
}

/* The PSA check name a finding of c reports under this policy, or NULL. */
const char *ka_policy_psa_name(const struct ka_policy *p,
			       const struct ka_check *c);

#endif
