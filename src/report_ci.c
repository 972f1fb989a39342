/*
 * Other CIs' native formats. `gitlab`: GitLab Code Quality JSON (an
 * array of issues: description, check_name, fingerprint, severity,
 * location.path and location.lines.begin), the fingerprint kaudit's
 * identity by meaning, so that merge-request widgets compare findings,
 * not lines. `junit`: JUnit XML, one test case per resource and check (a
 * failure listing each finding with its location), read by GitLab,
 * Jenkins, Azure DevOps and CircleCI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fastio.h"
#include "kaudit/clean.h"
#include "kaudit/jsonw.h"
#include "kaudit/report.h"
#include "kaudit/run.h"
#include "kaudit/spill.h"

/* Where a finding is shown: its template for a Helm render. */
static const char *where(const struct ka_run *run, const struct ka_finding *f,
			 unsigned *line, unsigned *col)
{
	const char *path =
	    f->tmpl_path ? f->tmpl_path : run->inputs.v[f->input].path;

	*line = f->tmpl_path ? f->tmpl_line : f->line;
	*col = f->tmpl_path ? f->tmpl_col : f->col;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

/* ---- GitLab Code Quality ---- */

struct gitlab {
	FILE *out;
	size_t n;
};

static void *gitlab_begin(const struct ka_report_options *o,
			  const struct ka_run *run)
{
	struct gitlab *g = calloc(1, sizeof(*g));

	(void)run;
	if (g) {
		g->out = o->out;
		fputc('[', g->out);
	}
	return g;
}

static int gitlab_finding(void *state, const struct ka_run *run,
			  const struct ka_finding *f)
{
	static const char *const severity[] = {"info", "major", "critical"};
	struct gitlab *g = state;
	unsigned line, col;
	const char *path = where(run, f, &line, &col);
	char fp[48], title[2048];

	if (f->waiver)
		return 0;
	snprintf(fp, sizeof(fp), "%016llx:%u", (unsigned long long)f->id_hash,
		 f->id_occ);
	fputs(g->n++ ? ",\n  " : "\n  ", g->out);
	fputs("{\"type\": \"issue\", \"check_name\": ", g->out);
	ka_json_string(g->out, f->check->id);
	fputs(", \"description\": ", g->out);
	ka_json_string(g->out, ka_finding_titled(f, title, sizeof(title)));
	fputs(", \"categories\": [\"Security\"], \"fingerprint\": ", g->out);
	ka_json_string(g->out, fp);
	fprintf(g->out, ", \"severity\": \"%s\", \"location\": {\"path\": ",
		severity[f->level]);
	ka_json_string(g->out, path);
	fprintf(g->out, ", \"lines\": {\"begin\": %u}}}", line);
	return 0;
}

static int gitlab_end(void *state, const struct ka_run *run)
{
	struct gitlab *g = state;

	(void)run;
	fputs(g->n ? "\n]\n" : "]\n", g->out);
	free(g);
	return 0;
}

const struct ka_reporter ka_reporter_gitlab = {
    .name = "gitlab",
    .help = "GitLab Code Quality JSON (merge-request widget)",
    .identities = true,
    .begin = gitlab_begin,
    .finding = gitlab_finding,
    .end = gitlab_end,
};

/* ---- JUnit XML ---- */

/* Text from input as XML character data or an attribute value. */
static void xml(FILE *out, const char *s)
{
	char *clean = ka_clean_dup(s); /* no control character left */

	for (const char *p = clean ? clean : "(out of memory)"; *p; p++) {
		/* U+FFFE and U+FFFF are no XML characters, even escaped. */
		if ((unsigned char)p[0] == 0xef &&
		    (unsigned char)p[1] == 0xbf &&
		    ((unsigned char)p[2] == 0xbe ||
		     (unsigned char)p[2] == 0xbf)) {
			fprintf(out, "\\u%s",
				p[2] == (char)0xbe ? "FFFE" : "FFFF");
			p += 2;
			continue;
		}
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		default:
			fputc(*p, out);
		}
	}
	free(clean);
}

/*
 * The test cases are held in an unlinked temporary file (the counts go in
 * the opening tag; memory stays flat); a resource's findings arrive
 * together, so one case per check is made when the resource changes.
 */
struct junit {
	FILE *out, *cases;
	size_t tests, failures;
	/* The current resource's findings, grouped at its end. */
	struct ka_finding **held;
	size_t nheld, capheld;
	const struct ka_run *run;
};

static void *junit_begin(const struct ka_report_options *o,
			 const struct ka_run *run)
{
	struct junit *j = calloc(1, sizeof(*j));
	int fd;

	if (!j)
		return NULL;
	j->out = o->out;
	j->run = run;
	fd = ka_spill_temp_fd();
	if (fd < 0 || !(j->cases = fdopen(fd, "w+"))) {
		if (fd >= 0)
			close(fd);
		free(j);
		return NULL;
	}
	return j;
}

static void resource_name(FILE *out, const struct ka_finding *f)
{
	if (!*f->kind) {
		fputs("input", out);
		return;
	}
	xml(out, f->kind);
	fputc('/', out);
	if (*f->ns) {
		xml(out, f->ns);
		fputc('/', out);
	}
	xml(out, f->name);
}

/* One case per check of the held findings (in order of first finding). */
static void flush_resource(struct junit *j)
{
	for (size_t a = 0; a < j->nheld; a++) {
		const struct ka_finding *f = j->held[a];
		unsigned line, col;
		const char *path;
		bool first = true;

		if (!f)
			continue;
		path = where(j->run, f, &line, &col);
		j->tests++;
		j->failures++;
		fputs("    <testcase classname=\"", j->cases);
		resource_name(j->cases, f);
		fprintf(j->cases, "\" name=\"%s\" file=\"", f->check->id);
		xml(j->cases, path);
		fprintf(j->cases,
			"\" line=\"%u\">\n      <failure type=\"%s\" "
			"message=\"",
			line, ka_level_name(f->level));
		xml(j->cases, f->message);
		fputs("\">", j->cases);
		for (size_t b = a; b < j->nheld; b++) {
			const struct ka_finding *g = j->held[b];

			if (!g || g->check != f->check)
				continue;
			path = where(j->run, g, &line, &col);
			if (!first)
				fputc('\n', j->cases);
			first = false;
			xml(j->cases, path);
			fprintf(j->cases, ":%u:%u: %s: ", line, col,
				ka_level_name(g->level));
			xml(j->cases, g->message);
			fprintf(j->cases, " [%s]", g->check->id);
			if (b > a) {
				ka_finding_free(j->held[b]);
				free(j->held[b]);
				j->held[b] = NULL;
			}
		}
		fputs("</failure>\n    </testcase>\n", j->cases);
		ka_finding_free(j->held[a]);
		free(j->held[a]);
		j->held[a] = NULL;
	}
	j->nheld = 0;
}

static bool same_resource(const struct ka_finding *a,
			  const struct ka_finding *b)
{
	return a->input == b->input && a->doc == b->doc &&
	       strcmp(a->kind, b->kind) == 0 && strcmp(a->ns, b->ns) == 0 &&
	       strcmp(a->name, b->name) == 0;
}

/* A copy of the parts of f a test case shows. */
static struct ka_finding *keep(const struct ka_finding *f)
{
	struct ka_finding *c = calloc(1, sizeof(*c));
	size_t n;
	char *block;

	if (!c)
		return NULL;
	*c = *f;
	c->reason = c->source = c->values_path = c->psa_message = NULL;
	c->related = NULL;
	c->nrelated = 0;
	c->fix = NULL;
	c->edit = NULL;
	c->cond_key = c->cond_data = NULL;
	/* message, kind, ns, name share one block, as ka_report makes it. */
	n = strlen(f->message) + strlen(f->kind) + strlen(f->ns) +
	    strlen(f->name) + 4;
	c->tmpl_path = f->tmpl_path ? strdup(f->tmpl_path) : NULL;
	block = malloc(n);
	if (!block || (f->tmpl_path && !c->tmpl_path)) {
		free(block);
		free(c->tmpl_path);
		free(c);
		return NULL;
	}
	c->message = block;
	block = stpcpy(block, f->message) + 1;
	c->kind = block;
	block = stpcpy(block, f->kind) + 1;
	c->ns = block;
	block = stpcpy(block, f->ns) + 1;
	c->name = block;
	strcpy(block, f->name);
	c->container = c->field = c->ident = NULL;
	return c;
}

static int junit_finding(void *state, const struct ka_run *run,
			 const struct ka_finding *f)
{
	struct junit *j = state;
	struct ka_finding *c;

	(void)run;
	if (f->waiver)
		return 0;
	if (j->nheld && !same_resource(j->held[0], f))
		flush_resource(j);
	if (j->nheld == j->capheld) {
		size_t cap = j->capheld ? j->capheld * 2 : 16;
		struct ka_finding **v = realloc(j->held, cap * sizeof(*v));

		if (!v)
			return -1;
		j->held = v;
		j->capheld = cap;
	}
	if (!(c = keep(f)))
		return -1;
	j->held[j->nheld++] = c;
	return 0;
}

static int junit_end(void *state, const struct ka_run *run)
{
	struct junit *j = state;
	char buf[65536];
	int rc;

	(void)run;
	flush_resource(j);
	rc =
	    fflush(j->cases) == 0 && fseek(j->cases, 0, SEEK_SET) == 0 ? 0 : -1;
	fprintf(j->out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"kaudit\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"0\">\n  <testsuite name=\"kaudit\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		j->tests, j->failures, j->tests, j->failures);
	for (size_t n; rc == 0 && (n = fread(buf, 1, sizeof(buf), j->cases));)
		fwrite(buf, 1, n, j->out);
	fputs("  </testsuite>\n</testsuites>\n", j->out);
	fclose(j->cases);
	free(j->held);
	free(j);
	return rc;
}

const struct ka_reporter ka_reporter_junit = {
    .name = "junit",
    .help = "JUnit XML: a test case per resource and check (CI test tabs)",
    .begin = junit_begin,
    .finding = junit_finding,
    .end = junit_end,
};
