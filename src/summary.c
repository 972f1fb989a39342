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
	return 0;
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

void ka_summary_write(const struct ka_summary *s, const struct ka_run *run,
		      FILE *out)
{
	static const char *const name[] = {"notes", "warnings", "errors"};
	const size_t *total = run->counts;
	size_t all = total[0] + total[1] + total[2];

	fprintf(out,
		"## kaudit: %zu finding%s (%zu errors, %zu warnings, %zu "
		"notes)\n\n",
		all, all == 1 ? "" : "s", total[2], total[1], total[0]);
	if (!all)
		return;
	fputs("| check | errors | warnings | notes |\n|---|---:|---:|---:|\n",
	      out);
	for (size_t i = 0; run->per_check && i < ka_registry_len; i++) {
		const size_t *c = run->per_check[i];

		if (c[0] + c[1] + c[2])
			fprintf(out, "| `%s` | %zu | %zu | %zu |\n",
				ka_registry[i]->id, c[2], c[1], c[0]);
	}
	for (int l = KA_LEVEL_ERROR; l >= KA_LEVEL_NOTE; l--) {
		if (!s->nfirst[l])
			continue;
		fprintf(out, "\n### %s%s\n\n",
			total[l] > s->nfirst[l] ? "The first " : "", name[l]);
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
	memset(s, 0, sizeof(*s));
}
