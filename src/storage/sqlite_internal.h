/*
 * sqlite_internal.h: what the files of the SQLite backend share: the
 * connection with its statements prepared once (sqlite_store.c opens it),
 * the full-text rows kept for a batch's commit, and the small helpers
 * every statement goes through (static inline: the writer binds and steps
 * them for every row it stores). sqlite_docs.c stores documents and their
 * rows, sqlite_stories.c the story thread's rows and state,
 * sqlite_search.c reads the full-text index. Internal to src/storage/.
 */
#ifndef RASD_SQLITE_INTERNAL_H
#define RASD_SQLITE_INTERNAL_H

#include "storage/fts_rasd.h"
#include "storage/store_backend.h"

#include "core/internal.h"

#include <sqlite3.h>

/* The statements prepared once per connection (their SQL: sqlite_store.c). */
enum {
    ST_INSERT_DOC,
    ST_FIND_HASH,
    ST_INSERT_FTS,
    ST_ENTITY,
    ST_PLACE,
    ST_QUOTE,
    ST_EVENT,
    ST_FRAMING,
    ST_NUMBER,
    ST_DATE,
    ST_PARAGRAPH,
    ST_PARAGRAPH_FIRST,
    ST_BOILERPLATE,
    ST_SET_STORY,
    ST_PUT_STATE,
    ST_GET_STATE,
    ST_PUT_FP,
    ST_GET_FP,
    ST_PUT_STATE_ZERO,
    ST_NEXT_ID,
    ST_BATCH_DOC,
    ST_STORY_SUMMARY,
    ST_STORY_LABELS_DELETE,
    ST_STORY_LABELS,
    ST_SEARCH_PLAIN,
    ST_SEARCH_FILTERED,
    ST_COUNT
};

/* A stored document's full-text row, waiting for its batch's commit. */
typedef struct fts_pending {
    int64_t id;
    char *title; /* NULL when none */
    char *text;
    size_t len;
    rasd_term_list title_terms, text_terms; /* copies of the rows' terms, or empty */
} fts_pending;

/* An open SQLite store: the rasd_store the callers hold comes first (sq_of). */
typedef struct sqlite_store {
    rasd_store base;
    sqlite3 *db;
    rasd_fts *fts;
    rasd_lexicon *own_lex;
    sqlite3_stmt *st[ST_COUNT];
    fts_pending *pending;
    size_t n_pending, cap_pending;
    bool defer_sums; /* the next commit leaves the actors' sums to rebuild_sums */
} sqlite_store;

/* The page cache of a writing connection (PRAGMA cache_size, KiB). */
#define SQLITE_CACHE_KIB "32768"

static inline sqlite_store *sq_of(rasd_store *s) { return (sqlite_store *)s; }

static inline rasd_status sq_db_fail(sqlite_store *s, rasd_error *err, const char *what) {
    return rasd_fail(err, RASD_ERR_DB, "%s: %s: %s", s->base.target, what, sqlite3_errmsg(s->db));
}

static inline rasd_status sq_exec(sqlite_store *s, const char *sql, rasd_error *err) {
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) return sq_db_fail(s, err, sql);
    return RASD_OK;
}

static inline void sq_bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

/* Runs a bound statement that returns no rows, then resets it. */
static inline rasd_status sq_step_done(sqlite_store *s, sqlite3_stmt *st, rasd_error *err, const char *what) {
    int rc = sqlite3_step(st);
    rasd_status r = rc == SQLITE_DONE ? RASD_OK : sq_db_fail(s, err, what);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r;
}

/* sqlite_docs.c: a document and its rows; the full-text rows of a batch,
 * written at its commit (sq_index_pending) or dropped (sq_drop_pending). */
rasd_status sq_index_pending(sqlite_store *s, rasd_error *err);
void sq_drop_pending(sqlite_store *s);
rasd_status sq_put(rasd_store *base, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err);
rasd_status sq_find_by_hash(rasd_store *b, const char *hash, int64_t *id, rasd_error *err);
rasd_status sq_each_hash(rasd_store *b, rasd_hash_fn fn, void *ctx, rasd_error *err);
rasd_status sq_next_id(rasd_store *b, int64_t *id, rasd_error *err);
void sq_defer_sums(rasd_store *b, bool defer);
rasd_status sq_rebuild_sums(rasd_store *b, rasd_error *err);

/* sqlite_stories.c: stories, the story thread's state and fingerprints,
 * settling, duplicates. */
rasd_status sq_set_story(rasd_store *b, int64_t doc, int64_t story, double sim, rasd_error *err);
rasd_status sq_refresh_story(rasd_store *b, int64_t story, rasd_error *err);
rasd_status sq_put_state(rasd_store *b, const char *name, const void *data, size_t len, rasd_error *err);
rasd_status sq_get_state(rasd_store *b, const char *name, void **data, size_t *len, rasd_error *err);
rasd_status sq_put_fingerprint(rasd_store *b, int64_t doc, const void *fp, size_t len, rasd_error *err);
rasd_status sq_each_fingerprint(rasd_store *b, rasd_fingerprint_fn fn, void *ctx, rasd_error *err);
rasd_status sq_get_fingerprint(rasd_store *b, int64_t doc, void *buf, size_t cap, size_t *len, rasd_error *err);
rasd_status sq_each_settle_doc(rasd_store *b, rasd_settle_doc_fn fn, void *ctx, rasd_error *err);
rasd_status sq_set_duplicate(rasd_store *b, int64_t doc, int64_t duplicate_of, const char *kind, double similarity,
                             rasd_error *err);
rasd_status sq_rebuild_story_rows(rasd_store *b, rasd_error *err);

/* sqlite_search.c: the full-text search and the store's counts. */
rasd_status sq_search(rasd_store *b, const rasd_search_query *qq, rasd_search_fn fn, void *ctx, rasd_error *err);
rasd_status sq_counts(rasd_store *b, rasd_store_counts *out, rasd_error *err);

#endif
