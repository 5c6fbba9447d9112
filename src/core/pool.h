/*
 * pool.h: an ordered parallel map. Runs work(i) for i in [0, n) on `jobs`
 * threads and calls emit(i) in order 0, 1, ... on the calling thread as
 * results become ready, never letting work run more than a bounded window
 * ahead of emit (memory stays flat). Each thread gets its own state from
 * make_state and hands it back to free_state with the same ctx, so that a
 * caller can keep states between runs (the ingest's analyzers) without a
 * global.
 */
#ifndef RASD_CORE_POOL_H
#define RASD_CORE_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rasd_pool_spec {
    size_t n, jobs;
    void *(*make_state)(void *ctx);
    void (*free_state)(void *ctx, void *state);
    void (*work)(void *ctx, void *state, size_t i);
    void (*emit)(void *ctx, size_t i);
    void *ctx;
} rasd_pool_spec;

/* Returns false when threads or memory could not be had. */
bool rasd_pool_run(const rasd_pool_spec *spec);

#endif
