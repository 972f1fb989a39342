/*
 * host-ports: a hostPort binds a port on the node's own interfaces,
 * bypassing network policy and exposing the container outside the
 * cluster network. Mirrors PSA `hostPorts` (baseline, v1.0+): any
 * non-zero hostPort fails. API defaulting: in a bare Pod with
 * hostNetwork: true an unset or zero hostPort becomes the containerPort
 * (newer releases no longer default it inside workload templates).
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_host_ports;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	bool host_net = false;
	bool defaulting =
	    strcmp(pod->kind, "Pod") == 0 &&
	    ka_get_bool(pod->spec, "hostNetwork", &host_net, NULL) && host_net;

	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *ports = ka_map_get(c->node, "ports");

		for (size_t j = 0; j < ka_seq_len(ports); j++) {
			const struct ka_node *p = ka_seq_at(ports, j), *n;
			int64_t hp = 0, cp = 0;
			char field[64];

			ka_get_int(p, "hostPort", &hp, &n);
			if (hp == 0 && defaulting &&
			    ka_get_int(p, "containerPort", &cp, NULL) && cp) {
				hp = cp;
				if (!n)
					n = p;
			}
			if (hp == 0)
				continue;
			snprintf(field, sizeof(field), "ports[%zu].hostPort",
				 j);
			ka_report(
			    ctx, &ka_check_host_ports, c, n, field,
			    "opens port %lld on the node; remove hostPort",
			    (long long)hp);
			ka_report_psa(
			    ctx,
			    "hostPort (container \"%s\" uses hostPort "
			    "%lld)",
			    c->name, (long long)hp);
		}
	}
}

static const struct ka_field fields[] = {
    {"ports[].containerPort", KA_F_INT, false},
    {"ports[].hostPort", KA_F_INT, false},
    {"hostNetwork", KA_F_BOOL, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_host_ports = {
    .id = "host-ports",
    .title = "Container binds a port on the node",
    .summary = "a container sets a non-zero `hostPort` (a bare Pod with "
	       "`hostNetwork: true` defaults it to `containerPort`)",
    .compliance = "CIS 5.2.13",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.5",
    .risk = "A hostPort opens the port on every address of the node, "
	    "outside network policies and the cluster's service "
	    "networking, and ties the pod to nodes where the port is free.",
    .remediation = "Remove ports[].hostPort and expose the container "
		   "through a Service.",
    .failing = KA_EXAMPLE_POD "      ports:\n"
			      "        - containerPort: 8080\n"
			      "          hostPort: 8080\n",
    .example = "ports:\n  - containerPort: 8080\n",
    .psa = "hostPorts",
    .pss = "baseline",
    .fields = fields,
    .run = run,
};
