/*
 * Which .kaudit.yaml governs each input. See kaudit/scopes.h.
 */
#include "kaudit/scopes.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kaudit/check.h"
#include "kaudit/error.h"
#include "kaudit/path.h"

static int add(struct ka_scopes *t, struct ka_scope *sc)
{
	struct ka_scope **v = realloc(t->v, (t->n + 1) * sizeof(*v));

	if (!v)
		return -1;
	t->v = v;
	t->v[t->n++] = sc;
	return 0;
}

int ka_scopes_init(struct ka_scopes *t, const struct ka_config *cfg,
		   const struct ka_settings *s, bool fixed,
		   const struct ka_choice *choice, int today, FILE *err)
{
	struct ka_scope *sc = calloc(1, sizeof(*sc));
	char canon[PATH_MAX];

	memset(t, 0, sizeof(*t));
	t->fixed = fixed;
	t->choice = choice;
	t->today = today;
	t->err = err;
	if (!sc)
		return -1;
	sc->cfg = cfg;
	sc->s = s;
	if (cfg->path &&
	    !(sc->path =
		  strdup(realpath(cfg->path, canon) ? canon : cfg->path))) {
		free(sc);
		return -1;
	}
	if (add(t, sc) < 0) {
		free(sc->path);
		free(sc);
		return -1;
	}
	return 0;
}

void ka_scopes_free(struct ka_scopes *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct ka_scope *sc = t->v[i];

		if (sc->owned) {
			ka_config_free(&sc->own_cfg);
			free(sc->own_s.enabled);
		}
		free(sc->path);
		free(sc);
	}
	free(t->v);
	free(t->last_dir);
	memset(t, 0, sizeof(*t));
}

/* The scope of the configuration at path (canonical): found or read. */
static long scope_of(struct ka_scopes *t, char *path)
{
	struct ka_scope *sc;

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i]->path && strcmp(t->v[i]->path, path) == 0) {
			free(path);
			return (long)i;
		}
	sc = calloc(1, sizeof(*sc));
	if (!sc || ka_config_init(&sc->own_cfg) < 0) {
		free(sc);
		free(path);
		return -1;
	}
	sc->path = path;
	sc->owned = true;
	sc->cfg = &sc->own_cfg;
	sc->s = &sc->own_s;
	sc->own_s.enabled = calloc(ka_registry_len, sizeof(bool));
	if (!sc->own_s.enabled || add(t, sc) < 0) {
		ka_config_free(&sc->own_cfg);
		free(sc->own_s.enabled);
		free(sc->path);
		free(sc);
		return -1;
	}
	sc->bad = ka_config_load(&sc->own_cfg, path, t->err) < 0;
	ka_config_settle(&sc->own_cfg, t->choice, t->today, &sc->own_s);
	/* What the command line decides for the whole run. */
	sc->own_s.fixes = t->v[0]->s->fixes;
	sc->own_s.fix_edits = t->v[0]->s->fix_edits;
	sc->own_s.pins = t->v[0]->s->pins;
	return (long)(t->n - 1);
}

/* The directory a file input is looked up from: its own. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* The scope of one input found under root; -1 when memory runs out. */
static long input_scope(struct ka_scopes *t, const struct ka_input *in,
			const char *root)
{
	struct stat st;
	char *dir, *found, *stop;
	long sc;

	if (t->fixed || in->is_stdin)
		return 0;
	dir = dir_of(in->path);
	if (!dir)
		return -1;
	if (t->last_dir && strcmp(t->last_dir, dir) == 0) {
		free(dir);
		return (long)t->last;
	}
	/* Outside a repository: no higher than the directory named. */
	stop = stat(root, &st) == 0 && S_ISDIR(st.st_mode) ? strdup(root)
							   : strdup(dir);
	found = stop ? ka_path_find_from(dir, stop, KA_CONFIG_NAME) : NULL;
	free(stop);
	sc = found ? scope_of(t, found) : 0;
	if (sc < 0) {
		free(dir);
		return -1;
	}
	free(t->last_dir);
	t->last_dir = dir;
	t->last = (size_t)sc;
	return sc;
}

int ka_scopes_assign(struct ka_scopes *t, struct ka_inputs *l, size_t first,
		     const char *root)
{
	for (size_t i = first; i < l->n; i++) {
		struct ka_input *in = &l->v[i];
		char why[PATH_MAX + 64];
		long sc;

		if (in->status != KA_INPUT_PENDING)
			continue;
		sc = input_scope(t, in, root);
		if (sc < 0)
			return -1;
		in->scope = (size_t)sc;
		if (!t->v[sc]->bad)
			continue;
		in->status = KA_INPUT_UNREADABLE;
		free(in->error);
		ka_format(why, sizeof(why), "its configuration %s has errors",
			  t->v[sc]->path);
		if (!(in->error = strdup(why)))
			return -1;
	}
	return 0;
}
