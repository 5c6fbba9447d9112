/*
 * sqlite_store.c: the SQLite backend of the store (store.h).
 *
 * One file, WAL journal with synchronous=NORMAL (a crash loses at most the
 * last transactions, never consistency), schema by migrations (schema.c),
 * every statement prepared once per connection. A document that fails
 * half-way inside the caller's batch transaction leaves no rows behind and
 * costs no other: the rows it wrote are deleted (sq_put).
 *
 * Its full-text row is written later: FTS5 flushes its pending terms to a
 * new segment at every savepoint once it has been written in the
 * transaction, which made each document a segment of its own (a fifth of
 * the writer's time, and merges later). Inside a batch the full-text rows
 * are kept and written as one block when the batch commits; they only
 * fail with the database (disk, memory), which ends the batch anyway.
 * Outside a transaction a document is indexed at once.
 */
#include "storage/fts_rasd.h"
#include "storage/schema.h"
#include "storage/store_backend.h"

#include "core/internal.h"

#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Two steps: the best `limit` ids under the filters, ranked by BM25 (title
 * weighted 4:1, set in the schema), then snippets for those alone, since
 * snippet() costs a re-tokenization of the whole text. Without filters the
 * first step reads the index alone: joining every match to its document
 * row only to test nothing cost a third of a common word's search. With
 * filters, each match's date and outlet come from the small rows of the
 * covering index documents_meta (schema step 6), not from its row, whose
 * text spreads it over pages of its own.
 * Without filters the full-text index orders the matches by rank itself
 * and stops at the limit, so the snippets are cut by the ranking cursor,
 * for the page's rows alone; a second cursor for them re-ran the query
 * once per hit (a tenth of a common word's search). Under filters the
 * ranking is SQLite's sort of the matches that pass, which would cut a
 * snippet for every one of them first: there the page's hits are found
 * again by a second cursor. */
#define SEARCH_TOP_PLAIN                                                                                              \
    "WITH top(id, score, snip) AS ("                                                                                 \
    " SELECT rowid, rank, snippet(documents_fts, 1, ?8, ?9, '…', 14) FROM documents_fts"                            \
    " WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?7)"                                                          \
    " SELECT d.id, d.hash, d.title, d.source, d.published, d.url, d.origin, -top.score, top.snip, d.duplicate_of,"  \
    "  d.story FROM top JOIN documents d ON d.id = top.id ORDER BY top.score"
#define SEARCH_TOP_FILTERED                                                                                           \
    "WITH top(id, score) AS ("                                                                                       \
    " SELECT documents_fts.rowid, documents_fts.rank FROM documents_fts"                                            \
    "  JOIN documents d INDEXED BY documents_meta ON d.id = documents_fts.rowid"                                     \
    " WHERE documents_fts MATCH ?1"                                                                                  \
    "  AND (?2 IS NULL OR d.source = ?2)"                                                                            \
    "  AND (?3 IS NULL OR d.published >= ?3)"                                                                        \
    "  AND (?4 IS NULL OR d.published <= ?4)"                                                                        \
    "  AND (?5 IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.entity = ?5 AND e.doc = d.id))"                   \
    "  AND (?6 IS NULL OR EXISTS (SELECT 1 FROM places p WHERE p.place = ?6 AND p.doc = d.id))"                      \
    " ORDER BY documents_fts.rank LIMIT ?7)"
#define SEARCH_HITS                                                                                                   \
    " SELECT d.id, d.hash, d.title, d.source, d.published, d.url, d.origin, -top.score,"                             \
    "  snippet(documents_fts, 1, ?8, ?9, '…', 14), d.duplicate_of, d.story"                                          \
    " FROM top JOIN documents d ON d.id = top.id JOIN documents_fts ON documents_fts.rowid = top.id"                 \
    " WHERE documents_fts MATCH ?1 ORDER BY top.score"

/* The copies schema step 8 keeps in quotes, events and framing rows of
 * their document's published and source are bound with the row (the
 * values the document row was just stored with), since the trigger that
 * would otherwise set them rewrites the row and its indexes, and a lookup
 * of the document for each row cost two searches of its table. */

static const char *const SQL[ST_COUNT] = {
    [ST_INSERT_DOC] = "INSERT INTO documents(hash, text_id, origin, url, title, source, author, published, text,"
                      " analysis, duplicate_of, dup_kind, similarity, id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      " ON CONFLICT(hash) DO NOTHING",
    [ST_FIND_HASH] = "SELECT id FROM documents WHERE hash = ?",
    [ST_INSERT_FTS] = "INSERT INTO documents_fts(rowid, title, text) VALUES(?,?,?)",
    [ST_ENTITY] = "INSERT INTO entities(doc, entity, name, type, country, mention_count, mentions)"
                  " VALUES(?,?,?,?,?,?,?)",
    [ST_PLACE] = "INSERT INTO places(doc, place, name, lat, lon, country, mention_count, mentions)"
                 " VALUES(?,?,?,?,?,?,?,?)",
    [ST_QUOTE] = "INSERT INTO quotes(doc, speaker, speaker_text, verb, direct, span_start, span_end, text,"
                 " doc_published, doc_source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_EVENT] = "INSERT INTO events(doc, source, target, cameo, plover, acled, place, date, flags, span_start,"
                 " span_end, detail, doc_day, doc_source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                 " coalesce(?8, ?13), ?14)",
    [ST_FRAMING] = "INSERT INTO framing(doc, actor, term, label, polarity, span_start, span_end, doc_published,"
                   " doc_source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_NUMBER] = "INSERT INTO numbers(doc, text, value, unit, unit_code, span_start, span_end)"
                  " VALUES(?,?,?,?,?,?,?)",
    [ST_DATE] = "INSERT INTO dates(doc, text, value, granularity, span_start, span_end) VALUES(?,?,?,?,?,?)",
    [ST_PARAGRAPH] = "INSERT INTO paragraphs(doc, idx, span_start, span_end, pkey, repeated_of, repeats,"
                     " repeat_similarity) VALUES(?,?,?,?,?,?,?,?)",
    [ST_BOILERPLATE] = "INSERT INTO boilerplate(doc, idx, at, input_start, input_end, reason, text)"
                       " VALUES(?,?,?,?,?,?,?)",
    [ST_PARAGRAPH_FIRST] = "SELECT doc FROM paragraphs WHERE pkey = ? ORDER BY doc LIMIT 1",
    [ST_SET_STORY] = "UPDATE documents SET story = ?, story_similarity = ? WHERE id = ?",
    [ST_PUT_STATE] = "INSERT INTO state(name, data) VALUES(?,?) ON CONFLICT(name) DO UPDATE SET data = excluded.data",
    [ST_GET_STATE] = "SELECT data FROM state WHERE name = ?",
    [ST_PUT_FP] = "INSERT OR REPLACE INTO fingerprints(doc, data) VALUES(?,?)",
    [ST_GET_FP] = "SELECT data FROM fingerprints WHERE doc = ?",
    [ST_PUT_STATE_ZERO] = "INSERT OR REPLACE INTO state(name, data) VALUES(?, zeroblob(?))",
    [ST_NEXT_ID] = "SELECT coalesce(max(id), 0) + 1 FROM documents",
    [ST_BATCH_DOC] = "INSERT OR IGNORE INTO temp.batch_docs(doc) VALUES(?)",
    /* a story's summary, recomputed from its documents rather than counted
     * up one by one, so it is right whatever order documents arrive in */
    [ST_STORY_SUMMARY] =
        "INSERT INTO stories(id, title, first_seen, last_seen, n_articles, outlets)"
        " SELECT ?1, (SELECT title FROM documents WHERE id = ?1),"
        "  min(coalesce(published, substr(ingested_at, 1, 10))), max(coalesce(published, substr(ingested_at, 1, 10))),"
        "  count(*), (SELECT group_concat(source, ', ') FROM (SELECT DISTINCT source FROM documents"
        "   WHERE story = ?1 AND source IS NOT NULL ORDER BY source))"
        " FROM documents WHERE story = ?1"
        " ON CONFLICT(id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
        "  n_articles = excluded.n_articles, outlets = excluded.outlets",
    [ST_STORY_LABELS_DELETE] = "DELETE FROM story_labels WHERE story = ?1",
    [ST_STORY_LABELS] =
        "INSERT INTO story_labels(story, outlet, actor, label, count)"
        " SELECT ?1, coalesce(d.source, ''), coalesce(f.actor, ''), f.label, count(*)"
        " FROM documents d JOIN framing f ON f.doc = d.id WHERE d.story = ?1 AND f.label IS NOT NULL"
        " GROUP BY 2, 3, 4",
    [ST_SEARCH_PLAIN] = SEARCH_TOP_PLAIN,
    [ST_SEARCH_FILTERED] = SEARCH_TOP_FILTERED SEARCH_HITS,
};

/* A stored document's full-text row, waiting for its batch's commit. */
typedef struct fts_pending {
    int64_t id;
    char *title; /* NULL when none */
    char *text;
    size_t len;
    rasd_term_list title_terms, text_terms; /* copies of the rows' terms, or empty */
} fts_pending;

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

static sqlite_store *of(rasd_store *s) { return (sqlite_store *)s; }

static rasd_status db_fail(sqlite_store *s, rasd_error *err, const char *what) {
    return rasd_fail(err, RASD_ERR_DB, "%s: %s: %s", s->base.target, what, sqlite3_errmsg(s->db));
}

static rasd_status exec(sqlite_store *s, const char *sql, rasd_error *err) {
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_fail(s, err, sql);
    return RASD_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

/* Runs a bound statement that returns no rows, then resets it. */
static rasd_status step_done(sqlite_store *s, sqlite3_stmt *st, rasd_error *err, const char *what) {
    int rc = sqlite3_step(st);
    rasd_status r = rc == SQLITE_DONE ? RASD_OK : db_fail(s, err, what);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r;
}

/* ------------------------------------------------------- full-text rows */

static bool copy_terms(rasd_term_list *to, const rasd_term_list *from) {
    memset(to, 0, sizeof *to);
    if (!from || !from->filled) return true;
    *to = *from;
    to->data = NULL;
    to->cap = from->len;
    if (from->len && !(to->data = malloc(from->len))) {
        memset(to, 0, sizeof *to);
        return false;
    }
    if (from->len) memcpy(to->data, from->data, from->len);
    return true;
}

static void drop_pending(sqlite_store *s) {
    for (size_t i = 0; i < s->n_pending; i++) {
        fts_pending *p = &s->pending[i];
        free(p->title);
        free(p->text);
        rasd_term_list_free(&p->title_terms);
        rasd_term_list_free(&p->text_terms);
    }
    s->n_pending = 0;
}

static rasd_status index_now(sqlite_store *s, int64_t id, const char *title, const char *text, size_t len,
                             const rasd_term_list *title_terms, const rasd_term_list *text_terms, rasd_error *err) {
    sqlite3_stmt *q = s->st[ST_INSERT_FTS];
    sqlite3_bind_int64(q, 1, id);
    bind_text(q, 2, title);
    sqlite3_bind_text(q, 3, text, (int)len, SQLITE_STATIC);
    rasd_fts_expect(s->fts, title_terms, text_terms);
    rasd_status st = step_done(s, q, err, "indexing a document");
    rasd_fts_expect(s->fts, NULL, NULL);
    return st;
}

/* Keeps a document's full-text row for the commit (copies: the caller's
 * document is gone by then). */
static rasd_status index_later(sqlite_store *s, int64_t id, const rasd_store_doc *d, rasd_error *err) {
    if (s->n_pending == s->cap_pending) {
        size_t cap = s->cap_pending ? s->cap_pending * 2 : 256;
        fts_pending *grown = realloc(s->pending, cap * sizeof *grown);
        if (!grown) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory keeping a document's index row");
        s->pending = grown;
        s->cap_pending = cap;
    }
    fts_pending *p = &s->pending[s->n_pending];
    memset(p, 0, sizeof *p);
    p->id = id;
    p->len = d->len;
    bool ok = (!d->title || (p->title = strdup(d->title))) && (p->text = malloc(d->len + 1)) &&
              (!d->rows || (copy_terms(&p->title_terms, &d->rows->title_terms) &&
                            copy_terms(&p->text_terms, &d->rows->text_terms)));
    if (p->text) memcpy(p->text, d->text, d->len), p->text[d->len] = '\0';
    s->n_pending++; /* even half-built, so that drop_pending frees it */
    return ok ? RASD_OK : rasd_fail(err, RASD_ERR_NOMEM, "out of memory keeping a document's index row");
}

/* Adds the entity rows of the documents in temp.batch_docs to the actors'
 * sums (schema.c, step 7), once for all of them. */
static rasd_status add_sums(sqlite_store *s, rasd_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, rasd_sqlite_sums_sql, NULL, NULL, &msg) == SQLITE_OK) return RASD_OK;
    rasd_status st = rasd_fail(err, RASD_ERR_DB, "%s: adding to the actors' sums: %s", s->base.target,
                               msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return st;
}

static rasd_status note_batch_doc(sqlite_store *s, int64_t id, rasd_error *err) {
    sqlite3_stmt *q = s->st[ST_BATCH_DOC];
    sqlite3_bind_int64(q, 1, id);
    return step_done(s, q, err, "listing a stored document for the actors' sums");
}

static rasd_status index_pending(sqlite_store *s, rasd_error *err) {
    rasd_status st = RASD_OK;
    for (size_t i = 0; st == RASD_OK && i < s->n_pending; i++) {
        const fts_pending *p = &s->pending[i];
        st = index_now(s, p->id, p->title, p->text, p->len, &p->title_terms, &p->text_terms, err);
        if (st == RASD_OK && !s->defer_sums) st = note_batch_doc(s, p->id, err);
    }
    drop_pending(s);
    return st == RASD_OK && !s->defer_sums ? add_sums(s, err) : st;
}

static void sq_defer_sums(rasd_store *b, bool defer) { of(b)->defer_sums = defer; }

/* The page cache of a writing connection (PRAGMA cache_size, KiB). */
#define CACHE_KIB "32768"
/* ... and while the sums are made again from every row: the GROUP BY
 * sorters are allowed as much memory as the page cache, and the temporary
 * tables of the DISTINCTs live in memory (temp_store), so with the full
 * cache the rebuild held ~18 MB more for the whole SaudiNewsNet than for a
 * quarter of it (the settle's peak); with this one the same sums in the
 * same time (the sorters spill to temporary files). */
#define SUMS_CACHE_KIB "4096"

static rasd_status sq_rebuild_sums(rasd_store *b, rasd_error *err) {
    sqlite_store *s = of(b);
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, "PRAGMA cache_size = -" SUMS_CACHE_KIB, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(s->db, rasd_sqlite_sums_rebuild_sql, NULL, NULL, &msg);
    /* the cache back to its size whatever happened */
    int back = sqlite3_exec(s->db, "PRAGMA cache_size = -" CACHE_KIB, NULL, NULL, NULL);
    if (rc == SQLITE_OK && back == SQLITE_OK) return RASD_OK;
    rasd_status st = rasd_fail(err, RASD_ERR_DB, "%s: making the actors' sums again: %s", s->base.target,
                               msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return st;
}

/* ------------------------------------------------------------ lifecycle */

static void sq_close(rasd_store *base) {
    sqlite_store *s = of(base);
    drop_pending(s); /* a batch never committed: its documents are not stored either */
    free(s->pending);
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(s->st[i]);
    if (s->db) {
        /* leave a compact WAL behind for the next reader */
        sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
        sqlite3_close(s->db);
    }
    rasd_lexicon_destroy(s->own_lex);
    free(s->base.target);
    free(s);
}

static uint64_t sq_size(rasd_store *base) {
    sqlite_store *s = of(base);
    struct stat stb;
    uint64_t total = 0;
    char wal[4096];
    if (stat(s->base.target, &stb) == 0) total += (uint64_t)stb.st_size;
    snprintf(wal, sizeof wal, "%s-wal", s->base.target);
    if (stat(wal, &stb) == 0) total += (uint64_t)stb.st_size;
    return total;
}

static rasd_status sq_begin(rasd_store *b, rasd_error *err) { return exec(of(b), "BEGIN IMMEDIATE", err); }
static rasd_status sq_commit(rasd_store *b, rasd_error *err) {
    rasd_status st = index_pending(of(b), err);
    return st == RASD_OK ? exec(of(b), "COMMIT", err) : st;
}
static rasd_status sq_rollback(rasd_store *b, rasd_error *err) {
    drop_pending(of(b));
    if (sqlite3_get_autocommit(of(b)->db)) return RASD_OK; /* nothing open */
    return exec(of(b), "ROLLBACK", err);
}

/* ------------------------------------------------------------ documents */

static rasd_status find_hash(sqlite_store *s, const char *hash, int64_t *id, rasd_error *err) {
    sqlite3_stmt *st = s->st[ST_FIND_HASH];
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RASD_OK : db_fail(s, err, "finding a document by hash");
}

/* published, source: the document's, as its row holds them */
static rasd_status put_rows(sqlite_store *s, int64_t id, const char *published, const char *source,
                            const rasd_rows *r, rasd_error *err) {
    rasd_status st = RASD_OK;
    sqlite3_stmt *q;
    q = s->st[ST_ENTITY];
    for (size_t i = 0; st == RASD_OK && i < r->n_entities; i++) {
        const rasd_row_entity *e = &r->entities[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, e->id);
        bind_text(q, 3, e->name);
        bind_text(q, 4, e->type);
        bind_text(q, 5, e->country);
        sqlite3_bind_int64(q, 6, e->mention_count);
        bind_text(q, 7, e->mentions);
        st = step_done(s, q, err, "storing an entity");
    }
    q = s->st[ST_PLACE];
    for (size_t i = 0; st == RASD_OK && i < r->n_places; i++) {
        const rasd_row_place *p = &r->places[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, p->id);
        bind_text(q, 3, p->name);
        if (p->has_coords) {
            sqlite3_bind_double(q, 4, p->lat);
            sqlite3_bind_double(q, 5, p->lon);
        }
        bind_text(q, 6, p->country);
        sqlite3_bind_int64(q, 7, p->mention_count);
        bind_text(q, 8, p->mentions);
        st = step_done(s, q, err, "storing a place");
    }
    q = s->st[ST_QUOTE];
    for (size_t i = 0; st == RASD_OK && i < r->n_quotes; i++) {
        const rasd_row_quote *x = &r->quotes[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, x->speaker);
        bind_text(q, 3, x->speaker_text);
        bind_text(q, 4, x->verb);
        sqlite3_bind_int(q, 5, x->direct);
        sqlite3_bind_int64(q, 6, x->start);
        sqlite3_bind_int64(q, 7, x->end);
        bind_text(q, 8, x->text);
        bind_text(q, 9, published);
        bind_text(q, 10, source);
        st = step_done(s, q, err, "storing a quote");
    }
    q = s->st[ST_EVENT];
    for (size_t i = 0; st == RASD_OK && i < r->n_events; i++) {
        const rasd_row_event *x = &r->events[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, x->source);
        bind_text(q, 3, x->target);
        bind_text(q, 4, x->cameo);
        bind_text(q, 5, x->plover);
        bind_text(q, 6, x->acled);
        bind_text(q, 7, x->place);
        bind_text(q, 8, x->date);
        bind_text(q, 9, x->flags && *x->flags ? x->flags : NULL);
        sqlite3_bind_int64(q, 10, x->start);
        sqlite3_bind_int64(q, 11, x->end);
        bind_text(q, 12, x->detail);
        bind_text(q, 13, published);
        bind_text(q, 14, source);
        st = step_done(s, q, err, "storing an event");
    }
    q = s->st[ST_FRAMING];
    for (size_t i = 0; st == RASD_OK && i < r->n_framing; i++) {
        const rasd_row_framing *x = &r->framing[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, x->actor);
        bind_text(q, 3, x->term);
        bind_text(q, 4, x->label);
        sqlite3_bind_int64(q, 5, x->polarity);
        sqlite3_bind_int64(q, 6, x->start);
        sqlite3_bind_int64(q, 7, x->end);
        bind_text(q, 8, published);
        bind_text(q, 9, source);
        st = step_done(s, q, err, "storing a framing term");
    }
    q = s->st[ST_NUMBER];
    for (size_t i = 0; st == RASD_OK && i < r->n_numbers; i++) {
        const rasd_row_number *x = &r->numbers[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, x->text);
        if (x->has_value) sqlite3_bind_double(q, 3, x->value);
        bind_text(q, 4, x->unit);
        bind_text(q, 5, x->unit_code);
        sqlite3_bind_int64(q, 6, x->start);
        sqlite3_bind_int64(q, 7, x->end);
        st = step_done(s, q, err, "storing a number");
    }
    q = s->st[ST_DATE];
    for (size_t i = 0; st == RASD_OK && i < r->n_dates; i++) {
        const rasd_row_date *x = &r->dates[i];
        sqlite3_bind_int64(q, 1, id);
        bind_text(q, 2, x->text);
        bind_text(q, 3, x->value);
        bind_text(q, 4, x->granularity);
        sqlite3_bind_int64(q, 5, x->start);
        sqlite3_bind_int64(q, 6, x->end);
        st = step_done(s, q, err, "storing a date");
    }
    q = s->st[ST_PARAGRAPH];
    for (size_t i = 0; st == RASD_OK && i < r->n_paragraphs; i++) {
        const rasd_row_paragraph *x = &r->paragraphs[i];
        int64_t first = 0;
        if (x->key) { /* the earliest document holding the same paragraph */
            sqlite3_stmt *f = s->st[ST_PARAGRAPH_FIRST];
            sqlite3_bind_int64(f, 1, (int64_t)x->key);
            int rc = sqlite3_step(f);
            if (rc == SQLITE_ROW) first = sqlite3_column_int64(f, 0);
            sqlite3_reset(f);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                st = db_fail(s, err, "looking up a repeated paragraph");
                break;
            }
        }
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (int64_t)i);
        sqlite3_bind_int64(q, 3, x->start);
        sqlite3_bind_int64(q, 4, x->end);
        if (x->key) sqlite3_bind_int64(q, 5, (int64_t)x->key);
        if (first && first != id) sqlite3_bind_int64(q, 6, first);
        if (x->repeats >= 0 && (size_t)x->repeats < i) {
            sqlite3_bind_int64(q, 7, x->repeats);
            sqlite3_bind_double(q, 8, x->repeat_similarity);
        }
        st = step_done(s, q, err, "storing a paragraph");
    }
    q = s->st[ST_BOILERPLATE];
    for (size_t i = 0; st == RASD_OK && i < r->n_boilerplate; i++) {
        const rasd_row_boilerplate *x = &r->boilerplate[i];
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (int64_t)i);
        sqlite3_bind_int64(q, 3, x->at);
        sqlite3_bind_int64(q, 4, x->input_start);
        sqlite3_bind_int64(q, 5, x->input_end);
        bind_text(q, 6, x->reason ? x->reason : "");
        bind_text(q, 7, x->text ? x->text : "");
        st = step_done(s, q, err, "storing a removed boilerplate line");
    }
    return st;
}

/* Takes back the rows of a document that failed half-way inside a batch:
 * its rows are the last of each table, so the ids the next document gets
 * are those a rollback would have left. */
static void undo_doc(sqlite_store *s, int64_t id) {
    static const char *const TABLES[] = {"entities", "places",     "quotes",     "events",   "framing",
                                         "numbers",  "dates",      "paragraphs", "boilerplate"};
    char sql[128];
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE doc = %lld", TABLES[i], (long long)id);
        sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    }
    snprintf(sql, sizeof sql, "DELETE FROM documents WHERE id = %lld", (long long)id);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* A document that fails half-way leaves no row. Outside a batch its rows
 * are one savepoint; inside one, a savepoint per document made SQLite
 * copy every page the document touched into a sub-journal (about 5% of
 * the writer thread, and the statements to open and release it), for a
 * failure that comes once in many thousand documents: the rows it wrote
 * are deleted instead (undo_doc); its full-text row waits for the commit. */
static rasd_status sq_put(rasd_store *base, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err) {
    sqlite_store *s = of(base);
    *already = false;
    *id = 0;
    bool in_batch = !sqlite3_get_autocommit(s->db);
    rasd_status st = in_batch ? RASD_OK : exec(s, "SAVEPOINT doc", err);
    if (st != RASD_OK) return st;
    sqlite3_stmt *q = s->st[ST_INSERT_DOC];
    bind_text(q, 1, d->hash);
    bind_text(q, 2, d->text_id);
    bind_text(q, 3, d->origin);
    bind_text(q, 4, d->url);
    bind_text(q, 5, d->title);
    bind_text(q, 6, d->source);
    bind_text(q, 7, d->author);
    bind_text(q, 8, d->published);
    sqlite3_bind_text(q, 9, d->text, (int)d->len, SQLITE_STATIC);
    if (d->analysis_json) sqlite3_bind_text(q, 10, d->analysis_json, (int)d->analysis_len, SQLITE_STATIC);
    if (d->duplicate_of > 0) {
        sqlite3_bind_int64(q, 11, d->duplicate_of);
        bind_text(q, 12, d->dup_kind);
        sqlite3_bind_double(q, 13, d->similarity);
    }
    if (d->id > 0) sqlite3_bind_int64(q, 14, d->id);
    st = step_done(s, q, err, "storing a document");
    if (st == RASD_OK && sqlite3_changes(s->db) == 0) { /* the hash is there: re-ingest */
        *already = true;
        st = find_hash(s, d->hash, id, err);
        if (st == RASD_OK) return in_batch ? RASD_OK : exec(s, "RELEASE doc", err);
    }
    int64_t written = 0; /* the document row this call wrote */
    if (st == RASD_OK) {
        *id = written = sqlite3_last_insert_rowid(s->db);
        if (!in_batch)
            st = index_now(s, *id, d->title, d->text, d->len, d->rows ? &d->rows->title_terms : NULL,
                           d->rows ? &d->rows->text_terms : NULL, err);
    }
    if (st == RASD_OK && d->rows) st = put_rows(s, *id, d->published, d->source, d->rows, err);
    if (st == RASD_OK && !in_batch) st = note_batch_doc(s, *id, err);
    if (st == RASD_OK && !in_batch) st = add_sums(s, err);
    if (st == RASD_OK && in_batch) return index_later(s, *id, d, err);
    if (st == RASD_OK && (st = exec(s, "RELEASE doc", err)) == RASD_OK) return RASD_OK;
    if (in_batch && written) undo_doc(s, written);
    else if (!in_batch) sqlite3_exec(s->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL);
    *id = 0;
    return st;
}

static rasd_status sq_find_by_hash(rasd_store *b, const char *hash, int64_t *id, rasd_error *err) {
    return find_hash(of(b), hash, id, err);
}

static rasd_status sq_each_hash(rasd_store *b, rasd_hash_fn fn, void *ctx, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT hash FROM documents", -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "reading the document hashes");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (!fn(ctx, (const char *)sqlite3_column_text(q, 0))) break;
    rasd_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? RASD_OK : db_fail(s, err, "reading the document hashes");
    sqlite3_finalize(q);
    return st;
}

static rasd_status sq_next_id(rasd_store *b, int64_t *id, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q = s->st[ST_NEXT_ID];
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? RASD_OK : db_fail(s, err, "reading the next document id");
}

/* -------------------------------------------------------------- stories */

static rasd_status sq_set_story(rasd_store *b, int64_t doc, int64_t story, double sim, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q = s->st[ST_SET_STORY];
    sqlite3_bind_int64(q, 1, story);
    sqlite3_bind_double(q, 2, sim);
    sqlite3_bind_int64(q, 3, doc);
    return step_done(s, q, err, "assigning a story");
}

/* Called once per batch for each story the batch touched. */
static rasd_status sq_refresh_story(rasd_store *b, int64_t story, rasd_error *err) {
    sqlite_store *s = of(b);
    static const int STEPS[] = {ST_STORY_SUMMARY, ST_STORY_LABELS_DELETE, ST_STORY_LABELS};
    for (size_t i = 0; i < 3; i++) {
        sqlite3_stmt *q = s->st[STEPS[i]];
        sqlite3_bind_int64(q, 1, story);
        rasd_status st = step_done(s, q, err, "summarising a story");
        if (st != RASD_OK) return st;
    }
    return RASD_OK;
}

/* ---------------------------------------------------------------- state */

/* From this size a state is written into a blob of zeros in place
 * (sqlite3_blob_write): bound as a value, SQLite copied it whole into the
 * row it builds, one more copy of the story clusterer's state (8.7 MB for
 * the whole SaudiNewsNet) at the settle's end. */
#define STATE_IN_PLACE (1u << 20)

static rasd_status sq_put_state(rasd_store *b, const char *name, const void *data, size_t len, rasd_error *err) {
    sqlite_store *s = of(b);
    if (len >= STATE_IN_PLACE && len <= INT_MAX) {
        sqlite3_stmt *z = s->st[ST_PUT_STATE_ZERO];
        sqlite3_bind_text(z, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(z, 2, (sqlite3_int64)len);
        rasd_status st = step_done(s, z, err, "saving state");
        if (st != RASD_OK) return st;
        sqlite3_blob *blob = NULL;
        if (sqlite3_blob_open(s->db, "main", "state", "data", sqlite3_last_insert_rowid(s->db), 1, &blob) != SQLITE_OK ||
            sqlite3_blob_write(blob, data, (int)len, 0) != SQLITE_OK) {
            st = db_fail(s, err, "saving state");
            sqlite3_blob_close(blob);
            return st;
        }
        return sqlite3_blob_close(blob) == SQLITE_OK ? RASD_OK : db_fail(s, err, "saving state");
    }
    sqlite3_stmt *q = s->st[ST_PUT_STATE];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(q, 2, data ? data : "", len, SQLITE_STATIC);
    return step_done(s, q, err, "saving state");
}

static rasd_status sq_get_state(rasd_store *b, const char *name, void **data, size_t *len, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q = s->st[ST_GET_STATE];
    *data = NULL;
    *len = 0;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    rasd_status st = RASD_OK;
    if (rc == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(q, 0);
        const void *p = sqlite3_column_blob(q, 0);
        *data = malloc(n ? n : 1);
        if (!*data) st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory reading state %s", b->target, name);
        else if (n) memcpy(*data, p, n);
        *len = n;
    } else if (rc != SQLITE_DONE) {
        st = db_fail(s, err, "reading state");
    }
    sqlite3_reset(q);
    return st;
}

static rasd_status sq_put_fingerprint(rasd_store *b, int64_t doc, const void *fp, size_t len, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q = s->st[ST_PUT_FP];
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_blob64(q, 2, fp, len, SQLITE_STATIC);
    return step_done(s, q, err, "saving a fingerprint");
}

static rasd_status sq_each_fingerprint(rasd_store *b, rasd_fingerprint_fn fn, void *ctx, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT doc, data FROM fingerprints ORDER BY doc", -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "reading fingerprints");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (!fn(ctx, sqlite3_column_int64(q, 0), sqlite3_column_blob(q, 1), (size_t)sqlite3_column_bytes(q, 1)))
            break;
    rasd_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? RASD_OK : db_fail(s, err, "reading fingerprints");
    sqlite3_finalize(q);
    return st;
}

static rasd_status sq_get_fingerprint(rasd_store *b, int64_t doc, void *buf, size_t cap, size_t *len,
                                      rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q = s->st[ST_GET_FP];
    *len = 0;
    sqlite3_bind_int64(q, 1, doc);
    int rc = sqlite3_step(q);
    rasd_status st = RASD_OK;
    if (rc == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(q, 0);
        *len = (size_t)sqlite3_column_bytes(q, 0);
        if (*len <= cap && *len) memcpy(buf, p, *len);
    } else if (rc != SQLITE_DONE) {
        st = db_fail(s, err, "reading a fingerprint");
    }
    sqlite3_reset(q);
    return st;
}

/* -------------------------------------------------------- settling stories */

/* In settling order, each document by its id: sorting whole rows (text,
 * title, entity lists) held the whole store in SQLite's sorter at once,
 * the ingest's peak of memory; sorting the ids alone keeps it flat. */
static rasd_status settle_order(sqlite_store *s, int64_t **ids, size_t *n, rasd_error *err) {
    sqlite3_stmt *q;
    *ids = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id FROM documents ORDER BY coalesce(published, substr(ingested_at, 1, 10)), hash",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "ordering documents for their stories");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap && !rasd_grow((void **)ids, &cap, *n, sizeof **ids)) {
            sqlite3_finalize(q);
            return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory ordering documents", s->base.target);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(q, 0);
    }
    rasd_status st = rc == SQLITE_DONE ? RASD_OK : db_fail(s, err, "ordering documents for their stories");
    sqlite3_finalize(q);
    return st;
}

static rasd_status sq_each_settle_doc(rasd_store *b, rasd_settle_doc_fn fn, void *ctx, rasd_error *err) {
    sqlite_store *s = of(b);
    int64_t *ids = NULL;
    size_t n = 0;
    rasd_status st = settle_order(s, &ids, &n, err);
    if (st != RASD_OK) return st;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT d.id, d.hash, d.published, d.title, d.text, coalesce(d.story, 0),"
                           " coalesce(d.story_similarity, 0),"
                           " (SELECT group_concat(entity, char(31)) FROM entities e WHERE e.doc = d.id),"
                           " coalesce(d.duplicate_of, 0), d.dup_kind, coalesce(d.similarity, 0),"
                           " (SELECT data FROM fingerprints f WHERE f.doc = d.id)"
                           " FROM documents d WHERE d.id = ?",
                           -1, &q, NULL) != SQLITE_OK) {
        free(ids);
        return db_fail(s, err, "reading documents for their stories");
    }
    rasd_settle_rows rows = {0};
    bool oom = false, more = true;
    int rc = SQLITE_DONE;
    for (size_t i = 0; more && i < n; i++) {
        sqlite3_bind_int64(q, 1, ids[i]);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            rasd_settle_row row = {
                .id = sqlite3_column_int64(q, 0),
                .hash = (const char *)sqlite3_column_text(q, 1),
                .published = (const char *)sqlite3_column_text(q, 2),
                .title = (const char *)sqlite3_column_text(q, 3),
                .text = (const char *)sqlite3_column_text(q, 4),
                .len = (size_t)sqlite3_column_bytes(q, 4),
                .story = sqlite3_column_int64(q, 5),
                .similarity = sqlite3_column_double(q, 6),
                .entities = (const char *)sqlite3_column_text(q, 7),
                .duplicate_of = sqlite3_column_int64(q, 8),
                .dup_kind = (const char *)sqlite3_column_text(q, 9),
                .dup_similarity = sqlite3_column_double(q, 10),
                .fingerprint = sqlite3_column_blob(q, 11),
                .fingerprint_len = (size_t)sqlite3_column_bytes(q, 11),
            };
            more = rasd_settle_row_emit(&rows, &row, fn, ctx, &oom);
            rc = SQLITE_DONE;
        } else if (rc != SQLITE_DONE) {
            more = false;
        }
        sqlite3_reset(q);
    }
    st = oom ? rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory reading documents", b->target)
         : rc == SQLITE_DONE ? RASD_OK
                             : db_fail(s, err, "reading documents for their stories");
    rasd_settle_rows_free(&rows);
    sqlite3_finalize(q);
    free(ids);
    return st;
}

static rasd_status sq_set_duplicate(rasd_store *b, int64_t doc, int64_t duplicate_of, const char *kind,
                                    double similarity, rasd_error *err) {
    sqlite_store *s = of(b);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "UPDATE documents SET duplicate_of = ?, dup_kind = ?, similarity = ? WHERE id = ?",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "linking a duplicate");
    if (duplicate_of) {
        sqlite3_bind_int64(q, 1, duplicate_of);
        sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 3, similarity);
    }
    sqlite3_bind_int64(q, 4, doc);
    rasd_status st = step_done(s, q, err, "linking a duplicate");
    sqlite3_finalize(q);
    return st;
}

/* The statements of sq_refresh_story, for every story at once. */
static rasd_status sq_rebuild_story_rows(rasd_store *b, rasd_error *err) {
    sqlite_store *s = of(b);
    static const char SQL_REBUILD[] =
        "DELETE FROM story_labels;"
        "DELETE FROM stories;"
        "INSERT INTO stories(id, title, first_seen, last_seen, n_articles, outlets)"
        " SELECT d.story, (SELECT title FROM documents WHERE id = d.story),"
        "  min(coalesce(d.published, substr(d.ingested_at, 1, 10))),"
        "  max(coalesce(d.published, substr(d.ingested_at, 1, 10))), count(*),"
        "  (SELECT group_concat(source, ', ') FROM (SELECT DISTINCT source FROM documents"
        "   WHERE story = d.story AND source IS NOT NULL ORDER BY source))"
        " FROM documents d WHERE d.story IS NOT NULL GROUP BY d.story;"
        "INSERT INTO story_labels(story, outlet, actor, label, count)"
        " SELECT d.story, coalesce(d.source, ''), coalesce(f.actor, ''), f.label, count(*)"
        " FROM documents d JOIN framing f ON f.doc = d.id WHERE d.story IS NOT NULL AND f.label IS NOT NULL"
        " GROUP BY 1, 2, 3, 4;";
    if (sqlite3_exec(s->db, SQL_REBUILD, NULL, NULL, NULL) != SQLITE_OK) return db_fail(s, err, "summarising stories");
    return RASD_OK;
}

/* --------------------------------------------------------------- search */

/* Plain words become an FTS5 query of quoted words (all must match), so
 * that punctuation in them is never read as query syntax; a query that
 * already uses FTS5 syntax (quotes, a * prefix, parentheses, AND/OR/NOT,
 * NEAR) is passed as it is. Returns a malloc'd string. */
static char *fts_query_of(const char *text) {
    bool syntax = strpbrk(text, "\"*()") != NULL || strstr(text, " OR ") || strstr(text, " AND ") ||
                  strstr(text, " NOT ") || strstr(text, "NEAR(");
    if (syntax) return strdup(text);
    rasd_buf b = {0};
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        if (p == w) break;
        if (b.len) rasd_buf_putc(&b, ' ');
        rasd_buf_putc(&b, '"');
        rasd_buf_append(&b, w, (size_t)(p - w));
        rasd_buf_putc(&b, '"');
    }
    rasd_buf_putc(&b, '\0');
    if (b.oom) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static rasd_status sq_search(rasd_store *b, const rasd_search_query *qq, rasd_search_fn fn, void *ctx,
                             rasd_error *err) {
    sqlite_store *s = of(b);
    char *match = fts_query_of(qq->text);
    if (!match) return rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
    bool filtered = qq->outlet || qq->since || qq->until || qq->actor || qq->place;
    sqlite3_stmt *q = s->st[filtered ? ST_SEARCH_FILTERED : ST_SEARCH_PLAIN];
    sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
    bind_text(q, 2, qq->outlet);
    bind_text(q, 3, qq->since);
    bind_text(q, 4, qq->until);
    bind_text(q, 5, qq->actor);
    bind_text(q, 6, qq->place);
    sqlite3_bind_int64(q, 7, qq->limit ? (int64_t)qq->limit : 20);
    bind_text(q, 8, qq->mark_open ? qq->mark_open : "[");
    bind_text(q, 9, qq->mark_close ? qq->mark_close : "]");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        rasd_search_hit h = {
            .id = sqlite3_column_int64(q, 0),
            .hash = (const char *)sqlite3_column_text(q, 1),
            .title = (const char *)sqlite3_column_text(q, 2),
            .source = (const char *)sqlite3_column_text(q, 3),
            .published = (const char *)sqlite3_column_text(q, 4),
            .url = (const char *)sqlite3_column_text(q, 5),
            .origin = (const char *)sqlite3_column_text(q, 6),
            .score = sqlite3_column_double(q, 7),
            .snippet = (const char *)sqlite3_column_text(q, 8),
            .duplicate_of = sqlite3_column_int64(q, 9),
            .story = sqlite3_column_int64(q, 10),
        };
        if (!fn(ctx, &h)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    rasd_status st = RASD_OK;
    if (rc != SQLITE_DONE) {
        /* a plain SQLITE_ERROR here is the query's own fault (FTS5 syntax);
         * I/O, corruption, locking have codes of their own */
        bool query_fault = sqlite3_extended_errcode(s->db) == SQLITE_ERROR;
        st = rasd_fail(err, query_fault ? RASD_ERR_USAGE : RASD_ERR_DB, "search \"%s\": %s", qq->text,
                       sqlite3_errmsg(s->db));
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    free(match);
    return st;
}

static rasd_status sq_counts(rasd_store *b, rasd_store_counts *out, rasd_error *err) {
    sqlite_store *s = of(b);
    static const char SQL_COUNTS[] =
        "SELECT (SELECT count(*) FROM documents),"
        " (SELECT count(*) FROM documents WHERE dup_kind = 'exact'),"
        " (SELECT count(*) FROM documents WHERE dup_kind = 'near'),"
        " (SELECT count(DISTINCT duplicate_of) FROM documents WHERE dup_kind = 'exact'),"
        " (SELECT count(*) FROM stories)";
    sqlite3_stmt *q;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(s->db, SQL_COUNTS, -1, &q, NULL) != SQLITE_OK) return db_fail(s, err, "counting");
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->documents = sqlite3_column_int64(q, 0);
        out->duplicates_exact = sqlite3_column_int64(q, 1);
        out->duplicates_near = sqlite3_column_int64(q, 2);
        out->exact_groups = sqlite3_column_int64(q, 3);
        out->stories = sqlite3_column_int64(q, 4);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? RASD_OK : db_fail(s, err, "counting");
}

static const rasd_store_ops SQLITE_OPS = {
    "sqlite",       sq_close,          sq_size,          sq_begin,          sq_commit,
    sq_rollback,    sq_put,            sq_find_by_hash,  sq_each_hash,      sq_next_id,        sq_set_story,
    sq_refresh_story, sq_put_state,    sq_get_state,     sq_put_fingerprint, sq_each_fingerprint,
    sq_get_fingerprint,
    sq_search,      sq_counts,
    NULL, /* lock_writers: BEGIN IMMEDIATE holds the write lock already */
    sq_each_settle_doc, sq_rebuild_story_rows, sq_set_duplicate, sq_defer_sums, sq_rebuild_sums,
};

/* SQLite keeps memory statistics (which rasd never reads) under one
 * global mutex taken on every allocation: the serving threads, each on
 * its own connection, took it for every row they built. Off before the
 * library's first use; a no-op when something else used SQLite first. */
static pthread_once_t sqlite_config_once = PTHREAD_ONCE_INIT;
static void sqlite_config(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

rasd_store *rasd_sqlite_store_open(const char *path, const rasd_lexicon *lex, rasd_error *err) {
    pthread_once(&sqlite_config_once, sqlite_config);
    sqlite_store *s = calloc(1, sizeof *s);
    if (!s || !(s->base.target = strdup(path))) {
        free(s);
        rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
        return NULL;
    }
    s->base.ops = &SQLITE_OPS;
    if (!lex) {
        if (!(lex = s->own_lex = rasd_lexicon_load(NULL, err))) goto fail_quiet;
    }
    struct stat stb;
    if (stat(path, &stb) == 0 && S_ISDIR(stb.st_mode)) {
        rasd_fail(err, RASD_ERR_IS_DIR, "%s: is a directory, not a database file", path);
        goto fail_quiet;
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rasd_fail(err, RASD_ERR_DB, "%s: cannot open the database: %s", path,
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto fail_quiet;
    }
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_extended_result_codes(s->db, 1);
    /* WAL: readers (rasd search) never wait for the writer; NORMAL: a
     * commit is durable at the next checkpoint, which is consistent after a
     * crash and several times faster than FULL's fsync per commit. A
     * 32 MB page cache: 64 MB was the largest single part of an ingest's
     * peak memory and bought no time (the whole SaudiNewsNet half: the same
     * CPU with either, 33 MB less peak RSS with 32; pages it misses come
     * from the OS's cache). */
    if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                " PRAGMA cache_size = -" CACHE_KIB "; PRAGMA temp_store = MEMORY",
             err) != RASD_OK)
        goto fail_quiet;
    if (!(s->fts = rasd_fts_register(s->db, lex, err))) goto fail_quiet;
    if (rasd_schema_migrate(s->db, path, rasd_schema_version(), err) != RASD_OK) goto fail_quiet;
    /* the documents stored since the last commit, whose entity rows the
     * commit adds to the actors' sums (rasd_sqlite_sums_sql) */
    if (exec(s, "CREATE TEMP TABLE IF NOT EXISTS batch_docs(doc INTEGER PRIMARY KEY)", err) != RASD_OK) goto fail_quiet;
    for (int i = 0; i < ST_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
            rasd_fail(err, RASD_ERR_DB, "%s: preparing \"%.60s\": %s", path, SQL[i], sqlite3_errmsg(s->db));
            goto fail_quiet;
        }
    return &s->base;
fail_quiet:
    sq_close(&s->base);
    return NULL;
}

/* For the query layer (queries_sqlite.c): the connection of an SQLite
 * store, or NULL for a store of another backend. */
sqlite3 *rasd_sqlite_store_db(rasd_store *s) {
    return s && s->ops == &SQLITE_OPS ? of(s)->db : NULL;
}

/* For the query layer: the FTS5 MATCH expression search uses for text (the
 * same words-or-syntax rule), malloc'd, or NULL when out of memory. */
char *rasd_sqlite_fts_query(const char *text) { return fts_query_of(text); }
