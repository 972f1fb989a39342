/*
 * .kaudit.yaml: a repository's policy in one file, read with kaudit's own
 * YAML reader. Every mistake (unknown key, wrong type, unknown check id)
 * is an error with the file, line and column.
 */
#ifndef KAUDIT_CONFIG_H
#define KAUDIT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/check.h"
#include "kaudit/policy.h"

#define KA_CONFIG_NAME ".kaudit.yaml"

/* An `ignore:` entry: every field that is set must match. */
struct ka_config_ignore {
	char *check, *kind, *ns, *name, *container, *path, *reason;
	int until;           /* YYYYMMDD, or 0 */
	unsigned line, col;  /* of the entry, in the config file */
	bool used;
};

struct ka_strings {
	char **v;
	size_t n;
};

struct ka_config {
	char *path;      /* the file read; NULL when there is none */
	char *dir;       /* its directory (exclude globs are relative to it) */
	bool has_profile, has_version, has_fail_on;
	enum ka_profile profile;
	int version;
	int fail_on;     /* a level, or -1 for never */
	struct ka_strings enable, disable, exclude;
	struct ka_strings allowed_capabilities, allowed_registries, system_paths;
	int *levels;     /* per registry index: a level, or -1 for the default */
	struct ka_config_ignore *ignores;
	size_t nignores;
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

/* True when path (as given, or relative to the config's directory) matches an exclude glob. */
bool ka_config_excluded(const struct ka_config *cfg, const char *path);

/* Parse "YYYY-MM-DD" into YYYYMMDD; -1 when it is not a valid date. */
int ka_parse_date(const char *s, size_t len);

/* Today as YYYYMMDD: $KAUDIT_TODAY (YYYY-MM-DD) when set, else the local date. */
int ka_today(void);

#endif
