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

#include <stdbool.h>
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
	unsigned char *own; /* per rendered line: 1 when it has markers */
	char *text;	    /* the real render */
	size_t len;
	size_t *starts; /* line i (1-based) is text[starts[i], starts[i+1]) */
	uint32_t *block_first, *block_last; /* see ka_chart_map_block */
};

/* A copy of the chart larger than this is not made (no map). */
#define KA_CHART_MAP_MAX_BYTES ((size_t)64 << 20)
#define KA_CHART_MAP_MAX_FILES 10000

void ka_chart_map_free(struct ka_chart_map *m);

/*
 * The map for a chart's real render, in two steps (the marked copy
 * renders while the caller waits for the real render). No map when it
 * cannot be made (helm fails on the marked copy, the chart is too big,
 * memory): findings then use the text lookup.
 */
struct ka_chart_map_job {
	char dir[4096]; /* the marked copy's folder, removed at the end */
	char nonce[17];
	char **files;
	size_t nfiles;
	struct ka_chart_job render;
};

/* Copy and start rendering: 0, or -1 (ka_chart_map_finish still ends
 * the job, and gives NULL). */
int ka_chart_map_start(const struct ka_helm_opts *o, const char *chart,
		       struct ka_chart_map_job *j);

/* Wait for the marked render and line it up with render (a file
 * descriptor of the real render, read with pread; -1: just end the job):
 * the map, or NULL. */
struct ka_chart_map *ka_chart_map_finish(struct ka_chart_map_job *j,
					 int render);

/*
 * How many template lines wrote on rendered line `line`; the k-th of them
 * (in order, when k is below that) in *file (path in the chart) and
 * *tline.
 */
size_t ka_chart_map_at(const struct ka_chart_map *m, unsigned line, size_t k,
		       const char **file, unsigned *tline);

/*
 * The rendered lines [*first, *last] (1-based) that the template lines
 * marking *last wrote together with line: *last is the first line from
 * line on that carries markers, *first the line after the one above it
 * that carries markers (toYaml's and tpl's output: the lines between two
 * marked lines), never past a document's `---` or `# Source:`. *text and
 * *len are those lines in the real render. false when line is not mapped.
 */
bool ka_chart_map_block(const struct ka_chart_map *m, unsigned line,
			unsigned *first, unsigned *last, const char **text,
			size_t *len);

/* Rendered line `line` of the real render, without its line end and
 * trailing blanks. false when there is no such line. */
bool ka_chart_map_line(const struct ka_chart_map *m, unsigned line,
		       const char **text, size_t *len);

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
