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
#include "kaudit/stream.h"

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

/*
 * A list read one item at a time (ka_yaml KA_YAML_ITEMS): what each item
 * makes kubectl refuse, gathered as the items go by, so that the document
 * can be judged as ka_document_objects judges it once its root is read.
 */
struct ka_items_verdict {
	long n;			      /* items seen */
	struct ka_error shape;	      /* first item not an object, or a list */
	struct ka_error type;	      /* first item with a refused own type */
	struct ka_error inherit;      /* first item typed by the list */
	long type_item, inherit_item; /* their numbers */
	struct ka_error unsupported;  /* first value JSON cannot hold */
};

/*
 * Judge one item; unsupported: the document has read a value JSON cannot
 * hold (ka_doc.unsupported) so far. v starts zeroed.
 */
void ka_document_item_check(struct ka_items_verdict *v,
			    const struct ka_node *item, bool unsupported);

/*
 * The document's verdict (root read, its items gone): 0, or
 * KA_DOCUMENT_REFUSED with err set to what ka_document_objects reports.
 */
int ka_document_items_verdict(const struct ka_items_verdict *v,
			      const struct ka_node *root, bool unsupported,
			      struct ka_error *err);

/*
 * The object kubectl makes of item i of a list of kind list_kind and
 * apiVersion list_api. 0, or -1 when memory runs out.
 */
int ka_document_item(struct ka_arena *a, const struct ka_node *item, long i,
		     const char *list_kind, const char *list_api,
		     struct ka_object *o);

/*
 * A refusal's place in chunk c: libyaml marks the end of the input after
 * the last character (a line past the last one, or a column past its
 * end), which is no place in the file, so the last character stands in.
 */
void ka_document_place(const struct ka_chunk *c, unsigned *line, unsigned *col);

struct ka_chunk;

/*
 * A document that does not parse is a manifest's when its text has
 * apiVersion and kind at the top level before the error line.
 */
bool ka_document_looks_like_manifest(const struct ka_chunk *c,
				     unsigned err_line);

#endif
