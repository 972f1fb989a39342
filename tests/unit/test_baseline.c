/*
 * The baseline loader on hostile and odd files: identities are found in
 * JSON lines and SARIF results, a record's fields are read only from its
 * own record, escapes are decoded, truncated strings and numbers never
 * read past the file, and gone entries come back in file order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/baseline.h"

/* Load text as a baseline: 0 or -1. */
static int load(struct ka_baseline *b, const char *text)
{
	char path[] = "/tmp/kaudit-baseline-XXXXXX";
	int fd = mkstemp(path);
	const char *why = NULL;
	int rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = ka_baseline_load(b, path, &why);
	unlink(path);
	if (rc < 0)
		assert_non_null(why);
	return rc;
}

static void json_lines(void **state)
{
	struct ka_baseline b;
	struct ka_baseline_said s;
	size_t pos = 0;
	bool oom = false;

	(void)state;
	assert_int_equal(
	    load(&b, "{\"findings\": [\n"
		     "  {\"fingerprint\": \"00000000000000aa:1\", \"id\": "
		     "\"privileged\", \"path\": \"a b.yaml\", \"line\": 7, "
		     "\"column\": 3, \"end_line\": 7, \"end_column\": 9, "
		     "\"level\": \"error\", \"message\": \"x \\\"y\\\" "
		     "\\u00e9\\ud83d\\ude00\\ud800z\"},\n"
		     "  {\"id\": \"host-ports\", \"fingerprint\": "
		     "\"bb:2\"}\n]}"),
	    0);
	assert_int_equal(b.n, 2);
	assert_true(ka_baseline_has(&b, 0xbb, 2));
	assert_false(ka_baseline_has(&b, 0xbb, 1));
	assert_int_equal(ka_baseline_gone(&b), 1);
	assert_true(ka_baseline_next_gone(&b, &pos, &s, &oom));
	assert_string_equal(s.check, "privileged");
	assert_string_equal(s.path, "a b.yaml");
	assert_string_equal(s.level, "error");
	assert_string_equal(s.message,
			    "x \"y\" \xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbdz");
	assert_int_equal(s.line, 7);
	assert_int_equal(s.col, 3);
	assert_int_equal(s.end_col, 9);
	assert_false(s.sarif);
	assert_null(s.line_hash);
	ka_baseline_said_free(&s);
	/* The second was met again: the end. */
	assert_false(ka_baseline_next_gone(&b, &pos, &s, &oom));
	assert_false(oom);
	ka_baseline_free(&b);
}

static void sarif_results(void **state)
{
	struct ka_baseline b;
	struct ka_baseline_said s;
	size_t pos = 0;
	bool oom = false;

	(void)state;
	/* The second result has no uri of its own: it must not take the
	 * first one's. */
	assert_int_equal(
	    load(&b,
		 "{\"results\": [\n"
		 "{\"ruleId\": \"r1\", \"level\": \"note\", \"message\": "
		 "{\"text\": \"one\"}, \"locations\": [{\"physicalLocation\":"
		 " {\"artifactLocation\": {\"uri\": \"d/x.yaml\"}, "
		 "\"region\": {\"startLine\": 4, \"startColumn\": 5}}}], "
		 "\"partialFingerprints\": {\"primaryLocationLineHash\": "
		 "\"12:1\", \"kauditIdentity/v1\": \"01:1\"}},\n"
		 "{\"ruleId\": \"r2\", \"partialFingerprints\": "
		 "{\"kauditIdentity/v1\": \"02:1\"}}]}"),
	    0);
	assert_int_equal(b.n, 2);
	assert_true(ka_baseline_next_gone(&b, &pos, &s, &oom));
	assert_true(s.sarif);
	assert_string_equal(s.check, "r1");
	assert_string_equal(s.path, "d/x.yaml");
	assert_string_equal(s.message, "one");
	assert_string_equal(s.line_hash, "12:1");
	assert_int_equal(s.line, 4);
	assert_int_equal(s.col, 5);
	assert_int_equal(s.hash, 1);
	ka_baseline_said_free(&s);
	assert_true(ka_baseline_next_gone(&b, &pos, &s, &oom));
	assert_string_equal(s.check, "r2");
	assert_null(s.path);
	assert_null(s.message);
	assert_int_equal(s.line, 0);
	ka_baseline_said_free(&s);
	assert_false(ka_baseline_next_gone(&b, &pos, &s, &oom));
	ka_baseline_free(&b);
}

static void truncated(void **state)
{
	static const char *const texts[] = {
	    "{\"fingerprint\": \"aa:1\", \"message\": \"abc",
	    "{\"fingerprint\": \"aa:1\", \"message\": \"abc\\",
	    "{\"fingerprint\": \"aa:1\", \"message\": \"\\u12",
	    "{\"fingerprint\": \"aa:1\", \"message\": \"\\ud83d\\u",
	    "{\"fingerprint\": \"aa:1\", \"line\": 99999999999999999999",
	    "{\"message\": \"\\uZZZZ\", \"fingerprint\": \"aa:1\"}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct ka_baseline b;
		struct ka_baseline_said s;
		size_t pos = 0;
		bool oom = false;

		assert_int_equal(load(&b, texts[i]), 0);
		assert_true(ka_baseline_next_gone(&b, &pos, &s, &oom));
		assert_null(s.message);
		assert_true(s.line <= 1000000000u);
		ka_baseline_said_free(&s);
		ka_baseline_free(&b);
	}
}

static void no_identity(void **state)
{
	struct ka_baseline b;

	(void)state;
	assert_int_equal(load(&b, "{\"fingerprint\": \"zz:1\"}"), -1);
	assert_int_equal(load(&b, "{\"fingerprint\": \"aa:0\"}"), -1);
	assert_int_equal(load(&b, ""), -1);
}

/* Many identities: the table grows and keeps every one. */
static void many(void **state)
{
	size_t n = 5000, len = 0;
	char *text = malloc(n * 64 + 16);
	struct ka_baseline b;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len,
				       "{\"fingerprint\": "
				       "\"%zx:%zu\"}\n",
				       i * 7919, 1 + i % 3);
	assert_int_equal(load(&b, text), 0);
	assert_int_equal(b.n, n);
	for (size_t i = 0; i < n; i++)
		assert_true(ka_baseline_has(&b, i * 7919, 1 + i % 3));
	assert_int_equal(ka_baseline_gone(&b), 0);
	ka_baseline_free(&b);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(json_lines), cmocka_unit_test(sarif_results),
	    cmocka_unit_test(truncated),  cmocka_unit_test(no_identity),
	    cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
