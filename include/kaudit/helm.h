/*
 * Helm: the template a rendered document came from (helm template writes
 * `# Source: <chart>/templates/<file>` before each document), and the line
 * in that template that produced a finding.
 */
#ifndef KAUDIT_HELM_H
#define KAUDIT_HELM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The path of the first `# Source: ` comment before the document's
 * content, malloc'd; NULL when there is none.
 */
char *ka_helm_source(const char *buf, size_t len);

/*
 * Where on template line `line` of text a finding on field sits: the key
 * the field ends with (`privileged` for ...securityContext.privileged),
 * else the line's first character that is not a blank. 1-based columns;
 * true when the key was found.
 */
bool ka_helm_column(const char *text, size_t len, unsigned line,
		    const char *field, unsigned *col, unsigned *end_col);

/*
 * A source's path inside its chart: "templates/x.yaml" for
 * "shop/templates/x.yaml" (helm writes the chart's name first), or NULL.
 */
const char *ka_helm_source_in_chart(const char *source);

/*
 * Where a finding with this field path ("spec.template.spec.containers[0].
 * securityContext.privileged") on a resource of this kind comes from in
 * the template file: the line with the same key under the same parent keys
 * within the same resource, else the nearest parent key that is written
 * in the template, else the resource's `kind:` line. Returns 0 with
 * *line, *col (1-based) and *end_col set, or -1 when the template cannot
 * be read. Templates are scanned as indented text: `{{ }}` lines are
 * skipped, so a key produced by toYaml maps to its nearest written parent.
 */
int ka_helm_locate(const char *template_path, const char *kind,
		   const char *field, unsigned *line, unsigned *col,
		   unsigned *end_col);

/*
 * A template's lines that matter to ka_helm_locate (document separators
 * and key lines), parsed once: each lookup then walks this, not the text.
 */
struct ka_helm_line {
	const char *line; /* into the text */
	unsigned len;	  /* the line's head: at most 4095 bytes */
	unsigned lineno, indent, col;
	const char *key; /* into the text, quotes left out */
	unsigned key_len;
	bool item, sep;
};

struct ka_helm_index {
	struct ka_helm_line *v;
	size_t n;
};

/* Index text (which must outlive ix); 0, or -1 when memory runs out. */
int ka_helm_index(struct ka_helm_index *ix, const char *text, size_t len);
void ka_helm_index_free(struct ka_helm_index *ix);

/* ka_helm_locate on an indexed template. */
int ka_helm_locate_index(const struct ka_helm_index *ix, const char *kind,
			 const char *field, unsigned *line, unsigned *col,
			 unsigned *end_col);

/* ka_helm_locate on a template's text, already read. */
int ka_helm_locate_text(const char *text, size_t len, const char *kind,
			const char *field, unsigned *line, unsigned *col,
			unsigned *end_col);

/*
 * The templates a run reads under --chart-root, each read once. A
 * `# Source:` path (from the render: hostile) is used only when it is
 * relative, has no `..`, resolves (symlinks too) inside the chart root and
 * names a regular file of at most KA_TEMPLATE_MAX bytes.
 */
#define KA_TEMPLATE_MAX ((size_t)16 << 20)

/* A position found in a template for a kind and a field, kept. */
struct ka_template_hit {
	char *kind, *field;
	int found; /* ka_helm_locate_text's result */
	unsigned line, col, end_col;
};

struct ka_template {
	char *source; /* as the render names it (under root) */
	char *root;   /* the chart, or the folder of charts, it is under */
	char *path;   /* root/source, when usable */
	char *text;   /* its contents, when usable */
	size_t len;
	const char *why;	      /* why it is not used, or NULL */
	struct ka_helm_index index;   /* its lines, parsed once */
	struct ka_template_hit *hits; /* looked up before: scanned once */
	size_t nhits, hcap;
};

/*
 * ka_helm_locate_text on t, each kind and field scanned once. Returns
 * its result, or -2 when memory runs out.
 */
int ka_template_locate(struct ka_template *t, const char *kind,
		       const char *field, unsigned *line, unsigned *col,
		       unsigned *end_col);

struct ka_templates {
	struct ka_template *v;
	size_t n, cap;
};

/*
 * The template source names under root: from the cache, or resolved and
 * read now (*fresh set). NULL when memory runs out.
 */
struct ka_template *ka_templates_get(struct ka_templates *t, const char *root,
				     const char *source, bool *fresh);
void ka_templates_free(struct ka_templates *t);

#endif
