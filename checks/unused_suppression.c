/*
 * unused-suppression: a waiver that waives nothing: the finding it was
 * written for is gone (or never existed). Stale waivers hide the next
 * real problem at the same place, so they get cleaned up. Reported only
 * for checks that ran. Always on.
 */
#include "kaudit/check.h"

const struct ka_check ka_check_unused_suppression = {
    .id = "unused-suppression",
    .title = "Waiver waives nothing",
    .summary = "a waiver waives nothing (reported only for checks that ran)",
    .level = KA_LEVEL_WARNING,
    .security_severity = NULL, /* maintenance: not a security alert */
    .risk = "A waiver that no longer matches a finding will silently "
	    "hide the next finding at that place, which may be a new and "
	    "real problem.",
    .remediation = "Remove the waiver.",
    .failing =
	KA_EXAMPLE_POD "      securityContext:\n"
		       "        # kaudit:ignore privileged the image needs it\n"
		       "        readOnlyRootFilesystem: true\n",
    .example =
	"# (the waiver removed)\nsecurityContext:\n  privileged: false\n",
    .input = true,
};
