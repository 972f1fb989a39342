/* Where a SARIF result points: see kaudit/sarif_locations.h. */
#include "kaudit/sarif_locations.h"
#include "kaudit/fix.h"

#include <stdlib.h>
#include <string.h>

#include "fastio.h"

#include "kaudit/jsonw.h"
#include "kaudit/path.h"

/* n in decimal: a location has five numbers, and fprintf's parsing of
 * its format was a good part of a result's cost. */
static void put_number(FILE *out, size_t n)
{
	char buf[24];
	size_t i = sizeof(buf);

	do
		buf[--i] = (char)('0' + n % 10);
	while ((n /= 10) && i);
	fwrite(buf + i, 1, sizeof(buf) - i, out);
}

/* Writes a location object without its closing brace. */
void ka_sarif_location(FILE *out, const struct ka_sarif_uris *u, size_t input,
		       unsigned line, unsigned col, unsigned end_line,
		       unsigned end_col)
{
	fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	ka_json_string(out, u->uri[input]);
	if (u->relative[input])
		fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
	fputs(", \"index\": ", out);
	put_number(out, input);
	fputc('}', out);
	if (line) {
		if (end_line < line || (end_line == line && end_col <= col)) {
			end_line = line;
			end_col = col + 1;
		}
		fputs(", \"region\": {\"startLine\": ", out);
		put_number(out, line);
		fputs(", \"startColumn\": ", out);
		put_number(out, col);
		fputs(", \"endLine\": ", out);
		put_number(out, end_line);
		fputs(", \"endColumn\": ", out);
		put_number(out, end_col);
		fputc('}', out);
	}
	fputs("}", out);
}

/* Under --chart-root the alert sits on the chart source, where a PR changes it.
 */
void ka_sarif_template_location(FILE *out, const struct ka_finding *f,
				const char *uri)
{
	fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	ka_json_string(out, uri);
	fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
	fprintf(out,
		"}, \"region\": {\"startLine\": %u, \"startColumn\": %u, "
		"\"endLine\": %u, \"endColumn\": %u}}",
		f->tmpl_line, f->tmpl_col, f->tmpl_line, f->tmpl_end_col);
}

static void logical(struct ka_jw *w, const char *name, const char *fq,
		    const char *kind)
{
	ka_jw_item(w, " ");
	fputs("{\"name\": ", w->out);
	ka_json_string(w->out, name);
	fputs(", \"fullyQualifiedName\": ", w->out);
	ka_json_string(w->out, fq);
	fprintf(w->out, ", \"kind\": \"%s\"}", kind);
}

/* s after buf[0..n) (size bytes, cut to fit, NUL-terminated): the new n. */
static size_t append(char *buf, size_t size, size_t n, const char *s)
{
	size_t k = strlen(s);

	if (k > size - 1 - n)
		k = size - 1 - n;
	memcpy(buf + n, s, k);
	buf[n + k] = '\0';
	return n + k;
}

/* The resource, its container and its Helm template. */
void ka_sarif_logical_locations(FILE *out, const struct ka_finding *f)
{
	struct ka_jw w;
	char fq[1024];
	size_t n = 0;

	/* kind/namespace/name, then /container: built by hand, since this
	 * runs for every result (snprintf was a tenth of a SARIF run). */
	n = append(fq, sizeof(fq), n, f->kind);
	if (*f->ns) {
		n = append(fq, sizeof(fq), n, "/");
		n = append(fq, sizeof(fq), n, f->ns);
	}
	n = append(fq, sizeof(fq), n, "/");
	n = append(fq, sizeof(fq), n, f->name);
	fputs(",\n           \"logicalLocations\": ", out);
	ka_jw_init(&w, out);
	ka_jw_open(&w, '[');
	logical(&w, f->name, fq, "resource");
	if (*f->container) {
		n = append(fq, sizeof(fq), n, "/");
		append(fq, sizeof(fq), n, f->container);
		logical(&w, f->container, fq, "object");
	}
	if (f->source) {
		const char *base = strrchr(f->source, '/');

		logical(&w, base ? base + 1 : f->source, f->source, "module");
	}
	ka_jw_close(&w, NULL, ']');
}

void ka_sarif_related_locations(FILE *out, const struct ka_sarif_uris *u,
				const struct ka_finding *f, bool render_file)
{
	int id = 1;
	/*
	 * A chart kaudit rendered itself: no file holds the render. A render
	 * outside the repository would need an absolute URI, which GitHub
	 * rejects: the template (primary) is enough.
	 */
	bool render = f->tmpl_path && render_file && u->relative[f->input];
	bool tmpl = !f->tmpl_path && f->source;
	size_t nrelated =
	    render_file && u->relative[f->input] ? f->nrelated : 0;
	bool rel_values = false;
	char *values_uri =
	    f->values_path ? ka_path_uri(f->values_path, &rel_values) : NULL;

	if (!rel_values) { /* never an absolute URI */
		free(values_uri);
		values_uri = NULL;
	}

	if (!render && !tmpl && !nrelated && !values_uri)
		return;
	fputs(",\n         \"relatedLocations\": [", out);
	if (render) {
		ka_sarif_location(out, u, f->input, f->line, f->col,
				  f->end_line, f->end_col);
		fprintf(out,
			", \"id\": %d, \"message\": {\"text\": \"The rendered "
			"manifest.\"}}",
			id++);
	} else if (tmpl) {
		char *uri = ka_path_encode("", f->source);

		fprintf(out,
			"{\"id\": %d, \"message\": {\"text\": \"The Helm "
			"template.\"}, \"physicalLocation\": "
			"{\"artifactLocation\": {\"uri\": ",
			id++);
		ka_json_string(out, uri ? uri : f->source);
		fputs("}}}", out);
		free(uri);
	}
	if (values_uri) {
		if (id > 1)
			fputs(", ", out);
		fprintf(out,
			"{\"id\": %d, \"message\": {\"text\": \"The value, "
			"set in a values file.\"}, \"physicalLocation\": "
			"{\"artifactLocation\": {\"uri\": ",
			id++);
		ka_json_string(out, values_uri);
		fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
		fprintf(out,
			"}, \"region\": {\"startLine\": %u, "
			"\"startColumn\": %u, \"endLine\": %u, "
			"\"endColumn\": %u}}}",
			f->values_line, f->values_col, f->values_line,
			f->values_end_col > f->values_col ? f->values_end_col
							  : f->values_col + 1);
		free(values_uri);
	}
	for (size_t i = 0; i < nrelated; i++) {
		const struct ka_related *r = &f->related[i];

		if (id > 1)
			fputs(", ", out);
		ka_sarif_location(out, u, f->input, r->line, r->col,
				  r->end_line, r->end_col);
		fprintf(out, ", \"id\": %d, \"message\": {\"text\": ", id++);
		ka_json_string(out, r->what);
		fputs("}}", out);
	}
	fputc(']', out);
}

void ka_sarif_notification(struct ka_jw *w, const char *level, const char *text,
			   const struct ka_sarif_uris *u, size_t input,
			   unsigned line, unsigned col)
{
	FILE *out = w->out;

	ka_jw_item(w, "\n          ");
	fprintf(out, "{\"level\": \"%s\", \"message\": {\"text\": ", level);
	ka_json_string(out, text);
	fputs("}", out);
	if (u && u->relative[input]) {
		fputs(", \"locations\": [", out);
		ka_sarif_location(out, u, input, line, col, line, col + 1);
		fputs("}]", out); /* location() leaves the location open */
	}
	fputs("}", out);
}

/*
 * The result's fix (viewers such as VS Code's SARIF viewer offer it): the
 * edit --fix would make, one replacement in the result's file.
 */
void ka_sarif_fix(FILE *out, const struct ka_sarif_uris *u,
		  const struct ka_finding *f)
{
	const struct ka_edit *e = f->edit;

	fputs(",\n         \"fixes\": [{\"description\": {\"text\": ", out);
	ka_json_string(out, f->check->remediation);
	fputs("}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ",
	      out);
	ka_json_string(out, u->uri[f->input]);
	fprintf(out,
		", \"uriBaseId\": \"%%SRCROOT%%\", \"index\": %zu}, "
		"\"replacements\": [{\"deletedRegion\": {\"startLine\": %u, "
		"\"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u}, "
		"\"insertedContent\": {\"text\": ",
		f->input, e->line, e->col, e->end_line, e->end_col);
	ka_json_string_n(out, e->text, e->len);
	fputs("}}]}]}]", out);
}
