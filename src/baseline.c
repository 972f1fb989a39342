/* Baselines: see kaudit/baseline.h. */
#include "kaudit/baseline.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/path.h"

#define MAX_BYTES ((size_t)1 << 30)

static size_t slot(const struct ka_baseline *b, uint64_t h, uint32_t o)
{
	size_t i = (size_t)((h ^ ((uint64_t)o * 0x9e3779b97f4a7c15ULL)) &
			    (b->cap - 1));

	while (b->occ[i] && (b->hash[i] != h || b->occ[i] != o))
		i = (i + 1) & (b->cap - 1);
	return i;
}

static int add(struct ka_baseline *b, uint64_t h, uint32_t o)
{
	size_t i;

	if ((b->n + 1) * 2 > b->cap) {
		struct ka_baseline g = {0};

		g.cap = b->cap ? b->cap * 2 : 1024;
		g.hash = calloc(g.cap, sizeof(*g.hash));
		g.occ = calloc(g.cap, sizeof(*g.occ));
		g.seen = calloc(g.cap, sizeof(*g.seen));
		if (!g.hash || !g.occ || !g.seen) {
			ka_baseline_free(&g);
			return -1;
		}
		for (size_t k = 0; k < b->cap; k++)
			if (b->occ[k]) {
				size_t j = slot(&g, b->hash[k], b->occ[k]);

				g.hash[j] = b->hash[k];
				g.occ[j] = b->occ[k];
				g.n++;
			}
		ka_baseline_free(b);
		*b = g;
	}
	i = slot(b, h, o);
	if (!b->occ[i]) {
		b->hash[i] = h;
		b->occ[i] = o;
		b->n++;
	}
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

int ka_baseline_load(struct ka_baseline *b, const char *path, const char **why)
{
	static const char *const keys[] = {"\"kauditIdentity/v1\": \"",
					   "\"fingerprint\": \""};
	size_t len = 0;
	char *text = ka_path_read(path, &len);

	memset(b, 0, sizeof(*b));
	if (!text || len > MAX_BYTES) {
		free(text);
		*why = "cannot read it";
		return -1;
	}
	for (size_t k = 0; k < 2; k++) {
		const char *end = text + len;

		for (const char *p = text;
		     (p = memmem(p, (size_t)(end - p), keys[k],
				 strlen(keys[k])));) {
			uint64_t h;
			uint32_t o;

			p += strlen(keys[k]);
			if (value(p, end, &h, &o) && add(b, h, o) < 0) {
				free(text);
				*why = "out of memory";
				return -1;
			}
		}
	}
	free(text);
	if (!b->n) {
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
	if (!b->occ[i])
		return false;
	b->seen[i] = true;
	return true;
}

size_t ka_baseline_gone(const struct ka_baseline *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->cap; i++)
		n += b->occ[i] && !b->seen[i];
	return n;
}

void ka_baseline_free(struct ka_baseline *b)
{
	free(b->hash);
	free(b->occ);
	free(b->seen);
	memset(b, 0, sizeof(*b));
}
