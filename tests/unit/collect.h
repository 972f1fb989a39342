/*
 * A reporter for tests: it keeps what it is handed, so a test drives the
 * real pipeline (settle, queue, audit, deliver) and reads the findings.
 */
#ifndef KAUDIT_TEST_COLLECT_H
#define KAUDIT_TEST_COLLECT_H

#include <stdlib.h>
#include <string.h>

#include "kaudit/config.h"
#include "kaudit/queue.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

struct kept {
	const struct ka_check *check;
	unsigned line, col;
	int waiver;
	char *message, *path;
};

struct collected {
	struct kept v[4096];
	size_t n;
};

static void *collect_begin(const struct ka_report_options *o,
			   const struct ka_run *run)
{
	(void)run;
	return o->out; /* the test's struct collected, passed as out */
}

static int collect_finding(void *state, const struct ka_run *run,
			   const struct ka_finding *f)
{
	struct collected *c = state;
	struct kept *k;

	if (c->n == sizeof(c->v) / sizeof(c->v[0]))
		return -1;
	k = &c->v[c->n++];
	k->check = f->check;
	k->line = f->line;
	k->col = f->col;
	k->waiver = f->waiver;
	k->message = strdup(f->message);
	k->path = strdup(run->inputs.v[f->input].path);
	return 0;
}

static int collect_end(void *state, const struct ka_run *run)
{
	(void)state;
	(void)run;
	return 0;
}

static const struct ka_reporter collect_reporter = {
    .name = "collect",
    .begin = collect_begin,
    .finding = collect_finding,
    .end = collect_end,
};

/*
 * Audit paths[0..n) with settings s and cfg's waivers through jobs
 * workers; the findings land in c. Returns the run's oom flag.
 */
static inline bool collect_run(struct collected *c, const struct ka_settings *s,
			       const struct ka_config *cfg,
			       const char *const *paths, size_t n, int jobs)
{
	struct ka_report_options o = {.out = (FILE *)(void *)c};
	struct ka_run run;
	struct ka_scopes scopes;
	bool oom;

	ka_run_init(&run, s);
	if (cfg &&
	    ka_scopes_init(&scopes, cfg, s, true, NULL, s->today, stderr) == 0)
		run.scopes = &scopes;
	for (size_t i = 0; i < n; i++)
		if (ka_input_collect(&run.inputs, paths[i], "<stdin>") < 0)
			run.oom = true;
	ka_inputs_sort(&run.inputs);
	ka_run_begin(&run, &collect_reporter, &o);
	ka_queue_run(&run, jobs);
	ka_run_finish(&run);
	ka_run_end(&run);
	oom = run.oom;
	ka_run_free(&run);
	if (run.scopes)
		ka_scopes_free(&scopes);
	return oom;
}

static inline void collect_free(struct collected *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].message);
		free(c->v[i].path);
	}
	c->n = 0;
}

#endif
