/*
 * export_events.h: the flat tables of `rasd export --format events-csv |
 * events-jsonl | quotes-csv` (docs/events.md): one row per stored event,
 * or per stored quote, with the article it came from.
 *
 * Backend-neutral: each backend's export cursor (queries_sqlite_export.c,
 * queries_pg.c) selects one row per document that has events (its fields,
 * its text, the events of its kept analysis line, and its rows of the
 * events table) and hands it here; the rows are written the same way for
 * both.
 */
#ifndef RASD_EXPORT_EVENTS_H
#define RASD_EXPORT_EVENTS_H

#include "storage/queries.h"

/* One document with events, as a backend read it. Strings may be NULL. */
typedef struct rasd_export_doc {
    int64_t id;
    const char *published, *outlet, *url, *title;
    const char *text;
    size_t text_len;
    /* the "events" array of the document's analysis line (the rich record:
     * names, codes, magnitudes, sentence), or NULL when none is kept */
    const char *events_json;
    size_t events_len;
    /* the document's rows of the events table as a JSON array of objects
     * (source, target, cameo, plover, acled, place, date, flags, start,
     * end): what is written when the analysis is missing or does not
     * match them, so that the export always has one row per stored event */
    const char *rows_json;
    size_t rows_len;
} rasd_export_doc;

/* The header line of events-csv (RFC 4180, CRLF). */
void rasd_export_events_header(rasd_buf *out);

/* Appends the document's events that pass q's event filters (since and
 * until on the event's date, else the publication date; actor: a source;
 * target: a target; cameo: a code prefix; place: the place id) as CSV
 * rows or JSON Lines objects with the same names. */
rasd_status rasd_export_events_doc(rasd_buf *out, bool csv, const rasd_query *q, const rasd_export_doc *d,
                                   rasd_error *err);

/* The header line of quotes-csv; each backend's quote rows follow it in
 * this order. */
void rasd_export_quotes_header(rasd_buf *out);

#endif
