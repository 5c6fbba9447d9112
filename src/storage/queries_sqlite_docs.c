/*
 * queries_sqlite_docs.c: the SQLite answers about stories and articles
 * (queries.h): the page of stories, one story with its outlets, actors,
 * labels, quotes, events, timeline and places, and one article with all
 * its rows. Each is one statement building one JSON answer
 * (queries_sqlite.c runs it). Separate from the lists of rows across the
 * store (queries_sqlite_lists.c): these read one story or one document.
 */
#include "storage/queries_sqlite_internal.h"

#include <stdio.h>

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
    return qs_one_json(db, STORIES_SQL, q, 0, NULL, NULL, "no stories", out, err);
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
    return qs_one_json(db, STORY_SQL, NULL, id, NULL, NULL, missing, out, err);
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
    return qs_one_json(db, ARTICLE_SQL, NULL, id, NULL, NULL, missing, out, err);
}
