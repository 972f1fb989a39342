/*
 * The run's last stage: what happens to a settled finding on its way to
 * the reporter. See kaudit/run.h.
 */
#include "kaudit/run.h"
#include "kaudit/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/clean.h"
#include "kaudit/helm.h"

void ka_run_init(struct ka_run *run, const struct ka_settings *s)
{
	memset(run, 0, sizeof(*run));
	run->s = s;
}

void ka_run_free(struct ka_run *run)
{
	for (size_t i = 0; i < run->nrenders; i++) {
		close(run->renders[i]);
		ka_chart_map_free(run->maps[i]);
		ka_values_free(run->values[i]);
	}
	free(run->renders);
	free(run->maps);
	free(run->values);
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

/*
 * Under --chart-root, where in the template the finding was written. A
 * source that cannot be used (outside the root, not a file...) leaves the
 * finding at its rendered line, with a note the first time.
 */
/* Which of the renders is in's chart's, or -1. */
static long render_of(const struct ka_run *run, const struct ka_input *in)
{
	for (size_t k = 0; in->chart && k < run->nrenders; k++)
		if (run->renders[k] == in->render_fd)
			return (long)k;
	return -1;
}

/*
 * Where the finding's value was set, when a values file set it: tried
 * with each template line that wrote the rendered lines it sits in.
 */
static bool values_at(struct ka_run *run, struct ka_finding *f,
		      const struct ka_input *in, size_t k, unsigned line,
		      unsigned col)
{
	const struct ka_chart_map *m = run->maps[k];
	unsigned first, last;
	const char *text;
	size_t len, n;
	struct ka_values_hit hit;
	bool oom = false, found = false;

	if (!ka_chart_map_block(m, line, &first, &last, &text, &len) ||
	    (!col && first != line))
		return false;
	n = ka_chart_map_at(m, last, 0, NULL, NULL);
	for (size_t i = 0; i < n && !oom && !found; i++) {
		const char *file;
		unsigned tline;
		struct ka_template *t;
		bool fresh;

		ka_chart_map_at(m, last, i, &file, &tline);
		t = ka_templates_get(&run->templates, in->chart, file, &fresh);
		if (!t) {
			oom = true;
			break;
		}
		if (t->why ||
		    !ka_values_locate(run->values[k], m, line, col, file,
				      t->text, t->len, tline, &hit, &oom))
			continue;
		if (!(f->values_path = strdup(hit.path)))
			oom = true;
		f->values_line = hit.line;
		f->values_col = hit.col;
		f->values_end_col = hit.end_col;
		found = true;
	}
	run->oom |= oom;
	return found;
}

/*
 * Where the finding's value was set, when a values file set it: tried
 * with each template line that wrote the rendered lines it sits in; for
 * a key with nothing after it (`securityContext:` above a toYaml block),
 * with the block below.
 */
static void locate_values(struct ka_run *run, struct ka_finding *f,
			  const struct ka_input *in, size_t k)
{
	const char *text, *next;
	size_t len, nlen, indent = 0;

	if (!run->values[k] &&
	    !(run->values[k] = ka_values_new(in->chart, run->helm))) {
		run->oom = true;
		return;
	}
	if (values_at(run, f, in, k, f->line, f->col) ||
	    !ka_chart_map_line(run->maps[k], f->line, &text, &len) || !len ||
	    text[len - 1] != ':' ||
	    !ka_chart_map_line(run->maps[k], f->line + 1, &next, &nlen))
		return;
	while (indent < nlen && next[indent] == ' ')
		indent++;
	if (indent >= f->col)
		values_at(run, f, in, k, f->line + 1, 0);
}

/* Whether template line `line` of t writes the key field ends with. */
static bool writes_key(const struct ka_template *t, unsigned line,
		       const char *field)
{
	unsigned col, end_col;

	return ka_helm_column(t->text, t->len, line, field, &col, &end_col);
}

/*
 * A chart kaudit rendered: of the template lines that wrote the finding's
 * rendered line, the first that writes its key (`runAsUser:` in the
 * caller, not the helper whose value follows it), else the first.
 */
static bool locate_marked(struct ka_run *run, struct ka_finding *f,
			  const struct ka_input *in)
{
	long k = render_of(run, in);
	const struct ka_chart_map *m = k < 0 ? NULL : run->maps[k];
	const char *field = f->field ? f->field : "";
	struct ka_template *best = NULL;
	unsigned best_line = 0;
	size_t n = ka_chart_map_at(m, f->line, 0, NULL, NULL);

	for (size_t i = 0; i < n; i++) {
		const char *file;
		unsigned tline;
		struct ka_template *t;
		bool fresh;

		ka_chart_map_at(m, f->line, i, &file, &tline);
		t = ka_templates_get(&run->templates, in->chart, file, &fresh);
		if (!t) {
			run->oom = true;
			return true;
		}
		if (t->why)
			continue;
		if (!best) {
			best = t;
			best_line = tline;
		}
		if (writes_key(t, tline, field)) {
			best = t;
			best_line = tline;
			break;
		}
	}
	if (!best)
		return false;
	f->tmpl_line = best_line;
	ka_helm_column(best->text, best->len, best_line, field, &f->tmpl_col,
		       &f->tmpl_end_col);
	if (!(f->tmpl_path = strdup(best->path)))
		run->oom = true;
	locate_values(run, f, in, (size_t)k);
	return true;
}

static void locate_template(struct ka_run *run, struct ka_finding *f)
{
	struct ka_template *t;
	bool fresh;
	int r;

	const struct ka_input *in = &run->inputs.v[f->input];
	const char *root = in->chart ? in->chart : run->s->chart_root;
	const char *source =
	    in->chart ? ka_helm_source_in_chart(f->source) : f->source;

	if (in->chart && locate_marked(run, f, in))
		return;
	if (!f->source || !*f->kind || !root || !source)
		return;
	t = ka_templates_get(&run->templates, root, source, &fresh);
	/* --chart-root names the chart itself: its sources drop its name. */
	if (t && t->why && !in->chart && ka_chart_is(root) &&
	    ka_helm_source_in_chart(source))
		t = ka_templates_get(&run->templates, root,
				     ka_helm_source_in_chart(source), &fresh);
	if (!t) {
		run->oom = true;
		return;
	}
	if (t->why) {
		if (fresh && !in->chart)
			ka_say(stderr,
			       "kaudit: note: --chart-root: template '%s' not "
			       "used (%s); its findings stay on the rendered "
			       "lines",
			       f->source, t->why);
		run->chart_root_missed += !in->chart;
		return;
	}
	run->chart_root_hit += !in->chart;
	r = ka_template_locate(t, f->kind, f->field ? f->field : "",
			       &f->tmpl_line, &f->tmpl_col, &f->tmpl_end_col);
	if (r == -2 || (r == 0 && !(f->tmpl_path = strdup(t->path))))
		run->oom = true;
}

void ka_run_deliver(struct ka_run *run, struct ka_finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		apply_ignores(run, &f[i]);
		locate_template(run, &f[i]);
		if (f[i].waiver)
			run->waived++;
		else
			run->counts[f[i].level]++;
		if (run->rstate &&
		    run->reporter->finding(run->rstate, run, &f[i]) < 0)
			run->oom = true;
		run->emitted++;
		ka_finding_free(&f[i]);
	}
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
