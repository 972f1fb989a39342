#include "kaudit/config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kaudit/arena.h"
#include "kaudit/scalar.h"
#include "kaudit/yaml.h"

int ka_config_init(struct ka_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->levels = malloc(ka_registry_len * sizeof(int));
	if (!cfg->levels)
		return -1;
	for (size_t i = 0; i < ka_registry_len; i++)
		cfg->levels[i] = -1;
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
	free_strings(&cfg->exclude);
	free_strings(&cfg->allowed_capabilities);
	free_strings(&cfg->allowed_registries);
	free_strings(&cfg->system_paths);
	free(cfg->levels);
	for (size_t i = 0; i < cfg->nignores; i++) {
		struct ka_config_ignore *g = &cfg->ignores[i];

		free(g->check);
		free(g->kind);
		free(g->ns);
		free(g->name);
		free(g->container);
		free(g->path);
		free(g->reason);
	}
	free(cfg->ignores);
	memset(cfg, 0, sizeof(*cfg));
}

char *ka_config_find(void)
{
	char dir[PATH_MAX];
	struct stat st;

	if (!getcwd(dir, sizeof(dir)))
		return NULL;
	for (;;) {
		char probe[PATH_MAX + 32];
		char *slash;

		snprintf(probe, sizeof(probe), "%s/%s", strcmp(dir, "/") ? dir : "",
			 KA_CONFIG_NAME);
		if (stat(probe, &st) == 0 && S_ISREG(st.st_mode))
			return strdup(probe);
		snprintf(probe, sizeof(probe), "%s/.git", strcmp(dir, "/") ? dir : "");
		if (stat(probe, &st) == 0)
			return NULL; /* the repository root: stop here */
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			return NULL;
		*slash = '\0';
	}
}

int ka_parse_date(const char *s, size_t len)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	return y * 10000 + m * 100 + d;
}

int ka_today(void)
{
	const char *env = getenv("KAUDIT_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env && *env) {
		int d = ka_parse_date(env, strlen(env));

		if (d > 0)
			return d;
	}
	if (!localtime_r(&now, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

bool ka_config_excluded(const struct ka_config *cfg, const char *path)
{
	const char *rel = path;
	char abs[PATH_MAX];

	/* Relative to the config file's directory, when the path lies in it. */
	if (cfg->dir && realpath(path, abs)) {
		size_t n = strlen(cfg->dir);

		if (strncmp(abs, cfg->dir, n) == 0 && abs[n] == '/')
			rel = abs + n + 1;
	}
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	for (size_t i = 0; i < cfg->exclude.n; i++) {
		const char *g = cfg->exclude.v[i];

		if (fnmatch(g, path, 0) == 0 || fnmatch(g, rel, 0) == 0)
			return true;
	}
	return false;
}

/* Parsing ------------------------------------------------------------- */

struct parse {
	struct ka_config *cfg;
	const char *file;
	FILE *err;
	int errors;
};

static void error_at(struct parse *p, const struct ka_node *n, const char *fmt,
		     const char *a, const char *b)
{
	fprintf(p->err, "kaudit: error: %s:%u:%u: ", p->file, n ? n->line : 1,
		n ? n->col : 1);
	fprintf(p->err, fmt, a, b);
	fputc('\n', p->err);
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
		error_at(p, v ? v : key, "'%s' must be a string%s", key->u.s.key,
			 "");
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
	if (!ka_registry_find(id))
		error_at(p, n, "unknown check '%s' (see kaudit --list-checks)%s",
			 id, "");
}

/* A list of strings (or one string); ids are checked when is_ids. */
static void strings(struct parse *p, const struct ka_node *key,
		    const struct ka_node *v, struct ka_strings *out, bool is_ids)
{
	const struct ka_node *d = ka_node_deref(v);

	if (d && d->kind == KA_NODE_SCALAR && ka_node_str(d)) {
		if (is_ids)
			check_id(p, d, d->u.s.text);
		add_string(p, out, d->u.s.text);
		return;
	}
	if (!d || d->kind != KA_NODE_SEQUENCE) {
		error_at(p, v ? v : key, "'%s' must be a list of strings%s",
			 key->u.s.key, "");
		return;
	}
	for (size_t i = 0; i < ka_seq_len(d); i++) {
		const struct ka_node *item = ka_seq_at(d, i);
		const char *s = ka_node_str(item);

		if (!s) {
			error_at(p, item, "'%s' must be a list of strings%s",
				 key->u.s.key, "");
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
		error_at(p, v ? v : key, "'%s' must be a mapping of check ids "
					 "to levels%s", key->u.s.key, "");
		return;
	}
	for (size_t i = 0; i < d->u.c.n; i += 2) {
		const struct ka_node *k = d->u.c.v[i];
		const struct ka_node *lv = ka_node_deref(d->u.c.v[i + 1]);
		const struct ka_check *c;
		const char *s = ka_node_str(lv);
		int l;

		if (k->kind != KA_NODE_SCALAR) {
			error_at(p, k, "levels: keys must be check ids%s%s", "", "");
			continue;
		}
		c = ka_registry_find(k->u.s.key);
		if (!c) {
			check_id(p, k, k->u.s.key);
			continue;
		}
		l = s ? ka_level_parse(s) : -2;
		if (l < 0) {
			error_at(p, lv, "levels: '%s' must be error, warning or "
					"note%s", k->u.s.key, "");
			continue;
		}
		p->cfg->levels[ka_registry_index(c)] = l;
	}
}

static char **ignore_field(struct ka_config_ignore *g, const char *name)
{
	if (strcmp(name, "check") == 0)
		return &g->check;
	if (strcmp(name, "kind") == 0)
		return &g->kind;
	if (strcmp(name, "namespace") == 0)
		return &g->ns;
	if (strcmp(name, "name") == 0)
		return &g->name;
	if (strcmp(name, "container") == 0)
		return &g->container;
	if (strcmp(name, "path") == 0)
		return &g->path;
	if (strcmp(name, "reason") == 0)
		return &g->reason;
	return NULL;
}

static void ignores(struct parse *p, const struct ka_node *key,
		    const struct ka_node *v)
{
	const struct ka_node *d = ka_node_deref(v);
	size_t n = ka_seq_len(d);

	if (!d || d->kind != KA_NODE_SEQUENCE) {
		error_at(p, v ? v : key, "'%s' must be a list of mappings%s",
			 key->u.s.key, "");
		return;
	}
	p->cfg->ignores = calloc(n ? n : 1, sizeof(*p->cfg->ignores));
	if (!p->cfg->ignores) {
		p->errors++;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ka_node *e = ka_seq_at(d, i);
		struct ka_config_ignore *g = &p->cfg->ignores[p->cfg->nignores++];

		g->line = e->line;
		g->col = e->col;
		if (e->kind != KA_NODE_MAPPING) {
			error_at(p, e, "ignore: each entry must be a mapping%s%s",
				 "", "");
			continue;
		}
		for (size_t j = 0; j < e->u.c.n; j += 2) {
			const struct ka_node *k = e->u.c.v[j];
			const struct ka_node *fv = ka_node_deref(e->u.c.v[j + 1]);
			const char *s;
			char **slot;

			if (k->kind != KA_NODE_SCALAR) {
				error_at(p, k, "ignore: keys must be strings%s%s",
					 "", "");
				continue;
			}
			if (strcmp(k->u.s.key, "until") == 0) {
				s = ka_node_str(fv);
				/* A plain date is a timestamp to YAML: take the text. */
				if (!s && fv && fv->kind == KA_NODE_SCALAR)
					s = fv->u.s.text;
				g->until = s ? ka_parse_date(s, strlen(s)) : -1;
				if (g->until < 0)
					error_at(p, fv ? fv : k, "ignore: until must be "
							       "a date YYYY-MM-DD%s%s",
						 "", "");
				continue;
			}
			slot = ignore_field(g, k->u.s.key);
			if (!slot) {
				error_at(p, k, "ignore: unknown key '%s' (check, kind, "
					       "namespace, name, container, path, "
					       "reason, until)%s", k->u.s.key, "");
				continue;
			}
			s = want_str(p, k, fv);
			if (!s)
				continue;
			free(*slot);
			*slot = xstrdup(p, s);
			if (slot == &g->check)
				check_id(p, fv, s);
		}
		if (!g->check)
			error_at(p, e, "ignore: each entry needs a check%s%s", "", "");
		if (!g->reason || !*g->reason)
			error_at(p, e, "ignore: each entry needs a reason%s%s", "", "");
	}
}

static void top_key(struct parse *p, const struct ka_node *k,
		    const struct ka_node *v)
{
	struct ka_config *cfg = p->cfg;
	const char *name = k->u.s.key, *s;

	if (strcmp(name, "profile") == 0) {
		if ((s = want_str(p, k, v)) &&
		    ka_policy_parse_profile(s, &cfg->profile) < 0)
			error_at(p, v, "unknown profile '%s' (baseline, restricted, "
				       "hardened)%s", s, "");
		cfg->has_profile = s != NULL;
	} else if (strcmp(name, "pss-version") == 0) {
		const struct ka_node *d = ka_node_deref(v);

		/* v1.30 is a string; a bare 1.30 would be a float: take the text. */
		s = d && d->kind == KA_NODE_SCALAR ? d->u.s.text : NULL;
		if (!s || ka_policy_parse_version(s, &cfg->version) < 0)
			error_at(p, v ? v : k, "pss-version must be v1.N or latest%s%s",
				 "", "");
		else
			cfg->has_version = true;
	} else if (strcmp(name, "fail-on") == 0) {
		if ((s = want_str(p, k, v))) {
			cfg->fail_on = ka_level_parse(s);
			if (cfg->fail_on == -2)
				error_at(p, v, "unknown level '%s' (error, warning, "
					       "note, never)%s", s, "");
			cfg->has_fail_on = true;
		}
	} else if (strcmp(name, "enable") == 0) {
		strings(p, k, v, &cfg->enable, true);
	} else if (strcmp(name, "disable") == 0) {
		strings(p, k, v, &cfg->disable, true);
	} else if (strcmp(name, "exclude") == 0) {
		strings(p, k, v, &cfg->exclude, false);
	} else if (strcmp(name, "allowed-capabilities") == 0) {
		strings(p, k, v, &cfg->allowed_capabilities, false);
	} else if (strcmp(name, "allowed-registries") == 0) {
		strings(p, k, v, &cfg->allowed_registries, false);
	} else if (strcmp(name, "system-paths") == 0) {
		strings(p, k, v, &cfg->system_paths, false);
		for (size_t i = 0; i < cfg->system_paths.n; i++)
			if (cfg->system_paths.v[i][0] != '/')
				error_at(p, v, "system-paths: '%s' is not an "
					       "absolute path%s",
					 cfg->system_paths.v[i], "");
	} else if (strcmp(name, "levels") == 0) {
		levels(p, k, v);
	} else if (strcmp(name, "ignore") == 0) {
		ignores(p, k, v);
	} else {
		error_at(p, k, "unknown key '%s' (profile, pss-version, enable, "
			       "disable, levels, fail-on, exclude, ignore, "
			       "allowed-capabilities, allowed-registries, "
			       "system-paths)%s", name, "");
	}
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *b;

			cap = cap ? cap * 2 : 8192;
			b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = b;
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);

		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int ka_config_load(struct ka_config *cfg, const char *path, FILE *err)
{
	struct parse p = {.cfg = cfg, .file = path, .err = err};
	struct ka_yaml *y = ka_yaml_new();
	struct ka_arena arena;
	struct ka_doc doc;
	char abs[PATH_MAX];
	size_t len = 0;
	char *buf = read_all(path, &len);
	const struct ka_node *root;

	ka_arena_init(&arena);
	if (!buf || !y) {
		fprintf(err, "kaudit: error: cannot read '%s': %s\n", path,
			strerror(errno ? errno : ENOMEM));
		p.errors++;
		goto out;
	}
	cfg->path = strdup(path);
	if (realpath(path, abs)) {
		char *slash = strrchr(abs, '/');

		if (slash)
			*slash = '\0';
		cfg->dir = strdup(*abs ? abs : "/");
	}
	if (ka_yaml_parse(y, &arena, buf, len, 1, &doc) < 0) {
		fprintf(err, "kaudit: error: %s:%u:%u: %s\n", path, doc.err_line,
			doc.err_col, doc.error);
		p.errors++;
		goto out;
	}
	for (const struct ka_yaml_dup *d = doc.dups; d; d = d->next)
		error_at(&p, d->key, "duplicate key '%s'%s", d->key->u.s.key, "");
	root = ka_node_deref(doc.root);
	if (!root)
		goto out; /* an empty file configures nothing */
	if (root->kind != KA_NODE_MAPPING) {
		error_at(&p, root, "the configuration must be a mapping%s%s", "", "");
		goto out;
	}
	for (size_t i = 0; i < root->u.c.n; i += 2) {
		const struct ka_node *k = root->u.c.v[i];

		if (k->kind != KA_NODE_SCALAR || ka_node_is_merge_key(k)) {
			error_at(&p, k, "keys must be plain strings%s%s", "", "");
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
