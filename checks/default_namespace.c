/*
 * default-namespace: an object written with `namespace: default` shares
 * the namespace every unscoped command and every forgotten -n lands in,
 * where policies, quotas and RBAC are rarely set. Only an explicit
 * metadata.namespace of default is reported: an object without one goes
 * where it is applied (-n, the context), which the manifest does not
 * decide; nor does a Helm render's, where `namespace: default` is the
 * release's namespace that `helm template` fills in. CIS 5.7.4.
 */
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_default_namespace;

static void run(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *n;
	const char *ns = ka_get_str(obj->meta, "namespace", &n);

	if (ns && strcmp(ns, "default") == 0 && !ctx->rendered)
		ka_report(ctx, &ka_check_default_namespace, NULL, n,
			  "metadata.namespace",
			  "object is in the default namespace; give it its "
			  "own namespace");
}

const struct ka_check ka_check_default_namespace = {
    .id = "default-namespace",
    .title = "Object is in the default namespace",
    .summary = "an object sets `metadata.namespace: default`",
    .level = KA_LEVEL_NOTE,
    .security_severity = "2.0",
    .risk = "The default namespace is where every unscoped command lands "
	    "and where policies, quotas and RBAC are rarely set: workloads "
	    "there share one boundary with everything put there by mistake.",
    .remediation = "Create a namespace for the application and set it in "
		   "metadata.namespace.",
    .rule = "An object whose metadata.namespace is written as `default`. "
	    "Objects without a namespace, and Helm renders (a `# Source:` "
	    "document, where helm template fills in the release namespace), "
	    "are not reported.",
    .false_positives =
	"A manifest meant for a throwaway cluster (a demo, a test) may "
	"use default on purpose.",
    .failing = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n"
	       "  namespace: default\ndata: {}\n",
    .example = "metadata:\n  name: app\n  namespace: shop\n",
    .compliance = "CIS 5.7.4",
    .run_object = run,
};
