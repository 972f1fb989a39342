/*
 * --format objects: what kaudit read, for comparing with kubectl's own
 * reading (tests/kubectl/). One JSON line per object kubectl would create
 * ({"file", "line", "object"}), or per document it refuses ({"file",
 * "line", "error"}); no checks run.
 */
#ifndef KAUDIT_OBJECTS_H
#define KAUDIT_OBJECTS_H

#include <stdio.h>

#include "kaudit/input.h"

/* Write every pending input's objects to out; -1 when memory runs out. */
int ka_objects_write(FILE *out, struct ka_inputs *inputs);

#endif
