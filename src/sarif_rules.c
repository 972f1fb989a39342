/*
 * SARIF rules: one per check that runs, with help text and Markdown, tags
 * (the Pod Security Standards level among them), precision and the
 * documented security-severity.
 */
#include "kaudit/sarif_rules.h"

#include <stdio.h>
#include <string.h>

#include "kaudit/jsonw.h"

/* The Kubernetes page the Pod Security Standards checks decide. */
#define PSS_URI                                                                \
	"https://kubernetes.io/docs/concepts/security/pod-security-standards/"

static void text_prop(FILE *out, const char *name, const char *text)
{
	fprintf(out, "\"%s\": {\"text\": ", name);
	ka_json_string(out, text);
	fputc('}', out);
}

/* ", \"CIS-5.2.6\"" for each "CIS 5.2.6" the compliance text names. */
static void cis_tags(FILE *out, const char *compliance)
{
	for (const char *p = compliance; p && (p = strstr(p, "CIS "));) {
		size_t n;

		p += 4;
		n = strspn(p, "0123456789.");
		while (n && p[n - 1] == '.')
			n--;
		if (n)
			fprintf(out, ", \"CIS-%.*s\"", (int)n, p);
		p += n;
	}
}

static void rule(FILE *out, const struct ka_check *c, enum ka_level level)
{
	char md[8192], text[8192], name[128];
	size_t n = 0;
	bool up = true;

	/* A readable name that differs from the id: the title, PascalCased. */
	for (const char *p = c->title; *p && n + 1 < sizeof(name); p++) {
		bool alnum = (*p >= 'a' && *p <= 'z') ||
			     (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9');

		if (!alnum) {
			up = true;
			continue;
		}
		name[n++] = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
		up = false;
	}
	name[n] = '\0';
	snprintf(text, sizeof(text),
		 "%s\n\nRisk: %s\n\nRemediation: %s\n\n"
		 "Example:\n%s%s%s%s",
		 c->title, c->risk, c->remediation, c->example,
		 c->psa ? "\nPod Security Standards: PSA check " : "",
		 c->psa ? c->psa : "", c->psa ? "\n" : "");
	snprintf(md, sizeof(md),
		 "**%s**\n\n%s\n\n**Remediation:** "
		 "%s\n\n```yaml\n%s```\n\n%s%s%s%s%s"
		 "`kaudit --explain %s` tells more.",
		 c->title, c->risk, c->remediation, c->example,
		 c->psa ? "Pod Security Standards (" : "", c->pss ? c->pss : "",
		 c->psa ? "): PSA check `" : "", c->psa ? c->psa : "",
		 c->psa ? "`.\n\n" : "", c->id);
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
	fputs("}", out);
	/* Only real pages: the Pod Security Standards for their checks. */
	if (c->pss)
		fputs(",\n         \"helpUri\": \"" PSS_URI "\"", out);
	fprintf(
	    out,
	    ",\n         \"defaultConfiguration\": {\"level\": \"%s\"},\n"
	    "         \"properties\": {\"tags\": [%s\"kubernetes\"%s%s%s",
	    ka_level_name(level),
	    c->security_severity ? "\"security\", " : "\"maintainability\", ",
	    c->pss ? ", \"pss-" : "", c->pss ? c->pss : "", c->pss ? "\"" : "");
	cis_tags(out, c->compliance);
	fputs("], \"precision\": \"very-high\", ", out);
	/* A maintenance rule is a problem, not a security alert. */
	if (c->security_severity)
		fprintf(out, "\"security-severity\": \"%s\"}}",
			c->security_severity);
	else
		fprintf(out, "\"problem.severity\": \"%s\"}}",
			level == KA_LEVEL_ERROR	    ? "error"
			: level == KA_LEVEL_WARNING ? "warning"
						    : "recommendation");
}

void ka_sarif_rules(FILE *out, const struct ka_settings *s, size_t *rule_of)
{
	size_t nrules = 0;

	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];

		if (rule_of)
			rule_of[i] = SIZE_MAX; /* not a rule of this run */
		if (!c->input && !s->enabled[i])
			continue;
		if (nrules)
			fputs(",\n", out);
		rule(out, c,
		     s->levels && s->levels[i] >= 0
			 ? (enum ka_level)s->levels[i]
			 : c->level);
		if (rule_of)
			rule_of[i] = nrules;
		nrules++;
	}
}
