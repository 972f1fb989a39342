/*
 * SARIF 2.1.0 for GitHub code scanning (see ../shared/sarif/
 * GITHUB-REQUIREMENTS.md). Deterministic: no timestamps, no absolute
 * paths unless the input lies outside both the repository and the
 * current directory.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fastio.h"
#include "kaudit/baseline.h"
#include "kaudit/clean.h"
#include "kaudit/error.h"
#include "kaudit/fingerprint.h"
#include "kaudit/jsonw.h"
#include "kaudit/path.h"
#include "kaudit/run.h"
#include "kaudit/sarif_absent.h"
#include "kaudit/sarif_linehash.h"
#include "kaudit/sarif_locations.h"
#include "kaudit/sarif_results.h"
#include "kaudit/sarif_rules.h"
#include "version.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* A document that could not be read, for the notifications. */
struct syntax {
	size_t input;
	unsigned line, col;
	char *message;
};

struct sarif {
	struct ka_report_options o;
	FILE *out;
	size_t emitted;		       /* results written so far */
	size_t *rule_of;	       /* registry index -> rules[] index */
	struct ka_sarif_results res;   /* held per level until the end */
	size_t dropped[3];	       /* past GitHub's limit, per level */
	struct ka_sarif_absent absent; /* --baseline-absent */
	struct ka_sarif_hashes hashes; /* GitHub's line hashes, at the end */
	bool over;		   /* --no-truncate and past GitHub's limit */
	size_t *outside, noutside; /* per input: results left out */
	struct syntax *syntax;	   /* documents that could not be read */
	size_t nsyntax, capsyntax;
	bool oom;
};

/* The first sentence must stand alone: end it with a stop. A Helm
 * render names its template in a second sentence. */
static void message(FILE *out, const struct ka_finding *f)
{
	char title[2048];
	const char *t = ka_finding_titled(f, title, sizeof(title));
	size_t len = strlen(t);
	size_t n = len + (f->source ? strlen(f->source) : 0) + 64;
	char *m = malloc(n);

	if (!m) {
		ka_json_string(out, t);
		return;
	}
	snprintf(m, n, "%s%s%s%s%s", t, len && t[len - 1] == '.' ? "" : ".",
		 f->source ? " Rendered from the Helm template " : "",
		 f->source ? f->source : "", f->source ? "." : "");
	ka_json_string(out, m);
	free(m);
}

static void result(FILE *out, const struct ka_sarif_uris *u,
		   const struct ka_finding *f, const char *tmpl_uri,
		   size_t rule_index, uint64_t hash, unsigned occurrence,
		   bool render_file, struct ka_sarif_hashes *hashes,
		   const char *primary, unsigned primary_line)
{
	fputs("        {\"ruleId\": ", out);
	ka_json_string(out, f->check->id);
	fprintf(out,
		", \"ruleIndex\": %zu, \"level\": \"%s\",\n"
		"         \"message\": {\"text\": ",
		rule_index, ka_level_name(f->level));
	message(out, f);
	fputs("},\n         \"locations\": [", out);
	if (f->tmpl_path)
		ka_sarif_template_location(out, f, tmpl_uri);
	else
		ka_sarif_location(out, u, f->input, f->line, f->col,
				  f->end_line, f->end_col);
	if (*f->kind)
		ka_sarif_logical_locations(out, f);
	fputs("}]", out);
	ka_sarif_related_locations(out, u, f, render_file);
	fputs(",\n         \"partialFingerprints\": {", out);
	if (primary) /* the hash, once the results kept are known */
		ka_sarif_hash_mark(hashes, out, primary, primary_line);
	fprintf(out, "\"" KA_FINGERPRINT_KEY "\": \"%016llx:%u\"}",
		(unsigned long long)hash, occurrence);
	if (f->baseline)
		fprintf(out, ",\n         \"baselineState\": \"%s\"",
			f->baseline == KA_BASELINE_NEW ? "new" : "unchanged");
	if (f->waiver) {
		/* GitHub shows these as dismissed alerts. */
		fprintf(out,
			",\n         \"suppressions\": [{\"kind\": \"%s\", "
			"\"status\": \"accepted\", \"justification\": ",
			f->waiver == KA_WAIVER_CONFIG ? "external"
						      : "inSource");
		ka_json_string(out, f->reason ? f->reason : "");
		fputs("}]", out);
	}
	if (f->edit && !f->tmpl_path && u->relative[f->input])
		ka_sarif_fix(out, u, f);
	if (*f->field) {
		fputs(",\n         \"properties\": {\"field\": ", out);
		ka_json_string(out, f->field);
		if (f->psa_message) {
			fputs(", \"psa_message\": ", out);
			ka_json_string(out, f->psa_message);
		}
		fputs("}", out);
	}
	fputs("}", out);
}

/*
 * The rules: every check that runs on some input (each input's own
 * .kaudit.yaml may enable others), at the run's own levels.
 */
static void rules(struct sarif *r, const struct ka_run *run)
{
	struct ka_settings s = *run->s;
	bool *any = calloc(ka_registry_len, sizeof(bool));

	if (!any) {
		r->oom = true;
		ka_sarif_rules(r->out, run->s, r->rule_of);
		return;
	}
	for (size_t i = 0; i < ka_registry_len; i++)
		any[i] = run->s->enabled[i];
	for (size_t k = 0; run->scopes && k < run->scopes->n; k++)
		for (size_t i = 0; i < ka_registry_len; i++)
			any[i] |= run->scopes->v[k]->s->enabled[i];
	s.enabled = any;
	ka_sarif_rules(r->out, &s, r->rule_of);
	free(any);
}

static void *begin(const struct ka_report_options *o, const struct ka_run *run)
{
	struct sarif *r = calloc(1, sizeof(*r));
	FILE *out = o->out;

	if (!r)
		return NULL;
	r->o = *o;
	r->out = o->out;
	r->res.sep = ',';

	r->rule_of = calloc(ka_registry_len, sizeof(size_t));
	if (!r->rule_of)
		r->oom = true;
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA
	      "\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\"driver\": {"
	      "\"name\": \"kaudit\", \"semanticVersion\": \"" KAUDIT_VERSION
	      "\", "
	      "\"version\": \"" KAUDIT_VERSION "\",\n        ",
	      out);
	/* Never an invented site: the repository when the build knows it
	 * (meson -Drepository_url=...), else the standard kaudit decides. */
	fputs("\"informationUri\": ", out);
	ka_json_string(out, *KAUDIT_REPOSITORY_URL ? KAUDIT_REPOSITORY_URL
						   : KA_SARIF_PSS_URI);
	fputs(",\n        \"rules\": [\n", out);
	rules(r, run);
	fputs("]}},\n", out);
	if (r->o.sarif_category) {
		fputs("      \"automationDetails\": {\"id\": ", out);
		ka_json_string(out, r->o.sarif_category);
		fputs("},\n", out);
	}
	fputs("      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "
	      "{\"text\": \"The repository root: the git top level of the "
	      "scanned files, else the directory kaudit ran in.\"}}},\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": ",
	      out);
	fputc('[', out);
	return r;
}

/* The primary location has a URI relative to the repository (GitHub reads
 * an absolute one against the checkout and cannot show it): a result
 * without one is left out and counted. */
static bool placed(const struct ka_finding *f, const struct ka_sarif_uris *u,
		   char **tmpl_uri)
{
	bool rel = false;

	*tmpl_uri = NULL;
	if (!f->tmpl_path)
		return u->relative[f->input];
	*tmpl_uri = ka_path_uri(f->tmpl_path, &rel);
	return rel;
}

/* Results of input i left out (see placed()): counted for the notes. */
static int count_outside(struct sarif *r, size_t input)
{
	if (input >= r->noutside) {
		size_t n = input + 16;
		size_t *v = realloc(r->outside, n * sizeof(*v));

		if (!v)
			return -1;
		memset(v + r->noutside, 0, (n - r->noutside) * sizeof(*v));
		r->outside = v;
		r->noutside = n;
	}
	r->outside[input]++;
	return 0;
}

/* A document that could not be read, for a notification. */
static int note_syntax(struct sarif *r, const struct ka_finding *f)
{
	struct syntax *sx;

	if (r->nsyntax == r->capsyntax) {
		size_t cap = r->capsyntax ? r->capsyntax * 2 : 16;

		if (!(sx = realloc(r->syntax, cap * sizeof(*sx))))
			return -1;
		r->syntax = sx;
		r->capsyntax = cap;
	}
	sx = &r->syntax[r->nsyntax];
	sx->input = f->input;
	sx->line = f->line;
	sx->col = f->col;
	if (!(sx->message = strdup(f->message)))
		return -1;
	r->nsyntax++;
	return 0;
}

/* Held with the results of its level, with GitHub's line hash. */
static int write_result(struct sarif *r, const struct ka_run *run,
			const struct ka_sarif_uris *u,
			const struct ka_finding *f, const char *tmpl_uri)
{
	const struct ka_input *in = &run->inputs.v[f->input];
	const char *primary;
	char self[64];
	FILE *rf;

	/* What upload-sarif computes from the primary location's file
	 * (stdin: from kaudit's copy of it). */
	if (in->is_stdin && in->render_fd >= 0)
		snprintf(self, sizeof(self), "/proc/self/fd/%d", in->render_fd);
	primary = f->tmpl_path	 ? f->tmpl_path
		  : in->chart	 ? NULL
		  : in->is_stdin ? (in->render_fd >= 0 ? self : NULL)
				 : in->path;
	if (!(rf = ka_sarif_results_next(&r->res, f->level)))
		return -1;
	fputc('\n', rf);
	result(rf, u, f, tmpl_uri ? tmpl_uri : f->tmpl_path,
	       r->rule_of ? r->rule_of[ka_registry_index(f->check)] : 0,
	       f->id_hash, f->id_occ, !in->chart, &r->hashes, primary,
	       f->tmpl_path ? f->tmpl_line : f->line);
	r->oom |= r->hashes.oom;
	r->emitted++;
	return 0;
}

static int finding(void *state, const struct ka_run *run,
		   const struct ka_finding *f)
{
	struct sarif *r = state;
	struct ka_sarif_uris u;
	char *tmpl_uri;

	if (!ka_run_uri(run, f->input)) {
		r->oom = true;
		return -1;
	}
	u.uri = run->uris->uri;
	u.relative = run->uris->relative;
	if ((placed(f, &u, &tmpl_uri) ? write_result(r, run, &u, f, tmpl_uri)
				      : count_outside(r, f->input)) < 0 ||
	    (f->check == &ka_check_yaml_syntax && note_syntax(r, f) < 0))
		r->oom = true;
	free(tmpl_uri);
	return r->oom ? -1 : 0;
}

static void free_state(struct sarif *r)
{
	free(r->rule_of);
	free(r->outside);
	ka_sarif_hashes_free(&r->hashes);
	ka_sarif_results_free(&r->res);
	for (size_t i = 0; i < r->nsyntax; i++)
		free(r->syntax[i].message);
	free(r->syntax);
	free(r);
}

/* Every input, in input order (a result's index points here). */
static void artifacts(FILE *out, const struct ka_run *run,
		      const struct ka_sarif_uris *u)
{
	struct ka_jw w;

	ka_jw_init(&w, out);
	fputs("      \"artifacts\": ", out);
	ka_jw_open(&w, '[');
	for (size_t i = 0; i < run->inputs.n; i++) {
		ka_jw_item(&w, "\n        ");
		/* No absolute URI (GitHub rejects them): a file outside the
		 * repository is named in a description. */
		if (u->relative[i]) {
			fputs("{\"location\": {\"uri\": ", out);
			ka_json_string(out, u->uri[i]);
			fputs(", \"uriBaseId\": \"%SRCROOT%\"}", out);
		} else {
			fputs("{\"description\": {\"text\": ", out);
			ka_json_string(out, run->inputs.v[i].path);
			fputs("}", out);
		}
		fputs(", \"roles\": [\"analysisTarget\"]}", out);
	}
	ka_jw_close(&w, "\n      ", ']');
	fputs(",\n", out);
}

/* What could not be read, parsed or placed, for one input. */
static void input_notes(struct ka_jw *w, const struct sarif *r,
			const struct ka_sarif_uris *u,
			const struct ka_input *in, size_t i)
{
	char msg[1024];

	if (i < r->noutside && r->outside[i]) {
		ka_format(msg, sizeof(msg),
			  "%zu results in '%s' were left out: it lies outside "
			  "the repository and the current directory, where "
			  "code scanning cannot show them.",
			  r->outside[i], in->path);
		ka_sarif_notification(w, "warning", msg, NULL, 0, 0, 0);
		ka_say(stderr, "kaudit: warning: SARIF: %s", msg);
	}
	if (in->is_stdin && !r->o.stdin_named)
		ka_sarif_notification(
		    w, "note",
		    "Standard input is reported as 'stdin'; name it "
		    "with --stdin-filename.",
		    NULL, 0, 0, 0);
	if (in->status == KA_INPUT_MISSING ||
	    in->status == KA_INPUT_UNREADABLE) {
		ka_format(msg, sizeof(msg), "Cannot %s '%s': %s.",
			  in->status == KA_INPUT_MISSING ? "open" : "read",
			  in->path, in->error ? in->error : "unknown error");
		ka_sarif_notification(w, "error", msg, u, i, 0, 0);
	}
	if (in->status == KA_INPUT_SKIPPED || in->status == KA_INPUT_EXCLUDED ||
	    in->status == KA_INPUT_NOT_MANIFEST) {
		ka_format(msg, sizeof(msg), "Skipped '%s': %s.", in->path,
			  in->status == KA_INPUT_EXCLUDED
			      ? "excluded by the configuration"
			      : (in->error ? in->error : "not a manifest"));
		ka_sarif_notification(w, "note", msg, NULL, 0, 0, 0);
	}
}

static void invocation(struct sarif *r, const struct ka_run *run,
		       const struct ka_sarif_uris *u)
{
	FILE *out = r->out;
	char msg[1024];
	struct ka_jw w;

	fprintf(out, "      \"invocations\": [{\"executionSuccessful\": %s, ",
		ka_run_input_trouble(run) || run->oom || r->oom ? "false"
								: "true");
	fputs("\"toolExecutionNotifications\": ", out);
	ka_jw_init(&w, out);
	ka_jw_open(&w, '[');
	for (size_t i = 0; i < run->inputs.n; i++)
		input_notes(&w, r, u, &run->inputs.v[i], i);
	for (size_t i = 0; i < r->nsyntax; i++) {
		ka_format(msg, sizeof(msg),
			  "A document could not be read and was not audited: "
			  "%s.",
			  r->syntax[i].message);
		ka_sarif_notification(&w, "warning", msg, u, r->syntax[i].input,
				      r->syntax[i].line, r->syntax[i].col);
	}
	if (run->baseline && ka_baseline_gone(run->baseline)) {
		/* Results with baselineState "absent" only when asked: code
		 * scanning would open an alert for each, at a place that no
		 * longer has it. */
		const struct ka_sarif_absent *a = &r->absent;

		if (r->o.baseline_absent)
			ka_format(msg, sizeof(msg),
				  "%zu findings of the baseline are absent "
				  "from this run (fixed or removed): %zu "
				  "written as results with baselineState "
				  "absent, %zu left out past the limit of "
				  "results, %zu without a rule of this run or "
				  "a place in the repository.",
				  ka_baseline_gone(run->baseline), a->written,
				  a->dropped, a->unplaced);
		else
			ka_format(msg, sizeof(msg),
				  "%zu findings of the baseline are absent "
				  "from this run (fixed or removed).",
				  ka_baseline_gone(run->baseline));
		ka_sarif_notification(&w, "note", msg, NULL, 0, 0, 0);
	}
	r->over =
	    ka_sarif_results_notes(&r->res, &w, r->o.no_truncate, r->dropped);
	if (run->oom || r->oom)
		ka_sarif_notification(&w, "error", KA_RUN_INCOMPLETE, NULL, 0,
				      0, 0);
	ka_jw_close(&w, "\n        ", ']');
	fputs("}]\n    }\n  ]\n}\n", out);
}

static void end_results(struct sarif *r, const struct ka_run *run)
{
	struct ka_sarif_uris u;
	struct ka_sarif_sink sink;
	size_t n;

	for (size_t i = 0; i < run->inputs.n; i++)
		if (!ka_run_uri(run, i)) {
			r->oom = true;
			return;
		}
	u.uri = run->uris->uri;
	u.relative = run->uris->relative;
	/* GitHub shows the most severe KA_SARIF_SHOWN: keep those, their
	 * line hashes computed now, for them only. */
	sink = ka_sarif_hash_collector(&r->hashes);
	ka_sarif_results_copy(&r->res, NULL,
			      r->o.no_truncate ? 0 : KA_SARIF_SHOWN, r->dropped,
			      &sink);
	ka_sarif_hash_compute(&r->hashes);
	sink = ka_sarif_hash_writer(&r->hashes);
	n = ka_sarif_results_copy(&r->res, r->out,
				  r->o.no_truncate ? 0 : KA_SARIF_SHOWN,
				  r->dropped, &sink);
	r->oom |= r->hashes.oom;
	if (r->o.baseline_absent && run->baseline) {
		ka_sarif_absent(r->out, run->baseline, r->rule_of, n,
				r->o.no_truncate     ? SIZE_MAX
				: n < KA_SARIF_SHOWN ? KA_SARIF_SHOWN - n
						     : 0,
				&r->absent);
		n += r->absent.written;
		r->oom |= r->absent.oom;
	}
	if (n)
		fputs("\n      ", r->out);
	r->oom |= r->res.oom;
	fputs("],\n", r->out);
	artifacts(r->out, run, &u);
	invocation(r, run, &u);
}

static int end(void *state, const struct ka_run *run)
{
	struct sarif *r = state;
	int rc;

	end_results(r, run);
	rc = r->oom ? -1 : r->over ? 1 : 0;
	free_state(r);
	return rc;
}

const struct ka_reporter ka_reporter_sarif = {
    .name = "sarif",
    .help = "SARIF 2.1.0 for GitHub code scanning",
    .baseline_states = true,
    .identities = true,
    .begin = begin,
    .finding = finding,
    .end = end,
};
