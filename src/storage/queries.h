/*
 * queries.h: what an analyst asks of the store (stories, a story, an
 * article with its annotations, actors, events, quotes, outlets, search,
 * export), one function per question, each answering with one JSON
 * document. The server sends that JSON as it is; the command line parses
 * it and prints a table or CSV; so both show the same answer.
 *
 * Backend-neutral like store.h: each function dispatches to the backend's
 * implementation (queries_sqlite*.c, queries_pg.c). Filters are values,
 * never SQL: the backend binds them as parameters. Lists are paged: every list answer
 * is {"total": N, "limit": L, "offset": O, "items": [...]} (total counts
 * all matches, not only the page). The shapes are documented, with
 * examples, in docs/api.md.
 */
#ifndef RASD_QUERIES_H
#define RASD_QUERIES_H

#include "core/internal.h"
#include "storage/store.h"

#define RASD_QUERY_DEFAULT_LIMIT 20
#define RASD_QUERY_MAX_LIMIT 500
/* A search's facets count the first this many matches (by id). */
#define RASD_FACET_SCAN 1000

/* Every filter a query may take; each query reads the ones it documents
 * and ignores the others. Strings are NULL when not given. */
typedef struct rasd_query {
    const char *text;     /* search: words, "a phrase", or FTS5 syntax */
    const char *since, *until; /* YYYY-MM-DD, inclusive */
    const char *outlet;   /* exact source name */
    const char *actor;    /* entity id (stories, actors: mentioned; events: the source) */
    const char *target;   /* events: entity id of the target */
    const char *cameo;    /* events: CAMEO code prefix ("19", "190") */
    const char *speaker;  /* quotes: entity id of the speaker */
    const char *place;    /* search: place id */
    const char *type;     /* actors: entity type (person, armed_group, ...) */
    size_t limit;         /* 0: RASD_QUERY_DEFAULT_LIMIT; at most RASD_QUERY_MAX_LIMIT */
    size_t offset;
} rasd_query;

/* Checks the filters (dates are real YYYY-MM-DD dates, since <= until,
 * limit in range, CAMEO codes are digits, no string over 1000 bytes): an
 * RASD_ERR_USAGE error naming the parameter otherwise. */
rasd_status rasd_query_check(const rasd_query *q, rasd_error *err);

/* Each appends one JSON document to out. A missing record (story, article,
 * actor) is RASD_ERR_NOT_FOUND. */
rasd_status rasd_query_search(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_query_stories(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_query_story(rasd_store *s, int64_t id, rasd_buf *out, rasd_error *err);
rasd_status rasd_query_article(rasd_store *s, int64_t id, rasd_buf *out, rasd_error *err);
rasd_status rasd_query_actors(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
/* The actor's names come from the knowledge base when given (may be NULL). */
rasd_status rasd_query_actor(rasd_store *s, const rasd_knowledge *kn, const char *id, rasd_buf *out,
                             rasd_error *err);
rasd_status rasd_query_events(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
/* Counts per day for a chart over time: events (on the event's date;
 * filters actor as source or target, cameo, outlet, since/until) and
 * articles with the mentions in them (on the publication date; filters
 * actor, outlet, since/until). {"events": [{"date", "count"}],
 * "articles": [{"date", "count", "mentions"}]}, oldest first; "mentions"
 * is the actor's (null without an actor filter). */
rasd_status rasd_query_timeline(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
/* Where events happened: {"total": places, "items": [{"place", "count"}]},
 * most events first, under the events list's filters but place (actor:
 * the source or the target); at most limit places (default 20, 500). */
rasd_status rasd_query_event_places(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_query_quotes(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_query_outlets(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);

/* Settings for a store that serves queries (a smaller page cache, since a
 * server holds one connection per thread; no writes at all when
 * read_only). */
rasd_status rasd_query_reader_setup(rasd_store *s, bool read_only, rasd_error *err);

/* Export, streamed in chunks; the cursor holds the store until it is
 * closed (use the store for nothing else meanwhile).
 *   jsonl, csv      every document matching q (since, until, outlet; limit
 *                   and offset ignored unless limit is set) with its
 *                   annotations: one JSON object per line, or one CSV row
 *                   per document (RFC 4180, a header line first)
 *   events-csv,     one row per stored event, every column of docs/events.md
 *   events-jsonl    (the article's date, outlet, URL and title, both sides,
 *                   codes and labels, place, magnitudes, sentence), no row
 *                   cap; filters: outlet, since/until on the event's date,
 *                   actor (a source), target, cameo (prefix), place
 *   quotes-csv      one row per stored quote (docs/quotes.md); filters:
 *                   since, until, outlet, speaker */
typedef enum rasd_export_format {
    RASD_EXPORT_JSONL = 0,
    RASD_EXPORT_CSV = 1,
    RASD_EXPORT_EVENTS_CSV = 2,
    RASD_EXPORT_EVENTS_JSONL = 3,
    RASD_EXPORT_QUOTES_CSV = 4,
} rasd_export_format;

/* The format named name ("jsonl", "csv", "events-csv", "events-jsonl",
 * "quotes-csv"); false for any other. */
bool rasd_export_format_parse(const char *name, rasd_export_format *f);
/* The names, for messages: "jsonl, csv, events-csv, events-jsonl or quotes-csv". */
#define RASD_EXPORT_FORMATS "jsonl, csv, events-csv, events-jsonl or quotes-csv"
/* Its media type, for HTTP. */
const char *rasd_export_content_type(rasd_export_format f);
typedef struct rasd_export rasd_export;

rasd_export *rasd_export_open(rasd_store *s, const rasd_query *q, rasd_export_format format, rasd_error *err);
/* Appends the next rows (up to about 64 kB) to out; *done is set at the
 * end. An error ends the export. */
rasd_status rasd_export_next(rasd_export *x, rasd_buf *out, bool *done, rasd_error *err);
void rasd_export_close(rasd_export *x);

/* For the backends' exports: one CSV field (RFC 4180: quoted, its quotes
 * doubled, when it holds a comma, a quote or a line break; NULL is empty),
 * then ',' or, for the last of a row, CRLF; and the header row. */
void rasd_query_csv_field(rasd_buf *out, const char *s, bool last);
void rasd_query_csv_header(rasd_buf *out);

#endif
