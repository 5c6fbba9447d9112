/*
 * ingest_internal.h: what the files of src/ingest/ share behind
 * rasd_ingest (rasd.h): the articles in flight, the run's state, and the
 * session kept between runs. The pipeline's stages, one file each:
 *   input.c   the reader thread: paths, --from-jsonl lines and articles
 *             given in memory, gathered into chunks and queued
 *   worker.c  each article on a worker thread: its document, analysis,
 *             rows, fingerprint and story terms (the per-article pipeline)
 *   writer.c  the one writer, in input order: duplicate and story links
 *             (link.c), rows into the store, batches, the settle
 *   ingest.c  rasd_ingest itself: a run from start to report
 */
#ifndef RASD_INGEST_INTERNAL_H
#define RASD_INGEST_INTERNAL_H

#include "rasd.h"

#include "core/internal.h"
#include "corpus/article.h"
#include "corpus/boilerplate.h"
#include "corpus/reader.h"
#include "ingest/link.h"
#include "storage/analysis_line.h"
#include "storage/rows.h"
#include "storage/store.h"

#include <pthread.h>

#define CHUNK 1024
#define QUEUE_DEPTH 2
#define MAX_ANALYZERS 64

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

/* What outlives one rasd_ingest call (rasd.h): the link to the stored
 * articles' duplicates and stories, and the analyzers the pool's threads
 * borrow (they outlive chunks and calls). */
struct rasd_ingest_session {
    rasd_link *link; /* of the one database the session serves */
    rasd_analyzer *writer_an; /* the writer's, for the link's story terms */
    const rasd_lexicon *lex;
    pthread_mutex_t stash_mu;
    rasd_analyzer *stash[MAX_ANALYZERS];
    size_t n_stash;
};

typedef struct ingest {
    rasd_store *store;
    const rasd_ingest_options *opt;
    rasd_ingest_session *s;
    rasd_link *link; /* s->link */
    rasd_analysis_options analysis;
    rasd_read_options read;
    const rasd_reader_options *ropt;
    rasd_reader_options default_ropt;
    size_t jobs, batch;
    bool keep_json;
    const rasd_boilerplate *bp; /* the plain-text filter over bodies, or NULL (--keep-boilerplate) */
    /* hashes stored before this run, sorted: workers skip those articles */
    hash128 *prior;
    size_t n_prior, cap_prior;
    bool know_prior; /* prior was read (not for a few articles given in memory) */
    item *chunk; /* the chunk the pool works on */
    size_t n;
    /* the reader thread's chunks: filling, then queued for the pool */
    pthread_mutex_t q_mu;
    pthread_cond_t q_changed;
    item *filling;
    size_t n_filling;
    item *queue[QUEUE_DEPTH];
    size_t queue_n[QUEUE_DEPTH], n_queued;
    bool reading_done, stop_reading;
    size_t in_batch;
    bool holding; /* this batch holds the writer lock and has caught up */
    rasd_error db_err;
    rasd_settle_counts settled;
    bool owed;      /* a settle an earlier run left unfinished: this one ends with it */
    /* this run ends with a settle whatever it stores (asked for, owed, or
     * a bulk import from its start): the workers read no story terms */
    bool stories_later;
    size_t commits; /* batches committed by this run */
    /* the store's size when the run began, or when the unfinished run this
     * one completes began (kept in the store until it ends) */
    size_t base;
    bool base_kept;
    rasd_ingest_report r; /* counts; produced and bytes_done under q_mu */
} ingest;

/* ingest.c: makes the session's writer analyzer, which the link's story
 * thread assigns with, when it has none yet. */
rasd_status ingest_writer_analyzer(rasd_ingest_session *s, rasd_error *err);

/* worker.c: the pool's per-thread state, an analyzer from the session's
 * stash (or a new one), back into the stash at the end of a chunk. */
void *ingest_take_analyzer(void *ctx);
void ingest_give_back(void *ctx, void *state);
/* Marks an article skipped, with why. */
void ingest_fail_item(item *it, rasd_status code, const char *msg);
/* The table of hashes stored before this run: filled by ingest_add_stored
 * (a rasd_store_each_hash callback), sorted with ingest_hash_cmp. */
int ingest_hash_cmp(const void *a, const void *b);
bool ingest_add_stored(void *ctx, const char *hash);
/* A pool job: prepares item i of the chunk being worked on. */
void ingest_analyse_one(void *ctx, void *state, size_t i);

/* input.c: the reader thread (arg: the ingest), and the loop that hands
 * its chunks to the pool until it is done; the input's size, estimated. */
void *ingest_reader_thread(void *arg);
void ingest_consume(ingest *g);
uint64_t ingest_bytes_under(const char *path, int depth);

/* writer.c */
void ingest_free_item(item *it);
/* Runs the pool over g->chunk and writes its items in order. */
void ingest_run_chunk(ingest *g);
/* Saves the link's state and commits the batch (and begins the next when
 * reopen); false after a database failure (g->r.db_failed, g->db_err). */
bool ingest_end_batch(ingest *g, bool reopen);
/* Whether this run will end with a settle (asked for, owed, or a bulk
 * import), as far as it has gone. */
bool ingest_will_settle(const ingest *g);
/* Whether it will settle once it has stored one article: set before the
 * workers start (g->stories_later). */
bool ingest_settles_from_start(const ingest *g);
/* Reads the bulk test's base the store kept for a killed run, if any. */
rasd_status ingest_load_base(ingest *g, rasd_error *err);
/* One more turn, in which the whole store's duplicate links and stories
 * are decided again in canonical order (rasd_link_settle). */
void ingest_settle(ingest *g);

#endif
