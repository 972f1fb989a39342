/*
 * Renderers. A report is written as the run goes: begin once the inputs
 * are known, each document's settled findings as they come (the run's
 * emit callback), end when the run is finished. So memory stays flat
 * however many findings a long stream has.
 */
#ifndef KAUDIT_REPORT_H
#define KAUDIT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kaudit/audit.h"

/* JSON report format version (the "version" field). */
#define KA_JSON_VERSION 1

enum ka_format {
	KA_FORMAT_TEXT,
	KA_FORMAT_JSON,
	KA_FORMAT_SARIF,
	KA_FORMAT_GITHUB,
};

struct ka_sarif_options {
	const char *category;  /* runs[0].automationDetails.id, or NULL */
	bool stdin_named;      /* --stdin-filename was given */
	bool execution_ok;     /* every input was read (set before end) */
};

struct ka_sarif_syntax {
	size_t input;
	unsigned line, col;
	char *message;
};

struct ka_renderer {
	enum ka_format format;
	FILE *out;
	bool colour;            /* text: ANSI colours */
	bool show_suppressed;   /* text: list waived findings too */
	struct ka_sarif_options sarif;
	size_t emitted;         /* findings written so far */
	/* SARIF state: */
	size_t *rule_of;        /* registry index -> rules[] index */
	char **uris;            /* per input, computed on first use */
	bool *relative;
	size_t nuris;
	/*
	 * Occurrence numbers keep fingerprints unique. A finding's count runs
	 * per document (reset often, so small), plus how often its resource
	 * (kind, namespace, name) already appeared in the file: memory grows
	 * with resources per file, not with findings.
	 */
	struct ka_counts {
		uint64_t *keys;
		unsigned *counts;
		size_t cap, n;
	} per_doc, per_file, resources;
	size_t cur_input, cur_doc;
	uint64_t cur_resource;
	unsigned cur_resource_seen;
	struct ka_sarif_syntax *syntax; /* documents that could not be read */
	size_t nsyntax, capsyntax;
	bool oom;
};

/* Set up a renderer writing to out. */
void ka_render_init(struct ka_renderer *r, enum ka_format format, FILE *out);

/* Write what comes before the findings; the inputs are known. */
void ka_render_begin(struct ka_renderer *r, const struct ka_run *run);

/* Write settled findings; fits struct ka_run's emit (ud is the renderer). */
void ka_render_emit(void *ud, const struct ka_run *run,
		   const struct ka_finding *f, size_t n);

/* Write what comes after the findings (input outcomes, summaries). */
void ka_render_end(struct ka_renderer *r, const struct ka_run *run);

void ka_render_free(struct ka_renderer *r);

/* The one-line summary for stderr: "7 findings (2 errors, 5 warnings) in 3 files, 12 documents". */
void ka_report_summary(FILE *out, const struct ka_run *run);

/* Write s as a JSON string (quoted); invalid UTF-8 becomes U+FFFD. */
void ka_json_string(FILE *out, const char *s);

/*
 * The repository-relative URI of path (percent-encoded), or a file: URI
 * when it lies outside the repository and the current directory. Sets
 * *relative accordingly. Returns a malloc'd string, or NULL.
 */
char *ka_sarif_uri(const char *path, bool *relative);

/* Per-format parts, called by the functions above. */
void ka_text_finding(struct ka_renderer *r, const struct ka_run *run,
		     const struct ka_finding *f);
void ka_github_finding(struct ka_renderer *r, const struct ka_run *run,
		       const struct ka_finding *f);
void ka_json_begin(struct ka_renderer *r, const struct ka_run *run);
void ka_json_finding(struct ka_renderer *r, const struct ka_run *run,
		     const struct ka_finding *f);
void ka_json_end(struct ka_renderer *r, const struct ka_run *run);
void ka_sarif_begin(struct ka_renderer *r, const struct ka_run *run);
void ka_sarif_finding(struct ka_renderer *r, const struct ka_run *run,
		      const struct ka_finding *f);
void ka_sarif_end(struct ka_renderer *r, const struct ka_run *run);

#endif
