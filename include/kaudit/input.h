/* Inputs: files, directories walked in sorted order, and stdin. */
#ifndef KAUDIT_INPUT_H
#define KAUDIT_INPUT_H

#include "kaudit/audit.h"

/*
 * Add what path names to run's inputs: "-" is stdin (reported as
 * stdin_name), a directory is walked recursively in byte order taking
 * *.yaml, *.yml and *.json, skipping hidden entries, symbolic links and
 * non-regular files; anything else is one input. A path that does not
 * exist is added as KA_INPUT_MISSING, one that cannot be read as
 * KA_INPUT_UNREADABLE. Returns 0, or -1 when memory runs out.
 */
int ka_input_collect(struct ka_run *run, const char *path,
		     const char *stdin_name);

/* Read and audit input idx (pending inputs only). 0, or -1 on failure. */
int ka_input_audit(struct ka_run *run, size_t idx);

#endif
