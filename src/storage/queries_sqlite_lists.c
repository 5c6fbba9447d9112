/*
 * queries_sqlite_lists.c: the SQLite answers that list rows across the
 * store (queries.h): events, the timeline of counts per day, events per
 * place, quotes, outlets with their labels, and a search's total and
 * facets. Each is one statement (built with the request's filters where
 * a count reads many rows) returning one JSON answer.
 */
#include "storage/queries_sqlite_internal.h"

#include <stdlib.h>

/* ----------------------------------------------------------------- events */

/* The matches are events rows alone, with their document's day and
 * outlet from the row itself (schema step 8), NOT MATERIALIZED, with the
 * filters the request has (qs_with_filters): the count reads the index of a
 * filter (events_by_outlet, events_by_cameo of step 10, events_by_day
 * for days, events_by_source, _target, _place), and the page is the first
 * rows of events_by_day or events_by_outlet in their order. The page's
 * CAMEO test is the prefix alone (mp): as an index range it would have
 * the planner sort every event of a one-digit prefix rather than read
 * the newest until it has a page. The documents are read for the page's
 * rows only (title, text). */
#define EVENT_FILTERS                                                                                         \
    "(:cameo IS NULL OR substr(e.cameo, 1, length(:cameo)) = :cameo) AND "                                    \
    "(:outlet IS NULL OR e.doc_source = :outlet) AND (:since IS NULL OR e.doc_day >= :since) AND "             \
    "(:until IS NULL OR e.doc_day <= :until)"
#define EVENT_ROWS                                                                                            \
    "SELECT e.doc, e.source, e.target, e.cameo, e.plover, e.acled, e.place, e.span_start, e.span_end, "        \
    "e.doc_source AS outlet, e.doc_day AS day FROM events e WHERE "
static const char EVENTS_SQL[] =
    "WITH m AS NOT MATERIALIZED (" EVENT_ROWS "@F), mp AS NOT MATERIALIZED (" EVENT_ROWS "@P), "
    "page AS (SELECT m.*, d.title, " SPAN("d", "m.span_start", "m.span_end") " AS t, "
    CONTEXT("d", "m.span_start", "m.span_end") " AS c FROM (SELECT * FROM mp "
    "  ORDER BY day DESC, doc DESC, span_start, span_end, source, target, cameo, plover, acled, place "
    "  LIMIT :limit OFFSET :offset) m JOIN documents d ON d.id = m.doc) "
    PAGE_JSON("json_object('doc', doc, 'outlet', outlet, 'title', title, 'date', day, 'source', source, "
              "'target', target, 'cameo', cameo, 'plover', plover, 'acled', acled, 'place', place, "
              "'text', t, 'context', c, 'start', span_start, 'end', span_end)");
#define EVENT_ROW_FILTERS(prefix)                                                                             \
    FILTER(actor, "e.source = :actor"), FILTER(target, "e.target = :target"), FILTER(place, "e.place = :place"), \
        FILTER(cameo, prefix), FILTER(outlet, "e.doc_source = :outlet"), FILTER(since, "e.doc_day >= :since"),  \
        FILTER(until, "e.doc_day <= :until")
static const filter_sql EVENT_COUNT[] = {EVENT_ROW_FILTERS(CAMEO_RANGE("e.cameo"))};
static const filter_sql EVENT_PAGE[] = {EVENT_ROW_FILTERS("substr(e.cameo, 1, length(:cameo)) = :cameo")};

rasd_status rasd_sqlite_query_events(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    char *count = qs_with_filters(EVENTS_SQL, "@F", q, EVENT_COUNT, sizeof EVENT_COUNT / sizeof EVENT_COUNT[0]);
    char *sql = count ? qs_with_filters(count, "@P", q, EVENT_PAGE, sizeof EVENT_PAGE / sizeof EVENT_PAGE[0]) : NULL;
    free(count);
    return qs_filtered_json(db, sql, q, "no events", out, err);
}

/* --------------------------------------------------------------- timeline */

/* Counts per day for a chart: events on their own date (else the
 * article's), articles (and the actor's mentions) on the publication date.
 * Days without any are left out; the chart's axis spaces days by time.
 * One statement for each case, with the filters given (qs_with_filters), so
 * that each count reads one index in day order and groups as it goes:
 * without an actor, events from events_by_day, events_by_outlet or
 * events_by_cameo (step 10), articles from documents_by_published or
 * documents_by_source; with one, its rows in the events_by_source and
 * events_by_target indexes and its days in actor_days (schema step 7). */
#define TIMELINE_JSON                                                                                         \
    "SELECT json_object("                                                                                     \
    " 'events', json((SELECT json_group_array(json_object('date', day, 'count', n)) FROM (SELECT day, "         \
    "   count(*) AS n FROM ev WHERE day IS NOT NULL GROUP BY day ORDER BY day))), "                           \
    " 'articles', json((SELECT json_group_array(json_object('date', published, 'count', k, 'mentions', n)) "   \
    "   FROM (SELECT * FROM art ORDER BY published))))"
static const char TIMELINE_SQL[] =
    "WITH ev AS NOT MATERIALIZED (SELECT e.doc_day AS day FROM events e WHERE @E), "
    "art AS (SELECT d.published, count(*) AS k, NULL AS n FROM documents d "
    "  WHERE d.published IS NOT NULL AND @D GROUP BY d.published) " TIMELINE_JSON;
static const char TIMELINE_ACTOR_SQL[] =
    "WITH ev AS (SELECT e.doc_day AS day FROM events e WHERE (e.source = :actor OR e.target = :actor) AND @E), "
    "art AS (SELECT a.published, sum(a.articles) AS k, sum(a.mentions) AS n FROM actor_days a "
    "  WHERE a.entity = :actor AND a.published IS NOT NULL AND @A GROUP BY a.published) " TIMELINE_JSON;
static const filter_sql TIMELINE_EVENTS[] = {
    FILTER(cameo, CAMEO_RANGE("e.cameo")), FILTER(outlet, "e.doc_source = :outlet"),
    FILTER(since, "e.doc_day >= :since"), FILTER(until, "e.doc_day <= :until")};
static const filter_sql TIMELINE_DOCS[] = {
    FILTER(since, "d.published >= :since"), FILTER(until, "d.published <= :until"),
    FILTER(outlet, "d.source = :outlet")};
static const filter_sql TIMELINE_DAYS[] = {
    FILTER(since, "a.published >= :since"), FILTER(until, "a.published <= :until"),
    FILTER(outlet, "a.source = :outlet")};

rasd_status rasd_sqlite_query_timeline(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    char *ev = qs_with_filters(q->actor ? TIMELINE_ACTOR_SQL : TIMELINE_SQL, "@E", q, TIMELINE_EVENTS,
                            sizeof TIMELINE_EVENTS / sizeof TIMELINE_EVENTS[0]);
    char *sql = !ev       ? NULL
                : q->actor ? qs_with_filters(ev, "@A", q, TIMELINE_DAYS, sizeof TIMELINE_DAYS / sizeof TIMELINE_DAYS[0])
                           : qs_with_filters(ev, "@D", q, TIMELINE_DOCS, sizeof TIMELINE_DOCS / sizeof TIMELINE_DOCS[0]);
    free(ev);
    return qs_filtered_json(db, sql, q, "no timeline", out, err);
}

/* Events per place, for the corpus-wide map: the events list's filters
 * (actor as source or target), most events first; without an actor,
 * counted in place order from the index events_by_place. */
static const char EVENT_PLACES_SQL[] =
    "WITH ev AS (SELECT e.place FROM events e WHERE :actor IS NULL AND e.place IS NOT NULL AND " EVENT_FILTERS " "
    "  UNION ALL SELECT e.place FROM events e WHERE :actor IS NOT NULL AND "
    "  (e.source = :actor OR e.target = :actor) AND e.place IS NOT NULL AND " EVENT_FILTERS "), "
    "m AS (SELECT place, count(*) AS n FROM ev GROUP BY place), "
    "page AS (SELECT * FROM m ORDER BY n DESC, place LIMIT :limit OFFSET :offset) "
    PAGE_JSON("json_object('place', place, 'count', n)");

rasd_status rasd_sqlite_query_event_places(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    return qs_one_json(db, EVENT_PLACES_SQL, q, 0, NULL, NULL, "no places", out, err);
}

/* ----------------------------------------------------------------- quotes */

/* As for events: the rows alone, with the filters given (the count
 * reads quotes_by_speaker, quotes_by_outlet of step 10 or a range of
 * quotes_by_day), in the order of the index quotes_by_day or
 * quotes_by_outlet; the documents' title is read for the page's rows
 * only. */
static const char QUOTES_SQL[] =
    "WITH m AS NOT MATERIALIZED (SELECT q.doc, q.speaker, q.speaker_text, q.verb, q.direct, q.span_start, "
    "  q.span_end, q.text, q.doc_source AS outlet, q.doc_published AS published FROM quotes q WHERE @F), "
    "page AS (SELECT p.*, d.title FROM (SELECT * FROM m ORDER BY published DESC, doc DESC, span_start, span_end, "
    "  speaker, text LIMIT :limit OFFSET :offset) p JOIN documents d ON d.id = p.doc "
    "  ORDER BY p.published DESC, p.doc DESC, p.span_start, p.span_end, p.speaker, p.text) "
    PAGE_JSON("json_object('doc', doc, 'outlet', outlet, 'title', title, 'published', published, "
              "'speaker', speaker, 'speaker_text', speaker_text, 'verb', verb, "
              "'direct', json(CASE WHEN direct THEN 'true' ELSE 'false' END), 'text', text, "
              "'start', span_start, 'end', span_end)");
static const filter_sql QUOTE_FILTERS[] = {
    FILTER(speaker, "q.speaker = :speaker"), FILTER(since, "q.doc_published >= :since"),
    FILTER(until, "q.doc_published <= :until"), FILTER(outlet, "q.doc_source = :outlet")};

rasd_status rasd_sqlite_query_quotes(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    return qs_filtered_json(db, qs_with_filters(QUOTES_SQL, "@F", q, QUOTE_FILTERS, sizeof QUOTE_FILTERS / sizeof QUOTE_FILTERS[0]),
                         q, "no quotes", out, err);
}

/* ---------------------------------------------------------------- outlets */

/* An outlet's labels come from the index framing_by_outlet in their
 * order, with the document's outlet and date on each row (schema step 8).
 * The articles are counted per source as the index documents_by_source
 * gives them (no sort), then the unknown outlet's two forms (NULL and '')
 * merged: grouped by coalesce(source, '') at once, every document went
 * through a sort. */
static const char OUTLETS_SQL[] =
    "WITH m AS (SELECT coalesce(source, '') AS outlet, sum(articles) AS articles, min(first) AS first, "
    "  max(last) AS last FROM (SELECT d.source, count(*) AS articles, min(d.published) AS first, "
    "  max(d.published) AS last FROM documents d WHERE " DOC_FILTERS("d") " GROUP BY d.source) GROUP BY 1), "
    "page AS (SELECT * FROM m ORDER BY articles DESC, outlet LIMIT :limit OFFSET :offset) " PAGE_JSON(
        "json_object('outlet', nullif(outlet, ''), 'articles', articles, 'first', first, 'last', last, "
        "'labels', json((SELECT json_group_array(json_object('actor', actor, 'name', (SELECT name FROM "
        "entities WHERE entity = actor ORDER BY doc LIMIT 1), 'label', label, 'count', n, 'terms', json(terms))) "
        "FROM (SELECT actor, label, count(*) AS n, json_group_array(DISTINCT term) AS terms FROM (SELECT "
        "f.actor, f.label, f.term FROM framing f WHERE coalesce(f.doc_source, '') = page.outlet AND "
        "f.actor IS NOT NULL AND (:since IS NULL OR f.doc_published >= :since) AND "
        "(:until IS NULL OR f.doc_published <= :until) ORDER BY 1, 2, 3) GROUP BY actor, label "
        "ORDER BY n DESC, actor, label LIMIT 100))))");

rasd_status rasd_sqlite_query_outlets(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    return qs_one_json(db, OUTLETS_SQL, q, 0, NULL, NULL, "no outlets", out, err);
}

/* ----------------------------------------------------------------- search */

/* The matches of a search under its filters, as the store's search finds
 * them (the same MATCH expression and filters), without ranking or
 * snippets: counting is cheap in FTS5, ranking and snippets are not. */
#define MATCHES                                                                                               \
    "SELECT f.rowid AS id FROM documents_fts f WHERE documents_fts MATCH :match AND "                          \
    "((:outlet IS NULL AND :since IS NULL AND :until IS NULL AND :actor IS NULL AND :place IS NULL) OR "       \
    " EXISTS (SELECT 1 FROM documents d INDEXED BY documents_meta WHERE d.id = f.rowid AND " DOC_FILTERS("d")    \
    " AND "                                                                                                   \
    " (:actor IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.entity = :actor AND e.doc = d.id)) AND "    \
    " (:place IS NULL OR EXISTS (SELECT 1 FROM places p WHERE p.place = :place AND p.doc = d.id))))"
/* (without filters, the matches come from the index alone, which is what
 * makes counting a common word cheap; with them, each match's date and
 * outlet come from the covering index documents_meta, not its row) */

/* Facets: outlets, actors, places and days, each with its count, most
 * frequent first, over the first matches by id. */
static const char FACETS_SQL[] =
    "WITH ids AS (" MATCHES " ORDER BY f.rowid LIMIT :scan) SELECT (SELECT count(*) FROM (" MATCHES ")), json_object("
    " 'outlets', json((SELECT json_group_array(json_object('value', o, 'count', n)) FROM (SELECT "
    "   coalesce(source, '') AS o, count(*) AS n FROM documents INDEXED BY documents_meta WHERE id IN ids AND coalesce(source, '') <> '' GROUP BY o ORDER BY n DESC, o))), "
    " 'actors', json((SELECT json_group_array(json_object('value', entity, 'name', name, 'count', n)) FROM ("
    "   SELECT entity, max(name) AS name, count(*) AS n FROM entities WHERE doc IN ids GROUP BY entity "
    "   ORDER BY n DESC, entity LIMIT 20))), "
    " 'places', json((SELECT json_group_array(json_object('value', place, 'name', name, 'count', n)) FROM ("
    "   SELECT place, max(name) AS name, count(*) AS n FROM places WHERE doc IN ids GROUP BY place "
    "   ORDER BY n DESC, place LIMIT 20))), "
    " 'dates', json((SELECT json_group_array(json_object('value', p, 'count', n)) FROM (SELECT "
    "   published AS p, count(*) AS n FROM documents INDEXED BY documents_meta WHERE id IN ids AND published IS NOT NULL "
    "   GROUP BY p ORDER BY p))))";

rasd_status rasd_sqlite_search_facets(sqlite3 *db, const rasd_query *q, int64_t *total, rasd_buf *facets,
                                      rasd_error *err) {
    char *match = rasd_sqlite_fts_query(q->text);
    if (!match) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory searching");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, FACETS_SQL, -1, &st, NULL) != SQLITE_OK) {
        free(match);
        return qs_db_fail(db, err, "preparing the facets");
    }
    qs_bind_query(st, q);
    qs_bind_text(st, ":match", match);
    qs_bind_int(st, ":scan", RASD_FACET_SCAN);
    rasd_status s = RASD_OK;
    struct timespec deadline;
    qs_arm_deadline(db, &deadline);
    int rc = sqlite3_step(st);
    qs_disarm_deadline(db);
    if (rc == SQLITE_ROW) {
        *total = sqlite3_column_int64(st, 0);
        rasd_buf_append(facets, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
        if (facets->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building facets");
    } else if (rc == SQLITE_INTERRUPT) {
        s = qs_db_fail(db, err, "search");
    } else {
        /* the statement is constant: an error is the query text's (FTS5 syntax) */
        s = rasd_fail(err, sqlite3_extended_errcode(db) == SQLITE_ERROR ? RASD_ERR_USAGE : RASD_ERR_DB,
                      "search \"%.200s\": %s", q->text, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    free(match);
    return s;
}
