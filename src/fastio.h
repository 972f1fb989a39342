/*
 * Renderers write through stdio without its per-call locking: output is
 * written by one thread at a time (the parallel pool serialises it with
 * its own mutex), and these calls are most of a large report's cost.
 */
#ifndef KAUDIT_FASTIO_H
#define KAUDIT_FASTIO_H

#include <stdio.h>

#undef putc
#undef fputc
#define putc(c, f)	   putc_unlocked((c), (f))
#define fputc(c, f)	   fputc_unlocked((c), (f))
#define fputs(s, f)	   fputs_unlocked((s), (f))
#define fwrite(p, s, n, f) fwrite_unlocked((p), (s), (n), (f))

#endif
