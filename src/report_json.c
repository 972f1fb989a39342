#define _GNU_SOURCE /* the *_unlocked stdio calls */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kaudit/report.h"
#include "fastio.h"
#include "kaudit/suppress.h"
#include "version.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

void ka_json_string(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	putc('"', out);
	while (*s) {
		size_t n, run = 0;

		/* Plain printable ASCII goes out in one piece. */
		while (s[run] >= 0x20 && s[run] < 0x7f && s[run] != '"' &&
		       s[run] != '\\')
			run++;
		if (run) {
			fwrite(s, 1, run, out);
			s += run;
			continue;
		}
		n = utf8_len(s);

		if (n == 0) {
			fputs("\\ufffd", out);
			s++;
			continue;
		}
		if (n > 1) {
			fwrite(s, 1, n, out);
			s += n;
			continue;
		}
		switch (*s) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f)
				fprintf(out, "\\u%04x", *s);
			else
				putc(*s, out);
		}
		s++;
	}
	putc('"', out);
}

static const char *status_name(enum ka_input_status s)
{
	switch (s) {
	case KA_INPUT_AUDITED:
		return "audited";
	case KA_INPUT_UNREADABLE:
		return "unreadable";
	case KA_INPUT_MISSING:
		return "missing";
	case KA_INPUT_EXCLUDED:
		return "excluded";
	case KA_INPUT_CONFIG:
		return "config";
	case KA_INPUT_SKIPPED:
		return "skipped";
	case KA_INPUT_PENDING:
		break;
	}
	return "pending";
}

static void field(FILE *out, const char *name, const char *value, bool comma)
{
	fprintf(out, "%s\"%s\": ", comma ? ", " : "", name);
	ka_json_string(out, value);
}

void ka_json_begin(struct ka_renderer *r, const struct ka_run *run)
{
	(void)run;
	fprintf(r->out, "{\n  \"version\": %d,\n  \"tool\": {\"name\": \"kaudit\", "
			"\"version\": \"%s\"},\n  \"findings\": [",
		KA_JSON_VERSION, KAUDIT_VERSION);
}

void ka_json_finding(struct ka_renderer *r, const struct ka_run *run,
		     const struct ka_finding *f)
{
	FILE *out = r->out;

	fprintf(out, "%s\n    {", r->emitted ? "," : "");
	field(out, "id", f->check->id, false);
	field(out, "level", ka_level_name(f->level), true);
	field(out, "message", f->message, true);
	field(out, "path", run->inputs[f->input].path, true);
	fprintf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, "
		     "\"end_column\": %u",
		f->line, f->col, f->end_line, f->end_col);
	field(out, "kind", f->kind, true);
	field(out, "namespace", f->ns, true);
	field(out, "name", f->name, true);
	field(out, "container", f->container, true);
	field(out, "field", f->field, true);
	fputs(", \"psa\": ", out);
	if (f->psa)
		ka_json_string(out, f->psa);
	else
		fputs("null", out);
	fputs(", \"source_template\": ", out);
	if (f->source)
		ka_json_string(out, f->source);
	else
		fputs("null", out);
	if (f->tmpl_path)
		fprintf(out, ", \"template_line\": %u, \"template_column\": %u",
			f->tmpl_line, f->tmpl_col);
	fputs(", \"suppressed\": ", out);
	if (f->waiver) {
		fprintf(out, "{\"kind\": \"%s\", \"reason\": ",
			ka_waiver_kind_name((enum ka_waiver_kind)f->waiver));
		ka_json_string(out, f->reason ? f->reason : "");
		fputc('}', out);
	} else {
		fputs("null", out);
	}
	fputc('}', out);
}

void ka_json_end(struct ka_renderer *r, const struct ka_run *run)
{
	FILE *out = r->out;
	size_t files = 0, nerr = 0;

	fprintf(out, "%s],\n  \"inputs\": [", r->emitted ? "\n  " : "");
	for (size_t i = 0; i < run->ninputs; i++) {
		const struct ka_input *in = &run->inputs[i];

		if (in->status == KA_INPUT_AUDITED)
			files++;
		fprintf(out, "%s\n    {", i ? "," : "");
		field(out, "path", in->path, false);
		field(out, "status", status_name(in->status), true);
		fprintf(out, ", \"documents\": %u, \"resources\": %u",
			in->documents, in->resources);
		if (in->error)
			field(out, in->status == KA_INPUT_SKIPPED ? "reason" : "error",
			      in->error, true);
		fputc('}', out);
	}
	fprintf(out, "%s],\n  \"errors\": [", run->ninputs ? "\n  " : "");
	for (size_t i = 0; i < run->ninputs; i++) {
		const struct ka_input *in = &run->inputs[i];

		if (!in->error || in->status == KA_INPUT_SKIPPED)
			continue;
		fprintf(out, "%s\n    {", nerr++ ? "," : "");
		field(out, "path", in->path, false);
		field(out, "message", in->error, true);
		fputc('}', out);
	}
	fprintf(out, "%s],\n", nerr ? "\n  " : "");
	fprintf(out, "  \"summary\": {\"findings\": %zu, \"errors\": %zu, "
		     "\"warnings\": %zu, \"notes\": %zu, \"suppressed\": %zu, "
		     "\"files\": %zu, \"documents\": %u}\n}\n",
		run->counts[0] + run->counts[1] + run->counts[2],
		run->counts[KA_LEVEL_ERROR], run->counts[KA_LEVEL_WARNING],
		run->counts[KA_LEVEL_NOTE], run->waived, files, run->documents);
}
