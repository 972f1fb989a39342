/*
 * What the option table writes besides --help: the man page's OPTIONS
 * section and the bash and zsh completion scripts (committed copies are
 * kept in step by tests/doc/drift.sh).
 */
#include <string.h>

#include "kaudit/checklist.h"
#include "kaudit/cli.h"

/* The values an enum-like option takes, separated by sep. */
static void put_values(FILE *out, const struct ka_option *o, const char *sep)
{
	if (o->arg == KA_ARG_FORMAT) {
		for (size_t i = 0; ka_reporters[i]; i++)
			fprintf(out, "%s%s", i ? sep : "",
				ka_reporters[i]->name);
		fprintf(out, "%sobjects", sep);
	} else if (o->arg == KA_ARG_ENUM) {
		for (size_t i = 0; o->values[i]; i++)
			fprintf(out, "%s%s", i ? sep : "", o->values[i]);
	} else if (o->arg == KA_ARG_VERSION) {
		fputs("latest", out);
		for (int v = o->max; v >= o->min; v--)
			fprintf(out, "%sv1.%d", sep, v);
	}
}

static bool has_values(const struct ka_option *o)
{
	return o->arg == KA_ARG_FORMAT || o->arg == KA_ARG_ENUM ||
	       o->arg == KA_ARG_VERSION;
}

void ka_cli_man_options(FILE *out)
{
	fputs(".SH OPTIONS\n", out);
	for (size_t i = 0; i < ka_noptions; i++) {
		const struct ka_option *o = &ka_options[i];

		fputs(".TP\n", out);
		if (o->short_name)
			fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
		fputs("\\fB\\-\\-", out);
		ka_roff(out, o->name);
		fputs("\\fR", out);
		if (o->arg == KA_ARG_VERSION) {
			fputs(" v1.\\fIN\\fR|latest", out);
		} else if (has_values(o)) {
			fputc(' ', out);
			put_values(out, o, "|");
		} else if (o->metavar) {
			fputs(" \\fI", out);
			ka_roff(out, o->metavar);
			fputs("\\fR", out);
		}
		fputc('\n', out);
		ka_roff(out, o->doc);
		fputc('\n', out);
	}
}

static void bash_case(FILE *out, const struct ka_option *o)
{
	fputs("\t", out);
	if (o->short_name)
		fprintf(out, "-%c|", o->short_name);
	fprintf(out, "--%s)\n", o->name);
	switch (o->arg) {
	case KA_ARG_CHECKS:
		fputs("\t\t# Comma-separated: complete the last id.\n"
		      "\t\tlocal done=${cur%\"${cur##*,}\"}\n"
		      "\t\tCOMPREPLY=($(compgen -P \"$done\" -W "
		      "\"$(_kaudit_checks)\" "
		      "-- \"${cur##*,}\"))\n",
		      out);
		break;
	case KA_ARG_CHECK:
		fputs("\t\tCOMPREPLY=($(compgen -W \"$(_kaudit_checks)\" -- "
		      "\"$cur\"))\n",
		      out);
		break;
	case KA_ARG_FILE:
		fputs("\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n", out);
		break;
	case KA_ARG_DIR:
		fputs("\t\tCOMPREPLY=($(compgen -d -- \"$cur\"))\n", out);
		break;
	case KA_ARG_FORMAT:
	case KA_ARG_ENUM:
	case KA_ARG_VERSION:
		fputs("\t\tCOMPREPLY=($(compgen -W \"", out);
		put_values(out, o, " ");
		fputs("\" -- \"$cur\"))\n", out);
		break;
	default:
		break;
	}
	fputs("\t\treturn ;;\n", out);
}

static void bash(FILE *out)
{
	fputs("# bash completion for kaudit (generated from kaudit's option "
	      "table)\n"
	      "_kaudit_checks()\n{\n"
	      "\tkaudit --list-checks --format json 2>/dev/null |\n"
	      "\t\tsed -n 's/.*\"id\": \"\\([a-z0-9-]*\\)\".*/\\1/p'\n}\n\n"
	      "_kaudit()\n{\n"
	      "\tlocal cur prev words cword\n"
	      "\tif declare -F _init_completion >/dev/null; then\n"
	      "\t\t_init_completion -n = || return\n"
	      "\telse\n"
	      "\t\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	      "\t\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tfi\n\n\tcase $prev in\n",
	      out);
	for (size_t i = 0; i < ka_noptions; i++)
		if (ka_options[i].arg != KA_ARG_NONE)
			bash_case(out, &ka_options[i]);
	fputs("\tesac\n\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	      out);
	for (size_t i = 0; i < ka_noptions; i++)
		fprintf(out, "%s--%s", i ? " " : "", ka_options[i].name);
	fputs("\" -- \"$cur\"))\n\t\treturn\n\tfi\n"
	      "\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n}\n"
	      "complete -o filenames -F _kaudit kaudit\n",
	      out);
}

/* zsh's _arguments wants ] and : escaped in descriptions. */
static void zsh_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '[' || *s == ']' || *s == ':' || *s == '\\')
			fputc('\\', out);
		if (*s == '\'')
			fputs("'\\''", out);
		else
			fputc(*s, out);
	}
}

static void zsh_spec(FILE *out, const struct ka_option *o)
{
	bool repeat = o->arg == KA_ARG_CHECKS;
	bool final =
	    strcmp(o->name, "help") == 0 || strcmp(o->name, "version") == 0;

	fputs("\t", out);
	if (o->short_name)
		fprintf(out, "'(%s-%c --%s)'{-%c,--%s}'", final ? "- * " : "",
			o->short_name, o->name, o->short_name, o->name);
	else
		fprintf(out, "'%s--%s", repeat ? "*" : "", o->name);
	fputc('[', out);
	zsh_text(out, o->help);
	fputc(']', out);
	switch (o->arg) {
	case KA_ARG_NONE:
		break;
	case KA_ARG_CHECKS:
		fputs(":check ids:_kaudit_checks", out);
		break;
	case KA_ARG_CHECK:
		fputs(":check id:_kaudit_check", out);
		break;
	case KA_ARG_FILE:
		fputs(":file:_files", out);
		break;
	case KA_ARG_DIR:
		fputs(":directory:_files -/", out);
		break;
	case KA_ARG_FORMAT:
	case KA_ARG_ENUM:
	case KA_ARG_VERSION:
		fprintf(out, ":%s:(", o->name);
		put_values(out, o, " ");
		fputc(')', out);
		break;
	default:
		fprintf(out, ":%s:", o->metavar ? o->metavar : "value");
		break;
	}
	fputs("' \\\n", out);
}

static void zsh(FILE *out)
{
	fputs(
	    "#compdef kaudit\n"
	    "# zsh completion for kaudit (generated from kaudit's option "
	    "table)\n\n"
	    "_kaudit_checks() {\n\tlocal -a ids\n"
	    "\tids=(${(f)\"$(kaudit --list-checks --format json 2>/dev/null | "
	    "sed -n 's/.*\"id\": \"\\([a-z0-9-]*\\)\".*/\\1/p')\"})\n"
	    "\t_values -s , 'check id' $ids\n}\n\n"
	    "_kaudit_check() {\n\tlocal -a ids\n"
	    "\tids=(${(f)\"$(kaudit --list-checks --format json 2>/dev/null | "
	    "sed -n 's/.*\"id\": \"\\([a-z0-9-]*\\)\".*/\\1/p')\"})\n"
	    "\t_describe 'check id' ids\n}\n\n"
	    "_arguments -s \\\n",
	    out);
	for (size_t i = 0; i < ka_noptions; i++)
		zsh_spec(out, &ka_options[i]);
	fputs("\t'*:manifest:_files'\n", out);
}

int ka_cli_completion(FILE *out, const char *shell)
{
	if (strcmp(shell, "bash") == 0)
		bash(out);
	else if (strcmp(shell, "zsh") == 0)
		zsh(out);
	else
		return -1;
	return 0;
}
