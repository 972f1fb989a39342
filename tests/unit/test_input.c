/* Inputs: a file that vanishes between the walk and its audit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/audit.h"
#include "kaudit/input.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_input__file_vanishes_during_the_walk(void **state)
{
	char dir[] = "/tmp/kaudit-input-XXXXXX", a[64], b[64];
	bool enabled[64] = {false};
	struct ka_settings s = {.enabled = enabled, .today = 20260101};
	struct ka_auditor *au = ka_auditor_new(&s);
	struct ka_inputs l = {0};
	struct ka_finding *f;
	size_t n;
	int fd;

	(void)state;
	assert_non_null(au);
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a.yaml", dir);
	snprintf(b, sizeof(b), "%s/b.yaml", dir);
	write_file(a, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
	write_file(b, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
	assert_int_equal(ka_input_collect(&l, dir, "<stdin>"), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(unlink(a), 0); /* gone before it is read */
	assert_int_equal(ka_input_open(&l.v[0]), -1);
	assert_int_equal(l.v[0].status, KA_INPUT_UNREADABLE);
	assert_string_equal(l.v[0].error, "No such file or directory");
	fd = ka_input_open(&l.v[1]);
	assert_true(fd >= 0);
	assert_int_equal(ka_auditor_open(au, &s, &l.v[1], 1, fd), 0);
	assert_int_equal(ka_auditor_next(au, &f, &n), 0); /* no finding */
	close(fd);
	assert_int_equal(l.v[1].status, KA_INPUT_AUDITED);
	assert_int_equal(l.v[1].documents, 1);
	ka_auditor_free(au);
	ka_inputs_free(&l);
	unlink(b);
	rmdir(dir);
}

static void test_input__walk_is_sorted_and_filtered(void **state)
{
	char dir[] = "/tmp/kaudit-input-XXXXXX", p[128];
	const char *names[] = {"b.yml", "a.json", "c.txt", ".hidden.yaml",
			       "A.yaml"};
	struct ka_inputs l = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		write_file(p, "{}\n");
	}
	assert_int_equal(ka_input_collect(&l, dir, "<stdin>"), 0);
	assert_int_equal(l.n, 4);
	/* A hidden file kaudit would read is listed as skipped. */
	assert_non_null(strstr(l.v[0].path, "/.hidden.yaml"));
	assert_int_equal(l.v[0].status, KA_INPUT_SKIPPED);
	assert_string_equal(l.v[0].error, KA_SKIP_HIDDEN);
	assert_non_null(strstr(l.v[1].path, "/A.yaml"));
	assert_non_null(strstr(l.v[2].path, "/a.json"));
	assert_non_null(strstr(l.v[3].path, "/b.yml"));
	ka_inputs_free(&l);
	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_input__file_vanishes_during_the_walk),
	    cmocka_unit_test(test_input__walk_is_sorted_and_filtered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
