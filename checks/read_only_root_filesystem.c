/*
 * read-only-root-filesystem: a writable root filesystem lets an attacker
 * drop tools and change binaries and configuration inside the container.
 * Not a PSA rule. Windows pods are skipped (the API forbids the field).
 * Known false positives: images that write to their root filesystem need
 * an emptyDir mount for those paths first.
 */
#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"

const struct ka_check ka_check_read_only_root_filesystem;

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const struct ka_node *n;
	bool v, set;

	if (ctx->pod->windows)
		return;
	if ((set = ka_get_bool(c->sc, "readOnlyRootFilesystem", &v, &n)) && v)
		return;
	ka_report(ctx, &ka_check_read_only_root_filesystem, c,
		  n ? n : ka_container_where(c),
		  "securityContext.readOnlyRootFilesystem",
		  set ? "sets readOnlyRootFilesystem: false; make it true"
		      : "has a writable root filesystem; set "
			"readOnlyRootFilesystem: true");
	ka_report_fix(ctx, &ka_check_read_only_root_filesystem, c->node,
		      "securityContext.readOnlyRootFilesystem", "true");
}

static const struct ka_field fields[] = {
    {"securityContext.readOnlyRootFilesystem", KA_F_BOOL, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_read_only_root_filesystem = {
    .id = "read-only-root-filesystem",
    .title = "Container root filesystem is writable",
    .summary =
	"a container does not set `readOnlyRootFilesystem: true` (not for "
	"`spec.os.name: windows`)",
    .compliance = "CIS 5.7.3; NSA/CISA: immutable container file systems",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.5",
    .risk = "A writable root filesystem lets a compromised process "
	    "download tools, replace binaries and alter configuration, "
	    "and hides those changes until the container is replaced.",
    .remediation = "Set securityContext.readOnlyRootFilesystem to true and "
		   "mount a bounded emptyDir where the process must write.",
    .rule = "A container whose securityContext.readOnlyRootFilesystem is not "
	    "true (missing, false, or a value of another type). Pods with "
	    "spec.os.name: windows are skipped (the API forbids the field "
	    "there).",
    .false_positives =
	"Images that write to their root filesystem (caches, PID files) "
	"need an emptyDir mounted over those paths first; until then, "
	"waive them.",
    .failing = KA_EXAMPLE_POD "      securityContext:\n"
			      "        readOnlyRootFilesystem: false\n",
    .example = "securityContext:\n  readOnlyRootFilesystem: true\n"
	       "volumeMounts:\n  - name: tmp\n    mountPath: /tmp\n"
	       "# in the pod spec:\n# volumes:\n#   - name: tmp\n"
	       "#     emptyDir: {sizeLimit: 64Mi}\n",
    .fields = fields,
    .run_container = container,
};
