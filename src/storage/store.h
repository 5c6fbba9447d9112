/*
 * store.h: where rasd keeps what it has read: documents, their analysis in
 * queryable rows, duplicate links, stories, and a full-text index.
 *
 * One small interface, whatever the database: callers speak in operations
 * (put a document, find one by hash, search, list stories), never in SQL, so
 * that the SQLite backend of today (sqlite_store.c) and a PostgreSQL one
 * later fit behind the same calls. Nothing here names a SQLite type.
 *
 * A store is used by one thread at a time. Writes happen inside a batch
 * (rasd_store_begin ... rasd_store_commit): one transaction per batch, so a
 * killed ingest loses at most the batch in flight and never leaves half an
 * article behind; a failed article is rolled back alone (rasd_store_put
 * undoes its own rows) and the batch goes on.
 */
#ifndef RASD_STORE_H
#define RASD_STORE_H

#include "rasd.h"
#include "storage/rows.h"

typedef struct rasd_store rasd_store;

/* target: a postgres:// or postgresql:// URL (PostgreSQL, libpq's URI
 * syntax), else a file path (SQLite); NULL: $RASD_DB, else "rasd.db" in the
 * current directory. Creates the database or migrates it to the current
 * schema. lex reads words for the full-text index (it must outlive the
 * store); NULL: the store loads the default lexicon itself. */
rasd_store *rasd_store_open(const char *target, const rasd_lexicon *lex, rasd_error *err);
void rasd_store_close(rasd_store *s);
/* Whether target names a PostgreSQL database. */
bool rasd_store_is_pg(const char *target);
/* The target actually opened (for messages). */
const char *rasd_store_target(const rasd_store *s);
/* The database's size on disk in bytes (0 when unknown). */
uint64_t rasd_store_size(rasd_store *s);

rasd_status rasd_store_begin(rasd_store *s, rasd_error *err);
rasd_status rasd_store_commit(rasd_store *s, rasd_error *err);
rasd_status rasd_store_rollback(rasd_store *s, rasd_error *err);
/* Inside a batch: waits until no other process is between this call and
 * its commit, then holds them off until this batch commits or rolls back,
 * so that several ingests writing into one database assign ids,
 * duplicates and stories one batch at a time (docs/store-postgres.md).
 * PostgreSQL: a transaction-scoped advisory lock; SQLite: nothing to do,
 * its batches already hold the database's write lock. */
rasd_status rasd_store_lock_writers(rasd_store *s, rasd_error *err);

/* One article to store: provenance, text and its analysis. */
typedef struct rasd_store_doc {
    int64_t id;            /* the id to store it under (from rasd_store_next_id), or 0: the next one */
    const char *hash;      /* 32 hex digits: identity for re-ingest (unique) */
    const char *text_id;   /* 32 hex digits: XXH3-128 of text (the analysis doc id) */
    const char *origin, *url, *title, *source, *author, *published; /* may be NULL but origin */
    const char *text;
    size_t len;
    const char *analysis_json; /* kept verbatim when not NULL */
    size_t analysis_len;
    const rasd_rows *rows;     /* the analysis as rows, or NULL */
    /* duplicate link, decided by the caller (src/corpus/dedup.h) */
    int64_t duplicate_of;      /* 0: none */
    const char *dup_kind;      /* "exact", "near" or NULL */
    double similarity;
} rasd_store_doc;

/* Stores d; *id receives its id. When a document with the same hash is
 * already there, nothing changes, *already is true and *id is its id. */
rasd_status rasd_store_put(rasd_store *s, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err);
/* A document's identity (rasd_store_doc.hash): XXH3-128 of its URL, a
 * NUL, and its stored text (title line, then body), or of the text alone
 * when it has no URL (the same text at two URLs is two articles, one a
 * duplicate of the other), as 32 hex digits. Every way into the store (rasd
 * ingest, POST /api/ingest) computes it here, so they agree on what is
 * already stored. */
void rasd_store_identity(const char *url, const char *text, size_t len, char out[33]);

/* Id of the document with this hash, or 0. */
rasd_status rasd_store_find_by_hash(rasd_store *s, const char *hash, int64_t *id, rasd_error *err);
/* Calls fn with the hash of every stored document (fn returns false to
 * stop): an ingest loads them once, so its workers skip what is stored. */
typedef bool (*rasd_hash_fn)(void *ctx, const char *hash);
rasd_status rasd_store_each_hash(rasd_store *s, rasd_hash_fn fn, void *ctx, rasd_error *err);
/* The id the next stored document will get (ids only grow). */
rasd_status rasd_store_next_id(rasd_store *s, int64_t *id, rasd_error *err);

/* Stories: the story a document belongs to, and the story's summary row
 * (title, first and last date, article count, outlets) kept up to date. */
rasd_status rasd_store_set_story(rasd_store *s, int64_t doc, int64_t story, double similarity, rasd_error *err);
/* Counts of a story's labels per outlet and actor (framing), refreshed
 * from its documents' framing rows. */
rasd_status rasd_store_refresh_story(rasd_store *s, int64_t story, rasd_error *err);

/* Settling (src/ingest/link.c, rasd_link_settle): every document as
 * the story clusterer reads it, in the order duplicates and stories are
 * settled in — by day (published, else the day it was stored), then by
 * hash — with the duplicate link and story it has now. Strings are valid
 * during the call. */
typedef struct rasd_settle_doc {
    int64_t id;
    const char *hash;
    const char *published; /* YYYY-MM-DD or NULL */
    const char *title;     /* or NULL */
    const char *text;
    size_t len;
    const char *const *entities; /* its entity ids (entities table) */
    size_t n_entities;
    int64_t story; /* 0: none yet */
    double similarity;
    int64_t duplicate_of; /* 0: none */
    const char *dup_kind; /* "exact", "near" or NULL */
    double dup_similarity;
    const void *fingerprint; /* its stored fingerprint's bytes, or NULL */
    size_t fingerprint_len;
} rasd_settle_doc;
typedef bool (*rasd_settle_doc_fn)(void *ctx, const rasd_settle_doc *d);
rasd_status rasd_store_each_settle_doc(rasd_store *s, rasd_settle_doc_fn fn, void *ctx, rasd_error *err);
/* A document's duplicate link changed (duplicate_of 0: none). */
rasd_status rasd_store_set_duplicate(rasd_store *s, int64_t doc, int64_t duplicate_of, const char *kind,
                                     double similarity, rasd_error *err);
/* Every story's summary row and labels written again from the documents'
 * stories (after many moved); stories no document is in are removed. */
rasd_status rasd_store_rebuild_story_rows(rasd_store *s, rasd_error *err);
/* Sums the store keeps over stored rows (SQLite: the actors' sums, added
 * at each batch's commit). A run that ends with a settle defers them from
 * the batches it marks unsettled (defer true before their commit) and the
 * settle makes them again from every row (rebuild), once: the same sums
 * for less work. A backend without such sums does nothing. */
void rasd_store_defer_sums(rasd_store *s, bool defer);
rasd_status rasd_store_rebuild_sums(rasd_store *s, rasd_error *err);

/* Opaque state blobs other modules persist (dedup fingerprints, story
 * clusterer state), by name. get: *data is malloc'd, NULL when absent. */
rasd_status rasd_store_put_state(rasd_store *s, const char *name, const void *data, size_t len, rasd_error *err);
rasd_status rasd_store_get_state(rasd_store *s, const char *name, void **data, size_t *len, rasd_error *err);
/* Per-document fingerprints (for rebuilding a dedup index on open). */
rasd_status rasd_store_put_fingerprint(rasd_store *s, int64_t doc, const void *fp, size_t len, rasd_error *err);
typedef bool (*rasd_fingerprint_fn)(void *ctx, int64_t doc, const void *fp, size_t len);
rasd_status rasd_store_each_fingerprint(rasd_store *s, rasd_fingerprint_fn fn, void *ctx, rasd_error *err);
/* One document's fingerprint into buf[0, cap), *len its size (0: none
 * stored; larger than cap: not copied), for the duplicate index, which
 * keeps band keys in memory and reads a candidate's signature back from
 * here (src/corpus/dedup.c). Sees the caller's own uncommitted batch. */
rasd_status rasd_store_get_fingerprint(rasd_store *s, int64_t doc, void *buf, size_t cap, size_t *len,
                                       rasd_error *err);

/* ------------------------------------------------------------- search */

typedef struct rasd_search_query {
    const char *text;     /* words (all must match), "a phrase", or FTS5 syntax */
    size_t limit;         /* 0: 20 */
    const char *outlet;   /* exact source name, or NULL */
    const char *since, *until; /* YYYY-MM-DD bounds on published, inclusive, or NULL */
    const char *actor;    /* an entity id that must be in the document, or NULL */
    const char *place;    /* a place id that must be in the document, or NULL */
    const char *mark_open, *mark_close; /* around matched words in snippets */
} rasd_search_query;

typedef struct rasd_search_hit {
    int64_t id;
    const char *hash, *title, *source, *published, *url, *origin;
    double score;         /* BM25 (higher is better) */
    const char *snippet;  /* with the marks around matches */
    int64_t duplicate_of; /* 0: none */
    int64_t story;        /* 0: none */
} rasd_search_hit;

/* Calls fn for each hit, best first; fn returns false to stop. */
typedef bool (*rasd_search_fn)(void *ctx, const rasd_search_hit *hit);
rasd_status rasd_store_search(rasd_store *s, const rasd_search_query *q, rasd_search_fn fn, void *ctx,
                              rasd_error *err);

/* ------------------------------------------------------------ summaries */

typedef struct rasd_store_counts {
    int64_t documents, duplicates_exact, duplicates_near, exact_groups, stories;
} rasd_store_counts;

rasd_status rasd_store_counts_get(rasd_store *s, rasd_store_counts *out, rasd_error *err);

#endif
