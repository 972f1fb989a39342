/* The Markdown summary: see kaudit/summary.h. */
#include "kaudit/summary.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/check.h"
#include "kaudit/clean.h"
#include "kaudit/run.h"

int ka_summary_init(struct ka_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->per_check = calloc(ka_registry_len, sizeof(*s->per_check));
	return s->per_check ? 0 : -1;
}

void ka_markdown_escape(FILE *out, const char *text)
{
	char *clean = ka_clean_dup(text);

	for (const char *p = clean ? clean : "(out of memory)"; *p; p++) {
		switch (*p) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '\n':
		case '\r':
			fputc(' ', out);
			break;
		/* Emphasis, code, links, tables, math, mentions, autolinks
		 * (www. and scheme:) stay text. */
		case '\\':
		case '`':
		case '*':
		case '_':
		case '{':
		case '}':
		case '[':
		case ']':
		case '(':
		case ')':
		case '#':
		case '+':
		case '.':
		case '!':
		case '|':
		case '~':
		case ':':
		case '@':
		case '$':
			fputc('\\', out);
			fputc(*p, out);
			break;
		default:
			fputc(*p, out);
		}
	}
	free(clean);
}

void ka_summary_add(struct ka_summary *s, const struct ka_run *run,
		    const struct ka_finding *f)
{
	const char *path =
	    f->tmpl_path ? f->tmpl_path : run->inputs.v[f->input].path;
	unsigned line = f->tmpl_path ? f->tmpl_line : f->line;
	unsigned col = f->tmpl_path ? f->tmpl_col : f->col;
	char *item = NULL, title[2048];
	size_t len = 0;
	FILE *m;

	if (f->waiver)
		return;
	s->total[f->level]++;
	s->per_check[ka_registry_index(f->check)][f->level]++;
	if (s->nfirst[f->level] == KA_SUMMARY_FIRST)
		return;
	if (!(m = open_memstream(&item, &len))) {
		s->oom = true;
		return;
	}
	fputs("- ", m);
	ka_markdown_escape(m, path);
	fprintf(m, "\\:%u\\:%u ", line, col);
	ka_markdown_escape(m, ka_finding_titled(f, title, sizeof(title)));
	fprintf(m, " \\(%s\\)\n", f->check->id);
	if (fclose(m) != 0 || !item) {
		free(item);
		s->oom = true;
		return;
	}
	s->first[f->level][s->nfirst[f->level]++] = item;
}

void ka_summary_write(const struct ka_summary *s, FILE *out)
{
	static const char *const name[] = {"notes", "warnings", "errors"};
	size_t all = s->total[0] + s->total[1] + s->total[2];

	fprintf(out,
		"## kaudit: %zu finding%s (%zu errors, %zu warnings, %zu "
		"notes)\n\n",
		all, all == 1 ? "" : "s", s->total[2], s->total[1],
		s->total[0]);
	if (!all)
		return;
	fputs("| check | errors | warnings | notes |\n|---|---:|---:|---:|\n",
	      out);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const size_t *c = s->per_check[i];

		if (c[0] + c[1] + c[2])
			fprintf(out, "| `%s` | %zu | %zu | %zu |\n",
				ka_registry[i]->id, c[2], c[1], c[0]);
	}
	for (int l = KA_LEVEL_ERROR; l >= KA_LEVEL_NOTE; l--) {
		if (!s->nfirst[l])
			continue;
		fprintf(out, "\n### %s%s\n\n",
			s->total[l] > s->nfirst[l] ? "The first " : "",
			name[l]);
		for (size_t k = 0; k < s->nfirst[l]; k++)
			fputs(s->first[l][k], out);
	}
	if (s->oom)
		fputs("\n(out of memory: the summary is incomplete)\n", out);
}

void ka_summary_free(struct ka_summary *s)
{
	for (int l = 0; l < 3; l++)
		for (size_t k = 0; k < s->nfirst[l]; k++)
			free(s->first[l][k]);
	free(s->per_check);
	memset(s, 0, sizeof(*s));
}
