/*
 * kaudit's command line. One option table drives getopt_long and --help;
 * only this file calls exit().
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/audit.h"
#include "kaudit/input.h"
#include "kaudit/policy.h"
#include "kaudit/report.h"
#include "version.h"

enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

enum {
	OPT_STDIN_FILENAME = 256,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_FAIL_ON,
	OPT_LIST_CHECKS,
	OPT_EXPLAIN,
	OPT_COLOR,
	OPT_SARIF_CATEGORY,
	OPT_PROFILE,
	OPT_PSS_VERSION,
};

static const struct option_doc {
	struct option opt;
	char short_name;
	const char *arg;
	const char *help;
} options[] = {
	{{"format", required_argument, NULL, 'f'}, 'f', "text|json|sarif",
	 "output format (default: text)"},
	{{"output", required_argument, NULL, 'o'}, 'o', "FILE",
	 "write the report to FILE instead of stdout"},
	{{"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME}, 0,
	 "NAME", "the name stdin is reported under (default: <stdin>)"},
	{{"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY}, 0,
	 "NAME", "SARIF runs[0].automationDetails.id, for several scans"},
	{{"profile", required_argument, NULL, OPT_PROFILE}, 0,
	 "baseline|restricted|hardened",
	 "checks to run: a Pod Security Standard, or hardened (restricted "
	 "plus kaudit's own checks; the default)"},
	{{"pss-version", required_argument, NULL, OPT_PSS_VERSION}, 0,
	 "v1.N|latest", "Pod Security Standards version (default: latest, v1.37)"},
	{{"enable", required_argument, NULL, OPT_ENABLE}, 0, "ID[,ID...]",
	 "run only these checks (input problems always run)"},
	{{"disable", required_argument, NULL, OPT_DISABLE}, 0, "ID[,ID...]",
	 "do not run these checks"},
	{{"fail-on", required_argument, NULL, OPT_FAIL_ON}, 0,
	 "error|warning|note|never",
	 "lowest level that makes the exit status 1 (default: note)"},
	{{"list-checks", no_argument, NULL, OPT_LIST_CHECKS}, 0, NULL,
	 "list the checks: id, level, title (--format json for scripts)"},
	{{"explain", required_argument, NULL, OPT_EXPLAIN}, 0, "ID",
	 "explain a check: risk, remediation, a fixed example"},
	{{"quiet", no_argument, NULL, 'q'}, 'q', NULL,
	 "no summary on stderr"},
	{{"color", required_argument, NULL, OPT_COLOR}, 0,
	 "auto|always|never", "colour the text report (NO_COLOR is honoured)"},
	{{"help", no_argument, NULL, 'h'}, 'h', NULL, "show this help"},
	{{"version", no_argument, NULL, 'V'}, 'V', NULL, "show the version"},
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

struct cli {
	enum format format;
	const char *output;
	const char *stdin_name;
	bool stdin_named;
	const char *sarif_category;
	bool *enabled;
	struct ka_policy policy;
	int fail_on; /* a level, or -1 for never */
	bool list_checks;
	const char *explain;
	bool quiet;
	int colour; /* -1 auto, 0 never, 1 always */
};

static void usage_error(const char *fmt, const char *arg)
{
	fputs("kaudit: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'kaudit --help' for more information.\n", stderr);
}

static void help(void)
{
	printf("Usage: kaudit [OPTIONS] [PATH...]\n"
	       "Audit Kubernetes manifests for security hardening gaps.\n\n"
	       "PATH is a file, a directory (walked recursively for *.yaml, "
	       "*.yml, *.json)\nor - for stdin; the default is the current "
	       "directory.\n\nOptions:\n");
	for (size_t i = 0; i < NOPTIONS; i++) {
		char left[64];
		const struct option_doc *o = &options[i];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 o->short_name, o->opt.name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->opt.name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		if (strlen(left) > 28)
			printf("  %s\n  %-28s  %s\n", left, "", o->help);
		else
			printf("  %-28s  %s\n", left, o->help);
	}
	printf("\nExit status: 0 no finding at or above --fail-on; 1 findings;\n"
	       "2 kaudit could not do its job (bad usage, a PATH that does "
	       "not exist,\nan unreadable input, output not writable, "
	       "internal error).\n");
}

/* Apply a comma-separated id list: on or off. -1 on an unknown id. */
static int apply_ids(struct cli *cli, const char *list, bool on)
{
	char *copy = strdup(list), *save = NULL, *id;
	int rc = 0;

	if (!copy)
		return -1;
	for (id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		const struct ka_check *c = ka_registry_find(id);

		if (!c) {
			usage_error("unknown check '%s' (see kaudit --list-checks)",
				    id);
			rc = -1;
			break;
		}
		cli->enabled[ka_registry_index(c)] = on;
	}
	free(copy);
	return rc;
}

static int parse_level(const char *s)
{
	if (strcmp(s, "error") == 0)
		return KA_LEVEL_ERROR;
	if (strcmp(s, "warning") == 0)
		return KA_LEVEL_WARNING;
	if (strcmp(s, "note") == 0)
		return KA_LEVEL_NOTE;
	if (strcmp(s, "never") == 0)
		return -1;
	return -2;
}

static int parse_args(struct cli *cli, int argc, char **argv)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[64] = "";
	struct {
		const char *ids;
		bool on;
	} lists[64];
	size_t nlists = 0;
	bool any_enable = false;
	int c;

	for (size_t i = 0; i < NOPTIONS; i++) {
		longopts[i] = options[i].opt;
		if (options[i].short_name) {
			size_t n = strlen(shortopts);

			shortopts[n] = options[i].short_name;
			shortopts[n + 1] = '\0';
			if (options[i].opt.has_arg == required_argument)
				strcat(shortopts, ":");
		}
	}
	memset(&longopts[NOPTIONS], 0, sizeof(longopts[0]));
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				cli->format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				cli->format = FORMAT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				cli->format = FORMAT_SARIF;
			else {
				usage_error("unknown format '%s' (text, json, "
					    "sarif)",
					    optarg);
				return -1;
			}
			break;
		case 'o':
			cli->output = optarg;
			break;
		case OPT_STDIN_FILENAME:
			cli->stdin_name = optarg;
			cli->stdin_named = true;
			break;
		case OPT_SARIF_CATEGORY:
			cli->sarif_category = optarg;
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
			/* Applied after the profile, --enable first. */
			if (nlists == sizeof(lists) / sizeof(lists[0])) {
				usage_error("too many --enable/--disable "
					    "options%s", "");
				return -1;
			}
			lists[nlists].ids = optarg;
			lists[nlists++].on = c == OPT_ENABLE;
			break;
		case OPT_PROFILE:
			if (ka_policy_parse_profile(optarg, &cli->policy.profile) < 0) {
				usage_error("unknown profile '%s' (baseline, "
					    "restricted, hardened)", optarg);
				return -1;
			}
			break;
		case OPT_PSS_VERSION:
			if (ka_policy_parse_version(optarg, &cli->policy.version) < 0) {
				usage_error("bad Pod Security Standards version "
					    "'%s' (v1.0 ... v1.37, or latest)",
					    optarg);
				return -1;
			}
			break;
		case OPT_FAIL_ON:
			cli->fail_on = parse_level(optarg);
			if (cli->fail_on == -2) {
				usage_error("unknown level '%s' (error, warning, "
					    "note, never)", optarg);
				return -1;
			}
			break;
		case OPT_LIST_CHECKS:
			cli->list_checks = true;
			break;
		case OPT_EXPLAIN:
			cli->explain = optarg;
			break;
		case 'q':
			cli->quiet = true;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				cli->colour = -1;
			else if (strcmp(optarg, "always") == 0)
				cli->colour = 1;
			else if (strcmp(optarg, "never") == 0)
				cli->colour = 0;
			else {
				usage_error("unknown colour mode '%s' (auto, "
					    "always, never)", optarg);
				return -1;
			}
			break;
		case 'h':
			help();
			return 1;
		case 'V':
			printf("kaudit %s\n", KAUDIT_VERSION);
			return 1;
		default:
			if (optopt && optopt < 256)
				usage_error("bad or incomplete option '-%c'",
					    (char[]){(char)optopt, 0});
			else
				usage_error("bad or incomplete option '%s'",
					    argv[optind - 1]);
			return -1;
		}
	}
	/* The profile's checks; --enable replaces them; --disable removes. */
	for (size_t i = 0; i < nlists; i++)
		any_enable |= lists[i].on;
	for (size_t i = 0; i < ka_registry_len; i++)
		cli->enabled[i] = !any_enable &&
				  ka_policy_includes(&cli->policy, ka_registry[i]);
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < nlists; i++)
			if (lists[i].on == (pass == 1) &&
			    apply_ids(cli, lists[i].ids, lists[i].on) < 0)
				return -1;
	return 0;
}

static void list_checks(FILE *out, const struct cli *cli)
{
	if (cli->format == FORMAT_JSON) {
		fputs("[", out);
		for (size_t i = 0; i < ka_registry_len; i++) {
			const struct ka_check *c = ka_registry[i];

			fprintf(out, "%s\n  {\"id\": ", i ? "," : "");
			ka_json_string(out, c->id);
			fprintf(out, ", \"level\": \"%s\", \"title\": ",
				ka_level_name(c->level));
			ka_json_string(out, c->title);
			fprintf(out, ", \"enabled\": %s, \"input\": %s, \"psa\": ",
				c->input || cli->enabled[i] ? "true" : "false",
				c->input ? "true" : "false");
			if (c->psa)
				ka_json_string(out, c->psa);
			else
				fputs("null", out);
			fputs("}", out);
		}
		fputs("\n]\n", out);
		return;
	}
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];

		if (c->input || cli->enabled[i])
			fprintf(out, "%-28s %-8s %s\n", c->id,
				ka_level_name(c->level), c->title);
	}
}

static int explain(FILE *out, const char *id)
{
	const struct ka_check *c = ka_registry_find(id);

	if (!c) {
		usage_error("unknown check '%s' (see kaudit --list-checks)", id);
		return -1;
	}
	fprintf(out, "%s: %s\n\nLevel: %s (security severity %s)%s\n", c->id,
		c->title, ka_level_name(c->level), c->security_severity,
		c->input ? ", always on" : "");
	if (c->psa)
		fprintf(out, "Pod Security Standards: %s level, PSA check %s%s%s "
			     "(from v1.%d)\n",
			c->pss, c->psa,
			c->psa_restricted ? ", and under the restricted profile " : "",
			c->psa_restricted ? c->psa_restricted : "", c->pss_since);
	fprintf(out, "\nRisk:\n  %s\n\nRemediation:\n  %s\n\nExample:\n",
		c->risk, c->remediation);
	for (const char *p = c->example; *p;) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		fprintf(out, "  %.*s\n", n, p);
		p += n + (nl ? 1 : 0);
	}
	return 0;
}

static bool use_colour(const struct cli *cli, FILE *out)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (nc && *nc)
		return false;
	if (cli->colour >= 0)
		return cli->colour == 1;
	return isatty(fileno(out)) && !(term && strcmp(term, "dumb") == 0);
}

static int finish_output(FILE *out, const char *name)
{
	int bad = ferror(out);

	if (out == stdout)
		bad |= fflush(out) != 0;
	else
		bad |= fclose(out) != 0;
	if (bad) {
		fprintf(stderr, "kaudit: error: cannot write '%s': %s\n", name,
			strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli = {.format = FORMAT_TEXT, .stdin_name = "<stdin>",
			  .fail_on = KA_LEVEL_NOTE, .colour = -1,
			  .policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST}};
	struct ka_run run;
	bool trouble = false, failing = false;
	FILE *out = stdout;
	int r;

	cli.enabled = calloc(ka_registry_len, sizeof(bool));
	if (!cli.enabled) {
		fputs("kaudit: error: out of memory\n", stderr);
		return EXIT_TROUBLE;
	}
	r = parse_args(&cli, argc, argv);
	if (r != 0) {
		free(cli.enabled);
		return r > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (cli.list_checks || cli.explain) {
		r = cli.list_checks ? (list_checks(stdout, &cli), 0)
				    : explain(stdout, cli.explain);
		free(cli.enabled);
		if (finish_output(stdout, "stdout") < 0)
			return EXIT_TROUBLE;
		return r < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
	}
	if (cli.output) {
		out = fopen(cli.output, "w");
		if (!out) {
			fprintf(stderr, "kaudit: error: cannot open '%s' for "
					"writing: %s\n",
				cli.output, strerror(errno));
			free(cli.enabled);
			return EXIT_TROUBLE;
		}
	}
	if (ka_run_init(&run, cli.enabled) < 0) {
		fputs("kaudit: error: out of memory\n", stderr);
		return EXIT_TROUBLE;
	}
	run.policy = cli.policy;
	if (optind == argc) {
		if (ka_input_collect(&run, ".", cli.stdin_name) < 0)
			run.oom = true;
	}
	for (int i = optind; i < argc && !run.oom; i++)
		if (ka_input_collect(&run, argv[i], cli.stdin_name) < 0)
			run.oom = true;
	for (size_t i = 0; i < run.ninputs && !run.oom; i++)
		ka_input_audit(&run, i);
	ka_run_finish(&run);
	for (size_t i = 0; i < run.ninputs; i++) {
		const struct ka_input *in = &run.inputs[i];

		if (in->status == KA_INPUT_MISSING ||
		    in->status == KA_INPUT_UNREADABLE) {
			fprintf(stderr, "kaudit: error: cannot %s '%s': %s\n",
				in->status == KA_INPUT_MISSING ? "open" : "read",
				in->path, in->error ? in->error : "unknown error");
			trouble = true;
		}
	}
	for (size_t i = 0; i < run.nfindings; i++)
		if (cli.fail_on >= 0 &&
		    (int)run.findings[i].check->level >= cli.fail_on)
			failing = true;
	if (cli.format == FORMAT_JSON) {
		ka_report_json(out, &run);
	} else if (cli.format == FORMAT_SARIF) {
		struct ka_sarif_options so = {.category = cli.sarif_category,
					      .stdin_named = cli.stdin_named,
					      .execution_ok = !trouble && !run.oom};

		ka_report_sarif(out, &run, &so);
	} else
		ka_report_text(out, &run, use_colour(&cli, out));
	if (finish_output(out, cli.output ? cli.output : "stdout") < 0)
		trouble = true;
	if (run.oom) {
		fputs("kaudit: error: out of memory; the report is incomplete\n",
		      stderr);
		trouble = true;
	}
	/* A clean run is silent, like a compiler's. */
	if (!cli.quiet && (run.nfindings || trouble))
		ka_report_summary(stderr, &run);
	ka_run_free(&run);
	free(cli.enabled);
	if (trouble)
		return EXIT_TROUBLE;
	return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}
