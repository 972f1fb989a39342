/*
 * restricted-volume-types: the restricted level allows only volume types
 * that cannot reach the node or network storage directly. Mirrors PSA
 * `restrictedVolumes` (restricted, v1.0+): configMap, csi, downwardAPI,
 * emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret
 * are allowed; hostPath, nfs, iscsi and every other or unknown type fail.
 * A volume with only a name is an emptyDir (API defaulting). A null
 * source is unset.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/scalar.h"

const struct ka_check ka_check_restricted_volume_types;

static const char *const allowed[] = {
    "name",	 "configMap", "csi",   "downwardAPI",
    "emptyDir",	 "ephemeral", "image", "persistentVolumeClaim",
    "projected", "secret",    NULL,
};

struct walk {
	struct ka_ctx *ctx;
	const char *name;
	size_t index;
};

static void source(void *ud, const struct ka_node *key,
		   const struct ka_node *value)
{
	struct walk *w = ud;
	struct ka_value v;
	char field[300];

	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(key->u.s.key, allowed[i]) == 0)
			return;
	ka_node_value(value, &v);
	if (v.type == KA_TYPE_NULL)
		return;
	snprintf(field, sizeof(field), "volumes[%zu].%s", w->index,
		 key->u.s.key);
	ka_report(w->ctx, &ka_check_restricted_volume_types, NULL, key, field,
		  "volume '%s' is a %s volume; use a restricted type", w->name,
		  key->u.s.key);
	ka_report_psa(w->ctx,
		      "restricted volume types (volume \"%s\" uses "
		      "restricted volume type \"%s\")",
		      w->name, key->u.s.key);
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *vols = ka_map_get(pod->spec, "volumes");

	for (size_t i = 0; i < ka_seq_len(vols); i++) {
		const struct ka_node *vol = ka_seq_at(vols, i);
		const char *name = ka_get_str(vol, "name", NULL);
		struct walk w = {ctx, name ? name : "", i};

		ka_map_foreach(vol, source, &w);
	}
}

const struct ka_check ka_check_restricted_volume_types = {
    .id = "restricted-volume-types",
    .title = "Pod uses a volume type the restricted level forbids",
    .summary =
	"a volume type other than configMap, csi, downwardAPI, emptyDir, "
	"ephemeral, image, persistentVolumeClaim, projected, secret",
    .compliance = "CIS 5.2.12",
    .level = KA_LEVEL_ERROR,
    .security_severity = "7.0",
    .risk = "hostPath exposes the node's filesystem; nfs, iscsi, rbd and "
	    "the other network volume types let the pod mount storage "
	    "directly, outside the cluster's access controls.",
    .remediation = "Use a persistentVolumeClaim (or configMap, secret, "
		   "projected, downwardAPI, emptyDir, csi, ephemeral, "
		   "image).",
    .failing = KA_EXAMPLE_POD "  volumes:\n"
			      "    - name: data\n"
			      "      nfs:\n"
			      "        server: nfs.example.com\n"
			      "        path: /exports\n",
    .example = "volumes:\n  - name: data\n    persistentVolumeClaim:\n      "
	       "claimName: data\n",
    .psa = "restrictedVolumes",
    .pss = "restricted",
    .run = run,
};
