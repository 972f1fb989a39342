/*
 * -j N: files are audited by N threads, and their findings reach the
 * reporter in input order, so the report is byte-identical to -j 1 (which
 * is one worker in the calling thread, through this same code). The
 * thread working on the file whose turn it is (the head) delivers each
 * document's findings at once (memory stays flat on one long stream); the
 * others queue theirs until their file's turn comes.
 *
 * Two locks: `lock` guards the queues and the turn (held briefly), and
 * `render` is held by whoever delivers. Only the head's thread, or the
 * thread finishing the head file, delivers, so the others keep parsing
 * while it renders. The turn moves only when the head file is done, and
 * only its own thread marks it done.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "kaudit/audit.h"
#include "kaudit/queue.h"

struct queue {
	struct ka_finding *v;
	size_t n, cap;
	bool done;
};

struct pool {
	struct ka_run *run;	/* the shared run: inputs, settings, reporter */
	pthread_mutex_t lock;	/* queues, next_claim, next_emit */
	pthread_mutex_t render; /* held while delivering */
	size_t next_claim;	/* next input to audit */
	size_t next_emit;	/* input whose findings go out now */
	struct queue *q;	/* per input */
};

struct worker {
	struct pool *pool;
	size_t input; /* the file being audited */
	struct ka_auditor *a;
};

/* Take input i's queued findings (under lock); the caller delivers them. */
static struct queue take(struct pool *p, size_t i)
{
	struct queue q = p->q[i];

	p->q[i].v = NULL;
	p->q[i].n = p->q[i].cap = 0;
	return q;
}

static void deliver_queue(struct pool *p, struct queue *q)
{
	if (q->n)
		ka_run_deliver(p->run, q->v, q->n);
	free(q->v);
}

/*
 * Input i (the head) is done: deliver every later input that is done too,
 * and move the turn to the first that is not. Called with render held.
 */
static void advance(struct pool *p, size_t i)
{
	pthread_mutex_lock(&p->lock);
	p->next_emit = i + 1;
	while (p->next_emit < p->run->inputs.n && p->q[p->next_emit].done) {
		struct queue q = take(p, p->next_emit);

		pthread_mutex_unlock(&p->lock);
		deliver_queue(p, &q);
		pthread_mutex_lock(&p->lock);
		p->next_emit++;
	}
	pthread_mutex_unlock(&p->lock);
}

static bool queue_add(struct queue *q, struct ka_finding *f, size_t n)
{
	if (q->n + n > q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct ka_finding *v;

		while (cap < q->n + n)
			cap *= 2;
		v = realloc(q->v, cap * sizeof(*v));
		if (!v)
			return false;
		q->v = v;
		q->cap = cap;
	}
	memcpy(q->v + q->n, f, n * sizeof(*f));
	q->n += n;
	return true;
}

/* One document's findings: deliver them now if it is our turn, else queue. */
static void hand(struct worker *w, struct ka_finding *f, size_t n)
{
	struct pool *p = w->pool;
	struct queue q;

	pthread_mutex_lock(&p->lock);
	if (w->input != p->next_emit) {
		if (!queue_add(&p->q[w->input], f, n)) {
			p->run->oom = true;
			for (size_t i = 0; i < n; i++)
				ka_finding_free(&f[i]);
		}
		pthread_mutex_unlock(&p->lock);
		return;
	}
	/* Our turn: what we queued before it came goes out first. */
	q = take(p, w->input);
	pthread_mutex_unlock(&p->lock);
	pthread_mutex_lock(&p->render);
	deliver_queue(p, &q);
	ka_run_deliver(p->run, f, n);
	pthread_mutex_unlock(&p->render);
}

static void audit_input(struct worker *w)
{
	struct ka_input *in = &w->pool->run->inputs.v[w->input];
	struct ka_finding *f;
	size_t n;
	int fd;

	if (in->status != KA_INPUT_PENDING)
		return;
	fd = ka_input_open(in);
	if (fd < 0)
		return;
	if (ka_auditor_open(w->a, ka_run_settings(w->pool->run, in), in,
			    w->input, fd) == 0)
		while (ka_auditor_next(w->a, &f, &n) > 0)
			hand(w, f, n);
	if (!in->is_stdin)
		close(fd);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		w->input = p->next_claim++;
		pthread_mutex_unlock(&p->lock);
		if (w->input >= p->run->inputs.n || ka_auditor_oom(w->a))
			break;
		audit_input(w);
		/* Not the head: marked done under the lock in the same hold
		 * as the check, so whoever advances the turn to it delivers
		 * it; no wait for the renderer (on many small files that
		 * wait was most of the time). */
		pthread_mutex_lock(&p->lock);
		if (w->input != p->next_emit) {
			p->q[w->input].done = true;
			pthread_mutex_unlock(&p->lock);
			continue;
		}
		pthread_mutex_unlock(&p->lock);
		pthread_mutex_lock(&p->render);
		pthread_mutex_lock(&p->lock);
		p->q[w->input].done = true;
		if (w->input == p->next_emit) {
			struct queue q = take(p, w->input);

			pthread_mutex_unlock(&p->lock);
			deliver_queue(p, &q);
			advance(p, w->input);
		} else {
			pthread_mutex_unlock(&p->lock);
		}
		pthread_mutex_unlock(&p->render);
	}
	return NULL;
}

/* Start up to jobs workers (the first in this thread) and wait for them. */
static void run_workers(struct pool *p, struct worker *w, int jobs)
{
	pthread_t *t = calloc((size_t)jobs, sizeof(*t));
	int started = 0;

	for (int i = 0; i < jobs; i++) {
		w[i].pool = p;
		w[i].a = ka_auditor_new(p->run->s);
		if (!w[i].a) {
			if (i == 0)
				p->run->oom = true;
			jobs = i;
			break;
		}
	}
	/* Worker 0 is this thread; the others get threads while they can. */
	for (int i = 1; t && i < jobs; i++) {
		if (pthread_create(&t[i], NULL, work, &w[i]) != 0)
			break;
		started = i;
	}
	if (jobs > 0)
		work(&w[0]);
	for (int i = 1; i <= started; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < jobs; i++) {
		p->run->oom |= ka_auditor_oom(w[i].a);
		ka_auditor_free(w[i].a);
	}
	free(t);
}

void ka_queue_run(struct ka_run *run, int jobs)
{
	struct pool p = {.run = run};
	struct worker *w;

	if (jobs > (int)run->inputs.n)
		jobs = (int)run->inputs.n;
	if (jobs < 1)
		return;
	p.q = calloc(run->inputs.n, sizeof(*p.q));
	w = calloc((size_t)jobs, sizeof(*w));
	if (!p.q || !w || pthread_mutex_init(&p.lock, NULL) != 0) {
		free(p.q);
		free(w);
		run->oom = true;
		return;
	}
	if (pthread_mutex_init(&p.render, NULL) != 0) {
		pthread_mutex_destroy(&p.lock);
		free(p.q);
		free(w);
		run->oom = true;
		return;
	}
	run_workers(&p, w, jobs);
	/*
	 * Every file is done and delivered (the last one advanced past all),
	 * unless memory ran out: then drop what is left.
	 */
	pthread_mutex_destroy(&p.lock);
	pthread_mutex_destroy(&p.render);
	for (size_t i = 0; i < run->inputs.n; i++) {
		for (size_t j = 0; j < p.q[i].n; j++)
			ka_finding_free(&p.q[i].v[j]);
		free(p.q[i].v);
	}
	free(p.q);
	free(w);
}
