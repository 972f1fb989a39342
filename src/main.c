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
#include "kaudit/config.h"
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
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_PRINT_CONFIG,
	OPT_SHOW_SUPPRESSED,
	OPT_CHART_ROOT,
};

static const struct option_doc {
	struct option opt;
	char short_name;
	const char *arg;
	const char *help;
} options[] = {
	{{"format", required_argument, NULL, 'f'}, 'f', "text|json|sarif|github",
	 "output format (default: text)"},
	{{"output", required_argument, NULL, 'o'}, 'o', "FILE",
	 "write the report to FILE instead of stdout"},
	{{"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME}, 0,
	 "NAME", "the name stdin is reported under (default: <stdin>)"},
	{{"chart-root", required_argument, NULL, OPT_CHART_ROOT}, 0, "DIR",
	 "where the Helm charts' source lives: SARIF points into templates"},
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
	{{"config", required_argument, NULL, OPT_CONFIG}, 0, "FILE",
	 "read this configuration instead of the nearest .kaudit.yaml"},
	{{"no-config", no_argument, NULL, OPT_NO_CONFIG}, 0, NULL,
	 "read no configuration file"},
	{{"print-config", no_argument, NULL, OPT_PRINT_CONFIG}, 0, NULL,
	 "print the effective configuration and exit"},
	{{"show-suppressed", no_argument, NULL, OPT_SHOW_SUPPRESSED}, 0, NULL,
	 "list waived findings too (text format)"},
	{{"jobs", required_argument, NULL, 'j'}, 'j', "N",
	 "audit N files at a time (default: the number of cores)"},
	{{"quiet", no_argument, NULL, 'q'}, 'q', NULL,
	 "no summary on stderr"},
	{{"color", required_argument, NULL, OPT_COLOR}, 0,
	 "auto|always|never", "colour the text report (NO_COLOR is honoured)"},
	{{"help", no_argument, NULL, 'h'}, 'h', NULL, "show this help"},
	{{"version", no_argument, NULL, 'V'}, 'V', NULL, "show the version"},
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

/* The same order as enum ka_format. */
enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB };

struct cli {
	enum format format;
	const char *output;
	const char *stdin_name;
	bool stdin_named;
	const char *sarif_category;
	bool *enabled;
	struct ka_policy policy;
	bool has_profile, has_version, has_fail_on;
	struct {
		const char *ids;
		bool on;
	} lists[64];
	size_t nlists;
	const char *config;
	bool no_config, print_config, show_suppressed;
	const char *chart_root;
	int jobs;
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

static int parse_args(struct cli *cli, int argc, char **argv)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[64] = "";
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
			else if (strcmp(optarg, "github") == 0)
				cli->format = FORMAT_GITHUB;
			else {
				usage_error("unknown format '%s' (text, json, "
					    "sarif, github)",
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
			if (cli->nlists == sizeof(cli->lists) / sizeof(cli->lists[0])) {
				usage_error("too many --enable/--disable "
					    "options%s", "");
				return -1;
			}
			cli->lists[cli->nlists].ids = optarg;
			cli->lists[cli->nlists++].on = c == OPT_ENABLE;
			break;
		case OPT_CONFIG:
			cli->config = optarg;
			break;
		case OPT_NO_CONFIG:
			cli->no_config = true;
			break;
		case OPT_PRINT_CONFIG:
			cli->print_config = true;
			break;
		case OPT_SHOW_SUPPRESSED:
			cli->show_suppressed = true;
			break;
		case OPT_CHART_ROOT:
			cli->chart_root = optarg;
			break;
		case OPT_PROFILE:
			cli->has_profile = true;
			if (ka_policy_parse_profile(optarg, &cli->policy.profile) < 0) {
				usage_error("unknown profile '%s' (baseline, "
					    "restricted, hardened)", optarg);
				return -1;
			}
			break;
		case OPT_PSS_VERSION:
			cli->has_version = true;
			if (ka_policy_parse_version(optarg, &cli->policy.version) < 0) {
				usage_error("bad Pod Security Standards version "
					    "'%s' (v1.0 ... v1.37, or latest)",
					    optarg);
				return -1;
			}
			break;
		case OPT_FAIL_ON:
			cli->has_fail_on = true;
			cli->fail_on = ka_level_parse(optarg);
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
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*end || n < 1 || n > 256) {
				usage_error("bad number of jobs '%s' (1 to 256)",
					    optarg);
				return -1;
			}
			cli->jobs = (int)n;
			break;
		}
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
	/* Every id is checked now, so usage errors come before any work. */
	for (size_t i = 0; i < cli->nlists; i++)
		if (apply_ids(cli, cli->lists[i].ids, cli->lists[i].on) < 0)
			return -1;
	return 0;
}

/*
 * The effective settings: the command line over the configuration over
 * the defaults. The checks: the profile's; the file's enable replaces
 * them and its disable removes; then the command line's, the same way.
 */
static int settle(struct cli *cli, const struct ka_config *cfg)
{
	const struct ka_check *registry_check = ka_registry_find("image-registry");
	bool cli_enable = false;

	if (!cli->has_profile && cfg->has_profile)
		cli->policy.profile = cfg->profile;
	if (!cli->has_version && cfg->has_version)
		cli->policy.version = cfg->version;
	if (!cli->has_fail_on && cfg->has_fail_on)
		cli->fail_on = cfg->fail_on;
	for (size_t i = 0; i < ka_registry_len; i++)
		cli->enabled[i] = ka_policy_includes(&cli->policy, ka_registry[i]);
	/* allowed-registries turns image-registry on. */
	if (registry_check)
		cli->enabled[ka_registry_index(registry_check)] =
			cfg->allowed_registries.n > 0;
	if (cfg->enable.n)
		for (size_t i = 0; i < ka_registry_len; i++)
			cli->enabled[i] = false;
	for (size_t i = 0; i < cfg->enable.n; i++)
		cli->enabled[ka_registry_index(ka_registry_find(cfg->enable.v[i]))] = true;
	for (size_t i = 0; i < cfg->disable.n; i++)
		cli->enabled[ka_registry_index(ka_registry_find(cfg->disable.v[i]))] = false;
	for (size_t i = 0; i < cli->nlists; i++)
		cli_enable |= cli->lists[i].on;
	if (cli_enable)
		for (size_t i = 0; i < ka_registry_len; i++)
			cli->enabled[i] = false;
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < cli->nlists; i++)
			if (cli->lists[i].on == (pass == 1) &&
			    apply_ids(cli, cli->lists[i].ids, cli->lists[i].on) < 0)
				return -1;
	return 0;
}

static void print_list(FILE *out, const char *key, const struct ka_strings *l)
{
	fprintf(out, "%s:", key);
	if (!l->n) {
		fputs(" []\n", out);
		return;
	}
	fputc('\n', out);
	for (size_t i = 0; i < l->n; i++) {
		fputs("  - ", out);
		ka_json_string(out, l->v[i]);
		fputc('\n', out);
	}
}

static void print_config(FILE *out, const struct cli *cli,
			 const struct ka_config *cfg)
{
	static const char *const levels[] = {"note", "warning", "error"};
	struct ka_strings on = {NULL, 0};
	bool any = false;

	fprintf(out, "# effective configuration (file: %s)\n",
		cfg->path ? cfg->path : "none");
	fprintf(out, "profile: %s\npss-version: v1.%d\nfail-on: %s\n",
		ka_profile_name(cli->policy.profile), cli->policy.version,
		cli->fail_on < 0 ? "never" : levels[cli->fail_on]);
	fputs("enable:\n", out);
	for (size_t i = 0; i < ka_registry_len; i++)
		if (cli->enabled[i] || ka_registry[i]->input)
			fprintf(out, "  - %s\n", ka_registry[i]->id);
	fputs("levels:", out);
	for (size_t i = 0; i < ka_registry_len; i++)
		if (cfg->levels && cfg->levels[i] >= 0) {
			fprintf(out, "%s  %s: %s", any ? "\n" : "\n",
				ka_registry[i]->id, levels[cfg->levels[i]]);
			any = true;
		}
	fputs(any ? "\n" : " {}\n", out);
	print_list(out, "exclude", &cfg->exclude);
	print_list(out, "allowed-capabilities", &cfg->allowed_capabilities);
	print_list(out, "allowed-registries", &cfg->allowed_registries);
	print_list(out, "system-paths", &cfg->system_paths);
	fputs("ignore:", out);
	if (!cfg->nignores)
		fputs(" []", out);
	fputc('\n', out);
	for (size_t i = 0; i < cfg->nignores; i++) {
		const struct ka_config_ignore *g = &cfg->ignores[i];
		const char *names[] = {"check", "kind", "namespace", "name",
				       "container", "path", "reason"};
		const char *vals[] = {g->check, g->kind, g->ns, g->name,
				      g->container, g->path, g->reason};
		bool first = true;

		for (size_t k = 0; k < 7; k++) {
			if (!vals[k])
				continue;
			fprintf(out, "%s%s: ", first ? "  - " : "    ", names[k]);
			ka_json_string(out, vals[k]);
			fputc('\n', out);
			first = false;
		}
		if (g->until)
			fprintf(out, "    until: %04d-%02d-%02d\n", g->until / 10000,
				g->until / 100 % 100, g->until % 100);
	}
	(void)on;
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
	struct ka_renderer rend;
	struct ka_config cfg;
	bool trouble = false, failing = false;
	FILE *out = stdout;
	int r;

	cli.enabled = calloc(ka_registry_len, sizeof(bool));
	if (!cli.enabled) {
		fputs("kaudit: error: out of memory\n", stderr);
		return EXIT_TROUBLE;
	}
	cli.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (cli.jobs < 1)
		cli.jobs = 1;
	r = parse_args(&cli, argc, argv);
	if (r != 0) {
		free(cli.enabled);
		return r > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (ka_config_init(&cfg) < 0) {
		fputs("kaudit: error: out of memory\n", stderr);
		free(cli.enabled);
		return EXIT_TROUBLE;
	}
	if (!cli.no_config) {
		char *found = cli.config ? strdup(cli.config) : ka_config_find();

		if (found && ka_config_load(&cfg, found, stderr) < 0) {
			free(found);
			ka_config_free(&cfg);
			free(cli.enabled);
			return EXIT_TROUBLE;
		}
		free(found);
	}
	if (settle(&cli, &cfg) < 0) {
		ka_config_free(&cfg);
		free(cli.enabled);
		return EXIT_TROUBLE;
	}
	if (cli.print_config) {
		print_config(stdout, &cli, &cfg);
		ka_config_free(&cfg);
		free(cli.enabled);
		return finish_output(stdout, "stdout") < 0 ? EXIT_TROUBLE
							  : EXIT_CLEAN;
	}
	if (cli.list_checks || cli.explain) {
		r = cli.list_checks ? (list_checks(stdout, &cli), 0)
				    : explain(stdout, cli.explain);
		ka_config_free(&cfg);
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
			ka_config_free(&cfg);
			free(cli.enabled);
			return EXIT_TROUBLE;
		}
	}
	if (ka_run_init(&run, cli.enabled) < 0) {
		fputs("kaudit: error: out of memory\n", stderr);
		ka_config_free(&cfg);
		free(cli.enabled);
		return EXIT_TROUBLE;
	}
	run.policy = cli.policy;
	run.levels = cfg.levels;
	run.config = &cfg;
	run.chart_root = cli.chart_root;
	ka_render_init(&rend, (enum ka_format)cli.format, out);
	rend.colour = use_colour(&cli, out);
	rend.show_suppressed = cli.show_suppressed;
	rend.sarif.category = cli.sarif_category;
	rend.sarif.stdin_named = cli.stdin_named;
	run.emit = ka_run_deliver_cb;
	run.sink = ka_render_emit;
	run.sink_ud = &rend;
	if (optind == argc) {
		if (ka_input_collect(&run, ".", cli.stdin_name) < 0)
			run.oom = true;
	}
	for (int i = optind; i < argc && !run.oom; i++)
		if (ka_input_collect(&run, argv[i], cli.stdin_name) < 0)
			run.oom = true;
	/* Reports are sorted by path: audit in that order and stream. */
	ka_run_sort_inputs(&run);
	for (size_t i = 0; i < run.ninputs; i++)
		if (run.inputs[i].status == KA_INPUT_PENDING &&
		    !run.inputs[i].is_stdin && cfg.exclude.n &&
		    ka_config_excluded(&cfg, run.inputs[i].path))
			run.inputs[i].status = KA_INPUT_EXCLUDED;
	ka_render_begin(&rend, &run);
	ka_run_audit_all(&run, cli.jobs);
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
	for (int l = cli.fail_on < 0 ? 3 : cli.fail_on; l < 3; l++)
		if (run.counts[l])
			failing = true;
	rend.sarif.execution_ok = !trouble && !run.oom && !rend.oom;
	ka_render_end(&rend, &run);
	if (finish_output(out, cli.output ? cli.output : "stdout") < 0)
		trouble = true;
	if (run.oom || rend.oom) {
		fputs("kaudit: error: out of memory; the report is incomplete\n",
		      stderr);
		trouble = true;
	}
	/* A clean run is silent, like a compiler's. */
	if (!cli.quiet && (run.counts[0] || run.counts[1] || run.counts[2] ||
			   run.waived || trouble))
		ka_report_summary(stderr, &run);
	ka_render_free(&rend);
	ka_run_free(&run);
	ka_config_free(&cfg);
	free(cli.enabled);
	if (trouble)
		return EXIT_TROUBLE;
	return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}
