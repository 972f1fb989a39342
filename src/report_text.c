#include <stdio.h>

#include "kaudit/report.h"

/* Write s, with control characters as \xNN so the line stays one line. */
static void put_clean(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			putc(c, out);
	}
}

static const char *colour_of(enum ka_level level)
{
	switch (level) {
	case KA_LEVEL_ERROR:
		return "\033[1;31m";
	case KA_LEVEL_WARNING:
		return "\033[1;33m";
	default:
		return "\033[1;36m";
	}
}

void ka_report_text(FILE *out, const struct ka_run *run, bool colour,
		    bool show_suppressed)
{
	for (size_t i = 0; i < run->nfindings; i++) {
		const struct ka_finding *f = &run->findings[i];

		if (f->waiver && !show_suppressed)
			continue;
		if (colour)
			fputs("\033[1m", out);
		put_clean(out, run->inputs[f->input].path);
		fprintf(out, ":%u:%u:", f->line, f->col);
		if (colour)
			fprintf(out, "\033[0m %s%s:\033[0m ",
				colour_of(f->level), ka_level_name(f->level));
		else
			fprintf(out, " %s: ", ka_level_name(f->level));
		put_clean(out, f->message);
		/*
		 * The template goes before the id: editors' parsers (Vim's
		 * errorformat, VS Code's matcher) want the [id] last.
		 */
		if (f->source) {
			fputs(" (from ", out);
			put_clean(out, f->source);
			fputc(')', out);
		}
		fprintf(out, " [%s]", f->check->id);
		if (f->waiver) {
			fputs(" (suppressed: ", out);
			put_clean(out, f->reason ? f->reason : "");
			fputc(')', out);
		}
		fputc('\n', out);
	}
}

void ka_report_summary(FILE *out, const struct ka_run *run)
{
	size_t counts[3] = {0, 0, 0}, files = 0, waived = 0, n;
	static const char *const names[3] = {"note", "warning", "error"};
	bool first = true;

	for (size_t i = 0; i < run->nfindings; i++) {
		if (run->findings[i].waiver)
			waived++;
		else
			counts[run->findings[i].level]++;
	}
	n = run->nfindings - waived;
	for (size_t i = 0; i < run->ninputs; i++)
		if (run->inputs[i].status == KA_INPUT_AUDITED)
			files++;
	fprintf(out, "%zu finding%s", n, n == 1 ? "" : "s");
	if (n) {
		fputs(" (", out);
		for (int l = 2; l >= 0; l--) {
			if (!counts[l])
				continue;
			fprintf(out, "%s%zu %s%s", first ? "" : ", ", counts[l],
				names[l], counts[l] == 1 ? "" : "s");
			first = false;
		}
		fputc(')', out);
	}
	if (waived)
		fprintf(out, ", %zu suppressed,", waived);
	fprintf(out, " in %zu file%s, %u document%s\n", files,
		files == 1 ? "" : "s", run->documents,
		run->documents == 1 ? "" : "s");
}
