/*
 * emptydir-size-limit: a writable emptyDir without sizeLimit can fill the
 * node's disk (or, with medium: Memory, its RAM) and evict other pods.
 * Not a PSA rule. A volume with a name and no source is an emptyDir
 * (API defaulting). Reported once per volume, at its emptyDir, naming
 * the first container that mounts it writable; every writable mount is a
 * related location, where a waiver comment works too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"
#include "kaudit/scalar.h"

const struct ka_check ka_check_emptydir_size_limit;

/* Each writable mount of the volume: its mountPath (or the mount). */
static void relate_mounts(struct ka_ctx *ctx, const struct ka_named *first,
			  const struct ka_named *end)
{
	for (const struct ka_named *m = first;
	     m < end && strcmp(m->name, first->name) == 0; m++) {
		const struct ka_node *at = ka_map_get(m->node, "mountPath");

		ka_report_related(ctx, at ? at : m->node,
				  "A writable mount of the volume.");
	}
}

/* The sizeLimit --fix gives: the configuration's, else 1Gi. */
static const char *size_limit(const struct ka_ctx *ctx)
{
	size_t n;
	char *const *v = ka_ctx_param(ctx, "emptydir-fix-size-limit", &n);

	return n ? v[0] : KA_FIX_SIZE_LIMIT;
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *vols = ka_map_get(pod->spec, "volumes");
	size_t nmounts = 0;
	struct ka_named *mounts = NULL;

	if (ka_seq_len(vols) &&
	    !(mounts = ka_pod_writable_mounts(pod, &nmounts))) {
		ctx->out->oom = true;
		return;
	}

	for (size_t i = 0; i < ka_seq_len(vols); i++) {
		const struct ka_node *vol = ka_seq_at(vols, i);
		const struct ka_node *key = NULL, *ed, *limit;
		const struct ka_named *m;
		const char *name = ka_get_str(vol, "name", NULL);
		char field[64];

		if (!name || !ka_node_is_map(vol))
			continue;
		if (strcmp(ka_volume_source(vol, &key, &ed), "emptyDir") != 0)
			continue;
		limit = ka_map_get(ed, "sizeLimit");
		if (limit && ka_node_str(limit) != NULL)
			continue;
		if (limit && ka_node_is_scalar(limit)) {
			struct ka_value v;

			ka_node_value(limit, &v);
			if (v.type != KA_TYPE_NULL)
				continue;
		}
		if (!(m = ka_named_first(mounts, nmounts, name)))
			continue;
		snprintf(field, sizeof(field), "volumes[%zu].emptyDir", i);
		ka_report(ctx, &ka_check_emptydir_size_limit, NULL,
			  key ? key : vol, field,
			  "writable emptyDir '%s' has no sizeLimit; set one",
			  name);
		ka_report_fix(ctx, &ka_check_emptydir_size_limit, ed,
			      "sizeLimit", size_limit(ctx));
		relate_mounts(ctx, m, mounts + nmounts);
	}
	free(mounts);
}

static const struct ka_field fields[] = {
    {"volumes[].name", KA_F_STR, true},
    {"volumes[].emptyDir.medium", KA_F_STR, true},
    {"volumes[].emptyDir.sizeLimit", KA_F_QUANTITY, true},
    {"volumeMounts[].name", KA_F_STR, false},
    {"volumeMounts[].readOnly", KA_F_BOOL, false},
    {NULL, 0, false},
};

static const struct ka_param params[] = {
    {.key = "emptydir-fix-size-limit",
     .help = "the sizeLimit --fix gives a writable emptyDir (default 1Gi)",
     .quantity = true},
    {0},
};

const struct ka_check ka_check_emptydir_size_limit = {
    .params = params,
    .id = "emptydir-size-limit",
    .title = "Writable emptyDir volume has no sizeLimit",
    .summary =
	"an emptyDir volume mounted writable has no `sizeLimit` (`medium: "
	"Memory` too)",
    .compliance = "NSA/CISA: resource policies",
    .level = KA_LEVEL_WARNING,
    .security_severity = "4.0",
    .risk = "An unbounded emptyDir lets one container fill the node's "
	    "disk (or memory, for medium: Memory), degrading or evicting "
	    "every other pod on the node.",
    .remediation = "Set emptyDir.sizeLimit to what the process needs.",
    .rule = "A volume whose source is emptyDir (or a named volume with no "
	    "source, which the API makes an emptyDir), mounted by some "
	    "container without readOnly: true, whose emptyDir has no "
	    "sizeLimit (or a null one). Reported once per volume, at its "
	    "emptyDir, with every writable mount as a related location.",
    .false_positives =
	"A LimitRange or ephemeral-storage limits on the containers bound "
	"the disk too; the check does not read them.",
    .failing = KA_EXAMPLE_POD "      volumeMounts:\n"
			      "        - name: tmp\n"
			      "          mountPath: /tmp\n"
			      "  volumes:\n"
			      "    - name: tmp\n"
			      "      emptyDir: {}\n",
    .example =
	"volumes:\n  - name: tmp\n    emptyDir:\n      sizeLimit: 64Mi\n",
    .fields = fields,
    .run = run,
};
