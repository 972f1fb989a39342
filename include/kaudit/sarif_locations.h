/*
 * Where a SARIF result points: the rendered manifest (repository-relative
 * URI and region), the chart template under --chart-root, the resource,
 * container and template as logical locations.
 */
#ifndef KAUDIT_SARIF_LOCATIONS_H
#define KAUDIT_SARIF_LOCATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/jsonw.h"

#include "kaudit/findings.h"

/* Per input: its URI and whether it is relative to %SRCROOT%. */
struct ka_sarif_uris {
	char **uri;
	bool *relative;
};

/* A location object in input's file, without its closing brace. */
void ka_sarif_location(FILE *out, const struct ka_sarif_uris *u, size_t input,
		       unsigned line, unsigned col, unsigned end_line,
		       unsigned end_col);

/* The location of f in its chart template (f->tmpl_path is set), uri its
 * URI relative to %SRCROOT% (the caller resolved it). */
void ka_sarif_template_location(FILE *out, const struct ka_finding *f,
				const char *uri);

/* ,"logicalLocations": the resource, its container and its template. */
void ka_sarif_logical_locations(FILE *out, const struct ka_finding *f);

/*
 * ,"relatedLocations": the render (when render_file: a file holds it, not
 * a render kaudit made of a chart), or the template, when f has one.
 */
void ka_sarif_related_locations(FILE *out, const struct ka_sarif_uris *u,
				const struct ka_finding *f, bool render_file);

/* A toolExecutionNotifications item (w's array), at input's line:col
 * when u is not NULL. */
void ka_sarif_notification(struct ka_jw *w, const char *level, const char *text,
			   const struct ka_sarif_uris *u, size_t input,
			   unsigned line, unsigned col);

/*
 * The result's `fixes` (viewers such as VS Code's SARIF viewer offer it),
 * after a comma: the edit --fix would make (f->edit), one replacement in
 * the result's file, whose URI is relative.
 */
void ka_sarif_fix(FILE *out, const struct ka_sarif_uris *u,
		  const struct ka_finding *f);

#endif
