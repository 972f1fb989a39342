#include "kaudit/policy.h"

#include <stdlib.h>
#include <string.h>

const char *const ka_profile_names[] = {
    [KA_PROFILE_BASELINE] = "baseline",
    [KA_PROFILE_RESTRICTED] = "restricted",
    [KA_PROFILE_HARDENED] = "hardened",
    NULL,
};

int ka_policy_parse_profile(const char *s, enum ka_profile *out)
{
	for (int i = 0; ka_profile_names[i]; i++)
		if (strcmp(s, ka_profile_names[i]) == 0) {
			*out = (enum ka_profile)i;
			return 0;
		}
	return -1;
}

const char *ka_profile_name(enum ka_profile p)
{
	return p <= KA_PROFILE_HARDENED ? ka_profile_names[p] : "hardened";
}

int ka_policy_parse_version(const char *s, int *minor)
{
	char *end;
	long n;

	if (strcmp(s, "latest") == 0) {
		*minor = KA_PSS_LATEST;
		return 0;
	}
	if (s[0] == 'v')
		s++;
	if (strncmp(s, "1.", 2) != 0 || s[2] < '0' || s[2] > '9')
		return -1;
	n = strtol(s + 2, &end, 10);
	if (*end != '\0' || n < 0 || n > 999)
		return -1;
	*minor = n > KA_PSS_LATEST ? KA_PSS_LATEST : (int)n;
	return 0;
}

bool ka_policy_includes(const struct ka_policy *p, const struct ka_check *c)
{
	if (c->input)
		return true;
	if (c->opt_in)
		return false;
	if (!c->pss)
		return p->profile == KA_PROFILE_HARDENED;
	if (p->version < c->pss_since)
		return false;
	if (strcmp(c->pss, "restricted") == 0)
		return ka_policy_restricted(p);
	/* A baseline check, unless a restricted check overrides it. */
	return !(ka_policy_restricted(p) && c->replaced &&
		 p->version >= c->replaced_since);
}

const char *ka_policy_psa_name(const struct ka_policy *p,
			       const struct ka_check *c)
{
	if (c->psa_restricted && ka_policy_restricted(p) &&
	    p->version >= c->psa_restricted_since)
		return c->psa_restricted;
	return c->psa;
}
