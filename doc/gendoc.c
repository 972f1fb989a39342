/*
 * kaudit-gendoc: prints the pieces of the documentation that come from
 * the check registry and the option table. doc/generate.py splices them
 * into README.md, doc/kaudit.1, completions/ and doc/checks/; the test
 * doc/drift runs it with --check.
 *
 * Usage: kaudit-gendoc man-options|man-checks|bash|zsh|readme-checks
 *        kaudit-gendoc check ID
 *        kaudit-gendoc ids
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/checklist.h"
#include "kaudit/cli.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (strcmp(what, "man-options") == 0) {
		ka_cli_man_options(stdout);
	} else if (strcmp(what, "man-checks") == 0) {
		ka_checklist_man(stdout);
	} else if (strcmp(what, "bash") == 0 || strcmp(what, "zsh") == 0) {
		ka_cli_completion(stdout, what);
	} else if (strcmp(what, "readme-checks") == 0) {
		ka_checklist_markdown(stdout);
	} else if (strcmp(what, "ids") == 0) {
		for (size_t i = 0; i < ka_registry_len; i++)
			puts(ka_registry[i]->id);
	} else if (strcmp(what, "check") == 0 && argc > 2 &&
		   ka_registry_find(argv[2])) {
		ka_check_markdown(stdout, ka_registry_find(argv[2]));
	} else {
		fputs("usage: kaudit-gendoc man-options|man-checks|bash|zsh|"
		      "readme-checks|ids|check ID\n",
		      stderr);
		return 2;
	}
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
