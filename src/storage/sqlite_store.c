/*
 * sqlite_store.c: the SQLite backend of the store (store.h): opening it.
 *
 * One file, WAL journal with synchronous=NORMAL (a crash loses at most the
 * last transactions, never consistency), schema by migrations (schema.c),
 * every statement prepared once per connection (their SQL is here). A
 * document that fails half-way inside the caller's batch transaction
 * leaves no rows behind and costs no other: the rows it wrote are deleted
 * (sq_put, sqlite_docs.c).
 *
 * Its full-text row is written later: FTS5 flushes its pending terms to a
 * new segment at every savepoint once it has been written in the
 * transaction, which made each document a segment of its own (a fifth of
 * the writer's time, and merges later). Inside a batch the full-text rows
 * are kept and written as one block when the batch commits; they only
 * fail with the database (disk, memory), which ends the batch anyway.
 * Outside a transaction a document is indexed at once.
 *
 * This file holds the connection's life (open, pragmas, the statements,
 * transactions, close) and the table of operations; what the operations
 * do is in sqlite_docs.c (documents and their rows), sqlite_stories.c
 * (stories, state, settling) and sqlite_search.c (full-text search).
 */
#include "storage/sqlite_internal.h"

#include "storage/schema.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* ------------------------------------------------------------ lifecycle */

static void sq_close(rasd_store *base) {
    sqlite_store *s = sq_of(base);
    sq_drop_pending(s); /* a batch never committed: its documents are not stored either */
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
    sqlite_store *s = sq_of(base);
    struct stat stb;
    uint64_t total = 0;
    char wal[4096];
    if (stat(s->base.target, &stb) == 0) total += (uint64_t)stb.st_size;
    snprintf(wal, sizeof wal, "%s-wal", s->base.target);
    if (stat(wal, &stb) == 0) total += (uint64_t)stb.st_size;
    return total;
}

static rasd_status sq_begin(rasd_store *b, rasd_error *err) { return sq_exec(sq_of(b), "BEGIN IMMEDIATE", err); }
static rasd_status sq_commit(rasd_store *b, rasd_error *err) {
    rasd_status st = sq_index_pending(sq_of(b), err);
    return st == RASD_OK ? sq_exec(sq_of(b), "COMMIT", err) : st;
}
static rasd_status sq_rollback(rasd_store *b, rasd_error *err) {
    sq_drop_pending(sq_of(b));
    if (sqlite3_get_autocommit(sq_of(b)->db)) return RASD_OK; /* nothing open */
    return sq_exec(sq_of(b), "ROLLBACK", err);
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
    if (sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                " PRAGMA cache_size = -" SQLITE_CACHE_KIB "; PRAGMA temp_store = MEMORY",
             err) != RASD_OK)
        goto fail_quiet;
    if (!(s->fts = rasd_fts_register(s->db, lex, err))) goto fail_quiet;
    if (rasd_schema_migrate(s->db, path, rasd_schema_version(), err) != RASD_OK) goto fail_quiet;
    /* the documents stored since the last commit, whose entity rows the
     * commit adds to the actors' sums (rasd_sqlite_sums_sql) */
    if (sq_exec(s, "CREATE TEMP TABLE IF NOT EXISTS batch_docs(doc INTEGER PRIMARY KEY)", err) != RASD_OK) goto fail_quiet;
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
    return s && s->ops == &SQLITE_OPS ? sq_of(s)->db : NULL;
}
