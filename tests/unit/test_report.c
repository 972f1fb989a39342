/* The reporters: the table, and what each writes for one small run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/linehash.h"

#include "kaudit/queue.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

static const char manifest[] =
    "kind: Pod\nmetadata: {name: web, namespace: shop}\n"
    "spec:\n  containers:\n    - name: app\n      image: nginx\n"
    "      securityContext:\n        privileged: true\n"
    "---\nkind: Pod\nmetadata: {name: [\n";

/* Run the pipeline with format name on manifest; the report, malloc'd. */
static char *report(const char *name)
{
	/* In the current directory: a SARIF URI must be relative. */
	char path[] = "kaudit-report-XXXXXX";
	int fd = mkstemp(path);
	bool enabled[64] = {false};
	struct ka_settings s = {.enabled = enabled, .today = 20260101};
	char *buf = NULL;
	size_t len = 0;
	struct ka_report_options o = {.out = open_memstream(&buf, &len)};
	struct ka_run run;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, manifest, strlen(manifest)),
			 (ssize_t)strlen(manifest));
	close(fd);
	enabled[ka_registry_index(ka_registry_find("privileged"))] = true;
	ka_run_init(&run, &s);
	assert_int_equal(ka_inputs_add(&run.inputs, path, false), 0);
	assert_non_null(ka_reporter_find(name));
	assert_int_equal(ka_run_begin(&run, ka_reporter_find(name), &o), 0);
	ka_queue_run(&run, 1);
	ka_run_finish(&run);
	assert_int_equal(ka_run_end(&run), 0);
	assert_int_equal(run.counts[KA_LEVEL_ERROR], 2);
	ka_run_free(&run);
	fclose(o.out);
	unlink(path);
	return buf;
}

static void test_report__table(void **state)
{
	(void)state;
	assert_string_equal(ka_reporters[0]->name, "text");
	for (size_t i = 0; ka_reporters[i]; i++) {
		assert_ptr_equal(ka_reporter_find(ka_reporters[i]->name),
				 ka_reporters[i]);
		assert_non_null(ka_reporters[i]->help);
	}
	assert_null(ka_reporter_find("xml"));
}

static void test_report__text(void **state)
{
	char *r = report("text");

	(void)state;
	assert_non_null(strstr(r, ":8:21: error: container 'app' is "
				  "privileged; set privileged: false "));
	assert_non_null(strstr(r, " [privileged]\n"));
	assert_non_null(strstr(r, "error: did not find expected node content"));
	assert_non_null(strstr(r, "[yaml-syntax]\n"));
	free(r);
}

static void test_report__github(void **state)
{
	char *r = report("github");

	(void)state;
	assert_non_null(strstr(r, "::error file="));
	assert_non_null(strstr(r, ",line=8,col=21,endLine=8,endColumn=25,"
				  "title=privileged (Container runs "
				  "privileged)::Pod/web: container 'app' is "
				  "privileged; set privileged: false"));
	free(r);
}

static void test_report__json(void **state)
{
	char *r = report("json");

	(void)state;
	assert_true(strncmp(r, "{\n  \"version\": 1,\n", 18) == 0);
	assert_non_null(strstr(r, "\"namespace\": \"shop\""));
	assert_non_null(strstr(r, "\"field\": \"spec.containers[0]."
				  "securityContext.privileged\""));
	assert_non_null(strstr(r,
			       "\"summary\": {\"findings\": 2, \"errors\": "
			       "2, \"warnings\": 0, \"notes\": 0, "
			       "\"suppressed\": 0, \"files\": 1, "
			       "\"documents\": 2, \"not_manifests\": 0}\n}\n"));
	free(r);
}

static void test_report__sarif(void **state)
{
	char *r = report("sarif");

	(void)state;
	assert_non_null(strstr(r, "\"version\": \"2.1.0\""));
	assert_non_null(strstr(r, "\"ruleId\": \"privileged\""));
	assert_non_null(strstr(r, "\"kauditIdentity/v1\""));
	assert_non_null(strstr(r, "\"fullyQualifiedName\": \"Pod/shop/web\""));
	/* The unreadable document is a notification too. */
	assert_non_null(strstr(r, "A document could not be read"));
	assert_non_null(strstr(r, "\"executionSuccessful\": true"));
	free(r);
}

/* GitHub's own example (codeql-action's testdata), and the count of equal
 * lines: two identical files' lines hash alike, a repeat counts up. */
static void test_report__github_line_hash(void **state)
{
	const char text[] = "var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n";
	const char twice[] = "x\n\nx\n\n";
	struct ka_linehash h;
	char buf[48], first[48];

	(void)state;
	assert_int_equal(ka_linehash(text, strlen(text), &h), 0);
	assert_int_equal(ka_linehash_format(&h, 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "5e4d5a9cf1294ad9:1");
	ka_linehash_free(&h);
	assert_int_equal(ka_linehash(twice, strlen(twice), &h), 0);
	assert_int_equal(ka_linehash_format(&h, 2, first, sizeof(first)), 0);
	assert_int_equal(ka_linehash_format(&h, 4, buf, sizeof(buf)), 0);
	assert_string_not_equal(buf, first); /* the ends differ */
	assert_int_equal(ka_linehash_format(&h, 99, buf, sizeof(buf)), -1);
	ka_linehash_free(&h);
}

/* The streamed hashes of some lines equal the whole file's, across read
 * boundaries that cut UTF-8 sequences, CRLF and repeated lines. */
static void test_report__line_hash_streamed(void **state)
{
	static const char *const units[] = {
	    "a: b\n", "  - x: \xc3\xa9t\xc3\xa9\r\n", "k: \xf0\x9f\x98\x80\n",
	    "\n", "v: \xe2\x82\xac\xe2\x82\xac\n"};
	size_t len = 0, cap = 300000, lines[64], n = 0;
	char *text = malloc(cap), path[] = "/tmp/kaudit-linehash-XXXXXX";
	struct ka_linehash h;
	uint64_t hash[64];
	uint32_t count[64];
	int fd;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; len + 32 < cap; i++) {
		const char *u = units[(i * 7 + i / 3) % 5];

		memcpy(text + len, u, strlen(u));
		len += strlen(u);
	}
	assert_int_equal(ka_linehash(text, len, &h), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	for (size_t l = 1; l < h.nlines && n < 60; l += 1 + l * 7 % 997)
		lines[n++] = l;
	lines[n] = lines[n - 1]; /* a repeat */
	n++;
	lines[n++] = h.nlines + 5; /* past the end */
	assert_int_equal(ka_linehash_lines(path, lines, n, hash, count), 0);
	for (size_t i = 0; i + 1 < n; i++) {
		assert_true(count[i] > 0);
		assert_true(hash[i] == h.hash[lines[i]]);
		assert_int_equal(count[i], h.count[lines[i]]);
	}
	assert_int_equal(count[n - 1], 0);
	assert_int_equal(
	    ka_linehash_lines("/nonexistent/x", lines, n, hash, count), -1);
	unlink(path);
	ka_linehash_free(&h);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report__github_line_hash),
	    cmocka_unit_test(test_report__line_hash_streamed),
	    cmocka_unit_test(test_report__table),
	    cmocka_unit_test(test_report__text),
	    cmocka_unit_test(test_report__github),
	    cmocka_unit_test(test_report__json),
	    cmocka_unit_test(test_report__sarif),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
