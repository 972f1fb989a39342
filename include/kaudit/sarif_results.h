/*
 * SARIF results held until the end of the run, one temporary file per
 * level, so that past GitHub's limit of results per run the most severe
 * are the ones kept (errors, then warnings, then notes, each in report
 * order). Memory stays flat: the results are on disk, and only where the
 * first KA_SARIF_SHOWN of each level start is remembered.
 */
#ifndef KAUDIT_SARIF_RESULTS_H
#define KAUDIT_SARIF_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/check.h"
#include "kaudit/jsonw.h"

/* GitHub rejects a run with more results ("results per run"), and shows
 * the KA_SARIF_SHOWN most severe: kaudit keeps those. */
#define KA_SARIF_MAX_RESULTS 25000
#define KA_SARIF_SHOWN	     5000

struct ka_sarif_results {
	FILE *f[3];	 /* per enum ka_level */
	size_t count[3]; /* results written to each */
	long *off[3];	 /* where each of the first results starts */
	char sep;	 /* written between two results (0: nothing) */
	bool oom;	 /* a file could not be made or written */
};

/* Where the next result of this level goes (its separator written), or
 * NULL when its file cannot be made. */
FILE *ka_sarif_results_next(struct ka_sarif_results *s, enum ka_level level);

/* Where copied bytes go instead of straight to out (out may be NULL). */
struct ka_sarif_sink {
	void (*chunk)(void *ud, FILE *out, const char *p, size_t n);
	void *ud;
};

/*
 * Copy the results into out as a JSON array's items, the most severe
 * first, at most limit of them (0: all), through sink when it is not
 * NULL. dropped[level] receives how many of each level were left out.
 * Returns how many were written.
 */
size_t ka_sarif_results_copy(struct ka_sarif_results *s, FILE *out,
			     size_t limit, size_t dropped[3],
			     const struct ka_sarif_sink *sink);

/*
 * Say what the copy left out (a warning notification in w's array and
 * on stderr) and, with no_truncate, when the run is past what GitHub
 * accepts (an error): true then.
 */
bool ka_sarif_results_notes(const struct ka_sarif_results *s, struct ka_jw *w,
			    bool no_truncate, const size_t dropped[3]);

void ka_sarif_results_free(struct ka_sarif_results *s);

#endif
