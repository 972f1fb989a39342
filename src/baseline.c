/* Baselines: see kaudit/baseline.h. */
#include "kaudit/baseline.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/jsonw.h"
#include "kaudit/path.h"
#include "kaudit/utf16.h"

#define MAX_BYTES ((size_t)1 << 30)
#define MAX_FIELD 4096 /* bytes of a string read from a record */

static const char SARIF_KEY[] = "\"kauditIdentity/v1\": \"";
static const char JSON_KEY[] = "\"fingerprint\": \"";
static const char SARIF_START[] = "{\"ruleId\": \"";

static size_t slot(const struct ka_baseline *b, uint64_t h, uint32_t o)
{
	size_t i = (size_t)((h ^ ((uint64_t)o * 0x9e3779b97f4a7c15ULL)) &
			    (b->cap - 1));

	while (b->slot[i] && (b->v[b->slot[i] - 1].hash != h ||
			      b->v[b->slot[i] - 1].occ != o))
		i = (i + 1) & (b->cap - 1);
	return i;
}

static int grow(struct ka_baseline *b)
{
	size_t cap = b->cap ? b->cap * 2 : 1024;
	uint32_t *s = calloc(cap, sizeof(*s));

	if (!s)
		return -1;
	free(b->slot);
	b->slot = s;
	b->cap = cap;
	for (size_t k = 0; k < b->n; k++)
		b->slot[slot(b, b->v[k].hash, b->v[k].occ)] = (uint32_t)k + 1;
	return 0;
}

static int add(struct ka_baseline *b, const struct ka_baseline_entry *e)
{
	size_t i;

	if (b->n >= 0xfffffff0u)
		return -1;
	if ((b->n + 1) * 2 > b->cap && grow(b) < 0)
		return -1;
	i = slot(b, e->hash, e->occ);
	if (b->slot[i])
		return 0;
	if (b->n == b->capv) {
		size_t capv = b->capv ? b->capv * 2 : 256;
		struct ka_baseline_entry *v = realloc(b->v, capv * sizeof(*v));

		if (!v)
			return -1;
		b->v = v;
		b->capv = capv;
	}
	b->v[b->n++] = *e;
	b->slot[i] = (uint32_t)b->n;
	return 0;
}

/* The value after `"KEY": "` at p, when it reads HEX:N. */
static bool value(const char *p, const char *end, uint64_t *h, uint32_t *o)
{
	char *e;
	unsigned long long hv;
	unsigned long ov;

	if (end - p < 3 ||
	    !((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
		return false;
	hv = strtoull(p, &e, 16);
	if (e >= end || *e != ':' || e - p > 16)
		return false;
	ov = strtoul(e + 1, &e, 10);
	if (e >= end || *e != '"' || ov == 0 || ov > 0xffffffffUL)
		return false;
	*h = (uint64_t)hv;
	*o = (uint32_t)ov;
	return true;
}

/*
 * The record of the identity whose key starts at p: a JSON report's or
 * --write-baseline's line, or a SARIF result from its ruleId to p (the
 * last SARIF_START in [*from, p); *from moves to p, so each byte is
 * searched once).
 */
static void record(const char *text, const char *end, const char *p, bool sarif,
		   const char **from, struct ka_baseline_entry *e)
{
	const char *s = p, *q;

	if (sarif) {
		for (q = *from; (q = memmem(q, (size_t)(p - q), SARIF_START,
					    strlen(SARIF_START)));
		     q++)
			s = q;
		*from = p;
		e->start = (size_t)(s - text);
		e->end = (size_t)(p - text);
		return;
	}
	while (s > text && s[-1] != '\n')
		s--;
	q = memchr(p, '\n', (size_t)(end - p));
	e->start = (size_t)(s - text);
	e->end = (size_t)((q ? q : end) - text);
}

int ka_baseline_load(struct ka_baseline *b, const char *path, const char **why)
{
	static const char *const keys[] = {SARIF_KEY, JSON_KEY};

	memset(b, 0, sizeof(*b));
	b->text = ka_path_read(path, &b->len);
	if (!b->text || b->len > MAX_BYTES) {
		ka_baseline_free(b);
		*why = "cannot read it";
		return -1;
	}
	for (size_t k = 0; k < 2; k++) {
		const char *end = b->text + b->len, *from = b->text;

		for (const char *p = b->text;
		     (p = memmem(p, (size_t)(end - p), keys[k],
				 strlen(keys[k])));) {
			struct ka_baseline_entry e = {.sarif = k == 0};

			record(b->text, end, p, k == 0, &from, &e);
			p += strlen(keys[k]);
			if (value(p, end, &e.hash, &e.occ) && add(b, &e) < 0) {
				ka_baseline_free(b);
				*why = "out of memory";
				return -1;
			}
		}
	}
	if (!b->n) {
		ka_baseline_free(b);
		*why = "it holds no kaudit identity (a kaudit JSON report, "
		       "SARIF log or --write-baseline file)";
		return -1;
	}
	return 0;
}

bool ka_baseline_has(struct ka_baseline *b, uint64_t hash, unsigned occ)
{
	size_t i;

	if (!b->cap || !occ)
		return false;
	i = slot(b, hash, occ);
	if (!b->slot[i])
		return false;
	b->v[b->slot[i] - 1].seen = true;
	return true;
}

size_t ka_baseline_gone(const struct ka_baseline *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->n; i++)
		n += !b->v[i].seen;
	return n;
}

/* The JSON string whose body starts at p, decoded (at most MAX_FIELD
 * bytes), or NULL when it does not end before end or memory runs out. */
static char *jstring(const char *p, const char *end, bool *oom)
{
	char *out = malloc(MAX_FIELD + 8);
	size_t o = 0;

	if (!out) {
		*oom = true;
		return NULL;
	}
	for (; p < end && *p != '"' && o < MAX_FIELD; p++) {
		long cp;
		size_t used;

		if (*p != '\\') {
			out[o++] = *p;
			continue;
		}
		if (++p >= end)
			break;
		switch (*p) {
		case 'n':
			out[o++] = '\n';
			continue;
		case 't':
			out[o++] = '\t';
			continue;
		case 'r':
			out[o++] = '\r';
			continue;
		case 'b':
			out[o++] = '\b';
			continue;
		case 'f':
			out[o++] = '\f';
			continue;
		case 'u':
			break;
		default:
			out[o++] = *p;
			continue;
		}
		if ((cp = ka_json_unicode(p - 1, end, &used)) < 0)
			break;
		p += used - 2; /* onto the escape's last byte */
		o += ka_utf8_put(out + o, (uint32_t)cp);
	}
	if (p >= end || (*p != '"' && o < MAX_FIELD)) {
		free(out);
		return NULL;
	}
	out[o] = '\0';
	return out;
}

/* Where `"KEY": ` is first in [s, end): just past it, or NULL. */
static const char *after(const char *s, const char *end, const char *key)
{
	char k[32];
	int n = snprintf(k, sizeof(k), "\"%s\": ", key);
	const char *p = memmem(s, (size_t)(end - s), k, (size_t)n);

	return p ? p + n : NULL;
}

static char *string_field(const char *s, const char *end, const char *key,
			  bool *oom)
{
	const char *p = after(s, end, key);

	return p && p < end && *p == '"' ? jstring(p + 1, end, oom) : NULL;
}

static unsigned number_field(const char *s, const char *end, const char *key)
{
	const char *p = after(s, end, key);
	unsigned long v = 0;

	for (; p && p < end && *p >= '0' && *p <= '9' && v < 100000000; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	return (unsigned)v;
}

bool ka_baseline_next_gone(const struct ka_baseline *b, size_t *pos,
			   struct ka_baseline_said *s, bool *oom)
{
	const struct ka_baseline_entry *e;
	const char *r, *end;
	bool sarif;

	memset(s, 0, sizeof(*s));
	while (*pos < b->n && b->v[*pos].seen)
		(*pos)++;
	if (*pos >= b->n)
		return false;
	e = &b->v[(*pos)++];
	r = b->text + e->start;
	end = b->text + e->end;
	sarif = s->sarif = e->sarif;
	s->hash = e->hash;
	s->occ = e->occ;
	s->check = string_field(r, end, sarif ? "ruleId" : "id", oom);
	s->level = string_field(r, end, "level", oom);
	s->message = string_field(r, end, sarif ? "text" : "message", oom);
	s->path = string_field(r, end, sarif ? "uri" : "path", oom);
	if (sarif)
		s->line_hash =
		    string_field(r, end, "primaryLocationLineHash", oom);
	s->line = number_field(r, end, sarif ? "startLine" : "line");
	s->col = number_field(r, end, sarif ? "startColumn" : "column");
	s->end_line = number_field(r, end, sarif ? "endLine" : "end_line");
	s->end_col = number_field(r, end, sarif ? "endColumn" : "end_column");
	return true;
}

void ka_baseline_said_free(struct ka_baseline_said *s)
{
	free(s->check);
	free(s->level);
	free(s->message);
	free(s->path);
	free(s->line_hash);
	memset(s, 0, sizeof(*s));
}

void ka_baseline_free(struct ka_baseline *b)
{
	free(b->v);
	free(b->slot);
	free(b->text);
	memset(b, 0, sizeof(*b));
}
