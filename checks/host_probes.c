/*
 * host-probes: a probe or lifecycle handler with a `host` makes the
 * kubelet connect to any address it names, from the node: a way to reach
 * node-local or cloud metadata services. Mirrors PSA
 * `hostProbesAndHostLifecycle` (baseline, v1.34+): any non-empty host in
 * httpGet or tcpSocket of a probe or of postStart/preStop fails, even
 * 127.0.0.1.
 */
#include <stdio.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_host_probes;

static void check_handler(struct ka_ctx *ctx, const struct ka_container *c,
			  const struct ka_node *handler, const char *path)
{
	static const char *const kinds[] = {"httpGet", "tcpSocket"};

	for (size_t k = 0; k < 2; k++) {
		const struct ka_node *n;
		const char *host =
		    ka_get_str(ka_map_get(handler, kinds[k]), "host", &n);
		char field[128];

		if (!host || !*host)
			continue;
		snprintf(field, sizeof(field), "%s.%s.host", path, kinds[k]);
		ka_report(ctx, &ka_check_host_probes, c, n, field,
			  "%s.%s targets host '%s'; remove the host", path,
			  kinds[k], host);
		ka_report_psa(ctx,
			      "probe or lifecycle host (container \"%s\" uses "
			      "%s \"%s\")",
			      c->name, field, host);
	}
}

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	static const char *const probes[] = {"livenessProbe", "readinessProbe",
					     "startupProbe"};
	static const char *const hooks[] = {"postStart", "preStop"};
	const struct ka_node *lc = ka_map_get(c->node, "lifecycle");
	char path[64];

	for (size_t p = 0; p < 3; p++)
		check_handler(ctx, c, ka_map_get(c->node, probes[p]),
			      probes[p]);
	for (size_t h = 0; h < 2; h++) {
		snprintf(path, sizeof(path), "lifecycle.%s", hooks[h]);
		check_handler(ctx, c, ka_map_get(lc, hooks[h]), path);
	}
}

static const struct ka_field fields[] = {
    {"livenessProbe.httpGet.host", KA_F_STR, false},
    {"livenessProbe.tcpSocket.host", KA_F_STR, false},
    {"readinessProbe.httpGet.host", KA_F_STR, false},
    {"readinessProbe.tcpSocket.host", KA_F_STR, false},
    {"startupProbe.httpGet.host", KA_F_STR, false},
    {"startupProbe.tcpSocket.host", KA_F_STR, false},
    {"lifecycle.postStart.httpGet.host", KA_F_STR, false},
    {"lifecycle.postStart.tcpSocket.host", KA_F_STR, false},
    {"lifecycle.preStop.httpGet.host", KA_F_STR, false},
    {"lifecycle.preStop.tcpSocket.host", KA_F_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_host_probes = {
    .id = "host-probes",
    .title = "Probe or lifecycle handler targets another host",
    .summary = "a probe or postStart/preStop handler sets a non-empty "
	       "`httpGet.host` or `tcpSocket.host` (v1.34+)",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.0",
    .risk = "The kubelet runs probes and lifecycle handlers from the "
	    "node: a `host` field makes it open connections to any "
	    "address, including node-local and cloud metadata services, "
	    "on the pod author's behalf.",
    .remediation = "Remove the host field; probes then target the pod's "
		   "own IP.",
    .failing = KA_EXAMPLE_POD "      livenessProbe:\n"
			      "        httpGet:\n"
			      "          host: 169.254.169.254\n"
			      "          port: 80\n",
    .example =
	"livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n",
    .psa = "hostProbesAndHostLifecycle",
    .pss = "baseline",
    .pss_since = KA_PSS_HOST_PROBES,
    .fields = fields,
    .run_container = container,
};
