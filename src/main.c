/*
 * kaudit: the command line (src/cli.c) settled with .kaudit.yaml
 * (src/config.c), then one run: collect the inputs, audit them through
 * the queue, report. Only this file calls exit(), by returning from main.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/checklist.h"
#include "kaudit/clean.h"
#include "kaudit/cli.h"
#include "kaudit/config.h"
#include "kaudit/fixrun.h"
#include "kaudit/input.h"
#include "kaudit/objects.h"
#include "kaudit/pins.h"
#include "kaudit/queue.h"
#include "kaudit/report.h"
#include "kaudit/run.h"
#include "kaudit/scopes.h"

enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

static bool use_colour(const struct ka_cli *cli, FILE *out)
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
		ka_say(stderr, "kaudit: error: cannot write '%s': %s", name,
		       strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* --list-checks and --explain: the registry, not a scan. */
static int describe(const struct ka_cli *cli, const struct ka_settings *s)
{
	const char *format = cli->format_name;
	const struct ka_check *c = NULL;
	size_t off;

	if (cli->explain && !(c = ka_registry_find(cli->explain))) {
		ka_cli_unknown_check("--explain", cli->explain,
				     strlen(cli->explain));
		return EXIT_TROUBLE;
	}
	if (c && strcmp(format, "markdown") == 0)
		ka_check_markdown(stdout, c);
	else if (c)
		ka_check_explain(stdout, c);
	else if (strcmp(format, "json") == 0)
		ka_checklist_json(stdout, s->enabled);
	else if (strcmp(format, "markdown") == 0)
		ka_checklist_markdown(stdout);
	else if ((off = ka_checklist_text(stdout, s->enabled)))
		fprintf(stderr,
			"kaudit: %zu checks are off under --profile %s and "
			"the configuration; --add ID runs one too\n",
			off, ka_profile_name(s->policy.profile));
	return finish_output(stdout, "stdout") < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* Read the configuration the command line points at (or the nearest). */
static int load_config(const struct ka_cli *cli, struct ka_config *cfg)
{
	char *found;
	int rc = 0;

	if (cli->no_config)
		return 0;
	found = cli->config ? strdup(cli->config) : ka_config_find();
	if (found)
		rc = ka_config_load(cfg, found, stderr);
	free(found);
	return rc;
}

/* One path of the command line, with the configuration of each input. */
static int collect_path(struct ka_run *run, const struct ka_cli *cli,
			const char *path)
{
	struct ka_inputs *l = &run->inputs;
	size_t first = l->n;

	if (ka_input_collect(l, path, cli->stdin_name) < 0 ||
	    ka_scopes_assign(run->scopes, l, first, path) < 0)
		return -1;
	for (size_t i = first; i < l->n; i++) {
		struct ka_input *in = &l->v[i];
		const struct ka_config *cfg = run->scopes->v[in->scope]->cfg;

		/* A hook's files: audited only if they are manifests. */
		if (cli->skip_non_manifests && !in->is_stdin && !in->chart)
			in->walked = true;
		if (in->status == KA_INPUT_PENDING && !in->is_stdin &&
		    cfg->exclude.n && ka_config_excluded(cfg, in->path))
			in->status = KA_INPUT_EXCLUDED;
	}
	return 0;
}

static int collect(struct ka_run *run, const struct ka_cli *cli)
{
	if (cli->npaths == 0 && collect_path(run, cli, ".") < 0)
		return -1;
	for (int i = 0; i < cli->npaths; i++)
		if (collect_path(run, cli, cli->paths[i]) < 0)
			return -1;
	/* Reports are sorted by path: audit in that order and stream. */
	ka_inputs_sort(&run->inputs);
	ka_inputs_merge_charts(&run->inputs);
	return 0;
}

static void input_errors(const struct ka_run *run)
{
	for (size_t i = 0; i < run->inputs.n; i++) {
		const struct ka_input *in = &run->inputs.v[i];

		/* Named on the command line: audited, but say what it is. */
		if (in->status == KA_INPUT_AUDITED && !in->walked &&
		    !in->manifest && in->documents)
			ka_say(stderr,
			       "kaudit: note: '%s' has no document with "
			       "apiVersion and kind: %s",
			       in->path, KA_NOT_MANIFEST);

		if (in->status == KA_INPUT_MISSING ||
		    in->status == KA_INPUT_UNREADABLE)
			ka_say(stderr, "kaudit: error: cannot %s '%s': %s",
			       in->status == KA_INPUT_MISSING ? "open"
			       : in->chart && !in->only	      ? "render"
							      : "read",
			       in->path,
			       in->error ? in->error : "unknown error");
	}
}

/* --format objects: what kaudit read, no checks; returns the exit status. */
static int dump_objects(const struct ka_cli *cli, struct ka_scopes *scopes,
			const struct ka_settings *s)
{
	FILE *out = stdout;
	struct ka_run run;
	bool trouble;

	if (cli->output && !(out = fopen(cli->output, "w"))) {
		ka_say(stderr,
		       "kaudit: error: cannot open '%s' for writing: %s",
		       cli->output, strerror(errno));
		return EXIT_TROUBLE;
	}
	ka_run_init(&run, s);
	run.scopes = scopes;
	trouble = collect(&run, cli) < 0 ||
		  ka_run_render(&run, &cli->helm) < 0 ||
		  ka_objects_write(out, &run.inputs) < 0;
	input_errors(&run);
	trouble |= ka_run_input_trouble(&run);
	if (finish_output(out, cli->output ? cli->output : "stdout") < 0)
		trouble = true;
	ka_run_free(&run);
	return trouble ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* --baseline read, --write-baseline opened: 0, or -1 (said why). */
static int open_baselines(const struct ka_cli *cli, struct ka_run *run,
			  struct ka_baseline *b)
{
	const char *why;

	if (cli->baseline) {
		if (ka_baseline_load(b, cli->baseline, &why) < 0) {
			ka_say(stderr, "kaudit: error: --baseline '%s': %s",
			       cli->baseline, why);
			return -1;
		}
		run->baseline = b;
	}
	if (cli->write_baseline) {
		if (!(run->baseline_out = fopen(cli->write_baseline, "w"))) {
			ka_say(
			    stderr,
			    "kaudit: error: cannot open '%s' for writing: %s",
			    cli->write_baseline, strerror(errno));
			ka_baseline_free(b);
			return -1;
		}
		fputs("{\"kaudit_baseline\": 1, \"findings\": [",
		      run->baseline_out);
	}
	return 0;
}

/* Say what the baseline hid, finish --write-baseline's file: 0, or -1. */
static int close_baselines(const struct ka_cli *cli, struct ka_run *run)
{
	int rc = 0;

	if (run->baseline) {
		if (!cli->quiet)
			ka_say(stderr,
			       "kaudit: baseline: %zu unchanged findings not "
			       "reported; %zu of the baseline's are gone",
			       run->unchanged, ka_baseline_gone(run->baseline));
		ka_baseline_free(run->baseline);
		run->baseline = NULL;
	}
	if (run->baseline_out) {
		fputs(run->baseline_written ? "\n  ]}\n" : "]}\n",
		      run->baseline_out);
		rc = finish_output(run->baseline_out, cli->write_baseline);
		run->baseline_out = NULL;
	}
	return rc;
}

/*
 * Where the report goes (o->out), and under --diff the diff (*diff_out;
 * the report then goes nowhere) and what the fixer fixes. 0, or -1
 * (said on stderr, but for memory running out).
 */
static int open_outputs(const struct ka_cli *cli, struct ka_report_options *o,
			struct ka_fixrun *fixer, FILE **diff_out)
{
	if (!cli->format) {
		ka_cli_usage_error(
		    "format '%s' is for --list-checks and --explain",
		    cli->format_name);
		return -1;
	}
	if (!cli->diff) {
		if (cli->output && !(o->out = fopen(cli->output, "w"))) {
			ka_say(
			    stderr,
			    "kaudit: error: cannot open '%s' for writing: %s",
			    cli->output, strerror(errno));
			return -1;
		}
		return 0;
	}
	*diff_out = stdout;
	if (cli->output && !(*diff_out = fopen(cli->output, "w"))) {
		ka_say(stderr,
		       "kaudit: error: cannot open '%s' for writing: %s",
		       cli->output, strerror(errno));
		return -1;
	}
	fixer->clean_diff = isatty(fileno(*diff_out));
	if ((cli->fix_only && ka_fixrun_only(fixer, cli->fix_only) < 0) ||
	    !(o->out = fopen("/dev/null", "w"))) {
		if (*diff_out != stdout)
			fclose(*diff_out);
		return -1;
	}
	return 0;
}

/*
 * --fix: audit once to make the fixes, reporting nothing; the scan that
 * follows reports what is left, where it now is in the fixed files.
 * 0, or -1 (said on stderr).
 */
static int fix_pass(const struct ka_cli *cli, struct ka_scopes *scopes,
		    const struct ka_settings *s, struct ka_fixrun *fixer)
{
	struct ka_report_options o = {0};
	struct ka_run run;
	int rc = 0;

	if (!(o.out = fopen("/dev/null", "w")))
		return -1;
	ka_run_init(&run, s);
	run.fixer = fixer;
	run.scopes = scopes;
	if ((cli->fix_only && ka_fixrun_only(fixer, cli->fix_only) < 0) ||
	    collect(&run, cli) < 0 || ka_run_render(&run, &cli->helm) < 0)
		run.oom = true;
	for (size_t i = 0; i < run.inputs.n; i++)
		if (run.inputs.v[i].is_stdin) {
			ka_say(stderr, "kaudit: error: --fix edits files, not "
				       "standard input (--diff shows the "
				       "changes of files)");
			rc = -1;
		}
	if (!rc && ka_run_begin(&run, &ka_reporter_text, &o) == 0) {
		ka_queue_run(&run, cli->jobs);
		ka_run_finish(&run);
		if (ka_fixrun_finish(fixer, &run, NULL) < 0)
			rc = -1;
	}
	ka_run_end(&run);
	fclose(o.out);
	if (run.oom) {
		fputs("kaudit: error: " KA_RUN_INCOMPLETE "\n", stderr);
		rc = -1;
	}
	ka_run_free(&run);
	return rc;
}

/* --chart-root named no template of the renders: said, true. */
static bool chart_root_unused(const struct ka_settings *s,
			      const struct ka_run *run)
{
	if (!s->chart_root || !run->chart_root_missed || run->chart_root_hit)
		return false;
	ka_say(stderr,
	       "kaudit: error: --chart-root '%s': no `# Source:` path of the "
	       "render names a template under it (give the chart, or the "
	       "folder holding the charts)",
	       s->chart_root);
	return true;
}

/* The scan itself; returns the exit status. */
static int scan(const struct ka_cli *cli, struct ka_scopes *scopes,
		const struct ka_settings *s)
{
	struct ka_report_options o = {.out = stdout,
				      .show_suppressed = cli->show_suppressed,
				      .sarif_category = cli->sarif_category,
				      .no_truncate = cli->no_truncate,
				      .baseline_absent = cli->baseline_absent,
				      .stdin_named = cli->stdin_named};
	struct ka_run run;
	struct ka_baseline baseline;
	struct ka_fixrun fixer = {.diff = cli->diff};
	FILE *diff_out = NULL;
	bool trouble, failing = false;

	if (strcmp(cli->format_name, "objects") == 0)
		return dump_objects(cli, scopes, s);
	if (open_outputs(cli, &o, &fixer, &diff_out) < 0)
		return EXIT_TROUBLE;
	o.colour = use_colour(cli, o.out);
	o.hints = cli->hints || (isatty(fileno(o.out)) && !cli->output);
	ka_run_init(&run, s);
	run.fixer = cli->diff ? &fixer : NULL;
	run.scopes = scopes;
	run.stdin_named = cli->stdin_named;
	if (open_baselines(cli, &run, &baseline) < 0) {
		if (o.out != stdout)
			fclose(o.out);
		ka_run_free(&run);
		return EXIT_TROUBLE;
	}
	if (collect(&run, cli) < 0 || ka_run_render(&run, &cli->helm) < 0 ||
	    (cli->format == &ka_reporter_sarif &&
	     ka_inputs_keep_stdin(&run.inputs) < 0))
		run.oom = true;
	if (ka_run_begin(&run, cli->format, &o) == 0) {
		ka_queue_run(&run, cli->jobs);
		ka_run_finish(&run);
	}
	if (run.fixer) {
		fflush(o.out);
		if (ka_fixrun_finish(&fixer, &run, diff_out) < 0)
			run.oom |= fixer.oom;
	}
	input_errors(&run);
	trouble = ka_run_input_trouble(&run);
	trouble |= chart_root_unused(s, &run);
	for (int l = s->fail_on < 0 ? 3 : s->fail_on; l < 3; l++)
		failing |= run.counts[l] > 0;
	ka_run_end(&run);
	if (finish_output(o.out, cli->output && !cli->diff ? cli->output
							   : "stdout") < 0)
		trouble = true;
	if (diff_out) {
		trouble |= finish_output(diff_out, cli->output ? cli->output
							       : "stdout") < 0;
		if (!cli->quiet)
			ka_fixrun_summary(&fixer, stderr);
		trouble |= fixer.failed;
	}
	ka_fixrun_free(&fixer);
	trouble |= close_baselines(cli, &run) < 0;
	if (run.oom) {
		fputs("kaudit: error: " KA_RUN_INCOMPLETE "\n", stderr);
		trouble = true;
	}
	trouble |= run.over_limit;
	/* A clean run is silent, like a compiler's; one that audited nothing
	 * says so. */
	if (!cli->quiet && (run.counts[0] || run.counts[1] || run.counts[2] ||
			    run.waived || trouble))
		ka_report_summary(stderr, &run);
	if (!trouble && (!cli->quiet || cli->fail_if_empty) &&
	    ka_report_nothing(stderr, &run, cli->fail_if_empty))
		trouble = cli->fail_if_empty;
	ka_run_free(&run);
	if (trouble)
		return EXIT_TROUBLE;
	return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	struct ka_cli cli;
	struct ka_config cfg;
	struct ka_scopes scopes;
	struct ka_pins pins = {0};
	struct ka_settings s = {0};
	int rc = EXIT_TROUBLE, r;

	r = ka_cli_parse(&cli, argc, argv);
	if (r != 0) {
		ka_cli_free(&cli);
		return r > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (ka_config_init(&cfg) < 0) {
		fputs("kaudit: error: out of memory\n", stderr);
		ka_cli_free(&cli);
		return EXIT_TROUBLE;
	}
	s.enabled = calloc(ka_registry_len, sizeof(bool));
	if (!s.enabled) {
		fputs("kaudit: error: out of memory\n", stderr);
		goto out;
	}
	if (load_config(&cli, &cfg) < 0)
		goto out;
	ka_config_settle(&cfg, &cli.choice, ka_today(), &s);
	s.fix_edits = cli.format == &ka_reporter_sarif;
	/* The text formats show no fix: their runs make none (memory). */
	s.fixes = cli.fix || cli.diff || s.fix_edits ||
		  cli.format == &ka_reporter_json;
	if (cli.pin_digests) {
		if (ka_pins_load(&pins, cli.pin_digests, stderr) < 0)
			goto out;
		s.pins = &pins;
	}
	if (cli.print_config) {
		ka_config_print(stdout, &cfg, &s);
		rc = finish_output(stdout, "stdout") < 0 ? EXIT_TROUBLE
							 : EXIT_CLEAN;
	} else if (cli.list_checks || cli.explain) {
		rc = describe(&cli, &s);
	} else if (ka_scopes_init(&scopes, &cfg, &s,
				  cli.config || cli.no_config, &cli.choice,
				  s.today, stderr) < 0) {
		fputs("kaudit: error: out of memory\n", stderr);
	} else {
		struct ka_fixrun fixer = {0};

		if (cli.fix && fix_pass(&cli, &scopes, &s, &fixer) < 0) {
			rc = EXIT_TROUBLE;
		} else {
			if (cli.fix && !cli.quiet)
				ka_fixrun_summary(&fixer, stderr);
			rc = scan(&cli, &scopes, &s);
		}
		ka_fixrun_free(&fixer);
		ka_scopes_free(&scopes);
	}
out:
	ka_pins_free(&pins);
	free(s.enabled);
	ka_config_free(&cfg);
	ka_cli_free(&cli);
	return rc;
}
