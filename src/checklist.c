/* The registry for people: see kaudit/checklist.h. */
#include "kaudit/checklist.h"

#include <string.h>

#include "kaudit/jsonw.h"
#include "kaudit/policy.h"
#include "kaudit/suggest.h"

size_t ka_checklist_text(FILE *out, const bool *enabled)
{
	size_t off = 0;

	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];
		bool on = c->input || enabled[i];

		off += !on;
		fprintf(out, "%-28s %-8s %-4s %s\n", c->id,
			ka_level_name(c->level), on ? "on" : "off", c->title);
	}
	return off;
}

void ka_checklist_json(FILE *out, const bool *enabled)
{
	struct ka_jw w;

	ka_jw_init(&w, out);
	ka_jw_open(&w, '[');
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];

		ka_jw_item(&w, "\n  ");
		ka_jw_open(&w, '{');
		ka_jw_key(&w, " ", "id");
		ka_json_string(out, c->id);
		ka_jw_key(&w, " ", "level");
		ka_json_string(out, ka_level_name(c->level));
		ka_jw_key(&w, " ", "title");
		ka_json_string(out, c->title);
		ka_jw_key(&w, " ", "enabled");
		fputs(c->input || enabled[i] ? "true" : "false", out);
		ka_jw_key(&w, " ", "input");
		fputs(c->input ? "true" : "false", out);
		ka_jw_key(&w, " ", "psa");
		ka_json_str_or_null(out, c->psa);
		ka_jw_close(&w, NULL, '}');
	}
	ka_jw_close(&w, "\n", ']');
	fputc('\n', out);
}

const char *ka_check_mapping(const struct ka_check *c, char *buf, size_t size)
{
	char since[16] = "", rsince[16] = "";

	if (c->input)
		return "input";
	if (!c->psa)
		return "kaudit";
	if (c->pss_since)
		snprintf(since, sizeof(since), " (v1.%d+)", c->pss_since);
	if (c->psa_restricted && c->psa_restricted_since)
		snprintf(rsince, sizeof(rsince), " (v1.%d+)",
			 c->psa_restricted_since);
	if (c->psa_restricted)
		snprintf(buf, size, "%s: %s%s; restricted: %s%s", c->pss,
			 c->psa, since, c->psa_restricted, rsince);
	else
		snprintf(buf, size, "%s: %s%s", c->pss, c->psa, since);
	return buf;
}

/* The profiles that run c (at the latest policy version), in buf. */
static const char *profiles(const struct ka_check *c, char *buf, size_t size)
{
	size_t n = 0;

	if (c->input)
		return "always";
	if (c->opt_in)
		return "opt-in (`--add`)";
	*buf = '\0';
	for (int p = KA_PROFILE_BASELINE; p <= KA_PROFILE_HARDENED; p++) {
		struct ka_policy pol = {(enum ka_profile)p, KA_PSS_LATEST};

		if (ka_policy_includes(&pol, c) && n < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s",
					      n ? ", " : "",
					      ka_profile_name(pol.profile));
	}
	return buf;
}

void ka_checklist_markdown(FILE *out)
{
	char map[256], prof[64];

	fputs("| id | level | a finding when | profiles | PSS level: PSA "
	      "check |\n"
	      "|---|---|---|---|---|\n",
	      out);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];

		fprintf(out,
			"| [`%s`](doc/checks/%s.md) | %s | %s | %s | %s |\n",
			c->id, c->id, ka_level_name(c->level), c->summary,
			profiles(c, prof, sizeof(prof)),
			ka_check_mapping(c, map, sizeof(map)));
	}
}

void ka_roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '-')
			fputs("\\-", out);
		else if (*s == '\\')
			fputs("\\e", out);
		else if (*s != '`')
			fputc(*s, out);
	}
}

void ka_checklist_man(FILE *out)
{
	char map[256];

	fputs(".SH CHECKS\n", out);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];

		fputs(".TP\n.B ", out);
		ka_roff(out, c->id);
		fprintf(out, "\n(%s; ", ka_level_name(c->level));
		ka_roff(out, ka_check_mapping(c, map, sizeof(map)));
		fputs(") ", out);
		ka_roff(out, c->summary);
		fputs(".\n", out);
	}
	fputs(".PP\n\\fBkaudit \\-\\-explain\\fR \\fIID\\fR tells more about "
	      "each; doc/checks/\\fIID\\fR.md is its reference page.\n",
	      out);
}

static void indented(FILE *out, const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		int n = nl ? (int)(nl - s) : (int)strlen(s);

		fprintf(out, "  %.*s\n", n, s);
		s += n + (nl ? 1 : 0);
	}
}

void ka_check_explain(FILE *out, const struct ka_check *c)
{
	fprintf(out, "%s: %s\n\nLevel: %s (%s%s%s)%s\n", c->id, c->title,
		ka_level_name(c->level),
		c->security_severity ? "security severity " : "maintenance",
		c->security_severity ? c->security_severity : "",
		c->security_severity ? "" : ", not a security alert",
		c->input ? ", always on" : "");
	if (c->psa)
		fprintf(
		    out,
		    "Pod Security Standards: %s level, PSA check %s%s%s "
		    "(from v1.%d)\n",
		    c->pss, c->psa,
		    c->psa_restricted ? ", and under the restricted profile "
				      : "",
		    c->psa_restricted ? c->psa_restricted : "", c->pss_since);
	if (c->compliance)
		fprintf(out, "Controls: %s\n", c->compliance);
	fprintf(out, "\nRisk:\n  %s\n\n", c->risk);
	if (c->rule)
		fprintf(out, "Rule:\n  %s\n\nKnown false positives:\n  %s\n\n",
			c->rule, c->false_positives);
	fprintf(out, "Remediation:\n  %s\n\nExample:\n", c->remediation);
	indented(out, c->example);
}

void ka_check_markdown(FILE *out, const struct ka_check *c)
{
	char map[256];

	fprintf(out, "# `%s`: %s\n\n", c->id, c->title);
	fprintf(out, "A finding when %s.\n\n", c->summary);
	fprintf(out,
		"| level | SARIF security-severity | PSS level: PSA check |\n"
		"|---|---|---|\n| %s | %s | %s |\n\n",
		ka_level_name(c->level),
		c->security_severity ? c->security_severity
				     : "none (maintenance)",
		ka_check_mapping(c, map, sizeof(map)));
	if (c->input)
		fputs("An input problem: it always runs, whatever the "
		      "profile.\n\n",
		      out);
	if (c->compliance)
		fprintf(out, "Controls: %s.\n\n", c->compliance);
	fprintf(out, "## Risk\n\n%s\n\n", c->risk);
	if (c->rule)
		fprintf(out,
			"## Rule\n\n%s\n\n## Known false positives\n\n%s\n\n",
			c->rule, c->false_positives);
	fprintf(out, "## Fix\n\n%s\n\n", c->remediation);
	fprintf(out,
		"## Example\n\nA manifest it reports:\n\n```yaml\n%s```\n\n"
		"The fix:\n\n```yaml\n%s%s```\n",
		c->failing, c->example,
		c->example[0] && c->example[strlen(c->example) - 1] == '\n'
		    ? ""
		    : "\n");
	if (c->params) {
		fputs("\n## Parameters (.kaudit.yaml)\n\n", out);
		for (const struct ka_param *p = c->params; p->key; p++)
			fprintf(out, "- `%s`: %s\n", p->key, p->help);
	}
	fprintf(out,
		"\nWaive it with `# kaudit:ignore %s <reason>` on the line, "
		"or the annotation `ignore.kaudit.dev/%s: <reason>`.\n",
		c->id, c->id);
}

const char *ka_checklist_hint(const char *id, char *buf, size_t size)
{
	struct ka_suggest s;

	ka_suggest_init(&s, id);
	for (size_t i = 0; i < ka_registry_len; i++)
		ka_suggest_try(&s, ka_registry[i]->id);
	return ka_suggest_hint(&s, buf, size);
}
