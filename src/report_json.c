/*
 * The JSON report, for scripts: one object with version, tool, findings,
 * inputs, errors and summary. The "version" field changes only when a
 * field changes meaning or goes away.
 */
#include <stdlib.h>
#include <string.h>

#include "fastio.h"

#include "kaudit/jsonw.h"
#include "kaudit/report.h"
#include "kaudit/run.h"
#include "version.h"

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
	case KA_INPUT_NOT_MANIFEST:
		return "skipped";
	case KA_INPUT_PENDING:
		break;
	}
	return "pending";
}

static bool skipped(const struct ka_input *in)
{
	return in->status == KA_INPUT_SKIPPED ||
	       in->status == KA_INPUT_NOT_MANIFEST;
}

static void str(struct ka_jw *w, const char *key, const char *value)
{
	ka_jw_key(w, " ", key);
	ka_json_str_or_null(w->out, value);
}

static void num(struct ka_jw *w, const char *key, size_t value)
{
	ka_jw_key(w, " ", key);
	fprintf(w->out, "%zu", value);
}

static void *begin(const struct ka_report_options *o, const struct ka_run *run)
{
	struct ka_jw *w = malloc(sizeof(*w));

	(void)run;
	if (!w)
		return NULL;
	ka_jw_init(w, o->out);
	ka_jw_open(w, '{');
	ka_jw_key(w, "\n  ", "version");
	fprintf(w->out, "%d", KA_JSON_VERSION);
	ka_jw_key(w, "\n  ", "tool");
	ka_jw_open(w, '{');
	str(w, "name", "kaudit");
	str(w, "version", KAUDIT_VERSION);
	ka_jw_close(w, NULL, '}');
	ka_jw_key(w, "\n  ", "findings");
	ka_jw_open(w, '[');
	return w;
}

static int finding(void *state, const struct ka_run *run,
		   const struct ka_finding *f)
{
	struct ka_jw *w = state;

	ka_jw_item(w, "\n    ");
	ka_jw_open(w, '{');
	str(w, "id", f->check->id);
	str(w, "level", ka_level_name(f->level));
	str(w, "message", f->message);
	str(w, "path", run->inputs.v[f->input].path);
	num(w, "line", f->line);
	num(w, "column", f->col);
	num(w, "end_line", f->end_line);
	num(w, "end_column", f->end_col);
	str(w, "kind", f->kind);
	str(w, "namespace", f->ns);
	str(w, "name", f->name);
	str(w, "container", f->container);
	str(w, "field", f->field);
	str(w, "psa", f->psa);
	if (f->psa_message)
		str(w, "psa_message", f->psa_message);
	str(w, "source_template", f->source);
	{
		char fp[48];

		snprintf(fp, sizeof(fp), "%016llx:%u",
			 (unsigned long long)f->id_hash, f->id_occ);
		str(w, "fingerprint", fp);
	}
	if (f->tmpl_path) {
		str(w, "template_path", f->tmpl_path);
		num(w, "template_line", f->tmpl_line);
		num(w, "template_column", f->tmpl_col);
	}
	if (f->values_path) {
		str(w, "values_path", f->values_path);
		num(w, "values_line", f->values_line);
		num(w, "values_column", f->values_col);
	}
	/* Whether --fix has an edit for it, or why not. */
	if (f->fix || f->nofix)
		str(w, "fix", f->fix ? "available" : f->nofix);
	ka_jw_key(w, " ", "suppressed");
	if (f->waiver) {
		ka_jw_open(w, '{');
		str(w, "kind",
		    ka_waiver_kind_name((enum ka_waiver_kind)f->waiver));
		str(w, "reason", f->reason ? f->reason : "");
		ka_jw_close(w, NULL, '}');
	} else {
		fputs("null", w->out);
	}
	ka_jw_close(w, NULL, '}');
	return 0;
}

static void inputs(struct ka_jw *w, const struct ka_run *run)
{
	ka_jw_key(w, "\n  ", "inputs");
	ka_jw_open(w, '[');
	for (size_t i = 0; i < run->inputs.n; i++) {
		const struct ka_input *in = &run->inputs.v[i];

		ka_jw_item(w, "\n    ");
		ka_jw_open(w, '{');
		str(w, "path", in->path);
		str(w, "status", status_name(in->status));
		num(w, "documents", in->documents);
		num(w, "resources", in->resources);
		if (in->error)
			str(w, skipped(in) ? "reason" : "error", in->error);
		ka_jw_close(w, NULL, '}');
	}
	ka_jw_close(w, "\n  ", ']');
	ka_jw_key(w, "\n  ", "errors");
	ka_jw_open(w, '[');
	for (size_t i = 0; i < run->inputs.n; i++) {
		const struct ka_input *in = &run->inputs.v[i];

		if (!in->error || skipped(in))
			continue;
		ka_jw_item(w, "\n    ");
		ka_jw_open(w, '{');
		str(w, "path", in->path);
		str(w, "message", in->error);
		ka_jw_close(w, NULL, '}');
	}
	if (run->oom) {
		ka_jw_item(w, "\n    ");
		ka_jw_open(w, '{');
		str(w, "message", KA_RUN_INCOMPLETE);
		ka_jw_close(w, NULL, '}');
	}
	ka_jw_close(w, "\n  ", ']');
}

static int end(void *state, const struct ka_run *run)
{
	struct ka_jw *w = state;
	unsigned documents;
	unsigned files =
	    ka_inputs_count(&run->inputs, KA_INPUT_AUDITED, &documents);

	ka_jw_close(w, "\n  ", ']');
	inputs(w, run);
	ka_jw_key(w, "\n  ", "summary");
	ka_jw_open(w, '{');
	num(w, "findings", run->counts[0] + run->counts[1] + run->counts[2]);
	num(w, "errors", run->counts[KA_LEVEL_ERROR]);
	num(w, "warnings", run->counts[KA_LEVEL_WARNING]);
	num(w, "notes", run->counts[KA_LEVEL_NOTE]);
	num(w, "suppressed", run->waived);
	num(w, "files", files);
	num(w, "documents", documents);
	num(w, "not_manifests",
	    ka_inputs_count(&run->inputs, KA_INPUT_NOT_MANIFEST, NULL));
	ka_jw_close(w, NULL, '}');
	ka_jw_close(w, "\n", '}');
	fputc('\n', w->out);
	free(w);
	return 0;
}

const struct ka_reporter ka_reporter_json = {
    .name = "json",
    .help = "one object with version, findings, inputs, errors and summary",
    .begin = begin,
    .finding = finding,
    .end = end,
    .identities = true,
};
