/*
 * network-policy-missing: pods that no NetworkPolicy selects accept
 * traffic from every pod of the cluster and reach anything: one taken
 * pod reaches them all. Reports a workload whose pod template no
 * NetworkPolicy of the scan selects: the policies of the same namespace
 * (as written; both unset counts as the same), their spec.podSelector
 * evaluated as the API evaluates label selectors (matchLabels and
 * matchExpressions with In, NotIn, Exists, DoesNotExist; an empty
 * selector selects every pod; a selector the API refuses selects none).
 * Pods on the host network are left out: a NetworkPolicy does not apply
 * to them. Decided when the whole scan is read; the message names the
 * policies considered. Opt-in (--add network-policy-missing): a scan
 * often holds only part of a namespace, and its policies may live
 * elsewhere. CIS 5.3.2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/facts.h"
#include "kaudit/findings.h"

const struct ka_check ka_check_network_policy_missing;

struct enc {
	char *buf;
	size_t len;
	bool oom, bad;
};

static void put(struct enc *e, const char *s)
{
	if (!e->oom && ka_facts_encode(&e->buf, &e->len, s, strlen(s)) < 0)
		e->oom = true;
}

/* matchLabels: each key=value as an In requirement. */
static void match_label(void *ud, const struct ka_node *k,
			const struct ka_node *v)
{
	struct enc *e = ud;
	const char *val = ka_node_str(v);

	if (!val || !k->u.s.key) {
		e->bad = true;
		return;
	}
	put(e, "In");
	put(e, k->u.s.key);
	put(e, "1");
	put(e, val);
}

static void expression(struct enc *e, const struct ka_node *x)
{
	const char *key = ka_get_str(x, "key", NULL);
	const char *op = ka_get_str(x, "operator", NULL);
	const struct ka_node *vals = ka_get_set(x, "values");
	bool set = op && (!strcmp(op, "In") || !strcmp(op, "NotIn"));
	char count[32];

	if (!key || !op ||
	    (!set && strcmp(op, "Exists") && strcmp(op, "DoesNotExist")) ||
	    (set != (ka_seq_len(vals) > 0)) ||
	    (vals && !ka_node_is_seq(vals))) {
		e->bad = true;
		return;
	}
	snprintf(count, sizeof(count), "%zu", ka_seq_len(vals));
	put(e, op);
	put(e, key);
	put(e, count);
	for (size_t i = 0; i < ka_seq_len(vals); i++) {
		const char *v = ka_node_str(ka_seq_at(vals, i));

		if (!v) {
			e->bad = true;
			return;
		}
		put(e, v);
	}
}

/* A NetworkPolicy: its name, then its pod selector, as a fact. */
static void policy(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	const struct ka_node *sel =
	    ka_get_set(ka_get_map(obj->object, "spec"), "podSelector");
	const struct ka_node *exprs = ka_get_set(sel, "matchExpressions");
	struct enc e = {0};
	char key[300];

	if (strlen(obj->ns) > 253)
		return;
	put(&e, obj->name);
	if (sel && !ka_node_is_map(sel))
		e.bad = true;
	ka_map_foreach(ka_get_set(sel, "matchLabels"), match_label, &e);
	if (ka_get_set(sel, "matchLabels") &&
	    !ka_node_is_map(ka_get_set(sel, "matchLabels")))
		e.bad = true;
	if (exprs && !ka_node_is_seq(exprs))
		e.bad = true;
	for (size_t i = 0; !e.bad && i < ka_seq_len(exprs); i++)
		expression(&e, ka_seq_at(exprs, i));
	if (e.bad) {
		/* Refused by the API: it selects nothing. */
		e.len = 0;
		put(&e, obj->name);
		put(&e, "!");
	}
	snprintf(key, sizeof(key), "np:%s", obj->ns);
	if (!e.oom)
		ka_report_fact(ctx, &ka_check_network_policy_missing,
			       obj->object, key, e.buf, e.len);
	free(e.buf);
}

static void run_object(struct ka_ctx *ctx, const struct ka_pod *obj)
{
	if (strcmp(obj->kind, "NetworkPolicy") == 0)
		policy(ctx, obj);
}

static void label(void *ud, const struct ka_node *k, const struct ka_node *v)
{
	struct enc *e = ud;
	const char *val = ka_node_str(v);

	if (val && k->u.s.key) {
		put(e, k->u.s.key);
		put(e, val);
	}
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	struct enc e = {0};
	char key[300];
	bool host;

	if (ka_get_bool(pod->spec, "hostNetwork", &host, NULL) && host)
		return;
	if (strlen(pod->ns) > 253)
		return;
	ka_map_foreach(ka_get_map(pod->pod_meta, "labels"), label, &e);
	if (e.oom) {
		free(e.buf);
		return;
	}
	ka_report(ctx, &ka_check_network_policy_missing, NULL,
		  ka_pod_where(pod), "",
		  "pods are selected by no NetworkPolicy; add one");
	snprintf(key, sizeof(key), "np:%s", pod->ns);
	ka_report_when(ctx, KA_COND_UNSELECTED, key, e.buf ? e.buf : "", e.len);
	free(e.buf);
}

const struct ka_check ka_check_network_policy_missing = {
    .id = "network-policy-missing",
    .title = "Pods are selected by no NetworkPolicy",
    .summary = "no NetworkPolicy of the scan in the workload's namespace "
	       "selects its pods (opt-in)",
    .level = KA_LEVEL_WARNING,
    .security_severity = "5.0",
    .risk = "A pod that no NetworkPolicy selects accepts connections from "
	    "every pod of the cluster and reaches anything: an attacker who "
	    "takes one pod reaches it, and from it everything else.",
    .remediation = "Add a NetworkPolicy in the namespace that selects the "
		   "pods (a default-deny policy with podSelector: {} and "
		   "policies that allow the traffic they need).",
    .rule = "For each workload, the NetworkPolicies of the scan in its "
	    "namespace (as written) are considered; a policy selects the pod "
	    "template's labels when every requirement of its spec.podSelector "
	    "holds (matchLabels as In with one value; In, NotIn, Exists, "
	    "DoesNotExist), as labels.Selector.Matches decides. An empty "
	    "selector selects every pod; one the API refuses (an unknown "
	    "operator, In without values) selects none. No policy selects the "
	    "pods: a finding, naming the policies considered. Pods with "
	    "hostNetwork: true are skipped.",
    .false_positives =
	"Policies applied from elsewhere (another repository, a platform "
	"team's default-deny) are not in the scan: the check is opt-in "
	"for that reason.",
    .failing = KA_EXAMPLE_POD,
    .example = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
	       "metadata:\n  name: default-deny\nspec:\n  podSelector: {}\n"
	       "  policyTypes: [Ingress, Egress]\n",
    .compliance = "CIS 5.3.2; NSA/CISA: network separation",
    .opt_in = true,
    .run = run,
    .run_object = run_object,
};
