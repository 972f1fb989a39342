/* RBAC objects: see kaudit/rbac.h. */
#include "kaudit/rbac.h"

#include <string.h>

bool ka_rbac_is_role(const char *kind)
{
	return kind &&
	       (strcmp(kind, "Role") == 0 || strcmp(kind, "ClusterRole") == 0);
}

bool ka_rbac_is_binding(const char *kind)
{
	return kind && (strcmp(kind, "RoleBinding") == 0 ||
			strcmp(kind, "ClusterRoleBinding") == 0);
}

const struct ka_node *ka_rbac_member(const struct ka_node *rule,
				     const char *key, const char *value)
{
	const struct ka_node *list = ka_map_get(rule, key);

	for (size_t i = 0; i < ka_seq_len(list); i++) {
		const struct ka_node *m = ka_seq_at(list, i);
		const char *s = ka_node_str(m);

		if (s && strcmp(s, value) == 0)
			return m;
	}
	return NULL;
}

const struct ka_node *ka_rbac_granted(const struct ka_node *rule,
				      const char *const *verbs, bool star)
{
	for (; *verbs; verbs++) {
		const struct ka_node *n = ka_rbac_member(rule, "verbs", *verbs);

		if (n)
			return n;
	}
	return star ? ka_rbac_member(rule, "verbs", "*") : NULL;
}

const struct ka_node *ka_rbac_verb(const struct ka_node *rule, const char *verb)
{
	const char *const one[] = {verb, NULL};

	return ka_rbac_granted(rule, one, true);
}

bool ka_rbac_group(const struct ka_node *rule, const char *group)
{
	return ka_rbac_member(rule, "apiGroups", group) ||
	       ka_rbac_member(rule, "apiGroups", "*");
}
