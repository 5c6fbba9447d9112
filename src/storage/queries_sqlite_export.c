/*
 * queries_sqlite_export.c: the SQLite store streamed out (queries.h,
 * rasd export): articles as JSON Lines or CSV, events and quotes as rows
 * (export_events.c writes the events' rows). Unlike the other answers an
 * export is a statement stepped row by row, a block of output at a time,
 * over a store of any size.
 */
#include "storage/queries_sqlite_internal.h"

#include "storage/export_events.h"

#include <stdlib.h>

/* ----------------------------------------------------------------- export */

static const char EXPORT_JSONL_SQL[] =
    "SELECT json_object('id', d.id, 'title', d.title, 'source', d.source, 'author', d.author, "
    " 'published', d.published, 'url', d.url, 'story', d.story, 'duplicate_of', d.duplicate_of, "
    " 'text', d.text, "
    " 'entities', json((SELECT json_group_array(json_object('id', entity, 'name', name, 'type', type, "
    "   'mention_count', mention_count)) FROM (SELECT * FROM entities WHERE doc = d.id "
    "   ORDER BY mention_count DESC, entity))), "
    " 'places', json((SELECT json_group_array(json_object('id', place, 'name', name, 'lat', lat, 'lon', lon)) "
    "   FROM (SELECT * FROM places WHERE doc = d.id ORDER BY mention_count DESC, place))), "
    " 'quotes', json((SELECT json_group_array(json_object('speaker', speaker, 'text', text, 'start', "
    "   span_start, 'end', span_end)) FROM (SELECT * FROM quotes WHERE doc = d.id ORDER BY span_start, span_end))), "
    " 'events', json((SELECT json_group_array(json_object('source', source, 'target', target, 'cameo', cameo, "
    "   'date', date, 'start', span_start, 'end', span_end)) FROM (SELECT * FROM events WHERE doc = d.id "
    "   ORDER BY span_start, span_end, source, target, cameo, date))), "
    " 'framing', json((SELECT json_group_array(json_object('actor', actor, 'term', term, 'label', label)) "
    "   FROM (SELECT * FROM framing WHERE doc = d.id ORDER BY span_start, span_end, actor, term, label)))) "
    "FROM documents d WHERE " DOC_FILTERS("d") " ORDER BY d.id LIMIT :limit OFFSET :offset";

static const char EXPORT_CSV_SQL[] =
    "SELECT d.id, d.published, d.source, d.title, d.url, d.story, d.duplicate_of, "
    " (SELECT group_concat(entity, '|') FROM (SELECT entity FROM entities WHERE doc = d.id "
    "  ORDER BY mention_count DESC, entity)), "
    " (SELECT group_concat(place, '|') FROM (SELECT place FROM places WHERE doc = d.id "
    "  ORDER BY mention_count DESC, place)), "
    " (SELECT count(*) FROM quotes WHERE doc = d.id), (SELECT count(*) FROM events WHERE doc = d.id), "
    " (SELECT replace(group_concat(l), ',', '|') FROM (SELECT DISTINCT actor || ':' || label AS l FROM framing "
    "  WHERE doc = d.id AND actor IS NOT NULL ORDER BY l)) "
    "FROM documents d WHERE " DOC_FILTERS("d") " ORDER BY d.id LIMIT :limit OFFSET :offset";

/* events-csv, events-jsonl: each document with events, its fields, the
 * events of its analysis line and its rows of the events table in text
 * order (then by value, as PostgreSQL orders them: a store copied between
 * backends has its rows in another physical order); export_events.c
 * writes the rows. The date filters are the events' own dates, applied
 * there. */
static const char EXPORT_EVENTS_SQL[] =
    "SELECT d.id, d.published, d.source, d.url, d.title, d.text, "
    " CASE WHEN json_valid(d.analysis) THEN json_extract(d.analysis, '$.events') END, "
    " (SELECT json_group_array(json_object('source', source, 'target', target, 'cameo', cameo, 'plover', plover, "
    "  'acled', acled, 'place', place, 'date', date, 'flags', flags, 'start', span_start, 'end', span_end, "
    "  'detail', json(detail))) "
    "  FROM (SELECT * FROM events WHERE doc = d.id ORDER BY span_start, span_end, source, target, cameo, plover, "
    "  acled, place, date, flags, detail)) "
    "FROM documents d WHERE (:outlet IS NULL OR d.source = :outlet) AND "
    " EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id) ORDER BY d.id";

/* quotes-csv: one row per quote, in the columns of
 * rasd_export_quotes_header. */
static const char EXPORT_QUOTES_SQL[] =
    "SELECT d.id, d.published, d.source, d.url, d.title, q.speaker, "
    " (SELECT name FROM entities WHERE doc = q.doc AND entity = q.speaker LIMIT 1), q.speaker_text, q.verb, "
    " CASE WHEN q.direct THEN 'true' ELSE 'false' END, q.text, q.span_start, q.span_end "
    "FROM quotes q JOIN documents d ON d.id = q.doc WHERE (:speaker IS NULL OR q.speaker = :speaker) AND "
    DOC_FILTERS("d") " ORDER BY d.id, q.span_start, q.span_end, q.rowid";

struct rasd_sqlite_export {
    sqlite3 *db;
    sqlite3_stmt *st;
    rasd_export_format format;
    rasd_query q; /* the event filters (its strings are the caller's) */
    bool header_done;
};

rasd_sqlite_export *rasd_sqlite_export_open(sqlite3 *db, const rasd_query *q, rasd_export_format f,
                                            rasd_error *err) {
    rasd_sqlite_export *x = calloc(1, sizeof *x);
    if (!x) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory opening an export");
        return NULL;
    }
    x->db = db;
    x->format = f;
    x->q = *q;
    const char *sql = f == RASD_EXPORT_CSV ? EXPORT_CSV_SQL
                      : f == RASD_EXPORT_JSONL ? EXPORT_JSONL_SQL
                      : f == RASD_EXPORT_QUOTES_CSV ? EXPORT_QUOTES_SQL
                      : EXPORT_EVENTS_SQL;
    if (sqlite3_prepare_v2(db, sql, -1, &x->st, NULL) != SQLITE_OK) {
        qs_db_fail(db, err, "preparing the export");
        free(x);
        return NULL;
    }
    rasd_query page = *q;
    qs_bind_query(x->st, &page);
    qs_bind_int(x->st, ":limit", q->limit ? (int64_t)q->limit : -1); /* -1: no limit */
    return x;
}

static const char *col_text(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

static rasd_status events_row(rasd_sqlite_export *x, rasd_buf *out, rasd_error *err) {
    sqlite3_stmt *st = x->st;
    rasd_export_doc d = {
        .id = sqlite3_column_int64(st, 0),
        .published = col_text(st, 1),
        .outlet = col_text(st, 2),
        .url = col_text(st, 3),
        .title = col_text(st, 4),
        .text = col_text(st, 5),
        .text_len = (size_t)sqlite3_column_bytes(st, 5),
        .events_json = col_text(st, 6),
        .events_len = (size_t)sqlite3_column_bytes(st, 6),
        .rows_json = col_text(st, 7),
        .rows_len = (size_t)sqlite3_column_bytes(st, 7),
    };
    return rasd_export_events_doc(out, x->format == RASD_EXPORT_EVENTS_CSV, &x->q, &d, err);
}

rasd_status rasd_sqlite_export_next(rasd_sqlite_export *x, rasd_buf *out, bool *done, rasd_error *err) {
    *done = false;
    bool csv = x->format == RASD_EXPORT_CSV || x->format == RASD_EXPORT_QUOTES_CSV;
    if (!x->header_done) {
        if (x->format == RASD_EXPORT_CSV) rasd_query_csv_header(out);
        else if (x->format == RASD_EXPORT_EVENTS_CSV) rasd_export_events_header(out);
        else if (x->format == RASD_EXPORT_QUOTES_CSV) rasd_export_quotes_header(out);
        x->header_done = true;
    }
    size_t start = out->len;
    while (out->len - start < 64 * 1024) {
        int rc = sqlite3_step(x->st);
        if (rc == SQLITE_DONE) {
            *done = true;
            break;
        }
        if (rc != SQLITE_ROW) return qs_db_fail(x->db, err, "exporting");
        if (x->format == RASD_EXPORT_EVENTS_CSV || x->format == RASD_EXPORT_EVENTS_JSONL) {
            rasd_status s = events_row(x, out, err);
            if (s != RASD_OK) return s;
        } else if (csv) {
            int n = sqlite3_column_count(x->st);
            for (int i = 0; i < n; i++) rasd_query_csv_field(out, col_text(x->st, i), i + 1 == n);
        } else {
            rasd_buf_append(out, col_text(x->st, 0), (size_t)sqlite3_column_bytes(x->st, 0));
            rasd_buf_putc(out, '\n');
        }
    }
    if (out->oom) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory exporting");
    return RASD_OK;
}

void rasd_sqlite_export_close(rasd_sqlite_export *x) {
    if (!x) return;
    sqlite3_finalize(x->st);
    free(x);
}
