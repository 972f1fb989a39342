/*
 * GitHub Actions workflow commands: one `::error file=...::message` line
 * per finding, which the runner turns into pull-request annotations
 * without code scanning. GitHub shows only the first 10 errors and 10
 * warnings of a step, so the lines are held per level and written errors
 * first, then warnings, then notices; with GITHUB_STEP_SUMMARY set, the
 * Markdown summary (kaudit/summary.h) is appended to the job summary.
 * `--format markdown` writes that summary alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fastio.h"
#include "kaudit/clean.h"
#include "kaudit/report.h"
#include "kaudit/run.h"
#include "kaudit/sarif_results.h"
#include "kaudit/summary.h"

/* Escape as the runner expects: data escapes %, CR, LF; properties also : and
 * ,. */
static void put_escaped(FILE *out, const char *raw, bool property)
{
	/* Cleaned first: no terminal escape or invisible character. */
	char *clean = ka_clean_dup(raw);
	const char *s = clean ? clean : "(out of memory)";

	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			putc(*s, out);
		}
	}
	free(clean);
}

struct github {
	FILE *out;
	struct ka_sarif_results lines; /* per level, until the end */
	struct ka_summary sum;
	bool markdown; /* --format markdown: the summary alone */
};

static void *start(const struct ka_report_options *o, bool markdown)
{
	struct github *g = calloc(1, sizeof(*g));

	if (!g || ka_summary_init(&g->sum) < 0) {
		free(g);
		return NULL;
	}
	g->out = o->out;
	g->markdown = markdown;
	return g;
}

static void *begin(const struct ka_report_options *o, const struct ka_run *run)
{
	(void)run;
	return start(o, false);
}

static int finding(void *state, const struct ka_run *run,
		   const struct ka_finding *f)
{
	struct github *g = state;
	FILE *out;
	char title[2048];
	const char *cmd = f->level == KA_LEVEL_ERROR	 ? "error"
			  : f->level == KA_LEVEL_WARNING ? "warning"
							 : "notice";

	ka_summary_add(&g->sum, run, f);
	if (f->waiver || g->markdown)
		return 0;
	if (!(out = ka_sarif_results_next(&g->lines, f->level)))
		return -1;
	fprintf(out, "::%s file=", cmd);
	/* A Helm render's finding: on the template that wrote it. */
	if (f->tmpl_path) {
		put_escaped(out, f->tmpl_path, true);
		fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=",
			f->tmpl_line, f->tmpl_col, f->tmpl_line,
			f->tmpl_end_col);
	} else {
		put_escaped(out, run->inputs.v[f->input].path, true);
		fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=",
			f->line, f->col, f->end_line, f->end_col);
	}
	put_escaped(out, f->check->id, true);
	fputs(" (", out);
	put_escaped(out, f->check->title, true);
	fputs(")::", out);
	put_escaped(out, ka_finding_titled(f, title, sizeof(title)), false);
	if (f->values_path) {
		fputs(" (set at ", out);
		put_escaped(out, f->values_path, false);
		fprintf(out, ":%u)", f->values_line);
	}
	if (f->source && !f->tmpl_path) {
		fputs(" (from ", out);
		put_escaped(out, f->source, false);
		fputc(')', out);
	}
	fputc('\n', out);
	return 0;
}

static int end(void *state, const struct ka_run *run)
{
	struct github *g = state;
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	size_t dropped[3];
	bool bad = g->lines.oom || g->sum.oom;

	if (g->markdown) {
		ka_summary_write(&g->sum, run, g->out);
	} else {
		ka_sarif_results_copy(&g->lines, g->out, 0, dropped, NULL);
		if (path && *path) {
			FILE *f = fopen(path, "a");

			if (f) {
				ka_summary_write(&g->sum, run, f);
				bad |= fclose(f) != 0;
			} else {
				ka_say(stderr,
				       "kaudit: warning: cannot append the job "
				       "summary to '%s': %s",
				       path, strerror(errno));
			}
		}
	}
	bad |= g->lines.oom;
	ka_sarif_results_free(&g->lines);
	ka_summary_free(&g->sum);
	free(g);
	return bad ? -1 : 0;
}

static void *begin_markdown(const struct ka_report_options *o,
			    const struct ka_run *run)
{
	(void)run;
	return start(o, true);
}

const struct ka_reporter ka_reporter_markdown = {
    .name = "markdown",
    .help = "a Markdown summary: counts per check, the first findings",
    .begin = begin_markdown,
    .finding = finding,
    .end = end,
};

const struct ka_reporter ka_reporter_github = {
    .name = "github",
    .help = "GitHub Actions workflow commands (pull-request annotations)",
    .begin = begin,
    .finding = finding,
    .end = end,
};
