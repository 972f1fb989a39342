/*
 * One document read with libyaml's event API, whole or a list's items one
 * at a time. See kaudit/yaml.h; the builder is in tree.c.
 */
#include "kaudit/yaml.h"

#include <stdlib.h>
#include <string.h>

#include "kaudit/resolve.h"
#include "kaudit/spill.h"
#include "tree.h"

struct ka_yaml *ka_yaml_new(void)
{
	return calloc(1, sizeof(struct ka_yaml));
}

void ka_yaml_free(struct ka_yaml *y)
{
	if (!y)
		return;
	if (y->parsing)
		yaml_parser_delete(&y->parser);
	free(y->kids);
	free(y->stack);
	ka_anchors_free(&y->anchors);
	free(y);
}

/* Release a spilled document's pages every this many bytes read. */
#define RELEASE_STEP ((size_t)1 << 20)

/* libyaml's read handler: the next bytes of the text. */
static int read_text(void *data, unsigned char *buffer, size_t size,
		     size_t *size_read)
{
	struct ka_yaml *y = data;
	size_t n = y->len - y->pos;

	if (n > size)
		n = size;
	memcpy(buffer, y->text + y->pos, n);
	y->pos += n;
	*size_read = n;
	if (y->mapped && y->pos - y->released >= RELEASE_STEP) {
		ka_spill_release(y->text, y->pos);
		y->released = y->pos;
	}
	return 1;
}

int ka_yaml_begin(struct ka_yaml *y, struct ka_arena *arena,
		  const struct ka_chunk *c, struct ka_doc *doc, int mode)
{
	struct build *b = &y->b;
	const char *buf = c->buf;

	ka_yaml_end(y);
	memset(doc, 0, sizeof(*doc));
	memset(b, 0, sizeof(*b));
	b->y = y;
	b->arena = arena;
	b->doc = doc;
	b->line0 = c->first_line ? c->first_line - 1 : 0;
	b->col0 = c->first_col ? c->first_col - 1 : 0;
	y->nkids = y->depth = 0;
	ka_anchors_clear(&y->anchors);
	y->decode_count = 1; /* the document node */
	y->alias_count = 0;
	y->dups_tail = &doc->dups;
	y->mode = mode;
	y->items_depth = y->root_items = 0;
	y->items_opened = y->root_merge = y->unstreamable = false;
	y->item = NULL;

	if (c->marks) {
		buf = ka_resolve_bom(arena, buf, c->len, b->bom_mark);
		if (buf)
			buf = ka_resolve_slash(arena, buf, c->len,
					       &b->slash_mark);
	}
	if (!buf)
		return fail_at(b, b->line0 + 1, 1,
			       "out of memory, or byte order marks or \\/ "
			       "escapes that cannot be read");
	if (!yaml_parser_initialize(&y->parser))
		return doc->oom = true,
		       fail_at(b, b->line0 + 1, 1, "no memory");
	y->text = buf;
	y->len = c->len;
	y->pos = y->released = 0;
	y->mapped = c->mapped && buf == c->buf;
	yaml_parser_set_input(&y->parser, read_text, y);
	y->parsing = true;
	return 0;
}

void ka_yaml_end(struct ka_yaml *y)
{
	if (y->parsing)
		yaml_parser_delete(&y->parser);
	y->parsing = false;
	y->item = NULL;
}

/* Forget the item the caller has seen: its nodes and its duplicates. */
static void release_item(struct ka_yaml *y)
{
	ka_arena_release(y->b.arena, y->item_mark);
	y->nkids--;
	*y->item_dups = NULL;
	y->dups_tail = y->item_dups;
	y->item = NULL;
}

int ka_yaml_next(struct ka_yaml *y, struct ka_node **item)
{
	struct build *b = &y->b;
	yaml_event_t event;
	int rc = 0;
	bool done = false;

	*item = NULL;
	if (!y->parsing)
		return -1;
	if (y->item)
		release_item(y);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&y->parser, &event)) {
			ka_tree_syntax_error(b, &y->parser);
			rc = -1;
			break;
		}
		rc = ka_tree_event(b, &event, &done);
		yaml_event_delete(&event);
		if (rc == 0 && y->item) {
			*item = y->item;
			b->doc->item_dups = *y->item_dups;
			return 1;
		}
	}
	ka_yaml_end(y);
	if (rc < 0)
		b->doc->root = NULL;
	if (rc < 0 && y->unstreamable)
		return KA_YAML_UNSTREAMABLE;
	return rc;
}

int ka_yaml_parse(struct ka_yaml *y, struct ka_arena *arena, const char *buf,
		  size_t len, unsigned first_line, unsigned first_col,
		  struct ka_doc *doc)
{
	struct ka_node *item;
	struct ka_chunk c = {.buf = buf,
			     .len = len,
			     .first_line = first_line,
			     .first_col = first_col,
			     .marks = true};

	if (ka_yaml_begin(y, arena, &c, doc, KA_YAML_TREE) < 0)
		return -1;
	return ka_yaml_next(y, &item);
}
