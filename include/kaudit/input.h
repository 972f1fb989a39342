/*
 * Inputs: the files, directories (walked in sorted order) and stdin a run
 * reads, each with a display name and what became of it.
 */
#ifndef KAUDIT_INPUT_H
#define KAUDIT_INPUT_H

#include <stdbool.h>
#include <stddef.h>

enum ka_input_status {
	KA_INPUT_PENDING,    /* not read yet */
	KA_INPUT_AUDITED,    /* read to the end (findings may include syntax) */
	KA_INPUT_UNREADABLE, /* could not be opened or read */
	KA_INPUT_MISSING,    /* named on the command line and not there */
	KA_INPUT_EXCLUDED,   /* matched an exclude glob of the configuration */
	KA_INPUT_CONFIG,     /* the configuration file (for its own findings) */
	KA_INPUT_SKIPPED,    /* not audited, error says why */
	KA_INPUT_NOT_MANIFEST, /* walked to, and no document is a manifest */
};

/* Why a walked file that is no Kubernetes manifest was skipped. */
#define KA_NOT_MANIFEST "not a Kubernetes manifest"
/* Why other walked entries are skipped (KA_INPUT_SKIPPED's error). */
#define KA_SKIP_SYMLINK "a symbolic link (not followed)"
#define KA_SKIP_HIDDEN	"hidden"
/* A chart's file named (a template, values.yaml) whose chart helm cannot
 * render (with helm's why). */
#define KA_SKIP_UNRENDERED "its chart does not render"

struct ka_input {
	char *path; /* as the user gave it (joined when walked) */
	bool is_stdin;
	bool walked;   /* found walking a directory, not named */
	bool manifest; /* a document has top-level apiVersion and kind */
	enum ka_input_status status;
	char *error; /* strerror text for unreadable and missing inputs */
	unsigned documents; /* documents with content */
	unsigned resources; /* pod specs audited */
	size_t order;	    /* position before sorting */
	size_t scope; /* the configuration that governs it (kaudit/scopes.h) */
	/*
	 * Helm: the chart helm renders for this input (the input is a chart
	 * directory, or a template file in it); the render is what is read
	 * (render_fd, the run's, or -1 before it is rendered); for a template
	 * only its own documents ("templates/x.yaml", relative to chart).
	 * part: a file of the chart named on its own (a template, or
	 * values.yaml or Chart.yaml, which stand for the whole render).
	 */
	char *chart;
	char *only;
	bool part;
	int render_fd;
};

struct ka_inputs {
	struct ka_input *v;
	size_t n, cap;
};

/*
 * A chart audited whole (named, walked to, or through its values.yaml)
 * covers the other inputs of the same chart (its templates named on
 * their own, the chart named twice): they are marked audited, so that no
 * finding is reported twice. The first whole one, in order, stays.
 */
void ka_inputs_merge_charts(struct ka_inputs *l);

/*
 * Copy stdin, when it is an input, into an unlinked temporary file that
 * is then read in its place (render_fd), so that the report can read the
 * text again (SARIF's line hashes; see kaudit/linehash.h). 0, or -1 when
 * the copy cannot be made (stdin is then read as before).
 */
int ka_inputs_keep_stdin(struct ka_inputs *l);

/* Add an input; returns its index, or -1 when memory runs out. */
long ka_inputs_add(struct ka_inputs *l, const char *path, bool is_stdin);

/* Free every input and the array. */
void ka_inputs_free(struct ka_inputs *l);

/*
 * Add what path names: "-" is stdin (reported as stdin_name), a Helm chart
 * (a directory holding Chart.yaml) is one input that helm renders, another
 * directory is walked recursively in byte order taking *.yaml, *.yml and
 * *.json and charts, skipping hidden entries, symbolic links and
 * non-regular files; a file in a chart's templates/ is that template's
 * part of its chart's render; anything else is one input.
 * A path that does not exist is added as KA_INPUT_MISSING, one that cannot
 * be read as KA_INPUT_UNREADABLE. Returns 0, or -1 when memory runs out.
 */
int ka_input_collect(struct ka_inputs *l, const char *path,
		     const char *stdin_name);

/* Sort by path (stable), as reports order them. */
void ka_inputs_sort(struct ka_inputs *l);

/* How many inputs have status; *documents (if not NULL): all documents read. */
unsigned ka_inputs_count(const struct ka_inputs *l, enum ka_input_status status,
			 unsigned *documents);

/*
 * Open a pending input for reading: a file descriptor (stdin's for "-";
 * the caller closes any other), or -1 with the input marked unreadable.
 */
int ka_input_open(struct ka_input *in);

/* Mark in unreadable with errno value err. */
void ka_input_fail(struct ka_input *in, int err);

#endif
