/*
 * -j N: files are audited by N threads, and their findings reach the
 * renderer in input order, so the report is byte-identical to -j 1. The
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

#include "kaudit/audit.h"
#include "kaudit/input.h"
#include "kaudit/yaml.h"

struct queue {
	struct ka_finding *v;
	size_t n, cap;
	bool done;
};

struct pool {
	struct ka_run *run; /* the shared run: inputs, policy, sink */
	pthread_mutex_t lock;   /* queues, next_claim, next_emit */
	pthread_mutex_t render; /* held while delivering */
	size_t next_claim;  /* next input to audit */
	size_t next_emit;   /* input whose findings go out now */
	struct queue *q;    /* per input */
};

struct worker {
	struct pool *pool;
	size_t input;       /* the file being audited */
	struct ka_run local;
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
	while (p->next_emit < p->run->ninputs && p->q[p->next_emit].done) {
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

static void emit(void *ud, struct ka_run *local, struct ka_finding *f,
		 size_t n)
{
	struct worker *w = ud;
	struct pool *p = w->pool;
	struct queue q;

	(void)local;
	pthread_mutex_lock(&p->lock);
	if (w->input != p->next_emit) {
		if (!queue_add(&p->q[w->input], f, n))
			p->run->oom = true;
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

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		w->input = p->next_claim++;
		pthread_mutex_unlock(&p->lock);
		if (w->input >= p->run->ninputs)
			break;
		ka_input_audit(&w->local, w->input);
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

static void audit_serial(struct ka_run *run)
{
	for (size_t i = 0; i < run->ninputs && !run->oom; i++)
		ka_input_audit(run, i);
}

void ka_run_audit_all(struct ka_run *run, int jobs)
{
	struct pool p = {.run = run};
	struct worker *w;
	pthread_t *t;
	int started = 0;

	if (jobs > (int)run->ninputs)
		jobs = (int)run->ninputs;
	if (jobs <= 1 || !run->emit) {
		audit_serial(run);
		return;
	}
	p.q = calloc(run->ninputs, sizeof(*p.q));
	w = calloc((size_t)jobs, sizeof(*w));
	t = calloc((size_t)jobs, sizeof(*t));
	if (!p.q || !w || !t || pthread_mutex_init(&p.lock, NULL) != 0 ||
	    pthread_mutex_init(&p.render, NULL) != 0) {
		free(p.q);
		free(w);
		free(t);
		audit_serial(run);
		return;
	}
	for (int i = 0; i < jobs; i++) {
		struct ka_run *l = &w[i].local;

		w[i].pool = &p;
		if (ka_run_init(l, run->enabled) < 0) {
			ka_run_free(l);
			break;
		}
		/* Share the run's settings and its inputs (each is one thread's). */
		l->policy = run->policy;
		l->levels = run->levels;
		l->config = run->config;
		l->today = run->today;
		l->chart_root = run->chart_root;
		l->inputs = run->inputs;
		l->ninputs = run->ninputs;
		l->emit = emit;
		l->emit_ud = &w[i];
		if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
			l->inputs = NULL;
			l->ninputs = 0;
			ka_run_free(l);
			break;
		}
		started++;
	}
	if (!started) {
		pthread_mutex_destroy(&p.lock);
		pthread_mutex_destroy(&p.render);
		free(p.q);
		free(w);
		free(t);
		audit_serial(run);
		return;
	}
	for (int i = 0; i < started; i++) {
		pthread_join(t[i], NULL);
		run->documents += w[i].local.documents;
		run->oom |= w[i].local.oom;
		w[i].local.inputs = NULL; /* the run's, not the worker's */
		w[i].local.ninputs = 0;
		ka_run_free(&w[i].local);
	}
	/* Every file is done and delivered (the last one advanced past all). */
	pthread_mutex_destroy(&p.lock);
	pthread_mutex_destroy(&p.render);
	for (size_t i = 0; i < run->ninputs; i++)
		free(p.q[i].v);
	free(p.q);
	free(w);
	free(t);
}
