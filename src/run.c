/*
 * The run's last stage: what happens to a settled finding on its way to
 * the reporter. See kaudit/run.h.
 */
#include "kaudit/run.h"
#include "kaudit/error.h"
#include "kaudit/fixrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/clean.h"
#include "kaudit/helm.h"
#include "kaudit/jsonw.h"
#include "kaudit/path.h"

void ka_run_init(struct ka_run *run, const struct ka_settings *s)
{
	memset(run, 0, sizeof(*run));
	run->s = s;
	ka_fingerprints_init(&run->fp);
	run->uris = calloc(1, sizeof(*run->uris)); /* NULL: ka_run_uri fails */
	/* NULL: the summary has no per-check counts */
	run->per_check = calloc(ka_registry_len, sizeof(*run->per_check));
}

void ka_run_free(struct ka_run *run)
{
	for (size_t i = 0; i < run->nrenders; i++) {
		close(run->renders[i]);
		ka_chart_map_free(run->maps[i]);
		ka_values_free(run->values[i]);
	}
	free(run->per_check);
	free(run->renders);
	free(run->maps);
	free(run->values);
	ka_fingerprints_free(&run->fp);
	ka_facts_free(&run->facts);
	for (size_t i = 0; run->uris && i < run->uris->n; i++)
		free(run->uris->uri[i]);
	if (run->uris) {
		free(run->uris->uri);
		free(run->uris->relative);
	}
	free(run->uris);
	ka_inputs_free(&run->inputs);
	ka_templates_free(&run->templates);
}

/* The render of in's chart, from an earlier input of the same chart. */
static const struct ka_input *rendered(const struct ka_run *run, size_t i)
{
	const struct ka_input *in = &run->inputs.v[i];

	for (size_t j = 0; j < i; j++) {
		const struct ka_input *o = &run->inputs.v[j];

		if (o->chart && o->render_fd >= 0 &&
		    strcmp(o->chart, in->chart) == 0)
			return o;
	}
	return NULL;
}

/* in's chart does not render: an error, or a template skipped. */
static int unrendered(struct ka_input *in, const char *why)
{
	free(in->error);
	if (in->part) {
		ka_say(stderr, "kaudit: note: '%s' skipped: %s (%s)", in->path,
		       KA_SKIP_UNRENDERED, why);
		in->status = KA_INPUT_SKIPPED;
		in->error = strdup(KA_SKIP_UNRENDERED);
	} else {
		in->status = KA_INPUT_UNREADABLE;
		in->error = strdup(why);
	}
	return in->error ? 0 : -1;
}

int ka_run_render(struct ka_run *run, const struct ka_helm_opts *o)
{
	run->helm = o;
	for (size_t i = 0; i < run->inputs.n; i++) {
		struct ka_input *in = &run->inputs.v[i];
		const struct ka_input *done;
		char *why = NULL;
		struct ka_chart_map **maps;
		struct ka_values **vals;
		struct ka_chart_job job;
		struct ka_chart_map_job mj;
		int *v, fd;

		if (!in->chart || in->status != KA_INPUT_PENDING)
			continue;
		if ((done = rendered(run, i))) {
			in->render_fd = done->render_fd;
			continue;
		}
		/* The marked copy renders beside the real render. */
		fd = -1;
		if (ka_chart_render_start(o, in->chart, &job, &why) == 0) {
			ka_chart_map_start(o, in->chart, &mj);
			fd = ka_chart_render_wait(&job, &why);
			if (fd < 0)
				ka_chart_map_finish(&mj, -1);
		}
		if (fd < 0) {
			int r = why ? unrendered(in, why) : -1;

			free(why);
			if (r < 0)
				return -1;
			continue;
		}
		v = realloc(run->renders, (run->nrenders + 1) * sizeof(*v));
		if (v)
			run->renders = v;
		maps = realloc(run->maps, (run->nrenders + 1) * sizeof(*maps));
		if (maps)
			run->maps = maps;
		vals =
		    realloc(run->values, (run->nrenders + 1) * sizeof(*vals));
		if (vals)
			run->values = vals;
		if (!v || !maps || !vals) {
			ka_chart_map_finish(&mj, -1);
			close(fd);
			return -1;
		}
		run->maps[run->nrenders] = ka_chart_map_finish(&mj, fd);
		run->values[run->nrenders] = NULL;
		run->renders[run->nrenders++] = fd;
		in->render_fd = fd;
	}
	return 0;
}

int ka_run_begin(struct ka_run *run, const struct ka_reporter *r,
		 const struct ka_report_options *o)
{
	run->reporter = r;
	run->rstate = r->begin(o, run);
	if (!run->rstate)
		run->oom = true;
	return run->rstate ? 0 : -1;
}

int ka_run_end(struct ka_run *run)
{
	int rc = 0;

	if (run->rstate)
		rc = run->reporter->end(run->rstate, run);
	run->rstate = NULL;
	if (rc < 0)
		run->oom = true;
	run->over_limit = rc > 0;
	return rc;
}

const struct ka_settings *ka_run_settings(const struct ka_run *run,
					  const struct ka_input *in)
{
	return run->scopes ? run->scopes->v[in->scope]->s : run->s;
}

/* The `ignore:` entries of the configuration that governs f. */
static void apply_ignores(struct ka_run *run, struct ka_finding *f)
{
	const struct ka_input *in = &run->inputs.v[f->input];
	const struct ka_config *cfg;

	if (!run->scopes)
		return;
	cfg = run->scopes->v[in->scope]->cfg;
	for (size_t j = 0; j < cfg->nignores && !f->waiver; j++)
		if (ka_waiver_matches(&cfg->ignores[j], f, in->path,
				      run->s->today) &&
		    ka_waiver_apply(&cfg->ignores[j], f) < 0)
			run->oom = true;
}

const char *ka_run_uri(const struct ka_run *run, size_t input)
{
	const struct ka_input *in = &run->inputs.v[input];
	struct ka_run_uris *u = run->uris;

	if (!u)
		return NULL;
	if (u->n < run->inputs.n) {
		char **v = realloc(u->uri, run->inputs.n * sizeof(*v));
		bool *rel;

		if (!v)
			return NULL;
		u->uri = v;
		if (!(rel = realloc(u->relative, run->inputs.n * sizeof(*rel))))
			return NULL;
		u->relative = rel;
		for (size_t k = u->n; k < run->inputs.n; k++) {
			u->uri[k] = NULL;
			u->relative[k] = false;
		}
		u->n = run->inputs.n;
	}
	if (u->uri[input])
		return u->uri[input];
	if (in->is_stdin && !run->stdin_named) {
		u->uri[input] = strdup("stdin");
		u->relative[input] = true;
	} else {
		u->uri[input] = ka_path_uri(in->path, &u->relative[input]);
	}
	return u->uri[input];
}

/*
 * The finding's identity: by its template for a Helm render (`kaudit
 * chart/`, `helm template | kaudit -` and a saved render agree), else by
 * its file's URI.
 */
static void identify(struct ka_run *run, struct ka_finding *f)
{
	const char *uri;

	/* Only what shows or compares identities pays for them. */
	if (!run->baseline && !run->baseline_out &&
	    !(run->reporter && run->reporter->identities))
		return;
	uri = f->source ? f->source : ka_run_uri(run, f->input);
	if (!uri) {
		run->oom = true;
		uri = "";
	}
	f->id_hash = ka_fingerprint_identity(f, uri);
	f->id_occ = ka_fingerprint_occurrence(&run->fp, f, &f->id_hash);
	run->oom |= run->fp.oom;
}

const char *ka_run_where(const struct ka_run *run, const struct ka_finding *f,
			 unsigned *line, unsigned *col)
{
	*line = f->tmpl_path ? f->tmpl_line : f->line;
	*col = f->tmpl_path ? f->tmpl_col : f->col;
	return f->tmpl_path ? f->tmpl_path : run->inputs.v[f->input].path;
}

/* One finding of --write-baseline's file. */
static void baseline_item(struct ka_run *run, const struct ka_finding *f)
{
	FILE *out = run->baseline_out;
	unsigned line, col;
	const char *path = ka_run_where(run, f, &line, &col);

	fprintf(out, "%s\n    {\"fingerprint\": \"%016llx:%u\", \"id\": ",
		run->baseline_written++ ? "," : "",
		(unsigned long long)f->id_hash, f->id_occ);
	ka_json_string(out, f->check->id);
	fputs(", \"path\": ", out);
	ka_json_string(out, path);
	fprintf(out,
		", \"line\": %u, \"column\": %u, \"end_line\": %u, "
		"\"end_column\": %u, \"level\": \"%s\", \"message\": ",
		line, col, f->tmpl_path ? f->tmpl_line : f->end_line,
		f->tmpl_path ? f->tmpl_end_col : f->end_col,
		ka_level_name(f->level));
	ka_json_string(out, f->message);
	fputc('}', out);
}

/* A settled finding to its reporter and counts; then freed. */
static void emit(struct ka_run *run, struct ka_finding *f)
{
	bool shown;

	if (run->fixer && ka_fixrun_take(run->fixer, run, f)) {
		ka_finding_free(f);
		return;
	}
	if (run->baseline)
		f->baseline =
		    ka_baseline_has(run->baseline, f->id_hash, f->id_occ)
			? KA_BASELINE_UNCHANGED
			: KA_BASELINE_NEW;
	/* An unchanged finding neither counts nor shows (but SARIF marks
	 * it, so that its alert stays open). */
	shown = f->baseline != KA_BASELINE_UNCHANGED;
	if (!shown)
		run->unchanged++;
	else if (f->waiver)
		run->waived++;
	else
		run->counts[f->level]++;
	if (shown && !f->waiver && run->per_check)
		run->per_check[ka_registry_index(f->check)][f->level]++;
	if (run->rstate && (shown || run->reporter->baseline_states) &&
	    run->reporter->finding(run->rstate, run, f) < 0)
		run->oom = true;
	run->emitted += shown;
	if (run->baseline_out)
		baseline_item(run, f);
	ka_finding_free(f);
}

/* The findings held for facts, decided now that the scan is read. */
static void release_held(struct ka_run *run)
{
	struct ka_facts *fs = &run->facts;

	for (size_t i = 0; i < fs->nheld; i++) {
		if (ka_facts_decide(fs, &fs->held[i], true) > 0) {
			ka_facts_note(fs, &fs->held[i]);
			emit(run, &fs->held[i]);
		} else
			ka_finding_free(&fs->held[i]);
	}
	fs->nheld = 0;
}

void ka_run_deliver(struct ka_run *run, struct ka_finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int stands;

		if (f[i].cond == KA_FACT) {
			ka_facts_add(&run->facts, &f[i]);
			ka_finding_free(&f[i]);
			continue;
		}
		apply_ignores(run, &f[i]);
		ka_run_locate(run, &f[i]);
		identify(run, &f[i]);
		stands =
		    f[i].cond ? ka_facts_decide(&run->facts, &f[i], false) : 1;
		if (stands < 0 && run->facts.nheld >= KA_FACTS_HELD)
			release_held(run);
		if (stands > 0)
			emit(run, &f[i]);
		else if (stands < 0)
			ka_facts_hold(&run->facts, &f[i]);
		else
			ka_finding_free(&f[i]);
	}
	run->oom |= run->facts.oom;
}

/* A configuration's `ignore:` entries that are invalid, expired or unused. */
static void scope_problems(struct ka_run *run, const struct ka_scope *sc,
			   struct ka_findings *l)
{
	const struct ka_settings *s = sc->s;
	long input = -1;

	for (size_t j = 0; j < sc->cfg->nignores; j++) {
		const struct ka_waiver *w = &sc->cfg->ignores[j];
		const struct ka_check *check;
		char what[200], msg[512];
		size_t first = l->n;
		int lv;

		if (!w->nchecks)
			continue;
		ka_format(what, sizeof(what), "ignore entry for %s",
			  w->checks[0]->id);
		check = ka_waiver_problem(w, s->today, s->enabled, what, msg,
					  sizeof(msg));
		if (!check)
			continue;
		if (input < 0) {
			input =
			    ka_inputs_add(&run->inputs, sc->cfg->path, false);
			if (input < 0) {
				run->oom = true;
				return;
			}
			run->inputs.v[input].status = KA_INPUT_CONFIG;
		}
		ka_findings_add(l, check, (size_t)input, w->line, w->col,
				w->line, w->col + 1, msg);
		lv = s->levels ? s->levels[ka_registry_index(check)] : -1;
		if (lv >= 0 && l->n > first)
			l->v[first].level = (enum ka_level)lv;
	}
}

void ka_run_finish(struct ka_run *run)
{
	struct ka_findings l = {0};

	release_held(run);
	for (size_t i = 0; run->scopes && i < run->scopes->n; i++)
		if (!run->scopes->v[i]->bad)
			scope_problems(run, run->scopes->v[i], &l);
	if (l.oom)
		run->oom = true;
	ka_findings_settle(&l, 0);
	ka_run_deliver(run, l.v, l.n);
	free(l.v);
}

bool ka_run_input_trouble(const struct ka_run *run)
{
	for (size_t i = 0; i < run->inputs.n; i++)
		if (run->inputs.v[i].status == KA_INPUT_MISSING ||
		    run->inputs.v[i].status == KA_INPUT_UNREADABLE)
			return true;
	return false;
}
