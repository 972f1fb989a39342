/*
 * A finding's field by meaning, for its alert identity: list indexes
 * become what the member is (a capability's name, a volume's, a port's,
 * a mount's path), so that removing or reordering list members never
 * hands one member's alert to another.
 */
#ifndef KAUDIT_IDENT_H
#define KAUDIT_IDENT_H

#include <stddef.h>

#include "kaudit/node.h"

/*
 * field (a path below root, "securityContext.capabilities.add[1]") with
 * each index replaced by the member it names, read from root's tree
 * ("securityContext.capabilities.add[SYS_ADMIN]"; "[#1]" for a member
 * with no name), into out (truncated to size).
 */
void ka_ident_path(const struct ka_node *root, const char *field, char *out,
		   size_t size);

#endif
