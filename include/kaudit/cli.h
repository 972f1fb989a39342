/*
 * The command line: one typed option table drives getopt_long, --help,
 * the man page's OPTIONS section and both completion scripts.
 */
#ifndef KAUDIT_CLI_H
#define KAUDIT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "kaudit/chart.h"
#include "kaudit/config.h"
#include "kaudit/report.h"

enum ka_arg {
	KA_ARG_NONE,	/* a flag */
	KA_ARG_ENUM,	/* one of .values */
	KA_ARG_FORMAT,	/* a reporter's name (ka_reporters), or markdown */
	KA_ARG_VERSION, /* v1.N or latest */
	KA_ARG_INT,	/* an integer in [min, max] */
	KA_ARG_CHECKS,	/* comma-separated check ids */
	KA_ARG_CHECK,	/* one check id */
	KA_ARG_FILE,	/* a file path */
	KA_ARG_DIR,	/* a directory */
	KA_ARG_STRING,	/* any text */
};

struct ka_option {
	const char *name; /* long name, without -- */
	char short_name;  /* or 0 */
	enum ka_arg arg;
	const char *metavar;	   /* for FILE, DIR, STRING, INT, CHECKS */
	const char *const *values; /* KA_ARG_ENUM, NULL-terminated */
	const char *noun;	   /* in "unknown <noun> 'x'" */
	int min, max;		   /* KA_ARG_INT */
	const char *help;	   /* one line for --help */
	const char *doc;	   /* a paragraph for the man page */
};

/* Every option, in --help order; ka_noptions of them. */
extern const struct ka_option ka_options[];
extern const size_t ka_noptions;

/* What the command line said. */
struct ka_cli {
	const char *format_name;	  /* as given (default "text") */
	const struct ka_reporter *format; /* NULL for markdown */
	const char *output;
	const char *stdin_name;
	bool stdin_named;
	const char *sarif_category;
	bool no_truncate;
	bool baseline_absent;	 /* SARIF: gone baseline findings as absent */
	bool fix, diff;		 /* --fix, --diff */
	char *fix_only;		 /* --fix-only lists, comma-joined, or NULL */
	const char *pin_digests; /* --pin-digests FILE, or NULL */
	const char *baseline,
	    *write_baseline; /* --baseline, --write-baseline */
	struct ka_choice choice;
	const char *config;
	bool no_config, print_config, show_suppressed, skip_non_manifests;
	int jobs;
	bool list_checks;
	const char *explain;
	bool quiet, fail_if_empty, hints;
	int colour; /* -1 auto, 0 never, 1 always */
	char **paths;
	int npaths;
	struct ka_helm_opts helm; /* passed on to helm template */
};

/*
 * Parse argv into cli (defaults first). Returns 0, 1 when the run is over
 * (--help, --version printed), or -1 after a usage error on stderr.
 */
int ka_cli_parse(struct ka_cli *cli, int argc, char **argv);

/* Free what ka_cli_parse allocated (after a usage error too). */
void ka_cli_free(struct ka_cli *cli);

/* The values an option takes, as "a|b|c" (sep "|") or "a, b, c". */
void ka_cli_values(char *buf, size_t size, const struct ka_option *o,
		   const char *sep);

/* Check arg against what o takes (a usage error when it does not); the
 * index of an enum value, or the integer, in *index. 0 or -1. */
int ka_cli_check_arg(const struct ka_option *o, const char *arg, int *index);

/* getopt_long returned c (':' a missing value, '?' anything else): say
 * which option, what it takes, and the nearest known name. */
void ka_cli_bad_option(int argc, char **argv, int c);

/* "WHAT: unknown check 'ID' (did you mean 'X'?)" for id[0..n). */
void ka_cli_unknown_check(const char *what, const char *id, size_t n);

/* A usage error: "kaudit: error: <message>" and the --help hint. */
void ka_cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* --help. */
void ka_cli_help(FILE *out);

/* The man page's OPTIONS section (roff, from .SH OPTIONS). */
void ka_cli_man_options(FILE *out);

/* The completion script for shell ("bash" or "zsh"); -1 for another. */
int ka_cli_completion(FILE *out, const char *shell);

#endif
