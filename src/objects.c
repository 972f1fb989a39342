/*
 * --format objects: what kaudit read. Every object kubectl would create
 * from each input, one JSON line each, keys and values as decoded
 * (YAML 1.1 scalars, merges applied, the last of duplicate keys, aliases
 * followed), so that a test can compare it with kubectl's own reading.
 */
#include "kaudit/objects.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/arena.h"
#include "kaudit/jsonw.h"
#include "kaudit/stream.h"
#include "kaudit/workload.h"
#include "kaudit/yaml.h"

static void zeros(FILE *out, int n)
{
	while (n-- > 0)
		fputc('0', out);
}

/*
 * A float64 as Go's encoding/json writes it (kubectl's output): the
 * shortest digits that read back the same, fixed notation from 1e-6 up
 * to 1e21, else an exponent without leading zeros (1e+21, 1e-7).
 */
static void go_float(FILE *out, double f)
{
	char e[32], digits[20];
	int p = 1, exp, nd = 0;
	const char *x;

	/* -0 is integral: kubectl makes it the int64 0. */
	if (f == 0 || isnan(f) || isinf(f)) { /* inf, nan: refused before */
		fputc('0', out);
		return;
	}
	for (; p < 17; p++) {
		snprintf(e, sizeof(e), "%.*e", p - 1, f);
		if (strtod(e, NULL) == f)
			break;
	}
	snprintf(e, sizeof(e), "%.*e", p - 1, f);
	for (x = e; *x != 'e'; x++)
		if (*x >= '0' && *x <= '9')
			digits[nd++] = *x;
	exp = atoi(x + 1);
	if (f < 0)
		fputc('-', out);
	if (fabs(f) < 1e-6 || fabs(f) >= 1e21) {
		fprintf(out, "%c%s%.*se%c%d", digits[0], nd > 1 ? "." : "",
			nd - 1, digits + 1, exp < 0 ? '-' : '+', abs(exp));
	} else if (exp >= nd - 1) {
		fprintf(out, "%.*s", nd, digits);
		zeros(out, exp - nd + 1);
	} else if (exp >= 0) {
		fprintf(out, "%.*s.%.*s", exp + 1, digits, nd - exp - 1,
			digits + exp + 1);
	} else {
		fputs("0.", out);
		zeros(out, -exp - 1);
		fprintf(out, "%.*s", nd, digits);
	}
}

static void value(FILE *out, const struct ka_node *n);

struct members {
	FILE *out;
	bool first;
};

static void member(void *ud, const struct ka_node *key, const struct ka_node *v)
{
	struct members *m = ud;

	fputs(m->first ? "" : ",", m->out);
	m->first = false;
	ka_json_string_n(m->out, key->u.s.key, key->u.s.key_len);
	fputc(':', m->out);
	value(m->out, v);
}

static void value(FILE *out, const struct ka_node *n)
{
	struct ka_value v;

	n = ka_node_deref(n);
	ka_node_value(n, &v);
	switch (v.type) {
	case KA_TYPE_NULL:
		fputs("null", out);
		break;
	case KA_TYPE_BOOL:
		fputs(v.b ? "true" : "false", out);
		break;
	case KA_TYPE_INT:
		fprintf(out, "%lld", (long long)v.i);
		break;
	case KA_TYPE_FLOAT:
		go_float(out, v.f);
		break;
	case KA_TYPE_STR:
		ka_json_string_n(out, n->u.s.text, n->u.s.len);
		break;
	case KA_TYPE_SEQ:
		fputc('[', out);
		for (size_t i = 0; i < ka_seq_len(n); i++) {
			fputs(i ? "," : "", out);
			value(out, ka_seq_at(n, i));
		}
		fputc(']', out);
		break;
	case KA_TYPE_MAP: {
		struct members m = {out, true};

		fputc('{', out);
		ka_map_foreach(n, member, &m);
		fputc('}', out);
		break;
	}
	}
}

struct doc {
	FILE *out;
	const char *path;
	unsigned line;
};

static void head(const struct doc *d)
{
	fputs("{\"file\":", d->out);
	ka_json_string(d->out, d->path);
	fprintf(d->out, ",\"line\":%u,", d->line);
}

static int object(void *ud, const struct ka_object *o)
{
	const struct doc *d = ud;

	head(d);
	fputs("\"object\":", d->out);
	if (!o->inherited) {
		value(d->out, o->node);
	} else {
		/* The list's kind and apiVersion, as kubectl sets them. */
		struct members m = {d->out, false};

		fputs("{\"apiVersion\":", d->out);
		ka_json_str_or_null(d->out, o->api_version);
		fputs(",\"kind\":", d->out);
		ka_json_string(d->out, o->kind);
		ka_map_foreach(o->node, member, &m);
		fputc('}', d->out);
	}
	fputs("}\n", d->out);
	return 0;
}

static void error(const struct doc *d, const char *msg)
{
	head(d);
	fputs("\"error\":", d->out);
	ka_json_string(d->out, msg);
	fputs("}\n", d->out);
}

/* One document: 0, or -1 when memory ran out. */
static int chunk(FILE *out, const char *path, const struct ka_chunk *c,
		 struct ka_yaml *y, struct ka_arena *a)
{
	struct doc d = {out, path, c->first_line};
	struct ka_error err = {.msg = ""};
	struct ka_doc doc;

	if (c->too_large || c->refusal || c->bad_separator_line) {
		error(&d,
		      c->refusal ? c->refusal : "a document kubectl refuses");
		return 0;
	}
	if (!c->len)
		return 0;
	if (ka_yaml_parse(y, a, c->buf, c->len, c->first_line, c->first_col,
			  &doc) < 0) {
		if (doc.oom)
			return -1;
		error(&d, doc.err.msg);
	} else if (doc.root && !ka_node_is_null(doc.root) && /* kubectl skips */
		   ((doc.unsupported &&
		     ka_document_unsupported(doc.root, &err) < 0) ||
		    ka_document_objects(a, doc.root, object, &d, &err) ==
			KA_DOCUMENT_REFUSED))
		error(&d, err.msg);
	ka_arena_reset(a);
	return 0;
}

int ka_objects_write(FILE *out, struct ka_inputs *inputs)
{
	struct ka_yaml *y = ka_yaml_new();
	struct ka_arena a;
	int rc = 0;

	if (!y)
		return -1;
	ka_arena_init(&a);
	for (size_t i = 0; i < inputs->n && rc == 0; i++) {
		struct ka_input *in = &inputs->v[i];
		struct ka_stream s;
		struct ka_chunk c;
		int fd, r = 0;

		if (in->status != KA_INPUT_PENDING)
			continue;
		fd = ka_input_open(in);
		if (fd < 0)
			continue;
		if (ka_stream_init(&s, fd) < 0) {
			rc = -1;
		} else {
			while (rc == 0 && (r = ka_stream_next(&s, &c)) > 0)
				rc = chunk(out, in->path, &c, y, &a);
			in->status =
			    r < 0 ? KA_INPUT_UNREADABLE : KA_INPUT_AUDITED;
			ka_stream_free(&s);
		}
		if (!in->is_stdin)
			close(fd);
	}
	ka_yaml_free(y);
	ka_arena_free(&a);
	return rc;
}
