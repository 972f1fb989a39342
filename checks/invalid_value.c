/*
 * invalid-value: a field kaudit reads has a type the Kubernetes API does
 * not accept (`runAsNonRoot: "true"` is a string). kubectl refuses the
 * object; kaudit reports it and treats the field as unset. Always on.
 */
#include "kaudit/check.h"

const struct ka_check ka_check_invalid_value = {
    .id = "invalid-value",
    .title = "Field has the wrong type",
    .summary = "a field kaudit reads has a type the API rejects; it counts as "
	       "unset",
    .level = KA_LEVEL_ERROR,
    .security_severity = "4.0",
    .risk = "A quoted \"true\" is a string, not a boolean: the API rejects "
	    "the object, and a setting that looks secure in review is not "
	    "in effect.",
    .remediation = "Write the value with the type the field takes: "
		   "booleans and numbers unquoted.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        runAsNonRoot: \"true\"\n",
    .example = "securityContext:\n  runAsNonRoot: true\n",
    .input = true,
};
