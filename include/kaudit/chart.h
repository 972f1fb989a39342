/*
 * Helm charts as inputs: a directory holding Chart.yaml is rendered with
 * `helm template` (the helm on PATH, or --helm), and the render is what
 * kaudit audits. helm runs without a shell, stdin from /dev/null, with
 * bounded CPU and wall-clock time; its output goes to an unlinked
 * temporary file.
 */
#ifndef KAUDIT_CHART_H
#define KAUDIT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What users pass on to helm (kaudit's options of the same names). */
struct ka_helm_opts {
	const char *helm;    /* the binary, or NULL for "helm" on PATH */
	const char *release; /* NULL: helm's default name */
	const char *ns, *kube_version;
	const char **values, **sets, **api_versions;
	size_t nvalues, nsets, napi;
};

/* How long helm may run, in seconds (wall clock and CPU). */
#define KA_HELM_TIMEOUT 120

/* Whether dir is a chart: it holds a regular file Chart.yaml. */
bool ka_chart_is(const char *dir);

/*
 * For a file under a chart's templates/ folder, the chart to render: its
 * chart, or for a subchart's template (parent/charts/sub/templates/...)
 * the outermost parent, which renders it. malloc'd; NULL when the file is
 * in no chart's templates.
 */
char *ka_chart_of_template(const char *path);

/*
 * For a chart's own file (values.yaml, values.yml, Chart.yaml,
 * Chart.lock, values.schema.json beside the Chart.yaml), the chart to
 * render, as ka_chart_of_template; NULL for any other file.
 */
char *ka_chart_of_file(const char *path);

/*
 * Render chart with helm: a file descriptor of an unlinked temporary file
 * holding the render, at its start; or -1 with *why (malloc'd, one line,
 * helm's own message when it has one) set, or NULL when memory ran out.
 */
int ka_chart_render(const struct ka_helm_opts *o, const char *chart,
		    char **why);

/* A render under way (ka_chart_render in two steps, so that two renders
 * run side by side). */
struct ka_chart_job {
	pid_t pid;
	int out, err;
};

/* Start rendering: 0, or -1 with *why set as ka_chart_render sets it. */
int ka_chart_render_start(const struct ka_helm_opts *o, const char *chart,
			  struct ka_chart_job *j, char **why);

/* Wait for the render to end: ka_chart_render's result (why may be NULL
 * when the reason is not wanted). */
int ka_chart_render_wait(struct ka_chart_job *j, char **why);

#endif
