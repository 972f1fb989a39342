/*
 * memory-limit: a container without a memory limit can take the node's
 * memory: the kernel's OOM killer then picks processes of other pods, and
 * one leaking or attacked container takes its neighbours down. Reports an
 * init or regular container (ephemeral containers cannot set resources)
 * whose resources.limits.memory is missing, null, 0 or a quantity the API
 * refuses, unless the pod sets a memory limit for all its containers
 * (spec.resources.limits.memory, pod-level resources). Quantities are
 * read as the API reads them ("512Mi", "1G", "0.5Gi", 1e9). Known false
 * positives: a LimitRange of the namespace gives a default limit, which a
 * manifest does not show; waive those or disable the check.
 */
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/quantity.h"

const struct ka_check ka_check_memory_limit;

/* The memory limit in resources (a mapping): its sign, and its node. */
static enum ka_quantity_sign limit(const struct ka_node *resources,
				   const struct ka_node **at)
{
	const struct ka_node *n =
	    ka_map_get(ka_get_map(resources, "limits"), "memory");
	struct ka_value v;

	*at = n;
	if (!n || !ka_node_is_scalar(n))
		return KA_QUANTITY_INVALID;
	ka_node_value(n, &v);
	switch (v.type) {
	case KA_TYPE_INT:
		return v.i == 0	 ? KA_QUANTITY_ZERO
		       : v.i < 0 ? KA_QUANTITY_NEGATIVE
				 : KA_QUANTITY_POSITIVE;
	case KA_TYPE_FLOAT:
		return v.f == 0	 ? KA_QUANTITY_ZERO
		       : v.f < 0 ? KA_QUANTITY_NEGATIVE
				 : KA_QUANTITY_POSITIVE;
	case KA_TYPE_STR:
		return ka_quantity_sign(ka_node_str(n));
	default:
		*at = v.type == KA_TYPE_NULL ? NULL : n;
		return KA_QUANTITY_INVALID;
	}
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *at;

	if (limit(ka_get_map(pod->spec, "resources"), &at) ==
	    KA_QUANTITY_POSITIVE)
		return;
	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *res = NULL;
		enum ka_quantity_sign s;

		if (strcmp(c->list, "ephemeralContainers") == 0)
			continue;
		ka_map_get_key(c->node, "resources", &res);
		s = limit(ka_get_map(c->node, "resources"), &at);
		if (s == KA_QUANTITY_POSITIVE)
			continue;
		if (!at)
			ka_report(ctx, &ka_check_memory_limit, c,
				  res ? res : c->node,
				  "resources.limits.memory",
				  "has no memory limit; set limits.memory");
		else
			ka_report(ctx, &ka_check_memory_limit, c, at,
				  "resources.limits.memory",
				  "sets memory limit %.40s, which %s; set a "
				  "positive resources.limits.memory",
				  ka_node_deref(at)->u.s.str,
				  s == KA_QUANTITY_ZERO ? "is no limit"
							: "the API refuses");
	}
}

static const struct ka_field fields[] = {
    {"resources.limits", KA_F_MAP, false},
    {"resources.limits", KA_F_MAP, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_memory_limit = {
    .id = "memory-limit",
    .title = "Container has no memory limit",
    .summary = "an init or regular container has no positive "
	       "`resources.limits.memory` (and the pod sets none)",
    .level = KA_LEVEL_WARNING,
    .security_severity = "4.0",
    .risk = "Without a memory limit a container can take the node's memory: "
	    "the kernel's OOM killer then ends processes of other pods, so one "
	    "leaking or attacked container takes its neighbours down (a "
	    "denial of service).",
    .remediation = "Set resources.limits.memory to what the process needs "
		   "(e.g. 512Mi), or a pod-level spec.resources.limits.memory.",
    .rule = "Each init and regular container (ephemeral containers cannot set "
	    "resources) needs resources.limits.memory above zero: missing, "
	    "null, 0 (any spelling: 0Mi, .0Gi) and quantities the API refuses "
	    "(1GB) are reported. Quantities are read as "
	    "resource.ParseQuantity reads them: a signed decimal number with "
	    "one suffix (Ki to Ei, n to E, or an exponent). A pod-level "
	    "spec.resources.limits.memory covers every container.",
    .false_positives =
	"A LimitRange of the namespace gives containers a default limit "
	"that a manifest does not show: waive those, or disable the check "
	"where every namespace has one.",
    .failing = KA_EXAMPLE_POD,
    .example = "resources:\n  limits:\n    memory: 512Mi\n",
    .compliance = "NSA/CISA: resource policies",
    .fields = fields,
    .run = run,
};
