/*
 * sqlite_search.c: the SQLite store's reads of a whole store: the
 * full-text search (the FTS5 query a text makes, the ranked hits with
 * their snippets; the statements are prepared with the others in
 * sqlite_store.c) and the counts of documents, duplicates and stories.
 * Separate from the writer: nothing here writes, and the query layer
 * (queries_sqlite.c) shares the query rule through rasd_sqlite_fts_query.
 */
#include "storage/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

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

rasd_status sq_search(rasd_store *b, const rasd_search_query *qq, rasd_search_fn fn, void *ctx,
                             rasd_error *err) {
    sqlite_store *s = sq_of(b);
    char *match = fts_query_of(qq->text);
    if (!match) return rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
    bool filtered = qq->outlet || qq->since || qq->until || qq->actor || qq->place;
    sqlite3_stmt *q = s->st[filtered ? ST_SEARCH_FILTERED : ST_SEARCH_PLAIN];
    sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
    sq_bind_text(q, 2, qq->outlet);
    sq_bind_text(q, 3, qq->since);
    sq_bind_text(q, 4, qq->until);
    sq_bind_text(q, 5, qq->actor);
    sq_bind_text(q, 6, qq->place);
    sqlite3_bind_int64(q, 7, qq->limit ? (int64_t)qq->limit : 20);
    sq_bind_text(q, 8, qq->mark_open ? qq->mark_open : "[");
    sq_bind_text(q, 9, qq->mark_close ? qq->mark_close : "]");
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

rasd_status sq_counts(rasd_store *b, rasd_store_counts *out, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    static const char SQL_COUNTS[] =
        "SELECT (SELECT count(*) FROM documents),"
        " (SELECT count(*) FROM documents WHERE dup_kind = 'exact'),"
        " (SELECT count(*) FROM documents WHERE dup_kind = 'near'),"
        " (SELECT count(DISTINCT duplicate_of) FROM documents WHERE dup_kind = 'exact'),"
        " (SELECT count(*) FROM stories)";
    sqlite3_stmt *q;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(s->db, SQL_COUNTS, -1, &q, NULL) != SQLITE_OK) return sq_db_fail(s, err, "counting");
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->documents = sqlite3_column_int64(q, 0);
        out->duplicates_exact = sqlite3_column_int64(q, 1);
        out->duplicates_near = sqlite3_column_int64(q, 2);
        out->exact_groups = sqlite3_column_int64(q, 3);
        out->stories = sqlite3_column_int64(q, 4);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? RASD_OK : sq_db_fail(s, err, "counting");
}

/* For the query layer: the FTS5 MATCH expression search uses for text (the
 * same words-or-syntax rule), malloc'd, or NULL when out of memory. */
char *rasd_sqlite_fts_query(const char *text) { return fts_query_of(text); }
