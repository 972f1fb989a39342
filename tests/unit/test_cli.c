/* The option table: parsing, bounds, and the docs it writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/cli.h"

static int parse(struct ka_cli *cli, const char *const *args)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = "kaudit";
	for (; *args; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	optind = 0; /* getopt_long again from the start (GNU: re-init) */
	return ka_cli_parse(cli, argc, argv);
}

static void test_cli__options(void **state)
{
	struct ka_cli cli;
	const char *args[] = {
	    "-f",	 "sarif",    "--profile",     "baseline",  "-j",
	    "3",	 "--enable", "privileged",    "--disable", "host-ports",
	    "--color",	 "never",    "--pss-version", "v1.30",	   "--values",
	    "a.yaml",	 "--values", "b.yaml",	      "--set",	   "x=1",
	    "--release", "web",	     "--helm",	      "/opt/helm", "deploy/",
	    NULL};

	(void)state;
	assert_int_equal(parse(&cli, args), 0);
	assert_string_equal(cli.format->name, "sarif");
	assert_true(cli.choice.has_profile);
	assert_int_equal(cli.choice.policy.profile, KA_PROFILE_BASELINE);
	assert_int_equal(cli.choice.policy.version, 30);
	assert_int_equal(cli.jobs, 3);
	assert_int_equal(cli.choice.nlists, 2);
	assert_false(cli.choice.lists[1].on);
	assert_int_equal(cli.colour, 0);
	assert_int_equal(cli.npaths, 1);
	assert_string_equal(cli.paths[0], "deploy/");
	/* What is passed on to helm, in order. */
	assert_int_equal(cli.helm.nvalues, 2);
	assert_string_equal(cli.helm.values[1], "b.yaml");
	assert_int_equal(cli.helm.nsets, 1);
	assert_string_equal(cli.helm.sets[0], "x=1");
	assert_string_equal(cli.helm.release, "web");
	assert_string_equal(cli.helm.helm, "/opt/helm");
	ka_cli_free(&cli);
}

static void test_cli__bad_values(void **state)
{
	struct ka_cli cli;
	const char *const bad[][3] = {
	    {"--format", "xml", NULL},	      {"--jobs", "0", NULL},
	    {"--jobs", "257", NULL},	      {"--enable", "nope", NULL},
	    {"--fail-on", "bad", NULL},	      {"--pss-version", "2.0", NULL},
	    {"--no-such-option", NULL, NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&cli, bad[i]), -1);
		ka_cli_free(&cli);
	}
}

/* Every option of the table appears in --help and both completions. */
static void test_cli__docs_cover_the_table(void **state)
{
	char *help = NULL, *bash = NULL, *zsh = NULL, *man = NULL;
	size_t n;
	FILE *f;

	(void)state;
	f = open_memstream(&help, &n);
	ka_cli_help(f);
	fclose(f);
	f = open_memstream(&bash, &n);
	assert_int_equal(ka_cli_completion(f, "bash"), 0);
	fclose(f);
	f = open_memstream(&zsh, &n);
	assert_int_equal(ka_cli_completion(f, "zsh"), 0);
	fclose(f);
	f = open_memstream(&man, &n);
	ka_cli_man_options(f);
	fclose(f);
	for (size_t i = 0; i < ka_noptions; i++) {
		char want[64];

		snprintf(want, sizeof(want), "--%s", ka_options[i].name);
		assert_non_null(strstr(help, want));
		assert_non_null(strstr(bash, want));
		assert_non_null(strstr(zsh, want));
	}
	assert_non_null(strstr(
	    bash, "text json sarif github markdown gitlab junit objects"));
	assert_non_null(strstr(
	    help, "text|json|sarif|github|markdown|gitlab|junit|objects"));
	assert_non_null(strstr(man, "\\fB\\-\\-jobs\\fR \\fIN\\fR"));
	free(help);
	free(bash);
	free(zsh);
	free(man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cli__options),
	    cmocka_unit_test(test_cli__bad_values),
	    cmocka_unit_test(test_cli__docs_cover_the_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
