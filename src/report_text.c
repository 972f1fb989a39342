/*
 * The text report: `path:line:col: level: message [check-id]`, one finding
 * a line, as compilers print them, so editors and terminals link it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fastio.h"
#include "kaudit/clean.h"
#include "kaudit/fixit.h"
#include "kaudit/input.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

/* Input text, cleaned (clean.h) so the line stays one honest line. */
static void put_clean(FILE *out, const char *s)
{
	ka_clean(out, s);
}

/*
 * A path: cleaned, and when it holds a colon ("evil:12:3: error: x") its
 * colons, blanks and backslashes become \xNN too, so that no editor reads
 * a location inside the name (Vim's %f stops at a blank).
 */
static void put_path(FILE *out, const char *path)
{
	char *clean;

	if (!strchr(path, ':')) {
		ka_clean(out, path);
		return;
	}
	clean = ka_clean_dup(path);
	for (const char *s = clean ? clean : "(out of memory)"; *s; s++) {
		if (*s == ':' || *s == ' ' || *s == '\\')
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, out);
	}
	free(clean);
}

static const char *colour_of(enum ka_level level)
{
	switch (level) {
	case KA_LEVEL_ERROR:
		return "\033[1;31m";
	case KA_LEVEL_WARNING:
		return "\033[1;33m";
	default:
		return "\033[1;36m";
	}
}

struct text {
	struct ka_report_options o;
	struct ka_fixit fixit; /* under --hints (or on a terminal) */
};

static void *begin(const struct ka_report_options *o, const struct ka_run *run)
{
	struct text *t = calloc(1, sizeof(*t));

	(void)run;
	if (t)
		t->o = *o;
	return t;
}

static int finding(void *state, const struct ka_run *run,
		   const struct ka_finding *f)
{
	struct text *t = state;
	const struct ka_report_options *r = &t->o;
	FILE *out = r->out;

	if (r->hints)
		ka_fixit_add(&t->fixit, out, run, f, r->colour);
	if (f->waiver && !r->show_suppressed)
		return 0;
	if (r->colour)
		fputs("\033[1m", out);
	/* A Helm render's finding: where the template wrote it. */
	if (f->tmpl_path) {
		put_path(out, f->tmpl_path);
		fprintf(out, ":%u:%u:", f->tmpl_line, f->tmpl_col);
	} else {
		put_path(out, run->inputs.v[f->input].path);
		fprintf(out, ":%u:%u:", f->line, f->col);
	}
	if (r->colour)
		fprintf(out, "\033[0m %s%s:\033[0m ", colour_of(f->level),
			ka_level_name(f->level));
	else
		fprintf(out, " %s: ", ka_level_name(f->level));
	put_clean(out, f->message);
	if (f->values_path) {
		fputs(" (set at ", out);
		put_path(out, f->values_path);
		fprintf(out, ":%u)", f->values_line);
	}
	/* A render's template, when no file shows its `# Source:` line
	 * (stdin); JSON and SARIF always carry it, and --chart-root or the
	 * chart itself puts the finding on the template. Before the id:
	 * editors' parsers want the [id] last. */
	if (f->source && !f->tmpl_path && run->inputs.v[f->input].is_stdin) {
		fputs(" (from ", out);
		put_clean(out, f->source);
		fputc(')', out);
	}
	fprintf(out, " [%s]", f->check->id);
	if (f->waiver) {
		fputs(" (suppressed: ", out);
		put_clean(out, f->reason ? f->reason : "");
		fputc(')', out);
	}
	fputc('\n', out);
	return 0;
}

static int end(void *state, const struct ka_run *run)
{
	struct text *t = state;

	(void)run;
	if (t->o.hints)
		ka_fixit_flush(&t->fixit, t->o.out, t->o.colour);
	free(t);
	return 0;
}

const struct ka_reporter ka_reporter_text = {
    .name = "text",
    .help = "path:line:col: level: message [check-id], one finding a line",
    .begin = begin,
    .finding = finding,
    .end = end,
};

/* "; 4 skipped: 1 symbolic link, 2 hidden, 1 not a Kubernetes manifest" */
static void skipped(FILE *out, const struct ka_inputs *inputs)
{
	static const struct {
		const char *why, *one, *many;
	} kinds[] = {
	    {KA_NOT_MANIFEST, "not a Kubernetes manifest",
	     "not Kubernetes manifests"},
	    {KA_SKIP_HIDDEN, "hidden", "hidden"},
	    {KA_SKIP_SYMLINK, "symbolic link", "symbolic links"},
	    {KA_SKIP_UNRENDERED, "template whose chart does not render",
	     "templates whose chart does not render"},
	};
	unsigned count[4] = {0}, total = 0;

	for (size_t i = 0; i < inputs->n; i++) {
		const struct ka_input *in = &inputs->v[i];
		const char *why = in->status == KA_INPUT_NOT_MANIFEST
				      ? KA_NOT_MANIFEST
				  : in->status == KA_INPUT_SKIPPED ? in->error
								   : NULL;

		for (size_t k = 0; why && k < 4; k++)
			if (strcmp(why, kinds[k].why) == 0) {
				count[k]++;
				total++;
			}
	}
	if (!total)
		return;
	fprintf(out, "; %u skipped:", total);
	for (size_t k = 0, first = 1; k < 4; k++) {
		if (!count[k])
			continue;
		fprintf(out, "%s %u %s", first ? "" : ",", count[k],
			count[k] == 1 ? kinds[k].one : kinds[k].many);
		first = 0;
	}
}

struct count {
	size_t n, check;
};

/* Most first; equal counts in registry (id) order. */
static int most_first(const void *x, const void *y)
{
	const struct count *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return (a->check > b->check) - (a->check < b->check);
}

/* "  errors: 6 run-as-non-root, 4 privileged, 5 more checks" for level
 * l, most first, in under 100 columns. */
static void per_level(FILE *out, const struct ka_run *run, int l,
		      const char *name)
{
	struct count *c = malloc(ka_registry_len * sizeof(*c));
	size_t total = 0, shown = 0;
	int width = fprintf(out, "  %s:", name);
	char entry[96];

	for (size_t i = 0; c && i < ka_registry_len; i++)
		if (run->per_check[i][l])
			c[total++] = (struct count){run->per_check[i][l], i};
	qsort(c, total, sizeof(*c), most_first);
	for (; shown < total; shown++) {
		int len = snprintf(entry, sizeof(entry), "%s %zu %s",
				   shown ? "," : "", c[shown].n,
				   ka_registry[c[shown].check]->id);

		if (shown && width + len > 86) {
			fprintf(out, ", %zu more check%s", total - shown,
				total - shown == 1 ? "" : "s");
			break;
		}
		fputs(entry, out);
		width += len;
	}
	fputc('\n', out);
	free(c);
}

bool ka_report_nothing(FILE *out, const struct ka_run *run, bool fail)
{
	unsigned documents = 0;
	size_t files = 0;

	for (size_t i = 0; i < run->inputs.n; i++)
		if (run->inputs.v[i].status == KA_INPUT_AUDITED) {
			files++;
			documents += run->inputs.v[i].documents;
		}
	if (documents)
		return false;
	fprintf(out, "kaudit: %s: nothing was audited: ",
		fail ? "error" : "warning");
	if (!run->inputs.n)
		fputs("no .yaml, .yml or .json file in the paths given", out);
	else if (files)
		fprintf(out, "the %zu file%s read hold%s no document", files,
			files == 1 ? "" : "s", files == 1 ? "s" : "");
	else
		fputs("no Kubernetes manifest in the paths given", out);
	skipped(out, &run->inputs);
	fputs(fail ? " (--fail-if-empty)\n"
		   : " (--fail-if-empty makes this an error)\n",
	      out);
	return true;
}

/* Findings per check and level, and the most frequent check. */
static void breakdown(FILE *out, const struct ka_run *run, size_t n)
{
	static const char *const names[3] = {"notes", "warnings", "errors"};
	size_t top = 0, second = 0, top_i = 0, checks = 0;

	if (!run->per_check || !n)
		return;
	for (size_t i = 0; i < ka_registry_len; i++) {
		size_t c = run->per_check[i][0] + run->per_check[i][1] +
			   run->per_check[i][2];

		checks += c > 0;
		if (c > top) {
			second = top;
			top = c;
			top_i = i;
		} else if (c > second) {
			second = c;
		}
	}
	if (checks < 2)
		return;
	for (int l = 2; l >= 0; l--)
		if (run->counts[l])
			per_level(out, run, l, names[l]);
	/* Named only when one check stands out. */
	if (top > second)
		fprintf(
		    out, "  most frequent: %s, %zu of %zu findings (%zu%%)\n",
		    ka_registry[top_i]->id, top, n, (top * 100 + n / 2) / n);
}

void ka_report_summary(FILE *out, const struct ka_run *run)
{
	static const char *const names[3] = {"note", "warning", "error"};
	size_t n = run->counts[0] + run->counts[1] + run->counts[2];
	unsigned documents;
	unsigned files =
	    ka_inputs_count(&run->inputs, KA_INPUT_AUDITED, &documents);
	bool first = true;

	fprintf(out, "%zu finding%s", n, n == 1 ? "" : "s");
	if (n) {
		fputs(" (", out);
		for (int l = 2; l >= 0; l--) {
			if (!run->counts[l])
				continue;
			fprintf(out, "%s%zu %s%s", first ? "" : ", ",
				run->counts[l], names[l],
				run->counts[l] == 1 ? "" : "s");
			first = false;
		}
		fputc(')', out);
	}
	if (run->waived)
		fprintf(out, ", %zu suppressed,", run->waived);
	fprintf(out, " in %u file%s, %u document%s", files,
		files == 1 ? "" : "s", documents, documents == 1 ? "" : "s");
	skipped(out, &run->inputs);
	fputc('\n', out);
	breakdown(out, run, n);
}
