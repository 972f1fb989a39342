/*
 * The effective settings, decided once: the defaults, then .kaudit.yaml,
 * then the command line; and --print-config, which shows the result.
 * See kaudit/config.h.
 */
#include <string.h>

#include "kaudit/config.h"
#include "kaudit/jsonw.h"

/* Settling ------------------------------------------------------------ */

static void set_ids(bool *enabled, const char *list, bool on)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		char id[128];
		const struct ka_check *c;

		if (n && n < sizeof(id)) {
			memcpy(id, p, n);
			id[n] = '\0';
			if ((c = ka_registry_find(id)))
				enabled[ka_registry_index(c)] = on;
		}
		p += n + (p[n] == ',');
	}
}

/* A check with an enabling parameter runs only when one is set. */
static void enabling_params(const struct ka_config *cfg, bool *enabled)
{
	for (size_t i = 0; i < ka_registry_len; i++) {
		bool gated = false, set = false;

		for (const struct ka_param *p = ka_registry[i]->params;
		     p && p->key; p++) {
			if (!p->enables)
				continue;
			gated = true;
			for (const struct ka_param_value *v = cfg->params;
			     v->key; v++)
				set |= strcmp(v->key, p->key) == 0 && v->n > 0;
		}
		if (gated)
			enabled[i] = set;
	}
}

void ka_config_settle(const struct ka_config *cfg, const struct ka_choice *c,
		      int today, struct ka_settings *s)
{
	bool cli_enable = false;

	s->policy = c->policy;
	s->fail_on = c->fail_on;
	if (!c->has_profile && cfg->has_profile)
		s->policy.profile = cfg->profile;
	if (!c->has_version && cfg->has_version)
		s->policy.version = cfg->version;
	if (!c->has_fail_on && cfg->has_fail_on)
		s->fail_on = cfg->fail_on;
	s->levels = cfg->levels;
	s->params = cfg->params;
	s->today = today;
	s->chart_root = c->chart_root;
	for (size_t i = 0; i < ka_registry_len; i++)
		s->enabled[i] = ka_policy_includes(&s->policy, ka_registry[i]);
	enabling_params(cfg, s->enabled);
	if (cfg->enable.n)
		for (size_t i = 0; i < ka_registry_len; i++)
			s->enabled[i] = false;
	for (size_t i = 0; i < cfg->enable.n; i++)
		set_ids(s->enabled, cfg->enable.v[i], true);
	for (size_t i = 0; i < cfg->add.n; i++)
		set_ids(s->enabled, cfg->add.v[i], true);
	for (size_t i = 0; i < cfg->disable.n; i++)
		set_ids(s->enabled, cfg->disable.v[i], false);
	for (size_t i = 0; i < c->nlists; i++)
		cli_enable |= c->lists[i].on && !c->lists[i].add;
	if (cli_enable)
		for (size_t i = 0; i < ka_registry_len; i++)
			s->enabled[i] = false;
	/* --enable and --add first, then --disable, whatever their order. */
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < c->nlists; i++)
			if (c->lists[i].on == (pass == 1))
				set_ids(s->enabled, c->lists[i].ids,
					c->lists[i].on);
}

/* Printing ------------------------------------------------------------ */

static void print_list(FILE *out, const char *key, char *const *v, size_t n)
{
	fprintf(out, "%s:", key);
	if (!n) {
		fputs(" []\n", out);
		return;
	}
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		fputs("  - ", out);
		ka_json_string(out, v[i]);
		fputc('\n', out);
	}
}

static void print_ignore(FILE *out, const struct ka_waiver *w)
{
	const char *names[] = {"check",	    "kind", "namespace", "name",
			       "container", "path", "reason"};
	const char *vals[] = {w->nchecks ? w->checks[0]->id : NULL,
			      w->res_kind,
			      w->ns,
			      w->name,
			      w->container,
			      w->path,
			      w->reason};
	bool first = true;

	for (size_t k = 0; k < 7; k++) {
		if (!vals[k])
			continue;
		fprintf(out, "%s%s: ", first ? "  - " : "    ", names[k]);
		ka_json_string(out, vals[k]);
		fputc('\n', out);
		first = false;
	}
	if (w->until)
		fprintf(out, "    until: %04d-%02d-%02d\n", w->until / 10000,
			w->until / 100 % 100, w->until % 100);
}

void ka_config_print(FILE *out, const struct ka_config *cfg,
		     const struct ka_settings *s)
{
	bool any = false;

	fprintf(out, "# effective configuration (file: %s)\n",
		cfg->path ? cfg->path : "none");
	fprintf(out, "profile: %s\npss-version: v1.%d\nfail-on: %s\n",
		ka_profile_name(s->policy.profile), s->policy.version,
		s->fail_on < 0 ? "never"
			       : ka_level_name((enum ka_level)s->fail_on));
	fputs("enable:\n", out);
	for (size_t i = 0; i < ka_registry_len; i++)
		if (s->enabled[i] || ka_registry[i]->input)
			fprintf(out, "  - %s\n", ka_registry[i]->id);
	fputs("levels:", out);
	for (size_t i = 0; i < ka_registry_len; i++)
		if (cfg->levels && cfg->levels[i] >= 0) {
			fprintf(out, "\n  %s: %s", ka_registry[i]->id,
				ka_level_name((enum ka_level)cfg->levels[i]));
			any = true;
		}
	fputs(any ? "\n" : " {}\n", out);
	print_list(out, "exclude", cfg->exclude.v, cfg->exclude.n);
	for (const struct ka_param_value *p = cfg->params; p->key; p++)
		print_list(out, p->key, p->v, p->n);
	fputs("ignore:", out);
	if (!cfg->nignores)
		fputs(" []", out);
	fputc('\n', out);
	for (size_t i = 0; i < cfg->nignores; i++)
		print_ignore(out, &cfg->ignores[i]);
}
