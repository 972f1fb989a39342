/* Absent results: see kaudit/sarif_absent.h. */
#include "kaudit/sarif_absent.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fastio.h"

#include "kaudit/check.h"
#include "kaudit/fingerprint.h"
#include "kaudit/jsonw.h"
#include "kaudit/path.h"

/* The %SRCROOT% URI of what the baseline said: a SARIF log's as it is
 * (when relative), a JSON report's path resolved here; NULL when none. */
static char *uri_of(const struct ka_baseline_said *s)
{
	bool rel = false;
	char *u;

	if (!s->path || !*s->path)
		return NULL;
	if (s->sarif)
		return strstr(s->path, "://") || s->path[0] == '/'
			   ? NULL
			   : strdup(s->path);
	u = ka_path_uri(s->path, &rel);
	if (!rel) {
		free(u);
		return NULL;
	}
	return u;
}

static void result(FILE *out, const struct ka_baseline_said *s,
		   const struct ka_check *c, size_t rule, const char *uri)
{
	int level = s->level ? ka_level_parse(s->level) : -1;

	fputs("\n        {\"ruleId\": ", out);
	ka_json_string(out, c->id);
	fprintf(out,
		", \"ruleIndex\": %zu, \"level\": \"%s\",\n"
		"         \"message\": {\"text\": ",
		rule,
		ka_level_name(level >= 0 ? (enum ka_level)level : c->level));
	ka_json_string(out, s->message && *s->message
				? s->message
				: "A finding of the baseline, absent from this "
				  "run.");
	fputs("},\n         \"locations\": [{\"physicalLocation\": "
	      "{\"artifactLocation\": {\"uri\": ",
	      out);
	ka_json_string(out, uri);
	fprintf(out,
		", \"uriBaseId\": \"%%SRCROOT%%\"}, \"region\": "
		"{\"startLine\": %u",
		s->line);
	if (s->col)
		fprintf(out, ", \"startColumn\": %u", s->col);
	if (s->end_line >= s->line && s->end_col &&
	    (s->end_line > s->line || s->end_col >= s->col))
		fprintf(out, ", \"endLine\": %u, \"endColumn\": %u",
			s->end_line, s->end_col);
	fputs("}}}],\n         \"partialFingerprints\": {", out);
	if (s->line_hash) {
		/* From a SARIF baseline: the hash of the line as it was. */
		fputs("\"primaryLocationLineHash\": ", out);
		ka_json_string(out, s->line_hash);
		fputs(", ", out);
	}
	fprintf(out,
		"\"" KA_FINGERPRINT_KEY "\": \"%016llx:%u\"},\n"
		"         \"baselineState\": \"absent\"}",
		(unsigned long long)s->hash, s->occ);
}

void ka_sarif_absent(FILE *out, const struct ka_baseline *b,
		     const size_t *rule_of, size_t before, size_t room,
		     struct ka_sarif_absent *a)
{
	struct ka_baseline_said s;
	size_t pos = 0;

	memset(a, 0, sizeof(*a));
	while (ka_baseline_next_gone(b, &pos, &s, &a->oom)) {
		const struct ka_check *c =
		    s.check ? ka_registry_find(s.check) : NULL;
		size_t rule =
		    c && rule_of ? rule_of[ka_registry_index(c)] : SIZE_MAX;
		char *uri = rule != SIZE_MAX && s.line ? uri_of(&s) : NULL;

		if (!uri) {
			a->unplaced++;
		} else if (a->written >= room) {
			a->dropped++;
		} else {
			if (before + a->written)
				fputc(',', out);
			result(out, &s, c, rule, uri);
			a->written++;
		}
		free(uri);
		ka_baseline_said_free(&s);
	}
}
