/* Findings: the text, identity and region of a report; sort and dedupe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/findings.h"

extern const struct ka_check ka_check_privileged;
extern const struct ka_check ka_check_image_digest;
extern const struct ka_check ka_check_read_only_root_filesystem;

static struct ka_node scalar(unsigned line, unsigned col)
{
	struct ka_node n;

	memset(&n, 0, sizeof(n));
	n.kind = KA_NODE_SCALAR;
	n.line = n.end_line = line;
	n.col = col;
	n.end_col = col + 4;
	return n;
}

static void test_findings__report_names_resource_and_container(void **state)
{
	struct ka_policy policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST};
	struct ka_findings l = {0};
	struct ka_pod pod = {.kind = "Deployment",
			     .name = "web",
			     .ns = "shop",
			     .prefix = "",
			     .spec_path = "spec.template.spec"};
	struct ka_container c = {
	    .name = "app", .list = "containers", .index = 1};
	struct ka_ctx ctx = {
	    .out = &l, .policy = &policy, .input = 3, .pod = &pod};
	struct ka_node n = scalar(7, 9), cn = scalar(5, 7);
	char buf[256];

	(void)state;
	c.node = &cn;
	/* One grammar: "container 'c' <message>", the resource apart. */
	ka_report(&ctx, &ka_check_read_only_root_filesystem, &c, &n, "image",
		  "is %s", "unpinned");
	/* A PSA check too, with PSA's wording beside. */
	ka_report(&ctx, &ka_check_privileged, &c, &n,
		  "securityContext.privileged", "is privileged");
	ka_report_psa(&ctx, "privileged (container \"%s\")", c.name);
	/* A message that names its own subject: no container. */
	ka_report(&ctx, &ka_check_image_digest, &c, &n, "image", "image 'x'");
	/* On the container itself: its name is written there. */
	ka_report(&ctx, &ka_check_read_only_root_filesystem, &c, c.node,
		  "securityContext", "is bare");
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].message, "container 'app' is unpinned");
	assert_string_equal(l.v[0].field,
			    "spec.template.spec.containers[1].image");
	assert_string_equal(l.v[0].container, "app");
	assert_string_equal(l.v[0].kind, "Deployment");
	assert_string_equal(l.v[0].ns, "shop");
	assert_int_equal(l.v[0].input, 3);
	assert_int_equal(l.v[0].line, 7);
	assert_int_equal(l.v[0].col, 9);
	assert_null(l.v[0].psa);
	assert_null(l.v[0].psa_message);
	assert_string_equal(l.v[1].message, "container 'app' is privileged");
	assert_string_equal(l.v[1].psa, "privileged");
	assert_string_equal(l.v[1].psa_message,
			    "privileged (container \"app\")");
	assert_string_equal(l.v[2].message, "image 'x'");
	assert_string_equal(l.v[3].message, "container is bare");
	/* Out of place (SARIF, annotations) the resource and name return. */
	assert_string_equal(ka_finding_titled(&l.v[3], buf, sizeof(buf)),
			    "Deployment/web: container 'app' is bare");
	assert_string_equal(ka_finding_titled(&l.v[0], buf, sizeof(buf)),
			    "Deployment/web: container 'app' is unpinned");
	ka_findings_free(&l);
}

static void test_findings__long_text_says_it_is_cut(void **state)
{
	struct ka_policy policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST};
	struct ka_findings l = {0};
	static char name[5000];
	struct ka_pod pod = {
	    .kind = "Pod", .ns = "", .prefix = "", .spec_path = "spec"};
	struct ka_ctx ctx = {.out = &l, .policy = &policy, .pod = &pod};
	struct ka_node n = scalar(1, 1);

	(void)state;
	memset(name, 'x', sizeof(name) - 1);
	pod.name = name;
	ka_report(&ctx, &ka_check_image_digest, NULL, &n, "", "image '%s'",
		  name);
	assert_int_equal(l.n, 1);
	assert_true(strlen(l.v[0].message) <= 1023);
	assert_non_null(strstr(l.v[0].message, "(message truncated)"));
	/* The identity keeps the whole name: it is not the display text. */
	assert_string_equal(l.v[0].name, name);
	ka_findings_free(&l);
}

static void test_findings__settle_sorts_and_drops_repeats(void **state)
{
	struct ka_findings l = {0};

	(void)state;
	ka_findings_add(&l, &ka_check_privileged, 0, 9, 1, 9, 2, "b");
	ka_findings_add(&l, &ka_check_privileged, 0, 2, 5, 2, 6, "a");
	ka_findings_add(&l, &ka_check_image_digest, 0, 2, 5, 2, 6, "a");
	ka_findings_add(&l, &ka_check_privileged, 0, 9, 1, 9, 2, "b");
	ka_findings_settle(&l, 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].line, 2);
	assert_string_equal(l.v[0].check->id, "image-digest");
	assert_string_equal(l.v[1].check->id, "privileged");
	assert_int_equal(l.v[2].line, 9);
	ka_findings_free(&l);
}

static void test_findings__params_by_key(void **state)
{
	char *caps[] = {"NET_ADMIN", "SYS_TIME"};
	struct ka_param_value params[] = {{"allowed-capabilities", caps, 2},
					  {NULL, NULL, 0}};
	struct ka_ctx ctx = {.params = params};
	size_t n;
	char *const *v = ka_ctx_param(&ctx, "allowed-capabilities", &n);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(v[1], "SYS_TIME");
	v = ka_ctx_param(&ctx, "system-paths", &n);
	assert_int_equal(n, 0);
	assert_non_null(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		test_findings__report_names_resource_and_container),
	    cmocka_unit_test(test_findings__long_text_says_it_is_cut),
	    cmocka_unit_test(test_findings__settle_sorts_and_drops_repeats),
	    cmocka_unit_test(test_findings__params_by_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
