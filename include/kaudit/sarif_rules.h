/* The rules of a SARIF log: see src/sarif_rules.c. */
#ifndef KAUDIT_SARIF_RULES_H
#define KAUDIT_SARIF_RULES_H

#include <stddef.h>
#include <stdio.h>

#include "kaudit/settings.h"

/*
 * Write the rules array's members (the checks that run, at their
 * configured level) and, when rule_of is not NULL, each check's index
 * among them at rule_of[registry index].
 */
void ka_sarif_rules(FILE *out, const struct ka_settings *s, size_t *rule_of);

/* The Kubernetes page on the Pod Security Standards: the help of the
 * checks that decide them. */
#define KA_SARIF_PSS_URI                                                       \
	"https://kubernetes.io/docs/concepts/security/pod-security-standards/"

#endif
