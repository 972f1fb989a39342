/*
 * --format objects: what kaudit read. Every object kubectl would create
 * from each input, one JSON line each, keys and values as decoded
 * (YAML 1.1 scalars, merges applied, the last of duplicate keys, aliases
 * followed), so that a test can compare it with kubectl's own reading.
 */
#include "kaudit/objects.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/arena.h"
#include "kaudit/jsonw.h"
#include "kaudit/stream.h"
#include "kaudit/workload.h"
#include "kaudit/yaml.h"

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
		fprintf(out, "%.17g", v.f);
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

static void chunk(FILE *out, const char *path, const struct ka_chunk *c,
		  struct ka_yaml *y, struct ka_arena *a)
{
	struct doc d = {out, path, c->first_line};
	struct ka_error err = {.msg = ""};
	struct ka_doc doc;

	if (c->too_large || c->not_object || c->bad_separator_line) {
		error(&d, "a document kubectl refuses");
		return;
	}
	if (!c->len)
		return;
	if (ka_yaml_parse(y, a, c->buf, c->len, c->first_line, &doc) < 0)
		error(&d, doc.err.msg);
	else if (doc.root && !ka_node_is_null(doc.root) && /* kubectl skips */
		 ((doc.unsupported &&
		   ka_document_unsupported(doc.root, &err) < 0) ||
		  ka_document_objects(a, doc.root, object, &d, &err) ==
		      KA_DOCUMENT_REFUSED))
		error(&d, err.msg);
	ka_arena_reset(a);
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
		int fd, r;

		if (in->status != KA_INPUT_PENDING)
			continue;
		fd = ka_input_open(in);
		if (fd < 0)
			continue;
		if (ka_stream_init(&s, fd) < 0) {
			rc = -1;
		} else {
			while ((r = ka_stream_next(&s, &c)) > 0)
				chunk(out, in->path, &c, y, &a);
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
