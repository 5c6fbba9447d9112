/*
 * migrate.c: a whole store copied from one database into another, empty
 * one (migrate.h): SQLite into PostgreSQL and back (or into another file
 * or database of the same kind). `rasd migrate` is its command line.
 *
 * The store's interface (store.h) speaks in articles, not rows, and keeps
 * no way to read everything back, so this copies tables: every column of
 * every table of the current schema (the same on both backends, see
 * docs/store-postgres.md), in id order so that a duplicate link always
 * points to a document already copied; then the target's full-text index
 * is rebuilt from the copied texts with rasd's terms (FTS5's 'rebuild' on
 * SQLite, each document's tsvector on PostgreSQL) and PostgreSQL's id
 * sequence is moved past the last id. One transaction on the target: a
 * failed or killed migration leaves it as empty as it was.
 */
#include "storage/migrate.h"

#include "storage/fts_rasd.h"
#include "storage/pg_fts.h"
#include "storage/schema.h"
#include "storage/store.h"

#include "core/internal.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tables in copy order and their columns, as in schema.c and
 * pg_schema.c; blob: the column holding bytes (-1: none). A step may read
 * other expressions than the columns it writes (select, with a filter in
 * where) and write with its own statement (write) instead of an INSERT. */
typedef struct table {
    const char *name, *columns, *order;
    int n_cols, blob;
    const char *select, *where, *write;
} table;

static const table TABLES[] = {
    /* documents first without their duplicate links, which are set once
     * every document is there: a settled store (rasd ingest --settle) may
     * link a document to an original with a larger id, and PostgreSQL
     * checks the link's foreign key row by row */
    {"documents",
     "id, hash, text_id, origin, url, title, source, author, published, ingested_at, text, analysis, duplicate_of,"
     " dup_kind, similarity, story, story_similarity",
     "id", 17, -1,
     "id, hash, text_id, origin, url, title, source, author, published, ingested_at, text, analysis, NULL,"
     " dup_kind, similarity, story, story_similarity",
     NULL, NULL},
    {"documents", "duplicate_of, id", "id", 2, -1, NULL, "duplicate_of IS NOT NULL",
     "UPDATE documents SET duplicate_of = $1 WHERE id = $2"},
    {"entities", "doc, entity, name, type, country, mention_count, mentions", "doc", 7, -1, NULL, NULL, NULL},
    {"places", "doc, place, name, lat, lon, country, mention_count, mentions", "doc", 8, -1, NULL, NULL, NULL},
    {"quotes", "doc, speaker, speaker_text, verb, direct, span_start, span_end, text", "doc", 8, -1, NULL, NULL, NULL},
    {"events", "doc, source, target, cameo, plover, acled, place, date, flags, span_start, span_end, detail", "doc", 12, -1, NULL, NULL, NULL},
    {"framing", "doc, actor, term, label, polarity, span_start, span_end", "doc", 7, -1, NULL, NULL, NULL},
    {"numbers", "doc, text, value, unit, unit_code, span_start, span_end", "doc", 7, -1, NULL, NULL, NULL},
    {"dates", "doc, text, value, granularity, span_start, span_end", "doc", 6, -1, NULL, NULL, NULL},
    {"paragraphs", "doc, idx, span_start, span_end, pkey, repeated_of, repeats, repeat_similarity", "doc, idx", 8, -1, NULL, NULL, NULL},
    {"boilerplate", "doc, idx, at, input_start, input_end, reason, text", "doc, idx", 7, -1, NULL, NULL, NULL},
    {"fingerprints", "doc, data", "doc", 2, 1, NULL, NULL, NULL},
    {"stories", "id, title, first_seen, last_seen, n_articles, outlets", "id", 6, -1, NULL, NULL, NULL},
    {"story_labels", "story, outlet, actor, label, count", "story, outlet, actor, label", 5, -1, NULL, NULL, NULL},
    {"state", "name, data", "name", 2, 1, NULL, NULL, NULL},
};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])
#define MAX_COLS 17

/* One row in flight: every value as bytes (numbers as text), or NULL. */
typedef struct row {
    const char *v[MAX_COLS];
    int len[MAX_COLS];
} row;

typedef struct db {
    const char *target;
    bool pg;
    sqlite3 *lite;
    PGconn *pq;
    /* PostgreSQL writes go in a pipeline, synced every so often */
    size_t pending;
    rasd_error *err;
    bool failed;
} db;

static bool fail(db *d, const char *what, const char *msg) {
    if (!d->failed) rasd_fail(d->err, RASD_ERR_DB, "%s: %s: %s", d->target, what, msg);
    d->failed = true;
    return false;
}

static bool pq_ok(db *d, PGresult *r, const char *what) {
    ExecStatusType t = PQresultStatus(r);
    bool ok = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
    if (!ok) fail(d, what, PQresultErrorMessage(r));
    PQclear(r);
    return ok;
}

static bool exec(db *d, const char *sql) {
    if (d->pg) return pq_ok(d, PQexec(d->pq, sql), sql);
    char *msg = NULL;
    if (sqlite3_exec(d->lite, sql, NULL, NULL, &msg) == SQLITE_OK) return true;
    fail(d, sql, msg ? msg : sqlite3_errmsg(d->lite));
    sqlite3_free(msg);
    return false;
}

/* Reads the results of the pipeline up to its last sync. */
static bool drain(db *d) {
    if (!PQpipelineSync(d->pq)) return fail(d, "writing", PQerrorMessage(d->pq));
    int nulls = 0;
    for (;;) {
        PGresult *r = PQgetResult(d->pq);
        if (!r) {
            if (++nulls > 1 || PQstatus(d->pq) != CONNECTION_OK) return fail(d, "writing", PQerrorMessage(d->pq));
            continue;
        }
        nulls = 0;
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_FATAL_ERROR) fail(d, "writing", PQresultErrorMessage(r));
        PQclear(r);
        if (t == PGRES_PIPELINE_SYNC) break;
    }
    d->pending = 0;
    return !d->failed;
}

/* The copy step of a table, by name (its first, for documents). */
static size_t table_index(const char *name) {
    for (size_t i = 0; i < N_TABLES; i++)
        if (strcmp(TABLES[i].name, name) == 0) return i;
    return 0;
}

/* -------------------------------------------------------------- reading */

typedef bool (*row_fn)(void *ctx, const row *r);

static bool read_table(db *d, const table *t, row_fn fn, void *ctx) {
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s%s%s ORDER BY %s", t->select ? t->select : t->columns, t->name,
             t->where ? " WHERE " : "", t->where ? t->where : "", t->order);
    row r;
    if (d->pg) {
        /* single-row mode: a large table is never held whole in memory */
        if (!PQsendQuery(d->pq, sql) || !PQsetSingleRowMode(d->pq)) return fail(d, sql, PQerrorMessage(d->pq));
        bool go = true;
        PGresult *res;
        while ((res = PQgetResult(d->pq))) {
            ExecStatusType st = PQresultStatus(res);
            if (st == PGRES_SINGLE_TUPLE && go) {
                unsigned char *blob = NULL;
                for (int c = 0; c < t->n_cols; c++) {
                    r.v[c] = PQgetisnull(res, 0, c) ? NULL : PQgetvalue(res, 0, c);
                    r.len[c] = PQgetlength(res, 0, c);
                    if (c == t->blob && r.v[c]) { /* bytea comes as \x hex in text results */
                        size_t n = 0;
                        blob = PQunescapeBytea((const unsigned char *)r.v[c], &n);
                        if (!blob) go = fail(d, "reading", "out of memory");
                        r.v[c] = (const char *)blob;
                        r.len[c] = (int)n;
                    }
                }
                if (go) go = fn(ctx, &r);
                PQfreemem(blob);
            } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK) {
                go = fail(d, sql, PQresultErrorMessage(res));
            }
            PQclear(res);
        }
        return go && !d->failed;
    }
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(d->lite, sql, -1, &q, NULL) != SQLITE_OK) return fail(d, sql, sqlite3_errmsg(d->lite));
    char num[MAX_COLS][32];
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        for (int c = 0; c < t->n_cols; c++) {
            switch (sqlite3_column_type(q, c)) {
            case SQLITE_NULL: r.v[c] = NULL; r.len[c] = 0; break;
            case SQLITE_INTEGER:
                r.len[c] = snprintf(num[c], sizeof num[c], "%lld", (long long)sqlite3_column_int64(q, c));
                r.v[c] = num[c];
                break;
            case SQLITE_FLOAT: /* every digit: SQLite's own text form keeps 15 */
                r.len[c] = snprintf(num[c], sizeof num[c], "%.17g", sqlite3_column_double(q, c));
                r.v[c] = num[c];
                break;
            default:
                r.v[c] = c == t->blob ? sqlite3_column_blob(q, c) : (const char *)sqlite3_column_text(q, c);
                r.len[c] = sqlite3_column_bytes(q, c);
                if (!r.v[c]) r.v[c] = "";
            }
        }
        go = fn(ctx, &r);
    }
    if (go && rc != SQLITE_DONE) fail(d, sql, sqlite3_errmsg(d->lite));
    sqlite3_finalize(q);
    return go && !d->failed;
}

/* -------------------------------------------------------------- writing */

typedef struct writer {
    db *to;
    const table *t;
    char stmt[32]; /* the prepared statement's name (PostgreSQL) */
    sqlite3_stmt *ins;
    size_t rows;
} writer;

static bool write_row(void *ctx, const row *r) {
    writer *w = ctx;
    db *d = w->to;
    if (d->pg) {
        int fmt[MAX_COLS];
        for (int c = 0; c < w->t->n_cols; c++) fmt[c] = c == w->t->blob; /* bytes; the rest text */
        if (!PQsendQueryPrepared(d->pq, w->stmt, w->t->n_cols, r->v, r->len, fmt, 0))
            return fail(d, "writing", PQerrorMessage(d->pq));
        if (++d->pending >= 500 && !drain(d)) return false;
    } else {
        for (int c = 0; c < w->t->n_cols; c++) {
            if (!r->v[c]) sqlite3_bind_null(w->ins, c + 1);
            else if (c == w->t->blob) sqlite3_bind_blob(w->ins, c + 1, r->v[c], r->len[c], SQLITE_TRANSIENT);
            else sqlite3_bind_text(w->ins, c + 1, r->v[c], r->len[c], SQLITE_TRANSIENT);
        }
        int rc = sqlite3_step(w->ins);
        sqlite3_reset(w->ins);
        if (rc != SQLITE_DONE) return fail(d, "writing", sqlite3_errmsg(d->lite));
    }
    w->rows++;
    return true;
}

static bool copy_table(db *from, db *to, const table *t, size_t *rows) {
    char sql[1024], marks[256] = "";
    for (int c = 0; c < t->n_cols; c++) {
        char m[16];
        snprintf(m, sizeof m, "%s%s%d", c ? "," : "", to->pg ? "$" : "?", c + 1);
        strcat(marks, m);
    }
    if (t->write) snprintf(sql, sizeof sql, "%s", t->write); /* $N: both PostgreSQL's and SQLite's syntax */
    else snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES(%s)", t->name, t->columns, marks);
    writer w = {to, t, "", NULL, 0};
    snprintf(w.stmt, sizeof w.stmt, "copy_%d", (int)(t - TABLES));
    if (to->pg) {
        if (!pq_ok(to, PQprepare(to->pq, w.stmt, sql, 0, NULL), sql)) return false;
        if (!PQenterPipelineMode(to->pq)) return fail(to, "pipeline mode", PQerrorMessage(to->pq));
    } else if (sqlite3_prepare_v2(to->lite, sql, -1, &w.ins, NULL) != SQLITE_OK) {
        return fail(to, sql, sqlite3_errmsg(to->lite));
    }
    bool ok = read_table(from, t, write_row, &w);
    if (to->pg) {
        if (!drain(to)) ok = false;
        PQexitPipelineMode(to->pq);
    } else {
        sqlite3_finalize(w.ins);
    }
    *rows = w.rows;
    return ok && !to->failed && !from->failed;
}

/* ------------------------------------------------------ the full-text index */

typedef struct indexer {
    db *to;
    rasd_analyzer *an;
    rasd_buf tsv;
} indexer;

static bool index_row(void *ctx, const row *r) {
    indexer *x = ctx;
    x->tsv.len = 0;
    size_t n_terms = 0;
    if (!rasd_pg_tsvector(x->an, r->v[1], r->v[2], (size_t)r->len[2], NULL, NULL, &x->tsv, &n_terms))
        return fail(x->to, "indexing", "out of memory");
    char n[24];
    snprintf(n, sizeof n, "%zu", n_terms);
    const char *p[3] = {x->tsv.data, r->v[0], n};
    if (!PQsendQueryPrepared(x->to->pq, "index", 3, p, NULL, NULL, 0)) return fail(x->to, "indexing", PQerrorMessage(x->to->pq));
    return ++x->to->pending < 500 || drain(x->to);
}

/* PostgreSQL: each document's tsvector from its title and text, as pg_put
 * computes it. Reads through a second connection while the first writes. */
static bool index_pg(db *to, const char *url, const rasd_lexicon *lex) {
    static const table DOC_TEXT = {"documents", "id, title, text", "id", 3, -1, NULL, NULL, NULL};
    indexer x = {to, NULL, {0}};
    rasd_error e = {0};
    db reader = {to->target, true, NULL, PQconnectdb(url), 0, to->err, false};
    bool ok = PQstatus(reader.pq) == CONNECTION_OK || fail(to, "connecting", PQerrorMessage(reader.pq));
    if (ok && !(x.an = rasd_analyzer_new(lex, &e))) ok = fail(to, "indexing", e.message);
    if (ok) ok = pq_ok(to, PQprepare(to->pq, "index", "UPDATE documents SET terms = $1::tsvector, n_terms = $3 WHERE id = $2", 0,
                                     NULL), "indexing");
    if (ok && !PQenterPipelineMode(to->pq)) ok = fail(to, "pipeline mode", PQerrorMessage(to->pq));
    if (ok) {
        ok = read_table(&reader, &DOC_TEXT, index_row, &x);
        if (!drain(to)) ok = false;
        PQexitPipelineMode(to->pq);
    }
    PQfinish(reader.pq);
    rasd_analyzer_destroy(x.an);
    rasd_buf_free(&x.tsv);
    return ok;
}

/* ------------------------------------------------------------ the copy */

static bool open_db(db *d, const char *target, const rasd_lexicon *lex) {
    d->target = target;
    d->pg = rasd_store_is_pg(target);
    if (d->pg) {
        d->pq = PQconnectdb(target);
        if (PQstatus(d->pq) != CONNECTION_OK) return fail(d, "cannot connect", PQerrorMessage(d->pq));
        return exec(d, "SET client_min_messages = warning");
    }
    if (sqlite3_open_v2(target, &d->lite, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return fail(d, "cannot open", d->lite ? sqlite3_errmsg(d->lite) : "out of memory");
    sqlite3_busy_timeout(d->lite, 10000);
    rasd_error e = {0};
    return rasd_fts_register(d->lite, lex, &e) || fail(d, "full-text index", e.message);
}

static void close_db(db *d) {
    if (d->pq) PQfinish(d->pq);
    if (d->lite) sqlite3_close(d->lite);
}

static int64_t count_docs(db *d) {
    int64_t n = -1;
    if (d->pg) {
        PGresult *r = PQexec(d->pq, "SELECT count(*) FROM documents");
        if (PQresultStatus(r) == PGRES_TUPLES_OK) n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
    } else {
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(d->lite, "SELECT count(*) FROM documents", -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            n = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    return n;
}

rasd_migrate_stage rasd_store_migrate(const char *from_t, const char *to_t, const rasd_lexicon *lex,
                                      rasd_migrate_table_fn on_table, void *ctx, rasd_migrate_counts *counts,
                                      rasd_error *err) {
    memset(counts, 0, sizeof *counts);
    /* both stores opened once the usual way: schemas created or migrated */
    rasd_store *s = rasd_store_open(from_t, lex, err);
    if (s) rasd_store_close(s), s = rasd_store_open(to_t, lex, err);
    if (!s) return RASD_MIGRATE_NOT_OPENED;
    rasd_store_close(s);
    rasd_migrate_stage stage = RASD_MIGRATE_NOT_COPIED;
    db from = {.err = err}, to = {.err = err};
    size_t rows[N_TABLES] = {0};
    if (!open_db(&from, from_t, lex) || !open_db(&to, to_t, lex)) goto done;
    int64_t there = count_docs(&to);
    if (there != 0) {
        rasd_fail(err, RASD_ERR_USAGE, "%s: holds %lld documents: migrate copies into an empty store only", to_t,
                  (long long)there);
        stage = RASD_MIGRATE_NOT_EMPTY;
        goto done;
    }
    /* PostgreSQL reads one snapshot of every table */
    if (from.pg && !exec(&from, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) goto done;
    if (!from.pg && !exec(&from, "BEGIN")) goto done;
    if (!exec(&to, to.pg ? "BEGIN" : "BEGIN IMMEDIATE")) goto done;
    /* an ingest that stored nothing still saved its (empty) state */
    if (!exec(&to, "DELETE FROM state")) goto done;
    for (size_t i = 0; i < N_TABLES; i++) {
        if (!copy_table(&from, &to, &TABLES[i], &rows[i])) goto done;
        if (on_table) on_table(ctx, TABLES[i].name, rows[i], TABLES[i].write != NULL);
    }
    counts->documents = rows[0];
    counts->stories = rows[table_index("stories")];
    if (to.pg) {
        if (!exec(&to, "SELECT setval('documents_id_seq', greatest((SELECT coalesce(max(id), 0) FROM documents), 1))"))
            goto done;
        /* the index needs the rows committed where the second connection
         * reads them; a failure from here on leaves the documents without
         * terms, and says so */
        if (!exec(&to, "COMMIT")) goto done;
        if (!exec(&to, "BEGIN") || !index_pg(&to, to_t, lex) || !exec(&to, "COMMIT")) {
            stage = RASD_MIGRATE_NOT_INDEXED;
            goto closed;
        }
    } else {
        /* the actors' sums, which the store's own writer adds to at each
         * batch's commit (schema.c, rasd_sqlite_sums_sql): here, all the
         * copied documents are one batch */
        if (!exec(&to, "CREATE TEMP TABLE IF NOT EXISTS batch_docs(doc INTEGER PRIMARY KEY);"
                       " INSERT INTO temp.batch_docs SELECT id FROM documents") ||
            !exec(&to, rasd_sqlite_sums_sql) ||
            !exec(&to, "INSERT INTO documents_fts(documents_fts) VALUES('rebuild')") || !exec(&to, "COMMIT"))
            goto done;
    }
    stage = RASD_MIGRATE_DONE;
    goto closed;
done:
    if (to.pq && PQtransactionStatus(to.pq) != PQTRANS_IDLE) PQclear(PQexec(to.pq, "ROLLBACK"));
    if (to.lite && !sqlite3_get_autocommit(to.lite)) sqlite3_exec(to.lite, "ROLLBACK", NULL, NULL, NULL);
closed:
    close_db(&from);
    close_db(&to);
    return stage;
}
