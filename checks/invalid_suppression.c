/*
 * invalid-suppression: a waiver kaudit cannot honour: no reason, an
 * unknown check id, a bad expiry date. A waiver without a reason teaches
 * reviewers nothing; one with a typo in the id silently waives nothing.
 * Always on.
 */
#include "kaudit/check.h"

const struct ka_check ka_check_invalid_suppression = {
    .id = "invalid-suppression",
    .title = "Waiver is invalid",
    .summary = "a waiver has no reason, names an unknown check, or has a bad "
	       "expiry",
    .level = KA_LEVEL_ERROR,
    .security_severity = NULL, /* maintenance: not a security alert */
    .risk = "A waiver with no reason tells reviewers nothing, and one "
	    "that names an unknown check waives nothing while looking as "
	    "if it did.",
    .remediation = "Name existing check ids and give a reason: "
		   "`# kaudit:ignore privileged the CNI plugin needs it`.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        # kaudit:ignore privileged\n"
			      "        privileged: true\n",
    .example = "metadata:\n  annotations:\n"
	       "    ignore.kaudit.dev/privileged: \"container=cni: installs "
	       "the CNI plugin\"\n",
    .input = true,
};
