/*
 * Findings: how a check's report becomes a finding with its position, its
 * identity (kind, namespace, name, container, field path) and its text.
 */
#include "kaudit/findings.h"
#include "kaudit/fix.h"
#include "kaudit/ident.h"
#include "kaudit/usesite.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ka_finding_free(struct ka_finding *f)
{
	/* message, kind, ns, name, container and field share one block. */
	free(f->message);
	free(f->psa_message);
	free(f->reason);
	free(f->source);
	free(f->tmpl_path);
	free(f->values_path);
	free(f->related);
	ka_fix_free(f->fix);
	if (f->edit)
		ka_edits_free(f->edit, 1);
	free(f->cond_key);
	free(f->cond_data);
}

void ka_findings_free(struct ka_findings *l)
{
	for (size_t i = 0; i < l->n; i++)
		ka_finding_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct ka_finding *new_finding(struct ka_findings *l)
{
	struct ka_finding *f;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct ka_finding *p = realloc(l->v, cap * sizeof(*p));

		if (!p) {
			l->oom = true;
			return NULL;
		}
		l->v = p;
		l->cap = cap;
	}
	f = &l->v[l->n];
	memset(f, 0, sizeof(*f));
	return f;
}

/*
 * Copy the strings a finding keeps into one allocation. Each is given as
 * parts to concatenate (a NULL part ends it), so the message and the
 * field path are built once, at their exact length.
 */
enum { MESSAGE, KIND, NS, NAME, CONTAINER, FIELD, IDENT, NSTRINGS };

static int pack_strings(struct ka_finding *f,
			const char *const *parts[NSTRINGS])
{
	char **dst[NSTRINGS] = {&f->message,   &f->kind,  &f->ns,   &f->name,
				&f->container, &f->field, &f->ident};
	size_t total = 0;
	char *block;

	for (int i = 0; i < NSTRINGS; i++) {
		for (const char *const *p = parts[i]; p && *p; p++)
			total += strlen(*p);
		total++;
	}
	block = malloc(total);
	if (!block)
		return -1;
	for (int i = 0; i < NSTRINGS; i++) {
		*dst[i] = block;
		for (const char *const *p = parts[i]; p && *p; p++) {
			size_t n = strlen(*p);

			memcpy(block, *p, n);
			block += n;
		}
		*block++ = '\0';
	}
	return 0;
}

static int commit(struct ka_findings *l, struct ka_finding *f, int packed)
{
	if (packed < 0) {
		l->oom = true;
		return -1;
	}
	f->level = f->check->level;
	l->n++;
	return 0;
}

int ka_findings_add(struct ka_findings *l, const struct ka_check *check,
		    size_t input, unsigned line, unsigned col,
		    unsigned end_line, unsigned end_col, const char *message)
{
	const char *const msg[] = {message, NULL};
	const char *const *parts[NSTRINGS] = {msg};
	struct ka_finding *f = new_finding(l);

	if (!f)
		return -1;
	f->check = check;
	f->input = input;
	f->line = line;
	f->col = col;
	f->end_line = end_line;
	f->end_col = end_col;
	return commit(l, f, pack_strings(f, parts));
}

static char *vformat(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));
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

/*
 * A block collection spans many lines; a region that large never shows as
 * a pull request annotation. Keep it to the first key.
 */
static void set_region(struct ka_finding *f, const struct ka_node *node)
{
	f->line = node->line;
	f->col = node->col;
	f->end_line = node->end_line;
	f->end_col = node->end_col;
	if (node->kind == KA_NODE_MAPPING && node->style == KA_STYLE_BLOCK &&
	    node->u.c.n) {
		f->end_line = node->u.c.v[0]->end_line;
		f->end_col = node->u.c.v[0]->end_col;
	} else if (node->kind == KA_NODE_SEQUENCE &&
		   node->style == KA_STYLE_BLOCK) {
		f->end_line = node->line;
		f->end_col = node->col + 1;
	}
}

/*
 * A finding's text is bounded: a hostile name of megabytes would make
 * every line of the report that long. Past the bound it is cut on a
 * character boundary and says so.
 */
#define MAX_TEXT 1023
#define CUT_MARK " ... (message truncated)"

static bool too_long(const char *const *parts)
{
	size_t n = 0;

	for (const char *const *p = parts; *p; p++)
		n += strlen(*p);
	return n > MAX_TEXT;
}

static char *truncated(const char *const *parts)
{
	size_t keep = MAX_TEXT - strlen(CUT_MARK), n = 0;
	char *s = malloc(MAX_TEXT + 1);

	if (!s)
		return NULL;
	for (const char *const *p = parts; *p && n < keep; p++) {
		size_t k = strlen(*p);

		if (k > keep - n)
			k = keep - n;
		memcpy(s + n, *p, k);
		n += k;
	}
	while (n && ((unsigned char)s[n - 1] & 0xc0) == 0x80)
		n--; /* a continuation byte: back to the character's start */
	if (n && (unsigned char)s[n - 1] >= 0xc0)
		n--;
	memcpy(s + n, CUT_MARK, sizeof(CUT_MARK));
	return s;
}

void ka_report(struct ka_ctx *ctx, const struct ka_check *check,
	       const struct ka_container *c, const struct ka_node *node,
	       const char *field, const char *fmt, ...)
{
	const struct ka_pod *pod = ctx->pod;
	struct ka_finding *f = new_finding(ctx->out);
	char index[32] = "", meaning[1024];
	char *msg;
	va_list ap;

	ctx->last_ok = false;
	if (!f)
		return;
	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	f->check = check;
	f->input = ctx->input;
	set_region(f, ka_use_site(pod, c, node));
	if (c && c->node) {
		const struct ka_node *at = c->sc_key ? c->sc_key : c->node;
		const struct ka_node *sc = ka_node_deref(c->sc);

		f->fix_line = at->line;
		f->fix_col = at->col;
		f->fix_has_sc = c->sc_key != NULL;
		f->fix_flow = c->sc_key ? sc && sc->style == KA_STYLE_FLOW
					: c->node->style == KA_STYLE_FLOW;
	}
	f->psa = ka_policy_psa_name(ctx->policy, check);
	if (c && !c->single)
		snprintf(index, sizeof(index), "[%zu]", c->index);
	ka_ident_path(c ? c->node : pod->spec, field, meaning, sizeof(meaning));
	{
		/* One grammar for every check: the subject, what is wrong,
		 * what to set ("container 'app' may run as root; set ..."). */
		/* The name, unless the finding sits on the container itself
		 * or its securityContext key (a field missing there: the
		 * name is at hand, and the fix-it note names it) or the
		 * message names its own subject. */
		bool subject = c && !check->own_subject;
		bool named = subject && node != c->node && node != c->sc_key;
		const char *const text[] = {subject ? "container " : "",
					    named ? "'" : "",
					    named ? c->name : "",
					    named ? "' " : "",
					    msg ? msg : "",
					    NULL};
		const char *const kind[] = {pod->kind, NULL};
		const char *const ns[] = {pod->ns, NULL};
		const char *const name[] = {pod->name, NULL};
		const char *const cname[] = {c ? c->name : "", NULL};
		const char *const path[] = {
		    pod->prefix,  pod->spec_path,
		    c ? "." : "", c ? c->list : "",
		    index,	  *field && (c || *pod->spec_path) ? "." : "",
		    field,	  NULL};
		/* Identity: the container by name, members by meaning. */
		const char *const ident[] = {
		    pod->spec_path,
		    c ? "." : "",
		    c ? c->list : "",
		    c && !c->single ? "[" : "",
		    c && !c->single ? (*c->name ? c->name : index + 1) : "",
		    c && !c->single ? "]" : "",
		    *field && (c || *pod->spec_path) ? "." : "",
		    meaning,
		    NULL};
		const char *const *parts[NSTRINGS] = {text,  kind, ns,	 name,
						      cname, path, ident};
		bool long_text = msg && too_long(text);
		char *cut = long_text ? truncated(text) : NULL;
		const char *cut_text[] = {cut, NULL};

		if (cut)
			parts[MESSAGE] = cut_text;
		ctx->last_ok =
		    commit(ctx->out, f,
			   msg && (!long_text || cut) ? pack_strings(f, parts)
						      : -1) == 0;
		free(cut);
	}
	free(msg);
}

int ka_finding_retext(struct ka_finding *f, const char *const *text)
{
	bool long_text = too_long(text);
	char *old = f->message, *cut = long_text ? truncated(text) : NULL;
	const char *const cut_text[] = {cut, NULL};
	const char *const kind[] = {f->kind, NULL}, *const ns[] = {f->ns, NULL};
	const char *const name[] = {f->name, NULL};
	const char *const cname[] = {f->container, NULL};
	const char *const field[] = {f->field, NULL};
	const char *const ident[] = {f->ident, NULL};
	const char *const *parts[NSTRINGS] = {
	    cut ? cut_text : text, kind, ns, name, cname, field, ident};
	int rc = long_text && !cut ? -1 : pack_strings(f, parts);

	free(cut);
	if (rc == 0)
		free(old); /* the old block, read while packing */
	return rc;
}

const char *ka_finding_titled(const struct ka_finding *f, char *buf,
			      size_t size)
{
	static const char unnamed[] = "container ";
	size_t n = sizeof(unnamed) - 1;

	if (!f->kind || !*f->kind)
		return f->message;
	/* Out of place, the container is named. */
	if (f->container && *f->container &&
	    strncmp(f->message, unnamed, n) == 0 && f->message[n] != '\'')
		snprintf(buf, size, "%s/%s: container '%s' %s", f->kind,
			 f->name, f->container, f->message + n);
	else
		snprintf(buf, size, "%s/%s: %s", f->kind, f->name, f->message);
	return buf;
}

void ka_report_psa(struct ka_ctx *ctx, const char *fmt, ...)
{
	struct ka_findings *l = ctx->out;
	struct ka_finding *f;
	va_list ap;

	if (!l->n || !ctx->last_ok)
		return;
	f = &l->v[l->n - 1];
	free(f->psa_message);
	va_start(ap, fmt);
	f->psa_message = vformat(fmt, ap);
	va_end(ap);
}

void ka_report_related(struct ka_ctx *ctx, const struct ka_node *node,
		       const char *what)
{
	struct ka_findings *l = ctx->out;
	struct ka_finding *f;
	struct ka_related *r;

	if (!l->n || !ctx->last_ok || !node)
		return;
	f = &l->v[l->n - 1];
	if (f->nrelated == 16)
		return;
	r = realloc(f->related, (f->nrelated + 1) * sizeof(*r));
	if (!r) {
		l->oom = true;
		return;
	}
	f->related = r;
	node = ka_use_site(ctx->pod, NULL, node);
	r[f->nrelated++] = (struct ka_related){
	    node->line, node->col, node->end_line, node->end_col, what};
}

char *const *ka_ctx_param(const struct ka_ctx *ctx, const char *key, size_t *n)
{
	static char *const none[1] = {NULL};

	for (const struct ka_param_value *p = ctx->params; p && p->key; p++)
		if (strcmp(p->key, key) == 0) {
			*n = p->n;
			return p->v;
		}
	*n = 0;
	return none;
}

static bool eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/*
 * One finding reported twice: the same check at the same place with the
 * same text, and for a resource's finding the same resource (kind,
 * namespace, name), container and field. Two Pods sharing one spec
 * through an alias keep a finding each.
 */
static bool same(const struct ka_finding *a, const struct ka_finding *b)
{
	return a->input == b->input && a->line == b->line && a->col == b->col &&
	       a->check == b->check && strcmp(a->message, b->message) == 0 &&
	       eq(a->kind, b->kind) && eq(a->ns, b->ns) &&
	       eq(a->name, b->name) && eq(a->container, b->container) &&
	       eq(a->field, b->field);
}

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
	c = strcmp(a->message, b->message);
	/* Then the resource: a deterministic order for twins. */
	if (!c)
		c = strcmp(a->ns ? a->ns : "", b->ns ? b->ns : "");
	if (!c)
		c = strcmp(a->field ? a->field : "", b->field ? b->field : "");
	if (!c)
		c = strcmp(a->kind ? a->kind : "", b->kind ? b->kind : "");
	if (!c)
		c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
	if (!c)
		c = strcmp(a->container ? a->container : "",
			   b->container ? b->container : "");
	return c;
}

void ka_findings_settle(struct ka_findings *l, size_t first)
{
	size_t out = first;

	if (l->n <= first)
		return;
	qsort(l->v + first, l->n - first, sizeof(*l->v), cmp_findings);
	for (size_t i = first; i < l->n; i++) {
		if (out > first && same(&l->v[out - 1], &l->v[i])) {
			ka_finding_free(&l->v[i]);
			continue;
		}
		l->v[out++] = l->v[i];
	}
	l->n = out;
}
