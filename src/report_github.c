/*
 * GitHub Actions workflow commands: one `::error file=...::message` line
 * per finding, which the runner turns into pull-request annotations
 * without code scanning.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fastio.h"
#include "kaudit/clean.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

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

static void *begin(const struct ka_report_options *o, const struct ka_run *run)
{
	(void)run;
	return o->out;
}

static int finding(void *state, const struct ka_run *run,
		   const struct ka_finding *f)
{
	FILE *out = state;
	const char *cmd = f->level == KA_LEVEL_ERROR	 ? "error"
			  : f->level == KA_LEVEL_WARNING ? "warning"
							 : "notice";

	if (f->waiver)
		return 0;
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
	put_escaped(out, f->message, false);
	if (f->values_path) {
		fputs("; set at ", out);
		put_escaped(out, f->values_path, false);
		fprintf(out, ":%u", f->values_line);
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
	(void)state;
	(void)run;
	return 0;
}

const struct ka_reporter ka_reporter_github = {
    .name = "github",
    .help = "GitHub Actions workflow commands (pull-request annotations)",
    .begin = begin,
    .finding = finding,
    .end = end,
};
