/*
 * pool.c: ordered parallel map (pool.h), for `rasd analyze` and the
 * ingest's workers.
 * Threads claim indexes from a shared counter; the calling thread emits
 * results strictly in input order. A thread may not claim an index more
 * than WINDOW_PER_JOB * jobs past the next one to emit, so a slow document
 * cannot make the finished ones pile up in memory.
 */
#include "core/pool.h"

#include <pthread.h>
#include <stdlib.h>

#define WINDOW_PER_JOB 8

typedef struct pool {
    const rasd_pool_spec *spec;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    size_t next_claim, next_emit, window;
    bool *done;
} pool;

static void *worker(void *arg) {
    pool *p = arg;
    const rasd_pool_spec *s = p->spec;
    void *state = s->make_state ? s->make_state(s->ctx) : NULL;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next_claim < s->n && p->next_claim >= p->next_emit + p->window)
            pthread_cond_wait(&p->changed, &p->mu);
        if (p->next_claim >= s->n) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        size_t i = p->next_claim++;
        pthread_mutex_unlock(&p->mu);
        s->work(s->ctx, state, i);
        pthread_mutex_lock(&p->mu);
        p->done[i] = true;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->mu);
    }
    if (s->free_state) s->free_state(s->ctx, state);
    return NULL;
}

bool rasd_pool_run(const rasd_pool_spec *s) {
    if (s->jobs <= 1 || s->n <= 1) { /* no threads: simplest and deterministic */
        void *state = s->make_state ? s->make_state(s->ctx) : NULL;
        for (size_t i = 0; i < s->n; i++) {
            s->work(s->ctx, state, i);
            s->emit(s->ctx, i);
        }
        if (s->free_state) s->free_state(s->ctx, state);
        return true;
    }
    pool p = {.spec = s, .window = WINDOW_PER_JOB * s->jobs};
    p.done = calloc(s->n, sizeof *p.done);
    size_t jobs = s->jobs < s->n ? s->jobs : s->n;
    pthread_t *threads = calloc(jobs, sizeof *threads);
    if (!p.done || !threads) {
        free(p.done);
        free(threads);
        return false;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.changed, NULL);
    size_t started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, &p) != 0) break;
    bool ok = started > 0;
    if (ok) {
        for (size_t i = 0; i < s->n; i++) {
            pthread_mutex_lock(&p.mu);
            while (!p.done[i]) pthread_cond_wait(&p.changed, &p.mu);
            pthread_mutex_unlock(&p.mu);
            s->emit(s->ctx, i);
            pthread_mutex_lock(&p.mu);
            p.next_emit = i + 1;
            pthread_cond_broadcast(&p.changed);
            pthread_mutex_unlock(&p.mu);
        }
    }
    for (size_t t = 0; t < started; t++) pthread_join(threads[t], NULL);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.mu);
    free(p.done);
    free(threads);
    return ok;
}
