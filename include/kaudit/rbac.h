/*
 * RBAC objects as the API reads them: the rules of a Role or ClusterRole
 * (the members of verbs, resources and apiGroups), and the roleRef and
 * subjects of a RoleBinding or ClusterRoleBinding. For the rbac-* checks.
 */
#ifndef KAUDIT_RBAC_H
#define KAUDIT_RBAC_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/node.h"

/* A Role or ClusterRole (rbac.authorization.k8s.io). */
bool ka_rbac_is_role(const char *kind);

/* A RoleBinding or ClusterRoleBinding. */
bool ka_rbac_is_binding(const char *kind);

/*
 * The member of rule's list key ("verbs", "resources", "apiGroups") equal
 * to value (case-sensitive, as the API compares), or NULL; "*" matches
 * only a written "*".
 */
const struct ka_node *ka_rbac_member(const struct ka_node *rule,
				     const char *key, const char *value);

/*
 * The node of the first of verbs (NULL-terminated) the rule names, else
 * of its "*" when star (every verb), else NULL.
 */
const struct ka_node *ka_rbac_granted(const struct ka_node *rule,
				      const char *const *verbs, bool star);

/* The rule grants verb (written, or "*"): its node, or NULL. */
const struct ka_node *ka_rbac_verb(const struct ka_node *rule,
				   const char *verb);

/* The rule covers the core group ("" or "*") or group: true. */
bool ka_rbac_group(const struct ka_node *rule, const char *group);

#endif
