/*
 * A document's waivers applied to its findings. See kaudit/waive.h.
 */
#include "kaudit/waive.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/error.h"

/* What is wrong with a waiver, as a finding: invalid, expired or unused. */
static void waiver_problem(const struct ka_waive *wv, const struct ka_waiver *w,
			   const struct ka_node *at, const char *what)
{
	char msg[1024];
	const struct ka_check *check = ka_waiver_problem(
	    w, wv->today, wv->enabled, what, msg, sizeof(msg));

	if (!check)
		return;
	if (at)
		ka_report(wv->ctx, check, NULL, at, "metadata.annotations",
			  "%s", msg);
	else
		ka_findings_add(wv->ctx->out, check, wv->ctx->input, w->line,
				w->col, w->end_line, w->end_col, msg);
}

struct annotations {
	struct ka_findings *out;
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
		an->out->oom = true;
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
static struct annotations *pod_annotations(struct ka_findings *out,
					   const struct ka_pod *pod)
{
	struct annotations *an;

	/* Most pods have none: look before allocating. */
	if (!has_waiver_annotation(pod->meta) &&
	    !(pod->template_meta && has_waiver_annotation(pod->template_meta)))
		return NULL;
	an = calloc(1, sizeof(*an));
	if (!an) {
		out->oom = true;
		return NULL;
	}
	an->out = out;
	ka_map_foreach(ka_map_get(pod->meta, "annotations"), annotation, an);
	if (pod->template_meta && pod->template_meta != pod->meta)
		ka_map_foreach(ka_map_get(pod->template_meta, "annotations"),
			       annotation, an);
	return an;
}

/* The index of the comment waiver on line (comments are in line order, at
 * most one a line), or -1. */
static long comment_at(const struct ka_waive *wv, unsigned line)
{
	size_t lo = 0, hi = wv->ncomments;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (wv->comments[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < wv->ncomments && wv->comments[lo].line == line ? (long)lo
								   : -1;
}

/* Of the comment on line, keep it in *best when it waives f and comes
 * before *best (the first matching comment of the document wins). */
static void consider(const struct ka_waive *wv, unsigned line,
		     const struct ka_finding *f, long *best)
{
	long j = line ? comment_at(wv, line) : -1;

	if (j >= 0 && (*best < 0 || j < *best) &&
	    ka_waiver_matches(&wv->comments[j], f, NULL, wv->today))
		*best = j;
}

struct named_line {
	const char *name;
	unsigned line;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named_line *)a)->name,
		      ((const struct named_line *)b)->name);
}

static void waive(const struct ka_waive *wv, struct ka_waiver *w,
		  struct ka_finding *f)
{
	if (ka_waiver_apply(w, f) < 0)
		wv->ctx->out->oom = true;
}

/*
 * A comment on the line of `metadata:` covers the resource; one on a
 * container's first line covers that container. Each finding looks up
 * its candidate lines (containers by name, sorted once per pod), so the
 * work is findings x log(comments), whatever the pod's size.
 */
static void waive_by_comments(const struct ka_waive *wv,
			      const struct ka_pod *pod, size_t first)
{
	struct ka_findings *out = wv->ctx->out;
	struct named_line *c = NULL;

	if (!wv->ncomments || first >= out->n)
		return;
	if (pod->ncontainers && !(c = malloc(pod->ncontainers * sizeof(*c)))) {
		out->oom = true;
		return;
	}
	for (size_t k = 0; k < pod->ncontainers; k++)
		c[k] = (struct named_line){pod->containers[k].name,
					   pod->containers[k].node->line};
	if (c)
		qsort(c, pod->ncontainers, sizeof(*c), by_name);
	for (size_t i = first; i < out->n; i++) {
		struct ka_finding *f = &out->v[i];
		struct named_line key = {f->container, 0}, *at;
		long best = -1;

		if (f->waiver)
			continue;
		if (pod->meta_key)
			consider(wv, pod->meta_key->line, f, &best);
		if (pod->template_meta_key)
			consider(wv, pod->template_meta_key->line, f, &best);
		at = c && f->container && *f->container
			 ? bsearch(&key, c, pod->ncontainers, sizeof(*c),
				   by_name)
			 : NULL;
		/* Every container of that name (a hostile pod repeats it). */
		while (at && at > c && strcmp(at[-1].name, f->container) == 0)
			at--;
		for (; at && at < c + pod->ncontainers &&
		       strcmp(at->name, f->container) == 0;
		     at++)
			consider(wv, at->line, f, &best);
		if (best >= 0)
			waive(wv, &wv->comments[best], f);
	}
	free(c);
}

void ka_waive_pod(const struct ka_waive *wv, const struct ka_pod *pod,
		  size_t first)
{
	struct ka_findings *out = wv->ctx->out;
	struct annotations *an = pod_annotations(out, pod);
	size_t nan = an ? an->n : 0;

	for (size_t i = first; i < out->n && nan; i++) {
		struct ka_finding *f = &out->v[i];

		for (size_t j = 0; j < nan && !f->waiver; j++)
			if (ka_waiver_matches(&an->v[j], f, NULL, wv->today))
				waive(wv, &an->v[j], f);
	}
	waive_by_comments(wv, pod, first);
	for (size_t j = 0; j < nan; j++) {
		char what[300];

		ka_format(what, sizeof(what), "waiver annotation %s",
			  an->keys[j]->u.s.key);
		waiver_problem(wv, &an->v[j], an->keys[j], what);
		ka_waiver_free(&an->v[j]);
	}
	free(an);
}

void ka_waive_lines(const struct ka_waive *wv, size_t first)
{
	struct ka_findings *out = wv->ctx->out;

	for (size_t i = first; i < out->n && wv->ncomments; i++) {
		struct ka_finding *f = &out->v[i];
		long best = -1;

		if (f->waiver)
			continue;
		/* On the finding's line or the one above, or on (or
		 * above) the line of a node it involves (f->related). */
		consider(wv, f->line, f, &best);
		consider(wv, f->line - 1, f, &best);
		for (size_t r = 0; r < f->nrelated; r++) {
			consider(wv, f->related[r].line, f, &best);
			consider(wv, f->related[r].line - 1, f, &best);
		}
		if (best >= 0)
			waive(wv, &wv->comments[best], f);
	}
}

void ka_waive_problems(const struct ka_waive *wv)
{
	for (size_t j = 0; j < wv->ncomments; j++)
		waiver_problem(wv, &wv->comments[j], NULL, "waiver comment");
}
