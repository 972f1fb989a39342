/* Profiles and PSS versions: which checks run, under which PSA name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/policy.h"

static bool runs(enum ka_profile p, int version, const char *id)
{
	struct ka_policy pol = {p, version};

	return ka_policy_includes(&pol, ka_registry_find(id));
}

static void test_policy__parse(void **state)
{
	enum ka_profile p;
	int v;

	(void)state;
	assert_int_equal(ka_policy_parse_profile("restricted", &p), 0);
	assert_int_equal(p, KA_PROFILE_RESTRICTED);
	assert_int_equal(ka_policy_parse_profile("strict", &p), -1);
	assert_int_equal(ka_policy_parse_version("v1.30", &v), 0);
	assert_int_equal(v, 30);
	assert_int_equal(ka_policy_parse_version("1.99", &v), 0);
	assert_int_equal(v, KA_PSS_LATEST); /* newer means the newest rules */
	assert_int_equal(ka_policy_parse_version("latest", &v), 0);
	assert_int_equal(v, KA_PSS_LATEST);
	assert_int_equal(ka_policy_parse_version("v2.1", &v), -1);
	assert_string_equal(ka_profile_name(KA_PROFILE_HARDENED), "hardened");
}

static void test_policy__profiles_combine_as_psa(void **state)
{
	(void)state;
	/* Baseline: no restricted check, no kaudit check. */
	assert_true(runs(KA_PROFILE_BASELINE, 37, "privileged"));
	assert_false(runs(KA_PROFILE_BASELINE, 37, "run-as-non-root"));
	assert_false(runs(KA_PROFILE_BASELINE, 37, "image-digest"));
	/* Restricted replaces capabilities-baseline from v1.22. */
	assert_true(runs(KA_PROFILE_RESTRICTED, 21, "capabilities-baseline"));
	assert_false(runs(KA_PROFILE_RESTRICTED, 22, "capabilities-baseline"));
	assert_false(runs(KA_PROFILE_RESTRICTED, 21, "capabilities-drop-all"));
	/* Hardened adds kaudit's own; input problems always run. */
	assert_true(runs(KA_PROFILE_HARDENED, 37, "image-digest"));
	assert_true(runs(KA_PROFILE_BASELINE, 0, "yaml-syntax"));
}

static void test_policy__psa_name_under_restricted(void **state)
{
	struct ka_policy base = {KA_PROFILE_BASELINE, 37};
	struct ka_policy restricted = {KA_PROFILE_RESTRICTED, 37};
	const struct ka_check *pm = ka_registry_find("proc-mount");

	(void)state;
	assert_string_equal(ka_policy_psa_name(&base, pm), "procMount");
	assert_string_equal(ka_policy_psa_name(&restricted, pm),
			    "procMount_restricted");
	assert_null(
	    ka_policy_psa_name(&base, ka_registry_find("image-digest")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_policy__parse),
	    cmocka_unit_test(test_policy__profiles_combine_as_psa),
	    cmocka_unit_test(test_policy__psa_name_under_restricted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
