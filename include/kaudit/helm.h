/*
 * Helm: the template a rendered document came from (helm template writes
 * `# Source: <chart>/templates/<file>` before each document), and the line
 * in that template that produced a finding.
 */
#ifndef KAUDIT_HELM_H
#define KAUDIT_HELM_H

#include <stddef.h>

/*
 * The path of the first `# Source: ` comment before the document's
 * content, malloc'd; NULL when there is none.
 */
char *ka_helm_source(const char *buf, size_t len);

/*
 * Where a finding with this field path ("spec.template.spec.containers[0].
 * securityContext.privileged") on a resource of this kind comes from in
 * the template file: the line with the same key under the same parent keys
 * within the same resource, else the nearest parent key that is written
 * in the template, else the resource's `kind:` line. Returns 0 with
 * *line, *col (1-based) and *end_col set, or -1 when the template cannot
 * be read. Templates are scanned as indented text: `{{ }}` lines are
 * skipped, so a key produced by toYaml maps to its nearest written parent.
 */
int ka_helm_locate(const char *template_path, const char *kind,
		   const char *field, unsigned *line, unsigned *col,
		   unsigned *end_col);

#endif
