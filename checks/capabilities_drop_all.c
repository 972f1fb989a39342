/*
 * capabilities-drop-all: containers start with the runtime's default
 * capability set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID, ...). Dropping
 * ALL removes them. Mirrors the drop half of PSA
 * `capabilities_restricted` (restricted, v1.22+; Windows exempt v1.25+).
 * The match is exact: `all` or `CAP_ALL` do not count, as in PSA.
 */
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_capabilities_drop_all;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	/* Windows pods are exempt from v1.25. */
	if (pod->windows && ka_pss_version(ctx) >= KA_PSS_WINDOWS_EXEMPT)
		return;
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *caps_key = NULL;
		const struct ka_node *caps =
		    ka_map_get_key(c->sc, "capabilities", &caps_key);
		const struct ka_node *drop_key = NULL;
		const struct ka_node *drop =
		    ka_map_get_key(caps, "drop", &drop_key);
		bool all = false;

		for (size_t j = 0; j < ka_seq_len(drop); j++) {
			const char *s = ka_node_str(ka_seq_at(drop, j));

			if (s && strcmp(s, "ALL") == 0)
				all = true;
		}
		if (all)
			continue;
		ka_report(
		    ctx, &ka_check_capabilities_drop_all, c,
		    drop_key   ? drop_key
		    : caps_key ? caps_key
			       : ka_container_where(c),
		    "securityContext.capabilities.drop",
		    "keeps the default capabilities; set capabilities.drop: "
		    "[ALL]");
		ka_report_psa(ctx,
			      "unrestricted capabilities (container \"%s\" "
			      "must set securityContext.capabilities.drop="
			      "[\"ALL\"])",
			      c->name);
		ka_report_fix_item(ctx, &ka_check_capabilities_drop_all,
				   c->node, "securityContext.capabilities.drop",
				   "ALL");
	}
}

static const struct ka_field fields[] = {
    {"securityContext.capabilities.drop", KA_F_SEQ_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_capabilities_drop_all = {
    .id = "capabilities-drop-all",
    .title = "Container does not drop all capabilities",
    .summary =
	"a container's `capabilities.drop` does not contain `ALL` (exact "
	"spelling)",
    .compliance = "CIS 5.2.8, CIS 5.2.10",
    .level = KA_LEVEL_WARNING,
    .security_severity = "6.0",
    .risk = "Without drop: [ALL] the container keeps the runtime's default "
	    "capabilities, such as NET_RAW (spoofed packets), CHOWN and "
	    "DAC_OVERRIDE (bypassing file permissions) and SETUID.",
    .remediation = "Set securityContext.capabilities.drop to [\"ALL\"] and "
		   "add back only what the process needs.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        capabilities:\n"
			      "          drop: [NET_RAW]\n",
    .example = "securityContext:\n  capabilities:\n    drop: [\"ALL\"]\n"
	       "    add: [\"NET_BIND_SERVICE\"]  # only if needed\n",
    .psa = "capabilities_restricted",
    .pss = "restricted",
    .pss_since = KA_PSS_CAPABILITIES,
    .fields = fields,
    .run = run,
};
