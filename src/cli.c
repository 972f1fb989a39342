/*
 * The command line: see kaudit/cli.h. The options are the table in
 * cli_options.c; their values are checked in cli_args.c.
 */
#include "kaudit/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "version.h"

/* What --help and the man page show after the option's name. */
static const char *metavar(const struct ka_option *o, char *buf, size_t size)
{
	if (o->metavar)
		return o->metavar;
	ka_cli_values(buf, size, o, "|");
	return buf;
}

void ka_cli_help(FILE *out)
{
	fprintf(out,
		"Usage: kaudit [OPTIONS] [PATH...]\n"
		"Audit Kubernetes manifests for security hardening gaps.\n\n"
		"PATH is a file, a directory (walked recursively for *.yaml, "
		"*.yml, *.json)\nor - for stdin; the default is the current "
		"directory.\n\nOptions:\n");
	for (size_t i = 0; i < ka_noptions; i++) {
		const struct ka_option *o = &ka_options[i];
		char left[128], mv[96];
		const char *m =
		    o->arg == KA_ARG_NONE ? "" : metavar(o, mv, sizeof(mv));

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 o->short_name, o->name, *m ? " " : "", m);
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				 *m ? " " : "", m);
		if (strlen(left) > 28)
			fprintf(out, "  %s\n  %-28s  %s\n", left, "", o->help);
		else
			fprintf(out, "  %-28s  %s\n", left, o->help);
	}
	fprintf(out,
		"\nExit status: 0 no finding at or above --fail-on; 1 "
		"findings;\n2 kaudit could not do its job (bad usage, a PATH "
		"that does not exist,\nan unreadable input, output not "
		"writable, internal error).\n");
}

/* The options passed on to helm: true when n is one. */
static bool store_helm(struct ka_cli *cli, const char *n, const char *arg)
{
	struct ka_helm_opts *h = &cli->helm;

	if (strcmp(n, "values") == 0)
		h->values[h->nvalues++] = arg;
	else if (strcmp(n, "set") == 0)
		h->sets[h->nsets++] = arg;
	else if (strcmp(n, "api-versions") == 0)
		h->api_versions[h->napi++] = arg;
	else if (strcmp(n, "release") == 0)
		h->release = arg;
	else if (strcmp(n, "namespace") == 0)
		h->ns = arg;
	else if (strcmp(n, "kube-version") == 0)
		h->kube_version = arg;
	else if (strcmp(n, "helm") == 0)
		h->helm = arg;
	else
		return false;
	return true;
}

/* Add the comma-separated ids arg to the list *ids: 0, or -1. */
static int append_ids(char **ids, const char *arg)
{
	size_t had = *ids ? strlen(*ids) + 1 : 0;
	char *v = realloc(*ids, had + strlen(arg) + 1);

	if (!v)
		return -1;
	if (had)
		v[had - 1] = ',';
	strcpy(v + had, arg);
	*ids = v;
	return 0;
}

/* --fix, --diff, --fix-only, --pin-digests: true when n is one, with
 * *rc. */
static bool store_fix(struct ka_cli *cli, const char *n, const char *arg,
		      int *rc)
{
	*rc = 0;
	if (strcmp(n, "fix") == 0)
		cli->fix = true;
	else if (strcmp(n, "diff") == 0)
		cli->diff = true;
	else if (strcmp(n, "fix-only") == 0)
		*rc = append_ids(&cli->fix_only, arg);
	else if (strcmp(n, "pin-digests") == 0)
		cli->pin_digests = arg;
	else
		return false;
	return true;
}

/* Store option o's value (checked) into cli. */
static int store(struct ka_cli *cli, const struct ka_option *o, const char *arg,
		 int v)
{
	struct ka_choice *c = &cli->choice;
	const char *n = o->name;
	int rc;

	if (store_helm(cli, n, arg))
		return 0;
	if (store_fix(cli, n, arg, &rc))
		return rc;
	if (strcmp(n, "format") == 0) {
		cli->format_name = arg;
		cli->format = ka_reporter_find(arg);
	} else if (strcmp(n, "output") == 0) {
		cli->output = arg;
	} else if (strcmp(n, "stdin-filename") == 0) {
		cli->stdin_name = arg;
		cli->stdin_named = true;
	} else if (strcmp(n, "chart-root") == 0) {
		c->chart_root = arg;
	} else if (strcmp(n, "sarif-category") == 0) {
		cli->sarif_category = arg;
	} else if (strcmp(n, "baseline") == 0) {
		cli->baseline = arg;
	} else if (strcmp(n, "baseline-absent") == 0) {
		cli->baseline_absent = true;
	} else if (strcmp(n, "write-baseline") == 0) {
		cli->write_baseline = arg;
	} else if (strcmp(n, "no-truncate") == 0) {
		cli->no_truncate = true;
	} else if (strcmp(n, "profile") == 0) {
		c->has_profile = true;
		c->policy.profile = (enum ka_profile)v;
	} else if (strcmp(n, "pss-version") == 0) {
		c->has_version = true;
		c->policy.version = v;
	} else if (strcmp(n, "enable") == 0 || strcmp(n, "disable") == 0 ||
		   strcmp(n, "add") == 0) {
		if (c->nlists == sizeof(c->lists) / sizeof(c->lists[0])) {
			ka_cli_usage_error(
			    "too many --enable/--add/--disable options");
			return -1;
		}
		c->lists[c->nlists].ids = arg;
		c->lists[c->nlists].add = n[0] == 'a';
		c->lists[c->nlists++].on = n[0] != 'd';
	} else if (strcmp(n, "fail-on") == 0) {
		c->has_fail_on = true;
		c->fail_on = ka_level_parse(arg);
	} else if (strcmp(n, "list-checks") == 0) {
		cli->list_checks = true;
	} else if (strcmp(n, "explain") == 0) {
		cli->explain = arg;
	} else if (strcmp(n, "config") == 0) {
		cli->config = arg;
	} else if (strcmp(n, "no-config") == 0) {
		cli->no_config = true;
	} else if (strcmp(n, "print-config") == 0) {
		cli->print_config = true;
	} else if (strcmp(n, "skip-non-manifests") == 0) {
		cli->skip_non_manifests = true;
	} else if (strcmp(n, "show-suppressed") == 0) {
		cli->show_suppressed = true;
	} else if (strcmp(n, "jobs") == 0) {
		cli->jobs = v;
	} else if (strcmp(n, "quiet") == 0) {
		cli->quiet = true;
	} else if (strcmp(n, "fail-if-empty") == 0) {
		cli->fail_if_empty = true;
	} else if (strcmp(n, "hints") == 0) {
		cli->hints = true;
	} else if (strcmp(n, "color") == 0) {
		cli->colour = v == 0 ? -1 : v == 1 ? 1 : 0;
	} else if (strcmp(n, "help") == 0) {
		ka_cli_help(stdout);
		return 1;
	} else if (strcmp(n, "version") == 0) {
		printf("kaudit %s\nlibyaml %s\n", KAUDIT_VERSION,
		       yaml_get_version_string());
		return 1;
	}
	return 0;
}

static void defaults(struct ka_cli *cli)
{
	memset(cli, 0, sizeof(*cli));
	cli->format = ka_reporters[0];
	cli->format_name = cli->format->name;
	cli->stdin_name = "<stdin>";
	cli->colour = -1;
	cli->choice.fail_on = KA_LEVEL_NOTE;
	cli->choice.policy.profile = KA_PROFILE_HARDENED;
	cli->choice.policy.version = KA_PSS_LATEST;
	cli->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (cli->jobs < 1)
		cli->jobs = 1;
}

void ka_cli_free(struct ka_cli *cli)
{
	free(cli->helm.values);
	free(cli->helm.sets);
	free(cli->helm.api_versions);
	free(cli->fix_only);
	cli->fix_only = NULL;
	cli->helm.values = cli->helm.sets = cli->helm.api_versions = NULL;
}

/* getopt_long over the table: 0, 1 (the run is over) or -1. */
static int parse(struct ka_cli *cli, int argc, char **argv,
		 const struct option *longopts, const char *shortopts)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct ka_option *o = NULL;
		int v = 0, r;

		if (c >= 256)
			o = &ka_options[c - 256];
		for (size_t i = 0; !o && c != '?' && i < ka_noptions; i++)
			if (ka_options[i].short_name == c)
				o = &ka_options[i];
		if (!o) {
			ka_cli_bad_option(argc, argv, c);
			return -1;
		}
		if (o->arg && ka_cli_check_arg(o, optarg, &v) < 0)
			return -1;
		r = store(cli, o, optarg, v);
		if (r)
			return r;
	}
	cli->paths = argv + optind;
	cli->npaths = argc - optind;
	return 0;
}

int ka_cli_parse(struct ka_cli *cli, int argc, char **argv)
{
	struct option *longopts;
	char shortopts[64] = ":"; /* a missing value: ':', not '?' */
	size_t ns = 1;
	int rc;

	defaults(cli);
	/* Each list holds at most one value an argument. */
	cli->helm.values = calloc((size_t)argc + 1, sizeof(char *));
	cli->helm.sets = calloc((size_t)argc + 1, sizeof(char *));
	cli->helm.api_versions = calloc((size_t)argc + 1, sizeof(char *));
	longopts = calloc(ka_noptions + 1, sizeof(*longopts));
	if (!cli->helm.values || !cli->helm.sets || !cli->helm.api_versions ||
	    !longopts) {
		free(longopts);
		ka_cli_free(cli);
		fputs("kaudit: error: out of memory\n", stderr);
		return -1;
	}
	for (size_t i = 0; i < ka_noptions; i++) {
		const struct ka_option *o = &ka_options[i];

		longopts[i] = (struct option){
		    o->name, o->arg ? required_argument : no_argument, NULL,
		    256 + (int)i};
		if (o->short_name) {
			shortopts[ns++] = o->short_name;
			if (o->arg)
				shortopts[ns++] = ':';
		}
	}
	rc = parse(cli, argc, argv, longopts, shortopts);
	free(longopts);
	if (rc == 0 && cli->fix && cli->diff) {
		ka_cli_usage_error("--fix and --diff: choose one (--diff "
				   "shows what --fix would change)");
		rc = -1;
	} else if (rc == 0 && cli->fix_only && !cli->fix && !cli->diff) {
		ka_cli_usage_error("--fix-only needs --fix or --diff");
		rc = -1;
	} else if (rc == 0 && cli->pin_digests && !cli->fix && !cli->diff &&
		   cli->format != &ka_reporter_sarif) {
		ka_cli_usage_error("--pin-digests is for --fix, --diff and "
				   "SARIF's fixes");
		rc = -1;
	}
	if (rc == 0 && cli->baseline_absent &&
	    (!cli->baseline || cli->format != &ka_reporter_sarif)) {
		ka_cli_usage_error("--baseline-absent needs --baseline and "
				   "--format sarif (only SARIF has absent "
				   "results)");
		rc = -1;
	}
	return rc;
}
