/*
 * The pipeline for one input: documents -> tree -> pod specs -> checks ->
 * the document's own waivers. See kaudit/audit.h.
 */
#include "kaudit/audit.h"
#include "kaudit/error.h"
#include "kaudit/fixdoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kaudit/helm.h"
#include "kaudit/spill.h"
#include "kaudit/stream.h"
#include "kaudit/suppress.h"
#include "kaudit/validate.h"
#include "kaudit/waive.h"
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
	struct ka_chunk chunk;	 /* the document being read */
	struct ka_fixdoc fixdoc; /* SARIF fixes: where in it */
	struct ka_doc parsed;
	char *source; /* its Helm template, once a finding needs it */
	/* A list whose items are read one at a time (ka_yaml KA_YAML_ITEMS). */
	bool listing;
	long item;		    /* items read */
	char *list_kind, *list_api; /* what the items inherit */
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

/* Forget the document being read (also when reading stops midway). */
static void drop_document(struct ka_auditor *a)
{
	ka_yaml_end(a->yaml);
	ka_arena_reset(&a->arena);
	for (size_t j = 0; j < a->ncomments; j++)
		ka_waiver_free(&a->comments[j]);
	free(a->comments);
	a->comments = NULL;
	a->ncomments = 0;
	free(a->source);
	free(a->list_kind);
	free(a->list_api);
	a->source = a->list_kind = a->list_api = NULL;
	a->listing = false;
}

static void close_input(struct ka_auditor *a)
{
	drop_document(a);
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

static struct ka_waive waive_of(struct ka_auditor *a, struct ka_ctx *ctx)
{
	struct ka_waive w = {.ctx = ctx,
			     .today = a->s->today,
			     .enabled = a->s->enabled,
			     .comments = a->comments,
			     .ncomments = a->ncomments};

	return w;
}

bool ka_auditor_oom(const struct ka_auditor *a)
{
	return a->out.oom;
}

int ka_auditor_open(struct ka_auditor *a, const struct ka_settings *s,
		    struct ka_input *in, size_t idx, int fd)
{
	struct stat st;

	close_input(a);
	a->s = s;
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
	ka_stream_watch(&a->stream, KA_COMMENT_MARK);
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

static int audit_pod(void *ud, const struct ka_pod *pod)
{
	struct ka_auditor *a = ud;
	struct ka_ctx ctx = {.out = &a->out,
			     .policy = &a->s->policy,
			     .params = a->s->params,
			     .input = a->idx,
			     .pins = a->s->pins,
			     .fixes = a->s->fixes,
			     .pod = pod};
	size_t first = a->out.n;

	/* A Helm render: no fix edits it (its leading comments name it). */
	if (!a->source && a->chunk.len)
		a->source = ka_helm_source(a->chunk.buf, a->chunk.len);
	ctx.rendered = a->source != NULL;
	if (pod->whole_object) {
		for (size_t i = 0; i < ka_registry_len; i++)
			if (a->s->enabled[i] && ka_registry[i]->run_object)
				ka_registry[i]->run_object(&ctx, pod);
		if (a->out.n > first) {
			struct ka_waive w = waive_of(a, &ctx);

			ka_waive_pod(&w, pod, first);
		}
		return a->out.oom ? -1 : 0;
	}
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
	struct ka_waive w = waive_of(a, &ctx);

	ka_waive_pod(&w, pod, first);
	return a->out.oom ? -1 : 0;
}

static void report_dups(struct ka_auditor *a, const struct ka_yaml_dup *dups)
{
	static const char fmt[] = "duplicate key '%s' (first at line %u); "
				  "kubectl uses the last value";

	for (const struct ka_yaml_dup *d = dups; d; d = d->next) {
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

static void refuse(struct ka_auditor *a, const struct ka_error *err)
{
	unsigned line = err->line, col = err->col;

	ka_document_place(&a->chunk, &line, &col);
	add(a, &ka_check_yaml_syntax, line, col, line, col, err->msg);
}

static int start_items(struct ka_auditor *a, const struct ka_chunk *c);

/* Audit a whole tree (anything but a list read one item at a time). */
static void audit_tree(struct ka_auditor *a)
{
	struct ka_error err = {.msg = ""};
	const struct ka_node *root = a->parsed.root;
	int r;

	report_dups(a, a->parsed.dups);
	r = a->parsed.unsupported && ka_document_unsupported(root, &err) < 0
		? KA_DOCUMENT_REFUSED
		: ka_workload_each(&a->arena, root, audit_pod, a, &err);
	if (r == KA_DOCUMENT_REFUSED)
		refuse(a, &err);
	else if (r < 0)
		a->out.oom = true;
}

/*
 * Read the document, judging a list's items one at a time (pass one),
 * and, when the list is one kubectl accepts, start handing its items out
 * (pass two, one per ka_auditor_next). Anything else is read whole.
 */
static void parse_and_check(struct ka_auditor *a, const struct ka_chunk *c)
{
	struct ka_error err = {.msg = ""};
	struct ka_items_verdict v;
	struct ka_node *item;
	int r = ka_yaml_begin(a->yaml, &a->arena, c, &a->parsed, KA_YAML_ITEMS);

	memset(&v, 0, sizeof(v));
	while (r >= 0 && (r = ka_yaml_next(a->yaml, &item)) == 1)
		ka_document_item_check(&v, item, a->parsed.unsupported);
	if (r == 0 && v.n &&
	    ka_document_items_verdict(&v, a->parsed.root, a->parsed.unsupported,
				      &err) == KA_DOCUMENT_REFUSED)
		r = KA_YAML_UNSTREAMABLE; /* read it whole, to say so */
	if (r == KA_YAML_UNSTREAMABLE) {
		ka_arena_reset(&a->arena);
		v.n = 0;
		r = ka_yaml_begin(a->yaml, &a->arena, c, &a->parsed,
				  KA_YAML_TREE);
		if (r == 0)
			r = ka_yaml_next(a->yaml, &item);
	}
	if (r < 0 && a->parsed.oom) {
		a->out.oom = true; /* no finding: the report says so */
	} else if (r < 0) {
		a->in->documents++;
		a->manifest |=
		    ka_document_looks_like_manifest(c, a->parsed.err.line);
		refuse(a, &a->parsed.err);
	} else if (a->parsed.root && !ka_node_is_null(a->parsed.root)) {
		a->manifest |= ka_map_get(a->parsed.root, "apiVersion") &&
			       ka_map_get(a->parsed.root, "kind");
		a->in->documents++;
		if (!v.n) {
			audit_tree(a);
		} else if (start_items(a, c) < 0) {
			a->out.oom = true;
		} else {
			return; /* the arena holds the list's root */
		}
	}
	ka_arena_reset(&a->arena);
}

/* Pass two: the list's root is read again, its items handed out. */
static int start_items(struct ka_auditor *a, const struct ka_chunk *c)
{
	const char *kind = ka_get_str(a->parsed.root, "kind", NULL);
	const char *api = ka_get_str(a->parsed.root, "apiVersion", NULL);

	if ((kind && !(a->list_kind = strdup(kind))) ||
	    (api && !(a->list_api = strdup(api))))
		return -1;
	ka_arena_reset(&a->arena);
	if (ka_yaml_begin(a->yaml, &a->arena, c, &a->parsed, KA_YAML_ITEMS) < 0)
		return -1;
	a->listing = true;
	a->item = 0;
	return 0;
}

/* Audit the list's next item: false when the list is done. */
static bool next_item(struct ka_auditor *a)
{
	struct ka_node *item;
	struct ka_object o;
	int r = ka_yaml_next(a->yaml, &item);

	if (r == 1) {
		if (ka_document_item(&a->arena, item, a->item++, a->list_kind,
				     a->list_api, &o) < 0 ||
		    ka_workload_object(&a->arena, &o, audit_pod, a) < 0)
			a->out.oom = true;
		report_dups(a, a->parsed.item_dups);
		return true;
	}
	if (r < 0 && a->parsed.oom)
		a->out.oom = true;
	else if (r < 0) /* read the same way twice: cannot happen */
		refuse(a, &a->parsed.err);
	else
		report_dups(a, a->parsed.dups);
	a->listing = false;
	return false;
}

/* A document's start: its comment waivers, and what can be read. */
static void begin_chunk(struct ka_auditor *a)
{
	const struct ka_chunk *c = &a->chunk;
	char msg[128];

	ka_fixdoc_reset(&a->fixdoc, c);
	if (c->watched) { /* KA_COMMENT_MARK */
		a->comments = ka_waiver_scan(c->buf, c->len, c->first_line,
					     &a->ncomments);
		if (c->mapped)
			ka_spill_release(c->buf, c->len);
	}
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
}

/*
 * Findings made since a->first: waived by comments on their lines (at the
 * document's last batch, the comments' problems added), given their
 * configured level, document number and Helm template, and settled.
 */
static void finish_batch(struct ka_auditor *a, bool last)
{
	struct ka_ctx ctx = {
	    .out = &a->out, .policy = &a->s->policy, .input = a->idx};
	struct ka_waive w = waive_of(a, &ctx);
	const struct ka_chunk *c = &a->chunk;

	ka_waive_lines(&w, a->first);
	if (last)
		ka_waive_problems(&w);

	/* Helm renders name their template: every finding carries it. */
	if (c->len && a->out.n > a->first && !a->source)
		a->source = ka_helm_source(c->buf, c->len);
	for (size_t i = a->first; i < a->out.n; i++) {
		struct ka_finding *f = &a->out.v[i];
		int l = a->s->levels ? a->s->levels[ka_registry_index(f->check)]
				     : -1;

		if (l >= 0)
			f->level = (enum ka_level)l;
		f->doc = a->doc;
		if (a->source && !(f->source = strdup(a->source)))
			a->out.oom = true;
	}
	if (a->s->fix_edits && !a->source &&
	    ka_fixdoc_edits(&a->fixdoc, c, a->out.v + a->first,
			    a->out.n - a->first) < 0)
		a->out.oom = true;
	ka_findings_settle(&a->out, a->first);
}

/* A document's end: its separator, its waivers' problems. */
static void end_chunk(struct ka_auditor *a)
{
	if (a->chunk.bad_separator_line)
		add(a, &ka_check_yaml_syntax, a->chunk.bad_separator_line, 4,
		    a->chunk.bad_separator_line, 4,
		    "invalid document separator: only spaces or a comment may "
		    "follow '---' (kubectl refuses the stream here)");
	finish_batch(a, true);
	drop_document(a);
	a->doc++;
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

/* A template named on its own reads only its documents of the render. */
static bool own_chunk(const struct ka_auditor *a)
{
	char *source;
	const char *in_chart;
	bool mine;

	if (!a->in->only)
		return true;
	source = ka_helm_source(a->chunk.buf, a->chunk.len);
	in_chart = ka_helm_source_in_chart(source);
	mine = in_chart && strcmp(in_chart, a->in->only) == 0;
	free(source);
	return mine;
}

int ka_auditor_next(struct ka_auditor *a, struct ka_finding **f, size_t *n)
{
	int r = 0;

	if (!a->open)
		return 0;
	if (!holding(a))
		a->out.n = 0; /* the caller took the last batch of findings */
	while (!a->out.oom) {
		a->first = a->out.n;
		if (a->listing) {
			if (next_item(a))
				finish_batch(a, false);
			else
				end_chunk(a);
		} else if ((r = ka_stream_next(&a->stream, &a->chunk)) > 0) {
			if (!own_chunk(a))
				continue;
			begin_chunk(a);
			if (a->listing)
				finish_batch(a, false);
			else
				end_chunk(a);
		} else {
			break;
		}
		if (a->out.n && !holding(a)) {
			*f = a->out.v;
			*n = a->out.n;
			return 1;
		}
	}
	end_input(a, r);
	return 0;
}
