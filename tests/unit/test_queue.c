/*
 * The queue: -j 1 and -j N deliver the same findings in the same order
 * (input order, then line); unreadable inputs are marked and the others
 * still audited.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"

static char dir[] = "/tmp/kaudit-queue-XXXXXX";

static void write_files(size_t n)
{
	strcpy(dir, "/tmp/kaudit-queue-XXXXXX");
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < n; i++) {
		char path[128];
		FILE *f;

		snprintf(path, sizeof(path), "%s/f%03zu.yaml", dir, i);
		f = fopen(path, "w");
		assert_non_null(f);
		/* Documents of different sizes, so threads finish out of order.
		 */
		for (size_t d = 0; d < 1 + i % 7; d++)
			fprintf(f,
				"---\napiVersion: v1\nkind: Pod\nmetadata: "
				"{name: p%zu}\n"
				"spec:\n  containers:\n    - name: c\n"
				"      image: nginx\n"
				"      securityContext: {privileged: true}\n",
				d);
		fclose(f);
	}
}

static void remove_files(size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char path[128];

		snprintf(path, sizeof(path), "%s/f%03zu.yaml", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

static void test_queue__order_is_the_same_for_any_jobs(void **state)
{
	static struct collected one, four;
	bool enabled[64];
	struct ka_settings s = {.enabled = enabled,
				.policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST},
				.today = 20260101};
	const char *paths[] = {dir};

	(void)state;
	for (size_t i = 0; i < ka_registry_len; i++)
		enabled[i] = true;
	write_files(40);
	assert_false(collect_run(&one, &s, NULL, paths, 1, 1));
	assert_false(collect_run(&four, &s, NULL, paths, 1, 4));
	assert_true(one.n > 40 * 4);
	assert_int_equal(one.n, four.n);
	for (size_t i = 0, prev[2] = {0, 0}, seen[2] = {0, 0}; i < one.n; i++) {
		/* Findings held until the scan is read (their ServiceAccount
		 * or NetworkPolicy unknown: kaudit/facts.h) come after the
		 * others; each kind in input order, then line. */
		const char *id = one.v[i].check->id;
		size_t held =
		    strcmp(id, "automount-service-account-token") == 0 ||
		    strcmp(id, "network-policy-missing") == 0;
		size_t p = prev[held];

		assert_string_equal(one.v[i].path, four.v[i].path);
		assert_int_equal(one.v[i].line, four.v[i].line);
		assert_ptr_equal(one.v[i].check, four.v[i].check);
		assert_string_equal(one.v[i].message, four.v[i].message);
		assert_false(!held && seen[1]);
		if (seen[held])
			assert_true(
			    strcmp(one.v[p].path, one.v[i].path) < 0 ||
			    (strcmp(one.v[p].path, one.v[i].path) == 0 &&
			     one.v[p].line <= one.v[i].line));
		prev[held] = i;
		seen[held] = 1;
	}
	collect_free(&one);
	collect_free(&four);
	remove_files(40);
}

static void test_queue__unreadable_input_does_not_stop_the_run(void **state)
{
	static struct collected got;
	bool enabled[64] = {false};
	struct ka_settings s = {.enabled = enabled, .today = 20260101};
	struct ka_report_options o = {.out = (FILE *)(void *)&got};
	struct ka_run run;

	(void)state;
	enabled[ka_registry_index(ka_registry_find("privileged"))] = true;
	write_files(3);
	ka_run_init(&run, &s);
	assert_int_equal(ka_input_collect(&run.inputs, dir, "<stdin>"), 0);
	assert_int_equal(
	    ka_input_collect(&run.inputs, "/nonexistent.yaml", "<stdin>"), 0);
	ka_inputs_sort(&run.inputs);
	assert_int_equal(ka_run_begin(&run, &collect_reporter, &o), 0);
	ka_queue_run(&run, 2);
	ka_run_finish(&run);
	ka_run_end(&run);
	assert_true(ka_run_input_trouble(&run));
	assert_int_equal(run.inputs.v[0].status, KA_INPUT_MISSING);
	assert_int_equal(run.inputs.v[1].status, KA_INPUT_AUDITED);
	assert_int_equal(run.counts[KA_LEVEL_ERROR], 1 + 2 + 3);
	assert_int_equal(got.n, 6);
	ka_run_free(&run);
	collect_free(&got);
	remove_files(3);
}

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * Files met walking a directory that are no Kubernetes manifests (a
 * playbook, a workflow, broken YAML without apiVersion and kind) are
 * skipped, never reported; a manifest's findings, held until a document
 * shows it is one, are all delivered.
 */
static void test_queue__walked_non_manifests_are_skipped(void **state)
{
	static struct collected got;
	bool enabled[64];
	struct ka_settings s = {.enabled = enabled, .today = 20260101};
	struct ka_report_options o = {.out = (FILE *)(void *)&got};
	const char *names[] = {"a-playbook.yml", "b-workflow.yml",
			       "c-broken.yaml", "d-manifest.yaml"};
	struct ka_run run;

	(void)state;
	for (size_t i = 0; i < ka_registry_len; i++)
		enabled[i] = ka_registry[i]->input;
	strcpy(dir, "/tmp/kaudit-queue-XXXXXX");
	assert_non_null(mkdtemp(dir));
	put(names[0], "- hosts: all\n  tasks: []\n");
	put(names[1], "on: push\njobs: {a: {runs-on: x, runs-on: y}}\n");
	put(names[2], "a: [\n");
	put(names[3], "x: [\n---\n- 1\n---\napiVersion: v1\nkind: Pod\n"
		      "metadata: {name: p, name: q}\n");
	ka_run_init(&run, &s);
	assert_int_equal(ka_input_collect(&run.inputs, dir, "<stdin>"), 0);
	ka_inputs_sort(&run.inputs);
	assert_int_equal(ka_run_begin(&run, &collect_reporter, &o), 0);
	ka_queue_run(&run, 2);
	ka_run_finish(&run);
	ka_run_end(&run);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(run.inputs.v[i].status, KA_INPUT_NOT_MANIFEST);
		assert_string_equal(run.inputs.v[i].error, KA_NOT_MANIFEST);
	}
	assert_int_equal(run.inputs.v[3].status, KA_INPUT_AUDITED);
	/* The manifest: a syntax error, a list document, a duplicate key. */
	assert_int_equal(got.n, 3);
	for (size_t i = 0; i < got.n; i++)
		assert_non_null(strstr(got.v[i].path, names[3]));
	assert_string_equal(got.v[0].check->id, "yaml-syntax");
	assert_string_equal(got.v[1].check->id, "yaml-syntax");
	assert_string_equal(got.v[2].check->id, "duplicate-key");
	ka_run_free(&run);
	collect_free(&got);
	for (size_t i = 0; i < 4; i++) {
		char path[128];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/*
 * One line numbering everywhere: libyaml's breaks (LF, lone CR, NEL, LS,
 * PS) count in findings, in the splitter's document starts and in waiver
 * comments alike.
 */
static void test_queue__every_line_break_counts(void **state)
{
	static struct collected got;
	bool enabled[64] = {false};
	struct ka_settings s = {.enabled = enabled, .today = 20260101};
	const char *paths[] = {dir};

	(void)state;
	enabled[ka_registry_index(ka_registry_find("privileged"))] = true;
	strcpy(dir, "/tmp/kaudit-queue-XXXXXX");
	assert_non_null(mkdtemp(dir));
	put("breaks.yaml",
	    "apiVersion: v1\nkind: Pod\rmetadata: {name: p}\xc2\x85spec:"
	    "\xe2\x80\xa8  containers:\xe2\x80\xa9  - name: c\n    image: x\r"
	    "    # kaudit:ignore privileged the agent needs it\n"
	    "    securityContext: {privileged: true}\n---\n"
	    "apiVersion: v1\rkind: Pod\nmetadata: {name: q}\nspec:\n"
	    "  containers:\n  - name: c\n    image: x\n"
	    "    securityContext: {privileged: true}\n");
	assert_false(collect_run(&got, &s, NULL, paths, 1, 1));
	assert_int_equal(got.n, 2);
	assert_int_equal(got.v[0].line, 9);
	assert_int_equal(got.v[0].waiver, KA_WAIVER_COMMENT);
	assert_int_equal(got.v[1].line, 18);
	assert_int_equal(got.v[1].waiver, 0);
	collect_free(&got);
	{
		char path[128];

		snprintf(path, sizeof(path), "%s/breaks.yaml", dir);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_queue__order_is_the_same_for_any_jobs),
	    cmocka_unit_test(
		test_queue__unreadable_input_does_not_stop_the_run),
	    cmocka_unit_test(test_queue__walked_non_manifests_are_skipped),
	    cmocka_unit_test(test_queue__every_line_break_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
