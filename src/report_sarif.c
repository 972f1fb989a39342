#define _GNU_SOURCE /* the *_unlocked stdio calls */
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

#include "kaudit/report.h"
#include "fastio.h"
#include "kaudit/suppress.h"
#include "version.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://kaudit.dev/"

/* Lexically clean an absolute path in place (Go's path.Clean). */
static void clean_abs(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		char *seg;
		size_t len;

		while (*in == '/')
			in++;
		if (!*in)
			break;
		seg = in;
		while (*in && *in != '/')
			in++;
		len = (size_t)(in - seg);
		if (len == 1 && seg[0] == '.')
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, len);
		out += len;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/* The absolute, cleaned form of path; symlinks resolved when it exists. */
static char *absolute(const char *path)
{
	char *r = realpath(path, NULL);
	char cwd[PATH_MAX];
	char *p;

	if (r)
		return r;
	if (path[0] == '/') {
		p = strdup(path);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		p = malloc(strlen(cwd) + strlen(path) + 2);
		if (p)
			sprintf(p, "%s/%s", cwd, path);
	}
	if (p)
		clean_abs(p);
	return p;
}

/* The nearest directory above abs holding .git, or NULL. */
static char *git_root(const char *abs)
{
	char *dir = strdup(abs);
	struct stat st;

	if (!dir)
		return NULL;
	for (;;) {
		char *slash = strrchr(dir, '/');
		char probe[PATH_MAX];

		if (!slash)
			break;
		*slash = '\0';
		snprintf(probe, sizeof(probe), "%s/.git", *dir ? dir : "");
		if (stat(probe, &st) == 0) {
			if (!*dir)
				strcpy(dir, "/");
			return dir;
		}
		if (!*dir)
			break;
	}
	free(dir);
	return NULL;
}

/* abs relative to root (both clean), or NULL when it is not below it. */
static const char *below(const char *abs, const char *root)
{
	size_t n = strlen(root);

	if (n == 1 && root[0] == '/')
		return abs + 1;
	if (strncmp(abs, root, n) == 0 && abs[n] == '/')
		return abs + n + 1;
	return NULL;
}

static char *encode(const char *prefix, const char *s)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";
	size_t n = strlen(prefix) + 3 * strlen(s) + 1;
	char *out = malloc(n), *o;

	if (!out)
		return NULL;
	o = out + sprintf(out, "%s", prefix);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

char *ka_sarif_uri(const char *path, bool *relative)
{
	char *abs = absolute(path), *root = NULL, *uri = NULL;
	const char *rel = NULL;

	if (!abs)
		return NULL;
	root = git_root(abs);
	if (root)
		rel = below(abs, root);
	if (!rel) {
		free(root);
		root = absolute(".");
		if (root)
			rel = below(abs, root);
	}
	*relative = rel != NULL;
	uri = rel ? encode("", rel) : encode("file://", abs);
	free(root);
	free(abs);
	return uri;
}

/* FNV-1a, 64 bits. */
static uint64_t fnv(uint64_t h, const char *s, bool skip_digits)
{
	for (; *s; s++) {
		if (skip_digits && *s >= '0' && *s <= '9')
			continue;
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff; /* field separator */
	h *= 0x100000001b3ULL;
	return h;
}

/*
 * The finding's logical identity, not its line: check, file, resource,
 * container and field. Input problems have no resource, so their message
 * stands in, without digits (they carry line numbers).
 */
static uint64_t identity(const struct ka_finding *f, const char *uri)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv(h, f->check->id, false);
	h = fnv(h, uri, false);
	h = fnv(h, f->kind, false);
	h = fnv(h, f->ns, false);
	h = fnv(h, f->name, false);
	h = fnv(h, f->container, false);
	h = fnv(h, f->field, false);
	if (!*f->field)
		h = fnv(h, f->message, true);
	return h;
}

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
		char *uri = ka_sarif_uri(f->tmpl_path, &rel);

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
		char *uri = encode("", f->source);

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
static bool ensure_uri(struct ka_renderer *r, const struct ka_run *run,
		       size_t i)
{
	if (r->nuris < run->ninputs) {
		char **u = realloc(r->uris, run->ninputs * sizeof(*u));
		bool *rel;

		if (!u)
			return false;
		r->uris = u;
		rel = realloc(r->relative, run->ninputs * sizeof(*rel));
		if (!rel)
			return false;
		r->relative = rel;
		for (size_t k = r->nuris; k < run->ninputs; k++) {
			r->uris[k] = NULL;
			r->relative[k] = false;
		}
		r->nuris = run->ninputs;
	}
	if (r->uris[i])
		return true;
	if (run->inputs[i].is_stdin && !r->sarif.stdin_named) {
		r->uris[i] = strdup("stdin");
		r->relative[i] = true;
	} else {
		r->uris[i] = ka_sarif_uri(run->inputs[i].path, &r->relative[i]);
	}
	return r->uris[i] != NULL;
}

static void counts_reset(struct ka_counts *c)
{
	c->n = 0;
	if (c->cap)
		memset(c->keys, 0, c->cap * sizeof(*c->keys));
}

/* Add one to key's count and return it; 0 when memory runs out. */
static unsigned counts_bump(struct ka_counts *c, uint64_t key)
{
	size_t mask, i;

	if (key == 0)
		key = 1; /* 0 marks an empty slot */
	if ((c->n + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		uint64_t *keys = calloc(cap, sizeof(*keys));
		unsigned *counts = calloc(cap, sizeof(*counts));

		if (!keys || !counts) {
			free(keys);
			free(counts);
			return 0;
		}
		for (size_t k = 0; k < c->cap; k++) {
			if (!c->keys[k])
				continue;
			for (i = c->keys[k] & (cap - 1); keys[i]; i = (i + 1) & (cap - 1))
				;
			keys[i] = c->keys[k];
			counts[i] = c->counts[k];
		}
		free(c->keys);
		free(c->counts);
		c->keys = keys;
		c->counts = counts;
		c->cap = cap;
	}
	mask = c->cap - 1;
	for (i = key & mask; c->keys[i] && c->keys[i] != key; i = (i + 1) & mask)
		;
	if (!c->keys[i]) {
		c->keys[i] = key;
		c->counts[i] = 0;
		c->n++;
	}
	return ++c->counts[i];
}

/*
 * The occurrence number of identity h: how many findings of the file
 * before this one share it. Resource findings count per document, and
 * their identity includes how often the resource appeared earlier in the
 * file; input problems (no resource) count per file.
 */
static unsigned occurrence(struct ka_renderer *r, const struct ka_finding *f,
			   uint64_t *h)
{
	unsigned n;

	if (f->input != r->cur_input) {
		r->cur_input = f->input;
		r->cur_doc = (size_t)-1;
		counts_reset(&r->per_file);
		counts_reset(&r->resources);
	}
	if (!*f->kind) {
		n = counts_bump(&r->per_file, *h);
		if (!n)
			r->oom = true;
		return n ? n : 1;
	}
	if (f->doc != r->cur_doc) {
		r->cur_doc = f->doc;
		r->cur_resource = 0;
		counts_reset(&r->per_doc);
	}
	{
		uint64_t res = fnv(fnv(fnv(0xcbf29ce484222325ULL, f->kind, false),
				       f->ns, false), f->name, false);

		if (res != r->cur_resource) {
			r->cur_resource = res;
			r->cur_resource_seen = counts_bump(&r->resources, res);
			if (!r->cur_resource_seen) {
				r->oom = true;
				r->cur_resource_seen = 1;
			}
		}
	}
	/* The same resource again later in the file: a new identity. */
	if (r->cur_resource_seen > 1)
		*h = (*h ^ r->cur_resource_seen) * 0x100000001b3ULL;
	n = counts_bump(&r->per_doc, *h);
	if (!n)
		r->oom = true;
	return n ? n : 1;
}

void ka_sarif_begin(struct ka_renderer *r, const struct ka_run *run)
{
	FILE *out = r->out;
	size_t nrules = 0;

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

		if (!c->input && !run->enabled[i])
			continue;
		if (nrules)
			fputs(",\n", out);
		rule(out, c, run->levels && run->levels[i] >= 0
				     ? (enum ka_level)run->levels[i]
				     : c->level);
		if (r->rule_of)
			r->rule_of[i] = nrules;
		nrules++;
	}
	fputs("]}},\n", out);
	if (r->sarif.category) {
		fputs("      \"automationDetails\": {\"id\": ", out);
		ka_json_string(out, r->sarif.category);
		fputs("},\n", out);
	}
	fputs("      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "
	      "{\"text\": \"The repository root: the git top level of the "
	      "scanned files, else the directory kaudit ran in.\"}}},\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [", out);
}

void ka_sarif_finding(struct ka_renderer *r, const struct ka_run *run,
		      const struct ka_finding *f)
{
	struct uris u;
	uint64_t h;
	unsigned n;

	if (!ensure_uri(r, run, f->input)) {
		r->oom = true;
		return;
	}
	u.uri = r->uris;
	u.relative = r->relative;
	h = identity(f, r->uris[f->input]);
	n = occurrence(r, f, &h);
	fprintf(r->out, "%s\n", r->emitted ? "," : "");
	result(r->out, run, &u, f,
	       r->rule_of ? r->rule_of[ka_registry_index(f->check)] : 0, h, n);
	if (f->check == &ka_check_yaml_syntax) {
		struct ka_sarif_syntax *sx;

		if (r->nsyntax == r->capsyntax) {
			size_t cap = r->capsyntax ? r->capsyntax * 2 : 16;

			sx = realloc(r->syntax, cap * sizeof(*sx));
			if (!sx) {
				r->oom = true;
				return;
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
	}
}

void ka_sarif_end(struct ka_renderer *r, const struct ka_run *run)
{
	FILE *out = r->out;
	bool first = true, outside = false;
	char msg[1024];
	struct uris u;

	for (size_t i = 0; i < run->ninputs; i++)
		if (!ensure_uri(r, run, i)) {
			r->oom = true;
			fputs("kaudit: error: out of memory\n", stderr);
			return;
		}
	u.uri = r->uris;
	u.relative = r->relative;
	fprintf(out, "%s],\n", r->emitted ? "\n      " : "");

	/* Artifacts: every input, in input order (result index points here). */
	fputs("      \"artifacts\": [", out);
	for (size_t i = 0; i < run->ninputs; i++) {
		fprintf(out, "%s\n        {\"location\": {\"uri\": ", i ? "," : "");
		ka_json_string(out, u.uri[i]);
		if (u.relative[i])
			fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
		fputs("}, \"roles\": [\"analysisTarget\"]}", out);
	}
	fprintf(out, "%s],\n", run->ninputs ? "\n      " : "");

	/* Invocation: what could not be read or parsed. */
	fprintf(out, "      \"invocations\": [{\"executionSuccessful\": %s, ",
		r->sarif.execution_ok ? "true" : "false");
	for (size_t i = 0; i < run->ninputs; i++)
		if (!u.relative[i])
			outside = true;
	if (outside) {
		/*
		 * Some input lies outside the repository and the current
		 * directory: its URI is absolute, and GitHub needs the
		 * checkout path to place it (it will still not show it).
		 */
		char *cwd = absolute(".");
		char *uri = NULL;

		if (cwd) {
			size_t n = strlen(cwd);
			char *dir = malloc(n + 2);

			if (dir) {
				sprintf(dir, "%s%s", cwd,
					n && cwd[n - 1] == '/' ? "" : "/");
				uri = encode("file://", dir);
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
	for (size_t i = 0; i < run->ninputs; i++) {
		const struct ka_input *in = &run->inputs[i];

		if (!u.relative[i]) {
			snprintf(msg, sizeof(msg),
				 "'%s' lies outside the repository and the "
				 "current directory; GitHub cannot show its "
				 "results.", in->path);
			notification(out, &first, "warning", msg, NULL, 0, 0, 0);
		}
		if (in->is_stdin && !r->sarif.stdin_named)
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
