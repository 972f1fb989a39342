/*
 * Exact template lines for a chart's render. kaudit renders a copy of the
 * chart whose template lines end in a marker comment (` #kaudit-line:F:L`:
 * the file and the line that wrote it), with the same helm options. Markers
 * add no line, so line N of the marked render is line N of the real one;
 * a document whose lines do not line up (a marker changed what a template
 * decided) is left unmapped. A rendered line holds the markers of every
 * template line that wrote on it, in order (a helper's, then the line
 * that included it); a line with none takes the first of the next line
 * below that has one (the lines toYaml or tpl wrote take the line that
 * called them).
 */
#ifndef KAUDIT_CHARTMAP_H
#define KAUDIT_CHARTMAP_H

#include <stddef.h>
#include <stdint.h>

#include "kaudit/chart.h"

/*
 * The marker a template line ends in: KA_CHART_MARK, then a nonce drawn
 * for the run (a template cannot forge a marker), then ":FILE:LINE".
 */
#define KA_CHART_MARK " #kaudit-line:"

struct ka_chart_map {
	char **files; /* template paths in the chart ("templates/x.yaml") */
	size_t nfiles;
	/* Per rendered line (1-based): its markers, marks[first..+count). */
	uint32_t *first, *count;
	size_t nlines;
	uint32_t *marks; /* pairs: file id (1-based), template line */
	size_t nmarks, capmarks;
	char nonce[17]; /* the run's, in every marker */
	size_t nonce_len;
};

/* A copy of the chart larger than this is not made (no map). */
#define KA_CHART_MAP_MAX_BYTES ((size_t)64 << 20)
#define KA_CHART_MAP_MAX_FILES 10000

/*
 * The map for render (a file descriptor of chart's real render, read with
 * pread). NULL when it cannot be made (helm fails on the marked copy, the
 * chart is too big, memory): findings then use the text lookup.
 */
struct ka_chart_map *ka_chart_map_make(const struct ka_helm_opts *o,
				       const char *chart, int render);
void ka_chart_map_free(struct ka_chart_map *m);

/*
 * How many template lines wrote on rendered line `line`; the k-th of them
 * (in order, when k is below that) in *file (path in the chart) and
 * *tline.
 */
size_t ka_chart_map_at(const struct ka_chart_map *m, unsigned line, size_t k,
		       const char **file, unsigned *tline);

/*
 * text with a marker on each line that can take one (file id f, the
 * run's nonce). malloc'd, NULL when memory runs out.
 */
char *ka_chart_mark(const char *text, size_t len, const char *nonce, unsigned f,
		    size_t *outlen);

/*
 * Copy the chart into to (a new folder; regular files and folders only,
 * at most KA_CHART_MAP_MAX_FILES entries and _BYTES bytes), its templates
 * marked; *files (malloc'd) names them by file id - 1. 0, or -1.
 */
int ka_chart_copy_marked(const char *chart, const char *to, const char *nonce,
			 char ***files, size_t *nfiles);

/* Remove a folder kaudit made, and everything in it. */
void ka_chart_remove_tree(const char *path);

#endif
