/*
 * SARIF 2.1.0 for GitHub code scanning (see ../shared/sarif/
 * GITHUB-REQUIREMENTS.md). Deterministic: no timestamps, no absolute
 * paths unless the input lies outside both the repository and the
 * current directory.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kaudit/fingerprint.h"
#include "kaudit/jsonw.h"
#include "kaudit/report.h"
#include "kaudit/run.h"
#include "fastio.h"
#include "kaudit/path.h"
#include "kaudit/suppress.h"
#include "version.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://kaudit.dev/"

/* A document that could not be read, for the notifications. */
struct syntax {
	size_t input;
	unsigned line, col;
	char *message;
};

struct sarif {
	struct ka_report_options o;
	FILE *out;
	size_t emitted;         /* results written so far */
	size_t *rule_of;        /* registry index -> rules[] index */
	char **uris;            /* per input, computed on first use */
	bool *relative;
	size_t nuris;
	struct ka_fingerprints fp;
	struct syntax *syntax;  /* documents that could not be read */
	size_t nsyntax, capsyntax;
	bool oom;
};

static void text_prop(FILE *out, const char *name, const char *text)
{
	fprintf(out, "\"%s\": {\"text\": ", name);
	ka_json_string(out, text);
	fputc('}', out);
}

static void rule(FILE *out, const struct ka_check *c, enum ka_level level)
{
	char md[8192], text[8192], name[128];
	size_t n = 0;
	bool up = true;

	/* A readable name that differs from the id: the title, PascalCased. */
	for (const char *p = c->title; *p && n + 1 < sizeof(name); p++) {
		bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9');

		if (!alnum) {
			up = true;
			continue;
		}
		name[n++] = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
		up = false;
	}
	name[n] = '\0';
	snprintf(text, sizeof(text), "%s\n\nRisk: %s\n\nRemediation: %s\n\n"
				     "Example:\n%s%s%s%s",
		 c->title, c->risk, c->remediation, c->example,
		 c->psa ? "\nPod Security Standards: PSA check " : "",
		 c->psa ? c->psa : "", c->psa ? "\n" : "");
	snprintf(md, sizeof(md),
		 "**%s**\n\n%s\n\n**Remediation:** %s\n\n```yaml\n%s```\n\n%s%s%s%s%s"
		 "`kaudit --explain %s` tells more; see the "
		 "[kaudit checks reference](" INFO_URI "#checks).",
		 c->title, c->risk, c->remediation, c->example,
		 c->psa ? "Pod Security Standards (" : "",
		 c->pss ? c->pss : "", c->psa ? "): PSA check `" : "",
		 c->psa ? c->psa : "", c->psa ? "`.\n\n" : "", c->id);
	fputs("        {\"id\": ", out);
	ka_json_string(out, c->id);
	fputs(", \"name\": ", out);
	ka_json_string(out, name);
	fputs(",\n         ", out);
	text_prop(out, "shortDescription", c->title);
	fputs(",\n         ", out);
	text_prop(out, "fullDescription", c->risk);
	fputs(",\n         \"help\": {\"text\": ", out);
	ka_json_string(out, text);
	fputs(", \"markdown\": ", out);
	ka_json_string(out, md);
	fprintf(out, "},\n         \"helpUri\": \"" INFO_URI "#checks\",\n"
		     "         \"defaultConfiguration\": {\"level\": \"%s\"},\n"
		     "         \"properties\": {\"tags\": [\"security\", "
		     "\"kubernetes\"%s%s%s], \"precision\": \"very-high\", "
		     "\"security-severity\": \"%s\"}}",
		ka_level_name(level), c->pss ? ", \"pss-" : "",
		c->pss ? c->pss : "", c->pss ? "\"" : "", c->security_severity);
}

struct uris {
	char **uri;
	bool *relative;
};

/* Writes a location object without its closing brace. */
static void location(FILE *out, const struct uris *u, size_t input,
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
		fprintf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u, "
			     "\"endLine\": %u, \"endColumn\": %u}",
			line, col, end_line, end_col);
	}
	fputs("}", out);
}

static void result(FILE *out, const struct ka_run *run, const struct uris *u,
		   const struct ka_finding *f, size_t rule_index,
		   uint64_t hash, unsigned occurrence)
{
	char fq[1024];

	fputs("        {\"ruleId\": ", out);
	ka_json_string(out, f->check->id);
	fprintf(out, ", \"ruleIndex\": %zu, \"level\": \"%s\",\n"
		     "         \"message\": {\"text\": ",
		rule_index, ka_level_name(f->level));
	{
		/*
		 * The first sentence must stand alone: end it with a stop.
		 * A Helm render names its template in a second sentence.
		 */
		size_t n = strlen(f->message) + (f->source ? strlen(f->source) : 0) + 64;
		char *m = malloc(n);

		if (m) {
			size_t len = strlen(f->message);

			snprintf(m, n, "%s%s%s%s%s", f->message,
				 len && f->message[len - 1] == '.' ? "" : ".",
				 f->source ? " Rendered from the Helm template " : "",
				 f->source ? f->source : "", f->source ? "." : "");
			ka_json_string(out, m);
			free(m);
		} else {
			ka_json_string(out, f->message);
		}
	}
	fputs("},\n         \"locations\": [", out);
	if (f->tmpl_path) {
		bool rel = false;
		char *uri = ka_path_uri(f->tmpl_path, &rel);

		/* The alert sits on the chart source, where a PR changes it. */
		fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
		ka_json_string(out, uri ? uri : f->tmpl_path);
		if (rel)
			fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
		fprintf(out, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, "
			     "\"endLine\": %u, \"endColumn\": %u}}",
			f->tmpl_line, f->tmpl_col, f->tmpl_line, f->tmpl_end_col);
		free(uri);
	} else {
		location(out, u, f->input, f->line, f->col, f->end_line, f->end_col);
	}
	if (*f->kind) {
		if (*f->ns)
			snprintf(fq, sizeof(fq), "%s/%s/%s", f->kind, f->ns, f->name);
		else
			snprintf(fq, sizeof(fq), "%s/%s", f->kind, f->name);
		fputs(",\n           \"logicalLocations\": [{\"name\": ", out);
		ka_json_string(out, f->name);
		fputs(", \"fullyQualifiedName\": ", out);
		ka_json_string(out, fq);
		fputs(", \"kind\": \"resource\"}", out);
		if (*f->container) {
			fputs(", {\"name\": ", out);
			ka_json_string(out, f->container);
			fputs(", \"fullyQualifiedName\": ", out);
			{
				size_t n = strlen(fq);

				snprintf(fq + n, sizeof(fq) - n, "/%s", f->container);
			}
			ka_json_string(out, fq);
			fputs(", \"kind\": \"object\"}", out);
		}
		if (f->source) {
			const char *base = strrchr(f->source, '/');

			fputs(", {\"name\": ", out);
			ka_json_string(out, base ? base + 1 : f->source);
			fputs(", \"fullyQualifiedName\": ", out);
			ka_json_string(out, f->source);
			fputs(", \"kind\": \"module\"}", out);
		}
		fputs("]", out);
	}
	fputs("}]", out);
	if (f->tmpl_path) {
		fputs(",\n         \"relatedLocations\": [", out);
		location(out, u, f->input, f->line, f->col, f->end_line, f->end_col);
		fputs(", \"id\": 1, \"message\": {\"text\": \"The rendered "
		      "manifest.\"}}]", out);
	} else if (f->source) {
		char *uri = ka_path_encode("", f->source);

		fputs(",\n         \"relatedLocations\": [{\"id\": 1, \"message\": "
		      "{\"text\": \"The Helm template.\"}, \"physicalLocation\": "
		      "{\"artifactLocation\": {\"uri\": ", out);
		ka_json_string(out, uri ? uri : f->source);
		fputs("}}}]", out);
		free(uri);
	}
	fprintf(out, ",\n         \"partialFingerprints\": "
		     "{\"primaryLocationLineHash\": \"%016llx:%u\"}",
		(unsigned long long)hash, occurrence);
	if (f->waiver) {
		/* GitHub shows these as dismissed alerts. */
		fprintf(out, ",\n         \"suppressions\": [{\"kind\": \"%s\", "
			     "\"status\": \"accepted\", \"justification\": ",
			f->waiver == KA_WAIVER_CONFIG ? "external" : "inSource");
		ka_json_string(out, f->reason ? f->reason : "");
		fputs("}]", out);
	}
	if (*f->field) {
		fputs(",\n         \"properties\": {\"field\": ", out);
		ka_json_string(out, f->field);
		fputs("}", out);
	}
	(void)run;
	fputs("}", out);
}

static void notification(FILE *out, bool *first, const char *level,
			 const char *text, const struct uris *u, size_t input,
			 unsigned line, unsigned col)
{
	fprintf(out, "%s\n          {\"level\": \"%s\", \"message\": {\"text\": ",
		*first ? "" : ",", level);
	*first = false;
	ka_json_string(out, text);
	fputs("}", out);
	if (u) {
		fputs(", \"locations\": [", out);
		location(out, u, input, line, col, line, col + 1);
		fputs("}]", out); /* location() leaves the location open */
	}
	fputs("}", out);
}

/* The URI of input i, computed once (stdin without a name is "stdin"). */
static bool ensure_uri(struct sarif *r, const struct ka_run *run,
		       size_t i)
{
	if (r->nuris < run->inputs.n) {
		char **u = realloc(r->uris, run->inputs.n * sizeof(*u));
		bool *rel;

		if (!u)
			return false;
		r->uris = u;
		rel = realloc(r->relative, run->inputs.n * sizeof(*rel));
		if (!rel)
			return false;
		r->relative = rel;
		for (size_t k = r->nuris; k < run->inputs.n; k++) {
			r->uris[k] = NULL;
			r->relative[k] = false;
		}
		r->nuris = run->inputs.n;
	}
	if (r->uris[i])
		return true;
	if (run->inputs.v[i].is_stdin && !r->o.stdin_named) {
		r->uris[i] = strdup("stdin");
		r->relative[i] = true;
	} else {
		r->uris[i] = ka_path_uri(run->inputs.v[i].path, &r->relative[i]);
	}
	return r->uris[i] != NULL;
}

static void *begin(const struct ka_report_options *o, const struct ka_run *run)
{
	struct sarif *r = calloc(1, sizeof(*r));
	FILE *out = o->out;
	size_t nrules = 0;

	if (!r)
		return NULL;
	r->o = *o;
	r->out = o->out;
	ka_fingerprints_init(&r->fp);

	r->rule_of = calloc(ka_registry_len, sizeof(size_t));
	if (!r->rule_of)
		r->oom = true;
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\"driver\": {"
	      "\"name\": \"kaudit\", \"semanticVersion\": \"" KAUDIT_VERSION "\", "
	      "\"version\": \"" KAUDIT_VERSION "\",\n        "
	      "\"informationUri\": \"" INFO_URI "\",\n        \"rules\": [\n",
	      out);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];

		if (!c->input && !run->s->enabled[i])
			continue;
		if (nrules)
			fputs(",\n", out);
		rule(out, c, run->s->levels && run->s->levels[i] >= 0
				     ? (enum ka_level)run->s->levels[i]
				     : c->level);
		if (r->rule_of)
			r->rule_of[i] = nrules;
		nrules++;
	}
	fputs("]}},\n", out);
	if (r->o.sarif_category) {
		fputs("      \"automationDetails\": {\"id\": ", out);
		ka_json_string(out, r->o.sarif_category);
		fputs("},\n", out);
	}
	fputs("      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "
	      "{\"text\": \"The repository root: the git top level of the "
	      "scanned files, else the directory kaudit ran in.\"}}},\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [", out);
	return r;
}

static int finding(void *state, const struct ka_run *run,
		   const struct ka_finding *f)
{
	struct sarif *r = state;
	struct uris u;
	uint64_t h;
	unsigned n;

	if (!ensure_uri(r, run, f->input)) {
		r->oom = true;
		return -1;
	}
	u.uri = r->uris;
	u.relative = r->relative;
	h = ka_fingerprint_identity(f, r->uris[f->input]);
	n = ka_fingerprint_occurrence(&r->fp, f, &h);
	r->oom |= r->fp.oom;
	fprintf(r->out, "%s\n", r->emitted ? "," : "");
	result(r->out, run, &u, f,
	       r->rule_of ? r->rule_of[ka_registry_index(f->check)] : 0, h, n);
	if (f->check == &ka_check_yaml_syntax) {
		struct syntax *sx;

		if (r->nsyntax == r->capsyntax) {
			size_t cap = r->capsyntax ? r->capsyntax * 2 : 16;

			sx = realloc(r->syntax, cap * sizeof(*sx));
			if (!sx) {
				r->oom = true;
				return -1;
			}
			r->syntax = sx;
			r->capsyntax = cap;
		}
		sx = &r->syntax[r->nsyntax];
		sx->input = f->input;
		sx->line = f->line;
		sx->col = f->col;
		sx->message = strdup(f->message);
		if (sx->message)
			r->nsyntax++;
		else
			r->oom = true;
	}
	r->emitted++;
	return r->oom ? -1 : 0;
}

static void free_state(struct sarif *r)
{
	for (size_t i = 0; i < r->nuris; i++)
		free(r->uris[i]);
	free(r->uris);
	free(r->relative);
	free(r->rule_of);
	ka_fingerprints_free(&r->fp);
	for (size_t i = 0; i < r->nsyntax; i++)
		free(r->syntax[i].message);
	free(r->syntax);
	free(r);
}

static void end_results(struct sarif *r, const struct ka_run *run)
{
	FILE *out = r->out;
	bool first = true, outside = false;
	char msg[1024];
	struct uris u;

	for (size_t i = 0; i < run->inputs.n; i++)
		if (!ensure_uri(r, run, i)) {
			r->oom = true;
			return;
		}
	u.uri = r->uris;
	u.relative = r->relative;
	fprintf(out, "%s],\n", r->emitted ? "\n      " : "");

	/* Artifacts: every input, in input order (result index points here). */
	fputs("      \"artifacts\": [", out);
	for (size_t i = 0; i < run->inputs.n; i++) {
		fprintf(out, "%s\n        {\"location\": {\"uri\": ", i ? "," : "");
		ka_json_string(out, u.uri[i]);
		if (u.relative[i])
			fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
		fputs("}, \"roles\": [\"analysisTarget\"]}", out);
	}
	fprintf(out, "%s],\n", run->inputs.n ? "\n      " : "");

	/* Invocation: what could not be read or parsed. */
	fprintf(out, "      \"invocations\": [{\"executionSuccessful\": %s, ",
		ka_run_input_trouble(run) || run->oom || r->oom ? "false" : "true");
	for (size_t i = 0; i < run->inputs.n; i++)
		if (!u.relative[i])
			outside = true;
	if (outside) {
		/*
		 * Some input lies outside the repository and the current
		 * directory: its URI is absolute, and GitHub needs the
		 * checkout path to place it (it will still not show it).
		 */
		char *cwd = ka_path_absolute(".");
		char *uri = NULL;

		if (cwd) {
			size_t n = strlen(cwd);
			char *dir = malloc(n + 2);

			if (dir) {
				sprintf(dir, "%s%s", cwd,
					n && cwd[n - 1] == '/' ? "" : "/");
				uri = ka_path_encode("file://", dir);
				free(dir);
			}
			free(cwd);
		}
		if (uri) {
			fputs("\"workingDirectory\": {\"uri\": ", out);
			ka_json_string(out, uri);
			fputs("}, ", out);
			free(uri);
		}
	}
	fputs("\"toolExecutionNotifications\": [", out);
	for (size_t i = 0; i < run->inputs.n; i++) {
		const struct ka_input *in = &run->inputs.v[i];

		if (!u.relative[i]) {
			snprintf(msg, sizeof(msg),
				 "'%s' lies outside the repository and the "
				 "current directory; GitHub cannot show its "
				 "results.", in->path);
			notification(out, &first, "warning", msg, NULL, 0, 0, 0);
		}
		if (in->is_stdin && !r->o.stdin_named)
			notification(out, &first, "note",
				      "Standard input is reported as 'stdin'; "
				      "name it with --stdin-filename.",
				      NULL, 0, 0, 0);
		if (in->status == KA_INPUT_MISSING ||
		    in->status == KA_INPUT_UNREADABLE) {
			snprintf(msg, sizeof(msg), "Cannot %s '%s': %s.",
				 in->status == KA_INPUT_MISSING ? "open" : "read",
				 in->path, in->error ? in->error : "unknown error");
			notification(out, &first, "error", msg, &u, i, 0, 0);
		}
		if (in->status == KA_INPUT_SKIPPED ||
		    in->status == KA_INPUT_EXCLUDED) {
			snprintf(msg, sizeof(msg), "Skipped '%s': %s.", in->path,
				 in->status == KA_INPUT_EXCLUDED
					 ? "excluded by the configuration"
					 : (in->error ? in->error : "not a manifest"));
			notification(out, &first, "note", msg, NULL, 0, 0, 0);
		}
	}
	for (size_t i = 0; i < r->nsyntax; i++) {
		snprintf(msg, sizeof(msg),
			 "A document could not be read and was not audited: %s.",
			 r->syntax[i].message);
		notification(out, &first, "warning", msg, &u, r->syntax[i].input,
			     r->syntax[i].line, r->syntax[i].col);
	}
	fprintf(out, "%s]}]\n    }\n  ]\n}\n", first ? "" : "\n        ");
}

static int end(void *state, const struct ka_run *run)
{
	struct sarif *r = state;
	int rc;

	end_results(r, run);
	rc = r->oom ? -1 : 0;
	free_state(r);
	return rc;
}

const struct ka_reporter ka_reporter_sarif = {
	.name = "sarif",
	.help = "SARIF 2.1.0 for GitHub code scanning",
	.begin = begin,
	.finding = finding,
	.end = end,
};
