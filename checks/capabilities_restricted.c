/*
 * capabilities-restricted: any added capability other than
 * NET_BIND_SERVICE widens what a compromised process can do. Mirrors the
 * add half of PSA `capabilities_restricted` (restricted, v1.22+; Windows
 * pods exempt v1.25+). Names are compared exactly, as PSA does.
 * .kaudit.yaml allowed-capabilities extends the accepted list (PSA's
 * restricted level would still reject them).
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_capabilities_restricted;

/* .kaudit.yaml allowed-capabilities extends what may be added. */
static bool config_allows(const struct ka_ctx *ctx, const char *cap)
{
	size_t n;
	char *const *allowed = ka_ctx_param(ctx, "allowed-capabilities", &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(allowed[i], cap) == 0)
			return true;
	return false;
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	/* Windows pods are exempt from v1.25. */
	if (pod->windows && ka_pss_version(ctx) >= KA_PSS_WINDOWS_EXEMPT)
		return;
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *add =
		    ka_map_get(ka_map_get(c->sc, "capabilities"), "add");

		for (size_t j = 0; j < ka_seq_len(add); j++) {
			const struct ka_node *item = ka_seq_at(add, j);
			const char *s = ka_node_str(item);
			char field[64];

			if (!s || strcmp(s, "NET_BIND_SERVICE") == 0 ||
			    config_allows(ctx, s))
				continue;
			snprintf(field, sizeof(field),
				 "securityContext.capabilities.add[%zu]", j);
			ka_report(
			    ctx, &ka_check_capabilities_restricted, c, item,
			    field,
			    "adds %s; add only NET_BIND_SERVICE (restricted)",
			    s);
			ka_report_psa(ctx,
				      "unrestricted capabilities (container "
				      "\"%s\" must not include \"%s\" in "
				      "securityContext.capabilities.add)",
				      c->name, s);
			ka_report_fix_remove(
			    ctx, &ka_check_capabilities_restricted, add, j);
		}
	}
}

static const struct ka_param params[] = {
    {.key = "allowed-capabilities",
     .help = "capabilities a container may add besides NET_BIND_SERVICE"},
    {0},
};

static const struct ka_field fields[] = {
    {"securityContext.capabilities.add", KA_F_SEQ_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_capabilities_restricted = {
    .id = "capabilities-restricted",
    .title = "Container adds a capability other than NET_BIND_SERVICE",
    .summary = "a container adds a capability other than `NET_BIND_SERVICE`",
    .compliance = "CIS 5.2.8, CIS 5.2.9",
    .level = KA_LEVEL_ERROR,
    .security_severity = "7.5",
    .risk = "Added capabilities give a process root-like powers: "
	    "SYS_ADMIN is nearly root, NET_ADMIN reconfigures the network, "
	    "SYS_PTRACE reads other processes' memory.",
    .remediation =
	"Remove the capability from securityContext.capabilities.add; "
	"only NET_BIND_SERVICE is allowed.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        capabilities:\n"
			      "          add: [NET_ADMIN]\n",
    .example = "securityContext:\n  capabilities:\n    drop: [\"ALL\"]\n"
	       "    add: [\"NET_BIND_SERVICE\"]\n",
    .psa = "capabilities_restricted",
    .pss = "restricted",
    .pss_since = KA_PSS_CAPABILITIES,
    .params = params,
    .fields = fields,
    .run = run,
};
