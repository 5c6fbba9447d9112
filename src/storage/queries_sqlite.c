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
 * a request has (with_filters), never from its values. A nested aggregate is wrapped in json(...) where
 * it leaves a subquery, because SQLite forgets that a value is JSON when
 * it crosses a subquery and would otherwise quote it as a string.
 *
 * Offsets (start, end) are byte offsets into the document's text, as
 * everywhere in rasd; SPAN() cuts such a span out of the text as bytes.
 */
#include "storage/queries_sqlite.h"
#include "storage/export_events.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int past_deadline(void *ctx) {
    const struct timespec *deadline = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec || (now.tv_sec == deadline->tv_sec && now.tv_nsec > deadline->tv_nsec);
}

/* Arms the deadline on db (checked every few thousand VM steps). */
static void arm_deadline(sqlite3 *db, struct timespec *deadline) {
    clock_gettime(CLOCK_MONOTONIC, deadline);
    deadline->tv_sec += QUERY_SECONDS;
    sqlite3_progress_handler(db, 10000, past_deadline, deadline);
}

static void disarm_deadline(sqlite3 *db) { sqlite3_progress_handler(db, 0, NULL, NULL); }

static rasd_status db_fail(sqlite3 *db, rasd_error *err, const char *what) {
    if (sqlite3_errcode(db) == SQLITE_INTERRUPT)
        return rasd_fail(err, RASD_ERR_DB, "%s: stopped after %d s (the question is too broad; narrow it)", what,
                         QUERY_SECONDS);
    return rasd_fail(err, RASD_ERR_DB, "%s: %s: %s", sqlite3_db_filename(db, "main") ? sqlite3_db_filename(db, "main") : "store",
                     what, sqlite3_errmsg(db));
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *value) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (!i) return;
    if (value) sqlite3_bind_text(st, i, value, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static void bind_int(sqlite3_stmt *st, const char *name, int64_t value) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (i) sqlite3_bind_int64(st, i, value);
}

static void bind_query(sqlite3_stmt *st, const rasd_query *q) {
    bind_text(st, ":text", q->text);
    bind_text(st, ":since", q->since);
    bind_text(st, ":until", q->until);
    bind_text(st, ":outlet", q->outlet);
    bind_text(st, ":actor", q->actor);
    bind_text(st, ":target", q->target);
    bind_text(st, ":cameo", q->cameo);
    bind_text(st, ":speaker", q->speaker);
    bind_text(st, ":place", q->place);
    bind_text(st, ":type", q->type);
    bind_int(st, ":limit", (int64_t)(q->limit ? q->limit : RASD_QUERY_DEFAULT_LIMIT));
    bind_int(st, ":offset", (int64_t)q->offset);
}

/* Runs a statement whose one row is one JSON text and appends it to out;
 * a NULL (or no row) is RASD_ERR_NOT_FOUND with `missing` as message. */
static rasd_status one_json(sqlite3 *db, const char *sql, const rasd_query *q, int64_t id, const char *id_text,
                            const char *kb_json, const char *missing, rasd_buf *out, rasd_error *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return db_fail(db, err, "preparing a query");
    static const rasd_query NONE = {0};
    bind_query(st, q ? q : &NONE);
    bind_int(st, ":id", id);
    bind_text(st, ":id_text", id_text);
    bind_text(st, ":kb", kb_json);
    struct timespec deadline;
    arm_deadline(db, &deadline);
    int rc = sqlite3_step(st);
    disarm_deadline(db);
    rasd_status s = RASD_OK;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        rasd_buf_append(out, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        if (out->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query's answer");
    } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        s = rasd_fail(err, RASD_ERR_NOT_FOUND, "%s", missing);
    } else {
        s = db_fail(db, err, "running a query");
    }
    sqlite3_finalize(st);
    return s;
}

/* --------------------------------------------------------- filters as SQL */

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

/* tmpl with each `marker` replaced by "1" and " AND fragment" for each of
 * the n filters q has; NULL when out of memory (malloc'd otherwise). */
static char *with_filters(const char *tmpl, const char *marker, const rasd_query *q, const filter_sql *f,
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

/* one_json on a statement with_filters built. */
static rasd_status filtered_json(sqlite3 *db, char *sql, const rasd_query *q, const char *missing, rasd_buf *out,
                                 rasd_error *err) {
    if (!sql) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query");
    rasd_status s = one_json(db, sql, q, 0, NULL, NULL, missing, out, err);
    free(sql);
    return s;
}

/* ---------------------------------------------------------------- stories */

/* NOT MATERIALIZED: the page is the first stories of the index
 * stories_rank that pass the filters, not a sort of every story; an
 * actor's stories are found once (its entity rows' documents), not
 * searched for story by story. */
static const char STORIES_SQL[] =
    "WITH m AS NOT MATERIALIZED (SELECT s.id, s.title, s.first_seen, s.last_seen, s.n_articles FROM stories s "
    "  WHERE (:since IS NULL OR s.last_seen >= :since) AND (:until IS NULL OR s.first_seen <= :until) AND "
    "  (:outlet IS NULL OR EXISTS (SELECT 1 FROM documents d WHERE d.story = s.id AND d.source = :outlet)) AND "
    "  (:actor IS NULL OR s.id IN (SELECT d.story FROM entities e JOIN documents d ON d.id = e.doc "
    "                              WHERE e.entity = :actor))), "
    "page AS (SELECT * FROM m ORDER BY n_articles DESC, last_seen DESC, id DESC LIMIT :limit OFFSET :offset) " PAGE_JSON(
        "json_object('id', id, 'title', title, 'first_seen', first_seen, 'last_seen', last_seen, "
        "'articles', n_articles, 'outlets', json((SELECT json_group_array(nullif(o, '')) FROM (SELECT DISTINCT "
        "coalesce(source, '') AS o FROM documents WHERE story = page.id ORDER BY o))))");

rasd_status rasd_sqlite_query_stories(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    return one_json(db, STORIES_SQL, q, 0, NULL, NULL, "no stories", out, err);
}

/* ------------------------------------------------------------------ story */

static const char STORY_SQL[] =
    "SELECT json_object('id', s.id, 'title', s.title, 'first_seen', s.first_seen, 'last_seen', s.last_seen, "
    " 'articles', s.n_articles, "
    /* articles grouped by outlet */
    " 'outlets', json((SELECT json_group_array(json_object('outlet', nullif(o, ''), 'articles', json(a))) FROM ("
    "   SELECT coalesce(d.source, '') AS o, json_group_array(json_object('id', d.id, 'title', d.title, "
    "     'published', d.published, 'url', d.url, 'duplicate_of', d.duplicate_of, 'dup_kind', d.dup_kind, "
    "     'lead', substr(d.text, 1, 400))) AS a "
    "   FROM (SELECT * FROM documents WHERE story = s.id ORDER BY coalesce(source, ''), published, id) d "
    "   GROUP BY o ORDER BY o))), "
    /* who is named most */
    " 'actors', json((SELECT json_group_array(json_object('id', entity, 'name', name, 'type', type, "
    "   'mentions', n, 'articles', k)) FROM (SELECT e.entity, max(e.name) AS name, max(e.type) AS type, "
    "   sum(e.mention_count) AS n, count(*) AS k FROM entities e JOIN documents d ON d.id = e.doc "
    "   WHERE d.story = s.id GROUP BY e.entity ORDER BY n DESC, e.entity LIMIT 50))), "
    /* each actor's labels per outlet (framing) */
    " 'labels', json((SELECT json_group_array(json_object('actor', actor, 'name', (SELECT name FROM entities "
    "   WHERE entity = actor ORDER BY doc LIMIT 1), 'outlet', nullif(o, ''), 'label', label, 'count', n, 'terms', json(terms))) "
    "   FROM (SELECT actor, o, label, count(*) AS n, json_group_array(DISTINCT term) AS terms FROM ("
    "   SELECT f.actor, coalesce(d.source, '') AS o, f.label, f.term FROM framing f JOIN documents d "
    "   ON d.id = f.doc WHERE d.story = s.id AND f.actor IS NOT NULL ORDER BY 1, 2, 3, 4) "
    "   GROUP BY actor, o, label ORDER BY actor, o, n DESC, label))), "
    /* quotes grouped by speaker */
    " 'quotes', json((SELECT json_group_array(json_object('speaker', spk, 'name', (SELECT name FROM entities "
    "   WHERE entity = spk ORDER BY doc LIMIT 1), 'speaker_text', st, 'quotes', json(qs))) FROM (SELECT "
    "   max(q.speaker) AS spk, max(q.speaker_text) AS st, count(*) AS n, coalesce(q.speaker, q.speaker_text) AS k, "
    "   json_group_array(json_object('doc', q.doc, 'outlet', q.outlet, 'text', q.text, 'verb', q.verb, 'direct', "
    "   json(CASE WHEN q.direct THEN 'true' ELSE 'false' END), 'start', q.span_start, 'end', q.span_end)) AS qs "
    "   FROM (SELECT q.*, d.source AS outlet FROM quotes q JOIN documents d ON d.id = q.doc WHERE d.story = s.id "
    "   ORDER BY coalesce(q.speaker, q.speaker_text), q.doc, q.span_start, q.span_end) q "
    "   GROUP BY coalesce(q.speaker, q.speaker_text) ORDER BY n DESC, k))), "
    /* events, by date */
    " 'events', json((SELECT json_group_array(json_object('doc', doc, 'outlet', outlet, 'date', day, "
    "   'source', source, 'target', target, 'cameo', cameo, 'plover', plover, 'acled', acled, 'place', place, "
    "   'text', text, 'context', context, 'start', span_start, 'end', span_end)) FROM (SELECT e.*, "
    "   d.source AS outlet, coalesce(e.date, d.published) AS day, " SPAN("d", "e.span_start", "e.span_end")
    " AS text, " CONTEXT("d", "e.span_start", "e.span_end") " AS context "
    "   FROM events e JOIN documents d ON d.id = e.doc WHERE d.story = s.id ORDER BY day, e.doc, e.span_start, "
    "   e.span_end, e.source, e.target, e.cameo, e.plover, e.acled, e.place))), "
    /* the timeline: articles and events in date order */
    " 'timeline', json((SELECT json_group_array(json_object('date', date, 'kind', kind, 'doc', doc, "
    "   'outlet', outlet, 'text', text)) FROM (SELECT published AS date, 'article' AS kind, id AS doc, "
    "   source AS outlet, title AS text FROM documents WHERE story = s.id UNION ALL SELECT coalesce(e.date, "
    "   d.published), 'event', d.id, d.source, coalesce(e.cameo, '') || ' ' || coalesce(e.source, '?') || ' → ' "
    "   || coalesce(e.target, '?') FROM events e JOIN documents d ON d.id = e.doc WHERE d.story = s.id "
    "   ORDER BY 1, 3, 2, 5))), "
    /* places with coordinates */
    " 'places', json((SELECT json_group_array(json_object('id', place, 'name', name, 'country', country, "
    "   'lat', lat, 'lon', lon, 'mentions', n, 'articles', k)) FROM (SELECT p.place, max(p.name) AS name, "
    "   max(p.country) AS country, max(p.lat) AS lat, max(p.lon) AS lon, sum(p.mention_count) AS n, "
    "   count(*) AS k FROM places p JOIN documents d ON d.id = p.doc WHERE d.story = s.id "
    "   GROUP BY p.place ORDER BY n DESC, p.place)))) "
    "FROM stories s WHERE s.id = :id";

rasd_status rasd_sqlite_query_story(sqlite3 *db, int64_t id, rasd_buf *out, rasd_error *err) {
    char missing[64];
    snprintf(missing, sizeof missing, "no story %lld", (long long)id);
    return one_json(db, STORY_SQL, NULL, id, NULL, NULL, missing, out, err);
}

/* ---------------------------------------------------------------- article */

static const char ARTICLE_SQL[] =
    "SELECT json_object('id', d.id, 'hash', d.hash, 'title', d.title, 'source', d.source, 'author', d.author, "
    " 'published', d.published, 'url', d.url, 'origin', d.origin, 'story', d.story, "
    " 'duplicate_of', d.duplicate_of, 'dup_kind', d.dup_kind, 'similarity', d.similarity, 'text', d.text, "
    " 'sentences', CASE WHEN json_valid(d.analysis) THEN json_extract(d.analysis, '$.sentences') END, "
    " 'paragraphs', json((SELECT json_group_array(json_array(span_start, span_end)) FROM (SELECT * FROM "
    "   paragraphs WHERE doc = d.id ORDER BY idx))), "
    " 'entities', json((SELECT json_group_array(json_object('id', entity, 'name', name, 'type', type, "
    "   'country', country, 'mention_count', mention_count, 'mentions', json(mentions))) FROM (SELECT * FROM "
    "   entities WHERE doc = d.id ORDER BY mention_count DESC, entity))), "
    " 'places', json((SELECT json_group_array(json_object('id', place, 'name', name, 'country', country, "
    "   'lat', lat, 'lon', lon, 'mention_count', mention_count, 'mentions', json(mentions))) FROM (SELECT * FROM "
    "   places WHERE doc = d.id ORDER BY mention_count DESC, place))), "
    " 'quotes', json((SELECT json_group_array(json_object('speaker', speaker, 'speaker_text', speaker_text, "
    "   'verb', verb, 'direct', json(CASE WHEN direct THEN 'true' ELSE 'false' END), 'text', text, "
    "   'start', span_start, 'end', span_end)) FROM (SELECT * FROM quotes WHERE doc = d.id "
    "   ORDER BY span_start, span_end))), "
    " 'events', json((SELECT json_group_array(json_object('source', source, 'target', target, 'cameo', cameo, "
    "   'plover', plover, 'acled', acled, 'place', place, 'date', date, 'flags', flags, 'text', t, "
    "   'start', span_start, 'end', span_end)) FROM (SELECT e.*, " SPAN("d", "e.span_start", "e.span_end") " AS t "
    "   FROM events e WHERE e.doc = d.id ORDER BY e.span_start, e.span_end, e.source, e.target, e.cameo, e.plover, "
    "   e.acled, e.place, e.date))), "
    " 'framing', json((SELECT json_group_array(json_object('actor', actor, 'term', term, 'label', label, "
    "   'polarity', polarity, 'start', span_start, 'end', span_end)) FROM (SELECT * FROM framing "
    "   WHERE doc = d.id ORDER BY span_start, span_end, actor, term, label))), "
    " 'numbers', json((SELECT json_group_array(json_object('text', text, 'value', value, 'unit', unit, "
    "   'unit_code', unit_code, 'start', span_start, 'end', span_end)) FROM (SELECT * FROM numbers "
    "   WHERE doc = d.id ORDER BY span_start, span_end))), "
    " 'dates', json((SELECT json_group_array(json_object('text', text, 'value', value, 'granularity', "
    "   granularity, 'start', span_start, 'end', span_end)) FROM (SELECT * FROM dates WHERE doc = d.id "
    "   ORDER BY span_start, span_end)))) "
    "FROM documents d WHERE d.id = :id";

rasd_status rasd_sqlite_query_article(sqlite3 *db, int64_t id, rasd_buf *out, rasd_error *err) {
    char missing[64];
    snprintf(missing, sizeof missing, "no article %lld", (long long)id);
    return one_json(db, ARTICLE_SQL, NULL, id, NULL, NULL, missing, out, err);
}

/* ----------------------------------------------------------------- actors */

/* From the sums of schema step 7, never the entity rows: without filters
 * the page is read off actor_totals' rank index, with a type alone off
 * actor_type_totals', and under a date or outlet filter the days and
 * outlets asked for are summed from actor_days. A filter "(:x IS NULL OR
 * col = :x)" cannot use an index, so each case has its own statement,
 * with the filter it has as an index range: the outlet's rows
 * (actor_days_by_source), or the days' (actor_days_by_day: a missing
 * bound is the lowest or highest text, which every date lies between).
 * The one-table lists are NOT MATERIALIZED so that the count and the
 * page each read the index they need instead of a copy of the table. */
#define ACTORS_PAGE                                                                                           \
    "page AS (SELECT * FROM m ORDER BY mentions DESC, id LIMIT :limit OFFSET :offset) " PAGE_JSON(            \
        "json_object('id', id, 'name', name, 'type', type, 'country', country, 'mentions', mentions, "         \
        "'articles', articles)")
#define ACTORS_SUMMED(where)                                                                                  \
    "WITH m AS (SELECT a.entity AS id, max(a.name) AS name, max(a.type) AS type, max(a.country) AS country, "  \
    "  sum(a.mentions) AS mentions, sum(a.articles) AS articles FROM actor_days a "                           \
    "  WHERE (:type IS NULL OR a.type = :type) AND " DOC_FILTERS("a") " AND " where " GROUP BY a.entity), "    \
    ACTORS_PAGE
static const char ACTORS_ALL_SQL[] =
    "WITH m AS NOT MATERIALIZED (SELECT entity AS id, name, type, country, mentions, articles FROM actor_totals), "
    ACTORS_PAGE;
static const char ACTORS_TYPE_SQL[] =
    "WITH m AS NOT MATERIALIZED (SELECT entity AS id, name, type, country, mentions, articles "
    "  FROM actor_type_totals WHERE type = :type), " ACTORS_PAGE;
static const char ACTORS_OUTLET_SQL[] = ACTORS_SUMMED("a.source = :outlet");
static const char ACTORS_DAYS_SQL[] =
    ACTORS_SUMMED("a.published >= coalesce(:since, '') AND a.published <= coalesce(:until, char(1114111))");

/* Under a date or outlet filter, summing every actor's rows of the
 * range and sorting them all for a page of twenty cost 50 to 115 ms on
 * the full SaudiNewsNet store. An actor's sum over any part of its rows
 * is at most its total (actor_totals; actor_type_totals under a type
 * filter), so the page is found without the others: the sums of the
 * first actors by total give a K-th best sum T (K = offset + limit),
 * which the K-th best of all actors is at least; an actor whose total is
 * under T cannot reach the page. The page is then ranked among the
 * actors whose total is T or more, each summed from its own rows of the
 * index actor_days_sums (step 10), and the total is counted apart: under
 * dates alone from the actors' day list (step 11), under an outlet alone
 * from the outlet's actors (step 12), else the actors of the
 * rows, grouped as the index gives them in actor order for a wide range
 * (no sort), or through the index of the filter for a narrow one. When the bound prunes little (a narrow range whose T is
 * low) or fewer than K actors are summed, the list is summed whole, as
 * before (ACTORS_SUMMED). */
static const filter_sql ACTOR_ROW_FILTERS[] = {
    FILTER(outlet, "a.source = :outlet"), FILTER(since, "a.published >= :since"),
    FILTER(until, "a.published <= :until"), FILTER(type, "a.type = :type")};
#define ACTOR_BOUNDS "(SELECT entity, mentions FROM actor_totals WHERE :type IS NULL UNION ALL SELECT entity, " \
    "mentions FROM actor_type_totals WHERE type = :type)"
/* the K-th best sum of the first :m actors by total (no row: fewer than K) */
static const char ACTORS_BOUND_SQL[] =
    "SELECT n FROM (SELECT (SELECT sum(a.mentions) FROM actor_days a INDEXED BY actor_days_sums "
    "  WHERE a.entity = t.entity AND @W) AS n FROM (SELECT entity, mentions FROM actor_totals WHERE :type IS NULL "
    "  ORDER BY mentions DESC, entity LIMIT :m) t UNION ALL SELECT (SELECT sum(a.mentions) FROM actor_days a "
    "  INDEXED BY actor_days_sums WHERE a.entity = t.entity AND @W) FROM (SELECT entity, mentions "
    "  FROM actor_type_totals WHERE type = :type ORDER BY mentions DESC, entity LIMIT :m) t) "
    "WHERE n IS NOT NULL ORDER BY n DESC LIMIT 1 OFFSET :k - 1";
static const char ACTORS_CANDIDATES_SQL[] = "SELECT count(*) FROM " ACTOR_BOUNDS " WHERE mentions >= :t";
static const char ACTORS_ROWS_SQL[] = "SELECT count(*) FROM actor_days a WHERE @W";
static const char ACTORS_ALL_ROWS_SQL[] = "SELECT count(*) FROM actor_days";
static const char ACTORS_COUNT_SCAN_SQL[] =
    "SELECT count(*) FROM (SELECT 1 FROM actor_days a INDEXED BY actor_days_sums WHERE @W GROUP BY a.entity)";
static const char ACTORS_COUNT_SQL[] = "SELECT count(DISTINCT a.entity) FROM actor_days a WHERE @W";
/* dates alone: each actor counted on its first day in the range, the one
 * whose day before is outside it (schema step 11) */
/* an outlet alone (and a type): its actors (schema step 12), each
 * actor once (the key holds it once per type) */
static const char ACTORS_COUNT_OUTLET_SQL[] =
    "SELECT count(*) FROM (SELECT DISTINCT entity FROM actor_outlets WHERE source = :outlet AND "
    "(:type IS NULL OR type = :type))";
static const char ACTORS_COUNT_DAYS_SQL[] =
    "SELECT count(*) FROM actor_day_list WHERE published >= coalesce(:since, '') AND "
    "published <= coalesce(:until, char(1114111)) AND (prev IS NULL OR prev < coalesce(:since, ''))";
static const char ACTORS_BOUNDED_SQL[] =
    "WITH m AS (SELECT a.entity AS id, max(a.name) AS name, max(a.type) AS type, max(a.country) AS country, "
    "  sum(a.mentions) AS mentions, sum(a.articles) AS articles FROM actor_days a INDEXED BY actor_days_sums "
    "  WHERE a.entity IN (SELECT entity FROM " ACTOR_BOUNDS " WHERE mentions >= :t) AND @W GROUP BY a.entity), "
    "page AS (SELECT * FROM m ORDER BY mentions DESC, id LIMIT :limit OFFSET :offset) "
    "SELECT json_object('total', :total, 'limit', :limit, 'offset', :offset, "
    "'items', json((SELECT json_group_array(json_object('id', id, 'name', name, 'type', type, 'country', country, "
    "'mentions', mentions, 'articles', articles)) FROM page)))";

/* The one integer a statement (with the actor row filters of q at @W and
 * :k, :m, :t bound) answers; false when it has no row or fails. */
static bool actors_int(sqlite3 *db, const char *tmpl, const rasd_query *q, int64_t k, int64_t t, int64_t *v) {
    char *sql = with_filters(tmpl, "@W", q, ACTOR_ROW_FILTERS, sizeof ACTOR_ROW_FILTERS / sizeof ACTOR_ROW_FILTERS[0]);
    sqlite3_stmt *st = NULL;
    bool got = false;
    if (sql && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        bind_query(st, q);
        bind_int(st, ":k", k);
        bind_int(st, ":m", k * 4 < 100 ? 100 : k * 4);
        bind_int(st, ":t", t);
        struct timespec deadline;
        arm_deadline(db, &deadline);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
            *v = sqlite3_column_int64(st, 0);
            got = true;
        }
        disarm_deadline(db);
    }
    sqlite3_finalize(st);
    free(sql);
    return got;
}

/* The page and total under a date or outlet filter, from the bound
 * above; false when the whole sum is the better (or only) way. */
static bool actors_bounded(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_status *s, rasd_error *err) {
    int64_t k = (int64_t)(q->offset + (q->limit ? q->limit : RASD_QUERY_DEFAULT_LIMIT)), t, cands, rows, all,
            total;
    if (!actors_int(db, ACTORS_BOUND_SQL, q, k, 0, &t) || !actors_int(db, ACTORS_CANDIDATES_SQL, q, k, t, &cands) ||
        !actors_int(db, ACTORS_ROWS_SQL, q, k, t, &rows))
        return false;
    /* an actor summed alone costs an index seek, about what sorting four
     * rows of the range costs */
    if (cands * 4 > rows) return false;
    /* under dates alone, from the actors' day list; under an outlet alone,
     * from its actors; else grouping in the
     * index's actor order, which reads every row of actor_days but sorts
     * none: the cheaper way once a third of the rows are in range (a sort
     * costs about three rows read) */
    if (!q->outlet && !q->type) {
        if (!actors_int(db, ACTORS_COUNT_DAYS_SQL, q, k, t, &total)) return false;
    } else if (q->outlet && !q->since && !q->until) {
        if (!actors_int(db, ACTORS_COUNT_OUTLET_SQL, q, k, t, &total)) return false;
    } else if (!actors_int(db, ACTORS_ALL_ROWS_SQL, q, k, t, &all) ||
               !actors_int(db, rows * 3 > all ? ACTORS_COUNT_SCAN_SQL : ACTORS_COUNT_SQL, q, k, t, &total)) {
        return false;
    }
    char *sql = with_filters(ACTORS_BOUNDED_SQL, "@W", q, ACTOR_ROW_FILTERS,
                             sizeof ACTOR_ROW_FILTERS / sizeof ACTOR_ROW_FILTERS[0]);
    if (!sql) {
        *s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query");
        return true;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        *s = db_fail(db, err, "preparing a query");
        free(sql);
        return true;
    }
    bind_query(st, q);
    bind_int(st, ":t", t);
    bind_int(st, ":total", total);
    struct timespec deadline;
    arm_deadline(db, &deadline);
    int rc = sqlite3_step(st);
    disarm_deadline(db);
    if (rc == SQLITE_ROW) {
        rasd_buf_append(out, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        *s = out->oom ? rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query's answer") : RASD_OK;
    } else {
        *s = db_fail(db, err, "running a query");
    }
    sqlite3_finalize(st);
    free(sql);
    return true;
}

rasd_status rasd_sqlite_query_actors(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    rasd_status s;
    if ((q->outlet || q->since || q->until) && actors_bounded(db, q, out, &s, err)) return s;
    const char *sql = q->outlet              ? ACTORS_OUTLET_SQL
                      : q->since || q->until ? ACTORS_DAYS_SQL
                      : q->type              ? ACTORS_TYPE_SQL
                                             : ACTORS_ALL_SQL;
    return one_json(db, sql, q, 0, NULL, NULL, "no actors", out, err);
}

/* An actor's totals and days come from its sums in actor_days (schema
 * step 7), its events' day and outlet from their rows (step 8), and an
 * event's text and context, which read the document's text, are cut for
 * the 100 events of a list only: in the sorted subquery they were cut
 * for every event of the actor before the sort kept 100. */
#define ACTOR_EVENTS(who, other)                                                                              \
    "json((SELECT json_group_array(json_object('doc', doc, 'outlet', outlet, 'date', day, "                    \
    "  '" other "', " other ", 'cameo', cameo, 'plover', plover, 'text', t, 'context', c, 'start', span_start, " \
    "  'end', span_end)) FROM (SELECT x.*, " SPAN("d", "x.span_start", "x.span_end") " AS t, "                 \
    CONTEXT("d", "x.span_start", "x.span_end") " AS c FROM (SELECT e.doc, e." other ", e.cameo, e.plover, "     \
    "  e.span_start, e.span_end, e.doc_source AS outlet, e.doc_day AS day FROM events e "                     \
    "  WHERE e." who " = :id_text ORDER BY day DESC, e.doc DESC, e.span_start, e.span_end, e." other ", "      \
    "  e.cameo, e.plover LIMIT 100) x JOIN documents d ON d.id = x.doc "                                      \
    "  ORDER BY x.day DESC, x.doc DESC, x.span_start, x.span_end, x." other ", x.cameo, x.plover)))"
static const char ACTOR_SQL[] =
    "SELECT CASE WHEN :kb IS NULL AND NOT EXISTS (SELECT 1 FROM entities WHERE entity = :id_text) THEN NULL "
    "ELSE json_object("
    " 'id', :id_text, 'kb', json(:kb), "
    " 'name', (SELECT name FROM entities WHERE entity = :id_text ORDER BY doc LIMIT 1), "
    " 'type', (SELECT type FROM entities WHERE entity = :id_text ORDER BY doc LIMIT 1), "
    " 'mentions', (SELECT coalesce(sum(mentions), 0) FROM actor_days WHERE entity = :id_text), "
    " 'articles', (SELECT coalesce(sum(articles), 0) FROM actor_days WHERE entity = :id_text), "
    /* how the articles write its name: the text of its first mentions */
    " 'names_seen', json((SELECT json_group_array(json_object('text', t, 'count', n)) FROM (SELECT "
    "   " SPAN("d", "json_extract(j.value, '$[0]')", "json_extract(j.value, '$[1]')") " AS t, count(*) AS n "
    "   FROM (SELECT * FROM entities WHERE entity = :id_text ORDER BY doc DESC LIMIT 300) mm "
    "   JOIN documents d ON d.id = mm.doc, json_each(mm.mentions) j GROUP BY t ORDER BY n DESC, t LIMIT 20))), "
    " 'per_day', json((SELECT json_group_array(json_object('date', published, 'mentions', n, 'articles', k)) "
    "   FROM (SELECT published, sum(mentions) AS n, sum(articles) AS k FROM actor_days "
    "   WHERE entity = :id_text AND published IS NOT NULL GROUP BY published ORDER BY published))), "
    " 'as_source', " ACTOR_EVENTS("source", "target") ", "
    " 'as_target', " ACTOR_EVENTS("target", "source") ", "
    " 'labels', json((SELECT json_group_array(json_object('outlet', nullif(o, ''), 'label', label, 'count', n, "
    "   'terms', json(terms))) FROM (SELECT o, label, count(*) AS n, json_group_array(DISTINCT term) AS terms "
    "   FROM (SELECT coalesce(f.doc_source, '') AS o, f.label, f.term FROM framing f "
    "   WHERE f.actor = :id_text ORDER BY 1, 2, 3) GROUP BY o, label ORDER BY o, n DESC, label))), "
    " 'quotes', (SELECT count(*) FROM quotes WHERE speaker = :id_text)) END";

rasd_status rasd_sqlite_query_actor(sqlite3 *db, const char *id, const char *kb_json, rasd_buf *out,
                                    rasd_error *err) {
    char missing[300];
    snprintf(missing, sizeof missing, "no actor \"%.200s\" in the knowledge base or the store", id);
    return one_json(db, ACTOR_SQL, NULL, 0, id, kb_json, missing, out, err);
}

/* ----------------------------------------------------------------- events */

/* The matches are events rows alone, with their document's day and
 * outlet from the row itself (schema step 8), NOT MATERIALIZED, with the
 * filters the request has (with_filters): the count reads the index of a
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
    char *count = with_filters(EVENTS_SQL, "@F", q, EVENT_COUNT, sizeof EVENT_COUNT / sizeof EVENT_COUNT[0]);
    char *sql = count ? with_filters(count, "@P", q, EVENT_PAGE, sizeof EVENT_PAGE / sizeof EVENT_PAGE[0]) : NULL;
    free(count);
    return filtered_json(db, sql, q, "no events", out, err);
}

/* --------------------------------------------------------------- timeline */

/* Counts per day for a chart: events on their own date (else the
 * article's), articles (and the actor's mentions) on the publication date.
 * Days without any are left out; the chart's axis spaces days by time.
 * One statement for each case, with the filters given (with_filters), so
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
    char *ev = with_filters(q->actor ? TIMELINE_ACTOR_SQL : TIMELINE_SQL, "@E", q, TIMELINE_EVENTS,
                            sizeof TIMELINE_EVENTS / sizeof TIMELINE_EVENTS[0]);
    char *sql = !ev       ? NULL
                : q->actor ? with_filters(ev, "@A", q, TIMELINE_DAYS, sizeof TIMELINE_DAYS / sizeof TIMELINE_DAYS[0])
                           : with_filters(ev, "@D", q, TIMELINE_DOCS, sizeof TIMELINE_DOCS / sizeof TIMELINE_DOCS[0]);
    free(ev);
    return filtered_json(db, sql, q, "no timeline", out, err);
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
    return one_json(db, EVENT_PLACES_SQL, q, 0, NULL, NULL, "no places", out, err);
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
    return filtered_json(db, with_filters(QUOTES_SQL, "@F", q, QUOTE_FILTERS, sizeof QUOTE_FILTERS / sizeof QUOTE_FILTERS[0]),
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
    return one_json(db, OUTLETS_SQL, q, 0, NULL, NULL, "no outlets", out, err);
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
        return db_fail(db, err, "preparing the facets");
    }
    bind_query(st, q);
    bind_text(st, ":match", match);
    bind_int(st, ":scan", RASD_FACET_SCAN);
    rasd_status s = RASD_OK;
    struct timespec deadline;
    arm_deadline(db, &deadline);
    int rc = sqlite3_step(st);
    disarm_deadline(db);
    if (rc == SQLITE_ROW) {
        *total = sqlite3_column_int64(st, 0);
        rasd_buf_append(facets, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
        if (facets->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building facets");
    } else if (rc == SQLITE_INTERRUPT) {
        s = db_fail(db, err, "search");
    } else {
        /* the statement is constant: an error is the query text's (FTS5 syntax) */
        s = rasd_fail(err, sqlite3_extended_errcode(db) == SQLITE_ERROR ? RASD_ERR_USAGE : RASD_ERR_DB,
                      "search \"%.200s\": %s", q->text, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    free(match);
    return s;
}

/* A serving connection reads the file through a memory map (up to 4 GB
 * of it): a page it needs is then the operating system's cached page
 * itself, not a copy read() makes into the connection's own cache, which
 * was a tenth of a search's time (snippets read whole documents). */
rasd_status rasd_sqlite_reader_setup(sqlite3 *db, bool read_only, rasd_error *err) {
    const char *sql = read_only ? "PRAGMA cache_size = -16384; PRAGMA mmap_size = 4294967296; PRAGMA query_only = 1"
                                : "PRAGMA cache_size = -16384; PRAGMA mmap_size = 4294967296";
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_fail(db, err, "setting up a reader");
    return RASD_OK;
}

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
        db_fail(db, err, "preparing the export");
        free(x);
        return NULL;
    }
    rasd_query page = *q;
    bind_query(x->st, &page);
    bind_int(x->st, ":limit", q->limit ? (int64_t)q->limit : -1); /* -1: no limit */
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
        if (rc != SQLITE_ROW) return db_fail(x->db, err, "exporting");
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
