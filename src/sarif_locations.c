/* Where a SARIF result points: see kaudit/sarif_locations.h. */
#include "kaudit/sarif_locations.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/jsonw.h"
#include "kaudit/path.h"

/* Writes a location object without its closing brace. */
void ka_sarif_location(FILE *out, const struct ka_sarif_uris *u, size_t input,
		       unsigned line, unsigned col, unsigned end_line,
		       unsigned end_col)
{
	fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	ka_json_string(out, u->uri[input]);
	if (u->relative[input])
		fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
	fprintf(out, ", \"index\": %zu}", input);
	if (line) {
		if (end_line < line || (end_line == line && end_col <= col)) {
			end_line = line;
			end_col = col + 1;
		}
		fprintf(
		    out,
		    ", \"region\": {\"startLine\": %u, \"startColumn\": %u, "
		    "\"endLine\": %u, \"endColumn\": %u}",
		    line, col, end_line, end_col);
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

/* The resource, its container and its Helm template. */
void ka_sarif_logical_locations(FILE *out, const struct ka_finding *f)
{
	struct ka_jw w;
	char fq[1024];

	if (*f->ns)
		snprintf(fq, sizeof(fq), "%s/%s/%s", f->kind, f->ns, f->name);
	else
		snprintf(fq, sizeof(fq), "%s/%s", f->kind, f->name);
	fputs(",\n           \"logicalLocations\": ", out);
	ka_jw_init(&w, out);
	ka_jw_open(&w, '[');
	logical(&w, f->name, fq, "resource");
	if (*f->container) {
		size_t n = strlen(fq);

		snprintf(fq + n, sizeof(fq) - n, "/%s", f->container);
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
