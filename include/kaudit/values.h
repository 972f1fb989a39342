/*
 * Where a value in a chart's render was set: the values file (the chart's
 * values.yaml, a subchart's, or a --values file) and the line of the key
 * that holds it, for values inserted with toYaml, tpl or `{{ .Values.x }}`.
 *
 * The rendered lines the expression wrote (see ka_chart_map_block) are
 * parsed as YAML, the finding's node found in them, and its path below the
 * expression's value looked up in the values files under the `.Values`
 * paths the template line names (`toYaml .Values.a.b`, or `toYaml .`
 * inside `{{ with .Values.a.b }}`). A location is given only when the
 * value found there equals the rendered one (the same scalar, or the same
 * keys and values all through): a value changed by --set, merged or
 * computed by the template gets none, never a wrong one.
 */
#ifndef KAUDIT_VALUES_H
#define KAUDIT_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/chart.h"
#include "kaudit/chartmap.h"

struct ka_values; /* one chart's values files and templates, read once */

/* For chart, rendered with o (which must outlive it); NULL on ENOMEM. */
struct ka_values *ka_values_new(const char *chart,
				const struct ka_helm_opts *o);
void ka_values_free(struct ka_values *v);

/* A place in a values file. */
struct ka_values_hit {
	const char *path; /* the file, as the user or the chart names it */
	unsigned line, col, end_col;
};

/*
 * Where the node at rendered line:col of m's render was set, given the
 * template line that wrote it (file: path in the chart; text: that
 * template's contents). col 0 stands for the whole block that starts on
 * line (the value of a key on the line above). true with *hit set (valid until
 * v is freed). *oom is set when memory ran out.
 */
bool ka_values_locate(struct ka_values *v, const struct ka_chart_map *m,
		      unsigned line, unsigned col, const char *file,
		      const char *text, size_t len, unsigned tline,
		      struct ka_values_hit *hit, bool *oom);

#endif
