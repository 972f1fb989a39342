/*
 * Checking the command line's words: each error names the option and what
 * it takes, and a mistyped name gets the nearest known one.
 */
#include "kaudit/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/checklist.h"
#include "kaudit/clean.h"
#include "kaudit/suggest.h"

void ka_cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("kaudit: error: ", stderr);
	va_start(ap, fmt);
	ka_vsay(stderr, fmt, ap);
	va_end(ap);
	fputs("Try 'kaudit --help' for more information.\n", stderr);
}

void ka_cli_values(char *buf, size_t size, const struct ka_option *o,
		   const char *sep)
{
	size_t n = 0;

	buf[0] = '\0';
	if (o->arg == KA_ARG_FORMAT) {
		for (size_t i = 0; ka_reporters[i]; i++)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0,
					      "%s%s", i ? sep : "",
					      ka_reporters[i]->name);
		/* Not a report: what kaudit read (objects). Markdown is also
		 * the checks reference with --list-checks and --explain. */
		snprintf(buf + n, n < size ? size - n : 0, "%sobjects", sep);
	} else if (o->arg == KA_ARG_ENUM) {
		for (size_t i = 0; o->values[i]; i++)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0,
					      "%s%s", i ? sep : "",
					      o->values[i]);
	} else if (o->arg == KA_ARG_VERSION) {
		snprintf(buf, size, "v1.N%slatest", sep);
	}
}

void ka_cli_unknown_check(const char *what, const char *id, size_t n)
{
	char word[128], hint[160];

	snprintf(word, sizeof(word), "%.*s", (int)(n < 127 ? n : 127), id);
	ka_cli_usage_error("%s: unknown check '%.*s'%s (kaudit --list-checks "
			   "lists them)",
			   what, (int)n, id,
			   ka_checklist_hint(word, hint, sizeof(hint)));
}

/* Every id of a comma-separated list is known, and there is one. */
static int known_ids(const struct ka_option *o, const char *list)
{
	const char *p = list;
	bool any = false;

	while (*p) {
		size_t n = strcspn(p, ",");
		char id[128];

		snprintf(id, sizeof(id), "%.*s", (int)n, p);
		if (!n || n >= sizeof(id) || !ka_registry_find(id)) {
			if (!n) /* "a,,b", ",a": a typo, not a wish */
				break;
			{
				char what[64];

				snprintf(what, sizeof(what), "--%s", o->name);
				ka_cli_unknown_check(what, p, n);
			}
			return -1;
		}
		any = true;
		p += n + (p[n] == ',');
		if (p[-1] == ',' && !*p)
			any = false; /* "a," */
	}
	if (!any || *p) {
		ka_cli_usage_error("--%s '%s': give check ids separated by "
				   "commas, without empty ones (kaudit "
				   "--list-checks lists them)",
				   o->name, list);
		return -1;
	}
	return 0;
}

/* "unknown <noun> 'arg' (did you mean 'x'?) (a, b, c)" */
static void unknown_value(const struct ka_option *o, const char *arg)
{
	struct ka_suggest s;
	char list[256], hint[160];

	ka_suggest_init(&s, arg);
	if (o->arg == KA_ARG_FORMAT) {
		for (size_t i = 0; ka_reporters[i]; i++)
			ka_suggest_try(&s, ka_reporters[i]->name);
		ka_suggest_try(&s, "objects");
	} else {
		for (size_t i = 0; o->values[i]; i++)
			ka_suggest_try(&s, o->values[i]);
	}
	ka_cli_values(list, sizeof(list), o, ", ");
	ka_cli_usage_error("--%s: unknown %s '%s'%s; one of: %s", o->name,
			   o->noun, arg,
			   ka_suggest_hint(&s, hint, sizeof(hint)), list);
}

int ka_cli_check_arg(const struct ka_option *o, const char *arg, int *index)
{
	long n;
	char *end;

	switch (o->arg) {
	case KA_ARG_ENUM:
		for (int i = 0; o->values[i]; i++)
			if (strcmp(arg, o->values[i]) == 0) {
				*index = i;
				return 0;
			}
		break;
	case KA_ARG_FORMAT:
		if (ka_reporter_find(arg) || strcmp(arg, "objects") == 0)
			return 0;
		break;
	case KA_ARG_VERSION:
		if (ka_policy_parse_version(arg, index) == 0)
			return 0;
		ka_cli_usage_error(
		    "--%s: bad Pod Security Standards version '%s' (v1.0 "
		    "... v1.%d, or latest)",
		    o->name, arg, KA_PSS_LATEST);
		return -1;
	case KA_ARG_INT:
		n = strtol(arg, &end, 10);
		if (*arg && !*end && n >= o->min && n <= o->max) {
			*index = (int)n;
			return 0;
		}
		ka_cli_usage_error("--%s: bad %s '%s' (%d to %d)", o->name,
				   o->noun, arg, o->min, o->max);
		return -1;
	case KA_ARG_CHECKS:
		return known_ids(o, arg);
	case KA_ARG_CHECK:
		if (ka_registry_find(arg))
			return 0;
		ka_cli_unknown_check("--explain", arg, strlen(arg));
		return -1;
	default:
		if (*arg || o->arg == KA_ARG_STRING)
			return 0;
		ka_cli_usage_error("--%s needs a %s, not an empty one", o->name,
				   o->metavar ? o->metavar : "value");
		return -1;
	}
	unknown_value(o, arg);
	return -1;
}

/* An option that needs a value had none. */
static void missing_value(const struct ka_option *o, const char *typed)
{
	char list[256];

	ka_cli_values(list, sizeof(list), o, ", ");
	if (*list)
		ka_cli_usage_error("option '%s' needs a value: one of %s",
				   typed, list);
	else
		ka_cli_usage_error("option '%s' needs a value (%s)", typed,
				   o->metavar ? o->metavar : "a value");
}

/* An unknown long option: ambiguous, or the nearest name. */
static void unknown_long(const char *typed)
{
	struct ka_suggest s;
	char word[128], hint[160], list[256] = "";
	size_t len = strcspn(typed + 2, "="), nl = 0, matches = 0;

	snprintf(word, sizeof(word), "%.*s", (int)(len < 127 ? len : 127),
		 typed + 2);
	ka_suggest_init(&s, word);
	for (size_t i = 0; i < ka_noptions; i++) {
		const char *name = ka_options[i].name;

		ka_suggest_try(&s, name);
		if (len && strncmp(name, word, len) == 0) {
			matches++;
			nl += (size_t)snprintf(
			    list + nl,
			    nl < sizeof(list) ? sizeof(list) - nl : 0, "%s--%s",
			    nl ? ", " : "", name);
		}
	}
	if (matches > 1) {
		ka_cli_usage_error("ambiguous option '--%s': %s", word, list);
		return;
	}
	if (ka_suggest_best(&s))
		snprintf(hint, sizeof(hint), " (did you mean '--%s'?)",
			 ka_suggest_best(&s));
	else
		*hint = '\0';
	ka_cli_usage_error("unknown option '--%s'%s", word, hint);
}

void ka_cli_bad_option(int argc, char **argv, int c)
{
	const char *typed = argv[optind - 1 < argc ? optind - 1 : argc - 1];
	const struct ka_option *o = NULL;

	if (optopt >= 256 && (size_t)(optopt - 256) < ka_noptions)
		o = &ka_options[optopt - 256];
	for (size_t i = 0; !o && optopt > 0 && i < ka_noptions; i++)
		if (ka_options[i].short_name == optopt)
			o = &ka_options[i];
	if (c == ':' && o) {
		char name[64];

		if (optopt < 256)
			snprintf(name, sizeof(name), "-%c", optopt);
		else
			snprintf(name, sizeof(name), "--%s", o->name);
		missing_value(o, name);
	} else if (o && optopt >= 256) {
		ka_cli_usage_error("option '--%s' takes no value", o->name);
	} else if (optopt > 0 && optopt < 256) {
		if (optopt > ' ' && optopt < 127)
			ka_cli_usage_error("unknown option '-%c'", optopt);
		else
			ka_cli_usage_error("unknown option byte 0x%02x",
					   optopt);
	} else if (typed && strncmp(typed, "--", 2) == 0) {
		unknown_long(typed);
	} else {
		ka_cli_usage_error("bad option '%s'", typed ? typed : "");
	}
}
