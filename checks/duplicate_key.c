/*
 * duplicate-key: a key written twice in one mapping. kubectl (go-yaml)
 * silently keeps the last value, so a reviewer who reads the first one is
 * misled. kaudit audits the last value, as the cluster would. Always on.
 */
#include "kaudit/check.h"

const struct ka_check ka_check_duplicate_key = {
    .id = "duplicate-key",
    .title = "Mapping key appears twice",
    .summary = "a mapping has the same key twice; the last value is audited",
    .level = KA_LEVEL_ERROR,
    .security_severity = "5.0",
    .risk = "With a duplicate key the last value silently wins: "
	    "`privileged: false` early in a block can be overridden by a "
	    "`privileged: true` further down that a reviewer misses.",
    .remediation = "Remove one of the two keys.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        privileged: false\n"
			      "        privileged: true\n",
    .example = "securityContext:\n  privileged: false\n",
    .input = true,
};
