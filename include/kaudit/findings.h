/*
 * A finding and where findings collect while a document is audited.
 * Checks report through ka_report(); the pipeline adds input problems
 * with ka_findings_add(). A finding owns its strings: whoever takes it
 * from a list frees it with ka_finding_free().
 */
#ifndef KAUDIT_FINDINGS_H
#define KAUDIT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kaudit/check.h"
#include "kaudit/policy.h"
#include "kaudit/workload.h"

struct ka_fix;
struct ka_edit;
struct ka_pins;

/* Another node a finding involves (a volume's writable mount). */
struct ka_related {
	unsigned line, col, end_line, end_col;
	const char *what; /* "A writable mount of the volume.", static */
};

struct ka_finding {
	const struct ka_check *check;
	size_t input; /* index into the run's inputs */
	unsigned line, col, end_line, end_col;
	char *message;	   /* "container 'app' may run as root; set ..." */
	char *psa_message; /* pod-security-admission's wording, or NULL */
	char *kind, *ns, *name, *container; /* "" when not known */
	char *field; /* path from the object root, e.g. spec.containers[0]... */
	/*
	 * The field by meaning, for alert identity: containers by name, list
	 * members by what they are (spec.containers[web].securityContext.
	 * capabilities.add[SYS_ADMIN]), never by position; "" for input
	 * problems.
	 */
	char *ident;
	const char
	    *psa; /* the PSA check name under the run's policy, or NULL */
	enum ka_level level; /* the check's level, or the configured one */
	int waiver;	     /* enum ka_waiver_kind: how it was waived */
	char *reason;	     /* the waiver's reason, or NULL */
	char *source;	     /* the Helm template (# Source:), or NULL */
	size_t doc;	     /* which document of its input it came from */
	char *tmpl_path;     /* that template under --chart-root, or NULL */
	unsigned tmpl_line, tmpl_col, tmpl_end_col; /* where in it */
	char *values_path; /* the values file that set the value, or NULL */
	unsigned values_line, values_col, values_end_col; /* its key */
	/* Its identity (kauditIdentity/v1, "%016llx:%u"), set on delivery. */
	uint64_t id_hash;
	unsigned id_occ;
	int baseline; /* enum ka_baseline_state, under --baseline */
	/* A container's finding: where its securityContext is (or would go,
	 * the container's first key), for the text report's fix-it note. */
	unsigned fix_line, fix_col;
	bool fix_flow, fix_has_sc;
	struct ka_fix *fix; /* the edit that closes it, owned, or NULL */
	const char *nofix;  /* why it has none though its check fixes, static */
	struct ka_edit *edit; /* SARIF: the edit that makes the fix, owned */
	struct ka_related *related; /* owned; a waiver on any line counts */
	size_t nrelated;
	/* A fact, or a finding that depends on facts (kaudit/facts.h). */
	unsigned char cond; /* enum ka_cond */
	char *cond_key;	    /* owned, or NULL */
	char *cond_data;    /* owned, or NULL: cond_len bytes and a NUL */
	size_t cond_len;
};

/* Under --baseline: whether a finding's identity is in the baseline. */
enum ka_baseline_state {
	KA_BASELINE_NONE,
	KA_BASELINE_NEW,
	KA_BASELINE_UNCHANGED
};

/* A growable list of findings; oom is set when memory ran out. */
struct ka_findings {
	struct ka_finding *v;
	size_t n, cap;
	bool oom;
};

/* A string parameter of a check, as .kaudit.yaml set it. */
struct ka_param_value {
	const char *key;
	char **v;
	size_t n;
};

/* The context a check runs in: the pod, the policy, where findings go. */
struct ka_ctx {
	struct ka_findings *out;
	const struct ka_policy *policy;
	const struct ka_param_value *params; /* ends with a NULL key, or NULL */
	size_t input;
	const struct ka_pod *pod;
	const struct ka_pins *pins; /* --pin-digests, or NULL */
	bool fixes;    /* work out fixes (kaudit/fixbuild.h); else none is */
	bool last_ok;  /* the last ka_report made a finding */
	bool rendered; /* the document is a Helm render (# Source:) */
};

/* The policy version and level a check is judged under. */
static inline int ka_pss_version(const struct ka_ctx *ctx)
{
	return ctx->policy->version;
}

static inline bool ka_pss_restricted(const struct ka_ctx *ctx)
{
	return ka_policy_restricted(ctx->policy);
}

/*
 * The values .kaudit.yaml gave a check parameter (one of the check's
 * .params keys); *n is 0 when it gave none. Never NULL.
 */
char *const *ka_ctx_param(const struct ka_ctx *ctx, const char *key, size_t *n);

/*
 * Report a finding of check on node (its position), for container c (NULL
 * for the pod). field names the offending field relative to the container,
 * or to the pod spec when c is NULL ("securityContext.privileged"). The
 * message is one short sentence, what is wrong and what to set; for a
 * container it is prefixed "container 'app' ". The resource is in the
 * finding's kind, ns and name (reporters that need it add it).
 */
void ka_report(struct ka_ctx *ctx, const struct ka_check *check,
	       const struct ka_container *c, const struct ka_node *node,
	       const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Give f a new message, the parts of text (NULL-terminated) joined, cut
 * to the bound every message has; 0, or -1 when memory runs out (f is
 * unchanged then). For a finding whose text needs what the whole scan
 * says (kaudit/facts.h).
 */
int ka_finding_retext(struct ka_finding *f, const char *const *text);

/*
 * The message with its resource, "Deployment/web: container 'app' ...",
 * for readers that see it out of place (SARIF, annotations, GitLab); in
 * buf (cut to size), or the message itself when the resource is unknown.
 */
const char *ka_finding_titled(const struct ka_finding *f, char *buf,
			      size_t size);

/*
 * Give the finding the last ka_report of ctx made the wording the upstream
 * pod-security-admission uses for it (JSON and SARIF psa_message).
 */
void ka_report_psa(struct ka_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Add node (where the alias is, if reached through one) to the finding
 * the last ka_report of ctx made, as a related location: a comment
 * waiver on its line waives the finding too. Up to 16 per finding.
 */
void ka_report_related(struct ka_ctx *ctx, const struct ka_node *node,
		       const char *what);

/* Add a finding that belongs to no pod (input problems); -1 on no memory. */
int ka_findings_add(struct ka_findings *l, const struct ka_check *check,
		    size_t input, unsigned line, unsigned col,
		    unsigned end_line, unsigned end_col, const char *message);

/*
 * Sort l->v[first..n) by line, column, id and message and drop exact
 * repeats (one offending value reached twice through an alias).
 */
void ka_findings_settle(struct ka_findings *l, size_t first);

/* Free what f owns (not f itself). */
void ka_finding_free(struct ka_finding *f);

/* Free every finding of l and its array. */
void ka_findings_free(struct ka_findings *l);

#endif
