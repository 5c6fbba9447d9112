/*
 * queries_sqlite_actors.c: the SQLite answers about actors (queries.h):
 * the page of actors, most named first, from the sums of schema step 7
 * (with a bound on the sums under a date or outlet filter, so that a page
 * does not sum every actor), and one actor with its names, counts per
 * day, events as source and target, quotes and labels. Separate from the other lists because the actors' page is
 * the one answer that needs several statements and a search for its bound.
 */
#include "storage/queries_sqlite_internal.h"

#include <stdio.h>
#include <stdlib.h>

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
    char *sql = qs_with_filters(tmpl, "@W", q, ACTOR_ROW_FILTERS, sizeof ACTOR_ROW_FILTERS / sizeof ACTOR_ROW_FILTERS[0]);
    sqlite3_stmt *st = NULL;
    bool got = false;
    if (sql && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        qs_bind_query(st, q);
        qs_bind_int(st, ":k", k);
        qs_bind_int(st, ":m", k * 4 < 100 ? 100 : k * 4);
        qs_bind_int(st, ":t", t);
        struct timespec deadline;
        qs_arm_deadline(db, &deadline);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
            *v = sqlite3_column_int64(st, 0);
            got = true;
        }
        qs_disarm_deadline(db);
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
    char *sql = qs_with_filters(ACTORS_BOUNDED_SQL, "@W", q, ACTOR_ROW_FILTERS,
                             sizeof ACTOR_ROW_FILTERS / sizeof ACTOR_ROW_FILTERS[0]);
    if (!sql) {
        *s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query");
        return true;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        *s = qs_db_fail(db, err, "preparing a query");
        free(sql);
        return true;
    }
    qs_bind_query(st, q);
    qs_bind_int(st, ":t", t);
    qs_bind_int(st, ":total", total);
    struct timespec deadline;
    qs_arm_deadline(db, &deadline);
    int rc = sqlite3_step(st);
    qs_disarm_deadline(db);
    if (rc == SQLITE_ROW) {
        rasd_buf_append(out, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        *s = out->oom ? rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query's answer") : RASD_OK;
    } else {
        *s = qs_db_fail(db, err, "running a query");
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
    return qs_one_json(db, sql, q, 0, NULL, NULL, "no actors", out, err);
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
    return qs_one_json(db, ACTOR_SQL, NULL, 0, id, kb_json, missing, out, err);
}
