/*
 * Where a finding on node n is reported: a value reached through an alias
 * (or a merge) is reported where the alias is written in the container
 * (or the object) it belongs to, so each container's findings sit inside
 * it. c may be NULL (a pod-level finding); n is returned otherwise.
 */
#ifndef KAUDIT_USESITE_H
#define KAUDIT_USESITE_H

#include "kaudit/node.h"
#include "kaudit/workload.h"

const struct ka_node *ka_use_site(const struct ka_pod *pod,
				  const struct ka_container *c,
				  const struct ka_node *n);

#endif
