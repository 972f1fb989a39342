/*
 * host-path-volumes: a hostPath volume mounts a directory of the node into
 * the pod; with the node's /, /var/run or /etc the pod owns the node.
 * Mirrors PSA `hostPathVolumes` (baseline, v1.0+); the restricted level
 * uses restrictedVolumes instead, which forbids hostPath too.
 */
#include <stdio.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_host_path_volumes;

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *vols = ka_map_get(pod->spec, "volumes");

	for (size_t i = 0; i < ka_seq_len(vols); i++) {
		const struct ka_node *vol = ka_seq_at(vols, i), *key = NULL;
		const char *name = ka_get_str(vol, "name", NULL);
		char field[64];

		if (!ka_get_set(vol, "hostPath"))
			continue;
		ka_map_get_key(vol, "hostPath", &key);
		snprintf(field, sizeof(field), "volumes[%zu].hostPath", i);
		ka_report(ctx, &ka_check_host_path_volumes, NULL, key, field,
			  "volume '%s' mounts a path of the node; use another "
			  "volume type",
			  name ? name : "");
		ka_report_psa(ctx, "hostPath volumes (volume \"%s\")",
			      name ? name : "");
	}
}

const struct ka_check ka_check_host_path_volumes = {
    .id = "host-path-volumes",
    .title = "Pod mounts a hostPath volume",
    .summary =
	"a volume is a `hostPath` (replaced by `restricted-volume-types` at "
	"restricted)",
    .compliance = "CIS 5.2.12; NSA/CISA: pod security",
    .level = KA_LEVEL_ERROR,
    .security_severity = "8.5",
    .risk = "A hostPath volume exposes the node's filesystem to the pod: "
	    "the container runtime socket, kubelet credentials or system "
	    "binaries are one mount away from a node takeover.",
    .remediation = "Use a persistentVolumeClaim, configMap, secret or "
		   "emptyDir volume instead of hostPath.",
    .failing = KA_EXAMPLE_POD "  volumes:\n"
			      "    - name: docker\n"
			      "      hostPath:\n"
			      "        path: /var/run/docker.sock\n",
    .example = "volumes:\n  - name: data\n    persistentVolumeClaim:\n      "
	       "claimName: data\n",
    .psa = "hostPathVolumes",
    .pss = "baseline",
    .replaced = true,
    .replaced_since = 0,
    .run = run,
};
