/*
 * One run of kaudit: its settings, its inputs, and the last stage every
 * finding passes through in report order (ka_run_deliver): the
 * configuration's waivers, the Helm template lines, the counts, the
 * reporter. src/queue.c drives the run; nothing here calls back into it.
 */
#ifndef KAUDIT_RUN_H
#define KAUDIT_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/baseline.h"
#include "kaudit/chart.h"
#include "kaudit/chartmap.h"
#include "kaudit/facts.h"
#include "kaudit/findings.h"
#include "kaudit/fingerprint.h"
#include "kaudit/helm.h"
#include "kaudit/input.h"
#include "kaudit/report.h"
#include "kaudit/scopes.h"
#include "kaudit/settings.h"
#include "kaudit/suppress.h"
#include "kaudit/values.h"

/* What every report says when memory ran out during the run. */
#define KA_RUN_INCOMPLETE "out of memory; the report is incomplete"

/* Each input's URI as SARIF names it, computed when first asked for. */
struct ka_run_uris {
	char **uri;
	bool *relative; /* relative to %SRCROOT% */
	size_t n;
};

struct ka_run {
	const struct ka_settings *s; /* scope 0's: the run's own */
	struct ka_inputs inputs;
	/* Each input's .kaudit.yaml (and its ignores), or NULL for s only. */
	struct ka_scopes *scopes;
	const struct ka_reporter *reporter;
	void *rstate;
	size_t counts[3]; /* unwaived findings per level, once delivered */
	size_t (*per_check)[3]; /* the same per registry index, or NULL */
	size_t waived;		/* waived findings, once delivered */
	size_t emitted;		/* findings handed to the reporter */
	bool oom;		/* memory ran out: the report is incomplete */
	bool over_limit;	/* the report is past a limit its reader has */
	bool stdin_named;	/* --stdin-filename: stdin's identity uses it */
	/* Alert identities (kaudit/fingerprint.h). */
	struct ka_fingerprints fp;
	struct ka_facts facts;	 /* decisions across objects (kaudit/facts.h) */
	struct ka_fixrun *fixer; /* --fix, --diff: takes the fixed findings */
	struct ka_run_uris *uris; /* see ka_run_uri */
	/* --baseline: findings whose identity is in it are unchanged, and
	 * only the reporters that mark them (SARIF) are given them. */
	struct ka_baseline *baseline;
	size_t unchanged;   /* unchanged findings not reported */
	FILE *baseline_out; /* --write-baseline, being written */
	size_t baseline_written;
	struct ka_templates templates; /* under --chart-root, read once */
	int *renders; /* the charts' renders (ka_run_render), closed at the end
		       */
	struct ka_chart_map **maps; /* their template lines, or NULL each */
	struct ka_values **values;  /* their values files, made when needed */
	const struct ka_helm_opts *helm; /* what they were rendered with */
	/* Findings whose `# Source:` --chart-root resolved, and did not. */
	size_t chart_root_hit, chart_root_missed;
	size_t nrenders;
};

/*
 * Render the charts the inputs need with helm, each once: a chart that
 * does not render is an error (helm's message), a template whose chart
 * does not render is skipped with a note on stderr. -1 when memory runs
 * out.
 */
int ka_run_render(struct ka_run *run, const struct ka_helm_opts *o);

/* The settings an input is audited with: its scope's. */
const struct ka_settings *ka_run_settings(const struct ka_run *run,
					  const struct ka_input *in);

/*
 * Input's URI, as SARIF names it (relative to the repository; "stdin"
 * unless --stdin-filename named it), computed once into run->uris (which
 * then holds it, and whether it is relative, at index input); NULL on
 * ENOMEM.
 */
const char *ka_run_uri(const struct ka_run *run, size_t input);

/* Where a finding is shown: its template's line for a Helm render
 * kaudit located, else its file's. */
const char *ka_run_where(const struct ka_run *run, const struct ka_finding *f,
			 unsigned *line, unsigned *col);

/*
 * A Helm render's finding: its template line (f->tmpl_*) and, when a
 * values file set its value, that line (f->values_*). The first
 * --chart-root template that cannot be used is noted on stderr.
 */
void ka_run_locate(struct ka_run *run, struct ka_finding *f);

/* A run with settings s (which must outlive it) and no inputs. */
void ka_run_init(struct ka_run *run, const struct ka_settings *s);

/* Free the inputs (not the settings, not the ignores). */
void ka_run_free(struct ka_run *run);

/* Start the report with reporter r; -1 when memory runs out. */
int ka_run_begin(struct ka_run *run, const struct ka_reporter *r,
		 const struct ka_report_options *o);

/*
 * The last stage, in report order: the configuration's waivers, the Helm
 * template lines, the counts, then the reporter. Takes f[0..n)'s
 * strings (frees them), not the array.
 */
void ka_run_deliver(struct ka_run *run, struct ka_finding *f, size_t n);

/*
 * Deliver the configuration's unused and expired ignore entries, as
 * findings in the configuration file, after every input.
 */
void ka_run_finish(struct ka_run *run);

/* End the report; -1 when the reporter ran out of memory. */
int ka_run_end(struct ka_run *run);

/* True when any input could not be read or does not exist. */
bool ka_run_input_trouble(const struct ka_run *run);

#endif
