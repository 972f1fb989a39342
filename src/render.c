#include <stdlib.h>
#include <string.h>

#include "kaudit/report.h"

void ka_render_init(struct ka_renderer *r, enum ka_format format, FILE *out)
{
	memset(r, 0, sizeof(*r));
	r->format = format;
	r->out = out;
	r->cur_input = r->cur_doc = (size_t)-1;
}

void ka_render_begin(struct ka_renderer *r, const struct ka_run *run)
{
	if (r->format == KA_FORMAT_JSON)
		ka_json_begin(r, run);
	else if (r->format == KA_FORMAT_SARIF)
		ka_sarif_begin(r, run);
}

void ka_render_emit(void *ud, const struct ka_run *run,
		   const struct ka_finding *f, size_t n)
{
	struct ka_renderer *r = ud;

	for (size_t i = 0; i < n; i++) {
		switch (r->format) {
		case KA_FORMAT_TEXT:
			ka_text_finding(r, run, &f[i]);
			break;
		case KA_FORMAT_GITHUB:
			ka_github_finding(r, run, &f[i]);
			break;
		case KA_FORMAT_JSON:
			ka_json_finding(r, run, &f[i]);
			break;
		case KA_FORMAT_SARIF:
			ka_sarif_finding(r, run, &f[i]);
			break;
		}
		r->emitted++;
	}
}

void ka_render_end(struct ka_renderer *r, const struct ka_run *run)
{
	if (r->format == KA_FORMAT_JSON)
		ka_json_end(r, run);
	else if (r->format == KA_FORMAT_SARIF)
		ka_sarif_end(r, run);
}

void ka_render_free(struct ka_renderer *r)
{
	for (size_t i = 0; i < r->nuris; i++)
		free(r->uris[i]);
	free(r->uris);
	free(r->relative);
	free(r->rule_of);
	free(r->per_doc.keys);
	free(r->per_doc.counts);
	free(r->per_file.keys);
	free(r->per_file.counts);
	free(r->resources.keys);
	free(r->resources.counts);
	for (size_t i = 0; i < r->nsyntax; i++)
		free(r->syntax[i].message);
	free(r->syntax);
	memset(r, 0, sizeof(*r));
}
