/*
 * The fix engine below the checks: fixes to byte edits (merged inserts,
 * line breaks and byte order marks, windows, conflicts, removals), the
 * unified diff, and --pin-digests files.
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

#include "kaudit/fix.h"
#include "kaudit/pins.h"

#define D64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* buf with fixes fx[0..n) made, as a new string. */
static char *fixed(const char *buf, struct ka_fix **fx, size_t n, bool *applied)
{
	struct ka_edit *e;
	long ne = ka_fix_edits(buf, strlen(buf), fx, n, applied, &e);
	char *out;
	size_t len;

	assert_true(ne >= 0);
	assert_int_equal(
	    ka_edits_apply(buf, strlen(buf), e, (size_t)ne, &out, &len), 0);
	ka_edits_free(e, (size_t)ne);
	assert_int_equal(strlen(out), len);
	return out;
}

static struct ka_fix insert(unsigned line, unsigned col, unsigned indent,
			    const char *keys, const char *text)
{
	return (struct ka_fix){.op = KA_FIX_INSERT,
			       .line = line,
			       .col = col,
			       .indent = indent,
			       .step = 2,
			       .keys = (char *)keys,
			       .text = (char *)text};
}

static void test_fix__inserts_at_one_place_merge(void **state)
{
	/* Three fixes need one missing securityContext: one is written. */
	const char *in = "spec:\n  containers:\n  - name: a\n    image: x\n"
			 "  volumes: []\n";
	struct ka_fix a =
	    insert(4, 13, 4, "securityContext.runAsNonRoot", "true");
	struct ka_fix b = insert(
	    4, 13, 4, "securityContext.allowPrivilegeEscalation", "false");
	struct ka_fix c = insert(4, 13, 4, "securityContext.runAsNonRoot",
				 "true"); /* the same again: made once */
	struct ka_fix *fx[] = {&a, &b, &c};
	bool applied[3];
	char *out = fixed(in, fx, 3, applied);

	(void)state;
	assert_string_equal(out,
			    "spec:\n  containers:\n  - name: a\n    image: x\n"
			    "    securityContext:\n"
			    "      allowPrivilegeEscalation: false\n"
			    "      runAsNonRoot: true\n"
			    "  volumes: []\n");
	assert_true(applied[0] && applied[1] && applied[2]);
	free(out);
}

static void test_fix__crlf_bom_and_no_final_break(void **state)
{
	/* The inserted lines end as the file's do; a file without a final
	 * break stays without one; columns after a byte order mark. */
	const char *in = "\xef\xbb\xbf"
			 "a: 1\r\nb:\r\n  c: 2";
	struct ka_fix x = insert(3, 7, 2, "d", "3");
	struct ka_fix r = {.op = KA_FIX_REPLACE,
			   .line = 1,
			   .col = 4,
			   .end_line = 1,
			   .end_col = 5,
			   .old = "1",
			   .text = "9"};
	struct ka_fix *fx[] = {&x, &r};
	char *out = fixed(in, fx, 2, NULL);

	(void)state;
	assert_string_equal(out, "\xef\xbb\xbf"
				 "a: 9\r\nb:\r\n  c: 2\r\n  d: 3");
	free(out);
}

static void test_fix__flow_and_json(void **state)
{
	const char *in = "{\"a\": {\"b\": 1}, \"c\": {}}\n";
	struct ka_fix x = {.op = KA_FIX_INSERT,
			   .flow = true,
			   .quote = true,
			   .line = 1,
			   .col = 14,
			   .keys = "d.e",
			   .text = "RuntimeDefault"};
	struct ka_fix y = {.op = KA_FIX_INSERT,
			   .flow = true,
			   .empty = true,
			   .quote = true,
			   .line = 1,
			   .col = 23,
			   .keys = "f",
			   .text = "false"};
	struct ka_fix *fx[] = {&x, &y};
	char *out = fixed(in, fx, 2, NULL);

	(void)state;
	assert_string_equal(out,
			    "{\"a\": {\"b\": 1, \"d\": {\"e\": "
			    "\"RuntimeDefault\"}}, \"c\": {\"f\": false}}\n");
	free(out);
}

static void test_fix__a_changed_file_is_not_edited(void **state)
{
	/* The value is no longer what the fix replaces: left out. */
	const char *in = "privileged: false\n";
	struct ka_fix r = {.op = KA_FIX_REPLACE,
			   .line = 1,
			   .col = 13,
			   .end_line = 1,
			   .end_col = 17,
			   .old = "true",
			   .text = "false"};
	struct ka_fix *fx[] = {&r};
	bool applied[1] = {true};
	char *out = fixed(in, fx, 1, applied);

	(void)state;
	assert_string_equal(out, in);
	assert_false(applied[0]);
	free(out);
}

static void test_fix__removals_from_a_flow_list_are_one_edit(void **state)
{
	const char *in = "add: [A, B, C, D]\n";
	struct ka_fix_span items[] = {
	    {1, 7, 1, 8}, {1, 10, 1, 11}, {1, 13, 1, 14}, {1, 16, 1, 17}};
	struct ka_fix r[4];
	const char *names[] = {"A", "B", "C", "D"};
	struct ka_fix *fx[3];
	char *out;

	(void)state;
	for (unsigned i = 0; i < 4; i++)
		r[i] = (struct ka_fix){.op = KA_FIX_REMOVE,
				       .flow = true,
				       .line = 1,
				       .col = items[i].col,
				       .end_line = 1,
				       .end_col = items[i].end_col,
				       .old = (char *)names[i],
				       .text = "",
				       .index = i,
				       .nitems = 4,
				       .items = items};
	fx[0] = &r[2];
	fx[1] = &r[3];
	out = fixed(in, fx, 2, NULL);
	assert_string_equal(out, "add: [A, B]\n");
	free(out);
	fx[0] = &r[0];
	fx[1] = &r[2];
	out = fixed(in, fx, 2, NULL);
	assert_string_equal(out, "add: [B, D]\n");
	free(out);
	fx[0] = &r[0];
	fx[1] = &r[1];
	fx[2] = &r[2];
	out = fixed(in, fx, 3, NULL);
	assert_string_equal(out, "add: [D]\n");
	free(out);
}

static void test_fix__removal_from_a_block_list_takes_the_line(void **state)
{
	const char *in = "add:\n  - SYS_ADMIN  # why\n  - NET_RAW\n";
	struct ka_fix r = {.op = KA_FIX_REMOVE,
			   .line = 2,
			   .col = 5,
			   .end_line = 2,
			   .end_col = 14,
			   .old = "SYS_ADMIN",
			   .text = ""};
	struct ka_fix *fx[] = {&r};
	char *out = fixed(in, fx, 1, NULL);

	(void)state;
	assert_string_equal(out, "add:\n  - NET_RAW\n");
	free(out);
}

static void test_fix__a_window_of_a_stream(void **state)
{
	/* A document that starts on line 10: its edits carry file lines. */
	const char *doc = "a:\n  b: 1\nc: 2\n";
	struct ka_fix_window w = {doc, strlen(doc), 10, 1, true};
	struct ka_fix x = insert(11, 7, 2, "d", "x");
	struct ka_fix *fx[] = {&x};
	struct ka_edit *e;
	long edit_of[1];
	long ne = ka_fix_edits_in(&w, fx, 1, NULL, edit_of, &e);

	(void)state;
	assert_int_equal(ne, 1);
	assert_int_equal(edit_of[0], 0);
	assert_int_equal(e[0].line, 12);
	assert_int_equal(e[0].col, 1);
	assert_int_equal(e[0].end_line, 12);
	assert_int_equal(e[0].end_col, 1);
	assert_string_equal(e[0].text, "  d: x\n");
	ka_edits_free(e, 1);
}

static void test_fix__diff_marks_a_missing_final_break(void **state)
{
	const char *in = "a: 1\nb: 2";
	struct ka_edit e = {.start = 8, .end = 9, .text = "3", .len = 1};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_int_equal(
	    ka_edits_diff(f, "x.yaml", in, strlen(in), &e, 1, false), 0);
	fclose(f);
	assert_string_equal(out, "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,2 +1,2 @@\n"
				 " a: 1\n-b: 2\n\\ No newline at end of file\n"
				 "+b: 3\n\\ No newline at end of file\n");
	free(out);
}

static void test_fix__diff_quotes_hostile_paths(void **state)
{
	const char *in = "a: 1\n";
	struct ka_edit e = {.start = 3, .end = 4, .text = "2", .len = 1};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_int_equal(
	    ka_edits_diff(f, "x\n+++ b/evil", in, strlen(in), &e, 1, false), 0);
	fclose(f);
	assert_non_null(strstr(out, "--- \"a/x\\n+++ b/evil\"\n"));
	assert_null(strstr(out, "\n+++ b/evil\n"));
	free(out);
}

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/kaudit-pins-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_pins__both_spellings_and_errors(void **state)
{
	char *ok = write_temp("# c\napp:1 sha256:" D64 "\n\n"
			      "r.example/b:2@sha256:" D64 "  # x\n");
	char *bad = write_temp("app:1 sha256:" D64 "\napp:2 sha256:abc\n");
	char *twice = write_temp("app:1 sha256:" D64 "\napp:1 sha256:"
				 "1123456789abcdef0123456789abcdef"
				 "0123456789abcdef0123456789abcdef\n");
	struct ka_pins p;
	FILE *err = fopen("/dev/null", "w");

	(void)state;
	assert_int_equal(ka_pins_load(&p, ok, err), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(ka_pins_find(&p, "app:1"), "sha256:" D64);
	assert_string_equal(ka_pins_find(&p, "r.example/b:2"), "sha256:" D64);
	assert_null(ka_pins_find(&p, "app"));
	ka_pins_free(&p);
	assert_int_equal(ka_pins_load(&p, bad, err), -1);
	assert_int_equal(ka_pins_load(&p, twice, err), -1);
	assert_int_equal(ka_pins_load(&p, "/nonexistent/pins", err), -1);
	assert_null(ka_pins_find(NULL, "app:1"));
	fclose(err);
	unlink(ok);
	unlink(bad);
	unlink(twice);
	free(ok);
	free(bad);
	free(twice);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fix__inserts_at_one_place_merge),
	    cmocka_unit_test(test_fix__crlf_bom_and_no_final_break),
	    cmocka_unit_test(test_fix__flow_and_json),
	    cmocka_unit_test(test_fix__a_changed_file_is_not_edited),
	    cmocka_unit_test(test_fix__removals_from_a_flow_list_are_one_edit),
	    cmocka_unit_test(
		test_fix__removal_from_a_block_list_takes_the_line),
	    cmocka_unit_test(test_fix__a_window_of_a_stream),
	    cmocka_unit_test(test_fix__diff_marks_a_missing_final_break),
	    cmocka_unit_test(test_fix__diff_quotes_hostile_paths),
	    cmocka_unit_test(test_pins__both_spellings_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
