/* Waivers: one type for comments, annotations and config entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/findings.h"
#include "kaudit/suppress.h"

extern const struct ka_check ka_check_privileged;
extern const struct ka_check ka_check_host_ports;

static void test_suppress__comment_ids_reason_until(void **state)
{
	const char text[] = " privileged,host-ports the node agent needs it "
			    "(until 2027-03-01)";
	struct ka_waiver w = {0};

	(void)state;
	assert_int_equal(ka_waiver_parse_comment(text, strlen(text), &w), 0);
	assert_null(w.error);
	assert_int_equal(w.nchecks, 2);
	assert_true(ka_waiver_names(&w, &ka_check_host_ports));
	assert_string_equal(w.reason, "the node agent needs it");
	assert_int_equal(w.until, 20270301);
	assert_true(ka_waiver_active(&w, 20270301));
	assert_false(ka_waiver_active(&w, 20270302));
	ka_waiver_free(&w);
}

static void test_suppress__invalid_comments(void **state)
{
	const char *bad[] = {" privileged", " no-such-check because",
			     " privileged why (until 2027-02-30)", ""};
	const char *why[] = {
	    "a waiver needs a reason", "it names an unknown check",
	    "the expiry must be (until YYYY-MM-DD)", "it names no check"};

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct ka_waiver w = {0};

		assert_int_equal(
		    ka_waiver_parse_comment(bad[i], strlen(bad[i]), &w), 0);
		assert_non_null(w.error);
		assert_string_equal(w.error, why[i]);
		assert_false(ka_waiver_active(&w, 20260101));
		ka_waiver_free(&w);
	}
}

/* The expiry, however it is punctuated or capitalised; never dropped. */
static void test_suppress__until_spellings(void **state)
{
	const char *ok[] = {" privileged legacy (Until 2020-01-01).",
			    " privileged legacy [UNTIL: 2020-01-01]",
			    " privileged until 2020-01-01, legacy agent",
			    " privileged until the rewrite (until 2020-01-01)",
			    " privileged legacy (until 2021-01-01) (until "
			    "2020-01-01)"};
	const char *bad[] = {" privileged legacy until March 2020",
			     " privileged legacy (Until 2020-1-1)",
			     " privileged legacy (until 2020-01-01x)",
			     " privileged legacy (until the fix)"};

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		struct ka_waiver w = {0};

		assert_int_equal(
		    ka_waiver_parse_comment(ok[i], strlen(ok[i]), &w), 0);
		assert_null(w.error);
		assert_int_equal(w.until, 20200101);
		assert_false(ka_waiver_active(&w, 20200102));
		ka_waiver_free(&w);
	}
	for (size_t i = 0; i < 4; i++) {
		struct ka_waiver w = {0};

		assert_int_equal(
		    ka_waiver_parse_comment(bad[i], strlen(bad[i]), &w), 0);
		assert_string_equal(w.error,
				    "the expiry must be (until YYYY-MM-DD)");
		assert_false(ka_waiver_active(&w, 20190101));
		ka_waiver_free(&w);
	}
}

static void test_suppress__matches_every_field_it_sets(void **state)
{
	struct ka_waiver w = {0};
	struct ka_finding f = {.check = &ka_check_privileged,
			       .kind = "Deployment",
			       .ns = "shop",
			       .name = "web",
			       .container = "app"};

	(void)state;
	assert_int_equal(ka_waiver_parse_annotation(
			     "privileged", "container=app: it must", &w),
			 0);
	assert_string_equal(w.container, "app");
	assert_string_equal(w.reason, "it must");
	assert_true(ka_waiver_matches(&w, &f, "deploy/web.yaml", 20260101));
	f.container = "sidecar";
	assert_false(ka_waiver_matches(&w, &f, "deploy/web.yaml", 20260101));
	f.container = "app";
	/* Config entries: kind and a path glob. */
	w.res_kind = strdup("StatefulSet");
	assert_false(ka_waiver_matches(&w, &f, "deploy/web.yaml", 20260101));
	free(w.res_kind);
	w.res_kind = strdup("Deployment");
	w.path = strdup("deploy/*.yaml");
	assert_true(ka_waiver_matches(&w, &f, "deploy/web.yaml", 20260101));
	assert_false(ka_waiver_matches(&w, &f, "other/web.yaml", 20260101));
	assert_int_equal(ka_waiver_apply(&w, &f), 0);
	assert_true(w.used);
	assert_int_equal(f.waiver, KA_WAIVER_ANNOTATION);
	assert_string_equal(f.reason, "it must");
	free(f.reason);
	ka_waiver_free(&w);
}

static void test_suppress__problems(void **state)
{
	bool enabled[64] = {false};
	struct ka_waiver w = {0};
	const char text[] = " privileged ok (until 2025-01-01)";
	char msg[256];
	const struct ka_check *c;

	(void)state;
	assert_int_equal(ka_waiver_parse_comment(text, strlen(text), &w), 0);
	c = ka_waiver_problem(&w, 20260101, enabled, "waiver comment", msg,
			      sizeof(msg));
	assert_ptr_equal(c, &ka_check_expired_suppression);
	assert_string_equal(msg, "waiver comment expired on 2025-01-01 and "
				 "no longer waives anything");
	w.until = 0;
	/* Unused only when the check it names ran. */
	assert_null(
	    ka_waiver_problem(&w, 20260101, enabled, "x", msg, sizeof(msg)));
	enabled[ka_registry_index(&ka_check_privileged)] = true;
	assert_ptr_equal(
	    ka_waiver_problem(&w, 20260101, enabled, "x", msg, sizeof(msg)),
	    &ka_check_unused_suppression);
	w.used = true;
	assert_null(
	    ka_waiver_problem(&w, 20260101, enabled, "x", msg, sizeof(msg)));
	ka_waiver_free(&w);
}

static void test_suppress__scan_finds_comments_not_strings(void **state)
{
	const char doc[] = "a: 1 # kaudit:ignore privileged because\n"
			   "b: \"# kaudit:ignore privileged in a string\"\n"
			   "# kaudit:ignore host-ports reason here\n";
	size_t n;
	struct ka_waiver *v = ka_waiver_scan(doc, strlen(doc), 10, &n);

	(void)state;
	assert_int_equal(n, 2);
	assert_int_equal(v[0].line, 10);
	assert_int_equal(v[0].col, 6);
	assert_int_equal(v[1].line, 12);
	assert_true(ka_waiver_names(&v[1], &ka_check_host_ports));
	for (size_t i = 0; i < n; i++)
		ka_waiver_free(&v[i]);
	free(v);
}

static void test_suppress__dates(void **state)
{
	(void)state;
	assert_int_equal(ka_parse_date("2024-02-29", 10), 20240229);
	assert_int_equal(ka_parse_date("2023-02-29", 10), -1);
	assert_int_equal(ka_parse_date("2023-13-01", 10), -1);
	assert_int_equal(ka_parse_date("2023-1-01", 9), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_suppress__comment_ids_reason_until),
	    cmocka_unit_test(test_suppress__until_spellings),
	    cmocka_unit_test(test_suppress__invalid_comments),
	    cmocka_unit_test(test_suppress__matches_every_field_it_sets),
	    cmocka_unit_test(test_suppress__problems),
	    cmocka_unit_test(test_suppress__scan_finds_comments_not_strings),
	    cmocka_unit_test(test_suppress__dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
