/*
 * Where in a Helm chart a finding of its render was written: the template
 * line (from the marked render, or from the template's text under
 * --chart-root) and the values file line. See kaudit/run.h.
 */
#include "kaudit/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/chart.h"
#include "kaudit/clean.h"
#include "kaudit/helm.h"

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

void ka_run_locate(struct ka_run *run, struct ka_finding *f)
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
