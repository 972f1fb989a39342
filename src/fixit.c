/* The fix-it note: see kaudit/fixit.h. */
#include "kaudit/fixit.h"

#include <string.h>

#include "kaudit/clean.h"
#include "kaudit/run.h"

/* Each settable fix: the check, the YAML lines (relative indent). */
static const struct {
	const char *check;
	const char *yaml; /* lines under securityContext, "\n"-separated */
	const char *flow; /* the same, for a flow mapping */
} fixes[] = {
    {"allow-privilege-escalation", "allowPrivilegeEscalation: false",
     "allowPrivilegeEscalation: false"},
    {"capabilities-drop-all", "capabilities:\n  drop: [ALL]",
     "capabilities: {drop: [ALL]}"},
    {"privileged", "privileged: false", "privileged: false"},
    {"proc-mount", "procMount: Default", "procMount: Default"},
    {"read-only-root-filesystem", "readOnlyRootFilesystem: true",
     "readOnlyRootFilesystem: true"},
    {"run-as-non-root", "runAsNonRoot: true", "runAsNonRoot: true"},
    {"seccomp-profile", "seccompProfile:\n  type: RuntimeDefault",
     "seccompProfile: {type: RuntimeDefault}"},
    {"seccomp-unconfined", "seccompProfile:\n  type: RuntimeDefault",
     "seccompProfile: {type: RuntimeDefault}"},
    {"apparmor-profile", "appArmorProfile:\n  type: RuntimeDefault",
     "appArmorProfile: {type: RuntimeDefault}"},
};
#define NFIXES (sizeof(fixes) / sizeof(fixes[0]))

static int fix_of(const struct ka_finding *f)
{
	for (size_t i = 0; i < NFIXES; i++)
		if (strcmp(fixes[i].check, f->check->id) == 0)
			return (int)i;
	return -1;
}

static bool same(const struct ka_fixit *x, const struct ka_finding *f)
{
	return x->open && x->input == f->input && x->doc == f->doc &&
	       x->line == f->fix_line && x->col == f->fix_col;
}

/* Fix i sets what an earlier fix in the set already sets. */
static bool repeated(unsigned set, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (set & (1u << j) &&
		    strcmp(fixes[j].yaml, fixes[i].yaml) == 0)
			return true;
	return false;
}

/* The YAML of fix i, each line indented by n spaces (and 2 more under
 * securityContext). */
static void block_lines(FILE *out, const char *yaml, unsigned n)
{
	for (const char *p = yaml; *p;) {
		size_t len = strcspn(p, "\n");

		fprintf(out, "%*s%.*s\n", (int)n, "", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

void ka_fixit_flush(struct ka_fixit *x, FILE *out, bool colour)
{
	unsigned indent = x->col > 1 ? x->col - 1 : 0;
	bool first = true;

	if (!x->open || !x->fixes) {
		x->open = false;
		return;
	}
	ka_clean(out, x->path);
	fprintf(out, ":%u:%u: %snote:%s container '", x->line, x->col,
		colour ? "\033[1;36m" : "", colour ? "\033[0m" : "");
	ka_clean(out, x->container);
	fprintf(out, "': %s closes %u of its findings:\n",
		x->has_sc ? "setting these in its securityContext"
			  : "this securityContext",
		x->closed);
	if (x->flow) {
		fprintf(out, "%*ssecurityContext: {", (int)indent, "");
		for (size_t i = 0; i < NFIXES; i++)
			if (x->fixes & (1u << i) && !repeated(x->fixes, i)) {
				fprintf(out, "%s%s", first ? "" : ", ",
					fixes[i].flow);
				first = false;
			}
		fputs("}\n", out);
	} else {
		fprintf(out, "%*ssecurityContext:\n", (int)indent, "");
		for (size_t i = 0; i < NFIXES; i++)
			if (x->fixes & (1u << i) && !repeated(x->fixes, i))
				block_lines(out, fixes[i].yaml, indent + 2);
	}
	x->open = false;
}

void ka_fixit_add(struct ka_fixit *x, FILE *out, const struct ka_run *run,
		  const struct ka_finding *f, bool colour)
{
	int i;

	/* Another container, or another document: the note of the last.
	 * A pod-level finding or an input problem in between (a duplicate
	 * key inside the container) does not end the container's run. */
	if (x->open && !same(x, f) &&
	    (f->fix_line || x->input != f->input || x->doc != f->doc))
		ka_fixit_flush(x, out, colour);
	if (!*f->container || !f->fix_line || f->source || f->tmpl_path ||
	    f->waiver || (i = fix_of(f)) < 0)
		return;
	if (!x->open) {
		memset(x, 0, sizeof(*x));
		x->open = true;
		x->input = f->input;
		x->doc = f->doc;
		x->line = f->fix_line;
		x->col = f->fix_col;
		x->flow = f->fix_flow;
		x->has_sc = f->fix_has_sc;
		snprintf(x->container, sizeof(x->container), "%s",
			 f->container);
		snprintf(x->path, sizeof(x->path), "%s",
			 run->inputs.v[f->input].path);
	}
	x->fixes |= 1u << i;
	x->closed++;
}
