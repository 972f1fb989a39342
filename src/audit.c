/*
 * The pipeline for one input: documents -> tree -> pod specs -> checks ->
 * the document's own waivers. See kaudit/audit.h.
 */
#include "kaudit/audit.h"
#include "kaudit/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kaudit/helm.h"
#include "kaudit/stream.h"
#include "kaudit/suppress.h"
#include "kaudit/validate.h"
#include "kaudit/yaml.h"

struct ka_auditor {
	const struct ka_settings *s;
	struct ka_yaml *yaml;
	struct ka_schema *schema; /* the fields invalid-value checks */
	struct ka_arena arena;
	struct ka_stream stream;
	bool open;
	struct ka_input *in;
	size_t idx;
	size_t doc;		/* documents read from this input */
	struct ka_findings out; /* this document's (and held ones) */
	size_t first;		/* where this document's start in out */
	bool manifest; /* a document of this input has apiVersion and kind */
	struct ka_waiver *comments; /* `# kaudit:ignore` in this document */
	size_t ncomments;
};

struct ka_auditor *ka_auditor_new(const struct ka_settings *s)
{
	struct ka_auditor *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->s = s;
	ka_arena_init(&a->arena);
	a->yaml = ka_yaml_new();
	a->schema = ka_schema_new();
	if (!a->yaml || !a->schema) {
		ka_auditor_free(a);
		return NULL;
	}
	return a;
}

static void close_input(struct ka_auditor *a)
{
	if (a->open)
		ka_stream_free(&a->stream);
	a->open = false;
}

void ka_auditor_free(struct ka_auditor *a)
{
	if (!a)
		return;
	close_input(a);
	ka_findings_free(&a->out);
	ka_yaml_free(a->yaml);
	ka_schema_free(a->schema);
	ka_arena_free(&a->arena);
	free(a);
}

bool ka_auditor_oom(const struct ka_auditor *a)
{
	return a->out.oom;
}

int ka_auditor_open(struct ka_auditor *a, struct ka_input *in, size_t idx,
		    int fd)
{
	struct stat st;

	close_input(a);
	a->in = in;
	a->idx = idx;
	a->doc = 0;
	a->manifest = false;
	a->out.n = 0;
	if (ka_stream_init(&a->stream, fd) < 0) {
		a->out.oom = true;
		return -1;
	}
	a->open = true;
	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
	    (fcntl(fd, F_GETFL) & O_NONBLOCK))
		a->stream.fifo_grace_ms = 3000;
	return 0;
}

static void add(struct ka_auditor *a, const struct ka_check *check,
		unsigned line, unsigned col, unsigned end_line,
		unsigned end_col, const char *message)
{
	ka_findings_add(&a->out, check, a->idx, line, col, end_line, end_col,
			message);
}

/* What is wrong with a waiver, as a finding: invalid, expired or unused. */
static void waiver_problem(struct ka_auditor *a, struct ka_ctx *ctx,
			   const struct ka_waiver *w, const struct ka_node *at,
			   const char *what)
{
	char msg[1024];
	const struct ka_check *check = ka_waiver_problem(
	    w, a->s->today, a->s->enabled, what, msg, sizeof(msg));

	if (!check)
		return;
	if (at)
		ka_report(ctx, check, NULL, at, "metadata.annotations", "%s",
			  msg);
	else
		add(a, check, w->line, w->col, w->end_line, w->end_col, msg);
}

struct annotations {
	struct ka_auditor *a;
	struct ka_waiver v[64];
	const struct ka_node *keys[64];
	size_t n;
};

static void annotation(void *ud, const struct ka_node *key,
		       const struct ka_node *value)
{
	struct annotations *an = ud;
	const size_t plen = strlen(KA_ANNOTATION_PREFIX);
	struct ka_waiver *w;

	if (strncmp(key->u.s.key, KA_ANNOTATION_PREFIX, plen) != 0 ||
	    an->n >= 64)
		return;
	w = &an->v[an->n];
	memset(w, 0, sizeof(*w));
	if (ka_waiver_parse_annotation(key->u.s.key + plen, ka_node_str(value),
				       w) < 0)
		an->a->out.oom = true;
	an->keys[an->n++] = key;
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

/* The annotations of the object and its pod template that are waivers. */
static struct annotations *pod_annotations(struct ka_auditor *a,
					   const struct ka_pod *pod)
{
	struct annotations *an;

	/* Most pods have none: look before allocating. */
	if (!has_waiver_annotation(pod->meta) &&
	    !(pod->template_meta && has_waiver_annotation(pod->template_meta)))
		return NULL;
	an = calloc(1, sizeof(*an));
	if (!an) {
		a->out.oom = true;
		return NULL;
	}
	an->a = a;
	ka_map_foreach(ka_map_get(pod->meta, "annotations"), annotation, an);
	if (pod->template_meta && pod->template_meta != pod->meta)
		ka_map_foreach(ka_map_get(pod->template_meta, "annotations"),
			       annotation, an);
	return an;
}

/*
 * A comment on the line of `metadata:` covers the resource; one on a
 * container's first line covers that container.
 */
static bool comment_covers(const struct ka_waiver *w, const struct ka_pod *pod,
			   const struct ka_finding *f)
{
	if ((pod->meta_key && w->line == pod->meta_key->line) ||
	    (pod->template_meta_key && w->line == pod->template_meta_key->line))
		return true;
	for (size_t k = 0; k < pod->ncontainers; k++)
		if (w->line == pod->containers[k].node->line &&
		    strcmp(pod->containers[k].name, f->container) == 0)
			return true;
	return false;
}

static void waive(struct ka_auditor *a, struct ka_waiver *w,
		  struct ka_finding *f)
{
	if (ka_waiver_apply(w, f) < 0)
		a->out.oom = true;
}

static void pod_waivers(struct ka_auditor *a, struct ka_ctx *ctx,
			const struct ka_pod *pod, size_t first)
{
	struct annotations *an = pod_annotations(a, pod);
	size_t nan = an ? an->n : 0;
	int today = a->s->today;

	for (size_t i = first; i < a->out.n; i++) {
		struct ka_finding *f = &a->out.v[i];

		for (size_t j = 0; j < nan && !f->waiver; j++)
			if (ka_waiver_matches(&an->v[j], f, NULL, today))
				waive(a, &an->v[j], f);
		for (size_t j = 0; j < a->ncomments && !f->waiver; j++)
			if (comment_covers(&a->comments[j], pod, f) &&
			    ka_waiver_matches(&a->comments[j], f, NULL, today))
				waive(a, &a->comments[j], f);
	}
	for (size_t j = 0; j < nan; j++) {
		char what[300];

		ka_format(what, sizeof(what), "waiver annotation %s",
			  an->keys[j]->u.s.key);
		waiver_problem(a, ctx, &an->v[j], an->keys[j], what);
		ka_waiver_free(&an->v[j]);
	}
	free(an);
}

static int audit_pod(void *ud, const struct ka_pod *pod)
{
	struct ka_auditor *a = ud;
	struct ka_ctx ctx = {.out = &a->out,
			     .policy = &a->s->policy,
			     .params = a->s->params,
			     .input = a->idx,
			     .pod = pod};
	size_t first = a->out.n;

	a->in->resources++;
	ka_validate_pod(&ctx, a->schema, pod);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *check = ka_registry[i];

		if (!a->s->enabled[i])
			continue;
		if (check->run)
			check->run(&ctx, pod);
		for (size_t k = 0; check->run_container && k < pod->ncontainers;
		     k++)
			check->run_container(&ctx, &pod->containers[k]);
	}
	pod_waivers(a, &ctx, pod, first);
	return a->out.oom ? -1 : 0;
}

static void report_dups(struct ka_auditor *a, const struct ka_doc *doc)
{
	static const char fmt[] = "duplicate key '%s' (first at line %u); "
				  "kubectl uses the last value";

	for (const struct ka_yaml_dup *d = doc->dups; d; d = d->next) {
		int len =
		    snprintf(NULL, 0, fmt, d->key->u.s.str, d->first->line);
		char *msg = len < 0 ? NULL : malloc((size_t)len + 1);

		if (!msg) {
			a->out.oom = true;
			return;
		}
		snprintf(msg, (size_t)len + 1, fmt, d->key->u.s.str,
			 d->first->line);
		add(a, &ka_check_duplicate_key, d->key->line, d->key->col,
		    d->key->end_line, d->key->end_col, msg);
		free(msg);
	}
}

/* Comments on the finding's line or the line above it. */
static void line_waivers(struct ka_auditor *a)
{
	struct ka_ctx ctx = {
	    .out = &a->out, .policy = &a->s->policy, .input = a->idx};
	size_t n = a->out.n;

	for (size_t i = a->first; i < n; i++) {
		struct ka_finding *f = &a->out.v[i];

		for (size_t j = 0; j < a->ncomments && !f->waiver; j++) {
			struct ka_waiver *w = &a->comments[j];

			if (ka_waiver_on_line(w->line, f) &&
			    ka_waiver_matches(w, f, NULL, a->s->today))
				waive(a, w, f);
		}
	}
	for (size_t j = 0; j < a->ncomments; j++)
		waiver_problem(a, &ctx, &a->comments[j], NULL,
			       "waiver comment");
}

/*
 * A document that does not parse is a manifest's when its text has
 * apiVersion and kind at the top level before the error.
 */
static bool looks_like_manifest(const struct ka_chunk *c, unsigned err_line)
{
	const char *p = c->buf, *end = c->buf + c->len;
	unsigned line = c->first_line;
	bool api = false, kind = false;

	while (p < end && line <= err_line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		api |= (n >= 11 && memcmp(p, "apiVersion:", 11) == 0) ||
		       (n >= 12 && memcmp(p, "\"apiVersion\"", 12) == 0);
		kind |= (n >= 5 && memcmp(p, "kind:", 5) == 0) ||
			(n >= 6 && memcmp(p, "\"kind\"", 6) == 0);
		p = nl ? nl + 1 : end;
		line++;
	}
	return api && kind;
}

static void parse_and_check(struct ka_auditor *a, const struct ka_chunk *c)
{
	struct ka_error err = {.msg = ""};
	struct ka_doc doc;

	if (ka_yaml_parse(a->yaml, &a->arena, c->buf, c->len, c->first_line,
			  c->first_col, &doc) < 0) {
		if (doc.oom) { /* no finding: the report says it is incomplete
				*/
			a->out.oom = true;
			ka_arena_reset(&a->arena);
			return;
		}
		a->in->documents++;
		a->manifest |= looks_like_manifest(c, doc.err.line);
		add(a, &ka_check_yaml_syntax, doc.err.line, doc.err.col,
		    doc.err.line, doc.err.col, doc.err.msg);
	} else if (doc.root && !ka_node_is_null(doc.root)) {
		a->manifest |= ka_map_get(doc.root, "apiVersion") &&
			       ka_map_get(doc.root, "kind");
		a->in->documents++;
		report_dups(a, &doc);
		int r = doc.unsupported &&
				ka_document_unsupported(doc.root, &err) < 0
			    ? KA_DOCUMENT_REFUSED
			    : ka_workload_each(&a->arena, doc.root, audit_pod,
					       a, &err);

		if (r == KA_DOCUMENT_REFUSED)
			add(a, &ka_check_yaml_syntax, err.line, err.col,
			    err.line, err.col, err.msg);
		else if (r < 0)
			a->out.oom = true;
	}
	ka_arena_reset(&a->arena);
}

static void audit_chunk(struct ka_auditor *a, const struct ka_chunk *c)
{
	char msg[128];

	if (c->len &&
	    memmem(c->buf, c->len, KA_COMMENT_MARK, strlen(KA_COMMENT_MARK)))
		a->comments = ka_waiver_scan(c->buf, c->len, c->first_line,
					     &a->ncomments);
	if (c->too_large) {
		snprintf(msg, sizeof(msg),
			 "document larger than %zu MiB; not audited",
			 KA_STREAM_MAX_DOC >> 20);
		add(a, &ka_check_yaml_syntax, c->first_line, 1, c->first_line,
		    1, msg);
	} else if (c->refusal) {
		add(a, &ka_check_yaml_syntax, c->first_line, c->first_col,
		    c->first_line, c->first_col, c->refusal);
	} else if (c->len) {
		parse_and_check(a, c);
	}
	if (c->bad_separator_line)
		add(a, &ka_check_yaml_syntax, c->bad_separator_line, 4,
		    c->bad_separator_line, 4,
		    "invalid document separator: only spaces or a comment may "
		    "follow '---' (kubectl refuses the stream here)");
	line_waivers(a);
	for (size_t j = 0; j < a->ncomments; j++)
		ka_waiver_free(&a->comments[j]);
	free(a->comments);
	a->comments = NULL;
	a->ncomments = 0;
}

/* The configured level, the document number and the Helm template. */
static void finish_document(struct ka_auditor *a, const struct ka_chunk *c)
{
	char *source = NULL;

	/* Helm renders name their template: every finding carries it. */
	if (c->len && a->out.n > a->first)
		source = ka_helm_source(c->buf, c->len);
	for (size_t i = a->first; i < a->out.n; i++) {
		struct ka_finding *f = &a->out.v[i];
		int l = a->s->levels ? a->s->levels[ka_registry_index(f->check)]
				     : -1;

		if (l >= 0)
			f->level = (enum ka_level)l;
		f->doc = a->doc;
		if (source && !(f->source = strdup(source)))
			a->out.oom = true;
	}
	free(source);
	a->doc++;
	ka_findings_settle(&a->out, a->first);
}

/*
 * A file found walking a directory is audited only if it is a
 * Kubernetes manifest: its findings are held until a document shows it
 * is one, and dropped when none does (an Ansible playbook, a workflow).
 */
static bool holding(const struct ka_auditor *a)
{
	return a->in->walked && !a->manifest;
}

static void end_input(struct ka_auditor *a, int r)
{
	a->in->manifest = a->manifest;
	if (r < 0) {
		int err = errno;

		ka_input_fail(a->in, err);
		if (err == ENOMEM)
			a->out.oom = true;
	} else if (holding(a)) {
		for (size_t i = 0; i < a->out.n; i++)
			ka_finding_free(&a->out.v[i]);
		a->out.n = 0;
		a->in->status = KA_INPUT_NOT_MANIFEST;
		a->in->documents = a->in->resources = 0;
		free(a->in->error);
		a->in->error = strdup(KA_NOT_MANIFEST);
		if (!a->in->error)
			a->out.oom = true;
	} else {
		a->in->status = KA_INPUT_AUDITED;
	}
	close_input(a);
}

int ka_auditor_next(struct ka_auditor *a, struct ka_finding **f, size_t *n)
{
	struct ka_chunk c;
	int r = 0;

	if (!a->open)
		return 0;
	if (!holding(a))
		a->out.n = 0; /* the caller took the last document's findings */
	while (!a->out.oom && (r = ka_stream_next(&a->stream, &c)) > 0) {
		a->first = a->out.n;
		audit_chunk(a, &c);
		finish_document(a, &c);
		if (a->out.n && !holding(a)) {
			*f = a->out.v;
			*n = a->out.n;
			return 1;
		}
	}
	end_input(a, r);
	return 0;
}
