/*
 * A document as kubectl decodes it: the objects it would create, and
 * whether it refuses the document.
 */
#ifndef KAUDIT_DOCUMENT_H
#define KAUDIT_DOCUMENT_H

#include <stdbool.h>

#include "kaudit/arena.h"
#include "kaudit/error.h"
#include "kaudit/node.h"

/* kubectl refuses the document (err says why). */
#define KA_DOCUMENT_REFUSED (-2)

/* An object kubectl would create: a document's, or a list's item. */
struct ka_object {
	const struct ka_node *node;	/* the object mapping */
	const char *kind, *api_version; /* its own, or the list's; or NULL */
	long item;	/* its index in the list's items, or -1 */
	bool inherited; /* kind and apiVersion come from the list */
};

/*
 * Call fn for every object of the document at root as kubectl reads it
 * (the document itself, or the items of a list: an object with `items` is a
 * list, whatever its kind; an item without kind and apiVersion takes the list's
 * kind less "List"; a list inside a list, items that are not objects, a missing
 * kind or a non-string apiVersion make kubectl refuse the document). Returns 0,
 * fn's first non-zero result, -1 when memory runs out, or KA_DOCUMENT_REFUSED
 * with err set.
 */
int ka_document_objects(struct ka_arena *a, const struct ka_node *root,
			int (*fn)(void *ud, const struct ka_object *o),
			void *ud, struct ka_error *err);

/*
 * For a document that read a value JSON cannot hold (ka_doc.unsupported):
 * -1 with err set when one survives in the decoded object (kubectl's
 * conversion to JSON refuses the document), 0 when a later duplicate
 * key replaced it.
 */
int ka_document_unsupported(const struct ka_node *root, struct ka_error *err);

#endif
