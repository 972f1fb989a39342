/*
 * unsafe-sysctls: a sysctl outside the namespaced, safe set changes
 * kernel behaviour for the whole node or lets the pod degrade it. Mirrors
 * PSA `sysctls` (baseline): only names of spec.securityContext.sysctls
 * are checked, against the allowed set of the policy version (v1.0, and
 * additions in v1.27, v1.29, v1.32, v1.37). Exact names: no `/`-`.`
 * normalisation.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_unsafe_sysctls;

static const struct {
	const char *name;
	int since;
} allowed[] = {
    {"kernel.shm_rmid_forced", 0},
    {"net.ipv4.ip_local_port_range", 0},
    {"net.ipv4.tcp_syncookies", 0},
    {"net.ipv4.ping_group_range", 0},
    {"net.ipv4.ip_unprivileged_port_start", 0},
    {"net.ipv4.ip_local_reserved_ports", 27},
    {"net.ipv4.tcp_keepalive_time", 29},
    {"net.ipv4.tcp_fin_timeout", 29},
    {"net.ipv4.tcp_keepalive_intvl", 29},
    {"net.ipv4.tcp_keepalive_probes", 29},
    {"net.ipv4.tcp_rmem", 32},
    {"net.ipv4.tcp_wmem", 32},
    {"net.ipv4.tcp_slow_start_after_idle", 37},
    {"net.ipv4.tcp_notsent_lowat", 37},
};

static bool is_allowed(const char *name, int version)
{
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (version >= allowed[i].since &&
		    strcmp(name, allowed[i].name) == 0)
			return true;
	return false;
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *list = ka_map_get(pod->sc, "sysctls");

	for (size_t i = 0; i < ka_seq_len(list); i++) {
		const struct ka_node *n;
		const char *name = ka_get_str(ka_seq_at(list, i), "name", &n);
		char field[64];

		if (!name || is_allowed(name, ka_pss_version(ctx)))
			continue;
		snprintf(field, sizeof(field),
			 "securityContext.sysctls[%zu].name", i);
		ka_report(ctx, &ka_check_unsafe_sysctls, NULL, n, field,
			  "pod sets the unsafe sysctl %s; remove it", name);
		ka_report_psa(ctx, "forbidden sysctls (%s)", name);
	}
}

static const struct ka_field fields[] = {
    {"securityContext.sysctls[].name", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_unsafe_sysctls = {
    .id = "unsafe-sysctls",
    .title = "Pod sets an unsafe sysctl",
    .summary = "a pod sysctl outside the allowed set of the policy version",
    .level = KA_LEVEL_ERROR,
    .security_severity = "6.0",
    .risk = "Sysctls outside the safe, namespaced set change kernel "
	    "settings for the whole node or let one pod exhaust resources "
	    "other pods share.",
    .remediation = "Remove the sysctl, or set it on the node instead.",
    .failing = "apiVersion: v1\n"
	       "kind: Pod\n"
	       "metadata:\n"
	       "  name: web\n"
	       "spec:\n"
	       "  securityContext:\n"
	       "    sysctls:\n"
	       "      - name: kernel.msgmax\n"
	       "        value: \"65536\"\n"
	       "  containers:\n"
	       "    - name: app\n"
	       "      image: nginx\n",
    .example = "securityContext:\n  sysctls:\n    - name: "
	       "net.ipv4.ip_local_port_range\n      value: \"32768 60999\"\n",
    .psa = "sysctls",
    .pss = "baseline",
    .fields = fields,
    .run = run,
};
