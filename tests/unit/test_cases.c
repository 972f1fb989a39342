/*
 * Data-driven cases: every file in tests/cases is audited with all checks
 * on, and its findings must match the inline markers exactly:
 *   `# expect: id[, id...]`  these findings on this line, and no others;
 *   `# expect-at N: id`      a finding on line N (where a comment cannot go);
 *   `# pass: id`             no finding of id in this document;
 *   `# expect-suppressed: id` a finding on this line that a waiver waived;
 *   `# profile: NAME`, `# pss-version: vN`  the policy for the whole file
 *                            (default: hardened, latest);
 *   `# today: YYYY-MM-DD`    the date waiver expiry is judged on;
 *   `# config: FILE`         a .kaudit.yaml (relative to tests/cases);
 *   `# enable: id[,id...]`   run only these checks (as --enable).
 * A file with neither config nor enable runs without the checks that
 * report nearly every pod (NOISY): each has its own cases, which enable
 * it, and the pod hardening cases stay about what they test.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collect.h"
#include "kaudit/config.h"
#include "kaudit/policy.h"

static const char *cases_dir;

#define NOISY                                                                  \
	"memory-limit,default-service-account,automount-service-account-token"

struct expect {
	unsigned line;
	char id[64];
	bool seen;
	bool suppressed;
};

struct pass {
	unsigned first, last; /* the document's lines */
	char id[64];
};

static void add_ids(struct expect *e, size_t *n, unsigned line, char *list,
		    bool suppressed)
{
	char *save = NULL;

	for (char *id = strtok_r(list, ", \r\n", &save); id;
	     id = strtok_r(NULL, ", \r\n", &save)) {
		assert_true(*n < 512);
		e[*n].line = line;
		snprintf(e[*n].id, sizeof(e[*n].id), "%s", id);
		e[*n].seen = false;
		e[*n].suppressed = suppressed;
		(*n)++;
	}
}

static int run_case(const char *path)
{
	static struct expect exp[512];
	static struct pass pass[128];
	size_t nexp = 0, npass = 0, doc_pass_start = 0;
	char line[8192];
	unsigned lineno = 0, doc_first = 1;
	int failures = 0;
	bool *enabled = calloc(ka_registry_len, sizeof(bool));
	struct ka_choice choice = {
	    .policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST},
	    .fail_on = KA_LEVEL_NOTE};
	struct ka_policy policy = choice.policy;
	struct ka_settings settings = {.enabled = enabled};
	static struct collected got;
	struct ka_config cfg;
	char config[4096] = "";
	static char enable[4096];
	int today = 20260601;
	FILE *f = fopen(path, "r");

	*enable = '\0';
	assert_non_null(f);
	assert_non_null(enabled);
	while (fgets(line, sizeof(line), f)) {
		char *m;

		lineno++;
		if (strncmp(line, "---", 3) == 0) {
			for (size_t i = doc_pass_start; i < npass; i++)
				pass[i].last = lineno - 1;
			doc_pass_start = npass;
			doc_first = lineno + 1;
		}
		if ((m = strstr(line, "# expect: ")))
			add_ids(exp, &nexp, lineno, m + 10, false);
		if ((m = strstr(line, "# expect-suppressed: ")))
			add_ids(exp, &nexp, lineno, m + 21, true);
		if ((m = strstr(line, "# today: ")))
			today = ka_parse_date(m + 9, 10);
		if ((m = strstr(line, "# config: "))) {
			snprintf(config, sizeof(config), "%s/%s", cases_dir,
				 strtok(m + 10, " \r\n"));
		}
		if ((m = strstr(line, "# enable: ")))
			snprintf(enable, sizeof(enable), "%s",
				 strtok(m + 10, " \r\n"));
		if ((m = strstr(line, "# expect-at "))) {
			unsigned at = (unsigned)strtoul(m + 12, &m, 10);

			assert_true(*m == ':');
			add_ids(exp, &nexp, at, m + 1, false);
		}
		if ((m = strstr(line, "# profile: ")))
			assert_int_equal(
			    ka_policy_parse_profile(strtok(m + 11, " \r\n"),
						    &policy.profile),
			    0);
		if ((m = strstr(line, "# pss-version: ")))
			assert_int_equal(
			    ka_policy_parse_version(strtok(m + 15, " \r\n"),
						    &policy.version),
			    0);
		if ((m = strstr(line, "# pass: "))) {
			assert_true(npass < 128);
			snprintf(pass[npass].id, sizeof(pass[npass].id), "%s",
				 strtok(m + 8, " \r\n"));
			pass[npass].first = doc_first;
			pass[npass].last = UINT32_MAX;
			npass++;
		}
	}
	fclose(f);

	assert_int_equal(ka_config_init(&cfg), 0);
	if (*config)
		assert_int_equal(ka_config_load(&cfg, config, stderr), 0);
	/* The profile and version of the markers win, as options would. */
	choice.has_profile = choice.has_version = true;
	choice.policy = policy;
	choice.lists[0].ids = *enable ? enable : NOISY;
	choice.lists[0].on = *enable;
	choice.nlists = *enable || !*config;
	ka_config_settle(&cfg, &choice, today, &settings);
	assert_false(collect_run(&got, &settings, &cfg, &path, 1, 1));
	for (size_t i = 0; i < got.n; i++) {
		const struct kept *fd = &got.v[i];
		bool matched = false;

		for (size_t j = 0; j < nexp && !matched; j++) {
			if (!exp[j].seen && exp[j].line == fd->line &&
			    exp[j].suppressed == (fd->waiver != 0) &&
			    strcmp(exp[j].id, fd->check->id) == 0) {
				exp[j].seen = true;
				matched = true;
			}
		}
		if (!matched) {
			fprintf(stderr,
				"%s:%u:%u: unexpected %sfinding: %s [%s]\n",
				path, fd->line, fd->col,
				fd->waiver ? "suppressed " : "", fd->message,
				fd->check->id);
			failures++;
		}
		for (size_t j = 0; j < npass; j++) {
			if (!fd->waiver && fd->line >= pass[j].first &&
			    fd->line <= pass[j].last &&
			    strcmp(pass[j].id, fd->check->id) == 0) {
				fprintf(stderr,
					"%s:%u: '# pass: %s' document has "
					"finding: %s\n",
					path, fd->line, pass[j].id,
					fd->message);
				failures++;
			}
		}
	}
	for (size_t j = 0; j < nexp; j++) {
		if (!exp[j].seen) {
			fprintf(
			    stderr, "%s:%u: missing expected %sfinding [%s]\n",
			    path, exp[j].line,
			    exp[j].suppressed ? "suppressed " : "", exp[j].id);
			failures++;
		}
	}
	collect_free(&got);
	ka_config_free(&cfg);
	free(enabled);
	return failures;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_cases__match_inline_markers(void **state)
{
	char *names[256];
	size_t n = 0;
	int failures = 0;
	struct dirent *e;
	DIR *d = opendir(cases_dir);

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && n < 256 &&
		    (strstr(e->d_name, ".yaml") ||
		     strstr(e->d_name, ".json")) &&
		    !strstr(e->d_name, ".kaudit.yaml"))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	assert_true(n >= 10);
	for (size_t i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", cases_dir, names[i]);
		failures += run_case(path);
		free(names[i]);
	}
	assert_int_equal(failures, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases__match_inline_markers),
	};

	cases_dir = argc > 1 ? argv[1] : "tests/cases";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
