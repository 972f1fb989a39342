/*
 * Reading a Helm template's actions just enough to say which `.Values`
 * paths a line inserts: `{{ toYaml .Values.a.b }}`, `{{ .Values.x }}`, and
 * `{{ toYaml . }}` or `{{ .c }}` inside `{{ with .Values.a }}` (nested
 * `with`, `else with`, `if` and `end` followed; inside `range` `.` is
 * unknown; a `define` starts again at the root).
 */
#ifndef KAUDIT_TPLCTX_H
#define KAUDIT_TPLCTX_H

#include <stdbool.h>
#include <stddef.h>

struct ka_tplctx; /* each line's `.` in one template */

/* Scan a template's text once; NULL when memory runs out. */
struct ka_tplctx *ka_tplctx_scan(const char *text, size_t len);
void ka_tplctx_free(struct ka_tplctx *t);

/*
 * The values paths (dotted, "a.b"; malloc'd each, at most max) that the
 * actions on line tline of text (the text t was scanned from) insert.
 * *oom is set when memory ran out.
 */
size_t ka_tplctx_paths(const struct ka_tplctx *t, const char *text, size_t len,
		       unsigned tline, char **out, size_t max, bool *oom);

#endif
