/*
 * invalid-value: the fields kaudit reads, checked against the types the
 * Kubernetes API decodes them as. A mistyped field is reported once here
 * and reads as unset in every check (kubectl would refuse the object).
 */
#ifndef KAUDIT_VALIDATE_H
#define KAUDIT_VALIDATE_H

#include "kaudit/findings.h"

void ka_validate_pod(struct ka_ctx *ctx, const struct ka_pod *pod);

#endif
