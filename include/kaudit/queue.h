/*
 * Auditing a run's inputs: N threads (1 for -j 1: the calling thread,
 * through the same queue), each taking the next input, its findings
 * delivered (ka_run_deliver) in input order, so the report is the same
 * byte for byte whatever N is.
 */
#ifndef KAUDIT_QUEUE_H
#define KAUDIT_QUEUE_H

#include "kaudit/run.h"

/*
 * Audit every pending input of run with up to jobs threads and deliver
 * their findings. Memory running out sets run->oom.
 */
void ka_queue_run(struct ka_run *run, int jobs);

#endif
