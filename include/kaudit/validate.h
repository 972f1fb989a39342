/*
 * invalid-value: the fields kaudit reads, checked against the types the
 * Kubernetes API decodes them as. The fields come from the checks'
 * declarations (struct ka_check .fields) and the pipeline's own. A
 * mistyped field is reported once here and reads as unset in every check
 * (kubectl would refuse the object).
 */
#ifndef KAUDIT_VALIDATE_H
#define KAUDIT_VALIDATE_H

#include "kaudit/findings.h"

/* Every declared field, merged into one tree. */
struct ka_schema;

/* The schema of the registry's fields, or NULL when memory runs out. */
struct ka_schema *ka_schema_new(void);
void ka_schema_free(struct ka_schema *s);

/* Report every field of pod (and its containers) of the wrong type. */
void ka_validate_pod(struct ka_ctx *ctx, const struct ka_schema *s,
		     const struct ka_pod *pod);

#endif
