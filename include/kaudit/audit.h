/*
 * One run of kaudit: its inputs, the documents read from them and the
 * findings the checks made. Renderers read a finished, sorted run.
 */
#ifndef KAUDIT_AUDIT_H
#define KAUDIT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/arena.h"
#include "kaudit/check.h"
#include "kaudit/policy.h"

struct ka_config;

struct ka_yaml;

struct ka_finding {
	const struct ka_check *check;
	size_t input;                    /* index into run->inputs */
	unsigned line, col, end_line, end_col;
	char *message;
	char *kind, *ns, *name, *container; /* "" when not known */
	char *field; /* path from the object root, e.g. spec.containers[0]... */
	const char *psa; /* the PSA check name under the run's policy, or NULL */
	enum ka_level level; /* the check's level, or the configured one */
	int waiver;          /* enum ka_waiver_kind: how it was waived */
	char *reason;        /* the waiver's reason, or NULL */
	char *source;        /* the Helm template (# Source:), or NULL */
	size_t doc;          /* which document of the run it came from */
	char *tmpl_path;     /* that template under --chart-root, or NULL */
	unsigned tmpl_line, tmpl_col, tmpl_end_col; /* where in it */
};

enum ka_input_status {
	KA_INPUT_PENDING,    /* not read yet */
	KA_INPUT_AUDITED,    /* read to the end (findings may include syntax) */
	KA_INPUT_UNREADABLE, /* could not be opened or read */
	KA_INPUT_MISSING,    /* named on the command line and not there */
	KA_INPUT_EXCLUDED,   /* matched an exclude glob of the configuration */
	KA_INPUT_CONFIG,     /* the configuration file (for its own findings) */
	KA_INPUT_SKIPPED,    /* not audited, error says why */
};

struct ka_input {
	char *path;     /* as the user gave it (joined when walked) */
	bool is_stdin;
	enum ka_input_status status;
	char *error;    /* strerror text for unreadable and missing inputs */
	unsigned documents; /* documents with content */
	unsigned resources; /* pod specs audited */
	size_t order;       /* position before sorting */
};

struct ka_run {
	const bool *enabled; /* per ka_registry index */
	struct ka_policy policy; /* hardened, latest unless set after init */
	const int *levels;       /* per registry index: a level or -1; or NULL */
	const struct ka_config *config; /* or NULL */
	int today;               /* YYYYMMDD, for waiver expiry */
	struct ka_finding *findings;
	size_t nfindings, capfindings;
	struct ka_input *inputs;
	size_t ninputs, capinputs;
	unsigned documents;
	size_t chunks;       /* documents read so far, for ka_finding.doc */
	struct ka_yaml *yaml;
	struct ka_arena arena;
	bool oom; /* memory ran out: the report is incomplete */
	const char *chart_root; /* --chart-root, or NULL */
	/*
	 * When set, each document's findings, sorted, go to emit, which takes
	 * them (ka_run_deliver_cb delivers them at once; a parallel run
	 * queues them in report order). When NULL, findings accumulate in
	 * findings[], finalized in place (tests read them there).
	 */
	void (*emit)(void *ud, struct ka_run *run, struct ka_finding *f,
		     size_t n);
	void *emit_ud;
	/* Where delivered findings go (a renderer), and its data. */
	void (*sink)(void *ud, const struct ka_run *run,
		     const struct ka_finding *f, size_t n);
	void *sink_ud;
	size_t counts[3]; /* unwaived findings per level, once settled */
	size_t waived;    /* waived findings, once settled */
};

/* The context a check runs in. */
struct ka_ctx {
	struct ka_run *run;
	size_t input;
	const struct ka_pod *pod;
};

/* The policy version and level a check is judged under. */
static inline int ka_pss_version(const struct ka_ctx *ctx)
{
	return ctx->run->policy.version;
}

static inline bool ka_pss_restricted(const struct ka_ctx *ctx)
{
	return ka_policy_restricted(&ctx->run->policy);
}

/* 0, or -1 when memory runs out. enabled must outlive the run. */
int ka_run_init(struct ka_run *run, const bool *enabled);
void ka_run_free(struct ka_run *run);

/* Add an input; returns its index, or -1 when memory runs out. */
long ka_run_add_input(struct ka_run *run, const char *path, bool is_stdin);

/*
 * Audit every document read from fd as input idx. Returns 0, or -1 when
 * reading failed (the input is marked unreadable with the reason; the
 * documents read before the failure stay audited).
 */
int ka_run_audit_fd(struct ka_run *run, size_t idx, int fd);

/*
 * Report the configuration's unused and expired ignore entries and settle
 * what is left: findings end up sorted by path, line, column, id, without
 * repeats, waived by the configuration, counted, and emitted or kept.
 */
void ka_run_finish(struct ka_run *run);

/*
 * The last stage, in report order: the configuration's waivers, Helm
 * template lines, the counts, then the sink. Frees f[0..n)'s strings.
 */
void ka_run_deliver(struct ka_run *run, struct ka_finding *f, size_t n);

/* ka_run_deliver as an emit callback. */
void ka_run_deliver_cb(void *ud, struct ka_run *run, struct ka_finding *f,
		       size_t n);

/*
 * Audit every pending input with up to jobs threads; the findings reach
 * run's sink in the same order, byte for byte, as with one.
 */
void ka_run_audit_all(struct ka_run *run, int jobs);

/* Sort inputs by path (stable), as the report orders them. */
void ka_run_sort_inputs(struct ka_run *run);

/* Add a finding directly (input problems); -1 when out of memory. */
int ka_run_add_finding(struct ka_run *run, const struct ka_check *check,
		       size_t input, unsigned line, unsigned col,
		       unsigned end_line, unsigned end_col,
		       const char *message);

#endif
