/*
 * expired-suppression: a waiver whose (until YYYY-MM-DD) date has passed.
 * It no longer waives anything; the finding it covered is reported again.
 * Always on.
 */
#include "kaudit/check.h"

const struct ka_check ka_check_expired_suppression = {
    .id = "expired-suppression",
    .title = "Waiver has expired",
    .summary = "a waiver's `(until YYYY-MM-DD)` date has passed; it no longer "
	       "waives anything",
    .level = KA_LEVEL_NOTE,
    .security_severity = NULL, /* maintenance: not a security alert */
    .risk = "An expired waiver was meant to be temporary: the finding "
	    "it covered is back until the manifest is fixed or the waiver "
	    "is renewed with a new date and reason.",
    .remediation = "Fix the finding, or renew the waiver with a new "
		   "(until YYYY-MM-DD) and say why.",
    .failing = KA_EXAMPLE_POD
    "      securityContext:\n"
    "        # kaudit:ignore privileged debug pod (until 2020-01-31)\n"
    "        privileged: true\n",
    .example = "# kaudit:ignore image-digest pinned by the release job (until "
	       "2027-01-31)\n",
    .input = true,
};
