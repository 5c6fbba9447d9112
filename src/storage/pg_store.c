/*
 * pg_store.c: the PostgreSQL backend of the store (store.h), through
 * libpq, for a target that is a postgres:// or postgresql:// URL.
 *
 * The same operations as the SQLite backend with the same results: each
 * document under its own savepoint inside the caller's batch transaction;
 * INSERT ... ON CONFLICT (hash) DO NOTHING, so two processes storing the
 * same article store it once; ids from a sequence, never max(id)+1, so
 * processes writing at once never take the same id. Statements are
 * prepared once per connection. The full-text index holds rasd's terms
 * (pg_fts.c), so searches find what they find on SQLite.
 */
#include "storage/pg_fts.h"
#include "storage/pg_schema.h"
#include "storage/pg_search.h"
#include "storage/pg_store.h"
#include "storage/store_backend.h"

#include "core/internal.h"

#include <endian.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ST_INSERT_DOC,
    ST_FIND_HASH,
    ST_ENTITY,
    ST_PLACE,
    ST_QUOTE,
    ST_EVENT,
    ST_FRAMING,
    ST_NUMBER,
    ST_DATE,
    ST_PARAGRAPH,
    ST_BOILERPLATE,
    ST_SET_STORY,
    ST_PUT_STATE,
    ST_GET_STATE,
    ST_PUT_FP,
    ST_GET_FP,
    ST_NEXT_ID,
    ST_STORY_SUMMARY,
    ST_STORY_LABELS_DELETE,
    ST_STORY_LABELS,
    ST_COUNT
};

static const char *const SQL[ST_COUNT] = {
    [ST_INSERT_DOC] = "INSERT INTO documents(hash, text_id, origin, url, title, source, author, published, text,"
                      " analysis, duplicate_of, dup_kind, similarity, id, terms, n_terms)"
                      " VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,"
                      " coalesce($14::bigint, nextval('documents_id_seq')), $15::tsvector, $16)"
                      " ON CONFLICT (hash) DO NOTHING RETURNING id",
    [ST_FIND_HASH] = "SELECT id FROM documents WHERE hash = $1",
    [ST_ENTITY] = "INSERT INTO entities(doc, entity, name, type, country, mention_count, mentions)"
                  " VALUES($1,$2,$3,$4,$5,$6,$7)",
    [ST_PLACE] = "INSERT INTO places(doc, place, name, lat, lon, country, mention_count, mentions)"
                 " VALUES($1,$2,$3,$4,$5,$6,$7,$8)",
    [ST_QUOTE] = "INSERT INTO quotes(doc, speaker, speaker_text, verb, direct, span_start, span_end, text)"
                 " VALUES($1,$2,$3,$4,$5,$6,$7,$8)",
    [ST_EVENT] = "INSERT INTO events(doc, source, target, cameo, plover, acled, place, date, flags, span_start,"
                 " span_end, detail) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
    [ST_FRAMING] = "INSERT INTO framing(doc, actor, term, label, polarity, span_start, span_end)"
                   " VALUES($1,$2,$3,$4,$5,$6,$7)",
    [ST_NUMBER] = "INSERT INTO numbers(doc, text, value, unit, unit_code, span_start, span_end)"
                  " VALUES($1,$2,$3,$4,$5,$6,$7)",
    [ST_DATE] = "INSERT INTO dates(doc, text, value, granularity, span_start, span_end) VALUES($1,$2,$3,$4,$5,$6)",
    /* repeated_of: the earliest document holding the same paragraph, unless
     * that is this one (as on SQLite, where it is looked up first) */
    [ST_PARAGRAPH] = "INSERT INTO paragraphs(doc, idx, span_start, span_end, pkey, repeated_of, repeats,"
                     " repeat_similarity)"
                     " VALUES($1,$2,$3,$4,$5,(SELECT nullif(min(doc), $1) FROM paragraphs WHERE pkey = $5),$6,$7)",
    [ST_BOILERPLATE] = "INSERT INTO boilerplate(doc, idx, at, input_start, input_end, reason, text)"
                       " VALUES($1,$2,$3,$4,$5,$6,$7)",
    [ST_SET_STORY] = "UPDATE documents SET story = $1, story_similarity = $2 WHERE id = $3",
    [ST_PUT_STATE] = "INSERT INTO state(name, data) VALUES($1,$2) ON CONFLICT (name) DO UPDATE SET data = excluded.data",
    [ST_GET_STATE] = "SELECT data FROM state WHERE name = $1",
    [ST_PUT_FP] = "INSERT INTO fingerprints(doc, data) VALUES($1,$2) ON CONFLICT (doc) DO UPDATE SET data = excluded.data",
    [ST_GET_FP] = "SELECT data FROM fingerprints WHERE doc = $1",
    [ST_NEXT_ID] = "SELECT nextval('documents_id_seq')",
    /* as on SQLite: recomputed from the story's documents; outlets in
     * byte order (COLLATE "C"), as SQLite sorts them */
    [ST_STORY_SUMMARY] =
        "INSERT INTO stories(id, title, first_seen, last_seen, n_articles, outlets)"
        " SELECT $1, (SELECT title FROM documents WHERE id = $1),"
        "  min(coalesce(published, substr(ingested_at, 1, 10))), max(coalesce(published, substr(ingested_at, 1, 10))),"
        "  count(*), (SELECT string_agg(source, ', ' ORDER BY source COLLATE \"C\") FROM (SELECT DISTINCT source"
        "   FROM documents WHERE story = $1 AND source IS NOT NULL) o)"
        " FROM documents WHERE story = $1"
        " ON CONFLICT (id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
        "  n_articles = excluded.n_articles, outlets = excluded.outlets",
    [ST_STORY_LABELS_DELETE] = "DELETE FROM story_labels WHERE story = $1",
    [ST_STORY_LABELS] =
        "INSERT INTO story_labels(story, outlet, actor, label, count)"
        " SELECT $1, coalesce(d.source, ''), coalesce(f.actor, ''), f.label, count(*)"
        " FROM documents d JOIN framing f ON f.doc = d.id WHERE d.story = $1 AND f.label IS NOT NULL"
        " GROUP BY 2, 3, 4",
};

typedef struct pg_store {
    rasd_store base;
    PGconn *db;
    rasd_lexicon *own_lex;
    rasd_analyzer *an;  /* the index's terms of texts not analysed ahead, queries, snippets */
    rasd_buf tsv;       /* scratch: a document's tsvector */
    int64_t max_given_id; /* the largest explicit id stored in this batch (the sequence must pass it) */
    size_t n_sent;        /* statements queued in the pipeline */
    int session_pid;      /* the server process the statements were prepared in (session()) */
    bool in_tx;           /* between begin and commit or rollback */
} pg_store;

static pg_store *of(rasd_store *s) { return (pg_store *)s; }

/* Statement parameters: text (NUL-terminated, or binary with a length),
 * numbers written as text, NULLs. */
typedef struct params {
    const char *v[16];
    int len[16], fmt[16];
    char num[16][32];
    int n;
} params;

static void p_text(params *p, const char *s) {
    p->v[p->n] = s;
    p->len[p->n] = 0;
    p->fmt[p->n++] = 0;
}
/* text with a length: sent in binary form, which for text is its bytes */
static void p_textn(params *p, const char *s, size_t n) {
    p->v[p->n] = s;
    p->len[p->n] = (int)n;
    p->fmt[p->n++] = s ? 1 : 0;
}
static void p_bin(params *p, const void *d, size_t n) {
    p->v[p->n] = d ? d : "";
    p->len[p->n] = (int)n;
    p->fmt[p->n++] = 1;
}
static void p_int(params *p, int64_t v) {
    snprintf(p->num[p->n], sizeof p->num[0], "%lld", (long long)v);
    p_text(p, p->num[p->n]);
}
static void p_double(params *p, double v) {
    snprintf(p->num[p->n], sizeof p->num[0], "%.17g", v);
    p_text(p, p->num[p->n]);
}
static void p_null(params *p) { p_text(p, NULL); }

/* libpq's messages end in a newline; messages here do not. */
const char *rasd_pg_message(PGconn *db) {
    static _Thread_local char buf[512];
    snprintf(buf, sizeof buf, "%s", PQerrorMessage(db));
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' ')) buf[--n] = '\0';
    return buf;
}

static rasd_status db_fail(pg_store *s, rasd_error *err, const char *what) {
    return rasd_fail(err, RASD_ERR_DB, "%s: %s: %s", s->base.target, what, rasd_pg_message(s->db));
}

static rasd_status session(pg_store *s, rasd_error *err);

/* Runs prepared statement i; *out receives the result when it has rows
 * (the caller clears it), else it is cleared here. */
static rasd_status run(pg_store *s, int i, const params *p, int binary_result, PGresult **out, rasd_error *err,
                       const char *what) {
    if (PQbackendPID(s->db) != s->session_pid) {
        /* connected again since: outside a transaction, set the session up
         * again; inside one, its first statements are gone with the old
         * session, so going on would commit half of it */
        if (s->in_tx)
            return rasd_fail(err, RASD_ERR_DB, "%s: %s: the connection was lost inside a transaction", s->base.target,
                             what);
        if (session(s, err) != RASD_OK) return RASD_ERR_DB;
    }
    char name[8];
    snprintf(name, sizeof name, "s%d", i);
    PGresult *r = PQexecPrepared(s->db, name, p ? p->n : 0, p ? p->v : NULL, p ? p->len : NULL, p ? p->fmt : NULL,
                                 binary_result);
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        PQclear(r);
        return db_fail(s, err, what);
    }
    if (out) *out = r;
    else PQclear(r);
    return RASD_OK;
}

static rasd_status exec(pg_store *s, const char *sql, rasd_error *err) {
    PGresult *r = PQexec(s->db, sql);
    ExecStatusType t = PQresultStatus(r);
    PQclear(r);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) return db_fail(s, err, sql);
    return RASD_OK;
}

static int64_t int_at(PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

/* ------------------------------------------------------------ lifecycle */

static void pg_close(rasd_store *base) {
    pg_store *s = of(base);
    if (s->db) PQfinish(s->db);
    rasd_analyzer_destroy(s->an);
    rasd_lexicon_destroy(s->own_lex);
    rasd_buf_free(&s->tsv);
    free(s->base.target);
    free(s);
}

static uint64_t pg_size(rasd_store *base) {
    pg_store *s = of(base);
    PGresult *r = PQexec(s->db, "SELECT pg_database_size(current_database())");
    uint64_t n = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? (uint64_t)int_at(r, 0, 0) : 0;
    PQclear(r);
    return n;
}

static rasd_status pg_begin(rasd_store *b, rasd_error *err) {
    of(b)->max_given_id = 0;
    /* a connection the server dropped since the last batch (a restart; the
     * query layer may have connected again already) is set up again first */
    pg_store *s = of(b);
    rasd_status st = RASD_ERR_DB;
    /* a drop is only found out on use: BEGIN finds it, and is tried once
     * more on a new connection (nothing was in flight) */
    for (int attempt = 0; attempt < 2 && st != RASD_OK; attempt++) {
        if (session(s, err) != RASD_OK) return RASD_ERR_DB;
        st = exec(s, "BEGIN", err);
        if (st != RASD_OK && PQstatus(s->db) != CONNECTION_BAD) break; /* not a lost connection */
    }
    s->in_tx = st == RASD_OK;
    return st;
}

static rasd_status pg_commit(rasd_store *b, rasd_error *err) {
    pg_store *s = of(b);
    if (s->max_given_id > 0) { /* ids given by the caller (a migration): the sequence goes past them */
        char sql[160];
        snprintf(sql, sizeof sql,
                 "SELECT setval('documents_id_seq', greatest(%lld, (SELECT last_value FROM documents_id_seq)))",
                 (long long)s->max_given_id);
        rasd_status st = exec(s, sql, err);
        if (st != RASD_OK) return st;
    }
    s->in_tx = false;
    return exec(s, "COMMIT", err);
}

/* Released by the transaction's end, including the server's abort of a
 * transaction whose process died: a killed ingest never holds it. */
static rasd_status pg_lock_writers(rasd_store *b, rasd_error *err) {
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%lld)", (long long)RASD_PG_LOCK_WRITERS);
    return exec(of(b), sql, err);
}

static rasd_status pg_rollback(rasd_store *b, rasd_error *err) {
    pg_store *s = of(b);
    s->in_tx = false;
    if (PQtransactionStatus(s->db) == PQTRANS_IDLE) return RASD_OK; /* nothing open */
    return exec(s, "ROLLBACK", err);
}

/* ------------------------------------------------------------ documents */

static rasd_status find_hash(pg_store *s, const char *hash, int64_t *id, rasd_error *err) {
    params p = {0};
    p_text(&p, hash);
    PGresult *r = NULL;
    *id = 0;
    rasd_status st = run(s, ST_FIND_HASH, &p, 0, &r, err, "finding a document by hash");
    if (st != RASD_OK) return st;
    if (PQntuples(r) == 1) *id = int_at(r, 0, 0);
    PQclear(r);
    return RASD_OK;
}

/* Queues prepared statement i in the pipeline (put_rows). */
static rasd_status send(pg_store *s, int i, const params *p, rasd_error *err, const char *what) {
    char name[8];
    snprintf(name, sizeof name, "s%d", i);
    if (!PQsendQueryPrepared(s->db, name, p->n, p->v, p->len, p->fmt, 0)) return db_fail(s, err, what);
    s->n_sent++;
    return RASD_OK;
}

/* Every row of a document, sent in one pipeline (libpq's pipeline mode)
 * and their results read at the end: one round trip instead of one per
 * row, which made the writer wait on the network most of its time. */
static rasd_status send_rows(pg_store *s, int64_t id, const rasd_rows *r, rasd_error *err) {
    rasd_status st = RASD_OK;
    for (size_t i = 0; st == RASD_OK && i < r->n_entities; i++) {
        const rasd_row_entity *e = &r->entities[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, e->id);
        p_text(&p, e->name);
        p_text(&p, e->type);
        p_text(&p, e->country);
        p_int(&p, e->mention_count);
        p_text(&p, e->mentions);
        st = send(s, ST_ENTITY, &p, err, "storing an entity");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_places; i++) {
        const rasd_row_place *x = &r->places[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, x->id);
        p_text(&p, x->name);
        if (x->has_coords) {
            p_double(&p, x->lat);
            p_double(&p, x->lon);
        } else {
            p_null(&p);
            p_null(&p);
        }
        p_text(&p, x->country);
        p_int(&p, x->mention_count);
        p_text(&p, x->mentions);
        st = send(s, ST_PLACE, &p, err, "storing a place");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_quotes; i++) {
        const rasd_row_quote *x = &r->quotes[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, x->speaker);
        p_text(&p, x->speaker_text);
        p_text(&p, x->verb);
        p_int(&p, x->direct);
        p_int(&p, x->start);
        p_int(&p, x->end);
        p_text(&p, x->text);
        st = send(s, ST_QUOTE, &p, err, "storing a quote");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_events; i++) {
        const rasd_row_event *x = &r->events[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, x->source);
        p_text(&p, x->target);
        p_text(&p, x->cameo);
        p_text(&p, x->plover);
        p_text(&p, x->acled);
        p_text(&p, x->place);
        p_text(&p, x->date);
        p_text(&p, x->flags && *x->flags ? x->flags : NULL);
        p_int(&p, x->start);
        p_int(&p, x->end);
        p_text(&p, x->detail);
        st = send(s, ST_EVENT, &p, err, "storing an event");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_framing; i++) {
        const rasd_row_framing *x = &r->framing[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, x->actor);
        p_text(&p, x->term);
        p_text(&p, x->label);
        p_int(&p, x->polarity);
        p_int(&p, x->start);
        p_int(&p, x->end);
        st = send(s, ST_FRAMING, &p, err, "storing a framing term");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_numbers; i++) {
        const rasd_row_number *x = &r->numbers[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, x->text);
        if (x->has_value) p_double(&p, x->value);
        else p_null(&p);
        p_text(&p, x->unit);
        p_text(&p, x->unit_code);
        p_int(&p, x->start);
        p_int(&p, x->end);
        st = send(s, ST_NUMBER, &p, err, "storing a number");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_dates; i++) {
        const rasd_row_date *x = &r->dates[i];
        params p = {0};
        p_int(&p, id);
        p_text(&p, x->text);
        p_text(&p, x->value);
        p_text(&p, x->granularity);
        p_int(&p, x->start);
        p_int(&p, x->end);
        st = send(s, ST_DATE, &p, err, "storing a date");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_paragraphs; i++) {
        const rasd_row_paragraph *x = &r->paragraphs[i];
        params p = {0};
        p_int(&p, id);
        p_int(&p, (int64_t)i);
        p_int(&p, x->start);
        p_int(&p, x->end);
        if (x->key) p_int(&p, (int64_t)x->key);
        else p_null(&p);
        /* an earlier paragraph of the same document that it restates (dedup.h) */
        if (x->repeats >= 0 && (size_t)x->repeats < i) {
            p_int(&p, x->repeats);
            p_double(&p, x->repeat_similarity);
        } else {
            p_null(&p);
            p_null(&p);
        }
        st = send(s, ST_PARAGRAPH, &p, err, "storing a paragraph");
    }
    for (size_t i = 0; st == RASD_OK && i < r->n_boilerplate; i++) {
        const rasd_row_boilerplate *x = &r->boilerplate[i];
        params p = {0};
        p_int(&p, id);
        p_int(&p, (int64_t)i);
        p_int(&p, x->at);
        p_int(&p, x->input_start);
        p_int(&p, x->input_end);
        p_text(&p, x->reason);
        p_text(&p, x->text);
        st = send(s, ST_BOILERPLATE, &p, err, "storing a removed boilerplate line");
    }
    return st;
}

static rasd_status put_rows(pg_store *s, int64_t id, const rasd_rows *r, rasd_error *err) {
    if (!r->n_entities && !r->n_places && !r->n_quotes && !r->n_events && !r->n_framing && !r->n_numbers &&
        !r->n_dates && !r->n_paragraphs && !r->n_boilerplate)
        return RASD_OK;
    if (!PQenterPipelineMode(s->db)) return db_fail(s, err, "entering pipeline mode");
    s->n_sent = 0;
    rasd_status st = send_rows(s, id, r, err);
    if (!PQpipelineSync(s->db) && st == RASD_OK) st = db_fail(s, err, "storing a document's rows");
    /* every result, then the sync's; the first error is the one to tell.
     * Each statement's results end with a NULL; two in a row, or a lost
     * connection, mean nothing more will come. */
    int nulls = 0;
    for (;;) {
        PGresult *res = PQgetResult(s->db);
        if (!res) {
            if (++nulls > 1 || PQstatus(s->db) != CONNECTION_OK) {
                if (st == RASD_OK) st = db_fail(s, err, "storing a document's rows");
                break;
            }
            continue;
        }
        nulls = 0;
        ExecStatusType t = PQresultStatus(res);
        if (t == PGRES_FATAL_ERROR && st == RASD_OK)
            st = rasd_fail(err, RASD_ERR_DB, "%s: storing a document's rows: %s", s->base.target,
                           PQresultErrorMessage(res));
        PQclear(res);
        if (t == PGRES_PIPELINE_SYNC) break;
    }
    if (!PQexitPipelineMode(s->db) && st == RASD_OK) st = db_fail(s, err, "leaving pipeline mode");
    return st;
}

static rasd_status pg_put(rasd_store *base, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err) {
    pg_store *s = of(base);
    *already = false;
    *id = 0;
    s->tsv.len = 0;
    size_t n_terms = 0;
    if (!rasd_pg_tsvector(s->an, d->title, d->text, d->len, d->rows ? &d->rows->title_terms : NULL,
                          d->rows ? &d->rows->text_terms : NULL, &s->tsv, &n_terms))
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory indexing a document", base->target);
    rasd_status st = exec(s, "SAVEPOINT doc", err);
    if (st != RASD_OK) return st;
    params p = {0};
    p_text(&p, d->hash);
    p_text(&p, d->text_id);
    p_text(&p, d->origin);
    p_text(&p, d->url);
    p_text(&p, d->title);
    p_text(&p, d->source);
    p_text(&p, d->author);
    p_text(&p, d->published);
    p_textn(&p, d->text, d->len);
    p_textn(&p, d->analysis_json, d->analysis_len);
    if (d->duplicate_of > 0) {
        p_int(&p, d->duplicate_of);
        p_text(&p, d->dup_kind);
        p_double(&p, d->similarity);
    } else {
        p_null(&p);
        p_null(&p);
        p_null(&p);
    }
    if (d->id > 0) p_int(&p, d->id);
    else p_null(&p);
    p_text(&p, s->tsv.data);
    p_int(&p, (int64_t)n_terms);
    PGresult *r = NULL;
    st = run(s, ST_INSERT_DOC, &p, 0, &r, err, "storing a document");
    if (st == RASD_OK && PQntuples(r) == 0) { /* the hash is there: re-ingest, or another process stored it */
        PQclear(r);
        *already = true;
        st = find_hash(s, d->hash, id, err);
        if (st == RASD_OK) return exec(s, "RELEASE SAVEPOINT doc", err);
    } else if (st == RASD_OK) {
        *id = int_at(r, 0, 0);
        PQclear(r);
        if (d->id > s->max_given_id) s->max_given_id = d->id;
        if (d->rows) st = put_rows(s, *id, d->rows, err);
    }
    if (st == RASD_OK) return exec(s, "RELEASE SAVEPOINT doc", err);
    PQclear(PQexec(s->db, "ROLLBACK TO SAVEPOINT doc; RELEASE SAVEPOINT doc"));
    *id = 0;
    return st;
}

static rasd_status pg_find_by_hash(rasd_store *b, const char *hash, int64_t *id, rasd_error *err) {
    return find_hash(of(b), hash, id, err);
}

static rasd_status pg_each_hash(rasd_store *b, rasd_hash_fn fn, void *ctx, rasd_error *err) {
    pg_store *s = of(b);
    PGresult *r = PQexec(s->db, "SELECT hash FROM documents");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        PQclear(r);
        return db_fail(s, err, "reading the document hashes");
    }
    for (int i = 0, n = PQntuples(r); i < n; i++)
        if (!fn(ctx, PQgetvalue(r, i, 0))) break;
    PQclear(r);
    return RASD_OK;
}

static rasd_status pg_next_id(rasd_store *b, int64_t *id, rasd_error *err) {
    pg_store *s = of(b);
    PGresult *r = NULL;
    *id = 0;
    rasd_status st = run(s, ST_NEXT_ID, NULL, 0, &r, err, "reading the next document id");
    if (st != RASD_OK) return st;
    *id = int_at(r, 0, 0);
    PQclear(r);
    return RASD_OK;
}

/* -------------------------------------------------------------- stories */

static rasd_status pg_set_story(rasd_store *b, int64_t doc, int64_t story, double sim, rasd_error *err) {
    params p = {0};
    p_int(&p, story);
    p_double(&p, sim);
    p_int(&p, doc);
    return run(of(b), ST_SET_STORY, &p, 0, NULL, err, "assigning a story");
}

static rasd_status pg_refresh_story(rasd_store *b, int64_t story, rasd_error *err) {
    static const int STEPS[] = {ST_STORY_SUMMARY, ST_STORY_LABELS_DELETE, ST_STORY_LABELS};
    for (size_t i = 0; i < 3; i++) {
        params p = {0};
        p_int(&p, story);
        rasd_status st = run(of(b), STEPS[i], &p, 0, NULL, err, "summarising a story");
        if (st != RASD_OK) return st;
    }
    return RASD_OK;
}

/* ---------------------------------------------------------------- state */

static rasd_status pg_put_state(rasd_store *b, const char *name, const void *data, size_t len, rasd_error *err) {
    params p = {0};
    p_text(&p, name);
    p_bin(&p, data, len);
    return run(of(b), ST_PUT_STATE, &p, 0, NULL, err, "saving state");
}

static rasd_status pg_get_state(rasd_store *b, const char *name, void **data, size_t *len, rasd_error *err) {
    pg_store *s = of(b);
    params p = {0};
    p_text(&p, name);
    PGresult *r = NULL;
    *data = NULL;
    *len = 0;
    rasd_status st = run(s, ST_GET_STATE, &p, 1, &r, err, "reading state");
    if (st != RASD_OK) return st;
    if (PQntuples(r) == 1) {
        size_t n = (size_t)PQgetlength(r, 0, 0);
        *data = malloc(n ? n : 1);
        if (!*data) st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory reading state %s", b->target, name);
        else if (n) memcpy(*data, PQgetvalue(r, 0, 0), n);
        *len = n;
    }
    PQclear(r);
    return st;
}

static rasd_status pg_put_fingerprint(rasd_store *b, int64_t doc, const void *fp, size_t len, rasd_error *err) {
    params p = {0};
    p_int(&p, doc);
    p_bin(&p, fp, len);
    return run(of(b), ST_PUT_FP, &p, 0, NULL, err, "saving a fingerprint");
}

static rasd_status pg_each_fingerprint(rasd_store *b, rasd_fingerprint_fn fn, void *ctx, rasd_error *err) {
    pg_store *s = of(b);
    /* binary results: the blobs as they are, the id as 8 big-endian bytes */
    PGresult *r = PQexecParams(s->db, "SELECT doc, data FROM fingerprints ORDER BY doc", 0, NULL, NULL, NULL, NULL, 1);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        PQclear(r);
        return db_fail(s, err, "reading fingerprints");
    }
    for (int i = 0, n = PQntuples(r); i < n; i++) {
        uint64_t be;
        memcpy(&be, PQgetvalue(r, i, 0), 8);
        if (!fn(ctx, (int64_t)be64toh(be), PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1))) break;
    }
    PQclear(r);
    return RASD_OK;
}

static rasd_status pg_get_fingerprint(rasd_store *b, int64_t doc, void *buf, size_t cap, size_t *len,
                                      rasd_error *err) {
    params p = {0};
    p_int(&p, doc);
    PGresult *r = NULL;
    *len = 0;
    rasd_status st = run(of(b), ST_GET_FP, &p, 1, &r, err, "reading a fingerprint");
    if (st != RASD_OK) return st;
    if (PQntuples(r) == 1) {
        *len = (size_t)PQgetlength(r, 0, 0);
        if (*len <= cap && *len) memcpy(buf, PQgetvalue(r, 0, 0), *len);
    }
    PQclear(r);
    return RASD_OK;
}

/* -------------------------------------------------------- settling stories */

/* Through a cursor, a page at a time: the texts of a whole store need not
 * fit in memory at once. Inside the caller's transaction. */
static rasd_status pg_each_settle_doc(rasd_store *b, rasd_settle_doc_fn fn, void *ctx, rasd_error *err) {
    pg_store *s = of(b);
    rasd_status st = exec(s,
                          "DECLARE rasd_story_docs NO SCROLL CURSOR FOR"
                          " SELECT d.id, d.hash, d.published, d.title, d.text, coalesce(d.story, 0),"
                          " coalesce(d.story_similarity, 0),"
                          " (SELECT string_agg(entity, chr(31)) FROM entities e WHERE e.doc = d.id),"
                          " coalesce(d.duplicate_of, 0), d.dup_kind, coalesce(d.similarity, 0),"
                          " (SELECT data FROM fingerprints f WHERE f.doc = d.id)"
                          " FROM documents d"
                          " ORDER BY coalesce(d.published, substr(d.ingested_at, 1, 10)) COLLATE \"C\","
                          " d.hash COLLATE \"C\"",
                          err);
    if (st != RASD_OK) return st;
    rasd_settle_rows rows = {0};
    bool oom = false, more = true;
    while (st == RASD_OK && more) {
        PGresult *r = PQexec(s->db, "FETCH 500 FROM rasd_story_docs");
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            PQclear(r);
            st = db_fail(s, err, "reading documents for their stories");
            break;
        }
        int n = PQntuples(r);
        more = n > 0;
        for (int i = 0; more && i < n; i++) {
            rasd_settle_row row = {
                .id = int_at(r, i, 0),
                .hash = PQgetvalue(r, i, 1),
                .published = PQgetisnull(r, i, 2) ? NULL : PQgetvalue(r, i, 2),
                .title = PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3),
                .text = PQgetvalue(r, i, 4),
                .len = (size_t)PQgetlength(r, i, 4),
                .story = int_at(r, i, 5),
                .similarity = strtod(PQgetvalue(r, i, 6), NULL),
                .entities = PQgetisnull(r, i, 7) ? NULL : PQgetvalue(r, i, 7),
                .duplicate_of = int_at(r, i, 8),
                .dup_kind = PQgetisnull(r, i, 9) ? NULL : PQgetvalue(r, i, 9),
                .dup_similarity = strtod(PQgetvalue(r, i, 10), NULL),
            };
            /* the fingerprint's bytea arrives as text (\x and hex) */
            unsigned char *fp = NULL;
            if (!PQgetisnull(r, i, 11)) {
                size_t fp_len = 0;
                fp = PQunescapeBytea((const unsigned char *)PQgetvalue(r, i, 11), &fp_len);
                if (!fp) {
                    oom = true;
                    more = false;
                    break;
                }
                row.fingerprint = fp;
                row.fingerprint_len = fp_len;
            }
            more = rasd_settle_row_emit(&rows, &row, fn, ctx, &oom);
            PQfreemem(fp);
        }
        PQclear(r);
    }
    rasd_settle_rows_free(&rows);
    if (st == RASD_OK && oom) st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory reading documents", b->target);
    if (st == RASD_OK) st = exec(s, "CLOSE rasd_story_docs", err);
    return st;
}

static rasd_status pg_set_duplicate(rasd_store *b, int64_t doc, int64_t duplicate_of, const char *kind,
                                    double similarity, rasd_error *err) {
    pg_store *s = of(b);
    params p = {0};
    if (duplicate_of) {
        p_int(&p, duplicate_of);
        p_text(&p, kind);
        p_double(&p, similarity);
    } else {
        p_null(&p);
        p_null(&p);
        p_null(&p);
    }
    p_int(&p, doc);
    PGresult *r = PQexecParams(s->db,
                               "UPDATE documents SET duplicate_of = $1, dup_kind = $2, similarity = $3 WHERE id = $4",
                               p.n, NULL, p.v, p.len, p.fmt, 0);
    rasd_status st = PQresultStatus(r) == PGRES_COMMAND_OK ? RASD_OK : db_fail(s, err, "linking a duplicate");
    PQclear(r);
    return st;
}

/* The statements of pg_refresh_story, for every story at once. */
static rasd_status pg_rebuild_story_rows(rasd_store *b, rasd_error *err) {
    return exec(of(b),
                "DELETE FROM story_labels;"
                "DELETE FROM stories;"
                "INSERT INTO stories(id, title, first_seen, last_seen, n_articles, outlets)"
                " SELECT d.story, (SELECT title FROM documents WHERE id = d.story),"
                "  min(coalesce(d.published, substr(d.ingested_at, 1, 10))),"
                "  max(coalesce(d.published, substr(d.ingested_at, 1, 10))), count(*),"
                "  (SELECT string_agg(source, ', ' ORDER BY source COLLATE \"C\") FROM (SELECT DISTINCT source"
                "   FROM documents WHERE story = d.story AND source IS NOT NULL) o)"
                " FROM documents d WHERE d.story IS NOT NULL GROUP BY d.story;"
                "INSERT INTO story_labels(story, outlet, actor, label, count)"
                " SELECT d.story, coalesce(d.source, ''), coalesce(f.actor, ''), f.label, count(*)"
                " FROM documents d JOIN framing f ON f.doc = d.id WHERE d.story IS NOT NULL AND f.label IS NOT NULL"
                " GROUP BY 1, 2, 3, 4",
                err);
}

/* --------------------------------------------------------------- search */

static rasd_status pg_search(rasd_store *b, const rasd_search_query *qq, rasd_search_fn fn, void *ctx,
                             rasd_error *err) {
    return rasd_pg_search(of(b)->db, of(b)->an, qq, fn, ctx, err);
}

static rasd_status pg_counts(rasd_store *b, rasd_store_counts *out, rasd_error *err) {
    pg_store *s = of(b);
    memset(out, 0, sizeof *out);
    PGresult *r = PQexec(s->db, "SELECT (SELECT count(*) FROM documents),"
                                " (SELECT count(*) FROM documents WHERE dup_kind = 'exact'),"
                                " (SELECT count(*) FROM documents WHERE dup_kind = 'near'),"
                                " (SELECT count(DISTINCT duplicate_of) FROM documents WHERE dup_kind = 'exact'),"
                                " (SELECT count(*) FROM stories)");
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
        PQclear(r);
        return db_fail(s, err, "counting");
    }
    out->documents = int_at(r, 0, 0);
    out->duplicates_exact = int_at(r, 0, 1);
    out->duplicates_near = int_at(r, 0, 2);
    out->exact_groups = int_at(r, 0, 3);
    out->stories = int_at(r, 0, 4);
    PQclear(r);
    return RASD_OK;
}

static const rasd_store_ops PG_OPS = {
    "postgresql",     pg_close,     pg_size,        pg_begin,          pg_commit,
    pg_rollback,      pg_put,       pg_find_by_hash, pg_each_hash,     pg_next_id,         pg_set_story,
    pg_refresh_story, pg_put_state, pg_get_state,   pg_put_fingerprint, pg_each_fingerprint,
    pg_get_fingerprint,
    pg_search,        pg_counts,       pg_lock_writers, pg_each_settle_doc, pg_rebuild_story_rows,
    pg_set_duplicate,
    NULL, NULL, /* defer_sums, rebuild_sums: it keeps no actors' sums */
};

/* The URL for messages, its password (user:password@) hidden. */
static char *redact(const char *url) {
    const char *host = strstr(url, "://");
    host = host ? host + 3 : url;
    const char *at = strchr(host, '@'), *slash = strchr(host, '/');
    const char *colon = at && (!slash || at < slash) ? memchr(host, ':', (size_t)(at - host)) : NULL;
    if (!colon) return strdup(url);
    size_t head = (size_t)(colon + 1 - url), n = head + 3 + strlen(at) + 1;
    char *r = malloc(n);
    if (r) snprintf(r, n, "%.*s***%s", (int)head, url, at);
    return r;
}

/* What a session needs: its settings and the prepared statements. Run
 * at open, and again whenever the connection is another server process
 * than the one they were prepared in: a connection the server dropped is
 * connected again (here, or by the query layer's reader) with none of
 * them. Inside a transaction the loss cannot be hidden and is an error. */
static rasd_status session(pg_store *s, rasd_error *err) {
    if (PQstatus(s->db) == CONNECTION_BAD) PQreset(s->db);
    if (PQstatus(s->db) != CONNECTION_OK)
        return rasd_fail(err, RASD_ERR_DB, "%s: cannot connect: %s", s->base.target, rasd_pg_message(s->db));
    int pid = PQbackendPID(s->db);
    if (pid == s->session_pid) return RASD_OK;
    if (exec(s, "SET client_min_messages = warning", err) != RASD_OK) return RASD_ERR_DB;
    for (int i = 0; i < ST_COUNT; i++) {
        char name[8];
        snprintf(name, sizeof name, "s%d", i);
        PGresult *r = PQprepare(s->db, name, SQL[i], 0, NULL);
        ExecStatusType t = PQresultStatus(r);
        PQclear(r);
        if (t != PGRES_COMMAND_OK)
            return rasd_fail(err, RASD_ERR_DB, "%s: preparing \"%.60s\": %s", s->base.target, SQL[i], rasd_pg_message(s->db));
    }
    s->session_pid = pid;
    return RASD_OK;
}

rasd_store *rasd_pg_store_open(const char *url, const rasd_lexicon *lex, rasd_error *err) {
    pg_store *s = calloc(1, sizeof *s);
    if (!s || !(s->base.target = redact(url))) {
        free(s);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    s->base.ops = &PG_OPS;
    if (!lex && !(lex = s->own_lex = rasd_lexicon_load(NULL, err))) goto fail;
    if (!(s->an = rasd_analyzer_new(lex, err))) goto fail;
    s->db = PQconnectdb(url);
    if (PQstatus(s->db) != CONNECTION_OK) {
        rasd_fail(err, RASD_ERR_DB, "%s: cannot connect: %s", s->base.target, rasd_pg_message(s->db));
        goto fail;
    }
    if (exec(s, "SET client_min_messages = warning", err) != RASD_OK) goto fail;
    if (rasd_pg_schema_migrate(s->db, s->base.target, err) != RASD_OK) goto fail;
    if (session(s, err) != RASD_OK) goto fail;
    return &s->base;
fail:
    pg_close(&s->base);
    return NULL;
}

/* For the query layer (queries_pg.c): the connection of a PostgreSQL
 * store and the analyzer its searches read queries with, or NULL for
 * another backend. */
PGconn *rasd_pg_store_conn(rasd_store *s) { return s && s->ops == &PG_OPS ? of(s)->db : NULL; }
rasd_analyzer *rasd_pg_store_analyzer(rasd_store *s) { return s && s->ops == &PG_OPS ? of(s)->an : NULL; }
