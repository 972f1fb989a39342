/*
 * yaml-syntax: a document kubectl cannot read (a YAML error, excessive
 * aliasing, nesting beyond 10,000 levels, a bad document separator,
 * invalid UTF-8). It is not audited: what it would deploy is unknown.
 * Always on.
 */
#include "kaudit/check.h"

const struct ka_check ka_check_yaml_syntax = {
    .id = "yaml-syntax",
    .title = "Document cannot be read as kubectl reads it",
    .summary = "a document kubectl cannot read; it is not audited",
    .level = KA_LEVEL_ERROR,
    .security_severity = "5.0",
    .risk = "kubectl refuses this document, and kaudit cannot audit what "
	    "it would deploy. A manifest that looks different to the "
	    "auditor and to the cluster is a way to hide a change.",
    .remediation = "Fix the YAML at the position given; "
		   "`kubectl apply --dry-run=client -f FILE` shows the same "
		   "error.",
    .failing = "apiVersion: v1\n"
	       "kind: Pod\n"
	       "metadata: {name: web\n"
	       "spec: {}\n",
    .example = "metadata:\n  name: web   # consistent indentation, no tabs\n",
    .input = true,
};
