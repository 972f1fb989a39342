/* Scalar resolution as go-yaml v2 (kubectl) does it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/node.h"
#include "kaudit/scalar.h"

static struct ka_value plain(const char *s)
{
	struct ka_value v;

	ka_scalar_resolve_plain(s, strlen(s), &v);
	return v;
}

static void assert_bool(const char *s, bool b)
{
	struct ka_value v = plain(s);

	if (v.type != KA_TYPE_BOOL || v.b != b)
		fail_msg("'%s' should be %s", s, b ? "true" : "false");
}

static void assert_int(const char *s, int64_t i)
{
	struct ka_value v = plain(s);

	if (v.type != KA_TYPE_INT || v.i != i)
		fail_msg("'%s' should be the integer %lld (type %d, %lld)", s,
			 (long long)i, v.type, (long long)v.i);
}

static void assert_type(const char *s, enum ka_type t)
{
	if (plain(s).type != t)
		fail_msg("'%s' should be %s, is %s", s, ka_type_name(t),
			 ka_type_name(plain(s).type));
}

static void test_scalar__yaml11_booleans(void **state)
{
	const char *t[] = {"y",	   "Y",	   "yes", "Yes", "YES", "true",
			   "True", "TRUE", "on",  "On",	 "ON"};
	const char *f[] = {"n",	    "N",     "no",  "No",  "NO", "false",
			   "False", "FALSE", "off", "Off", "OFF"};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_bool(t[i], true);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		assert_bool(f[i], false);
	assert_type("yES", KA_TYPE_STR);
	assert_type("tRUE", KA_TYPE_STR);
	assert_type("nope", KA_TYPE_STR);
}

static void test_scalar__integers(void **state)
{
	(void)state;
	assert_int("0", 0);
	assert_int("00", 0);
	assert_int("0x0", 0);
	assert_int("0x1F", 31);
	assert_int("0777", 511);
	assert_int("0o17", 15);
	assert_int("0b101", 5);
	assert_int("-0b11", -3);
	assert_int("1_000", 1000);
	assert_int("+42", 42);
	assert_int("-42", -42);
	assert_int("-0x10", -16);
	assert_int("9223372036854775807", INT64_MAX);
	assert_int("-9223372036854775808", INT64_MIN);
}

static void test_scalar__floats_and_strings(void **state)
{
	struct ka_value v;

	(void)state;
	v = plain("08"); /* not octal: go-yaml falls back to a float */
	assert_int_equal(v.type, KA_TYPE_FLOAT);
	assert_true(v.f == 8.0);
	assert_type("1.5", KA_TYPE_FLOAT);
	assert_type("1e3", KA_TYPE_FLOAT);
	assert_type(".5", KA_TYPE_FLOAT);
	assert_type(".inf", KA_TYPE_FLOAT);
	assert_type("-.Inf", KA_TYPE_FLOAT);
	assert_type(".NaN", KA_TYPE_FLOAT);
	assert_type("18446744073709551615", KA_TYPE_FLOAT); /* uint64 */
	assert_type("1:20", KA_TYPE_STR); /* no sexagesimal in go-yaml v2 */
	assert_type("0x", KA_TYPE_STR);
	assert_type("-", KA_TYPE_STR);
	assert_type("1.2.3", KA_TYPE_STR);
	assert_type("2001-12-14", KA_TYPE_STR);
	assert_type("_1", KA_TYPE_STR);
}

static void test_scalar__nulls(void **state)
{
	(void)state;
	assert_type("", KA_TYPE_NULL);
	assert_type("~", KA_TYPE_NULL);
	assert_type("null", KA_TYPE_NULL);
	assert_type("Null", KA_TYPE_NULL);
	assert_type("NULL", KA_TYPE_NULL);
	assert_type("nULL", KA_TYPE_STR);
}

static void test_scalar__quoted_and_tagged_are_strings(void **state)
{
	struct ka_node n = {.kind = KA_NODE_SCALAR,
			    .style = KA_STYLE_DOUBLE_QUOTED};
	struct ka_value v;

	(void)state;
	n.u.s.text = "true";
	n.u.s.len = 4;
	ka_node_value(&n, &v);
	assert_int_equal(v.type, KA_TYPE_STR);
	n.style = KA_STYLE_PLAIN;
	n.resolved = 0; /* the node caches its type: a new node, really */
	ka_node_value(&n, &v);
	assert_int_equal(v.type, KA_TYPE_BOOL);
	n.tag = "tag:yaml.org,2002:str";
	ka_node_value(&n, &v);
	assert_int_equal(v.type, KA_TYPE_STR);
	n.tag = "tag:yaml.org,2002:bool";
	n.resolved = 0;
	ka_node_value(&n, &v);
	assert_int_equal(v.type, KA_TYPE_BOOL);
	n.tag = "!custom";
	n.resolved = 0;
	ka_node_value(&n, &v);
	assert_int_equal(v.type, KA_TYPE_STR);
}

static void test_scalar__keys_as_sigs_yaml_converts_them(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(ka_scalar_key_text("on", 2, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "true");
	assert_true(ka_scalar_key_text("1_0", 3, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "10");
	assert_true(ka_scalar_key_text("1.5", 3, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "1.5");
	assert_true(ka_scalar_key_text("1e20", 4, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "1e+20");
	assert_int_equal(ka_scalar_key_text("name", 4, buf, sizeof(buf)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalar__yaml11_booleans),
	    cmocka_unit_test(test_scalar__integers),
	    cmocka_unit_test(test_scalar__floats_and_strings),
	    cmocka_unit_test(test_scalar__nulls),
	    cmocka_unit_test(test_scalar__quoted_and_tagged_are_strings),
	    cmocka_unit_test(test_scalar__keys_as_sigs_yaml_converts_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
