/*
 * queries_sqlite.c: the questions of queries.h answered by SQLite.
 *
 * Each question is one SQL statement that builds its whole JSON answer
 * with SQLite's JSON functions (json_object, json_group_array), so strings
 * are escaped by SQLite, the shape is visible in one place, and the answer
 * is one row: no JSON is assembled by hand in C. A PostgreSQL backend
 * writes the same statements with json_build_object/json_agg.
 *
 * Every value a caller gives is bound by name (:since, :actor, ...); the
 * SQL text is constant, or joined from constant fragments by the filters
 * a request has (qs_with_filters), never from its values. A nested
 * aggregate is wrapped in json(...) where it leaves a subquery, because
 * SQLite forgets that a value is JSON when it crosses a subquery and would
 * otherwise quote it as a string.
 *
 * Offsets (start, end) are byte offsets into the document's text, as
 * everywhere in rasd; SPAN() cuts such a span out of the text as bytes.
 *
 * This file holds how a question is run (its deadline, its bound values,
 * its one JSON row), the filters as SQL and a serving connection's
 * settings; the questions themselves are in queries_sqlite_docs.c,
 * queries_sqlite_actors.c, queries_sqlite_lists.c and
 * queries_sqlite_export.c.
 */
#include "storage/queries_sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

static int past_deadline(void *ctx) {
    const struct timespec *deadline = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec || (now.tv_sec == deadline->tv_sec && now.tv_nsec > deadline->tv_nsec);
}

/* Arms the deadline on db (checked every few thousand VM steps). */
void qs_arm_deadline(sqlite3 *db, struct timespec *deadline) {
    clock_gettime(CLOCK_MONOTONIC, deadline);
    deadline->tv_sec += QUERY_SECONDS;
    sqlite3_progress_handler(db, 10000, past_deadline, deadline);
}

void qs_disarm_deadline(sqlite3 *db) { sqlite3_progress_handler(db, 0, NULL, NULL); }

rasd_status qs_db_fail(sqlite3 *db, rasd_error *err, const char *what) {
    if (sqlite3_errcode(db) == SQLITE_INTERRUPT)
        return rasd_fail(err, RASD_ERR_DB, "%s: stopped after %d s (the question is too broad; narrow it)", what,
                         QUERY_SECONDS);
    return rasd_fail(err, RASD_ERR_DB, "%s: %s: %s", sqlite3_db_filename(db, "main") ? sqlite3_db_filename(db, "main") : "store",
                     what, sqlite3_errmsg(db));
}

void qs_bind_text(sqlite3_stmt *st, const char *name, const char *value) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (!i) return;
    if (value) sqlite3_bind_text(st, i, value, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

void qs_bind_int(sqlite3_stmt *st, const char *name, int64_t value) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (i) sqlite3_bind_int64(st, i, value);
}

void qs_bind_query(sqlite3_stmt *st, const rasd_query *q) {
    qs_bind_text(st, ":text", q->text);
    qs_bind_text(st, ":since", q->since);
    qs_bind_text(st, ":until", q->until);
    qs_bind_text(st, ":outlet", q->outlet);
    qs_bind_text(st, ":actor", q->actor);
    qs_bind_text(st, ":target", q->target);
    qs_bind_text(st, ":cameo", q->cameo);
    qs_bind_text(st, ":speaker", q->speaker);
    qs_bind_text(st, ":place", q->place);
    qs_bind_text(st, ":type", q->type);
    qs_bind_int(st, ":limit", (int64_t)(q->limit ? q->limit : RASD_QUERY_DEFAULT_LIMIT));
    qs_bind_int(st, ":offset", (int64_t)q->offset);
}

/* Runs a statement whose one row is one JSON text and appends it to out;
 * a NULL (or no row) is RASD_ERR_NOT_FOUND with `missing` as message. */
rasd_status qs_one_json(sqlite3 *db, const char *sql, const rasd_query *q, int64_t id, const char *id_text,
                            const char *kb_json, const char *missing, rasd_buf *out, rasd_error *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return qs_db_fail(db, err, "preparing a query");
    static const rasd_query NONE = {0};
    qs_bind_query(st, q ? q : &NONE);
    qs_bind_int(st, ":id", id);
    qs_bind_text(st, ":id_text", id_text);
    qs_bind_text(st, ":kb", kb_json);
    struct timespec deadline;
    qs_arm_deadline(db, &deadline);
    int rc = sqlite3_step(st);
    qs_disarm_deadline(db);
    rasd_status s = RASD_OK;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        rasd_buf_append(out, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        if (out->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query's answer");
    } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        s = rasd_fail(err, RASD_ERR_NOT_FOUND, "%s", missing);
    } else {
        s = qs_db_fail(db, err, "running a query");
    }
    sqlite3_finalize(st);
    return s;
}

/* --------------------------------------------------------- filters as SQL */

/* tmpl with each `marker` replaced by "1" and " AND fragment" for each of
 * the n filters q has; NULL when out of memory (malloc'd otherwise). */
char *qs_with_filters(const char *tmpl, const char *marker, const rasd_query *q, const filter_sql *f,
                          size_t n) {
    rasd_buf b = {0};
    size_t mlen = strlen(marker);
    for (const char *p = tmpl, *at; *p; p = at + mlen) {
        if (!(at = strstr(p, marker))) {
            rasd_buf_append(&b, p, strlen(p));
            break;
        }
        rasd_buf_append(&b, p, (size_t)(at - p));
        rasd_buf_putc(&b, '1');
        for (size_t i = 0; i < n; i++)
            if (*(const char *const *)((const char *)q + f[i].field)) {
                rasd_buf_append(&b, " AND ", 5);
                rasd_buf_append(&b, f[i].sql, strlen(f[i].sql));
            }
    }
    if (b.oom) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* qs_one_json on a statement qs_with_filters built. */
rasd_status qs_filtered_json(sqlite3 *db, char *sql, const rasd_query *q, const char *missing, rasd_buf *out,
                                 rasd_error *err) {
    if (!sql) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query");
    rasd_status s = qs_one_json(db, sql, q, 0, NULL, NULL, missing, out, err);
    free(sql);
    return s;
}

/* A serving connection reads the file through a memory map (up to 4 GB
 * of it): a page it needs is then the operating system's cached page
 * itself, not a copy read() makes into the connection's own cache, which
 * was a tenth of a search's time (snippets read whole documents). */
rasd_status rasd_sqlite_reader_setup(sqlite3 *db, bool read_only, rasd_error *err) {
    const char *sql = read_only ? "PRAGMA cache_size = -16384; PRAGMA mmap_size = 4294967296; PRAGMA query_only = 1"
                                : "PRAGMA cache_size = -16384; PRAGMA mmap_size = 4294967296";
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return qs_db_fail(db, err, "setting up a reader");
    return RASD_OK;
}
