/*
 * Which .kaudit.yaml governs each input. The run's own configuration
 * (--config, or the nearest to the current directory) is scope 0; without
 * --config or --no-config, a file takes the nearest .kaudit.yaml from its
 * own directory up to the repository top (outside a repository no higher
 * than the path named on the command line), each read once.
 */
#ifndef KAUDIT_SCOPES_H
#define KAUDIT_SCOPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kaudit/config.h"
#include "kaudit/input.h"
#include "kaudit/settings.h"

struct ka_scope {
	char *path;		     /* canonical; NULL for none */
	const struct ka_config *cfg; /* read once */
	const struct ka_settings *s; /* settled with the command line */
	struct ka_config own_cfg;    /* for those this table read */
	struct ka_settings own_s;
	bool owned;
	bool bad; /* it could not be read: its inputs are not audited */
};

struct ka_scopes {
	struct ka_scope **v;
	size_t n;
	bool fixed; /* --config or --no-config: scope 0 for every input */
	const struct ka_choice *choice;
	int today;
	FILE *err;	/* where a configuration's errors go */
	char *last_dir; /* the last input's directory, and its scope */
	size_t last;
};

/*
 * Scope 0 is cfg and s (not copied: they must outlive the table), read
 * from path (NULL for none). 0, or -1 when memory runs out.
 */
int ka_scopes_init(struct ka_scopes *t, const struct ka_config *cfg,
		   const struct ka_settings *s, bool fixed,
		   const struct ka_choice *choice, int today, FILE *err);
void ka_scopes_free(struct ka_scopes *t);

/*
 * Give inputs l->v[first..n) (found under root, a path named on the
 * command line) their scope; an input whose configuration cannot be read
 * is marked unreadable. 0, or -1 when memory runs out.
 */
int ka_scopes_assign(struct ka_scopes *t, struct ka_inputs *l, size_t first,
		     const char *root);

#endif
