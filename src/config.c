/* .kaudit.yaml and the effective settings: see kaudit/config.h. */
#include "kaudit/config.h"
#include "kaudit/quantity.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/arena.h"
#include "kaudit/checklist.h"
#include "kaudit/path.h"
#include "kaudit/suggest.h"
#include "kaudit/yaml.h"

int ka_config_init(struct ka_config *cfg)
{
	size_t nparams = 0, k = 0;

	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < ka_registry_len; i++)
		for (const struct ka_param *p = ka_registry[i]->params;
		     p && p->key; p++)
			nparams++;
	cfg->params = calloc(nparams + 1, sizeof(*cfg->params));
	cfg->levels = malloc(ka_registry_len * sizeof(int));
	if (!cfg->levels || !cfg->params) {
		free(cfg->params);
		free(cfg->levels);
		return -1;
	}
	for (size_t i = 0; i < ka_registry_len; i++) {
		cfg->levels[i] = -1;
		for (const struct ka_param *p = ka_registry[i]->params;
		     p && p->key; p++)
			cfg->params[k++].key = p->key;
	}
	return 0;
}

static void free_strings(struct ka_strings *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void ka_config_free(struct ka_config *cfg)
{
	free(cfg->path);
	free(cfg->dir);
	free_strings(&cfg->enable);
	free_strings(&cfg->disable);
	free_strings(&cfg->add);
	free_strings(&cfg->exclude);
	for (struct ka_param_value *p = cfg->params; p && p->key; p++) {
		struct ka_strings l = {p->v, p->n};

		free_strings(&l);
	}
	free(cfg->params);
	free(cfg->levels);
	for (size_t i = 0; i < cfg->nignores; i++)
		ka_waiver_free(&cfg->ignores[i]);
	free(cfg->ignores);
	memset(cfg, 0, sizeof(*cfg));
}

char *ka_config_find(void)
{
	return ka_path_find_up(KA_CONFIG_NAME);
}

bool ka_config_excluded(const struct ka_config *cfg, const char *path)
{
	return ka_path_glob_match(cfg->exclude.v, cfg->exclude.n, cfg->dir,
				  path);
}

/* Parsing ------------------------------------------------------------- */

struct parse {
	struct ka_config *cfg;
	const char *file;
	FILE *err;
	int errors;
};

static void error_at(struct parse *p, const struct ka_node *n, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));
static void error_at(struct parse *p, const struct ka_node *n, const char *fmt,
		     ...)
{
	struct ka_error e = {.file = p->file};
	va_list ap;

	va_start(ap, fmt);
	ka_error_vset(&e, n ? n->line : 1, n ? n->col : 1, fmt, ap);
	va_end(ap);
	ka_error_print(p->err, &e);
	p->errors++;
}

static char *xstrdup(struct parse *p, const char *s)
{
	char *d = strdup(s);

	if (!d)
		p->errors++;
	return d;
}

static const char *want_str(struct parse *p, const struct ka_node *key,
			    const struct ka_node *v)
{
	const char *s = ka_node_str(v);

	if (!s)
		error_at(p, v ? v : key, "'%s' must be a string", key->u.s.key);
	return s;
}

static int add_string(struct parse *p, struct ka_strings *list, const char *s)
{
	char **v = realloc(list->v, (list->n + 1) * sizeof(*v));

	if (!v) {
		p->errors++;
		return -1;
	}
	list->v = v;
	v[list->n] = xstrdup(p, s);
	if (!v[list->n])
		return -1;
	list->n++;
	return 0;
}

static void check_id(struct parse *p, const struct ka_node *n, const char *id)
{
	char hint[160];

	if (!ka_registry_find(id))
		error_at(p, n,
			 "unknown check '%s'%s (see kaudit --list-checks)", id,
			 ka_checklist_hint(id, hint, sizeof(hint)));
}

/* A list of strings (or one string); ids are checked when is_ids. */
static void strings(struct parse *p, const struct ka_node *key,
		    const struct ka_node *v, struct ka_strings *out,
		    bool is_ids)
{
	const struct ka_node *d = ka_node_deref(v);

	if (d && d->kind == KA_NODE_SCALAR && ka_node_str(d)) {
		if (is_ids)
			check_id(p, d, d->u.s.str);
		add_string(p, out, d->u.s.str);
		return;
	}
	if (!d || d->kind != KA_NODE_SEQUENCE) {
		error_at(p, v ? v : key, "'%s' must be a list of strings",
			 key->u.s.key);
		return;
	}
	for (size_t i = 0; i < ka_seq_len(d); i++) {
		const struct ka_node *item = ka_seq_at(d, i);
		const char *s = ka_node_str(item);

		if (!s) {
			error_at(p, item, "'%s' must be a list of strings",
				 key->u.s.key);
			continue;
		}
		if (is_ids)
			check_id(p, item, s);
		add_string(p, out, s);
	}
}

static void levels(struct parse *p, const struct ka_node *key,
		   const struct ka_node *v)
{
	const struct ka_node *d = ka_node_deref(v);

	if (!d || d->kind != KA_NODE_MAPPING) {
		error_at(p, v ? v : key,
			 "'%s' must be a mapping of check ids "
			 "to levels",
			 key->u.s.key);
		return;
	}
	for (size_t i = 0; i < d->u.c.n; i += 2) {
		const struct ka_node *k = d->u.c.v[i];
		const struct ka_node *lv = ka_node_deref(d->u.c.v[i + 1]);
		const struct ka_check *c;
		const char *s = ka_node_str(lv);
		int l;

		if (k->kind != KA_NODE_SCALAR) {
			error_at(p, k, "levels: keys must be check ids");
			continue;
		}
		c = ka_registry_find(k->u.s.key);
		if (!c) {
			check_id(p, k, k->u.s.key);
			continue;
		}
		l = s ? ka_level_parse(s) : -2;
		if (l < 0) {
			error_at(p, lv,
				 "levels: '%s' must be error, warning or "
				 "note",
				 k->u.s.key);
			continue;
		}
		p->cfg->levels[ka_registry_index(c)] = l;
	}
}

static char **ignore_field(struct ka_waiver *w, const char *name)
{
	if (strcmp(name, "kind") == 0)
		return &w->res_kind;
	if (strcmp(name, "namespace") == 0)
		return &w->ns;
	if (strcmp(name, "name") == 0)
		return &w->name;
	if (strcmp(name, "container") == 0)
		return &w->container;
	if (strcmp(name, "path") == 0)
		return &w->path;
	if (strcmp(name, "reason") == 0)
		return &w->reason;
	return NULL;
}

static void ignore_until(struct parse *p, struct ka_waiver *w,
			 const struct ka_node *k, const struct ka_node *v)
{
	const char *s = ka_node_str(v);

	/* A plain date is a timestamp to YAML: take the text. */
	if (!s && v && v->kind == KA_NODE_SCALAR)
		s = v->u.s.str;
	w->until = s ? ka_parse_date(s, strlen(s)) : -1;
	if (w->until < 0) {
		w->until = 0;
		error_at(p, v ? v : k,
			 "ignore: until must be a date YYYY-MM-DD");
	}
}

static void ignore_key(struct parse *p, struct ka_waiver *w,
		       const struct ka_node *k, const struct ka_node *v)
{
	const char *s;
	char **slot;

	if (k->kind != KA_NODE_SCALAR) {
		error_at(p, k, "ignore: keys must be strings");
		return;
	}
	if (strcmp(k->u.s.key, "until") == 0) {
		ignore_until(p, w, k, v);
		return;
	}
	slot = ignore_field(w, k->u.s.key);
	if (!slot && strcmp(k->u.s.key, "check") != 0) {
		error_at(p, k,
			 "ignore: unknown key '%s' (check, kind, namespace, "
			 "name, container, path, reason, until)",
			 k->u.s.key);
		return;
	}
	if (!(s = want_str(p, k, v)))
		return;
	if (!slot) {
		w->nchecks = 0;
		check_id(p, v, s);
		ka_waiver_add_id(w, s, strlen(s));
		return;
	}
	free(*slot);
	*slot = xstrdup(p, s);
}

static void ignores(struct parse *p, const struct ka_node *key,
		    const struct ka_node *v)
{
	const struct ka_node *d = ka_node_deref(v);
	struct ka_config *cfg = p->cfg;
	size_t n = ka_seq_len(d);

	if (!d || d->kind != KA_NODE_SEQUENCE) {
		error_at(p, v ? v : key, "'%s' must be a list of mappings",
			 key->u.s.key);
		return;
	}
	/* A second `ignore:` (reported as a duplicate key) replaces the first.
	 */
	for (size_t i = 0; i < cfg->nignores; i++)
		ka_waiver_free(&cfg->ignores[i]);
	free(cfg->ignores);
	cfg->nignores = 0;
	cfg->ignores = calloc(n ? n : 1, sizeof(*cfg->ignores));
	if (!cfg->ignores) {
		p->errors++;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ka_node *e = ka_seq_at(d, i);
		struct ka_waiver *w = &cfg->ignores[cfg->nignores++];

		w->kind = KA_WAIVER_CONFIG;
		w->line = w->end_line = e->line;
		w->col = e->col;
		w->end_col = e->col + 1;
		w->base = cfg->dir;
		if (e->kind != KA_NODE_MAPPING) {
			error_at(p, e, "ignore: each entry must be a mapping");
			continue;
		}
		for (size_t j = 0; j < e->u.c.n; j += 2)
			ignore_key(p, w, e->u.c.v[j],
				   ka_node_deref(e->u.c.v[j + 1]));
		if (!w->nchecks && !w->error)
			error_at(p, e, "ignore: each entry needs a check");
		if (!w->reason || !*w->reason)
			error_at(p, e, "ignore: each entry needs a reason");
	}
}

/* The registry's declaration of the parameter key, or NULL. */
static const struct ka_param *find_param(const char *key)
{
	for (size_t i = 0; i < ka_registry_len; i++)
		for (const struct ka_param *p = ka_registry[i]->params;
		     p && p->key; p++)
			if (strcmp(p->key, key) == 0)
				return p;
	return NULL;
}

/* A check's parameter (its key is declared in the check); false if none. */
static bool param(struct parse *p, const struct ka_node *k,
		  const struct ka_node *v)
{
	const struct ka_param *decl = find_param(k->u.s.key);
	struct ka_param_value *pv = p->cfg->params;
	struct ka_strings l;

	if (!decl)
		return false;
	while (strcmp(pv->key, decl->key) != 0)
		pv++;
	l.v = pv->v;
	l.n = pv->n;
	strings(p, k, v, &l, false);
	pv->v = l.v;
	pv->n = l.n;
	for (size_t i = 0; i < l.n; i++)
		if ((decl->paths && l.v[i][0] != '/') ||
		    (decl->quantity && (l.n > 1 || ka_quantity_sign(l.v[i]) !=
						       KA_QUANTITY_POSITIVE)))
			error_at(p, v, "%s: '%s' is not %s", decl->key, l.v[i],
				 decl->paths ? "an absolute path"
					     : "one positive quantity");
	return true;
}

static void unknown_key(struct parse *p, const struct ka_node *k)
{
	static const char *const top[] = {"profile", "pss-version", "enable",
					  "add",     "disable",	    "levels",
					  "fail-on", "exclude",	    "ignore"};
	char keys[1024] = "", hint[160];
	size_t n = 0;
	struct ka_suggest s;

	ka_suggest_init(&s, k->u.s.key);
	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++) {
		ka_suggest_try(&s, top[i]);
		n += (size_t)snprintf(keys + n, sizeof(keys) - n, "%s%s",
				      i ? ", " : "", top[i]);
	}
	for (const struct ka_param_value *pv = p->cfg->params; pv->key; pv++) {
		ka_suggest_try(&s, pv->key);
		n += (size_t)snprintf(keys + n,
				      n < sizeof(keys) ? sizeof(keys) - n : 0,
				      ", %s", pv->key);
	}
	error_at(p, k, "unknown key '%s'%s (%s)", k->u.s.key,
		 ka_suggest_hint(&s, hint, sizeof(hint)), keys);
}

static void top_key(struct parse *p, const struct ka_node *k,
		    const struct ka_node *v)
{
	struct ka_config *cfg = p->cfg;
	const char *name = k->u.s.key, *s;

	if (strcmp(name, "profile") == 0) {
		if ((s = want_str(p, k, v)) &&
		    ka_policy_parse_profile(s, &cfg->profile) < 0)
			error_at(p, v,
				 "unknown profile '%s' (baseline, restricted, "
				 "hardened)",
				 s);
		cfg->has_profile = s != NULL;
	} else if (strcmp(name, "pss-version") == 0) {
		const struct ka_node *d = ka_node_deref(v);

		/* v1.30 is a string; a bare 1.30 would be a float: take the
		 * text. */
		s = d && d->kind == KA_NODE_SCALAR ? d->u.s.str : NULL;
		if (!s || ka_policy_parse_version(s, &cfg->version) < 0)
			error_at(p, v ? v : k,
				 "pss-version must be v1.N or latest");
		else
			cfg->has_version = true;
	} else if (strcmp(name, "fail-on") == 0) {
		if ((s = want_str(p, k, v))) {
			cfg->fail_on = ka_level_parse(s);
			if (cfg->fail_on == -2)
				error_at(p, v,
					 "unknown level '%s' (error, warning, "
					 "note, never)",
					 s);
			cfg->has_fail_on = true;
		}
	} else if (strcmp(name, "enable") == 0) {
		strings(p, k, v, &cfg->enable, true);
	} else if (strcmp(name, "disable") == 0 || strcmp(name, "add") == 0) {
		strings(p, k, v, name[0] == 'a' ? &cfg->add : &cfg->disable,
			true);
	} else if (strcmp(name, "exclude") == 0) {
		strings(p, k, v, &cfg->exclude, false);
	} else if (strcmp(name, "levels") == 0) {
		levels(p, k, v);
	} else if (strcmp(name, "ignore") == 0) {
		ignores(p, k, v);
	} else if (!param(p, k, v)) {
		unknown_key(p, k);
	}
}

int ka_config_load(struct ka_config *cfg, const char *path, FILE *err)
{
	struct parse p = {.cfg = cfg, .file = path, .err = err};
	struct ka_yaml *y = ka_yaml_new();
	struct ka_arena arena;
	struct ka_doc doc;
	size_t len = 0;
	char *buf = ka_path_read(path, &len);
	const struct ka_node *root;

	ka_arena_init(&arena);
	if (!buf || !y) {
		fprintf(err, "kaudit: error: cannot read '%s': %s\n", path,
			strerror(errno ? errno : ENOMEM));
		p.errors++;
		goto out;
	}
	cfg->path = strdup(path);
	cfg->dir = ka_path_dir(path);
	if (ka_yaml_parse(y, &arena, buf, len, 1, 1, &doc) < 0) {
		doc.err.file = path;
		ka_error_print(err, &doc.err);
		p.errors++;
		goto out;
	}
	for (const struct ka_yaml_dup *d = doc.dups; d; d = d->next)
		error_at(&p, d->key, "duplicate key '%s'", d->key->u.s.key);
	root = ka_node_deref(doc.root);
	if (!root)
		goto out; /* an empty file configures nothing */
	if (root->kind != KA_NODE_MAPPING) {
		error_at(&p, root, "the configuration must be a mapping");
		goto out;
	}
	for (size_t i = 0; i < root->u.c.n; i += 2) {
		const struct ka_node *k = root->u.c.v[i];

		if (k->kind != KA_NODE_SCALAR || ka_node_is_merge_key(k)) {
			error_at(&p, k, "keys must be plain strings");
			continue;
		}
		top_key(&p, k, root->u.c.v[i + 1]);
	}
out:
	free(buf);
	ka_yaml_free(y);
	ka_arena_free(&arena);
	return p.errors ? -1 : 0;
}
