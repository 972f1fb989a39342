/*
 * Decisions across objects of the scan. Checks stay stateless: what one
 * object says for the others is reported as a fact (a ServiceAccount
 * that opts out of token automount, a ClusterRole that grants everything,
 * a NetworkPolicy's pod selector), and a finding that depends on such
 * facts carries a condition. The run delivers findings in input order:
 * a fact is kept, never shown; a conditional finding is decided when it
 * is delivered if the fact it needs is known by then (Helm renders and
 * most files name a ServiceAccount or Role before its users), else held
 * and decided when the whole scan has been read, then reported after the
 * other findings. For a fact given twice, the last one delivered counts.
 * Memory stays bounded: past KA_FACTS_HELD findings held, they are all
 * decided with the facts read so far (a fact still unknown is absent).
 */
#ifndef KAUDIT_FACTS_H
#define KAUDIT_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/findings.h"

#define KA_FACTS_HELD 4096

enum ka_cond {
	KA_COND_NONE,
	KA_FACT,	    /* not a finding: the fact key = data */
	KA_COND_UNLESS_YES, /* dropped when fact key is "yes" */
	KA_COND_IF_YES,	    /* kept only when fact key is "yes" */
	/* Kept when no selector given as a fact under key selects the
	 * labels in data (ka_facts_encode pairs); decided at the end. */
	KA_COND_UNSELECTED,
};

/* A fact: key has value data[0..len) (bytes). */
void ka_report_fact(struct ka_ctx *ctx, const struct ka_check *check,
		    const struct ka_node *at, const char *key, const char *data,
		    size_t len);

/* The last ka_report of ctx depends on key (and data, for
 * KA_COND_UNSELECTED). */
void ka_report_when(struct ka_ctx *ctx, enum ka_cond cond, const char *key,
		    const char *data, size_t len);

/*
 * Length-prefixed fields ("3:app"), so that any bytes survive: append
 * field s[0..n) to the growing buffer *buf (length *len); -1 when memory
 * runs out.
 */
int ka_facts_encode(char **buf, size_t *len, const char *s, size_t n);

/* The next field of buf[*pos..len): true with *s, *n, and *pos moved. */
bool ka_facts_decode(const char *buf, size_t len, size_t *pos, const char **s,
		     size_t *n);

/* The facts of a run, and the findings held until the end. */
struct ka_facts {
	struct ka_fact_entry *v; /* open addressing on the key */
	size_t cap, n;
	struct ka_finding *held;
	size_t nheld, capheld;
	bool oom;
};

/* Keep a fact (f->cond is KA_FACT); f is left to the caller to free. */
void ka_facts_add(struct ka_facts *fs, const struct ka_finding *f);

/*
 * Whether finding f stands: 1 yes, 0 no (drop it), -1 not known before
 * the end of the scan (final: decide with what is known, unknown facts
 * as absent).
 */
int ka_facts_decide(const struct ka_facts *fs, const struct ka_finding *f,
		    bool final);

/* A finding decided at the end: its message says what was considered. */
void ka_facts_note(struct ka_facts *fs, struct ka_finding *f);

/* Hold f (moved: the caller's copy must not be freed). */
void ka_facts_hold(struct ka_facts *fs, struct ka_finding *f);

void ka_facts_free(struct ka_facts *fs);

#endif
