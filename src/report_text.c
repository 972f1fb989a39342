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

void ka_report_text(FILE *out, const struct ka_run *run, bool colour)
{
	for (size_t i = 0; i < run->nfindings; i++) {
		const struct ka_finding *f = &run->findings[i];

		if (colour)
			fputs("\033[1m", out);
		put_clean(out, run->inputs[f->input].path);
		fprintf(out, ":%u:%u:", f->line, f->col);
		if (colour)
			fprintf(out, "\033[0m %s%s:\033[0m ",
				colour_of(f->check->level),
				ka_level_name(f->check->level));
		else
			fprintf(out, " %s: ", ka_level_name(f->check->level));
		put_clean(out, f->message);
		fprintf(out, " [%s]\n", f->check->id);
	}
}

void ka_report_summary(FILE *out, const struct ka_run *run)
{
	size_t counts[3] = {0, 0, 0}, files = 0;
	static const char *const names[3] = {"note", "warning", "error"};
	bool first = true;

	for (size_t i = 0; i < run->nfindings; i++)
		counts[run->findings[i].check->level]++;
	for (size_t i = 0; i < run->ninputs; i++)
		if (run->inputs[i].status == KA_INPUT_AUDITED)
			files++;
	fprintf(out, "%zu finding%s", run->nfindings,
		run->nfindings == 1 ? "" : "s");
	if (run->nfindings) {
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
	fprintf(out, " in %zu file%s, %u document%s\n", files,
		files == 1 ? "" : "s", run->documents,
		run->documents == 1 ? "" : "s");
}
