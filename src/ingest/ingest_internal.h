/*
 * ingest_internal.h: what `rasd ingest`'s two halves share: the pipeline
 * and the writer (src/cli/cmd_ingest.c) and the preparation of each article on the
 * worker threads (worker.c): its analysis, rows, fingerprint and
 * story terms.
 */
#ifndef RASD_INGEST_INTERNAL_H
#define RASD_INGEST_INTERNAL_H

#include "cli/cli.h"
#include "cli/engine.h"
#include "corpus/boilerplate.h"
#include "corpus/reader.h"
#include "storage/analysis_line.h"
#include "ingest/link.h"
#include "storage/store.h"

#include <pthread.h>

#define CHUNK 1024
#define QUEUE_DEPTH 2
#define LOG_EVERY_SECONDS 10.0

/* One article in flight: what the reader gave, what the worker made. */
typedef struct item {
    rasd_article a;
    char *text; /* the document: title line, then the body */
    size_t len;
    char *title;
    char hash[33], text_id[33];
    char *json;
    size_t json_len;
    rasd_rows rows;
    rasd_fingerprint fp;
    rasd_story_terms *terms; /* what its story is found by */
    rasd_status code; /* RASD_OK, or why it is skipped */
    char *error;
    bool stored;      /* its hash was in the store before this run */
    bool analysed;    /* json is a line of rasd analyze output (--from-jsonl) */
} item;

/* A 128-bit hash as two integers, for the sorted table of stored ones. */
typedef struct hash128 {
    uint64_t hi, lo;
} hash128;

typedef struct ingest {
    rasd_store *store;
    cli_engine engine;
    rasd_analysis_options analysis;
    rasd_read_options read;
    size_t jobs, batch;
    bool keep_json, quiet, tty;
    const rasd_boilerplate *bp; /* the plain-text filter over bodies, or NULL (--keep-boilerplate) */
    rasd_link *link;
    rasd_analyzer *writer_an; /* the writer's, for story terms */
    /* hashes stored before this run, sorted: workers skip those articles */
    hash128 *prior;
    size_t n_prior, cap_prior;
    /* analyzers outlive chunks: the pool's threads borrow them */
    pthread_mutex_t stash_mu;
    rasd_analyzer *stash[64];
    size_t n_stash;
    item *chunk; /* the chunk the pool works on */
    size_t n;
    /* the reader thread's chunks: filling, then queued for the pool */
    pthread_mutex_t q_mu;
    pthread_cond_t q_changed;
    item *filling;
    size_t n_filling;
    item *queue[QUEUE_DEPTH];
    size_t queue_n[QUEUE_DEPTH], n_queued;
    size_t n_produced; /* items queued so far, for the progress bar */
    bool reading_done, stop_reading;
    const rasd_reader_options *ropt;
    const char *jsonl; /* --from-jsonl FILE */
    char **inputs;
    int n_inputs;
    size_t in_batch;
    bool shared;  /* other processes may write too (PostgreSQL): a chunk is written in one turn */
    bool settle;  /* --settle */
    bool no_settle; /* --no-settle */
    bool settled_run; /* the store was settled at the end of this run */
    rasd_settle_counts settled;
    double t_settle;
    bool holding; /* this batch holds the writer lock and has caught up */
    bool db_failed;
    rasd_error db_err;
    /* counts for the summary */
    size_t n_read, stored, already, exact, near, skipped, skipped_by[RASD_ERR_NOT_FOUND + 1];
    size_t empty; /* records without text: left out, counted, no failure */
    /* what the last commit made durable: the summary after an abort says
     * what is in the store, not what was attempted */
    size_t committed, committed_exact, committed_near;
    size_t repeated, repeating_docs, boilerplate_lines, boilerplate_docs;
    uint64_t bytes_total, bytes_done, text_bytes;
    /* where the writer thread's time goes (wall seconds), for the summary */
    double t_store, t_link, t_commit;
    double t0, last_report;
} ingest;

/* pool.c hands free_state only the state, so the analyzer stash is found
 * through this (one ingest per process). */
extern ingest *ingest_current;

/* The pool's per-thread state: an analyzer from the stash (or a new one),
 * and back into the stash at the end of a chunk. */
void *ingest_take_analyzer(void *ctx);
void ingest_give_back(void *state);
/* Marks an article skipped, with why. */
void ingest_fail_item(item *it, rasd_status code, const char *msg);
/* The table of hashes stored before this run: filled by ingest_add_stored
 * (a rasd_store_each_hash callback), sorted with ingest_hash_cmp. */
int ingest_hash_cmp(const void *a, const void *b);
bool ingest_add_stored(void *ctx, const char *hash);
/* The boilerplate filter over the body (after prefix bytes of title), the
 * removed lines kept as rows. */
rasd_status ingest_strip_boilerplate(const rasd_boilerplate *bp, item *it, size_t prefix, rasd_error *err);
/* --from-jsonl: an analysis line made elsewhere, checked and turned into rows. */
void ingest_from_analysis(ingest *g, item *it, rasd_analyzer *an);
/* A pool job: prepares item i of the chunk being worked on. */
void ingest_analyse_one(void *ctx, void *state, size_t i);

#endif
