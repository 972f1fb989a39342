/*
 * What one run is configured with, settled once from the defaults,
 * .kaudit.yaml and the command line (ka_config_settle), then read by every
 * stage and thread and changed by none.
 */
#ifndef KAUDIT_SETTINGS_H
#define KAUDIT_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/findings.h"
#include "kaudit/policy.h"

struct ka_pins;

struct ka_settings {
	bool *enabled; /* per registry index */
	int *levels;   /* per registry index: a level, or -1 */
	struct ka_policy policy;
	int fail_on;			     /* a level, or -1 for never */
	int today;			     /* YYYYMMDD, for waiver expiry */
	const struct ka_param_value *params; /* check parameters, or NULL */
	const char *chart_root;		     /* --chart-root, or NULL */
	bool
	    fixes; /* findings carry their fixes (--fix, --diff, JSON, SARIF) */
	bool fix_edits; /* SARIF: findings carry their fixes' edits */
	const struct ka_pins *pins; /* --pin-digests, or NULL */
};

#endif
