/*
 * .kaudit.yaml: a repository's policy in one file, read with kaudit's own
 * YAML reader, and the one place the effective settings are decided
 * (defaults, then the file, then the command line). Every mistake
 * (unknown key, wrong type, unknown check id) is an error with the file,
 * line and column.
 */
#ifndef KAUDIT_CONFIG_H
#define KAUDIT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/check.h"
#include "kaudit/policy.h"
#include "kaudit/settings.h"
#include "kaudit/suppress.h"

#define KA_CONFIG_NAME ".kaudit.yaml"

struct ka_strings {
	char **v;
	size_t n;
};

struct ka_config {
	char *path; /* the file read; NULL when there is none */
	char *dir;  /* its directory (exclude globs are relative to it) */
	bool has_profile, has_version, has_fail_on;
	enum ka_profile profile;
	int version;
	int fail_on; /* a level, or -1 for never */
	struct ka_strings enable, disable, add, exclude;
	/* Every check parameter of the registry, NULL-key terminated. */
	struct ka_param_value *params;
	int *levels; /* per registry index: a level, or -1 for the default */
	struct ka_waiver *ignores; /* `ignore:` entries (KA_WAIVER_CONFIG) */
	size_t nignores;
};

/* What the command line chose; it wins over the file. */
struct ka_choice {
	bool has_profile, has_version, has_fail_on;
	struct ka_policy policy;
	int fail_on;
	struct {
		const char *ids; /* comma-separated, every id known */
		bool on;	 /* --enable or --add, else --disable */
		bool add;	 /* --add: on top of the others */
	} lists[64];
	size_t nlists;
	const char *chart_root;
};

/* An empty configuration; 0, or -1 when memory runs out. */
int ka_config_init(struct ka_config *cfg);
void ka_config_free(struct ka_config *cfg);

/*
 * Find .kaudit.yaml in the current directory or the nearest parent, up to
 * the repository root (a directory holding .git). Returns a malloc'd path
 * or NULL when there is none.
 */
char *ka_config_find(void);

/*
 * Read path into cfg. Errors go to err as
 * "kaudit: error: FILE:LINE:COL: message", one a line; returns 0, or -1
 * when there was any error (cfg is then incomplete).
 */
int ka_config_load(struct ka_config *cfg, const char *path, FILE *err);

/* True when path (as given, or relative to the config's directory) matches an
 * exclude glob. */
bool ka_config_excluded(const struct ka_config *cfg, const char *path);

/*
 * The effective settings: the command line over the configuration over
 * the defaults. The checks: the profile's; the file's enable replaces
 * them, its add adds to them and its disable removes; then the command
 * line's, the same way.
 * s->enabled must hold ka_registry_len entries; s->levels and s->params
 * point into cfg. today is YYYYMMDD.
 */
void ka_config_settle(const struct ka_config *cfg, const struct ka_choice *c,
		      int today, struct ka_settings *s);

/* Write the effective configuration as YAML (--print-config). */
void ka_config_print(FILE *out, const struct ka_config *cfg,
		     const struct ka_settings *s);

#endif
