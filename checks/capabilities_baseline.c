/*
 * capabilities-baseline: capabilities beyond the container runtime's
 * default set (NET_RAW excepted) widen what a process can do. Mirrors PSA
 * `capabilities_baseline` (baseline, v1.0+), which the restricted level
 * replaces with capabilities_restricted from v1.22. Names are compared
 * exactly: `chown` and `CAP_CHOWN` fail.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_capabilities_baseline;

static const char *const allowed[] = {
    "AUDIT_WRITE", "CHOWN",  "DAC_OVERRIDE",	 "FOWNER",  "FSETID",
    "KILL",	   "MKNOD",  "NET_BIND_SERVICE", "SETFCAP", "SETGID",
    "SETPCAP",	   "SETUID", "SYS_CHROOT",	 NULL,
};

static bool is_allowed(const char *s)
{
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(s, allowed[i]) == 0)
			return true;
	return false;
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *add =
		    ka_map_get(ka_map_get(c->sc, "capabilities"), "add");

		for (size_t j = 0; j < ka_seq_len(add); j++) {
			const struct ka_node *item = ka_seq_at(add, j);
			const char *s = ka_node_str(item);
			char field[64];

			if (!s || is_allowed(s))
				continue;
			snprintf(field, sizeof(field),
				 "securityContext.capabilities.add[%zu]", j);
			ka_report(ctx, &ka_check_capabilities_baseline, c, item,
				  field,
				  "adds %s, beyond the default set; remove it "
				  "from capabilities.add",
				  s);
			ka_report_psa(ctx,
				      "non-default capabilities (container "
				      "\"%s\" must not include \"%s\" in "
				      "securityContext.capabilities.add)",
				      c->name, s);
			ka_report_fix_remove(
			    ctx, &ka_check_capabilities_baseline, add, j);
		}
	}
}

static const struct ka_field fields[] = {
    {"securityContext.capabilities.add", KA_F_SEQ_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_capabilities_baseline = {
    .id = "capabilities-baseline",
    .title = "Container adds a capability beyond the default set",
    .summary =
	"a container adds a capability outside the runtime default set "
	"(NET_RAW, SYS_ADMIN, ...); replaced by `capabilities-restricted` "
	"at restricted from v1.22",
    .compliance = "CIS 5.2.8, CIS 5.2.9",
    .level = KA_LEVEL_ERROR,
    .security_severity = "7.5",
    .risk = "Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or "
	    "NET_RAW give a process powers close to root: mounting "
	    "filesystems, reconfiguring the network, reading other "
	    "processes' memory, forging packets.",
    .remediation =
	"Remove the capability from securityContext.capabilities.add; "
	"the baseline allows only the runtime's default set.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        capabilities:\n"
			      "          add: [SYS_ADMIN]\n",
    .example =
	"securityContext:\n  capabilities:\n    add: [\"NET_BIND_SERVICE\"]\n",
    .psa = "capabilities_baseline",
    .pss = "baseline",
    .replaced = true,
    .replaced_since = KA_PSS_CAPABILITIES,
    .fields = fields,
    .run = run,
};
