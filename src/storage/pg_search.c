/*
 * pg_search.c: the store's full-text search on PostgreSQL (pg_search.h):
 * the query read with rasd's own terms (pg_fts.c), one statement per query
 * that ranks the matches under the filters by BM25 as SQLite's FTS5 does,
 * and snippets made by rasd. docs/store-postgres.md says what can differ.
 */
#include "storage/pg_search.h"

#include "storage/pg_fts.h"
#include "storage/pg_store.h"

#include "core/internal.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t number_at(PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

/* The search, written for each query: the matches under the filters,
 * ranked by BM25 exactly as SQLite's FTS5 computes bm25(4.0, 1.0) — per
 * phrase of the query, its inverse document frequency over the whole
 * store, its occurrences in the document weighted 4 in the title and 1 in
 * the text (counted from the tsvector's positions, a phrase where its
 * terms follow each other), and the document's length (n_terms) against
 * the average, with k1 = 1.2 and b = 0.75. Ties go to the older document.
 * Terms reach the SQL through PQescapeLiteral. */
static char *search_sql(PGconn *db, const rasd_pg_query *q) {
    rasd_buf b = {0};
#define PUT(str) rasd_buf_append(&b, (str), strlen(str))
    PUT("WITH stats AS (SELECT count(*)::float8 AS n, greatest(avg(n_terms), 1)::float8 AS avgdl FROM documents),"
        " idf AS (SELECT 0");
    char num[160];
    char **lit = calloc(q->n_phrases ? q->n_phrases : 1, sizeof *lit);
    bool ok = lit != NULL;
    /* each phrase as a tsquery literal of its own, for its hit count */
    for (size_t i = 0; ok && i < q->n_phrases; i++) {
        const rasd_pg_phrase *ph = &q->phrases[i];
        rasd_buf t = {0};
        for (size_t k = 0; k < ph->n; k++) {
            if (k) rasd_buf_append(&t, " <-> ", 5);
            /* a tsquery lexeme in quotes: ' doubled, \ escaped, as pg_fts.c does */
            rasd_buf_putc(&t, '\'');
            for (const char *c = ph->terms[k]; *c; c++) {
                if (*c == '\'' || *c == '\\') rasd_buf_putc(&t, *c == '\'' ? '\'' : '\\');
                rasd_buf_putc(&t, *c);
            }
            rasd_buf_putc(&t, '\'');
            if (ph->prefix && k + 1 == ph->n) rasd_buf_append(&t, ":*", 2);
        }
        rasd_buf_putc(&t, '\0');
        ok = !t.oom && (lit[i] = PQescapeLiteral(db, t.data, strlen(t.data))) != NULL;
        rasd_buf_free(&t);
        if (!ok) break;
        snprintf(num, sizeof num, ", greatest(ln((stats.n - h%zu.c + 0.5) / (h%zu.c + 0.5)), 1e-6) AS i%zu", i, i, i);
        PUT(num);
    }
    PUT(" FROM stats");
    for (size_t i = 0; ok && i < q->n_phrases; i++) {
        PUT(", (SELECT count(*)::float8 AS c FROM documents WHERE terms @@ ");
        PUT(lit[i]);
        snprintf(num, sizeof num, "::tsquery) h%zu", i);
        PUT(num);
    }
    PUT(")"
        " SELECT d.id, d.hash, d.title, d.source, d.published, d.url, d.origin, sc.score, d.text, d.duplicate_of,"
        "  d.story"
        " FROM documents d CROSS JOIN stats CROSS JOIN idf, LATERAL (SELECT 0");
    for (size_t i = 0; ok && i < q->n_phrases; i++) {
        snprintf(num, sizeof num,
                 " + idf.i%zu * f.f%zu * 2.2 / (f.f%zu + 1.2 * (0.25 + 0.75 * d.n_terms / stats.avgdl))", i, i, i);
        PUT(num);
    }
    PUT(" AS score FROM (SELECT 0 AS none");
    for (size_t i = 0; ok && i < q->n_phrases; i++) {
        const rasd_pg_phrase *ph = &q->phrases[i];
        PUT(", (SELECT coalesce(sum(CASE WHEN p0.w = 'A' THEN 4.0 ELSE 1.0 END), 0)"
            " FROM unnest(d.terms) u0, unnest(u0.positions, u0.weights) AS p0(pos, w) WHERE ");
        for (size_t k = 0; ok && k < ph->n; k++) {
            char *e = PQescapeLiteral(db, ph->terms[k], strlen(ph->terms[k]));
            if (!e) {
                ok = false;
                break;
            }
            bool prefix = ph->prefix && k + 1 == ph->n;
            if (k) {
                snprintf(num, sizeof num,
                         " AND EXISTS (SELECT 1 FROM unnest(d.terms) u%zu, unnest(u%zu.positions) AS p%zu(pos) WHERE ", k,
                         k, k);
                PUT(num);
            }
            snprintf(num, sizeof num, prefix ? "starts_with(u%zu.lexeme, " : "u%zu.lexeme = (", k);
            PUT(num);
            PUT(e);
            PUT(")");
            if (k) {
                snprintf(num, sizeof num, " AND p%zu.pos = p0.pos + %zu)", k, k);
                PUT(num);
            }
            PQfreemem(e);
        }
        snprintf(num, sizeof num, ") AS f%zu", i);
        PUT(num);
    }
    PUT(") f) sc"
        " WHERE d.terms @@ $1::tsquery"
        "  AND ($2::text IS NULL OR d.source = $2)"
        "  AND ($3::text IS NULL OR d.published >= $3)"
        "  AND ($4::text IS NULL OR d.published <= $4)"
        "  AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.entity = $5 AND e.doc = d.id))"
        "  AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM places p WHERE p.place = $6 AND p.doc = d.id))"
        " ORDER BY sc.score DESC, d.id LIMIT $7::bigint");
#undef PUT
    for (size_t i = 0; lit && i < q->n_phrases; i++) PQfreemem(lit[i]);
    free(lit);
    rasd_buf_putc(&b, '\0');
    if (!ok || b.oom) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

rasd_status rasd_pg_search(PGconn *db, rasd_analyzer *an, const rasd_search_query *qq, rasd_search_fn fn, void *ctx,
                           rasd_error *err) {
    rasd_pg_query q;
    rasd_error qerr = {0};
    rasd_status st = rasd_pg_query_parse(an, qq->text, &q, &qerr);
    if (st != RASD_OK) return rasd_fail(err, st, "search \"%s\": %s", qq->text, qerr.message);
    if (!*q.tsquery) { /* no word in the query gives a term: nothing can match */
        rasd_pg_query_free(&q);
        return RASD_OK;
    }
    /* $1 the tsquery, $2-$6 the filters (NULL: none), $7 the limit */
    char limit[24];
    snprintf(limit, sizeof limit, "%zu", qq->limit ? qq->limit : (size_t)20);
    const char *v[7] = {q.tsquery, qq->outlet, qq->since, qq->until, qq->actor, qq->place, limit};
    char *sql = search_sql(db, &q);
    if (!sql) {
        rasd_pg_query_free(&q);
        return rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
    }
    PGresult *r = PQexecParams(db, sql, 7, NULL, v, NULL, NULL, 0);
    free(sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        /* SQLSTATE class 42 (syntax) or 22 (data): the query's own fault */
        const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        bool query_fault = state && (strncmp(state, "42", 2) == 0 || strncmp(state, "22", 2) == 0);
        st = rasd_fail(err, query_fault ? RASD_ERR_USAGE : RASD_ERR_DB, "search \"%s\": %s", qq->text, rasd_pg_message(db));
        PQclear(r);
        rasd_pg_query_free(&q);
        return st;
    }
    rasd_buf snip = {0};
    const char *open = qq->mark_open ? qq->mark_open : "[", *close = qq->mark_close ? qq->mark_close : "]";
    for (int i = 0, n = PQntuples(r); i < n; i++) {
        snip.len = 0;
        if (!rasd_pg_snippet(an, &q, PQgetvalue(r, i, 8), (size_t)PQgetlength(r, i, 8), open, close, &snip)) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
            break;
        }
#define TEXT_OR_NULL(c) (PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c))
        rasd_search_hit h = {
            .id = number_at(r, i, 0),
            .hash = TEXT_OR_NULL(1),
            .title = TEXT_OR_NULL(2),
            .source = TEXT_OR_NULL(3),
            .published = TEXT_OR_NULL(4),
            .url = TEXT_OR_NULL(5),
            .origin = TEXT_OR_NULL(6),
            .score = strtod(PQgetvalue(r, i, 7), NULL),
            .snippet = snip.data,
            .duplicate_of = number_at(r, i, 9),
            .story = number_at(r, i, 10),
        };
#undef TEXT_OR_NULL
        if (!fn(ctx, &h)) break;
    }
    rasd_buf_free(&snip);
    PQclear(r);
    rasd_pg_query_free(&q);
    return st;
}
