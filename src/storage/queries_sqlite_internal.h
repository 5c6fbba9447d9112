/*
 * queries_sqlite_internal.h: what the files of the SQLite query layer
 * share: the SQL fragments every answer is built of (a span's text, its
 * paragraph, the date and outlet filters, a page of a list), the filters
 * as SQL (qs_with_filters), and the one way a question is run (a deadline,
 * its values bound by name, one row of JSON: qs_one_json). queries_sqlite.c
 * holds these; queries_sqlite_docs.c (stories, a story, an article),
 * queries_sqlite_actors.c, queries_sqlite_lists.c (events, timeline,
 * places, quotes, outlets, search facets) and queries_sqlite_export.c ask
 * their questions through them. Internal to src/storage/.
 */
#ifndef RASD_QUERIES_SQLITE_INTERNAL_H
#define RASD_QUERIES_SQLITE_INTERNAL_H

#include "storage/queries_sqlite.h"

#include <stddef.h>
#include <time.h>

/* The text of a byte span of document d (substr on a blob counts bytes). */
#define SPAN(d, s, e) "CAST(substr(CAST(" d ".text AS BLOB), " s " + 1, " e " - " s ") AS TEXT)"

/* The paragraph around a span of document d (at most 300 characters):
 * an event's span is its trigger word, too short to read alone. */
#define CONTEXT(d, s, e)                                                                                      \
    "(SELECT substr(" SPAN(d, "p.span_start", "p.span_end") ", 1, 300) FROM paragraphs p WHERE p.doc = " d  \
    ".id AND p.span_start <= " s " AND p.span_end >= " e " ORDER BY p.idx LIMIT 1)"

/* Date filters shared by the lists: on the document's publication date. */
#define DOC_FILTERS(d)                                                                                        \
    "(:since IS NULL OR " d ".published >= :since) AND (:until IS NULL OR " d ".published <= :until) AND "     \
    "(:outlet IS NULL OR " d ".source = :outlet)"

/* The page of a list: total, limit, offset and the items of `page`. */
#define PAGE_JSON(item)                                                                                       \
    "SELECT json_object('total', (SELECT count(*) FROM m), 'limit', :limit, 'offset', :offset, "               \
    "'items', json((SELECT json_group_array(" item ") FROM page)))"

/* No question may hold a connection for long: past this many seconds a
 * statement is interrupted and the caller gets an error saying so. */
#define QUERY_SECONDS 10

/* A filter written "(:x IS NULL OR col = :x)" can use no index, so a
 * list whose count reads many rows builds its WHERE from the filters the
 * request has: each one a constant fragment (the values stay bound
 * parameters, never pasted), joined by AND, so that the planner reads the
 * index of the filter given (an outlet's rows, a range of days, a CAMEO
 * prefix) instead of testing every row. */
typedef struct filter_sql {
    size_t field; /* offsetof(rasd_query, the filter) */
    const char *sql;
} filter_sql;
#define FILTER(f, sql) {offsetof(rasd_query, f), sql}

/* A CAMEO prefix as an index range: every code that starts with :cameo
 * lies between it and it followed by the highest character (the substr
 * test keeps the answer exactly the prefix's). */
#define CAMEO_RANGE(c)                                                                                        \
    "substr(" c ", 1, length(:cameo)) = :cameo AND " c " >= :cameo AND " c " < :cameo || char(1114111)"

rasd_status qs_db_fail(sqlite3 *db, rasd_error *err, const char *what);
/* Binds value to the parameter name, if the statement has it (NULL: NULL). */
void qs_bind_text(sqlite3_stmt *st, const char *name, const char *value);
void qs_bind_int(sqlite3_stmt *st, const char *name, int64_t value);
/* Binds every filter of q, its limit and offset, to the parameters the
 * statement has (:since, :actor, :limit ...). */
void qs_bind_query(sqlite3_stmt *st, const rasd_query *q);
/* Arms the deadline (QUERY_SECONDS) on db, and takes it off. */
void qs_arm_deadline(sqlite3 *db, struct timespec *deadline);
void qs_disarm_deadline(sqlite3 *db);
/* Runs a statement whose one row is one JSON text and appends it to out;
 * a NULL (or no row) is RASD_ERR_NOT_FOUND with `missing` as message. */
rasd_status qs_one_json(sqlite3 *db, const char *sql, const rasd_query *q, int64_t id, const char *id_text,
                        const char *kb_json, const char *missing, rasd_buf *out, rasd_error *err);
/* tmpl with each `marker` replaced by "1" and " AND fragment" for each of
 * the n filters q has; NULL when out of memory (malloc'd otherwise). */
char *qs_with_filters(const char *tmpl, const char *marker, const rasd_query *q, const filter_sql *f, size_t n);
/* qs_one_json on a statement qs_with_filters built (freed here). */
rasd_status qs_filtered_json(sqlite3 *db, char *sql, const rasd_query *q, const char *missing, rasd_buf *out,
                             rasd_error *err);

#endif
