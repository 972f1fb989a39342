/* Decisions across objects: see kaudit/facts.h. */
#include "kaudit/facts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/strhash.h"

/* One key: its last value, and every value (selectors). */
struct ka_fact_entry {
	char *key;
	char **vals;
	size_t *lens;
	size_t n, cap;
};

void ka_report_fact(struct ka_ctx *ctx, const struct ka_check *check,
		    const struct ka_node *at, const char *key, const char *data,
		    size_t len)
{
	/* The message is the key: two facts at one place stay two. */
	ka_report(ctx, check, NULL, at, "", "%s", key);
	ka_report_when(ctx, KA_FACT, key, data, len);
}

void ka_report_when(struct ka_ctx *ctx, enum ka_cond cond, const char *key,
		    const char *data, size_t len)
{
	struct ka_finding *f;

	if (!ctx->last_ok)
		return;
	f = &ctx->out->v[ctx->out->n - 1];
	f->cond = (unsigned char)cond;
	f->cond_key = strdup(key);
	f->cond_data = malloc(len + 1);
	if (!f->cond_key || !f->cond_data) {
		ctx->out->oom = true;
		return;
	}
	memcpy(f->cond_data, data, len);
	f->cond_data[len] = '\0';
	f->cond_len = len;
}

int ka_facts_encode(char **buf, size_t *len, const char *s, size_t n)
{
	char head[32];
	int h = snprintf(head, sizeof(head), "%zu:", n);
	char *b = realloc(*buf, *len + (size_t)h + n + 1);

	if (!b)
		return -1;
	memcpy(b + *len, head, (size_t)h);
	memcpy(b + *len + h, s, n);
	*len += (size_t)h + n;
	b[*len] = '\0';
	*buf = b;
	return 0;
}

bool ka_facts_decode(const char *buf, size_t len, size_t *pos, const char **s,
		     size_t *n)
{
	size_t p = *pos, v = 0;

	if (p >= len || buf[p] < '0' || buf[p] > '9')
		return false;
	while (p < len && buf[p] >= '0' && buf[p] <= '9' && v < len)
		v = v * 10 + (size_t)(buf[p++] - '0');
	if (p >= len || buf[p] != ':' || v > len - p - 1)
		return false;
	*s = buf + p + 1;
	*n = v;
	*pos = p + 1 + v;
	return true;
}

static struct ka_fact_entry *find(const struct ka_facts *fs, const char *key)
{
	size_t i;

	if (!fs->cap)
		return NULL;
	for (i = ka_str_hash(key) & (fs->cap - 1); fs->v[i].key;
	     i = (i + 1) & (fs->cap - 1))
		if (strcmp(fs->v[i].key, key) == 0)
			return &fs->v[i];
	return &fs->v[i];
}

static int grow(struct ka_facts *fs)
{
	struct ka_facts g = *fs;

	g.cap = fs->cap ? fs->cap * 2 : 64;
	if (!(g.v = calloc(g.cap, sizeof(*g.v))))
		return -1;
	for (size_t i = 0; i < fs->cap; i++)
		if (fs->v[i].key)
			*find(&g, fs->v[i].key) = fs->v[i];
	free(fs->v);
	fs->v = g.v;
	fs->cap = g.cap;
	return 0;
}

void ka_facts_add(struct ka_facts *fs, const struct ka_finding *f)
{
	struct ka_fact_entry *e;

	if (!f->cond_key || ((fs->n + 1) * 2 > fs->cap && grow(fs) < 0)) {
		fs->oom = true;
		return;
	}
	e = find(fs, f->cond_key);
	if (!e->key) {
		if (!(e->key = strdup(f->cond_key))) {
			fs->oom = true;
			return;
		}
		fs->n++;
	}
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 2;
		char **v = realloc(e->vals, cap * sizeof(*v));
		size_t *l;

		if (v)
			e->vals = v;
		l = v ? realloc(e->lens, cap * sizeof(*l)) : NULL;
		if (!l) {
			fs->oom = true;
			return;
		}
		e->lens = l;
		e->cap = cap;
	}
	if (!(e->vals[e->n] = malloc(f->cond_len + 1))) {
		fs->oom = true;
		return;
	}
	memcpy(e->vals[e->n], f->cond_data, f->cond_len + 1);
	e->lens[e->n++] = f->cond_len;
}

/* The value of label key[0..n) in labels (encoded pairs), or NULL. */
static const char *label(const char *labels, size_t len, const char *key,
			 size_t n, size_t *vn)
{
	size_t pos = 0, kn;
	const char *k, *v;

	while (ka_facts_decode(labels, len, &pos, &k, &kn) &&
	       ka_facts_decode(labels, len, &pos, &v, vn))
		if (kn == n && memcmp(k, key, n) == 0)
			return v;
	return NULL;
}

/*
 * Whether the selector sel (its policy's name, then requirements:
 * operator, key, count, values; "!" for one the API refuses) selects the
 * labels, as labels.Selector.Matches does: every requirement holds.
 */
static bool selects(const char *sel, size_t slen, const char *labels,
		    size_t llen)
{
	size_t pos = 0;
	const char *op, *key, *cnt;
	size_t opn, keyn, cntn;

	if (!ka_facts_decode(sel, slen, &pos, &op, &opn) ||
	    (slen - pos == 3 && memcmp(sel + pos, "1:!", 3) == 0))
		return false;
	while (ka_facts_decode(sel, slen, &pos, &op, &opn) &&
	       ka_facts_decode(sel, slen, &pos, &key, &keyn) &&
	       ka_facts_decode(sel, slen, &pos, &cnt, &cntn)) {
		size_t vn, k = 0;
		const char *v = label(labels, llen, key, keyn, &vn);
		bool in = false;

		for (size_t i = 0; i < cntn && k <= slen; i++)
			k = k * 10 + (size_t)(cnt[i] - '0');

		for (size_t i = 0; i < k; i++) {
			const char *w;
			size_t wn;

			if (!ka_facts_decode(sel, slen, &pos, &w, &wn))
				return false;
			in |= v && wn == vn && memcmp(v, w, vn) == 0;
		}
		if ((opn == 2 && memcmp(op, "In", 2) == 0 && !in) ||
		    (opn == 5 && memcmp(op, "NotIn", 5) == 0 && in) ||
		    (opn == 6 && memcmp(op, "Exists", 6) == 0 && !v) ||
		    (opn == 12 && memcmp(op, "DoesNotExist", 12) == 0 && v))
			return false;
	}
	return pos == slen;
}

int ka_facts_decide(const struct ka_facts *fs, const struct ka_finding *f,
		    bool final)
{
	const struct ka_fact_entry *e = find(fs, f->cond_key);
	bool known = e && e->key;
	bool yes = known && e->lens[e->n - 1] == 3 &&
		   memcmp(e->vals[e->n - 1], "yes", 3) == 0;

	switch ((enum ka_cond)f->cond) {
	case KA_COND_UNLESS_YES:
		return known ? !yes : final ? 1 : -1;
	case KA_COND_IF_YES:
		return known ? yes : final ? 0 : -1;
	case KA_COND_UNSELECTED:
		if (!final)
			return -1;
		for (size_t i = 0; known && i < e->n; i++)
			if (selects(e->vals[i], e->lens[i], f->cond_data,
				    f->cond_len))
				return 0;
		return 1;
	default:
		return 1;
	}
}

void ka_facts_note(struct ka_facts *fs, struct ka_finding *f)
{
	const struct ka_fact_entry *e;
	char names[512] = "", tail[600];
	size_t used = 0, n;

	if (f->cond != KA_COND_UNSELECTED)
		return;
	e = find(fs, f->cond_key);
	for (size_t i = 0; e && e->key && i < e->n && used < 60; i++) {
		const char *s;
		size_t pos = 0;

		if (ka_facts_decode(e->vals[i], e->lens[i], &pos, &s, &n))
			used += (size_t)snprintf(
			    names + used, sizeof(names) - used, "%s'%.*s'",
			    i ? ", " : "", (int)(n > 40 ? 40 : n), s);
	}
	if (e && e->key)
		snprintf(tail, sizeof(tail), " (considered: %s%s)", names,
			 used >= 60 ? ", ..." : "");
	else
		snprintf(tail, sizeof(tail),
			 " (the scan has none in its namespace)");
	if (ka_finding_retext(
		f, (const char *const[]){f->message, tail, NULL}) < 0)
		fs->oom = true;
}

void ka_facts_hold(struct ka_facts *fs, struct ka_finding *f)
{
	if (fs->nheld == fs->capheld) {
		size_t cap = fs->capheld ? fs->capheld * 2 : 64;
		struct ka_finding *v = realloc(fs->held, cap * sizeof(*v));

		if (!v) {
			fs->oom = true;
			ka_finding_free(f);
			return;
		}
		fs->held = v;
		fs->capheld = cap;
	}
	fs->held[fs->nheld++] = *f;
}

void ka_facts_free(struct ka_facts *fs)
{
	for (size_t i = 0; i < fs->cap; i++) {
		struct ka_fact_entry *e = &fs->v[i];

		for (size_t k = 0; k < e->n; k++)
			free(e->vals[k]);
		free(e->vals);
		free(e->lens);
		free(e->key);
	}
	for (size_t i = 0; i < fs->nheld; i++)
		ka_finding_free(&fs->held[i]);
	free(fs->v);
	free(fs->held);
	memset(fs, 0, sizeof(*fs));
}
