/*
 * The pipeline for one input: documents -> tree -> pod specs -> checks.
 */
#define _GNU_SOURCE /* memmem */
#include "kaudit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/config.h"
#include "kaudit/helm.h"
#include "kaudit/stream.h"
#include "kaudit/suppress.h"
#include "kaudit/validate.h"
#include "kaudit/yaml.h"

int ka_run_init(struct ka_run *run, const bool *enabled)
{
	memset(run, 0, sizeof(*run));
	run->enabled = enabled;
	run->policy.profile = KA_PROFILE_HARDENED;
	run->policy.version = KA_PSS_LATEST;
	run->today = ka_today();
	ka_arena_init(&run->arena);
	run->yaml = ka_yaml_new();
	return run->yaml ? 0 : -1;
}

static void free_finding(struct ka_finding *f)
{
	/* message, kind, ns, name, container and field share one block. */
	free(f->message);
	free(f->reason);
	free(f->source);
	free(f->tmpl_path);
}

void ka_run_free(struct ka_run *run)
{
	for (size_t i = 0; i < run->nfindings; i++)
		free_finding(&run->findings[i]);
	free(run->findings);
	for (size_t i = 0; i < run->ninputs; i++) {
		free(run->inputs[i].path);
		free(run->inputs[i].error);
	}
	free(run->inputs);
	ka_yaml_free(run->yaml);
	ka_arena_free(&run->arena);
	memset(run, 0, sizeof(*run));
}

long ka_run_add_input(struct ka_run *run, const char *path, bool is_stdin)
{
	struct ka_input *in;

	if (run->ninputs == run->capinputs) {
		size_t cap = run->capinputs ? run->capinputs * 2 : 16;
		struct ka_input *p = realloc(run->inputs, cap * sizeof(*p));

		if (!p)
			return -1;
		run->inputs = p;
		run->capinputs = cap;
	}
	in = &run->inputs[run->ninputs];
	memset(in, 0, sizeof(*in));
	in->path = strdup(path);
	if (!in->path)
		return -1;
	in->is_stdin = is_stdin;
	return (long)run->ninputs++;
}

static struct ka_finding *new_finding(struct ka_run *run)
{
	struct ka_finding *f;

	if (run->nfindings == run->capfindings) {
		size_t cap = run->capfindings ? run->capfindings * 2 : 64;
		struct ka_finding *p = realloc(run->findings, cap * sizeof(*p));

		if (!p) {
			run->oom = true;
			return NULL;
		}
		run->findings = p;
		run->capfindings = cap;
	}
	f = &run->findings[run->nfindings];
	memset(f, 0, sizeof(*f));
	return f;
}

/* A string builder over a fixed buffer; it truncates, never overflows. */
struct sb {
	char *buf;
	size_t size, len;
};

static void sb_add(struct sb *b, const char *s)
{
	size_t n = strlen(s);

	if (n > b->size - 1 - b->len)
		n = b->size - 1 - b->len;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

/* Copy the strings a finding keeps into one allocation. */
static int pack_strings(struct ka_finding *f, const char *message,
			const char *kind, const char *ns, const char *name,
			const char *container, const char *field)
{
	const char *src[6] = {message, kind ? kind : "", ns ? ns : "",
			      name ? name : "", container ? container : "",
			      field ? field : ""};
	char **dst[6] = {&f->message, &f->kind, &f->ns, &f->name,
			 &f->container, &f->field};
	size_t len[6], total = 0;
	char *block;

	for (int i = 0; i < 6; i++)
		total += (len[i] = strlen(src[i])) + 1;
	block = malloc(total);
	if (!block)
		return -1;
	for (int i = 0; i < 6; i++) {
		memcpy(block, src[i], len[i] + 1);
		*dst[i] = block;
		block += len[i] + 1;
	}
	return 0;
}

static int commit_finding(struct ka_run *run, struct ka_finding *f)
{
	int l = run->levels ? run->levels[ka_registry_index(f->check)] : -1;

	f->level = l >= 0 ? (enum ka_level)l : f->check->level;
	if (!f->message || !f->kind || !f->ns || !f->name || !f->container ||
	    !f->field) {
		free_finding(f);
		run->oom = true;
		return -1;
	}
	run->nfindings++;
	return 0;
}

int ka_run_add_finding(struct ka_run *run, const struct ka_check *check,
		       size_t input, unsigned line, unsigned col,
		       unsigned end_line, unsigned end_col,
		       const char *message)
{
	struct ka_finding *f = new_finding(run);

	if (!f)
		return -1;
	f->check = check;
	f->input = input;
	f->line = line;
	f->col = col;
	f->end_line = end_line;
	f->end_col = end_col;
	if (pack_strings(f, message, NULL, NULL, NULL, NULL, NULL) < 0)
		memset(f, 0, sizeof(*f));
	return commit_finding(run, f);
}

static char *vformat(const char *fmt, va_list ap)
{
	char buf[512];
	va_list ap2;
	int n;
	char *s;

	/* One pass for the common short string, two for a long one. */
	va_copy(ap2, ap);
	n = vsnprintf(buf, sizeof(buf), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	if ((size_t)n < sizeof(buf))
		memcpy(s, buf, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

void ka_report(struct ka_ctx *ctx, const struct ka_check *check,
	       const struct ka_container *c, const struct ka_node *node,
	       const char *field, const char *fmt, ...)
{
	const struct ka_pod *pod = ctx->pod;
	struct ka_run *run = ctx->run;
	struct ka_finding *f;
	char *msg;
	va_list ap;

	if (!check->input && !run->enabled[ka_registry_index(check)])
		return;
	f = new_finding(run);
	if (!f)
		return;
	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	f->check = check;
	f->input = ctx->input;
	f->line = node->line;
	f->col = node->col;
	f->end_line = node->end_line;
	f->end_col = node->end_col;
	/*
	 * A block collection spans many lines; a region that large never
	 * shows as a pull request annotation. Keep it to the first key.
	 */
	if (node->kind == KA_NODE_MAPPING && node->style == KA_STYLE_BLOCK &&
	    node->u.c.n) {
		f->end_line = node->u.c.v[0]->end_line;
		f->end_col = node->u.c.v[0]->end_col;
	} else if (node->kind == KA_NODE_SEQUENCE &&
		   node->style == KA_STYLE_BLOCK) {
		f->end_line = node->line;
		f->end_col = node->col + 1;
	}
	f->psa = ka_policy_psa_name(&run->policy, check);
	{
		char text[1024], path[512], index[32];
		struct sb t = {text, sizeof(text), 0}, p = {path, sizeof(path), 0};

		/* Plain concatenation: this runs for every finding. */
		sb_add(&t, pod->kind);
		sb_add(&t, "/");
		sb_add(&t, pod->name);
		if (check->psa) { /* PSA's own wording names the container */
			sb_add(&t, ": ");
		} else if (c) {
			sb_add(&t, " container '");
			sb_add(&t, c->name);
			sb_add(&t, "' ");
		} else {
			sb_add(&t, " ");
		}
		sb_add(&t, msg ? msg : "");
		sb_add(&p, pod->prefix);
		sb_add(&p, pod->spec_path);
		if (c) {
			snprintf(index, sizeof(index), "[%zu]", c->index);
			sb_add(&p, ".");
			sb_add(&p, c->list);
			sb_add(&p, index);
		}
		if (*field) {
			sb_add(&p, ".");
			sb_add(&p, field);
		}
		if (!msg || pack_strings(f, text, pod->kind, pod->ns, pod->name,
					 c ? c->name : NULL, path) < 0)
			memset(f, 0, sizeof(*f));
	}
	free(msg);
	commit_finding(run, f);
}

static void settle(struct ka_run *run, size_t first);

struct doc_ctx {
	struct ka_run *run;
	size_t input;
	struct ka_waiver *comments; /* `# kaudit:ignore` in this document */
	size_t ncomments;
};

static bool expired(const struct ka_run *run, const struct ka_waiver *w)
{
	return w->until && run->today > w->until;
}

/* A waiver may be applied: valid and not expired. */
static bool active(const struct ka_run *run, const struct ka_waiver *w)
{
	return !w->error && !expired(run, w);
}

static void waive(struct ka_run *run, struct ka_finding *f,
		  struct ka_waiver *w)
{
	f->waiver = w->kind;
	f->reason = strdup(w->reason);
	if (!f->reason)
		run->oom = true;
	w->used = true;
}

static bool any_enabled(const struct ka_run *run, const struct ka_waiver *w)
{
	for (size_t i = 0; i < w->nchecks; i++)
		if (w->checks[i]->input ||
		    run->enabled[ka_registry_index(w->checks[i])])
			return true;
	return false;
}

/* What is wrong with a waiver, as a finding: invalid, expired or unused. */
static void waiver_problem(struct ka_ctx *ctx, size_t input,
			   const struct ka_waiver *w, const struct ka_node *at,
			   const char *what)
{
	struct ka_run *run = ctx ? ctx->run : NULL;
	const struct ka_check *check = NULL;
	char msg[1024], until[16];

	if (!ctx)
		return;
	snprintf(until, sizeof(until), "%04d-%02d-%02d", w->until / 10000,
		 w->until / 100 % 100, w->until % 100);
	if (w->error) {
		check = &ka_check_invalid_suppression;
		snprintf(msg, sizeof(msg), "%s is invalid: %s", what, w->error);
	} else if (expired(run, w)) {
		check = &ka_check_expired_suppression;
		snprintf(msg, sizeof(msg), "%s expired on %s and no longer "
			 "waives anything", what, until);
	} else if (!w->used && any_enabled(run, w)) {
		check = &ka_check_unused_suppression;
		snprintf(msg, sizeof(msg), "%s waives nothing: no finding "
			 "matches it", what);
	}
	if (!check)
		return;
	if (at && ctx->pod) {
		ka_report(ctx, check, NULL, at, "metadata.annotations", "%s", msg);
		return;
	}
	ka_run_add_finding(run, check, input, w->line, w->col, w->end_line,
			   w->end_col, msg);
}

struct annotations {
	struct ka_waiver *v;
	const struct ka_node *keys[64];
	size_t n;
};

static void annotation(void *ud, const struct ka_node *key,
		       const struct ka_node *value)
{
	struct annotations *a = ud;
	const size_t plen = strlen(KA_ANNOTATION_PREFIX);
	struct ka_waiver *w;

	if (strncmp(key->u.s.key, KA_ANNOTATION_PREFIX, plen) != 0 || a->n >= 64)
		return;
	w = &a->v[a->n];
	memset(w, 0, sizeof(*w));
	ka_waiver_parse_annotation(key->u.s.key + plen, ka_node_str(value), w);
	a->keys[a->n++] = key;
}

static void any_waiver(void *ud, const struct ka_node *key,
		       const struct ka_node *value)
{
	(void)value;
	if (strncmp(key->u.s.key, KA_ANNOTATION_PREFIX,
		    strlen(KA_ANNOTATION_PREFIX)) == 0)
		*(bool *)ud = true;
}

static bool has_waiver_annotation(const struct ka_node *meta)
{
	bool found = false;

	ka_map_foreach(ka_map_get(meta, "annotations"), any_waiver, &found);
	return found;
}

static void pod_waivers(struct doc_ctx *d, struct ka_ctx *ctx,
			const struct ka_pod *pod, size_t first)
{
	struct ka_run *run = d->run;
	struct annotations a = {.n = 0};
	const struct ka_node *mkey = pod->meta_key, *tkey = pod->template_meta_key;

	/* Most pods have no waivers: look before allocating. */
	if (has_waiver_annotation(pod->meta) ||
	    (pod->template_meta && has_waiver_annotation(pod->template_meta))) {
		a.v = calloc(64, sizeof(*a.v));
		if (!a.v) {
			run->oom = true;
			return;
		}
		ka_map_foreach(ka_map_get(pod->meta, "annotations"), annotation, &a);
		if (pod->template_meta && pod->template_meta != pod->meta)
			ka_map_foreach(ka_map_get(pod->template_meta, "annotations"),
				       annotation, &a);
	}
	if (run->nfindings == first && !a.n && !d->ncomments)
		return;
	for (size_t i = first; i < run->nfindings; i++) {
		struct ka_finding *f = &run->findings[i];

		for (size_t j = 0; j < a.n && !f->waiver; j++) {
			struct ka_waiver *w = &a.v[j];

			if (active(run, w) && ka_waiver_names(w, f->check) &&
			    (!*w->container || strcmp(w->container, f->container) == 0))
				waive(run, f, w);
		}
		for (size_t j = 0; j < d->ncomments && !f->waiver; j++) {
			struct ka_waiver *w = &d->comments[j];
			bool covers = (mkey && w->line == mkey->line) ||
				      (tkey && w->line == tkey->line);

			for (size_t k = 0; k < pod->ncontainers && !covers; k++)
				covers = w->line == pod->containers[k].node->line &&
					 strcmp(pod->containers[k].name, f->container) == 0;
			if (covers && active(run, w) && ka_waiver_names(w, f->check))
				waive(run, f, w);
		}
	}
	for (size_t j = 0; j < a.n; j++) {
		char what[300];

		snprintf(what, sizeof(what), "waiver annotation %s",
			 a.keys[j]->u.s.key);
		waiver_problem(ctx, d->input, &a.v[j], a.keys[j], what);
	}
	free(a.v);
}

static int audit_pod(void *ud, const struct ka_pod *pod)
{
	struct doc_ctx *d = ud;
	struct ka_ctx ctx = {.run = d->run, .input = d->input, .pod = pod};
	size_t first = d->run->nfindings;

	d->run->inputs[d->input].resources++;
	ka_validate_pod(&ctx, pod);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *check = ka_registry[i];

		if (check->run && d->run->enabled[i])
			check->run(&ctx, pod);
	}
	pod_waivers(d, &ctx, pod, first);
	return d->run->oom ? -1 : 0;
}

static void report_dups(struct ka_run *run, size_t input,
			const struct ka_doc *doc)
{
	for (const struct ka_yaml_dup *d = doc->dups; d; d = d->next) {
		char *msg = format("duplicate key '%s' (first at line %u); "
				   "kubectl uses the last value",
				   d->key->u.s.text, d->first->line);

		if (!msg) {
			run->oom = true;
			return;
		}
		ka_run_add_finding(run, &ka_check_duplicate_key, input,
				   d->key->line, d->key->col,
				   d->key->end_line, d->key->end_col, msg);
		free(msg);
	}
}

/* Comments on the finding's line or the line above it. */
static void line_waivers(struct doc_ctx *d, size_t first)
{
	struct ka_run *run = d->run;
	struct ka_ctx ctx = {.run = run, .input = d->input};

	for (size_t i = first; i < run->nfindings; i++) {
		struct ka_finding *f = &run->findings[i];

		for (size_t j = 0; j < d->ncomments && !f->waiver; j++) {
			struct ka_waiver *w = &d->comments[j];

			if ((w->line == f->line || w->line + 1 == f->line) &&
			    active(run, w) && ka_waiver_names(w, f->check))
				waive(run, f, w);
		}
	}
	for (size_t j = 0; j < d->ncomments; j++)
		waiver_problem(&ctx, d->input, &d->comments[j], NULL,
			       "waiver comment");
}

static void audit_chunk(struct ka_run *run, size_t idx,
			const struct ka_chunk *c)
{
	struct ka_doc doc;
	struct doc_ctx d = {.run = run, .input = idx};
	size_t first = run->nfindings;
	char msg[128];

	if (c->len && memmem(c->buf, c->len, KA_COMMENT_MARK,
			     strlen(KA_COMMENT_MARK)))
		d.comments = ka_waiver_scan(c->buf, c->len, c->first_line,
					    &d.ncomments);
	if (c->too_large) {
		snprintf(msg, sizeof(msg),
			 "document larger than %zu MiB; not audited",
			 KA_STREAM_MAX_DOC >> 20);
		ka_run_add_finding(run, &ka_check_yaml_syntax, idx,
				   c->first_line, 1, c->first_line, 1, msg);
	} else if (c->not_object) {
		ka_run_add_finding(run, &ka_check_yaml_syntax, idx,
				   c->first_line, c->first_col, c->first_line,
				   c->first_col,
				   "a JSON value that is not an object "
				   "(kubectl refuses it)");
	} else if (c->len) {
		if (ka_yaml_parse(run->yaml, &run->arena, c->buf, c->len,
				  c->first_line, &doc) < 0) {
			run->inputs[idx].documents++;
			run->documents++;
			ka_run_add_finding(run, &ka_check_yaml_syntax, idx,
					   doc.err_line, doc.err_col,
					   doc.err_line, doc.err_col,
					   doc.error);
		} else if (doc.root) {
			run->inputs[idx].documents++;
			run->documents++;
			report_dups(run, idx, &doc);
			ka_workload_each(&run->arena, doc.root, audit_pod, &d);
		}
		ka_arena_reset(&run->arena);
	}
	if (c->bad_separator_line) {
		ka_run_add_finding(run, &ka_check_yaml_syntax, idx,
				   c->bad_separator_line, 4,
				   c->bad_separator_line, 4,
				   "invalid document separator: only spaces or "
				   "a comment may follow '---' (kubectl refuses "
				   "the stream here)");
	}
	line_waivers(&d, first);
	free(d.comments);
	for (size_t i = first; i < run->nfindings; i++)
		run->findings[i].doc = run->chunks;
	run->chunks++;
	/* Helm renders name their template: every finding carries it. */
	if (c->len && run->nfindings > first) {
		char *source = ka_helm_source(c->buf, c->len);

		for (size_t i = first; source && i < run->nfindings; i++) {
			run->findings[i].source = strdup(source);
			if (!run->findings[i].source)
				run->oom = true;
		}
		free(source);
	}
	settle(run, first);
}


int ka_run_audit_fd(struct ka_run *run, size_t idx, int fd)
{
	struct ka_input *in = &run->inputs[idx];
	struct ka_stream s;
	struct ka_chunk c;
	struct stat st;
	int r;

	if (ka_stream_init(&s, fd) < 0) {
		run->oom = true;
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
	    (fcntl(fd, F_GETFL) & O_NONBLOCK))
		s.fifo_grace_ms = 3000;
	while ((r = ka_stream_next(&s, &c)) > 0 && !run->oom)
		audit_chunk(run, idx, &c);
	if (r < 0) {
		int err = errno;

		in = &run->inputs[idx];
		in->status = KA_INPUT_UNREADABLE;
		free(in->error);
		in->error = strdup(strerror(err));
		if (err == ENOMEM)
			run->oom = true;
	} else {
		in->status = KA_INPUT_AUDITED;
	}
	ka_stream_free(&s);
	return r < 0 ? -1 : 0;
}


static bool cmp_findings_equal(const struct ka_finding *a,
			       const struct ka_finding *b)
{
	return a->input == b->input && a->line == b->line &&
	       a->col == b->col && a->check == b->check &&
	       strcmp(a->message, b->message) == 0;
}

/* Inputs are in path order (ka_run_sort_inputs), so indices sort paths. */
static int cmp_findings(const void *pa, const void *pb)
{
	const struct ka_finding *a = pa, *b = pb;
	int c;

	if (a->input != b->input)
		return a->input < b->input ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	c = strcmp(a->check->id, b->check->id);
	if (c)
		return c;
	return strcmp(a->message, b->message);
}

static bool field_matches(const char *want, const char *got)
{
	return !want || strcmp(want, got) == 0;
}

static bool path_matches(const struct ka_config *cfg, const char *glob,
			 const char *path)
{
	struct ka_config one = {.dir = cfg->dir};
	char *v[1] = {(char *)glob};

	one.exclude.v = v;
	one.exclude.n = 1;
	return ka_config_excluded(&one, path);
}

static void apply_config_ignores(struct ka_run *run, struct ka_finding *fs,
				 size_t n)
{
	const struct ka_config *cfg = run->config;

	if (!cfg || !cfg->nignores)
		return;
	for (size_t i = 0; i < n; i++) {
		struct ka_finding *f = &fs[i];

		for (size_t j = 0; j < cfg->nignores && !f->waiver; j++) {
			struct ka_config_ignore *g = &cfg->ignores[j];

			if (!g->check || !g->reason ||
			    strcmp(g->check, f->check->id) != 0 ||
			    (g->until && run->today > g->until) ||
			    !field_matches(g->kind, f->kind) ||
			    !field_matches(g->ns, f->ns) ||
			    !field_matches(g->name, f->name) ||
			    !field_matches(g->container, f->container) ||
			    (g->path && !path_matches(cfg, g->path,
						      run->inputs[f->input].path)))
				continue;
			f->waiver = KA_WAIVER_CONFIG;
			f->reason = strdup(g->reason);
			if (!f->reason)
				run->oom = true;
			g->used = true;
		}
	}
}

/* Unused and expired ignore entries, as findings in the config file. */
static void config_leftovers(struct ka_run *run)
{
	const struct ka_config *cfg = run->config;
	long cfg_input = -1;

	if (!cfg || !cfg->nignores)
		return;
	for (size_t j = 0; j < cfg->nignores; j++) {
		struct ka_config_ignore *g = &cfg->ignores[j];
		const struct ka_check *c = g->check ? ka_registry_find(g->check) : NULL;
		char msg[512];

		if (!c)
			continue;
		if (g->until && run->today > g->until)
			snprintf(msg, sizeof(msg), "ignore entry for %s expired on "
				 "%04d-%02d-%02d and no longer waives anything",
				 g->check, g->until / 10000, g->until / 100 % 100,
				 g->until % 100);
		else if (!g->used && (c->input || run->enabled[ka_registry_index(c)]))
			snprintf(msg, sizeof(msg), "ignore entry for %s waives "
				 "nothing: no finding matches it", g->check);
		else
			continue;
		if (cfg_input < 0) {
			cfg_input = ka_run_add_input(run, cfg->path, false);
			if (cfg_input < 0) {
				run->oom = true;
				return;
			}
			run->inputs[cfg_input].status = KA_INPUT_CONFIG;
		}
		ka_run_add_finding(run, g->until && run->today > g->until
					 ? &ka_check_expired_suppression
					 : &ka_check_unused_suppression,
				   (size_t)cfg_input, g->line, g->col, g->line,
				   g->col + 1, msg);
	}
}

static void locate_templates(struct ka_run *run, struct ka_finding *fs,
			     size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ka_finding *f = &fs[i];
		size_t size;
		char *path;

		if (!f->source || !*f->kind)
			continue;
		size = strlen(run->chart_root) + strlen(f->source) + 2;
		path = malloc(size);
		if (!path) {
			run->oom = true;
			return;
		}
		snprintf(path, size, "%s/%s", run->chart_root, f->source);
		if (ka_helm_locate(path, f->kind, f->field, &f->tmpl_line,
				   &f->tmpl_col, &f->tmpl_end_col) == 0)
			f->tmpl_path = path;
		else
			free(path);
	}
}

/*
 * Findings [first, nfindings) are complete: waive, locate, sort, drop
 * repeats, count, and hand them on when streaming.
 */
/* Configuration waivers, Helm template lines and counts for f[0..n). */
static void finalize(struct ka_run *run, struct ka_finding *f, size_t n)
{
	apply_config_ignores(run, f, n);
	if (run->chart_root)
		locate_templates(run, f, n);
	for (size_t i = 0; i < n; i++) {
		if (f[i].waiver)
			run->waived++;
		else
			run->counts[f[i].level]++;
	}
}

void ka_run_deliver(struct ka_run *run, struct ka_finding *f, size_t n)
{
	finalize(run, f, n);
	if (run->sink)
		run->sink(run->sink_ud, run, f, n);
	for (size_t i = 0; i < n; i++)
		free_finding(&f[i]);
}

void ka_run_deliver_cb(void *ud, struct ka_run *run, struct ka_finding *f,
		       size_t n)
{
	(void)ud;
	ka_run_deliver(run, f, n);
}

/*
 * Findings [first, nfindings) are complete: sort, drop repeats, and hand
 * them on when streaming (emit takes them), else finalize them in place.
 */
static void settle(struct ka_run *run, size_t first)
{
	size_t out = first;

	if (run->nfindings == first)
		return;
	qsort(run->findings + first, run->nfindings - first,
	      sizeof(*run->findings), cmp_findings);
	for (size_t i = first; i < run->nfindings; i++) {
		struct ka_finding *f = &run->findings[i];

		if (out > first && cmp_findings_equal(&run->findings[out - 1], f)) {
			free_finding(f);
			continue;
		}
		run->findings[out++] = *f;
	}
	run->nfindings = out;
	if (run->emit) {
		run->emit(run->emit_ud, run, run->findings + first, out - first);
		run->nfindings = first;
	} else {
		finalize(run, run->findings + first, out - first);
	}
}

void ka_run_finish(struct ka_run *run)
{
	size_t first = run->nfindings;

	config_leftovers(run);
	settle(run, first);
}

static int cmp_inputs(const void *pa, const void *pb)
{
	const struct ka_input *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	/* qsort is not stable: the original order breaks ties. */
	return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

void ka_run_sort_inputs(struct ka_run *run)
{
	for (size_t i = 0; i < run->ninputs; i++)
		run->inputs[i].order = i;
	if (run->ninputs > 1)
		qsort(run->inputs, run->ninputs, sizeof(*run->inputs), cmp_inputs);
}
