/*
 * The command line: see kaudit/cli.h. Each option is one row of
 * ka_options; parsing, --help, the man page's OPTIONS and the completion
 * scripts all read the table.
 */
#include "kaudit/cli.h"
#include "kaudit/clean.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "version.h"

static const char *const fail_on_values[] = {"error", "warning", "note",
					     "never", NULL};
static const char *const colour_values[] = {"auto", "always", "never", NULL};

const struct ka_option ka_options[] = {
    {"format", 'f', KA_ARG_FORMAT, NULL, NULL, "format", 0, 0,
     "output format (default: text)",
     "Report format. text (the default) is one finding per line on "
     "standard output; json is one object with version, findings, inputs, "
     "errors and summary; sarif is a SARIF 2.1.0 log for GitHub code "
     "scanning, with repository-relative URIs and fingerprints that "
     "survive moved lines; github prints GitHub Actions workflow commands "
     "(pull-request annotations)."},
    {"output", 'o', KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "write the report to FILE instead of stdout",
     "Write the report to FILE instead of standard output."},
    {"stdin-filename", 0, KA_ARG_STRING, "NAME", NULL, NULL, 0, 0,
     "the name stdin is reported under (default: <stdin>)",
     "The name standard input is reported under (default: <stdin>)."},
    {"chart-root", 0, KA_ARG_DIR, "DIR", NULL, NULL, 0, 0,
     "where the Helm charts' source lives: SARIF points into templates",
     "The folder holding the Helm chart directories: findings in documents "
     "with a # Source: comment are located in their template in SARIF "
     "output."},
    {"values", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "Helm values file for the charts kaudit renders (repeatable)",
     "A values file passed to helm template for every chart kaudit renders "
     "(a directory holding Chart.yaml). May be repeated; later files win, "
     "as with helm's own --values."},
    {"set", 0, KA_ARG_STRING, "KEY=VALUE", NULL, NULL, 0, 0,
     "a Helm value for the charts kaudit renders (repeatable)",
     "A value passed to helm template as --set KEY=VALUE. May be "
     "repeated."},
    {"release", 0, KA_ARG_STRING, "NAME", NULL, NULL, 0, 0,
     "the release name charts are rendered with",
     "The release name charts are rendered with (default: helm's)."},
    {"namespace", 0, KA_ARG_STRING, "NS", NULL, NULL, 0, 0,
     "the namespace charts are rendered for",
     "The namespace charts are rendered for (helm template --namespace)."},
    {"kube-version", 0, KA_ARG_STRING, "VERSION", NULL, NULL, 0, 0,
     "the Kubernetes version charts are rendered for",
     "The Kubernetes version charts are rendered for (helm template "
     "--kube-version)."},
    {"api-versions", 0, KA_ARG_STRING, "VERSION", NULL, NULL, 0, 0,
     "an API version charts see as available (repeatable)",
     "An API version the chart's .Capabilities.APIVersions holds (helm "
     "template --api-versions). May be repeated."},
    {"helm", 0, KA_ARG_FILE, "PATH", NULL, NULL, 0, 0,
     "the helm binary (default: helm on PATH)",
     "The helm binary that renders charts (default: helm on PATH)."},
    {"skip-non-manifests", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "named files with no manifest are skipped, as when walking",
     "Files named on the command line that hold no Kubernetes manifest "
     "(no document with apiVersion and kind) are skipped as they are when "
     "a directory is walked: for hooks that pass every YAML file, such as "
     "pre-commit's."},
    {"sarif-category", 0, KA_ARG_STRING, "NAME", NULL, NULL, 0, 0,
     "SARIF runs[0].automationDetails.id, for several scans",
     "Set the SARIF log's runs[0].automationDetails.id, to keep several "
     "scans of one repository apart (e.g. kaudit/prod/)."},
    {"baseline", 0, KA_ARG_FILE, "REPORT", NULL, NULL, 0, 0,
     "report only findings not in REPORT (a kaudit JSON or SARIF report)",
     "Report only the findings whose identity is not in REPORT (a kaudit "
     "JSON report, SARIF log, or --write-baseline file): a repository "
     "with many findings fails only on new ones. The summary says how "
     "many were unchanged and how many of the baseline are gone; SARIF "
     "keeps the unchanged results, marked baselineState unchanged, so "
     "their alerts stay open. Take REPORT from the branch a pull request "
     "goes into: a baseline hides the findings it names."},
    {"write-baseline", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "write this run's finding identities to FILE, for --baseline",
     "Write the identity of every finding of this run (with its check, "
     "file and line, for people) to FILE as JSON, for --baseline."},
    {"no-truncate", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "SARIF: write every result, past what GitHub shows",
     "GitHub shows the 5,000 most severe results of a SARIF run and "
     "rejects a run of more than 25,000; kaudit keeps the 5,000 most "
     "severe and says what it left out. With this option it writes them "
     "all, and exits 2 when there are more than 25,000."},
    {"profile", 0, KA_ARG_ENUM, NULL, ka_profile_names, "profile", 0, 0,
     "checks to run: a Pod Security Standard, or hardened (restricted "
     "plus kaudit's own checks; the default)",
     "The checks to run: the Pod Security Standards baseline or restricted "
     "level, combined as pod-security-admission combines them, or hardened "
     "(restricted plus kaudit's own checks; the default)."},
    {"pss-version", 0, KA_ARG_VERSION, NULL, NULL, NULL, 0, KA_PSS_LATEST,
     "Pod Security Standards version (default: latest)",
     "The Pod Security Standards version whose rules apply (default: "
     "latest). Newer versions mean the newest rules."},
    {"enable", 0, KA_ARG_CHECKS, "ID[,ID...]", NULL, NULL, 0, 0,
     "run only these checks (input problems always run)",
     "Run only these checks instead of the profile's. Input problems "
     "(yaml-syntax, duplicate-key, invalid-value, ...) always run. May be "
     "repeated."},
    {"disable", 0, KA_ARG_CHECKS, "ID[,ID...]", NULL, NULL, 0, 0,
     "do not run these checks",
     "Do not run these checks. Applied after --enable."},
    {"fail-on", 0, KA_ARG_ENUM, NULL, fail_on_values, "level", 0, 0,
     "lowest level that makes the exit status 1 (default: note)",
     "The lowest level that makes the exit status 1 (default: note, any "
     "finding)."},
    {"list-checks", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "list the checks: id, level, title (--format json or markdown)",
     "List the checks that would run: id, level, title. With --format json, "
     "a JSON array of every check; with --format markdown, the checks "
     "reference table."},
    {"explain", 0, KA_ARG_CHECK, "ID", NULL, NULL, 0, 0,
     "explain a check: risk, remediation, a fixed example",
     "Explain a check: the risk, the remediation and a fixed example. With "
     "--format markdown, the check's reference page."},
    {"config", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "read this configuration instead of the nearest .kaudit.yaml",
     "Read this configuration file instead of the nearest .kaudit.yaml."},
    {"no-config", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "read no configuration file", "Read no configuration file."},
    {"print-config", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "print the effective configuration and exit",
     "Print the effective configuration (file and options combined) and "
     "exit."},
    {"show-suppressed", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "list waived findings too (text format)",
     "List waived findings too in the text report, each with its reason."},
    {"jobs", 'j', KA_ARG_INT, "N", NULL, "number of jobs", 1, 256,
     "audit N files at a time (default: the number of cores)",
     "Audit N files at a time (default: the number of cores). The report "
     "is the same, byte for byte, whatever N."},
    {"quiet", 'q', KA_ARG_NONE, NULL, NULL, NULL, 0, 0, "no summary on stderr",
     "Do not print the summary line on standard error."},
    {"color", 0, KA_ARG_ENUM, NULL, colour_values, "colour mode", 0, 0,
     "colour the text report (NO_COLOR is honoured)",
     "Colour the text report. auto colours only on a terminal."},
    {"help", 'h', KA_ARG_NONE, NULL, NULL, NULL, 0, 0, "show this help",
     "Show the options and exit."},
    {"version", 'V', KA_ARG_NONE, NULL, NULL, NULL, 0, 0, "show the version",
     "Show the version and exit."},
};

const size_t ka_noptions = sizeof(ka_options) / sizeof(ka_options[0]);

void ka_cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("kaudit: error: ", stderr);
	va_start(ap, fmt);
	ka_vsay(stderr, fmt, ap);
	va_end(ap);
	fputs("Try 'kaudit --help' for more information.\n", stderr);
}

/* The values an option takes, as "a|b|c" (sep "|") or "a, b, c". */
static void values(char *buf, size_t size, const struct ka_option *o,
		   const char *sep)
{
	size_t n = 0;

	buf[0] = '\0';
	if (o->arg == KA_ARG_FORMAT) {
		for (size_t i = 0; ka_reporters[i]; i++)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0,
					      "%s%s", i ? sep : "",
					      ka_reporters[i]->name);
		/* Not a report: what kaudit read (objects). Markdown is also
		 * the checks reference with --list-checks and --explain. */
		snprintf(buf + n, n < size ? size - n : 0, "%sobjects", sep);
	} else if (o->arg == KA_ARG_ENUM) {
		for (size_t i = 0; o->values[i]; i++)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0,
					      "%s%s", i ? sep : "",
					      o->values[i]);
	} else if (o->arg == KA_ARG_VERSION) {
		snprintf(buf, size, "v1.N%slatest", sep);
	}
}

/* What --help and the man page show after the option's name. */
static const char *metavar(const struct ka_option *o, char *buf, size_t size)
{
	if (o->metavar)
		return o->metavar;
	values(buf, size, o, "|");
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

/* Check every id of a comma-separated list. */
static int known_ids(const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		char id[128];

		if (n) {
			snprintf(id, sizeof(id), "%.*s", (int)n, p);
			if (n >= sizeof(id) || !ka_registry_find(id)) {
				ka_cli_usage_error(
				    "unknown check '%.*s' (see kaudit "
				    "--list-checks)",
				    (int)n, p);
				return -1;
			}
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

/* Check arg against what o takes; the index of an enum value in *index. */
static int check_arg(const struct ka_option *o, const char *arg, int *index)
{
	char list[256];
	long n;
	char *end;

	switch (o->arg) {
	case KA_ARG_ENUM:
		for (int i = 0; o->values[i]; i++)
			if (strcmp(arg, o->values[i]) == 0) {
				*index = i;
				return 0;
			}
		break;
	case KA_ARG_FORMAT:
		if (ka_reporter_find(arg) || strcmp(arg, "objects") == 0)
			return 0;
		break;
	case KA_ARG_VERSION:
		if (ka_policy_parse_version(arg, index) == 0)
			return 0;
		ka_cli_usage_error(
		    "bad Pod Security Standards version '%s' (v1.0 "
		    "... v1.%d, or latest)",
		    arg, KA_PSS_LATEST);
		return -1;
	case KA_ARG_INT:
		n = strtol(arg, &end, 10);
		if (*arg && !*end && n >= o->min && n <= o->max) {
			*index = (int)n;
			return 0;
		}
		ka_cli_usage_error("bad %s '%s' (%d to %d)", o->noun, arg,
				   o->min, o->max);
		return -1;
	case KA_ARG_CHECKS:
		return known_ids(arg);
	default:
		return 0;
	}
	values(list, sizeof(list), o, ", ");
	ka_cli_usage_error("unknown %s '%s' (%s)", o->noun, arg, list);
	return -1;
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

/* Store option o's value (checked) into cli. */
static int store(struct ka_cli *cli, const struct ka_option *o, const char *arg,
		 int v)
{
	struct ka_choice *c = &cli->choice;
	const char *n = o->name;

	if (store_helm(cli, n, arg))
		return 0;
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
	} else if (strcmp(n, "enable") == 0 || strcmp(n, "disable") == 0) {
		if (c->nlists == sizeof(c->lists) / sizeof(c->lists[0])) {
			ka_cli_usage_error(
			    "too many --enable/--disable options");
			return -1;
		}
		c->lists[c->nlists].ids = arg;
		c->lists[c->nlists++].on = n[0] == 'e';
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
	} else if (strcmp(n, "color") == 0) {
		cli->colour = v == 0 ? -1 : v == 1 ? 1 : 0;
	} else if (strcmp(n, "help") == 0) {
		ka_cli_help(stdout);
		return 1;
	} else if (strcmp(n, "version") == 0) {
		printf("kaudit %s\n", KAUDIT_VERSION);
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

static void bad_option(int argc, char **argv)
{
	if (optopt && optopt < 256)
		ka_cli_usage_error("bad or incomplete option '-%c'", optopt);
	else
		ka_cli_usage_error(
		    "bad or incomplete option '%s'",
		    argv[optind - 1 < argc ? optind - 1 : argc - 1]);
}

void ka_cli_free(struct ka_cli *cli)
{
	free(cli->helm.values);
	free(cli->helm.sets);
	free(cli->helm.api_versions);
	cli->helm.values = cli->helm.sets = cli->helm.api_versions = NULL;
}

int ka_cli_parse(struct ka_cli *cli, int argc, char **argv)
{
	struct option longopts[sizeof(ka_options) / sizeof(ka_options[0]) + 1];
	char shortopts[64] = "";
	size_t ns = 0;
	int c;

	defaults(cli);
	/* Each list holds at most one value an argument. */
	cli->helm.values = calloc((size_t)argc + 1, sizeof(char *));
	cli->helm.sets = calloc((size_t)argc + 1, sizeof(char *));
	cli->helm.api_versions = calloc((size_t)argc + 1, sizeof(char *));
	if (!cli->helm.values || !cli->helm.sets || !cli->helm.api_versions) {
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
	memset(&longopts[ka_noptions], 0, sizeof(longopts[0]));
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
			bad_option(argc, argv);
			return -1;
		}
		if (o->arg && check_arg(o, optarg, &v) < 0)
			return -1;
		r = store(cli, o, optarg, v);
		if (r)
			return r;
	}
	cli->paths = argv + optind;
	cli->npaths = argc - optind;
	return 0;
}
