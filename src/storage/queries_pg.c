/*
 * queries_pg.c: the questions of queries.h answered by PostgreSQL, with
 * the very JSON text queries_sqlite.c gives for the same rows.
 *
 * Each question is one statement that builds its whole answer with
 * json_build_object (which keeps key order, unlike jsonb) and json_agg,
 * statement for statement the SQLite SQL, so a change to one is easy to
 * carry to the other. What it takes to make the two texts byte-identical:
 *
 * - json_agg of no rows is NULL: coalesced to '[]', as json_group_array.
 * - PostgreSQL writes `"a" : 1, ` and a newline between aggregated items;
 *   SQLite no whitespace at all: the answer goes through json_compact.
 * - SQLite writes a REAL with printf's "%!.15g" (1500000.0, 0.3, 1.0e-07);
 *   PostgreSQL a float8 with the shortest exact digits (1500000,
 *   0.30000000000000004, 1e-07). FLT() spells SQLite's form in SQL.
 * - Text sorts by its bytes in SQLite: every ORDER BY and max() on text
 *   says COLLATE "C" (the database's own collation may be a language's).
 * - SQLite sorts NULL first in ascending order, PostgreSQL last: NULLS
 *   FIRST / NULLS LAST where a sorted column may be NULL.
 * - Every order is complete (ties broken down to the last shown column)
 *   on both backends, and json_agg says its order (ORDER BY inside the
 *   aggregate), since neither database promises the order of rows it
 *   reads otherwise.
 *
 * Every value a caller gives is a parameter of PQexecParams ($1...), never
 * SQL text; the parameters are the same for every statement (a statement
 * reads the ones it needs). Each question runs in a read-only transaction
 * of its own under a statement timeout: the same 10 s as SQLite's deadline.
 */
#include "storage/queries_pg.h"
#include "storage/export_events.h"

#include "storage/pg_fts.h"
#include "storage/pg_store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_SECONDS 10

/* The parameters of every statement, in this order. */
enum { P_TEXT, P_SINCE, P_UNTIL, P_OUTLET, P_ACTOR, P_TARGET, P_CAMEO, P_SPEAKER, P_PLACE, P_TYPE, P_LIMIT,
       P_OFFSET, P_ID, P_ID_TEXT, P_KB, P_TSQUERY, P_SCAN, N_PARAMS };

#define SINCE "$2"
#define UNTIL "$3"
#define OUTLET "$4"
#define ACTOR "$5"
#define TARGET "$6"
#define CAMEO "$7"
#define SPEAKER "$8"
#define PLACE "$9"
#define TYPE "$10"
#define LIMIT "$11"
#define OFFSET "$12"
#define ID "$13"
#define ID_TEXT "$14"
#define KB "$15"
#define TSQUERY "$16"
#define SCAN "$17"

#define C " COLLATE \"C\""

/* The text of a byte span of document d (offsets count UTF-8 bytes). */
#define SPAN(d, s, e)                                                                                         \
    "convert_from(substring(convert_to(" d ".text, 'UTF8') FROM (" s ")::int + 1 FOR (" e ")::int - (" s      \
    ")::int), 'UTF8')"

/* The paragraph around a span of document d (at most 300 characters). */
#define CONTEXT(d, s, e)                                                                                      \
    "(SELECT substr(" SPAN(d, "p.span_start", "p.span_end") ", 1, 300) FROM paragraphs p WHERE p.doc = " d  \
    ".id AND p.span_start <= " s " AND p.span_end >= " e " ORDER BY p.idx LIMIT 1)"

/* A float8 as SQLite's JSON writes a REAL ("%!.15g": 15 significant
 * digits, trailing zeros dropped but one kept after the point, exponent
 * form below 1e-4 and from 1e15 with at least two exponent digits), as a
 * json value, NULL for NULL. float8 -> numeric rounds to 15 significant
 * digits, as %.15g does; to_char's EEEE form gives the exponent and the
 * mantissa. (Infinities and NaN, which rasd never stores, are not
 * handled.) */
#define FLT(x)                                                                                                \
    "(SELECT (CASE WHEN n IS NULL THEN NULL WHEN n = 0 THEN '0.0' "                                           \
    "WHEN e < -4 OR e >= 15 THEN CASE WHEN m LIKE '%.' THEN m || '0' ELSE m END || "                          \
    "CASE WHEN e < 0 THEN 'e-' ELSE 'e+' END || CASE WHEN abs(e) < 10 THEN '0' ELSE '' END || abs(e) "     \
    "WHEN strpos(t, '.') > 0 THEN t ELSE t || '.0' END)::json FROM (SELECT n, trim_scale(n)::text AS t, "     \
    "split_part(s, 'e', 2)::int AS e, rtrim(trim(split_part(s, 'e', 1)), '0') AS m FROM (SELECT n, "          \
    "to_char(n, '9.99999999999999EEEE') AS s FROM (SELECT (" x ")::float8::numeric AS n) fa) fb) fc)"

#define DOC_FILTERS(d)                                                                                        \
    "(" SINCE " IS NULL OR " d ".published >= " SINCE ") AND (" UNTIL " IS NULL OR " d ".published <= " UNTIL \
    ") AND (" OUTLET " IS NULL OR " d ".source = " OUTLET ")"

/* The page of a list, its items aggregated in the page's order. */
#define PAGE(order) "page AS (SELECT * FROM m ORDER BY " order " LIMIT " LIMIT " OFFSET " OFFSET ") "
#define PAGE_JSON(item, order)                                                                                \
    "SELECT json_build_object('total', (SELECT count(*) FROM m), 'limit', " LIMIT ", 'offset', " OFFSET       \
    ", 'items', coalesce((SELECT json_agg(" item " ORDER BY " order ") FROM page), '[]'))"

/* An aggregate of no rows is NULL in PostgreSQL, [] in SQLite. */
#define ARR(sub) "coalesce((" sub "), '[]')"

/* --------------------------------------------------------------- running */

typedef struct qparams {
    const char *v[N_PARAMS];
    char num[N_PARAMS][24];
} qparams;

static void set_int(qparams *p, int i, int64_t v) {
    snprintf(p->num[i], sizeof p->num[i], "%lld", (long long)v);
    p->v[i] = p->num[i];
}

static void params_of(qparams *p, const rasd_query *q) {
    memset(p, 0, sizeof *p);
    if (!q) return;
    p->v[P_TEXT] = q->text;
    p->v[P_SINCE] = q->since;
    p->v[P_UNTIL] = q->until;
    p->v[P_OUTLET] = q->outlet;
    p->v[P_ACTOR] = q->actor;
    p->v[P_TARGET] = q->target;
    p->v[P_CAMEO] = q->cameo;
    p->v[P_SPEAKER] = q->speaker;
    p->v[P_PLACE] = q->place;
    p->v[P_TYPE] = q->type;
    set_int(p, P_LIMIT, (int64_t)(q->limit ? q->limit : RASD_QUERY_DEFAULT_LIMIT));
    set_int(p, P_OFFSET, (int64_t)q->offset);
}

/* text, or bigint for the numbers (declared, so a statement may leave a
 * parameter unused) */
static const Oid TYPES[N_PARAMS] = {25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 20, 20, 20, 25, 25, 25, 20};


static rasd_status fail_of(PGconn *db, PGresult *r, rasd_error *err, const char *what) {
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (state && strcmp(state, "57014") == 0) /* query_canceled: the statement timeout */
        return rasd_fail(err, RASD_ERR_DB, "%s: stopped after %d s (the question is too broad; narrow it)", what,
                         QUERY_SECONDS);
    return rasd_fail(err, RASD_ERR_DB, "%s@%s: %s: %s", PQuser(db), PQdb(db), what, rasd_pg_message(db));
}

static rasd_status exec_simple(PGconn *db, const char *sql, rasd_error *err, const char *what) {
    PGresult *r = PQexec(db, sql);
    ExecStatusType t = PQresultStatus(r);
    rasd_status st = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK ? RASD_OK : fail_of(db, r, err, what);
    PQclear(r);
    return st;
}

/* Opens the read-only transaction a question runs in, with its timeout;
 * *opened tells whether to end it (a connection already inside a
 * transaction keeps it). */
static rasd_status begin_read(PGconn *db, bool *opened, rasd_error *err) {
    *opened = false;
    if (PQtransactionStatus(db) == PQTRANS_INTRANS || PQtransactionStatus(db) == PQTRANS_INERROR) return RASD_OK;
    char sql[96];
    snprintf(sql, sizeof sql, "BEGIN READ ONLY; SET LOCAL statement_timeout = %d", QUERY_SECONDS * 1000);
    /* a connection the server dropped (a restart, pg_terminate_backend) is
     * found out here, on first use: connect again and go on, rather than
     * fail every later question on it (a server's connections live as long
     * as it does). Every question says READ ONLY itself, so nothing rests
     * on the lost session's settings. */
    rasd_status st = RASD_ERR_DB;
    for (int attempt = 0; attempt < 2 && st != RASD_OK; attempt++) {
        if (PQstatus(db) == CONNECTION_BAD) PQreset(db);
        st = exec_simple(db, sql, err, "starting a question");
        if (st != RASD_OK && PQstatus(db) != CONNECTION_BAD) break; /* not a lost connection */
    }
    *opened = st == RASD_OK;
    return st;
}

static void end_read(PGconn *db, bool opened) {
    if (opened) PQclear(PQexec(db, "COMMIT"));
}

/* Runs a statement whose one row is one JSON text and appends it to out,
 * without the whitespace; a NULL (or no row) is RASD_ERR_NOT_FOUND. */
static rasd_status one_json(PGconn *db, const char *sql, const qparams *p, const char *missing, rasd_buf *out,
                            rasd_error *err) {
    bool opened;
    rasd_status s = begin_read(db, &opened, err);
    if (s != RASD_OK) return s;
    PGresult *r = PQexecParams(db, sql, N_PARAMS, TYPES, p->v, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) s = fail_of(db, r, err, "running a query");
    else if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0)) {
        rasd_pg_json_compact(PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0), out);
        if (out->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building a query's answer");
    } else s = rasd_fail(err, RASD_ERR_NOT_FOUND, "%s", missing);
    PQclear(r);
    end_read(db, opened);
    return s;
}

/* JSON syntax is written by hand here: the input is PostgreSQL's own
 * output, valid JSON, and all that changes is whitespace outside strings,
 * which a parse and rewrite (yajl) would do at the cost of re-escaping
 * strings and re-printing numbers, the very things that must not change. */
void rasd_pg_json_compact(const char *json, size_t len, rasd_buf *out) {
    bool in_string = false, escaped = false;
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            rasd_buf_append(out, json + run, i - run);
            run = i + 1;
        }
    }
    rasd_buf_append(out, json + run, len - run);
}

/* ---------------------------------------------------------------- stories */

#define STORIES_ORDER "n_articles DESC, last_seen" C " DESC NULLS LAST, id DESC"

static const char STORIES_SQL[] =
    "WITH m AS (SELECT s.id, s.title, s.first_seen, s.last_seen, s.n_articles FROM stories s WHERE "
    "  (" SINCE " IS NULL OR s.last_seen >= " SINCE ") AND (" UNTIL " IS NULL OR s.first_seen <= " UNTIL ") AND "
    "  (" OUTLET " IS NULL OR EXISTS (SELECT 1 FROM documents d WHERE d.story = s.id AND d.source = " OUTLET
    ")) AND (" ACTOR " IS NULL OR EXISTS (SELECT 1 FROM entities e JOIN documents d ON d.id = e.doc "
    "  WHERE e.entity = " ACTOR " AND d.story = s.id))), " PAGE(STORIES_ORDER) PAGE_JSON(
        "json_build_object('id', id, 'title', title, 'first_seen', first_seen, 'last_seen', last_seen, "
        "'articles', n_articles, 'outlets', " ARR("SELECT json_agg(nullif(o, '') ORDER BY o" C ") FROM (SELECT DISTINCT "
                                                  "coalesce(source, '') AS o FROM documents WHERE story = page.id) x")
        ")",
        STORIES_ORDER);

rasd_status rasd_pg_query_stories(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, STORIES_SQL, &p, "no stories", out, err);
}

/* ------------------------------------------------------------------ story */

static const char STORY_SQL[] =
    "SELECT json_build_object('id', s.id, 'title', s.title, 'first_seen', s.first_seen, 'last_seen', "
    " s.last_seen, 'articles', s.n_articles, "
    /* articles grouped by outlet */
    " 'outlets', " ARR("SELECT json_agg(json_build_object('outlet', nullif(o, ''), 'articles', a) ORDER BY o" C ") FROM ("
                       "SELECT coalesce(d.source, '') AS o, json_agg(json_build_object('id', d.id, 'title', "
                       "d.title, 'published', d.published, 'url', d.url, 'duplicate_of', d.duplicate_of, "
                       "'dup_kind', d.dup_kind, 'lead', substr(d.text, 1, 400)) ORDER BY d.published" C
                       " NULLS FIRST, d.id) AS a FROM documents d WHERE d.story = s.id GROUP BY 1) x") ", "
    /* who is named most */
    " 'actors', " ARR("SELECT json_agg(json_build_object('id', entity, 'name', name, 'type', type, 'mentions', "
                      "n, 'articles', k) ORDER BY n DESC, entity" C ") FROM (SELECT e.entity, max(e.name" C
                      ") AS name, max(e.type" C ") AS type, sum(e.mention_count) AS n, count(*) AS k FROM "
                      "entities e JOIN documents d ON d.id = e.doc WHERE d.story = s.id GROUP BY e.entity "
                      "ORDER BY n DESC, e.entity" C " LIMIT 50) x") ", "
    /* each actor's labels per outlet (framing) */
    " 'labels', " ARR("SELECT json_agg(json_build_object('actor', actor, 'name', (SELECT name FROM entities "
                      "WHERE entity = x.actor ORDER BY entity, doc LIMIT 1), 'outlet', nullif(o, ''), 'label', label, 'count', n, "
                      "'terms', terms) ORDER BY actor" C ", o" C ", n DESC, label" C " NULLS FIRST) FROM ("
                      "SELECT f.actor, coalesce(d.source, '') AS o, f.label, count(*) AS n, json_agg(DISTINCT "
                      "f.term" C " ORDER BY f.term" C " NULLS FIRST) AS terms FROM framing f JOIN documents d "
                      "ON d.id = f.doc WHERE d.story = s.id AND f.actor IS NOT NULL GROUP BY 1, 2, 3) x") ", "
    /* quotes grouped by speaker */
    " 'quotes', " ARR("SELECT json_agg(json_build_object('speaker', spk, 'name', (SELECT name FROM entities "
                      "WHERE entity = x.spk COLLATE \"default\" ORDER BY entity, doc LIMIT 1), 'speaker_text', st, "
                      "'quotes', qs) ORDER BY "
                      "n DESC, k" C " NULLS FIRST) FROM (SELECT coalesce(q.speaker, q.speaker_text) AS k, "
                      "max(q.speaker" C ") AS spk, max(q.speaker_text" C ") AS st, count(*) AS n, "
                      "json_agg(json_build_object('doc', q.doc, 'outlet', d.source, 'text', q.text, 'verb', "
                      "q.verb, 'direct', q.direct <> 0, 'start', q.span_start, 'end', q.span_end) ORDER BY "
                      "q.doc, q.span_start NULLS FIRST, q.span_end NULLS FIRST) AS qs FROM quotes q JOIN "
                      "documents d ON d.id = q.doc WHERE d.story = s.id GROUP BY 1) x") ", "
    /* events, by date */
    " 'events', " ARR("SELECT json_agg(json_build_object('doc', doc, 'outlet', outlet, 'date', day, 'source', "
                      "source, 'target', target, 'cameo', cameo, 'plover', plover, 'acled', acled, 'place', "
                      "place, 'text', text, 'context', context, 'start', span_start, 'end', span_end) ORDER BY "
                      "day" C " NULLS FIRST, doc, span_start NULLS FIRST, span_end NULLS FIRST, source" C
                      " NULLS FIRST, target" C " NULLS FIRST, cameo" C " NULLS FIRST, plover" C
                      " NULLS FIRST, acled" C " NULLS FIRST, place" C " NULLS FIRST) FROM (SELECT e.*, "
                      "d.source AS outlet, coalesce(e.date, d.published) AS day, " SPAN(
                          "d", "e.span_start", "e.span_end") " AS text, " CONTEXT("d", "e.span_start",
                                                                                  "e.span_end") " AS context "
                      "FROM events e JOIN documents d ON d.id = e.doc WHERE d.story = s.id) x") ", "
    /* the timeline: articles and events in date order */
    " 'timeline', " ARR("SELECT json_agg(json_build_object('date', date, 'kind', kind, 'doc', doc, 'outlet', "
                        "outlet, 'text', text) ORDER BY date" C " NULLS FIRST, doc, kind" C ", text" C
                        " NULLS FIRST) FROM (SELECT published AS date, 'article' AS kind, id AS doc, source AS "
                        "outlet, title AS text FROM documents WHERE story = s.id UNION ALL SELECT "
                        "coalesce(e.date, d.published), 'event', d.id, d.source, coalesce(e.cameo, '') || ' ' || "
                        "coalesce(e.source, '?') || ' → ' || coalesce(e.target, '?') FROM events e JOIN "
                        "documents d ON d.id = e.doc WHERE d.story = s.id) x") ", "
    /* places with coordinates */
    " 'places', " ARR("SELECT json_agg(json_build_object('id', place, 'name', name, 'country', country, "
                      "'lat', " FLT("lat") ", 'lon', " FLT("lon") ", 'mentions', n, 'articles', k) ORDER BY "
                      "n DESC, place" C ") FROM (SELECT p.place, max(p.name" C ") AS name, max(p.country" C
                      ") AS country, max(p.lat) AS lat, max(p.lon) AS lon, sum(p.mention_count) AS n, "
                      "count(*) AS k FROM places p JOIN documents d ON d.id = p.doc WHERE d.story = s.id "
                      "GROUP BY p.place) x") ") "
    "FROM stories s WHERE s.id = " ID;

rasd_status rasd_pg_query_story(PGconn *db, int64_t id, rasd_buf *out, rasd_error *err) {
    char missing[64];
    snprintf(missing, sizeof missing, "no story %lld", (long long)id);
    qparams p;
    params_of(&p, NULL);
    set_int(&p, P_ID, id);
    return one_json(db, STORY_SQL, &p, missing, out, err);
}

/* ---------------------------------------------------------------- article */

static const char ARTICLE_SQL[] =
    "SELECT json_build_object('id', d.id, 'hash', d.hash, 'title', d.title, 'source', d.source, 'author', "
    " d.author, 'published', d.published, 'url', d.url, 'origin', d.origin, 'story', d.story, "
    " 'duplicate_of', d.duplicate_of, 'dup_kind', d.dup_kind, 'similarity', " FLT("d.similarity") ", "
    " 'text', d.text, 'sentences', d.analysis::json -> 'sentences', "
    " 'paragraphs', " ARR("SELECT json_agg(json_build_array(span_start, span_end) ORDER BY idx) FROM paragraphs "
                          "WHERE doc = d.id") ", "
    " 'entities', " ARR("SELECT json_agg(json_build_object('id', entity, 'name', name, 'type', type, 'country', "
                        "country, 'mention_count', mention_count, 'mentions', mentions::json) ORDER BY "
                        "mention_count DESC, entity" C ") FROM entities WHERE doc = d.id") ", "
    " 'places', " ARR("SELECT json_agg(json_build_object('id', place, 'name', name, 'country', country, 'lat', "
                      FLT("lat") ", 'lon', " FLT("lon") ", 'mention_count', mention_count, 'mentions', "
                      "mentions::json) ORDER BY mention_count DESC, place" C ") FROM places WHERE doc = d.id") ", "
    " 'quotes', " ARR("SELECT json_agg(json_build_object('speaker', speaker, 'speaker_text', speaker_text, "
                      "'verb', verb, 'direct', direct <> 0, 'text', text, 'start', span_start, 'end', span_end) "
                      "ORDER BY span_start NULLS FIRST, span_end NULLS FIRST) FROM quotes WHERE doc = d.id") ", "
    " 'events', " ARR("SELECT json_agg(json_build_object('source', source, 'target', target, 'cameo', cameo, "
                      "'plover', plover, 'acled', acled, 'place', place, 'date', date, 'flags', flags, 'text', "
                      SPAN("d", "e.span_start", "e.span_end") ", 'start', span_start, 'end', span_end) ORDER BY "
                      "span_start NULLS FIRST, span_end NULLS FIRST, source" C " NULLS FIRST, target" C
                      " NULLS FIRST, cameo" C " NULLS FIRST, plover" C " NULLS FIRST, acled" C
                      " NULLS FIRST, place" C " NULLS FIRST, date" C " NULLS FIRST) FROM events e "
                      "WHERE e.doc = d.id") ", "
    " 'framing', " ARR("SELECT json_agg(json_build_object('actor', actor, 'term', term, 'label', label, "
                       "'polarity', polarity, 'start', span_start, 'end', span_end) ORDER BY span_start NULLS "
                       "FIRST, span_end NULLS FIRST, actor" C " NULLS FIRST, term" C " NULLS FIRST, label" C
                       " NULLS FIRST) FROM framing WHERE doc = d.id") ", "
    " 'numbers', " ARR("SELECT json_agg(json_build_object('text', text, 'value', " FLT("value") ", 'unit', unit, "
                       "'unit_code', unit_code, 'start', span_start, 'end', span_end) ORDER BY span_start NULLS "
                       "FIRST, span_end NULLS FIRST) FROM numbers WHERE doc = d.id") ", "
    " 'dates', " ARR("SELECT json_agg(json_build_object('text', text, 'value', value, 'granularity', "
                     "granularity, 'start', span_start, 'end', span_end) ORDER BY span_start NULLS FIRST, "
                     "span_end NULLS FIRST) FROM dates WHERE doc = d.id") ") "
    "FROM documents d WHERE d.id = " ID;

rasd_status rasd_pg_query_article(PGconn *db, int64_t id, rasd_buf *out, rasd_error *err) {
    char missing[64];
    snprintf(missing, sizeof missing, "no article %lld", (long long)id);
    qparams p;
    params_of(&p, NULL);
    set_int(&p, P_ID, id);
    return one_json(db, ARTICLE_SQL, &p, missing, out, err);
}

/* ----------------------------------------------------------------- actors */

#define ACTORS_ORDER "mentions DESC, id" C

static const char ACTORS_SQL[] =
    "WITH m AS (SELECT e.entity AS id, max(e.name" C ") AS name, max(e.type" C ") AS type, max(e.country" C
    ") AS country, sum(e.mention_count) AS mentions, count(*) AS articles FROM entities e JOIN documents d "
    "  ON d.id = e.doc WHERE (" TYPE " IS NULL OR e.type = " TYPE ") AND " DOC_FILTERS("d") " GROUP BY e.entity), "
    PAGE(ACTORS_ORDER) PAGE_JSON("json_build_object('id', id, 'name', name, 'type', type, 'country', country, "
                                 "'mentions', mentions, 'articles', articles)",
                                 ACTORS_ORDER);

rasd_status rasd_pg_query_actors(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, ACTORS_SQL, &p, "no actors", out, err);
}

/* An actor's events as source or target: the newest 100. */
#define ACTOR_EVENTS(role, other)                                                                             \
    ARR("SELECT json_agg(json_build_object('doc', doc, 'outlet', outlet, 'date', day, '" other "', " other    \
        ", 'cameo', cameo, 'plover', plover, 'text', t, 'context', c, 'start', span_start, 'end', span_end) "  \
        "ORDER BY day" C " DESC NULLS LAST, doc DESC, span_start NULLS FIRST, span_end NULLS FIRST, " other C  \
        " NULLS FIRST, cameo" C " NULLS FIRST, plover" C " NULLS FIRST) FROM (SELECT e.*, d.source AS "       \
        "outlet, coalesce(e.date, d.published) AS day, " SPAN("d", "e.span_start", "e.span_end") " AS t, "     \
        CONTEXT("d", "e.span_start", "e.span_end") " AS c FROM events e JOIN documents d ON d.id = e.doc "     \
        "WHERE e." role " = " ID_TEXT " ORDER BY coalesce(e.date, d.published)" C " DESC NULLS LAST, "          \
        "e.doc DESC, e.span_start NULLS "                                                                     \
        "FIRST, e.span_end NULLS FIRST, e." other C " NULLS FIRST, e.cameo" C " NULLS FIRST, e.plover" C       \
        " NULLS FIRST LIMIT 100) x")

static const char ACTOR_SQL[] =
    "WITH m AS (SELECT e.*, d.published, d.source AS outlet FROM entities e JOIN documents d ON d.id = e.doc "
    "  WHERE e.entity = " ID_TEXT ") "
    "SELECT CASE WHEN " KB " IS NULL AND NOT EXISTS (SELECT 1 FROM m) THEN NULL ELSE json_build_object("
    " 'id', " ID_TEXT ", 'kb', " KB "::json, "
    " 'name', (SELECT name FROM m ORDER BY doc LIMIT 1), 'type', (SELECT type FROM m ORDER BY doc LIMIT 1), "
    " 'mentions', (SELECT coalesce(sum(mention_count), 0) FROM m), 'articles', (SELECT count(*) FROM m), "
    /* how the articles write its name: the text of its first mentions */
    " 'names_seen', " ARR("SELECT json_agg(json_build_object('text', t, 'count', n) ORDER BY n DESC, t" C
                          " NULLS FIRST) FROM (SELECT t, count(*) AS n FROM (SELECT " SPAN("d", "(j ->> 0)::bigint",
                                                                           "(j ->> 1)::bigint")
                          " AS t FROM (SELECT * FROM m ORDER BY doc DESC LIMIT 300) mm JOIN documents d ON "
                          "d.id = mm.doc, json_array_elements(mm.mentions::json) j) y GROUP BY t "
                          "ORDER BY n DESC, t" C " NULLS FIRST LIMIT 20) x") ", "
    " 'per_day', " ARR("SELECT json_agg(json_build_object('date', published, 'mentions', n, 'articles', k) "
                       "ORDER BY published" C ") FROM (SELECT published, sum(mention_count) AS n, count(*) AS k "
                       "FROM m WHERE published IS NOT NULL GROUP BY published) x") ", "
    " 'as_source', " ACTOR_EVENTS("source", "target") ", "
    " 'as_target', " ACTOR_EVENTS("target", "source") ", "
    " 'labels', " ARR("SELECT json_agg(json_build_object('outlet', nullif(o, ''), 'label', label, 'count', n, 'terms', "
                      "terms) ORDER BY o" C ", n DESC, label" C " NULLS FIRST) FROM (SELECT coalesce(d.source, "
                      "'') AS o, f.label, count(*) AS n, json_agg(DISTINCT f.term" C " ORDER BY f.term" C
                      " NULLS FIRST) AS terms FROM framing f JOIN documents d ON d.id = f.doc WHERE f.actor = "
                      ID_TEXT " GROUP BY 1, 2) x") ", "
    " 'quotes', (SELECT count(*) FROM quotes WHERE speaker = " ID_TEXT ")) END";

rasd_status rasd_pg_query_actor(PGconn *db, const char *id, const char *kb_json, rasd_buf *out, rasd_error *err) {
    char missing[300];
    snprintf(missing, sizeof missing, "no actor \"%.200s\" in the knowledge base or the store", id);
    qparams p;
    params_of(&p, NULL);
    p.v[P_ID_TEXT] = id;
    p.v[P_KB] = kb_json;
    return one_json(db, ACTOR_SQL, &p, missing, out, err);
}

/* ----------------------------------------------------------------- events */

#define EVENTS_ORDER                                                                                          \
    "day" C " DESC NULLS LAST, doc DESC, span_start NULLS FIRST, span_end NULLS FIRST, source" C              \
    " NULLS FIRST, target" C " NULLS FIRST, cameo" C " NULLS FIRST, plover" C " NULLS FIRST, acled" C         \
    " NULLS FIRST, place" C " NULLS FIRST"

static const char EVENTS_SQL[] =
    "WITH m AS (SELECT e.*, d.source AS outlet, d.title, coalesce(e.date, d.published) AS day "
    "  FROM events e JOIN documents d ON d.id = e.doc WHERE "
    "  (" ACTOR " IS NULL OR e.source = " ACTOR ") AND (" TARGET " IS NULL OR e.target = " TARGET ") AND "
    "  (" CAMEO " IS NULL OR substr(e.cameo, 1, length(" CAMEO ")) = " CAMEO ") AND "
    "  (" OUTLET " IS NULL OR d.source = " OUTLET ") AND (" PLACE " IS NULL OR e.place = " PLACE ") AND "
    "  (" SINCE " IS NULL OR coalesce(e.date, d.published) >= " SINCE ") AND "
    "  (" UNTIL " IS NULL OR coalesce(e.date, d.published) <= " UNTIL ")), "
    "page AS (SELECT m.*, " SPAN("d", "m.span_start", "m.span_end") " AS t, " CONTEXT("d", "m.span_start",
                                                                                      "m.span_end") " AS c "
    "  FROM (SELECT * FROM m ORDER BY " EVENTS_ORDER " LIMIT " LIMIT " OFFSET " OFFSET ") m "
    "  JOIN documents d ON d.id = m.doc) "
    PAGE_JSON("json_build_object('doc', doc, 'outlet', outlet, 'title', title, 'date', day, 'source', source, "
              "'target', target, 'cameo', cameo, 'plover', plover, 'acled', acled, 'place', place, "
              "'text', t, 'context', c, 'start', span_start, 'end', span_end)",
              EVENTS_ORDER);

rasd_status rasd_pg_query_events(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, EVENTS_SQL, &p, "no events", out, err);
}

/* --------------------------------------------------------------- timeline */

/* As in queries_sqlite_lists.c: counts per day, oldest first, an actor's from
 * its index rows. */
#define TIMELINE_EVENT_FILTERS                                                                                \
    "(" CAMEO " IS NULL OR substr(e.cameo, 1, length(" CAMEO ")) = " CAMEO ") AND (" OUTLET " IS NULL OR "     \
    "d.source = " OUTLET ")"
static const char TIMELINE_SQL[] =
    "WITH ev AS (SELECT coalesce(e.date, d.published) AS day FROM events e JOIN documents d ON d.id = e.doc "
    "  WHERE " ACTOR " IS NULL AND " TIMELINE_EVENT_FILTERS " "
    "  UNION ALL SELECT coalesce(e.date, d.published) FROM events e JOIN documents d ON d.id = e.doc "
    "  WHERE " ACTOR " IS NOT NULL AND (e.source = " ACTOR " OR e.target = " ACTOR ") AND " TIMELINE_EVENT_FILTERS
    "), "
    "art AS (SELECT d.published, count(*) AS k, NULL::bigint AS n FROM documents d WHERE " ACTOR " IS NULL AND "
    "  d.published IS NOT NULL AND " DOC_FILTERS("d") " GROUP BY d.published "
    "  UNION ALL SELECT d.published, count(*), sum(e.mention_count) FROM entities e JOIN documents d "
    "  ON d.id = e.doc WHERE " ACTOR " IS NOT NULL AND e.entity = " ACTOR " AND d.published IS NOT NULL AND "
    "  " DOC_FILTERS("d") " GROUP BY d.published) "
    "SELECT json_build_object("
    " 'events', " ARR("SELECT json_agg(json_build_object('date', day, 'count', n) ORDER BY day" C ") FROM "
                      "(SELECT day, count(*) AS n FROM ev WHERE day IS NOT NULL AND (" SINCE " IS NULL OR day >= "
                      SINCE ") AND (" UNTIL " IS NULL OR day <= " UNTIL ") GROUP BY day) y") ", "
    " 'articles', " ARR("SELECT json_agg(json_build_object('date', published, 'count', k, 'mentions', n) ORDER BY "
                        "published" C ") FROM art") ")";

rasd_status rasd_pg_query_timeline(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, TIMELINE_SQL, &p, "no timeline", out, err);
}

/* As in queries_sqlite_lists.c: events per place, most first. */
#define EVENT_DAY_FILTERS                                                                                     \
    "(" SINCE " IS NULL OR coalesce(e.date, d.published) >= " SINCE ") AND (" UNTIL " IS NULL OR "            \
    "coalesce(e.date, d.published) <= " UNTIL ")"
#define EVENT_PLACES_ORDER "n DESC, place" C
static const char EVENT_PLACES_SQL[] =
    "WITH ev AS (SELECT e.place FROM events e JOIN documents d ON d.id = e.doc WHERE " ACTOR " IS NULL AND "
    "  " TIMELINE_EVENT_FILTERS " AND e.place IS NOT NULL AND " EVENT_DAY_FILTERS " "
    "  UNION ALL SELECT e.place FROM events e JOIN documents d ON d.id = e.doc WHERE " ACTOR " IS NOT NULL AND "
    "  (e.source = " ACTOR " OR e.target = " ACTOR ") AND " TIMELINE_EVENT_FILTERS " AND e.place IS NOT NULL AND "
    "  " EVENT_DAY_FILTERS "), "
    "m AS (SELECT place, count(*) AS n FROM ev GROUP BY place), "
    PAGE(EVENT_PLACES_ORDER) PAGE_JSON("json_build_object('place', place, 'count', n)", EVENT_PLACES_ORDER);

rasd_status rasd_pg_query_event_places(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, EVENT_PLACES_SQL, &p, "no places", out, err);
}

/* ----------------------------------------------------------------- quotes */

#define QUOTES_ORDER                                                                                          \
    "published" C " DESC NULLS LAST, doc DESC, span_start NULLS FIRST, span_end NULLS FIRST, speaker" C       \
    " NULLS FIRST, text" C " NULLS FIRST"

static const char QUOTES_SQL[] =
    "WITH m AS (SELECT q.*, d.source AS outlet, d.title, d.published FROM quotes q JOIN documents d "
    "  ON d.id = q.doc WHERE (" SPEAKER " IS NULL OR q.speaker = " SPEAKER ") AND " DOC_FILTERS("d") "), "
    PAGE(QUOTES_ORDER) PAGE_JSON("json_build_object('doc', doc, 'outlet', outlet, 'title', title, 'published', "
                                 "published, 'speaker', speaker, 'speaker_text', speaker_text, 'verb', verb, "
                                 "'direct', direct <> 0, 'text', text, 'start', span_start, 'end', span_end)",
                                 QUOTES_ORDER);

rasd_status rasd_pg_query_quotes(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, QUOTES_SQL, &p, "no quotes", out, err);
}

/* ---------------------------------------------------------------- outlets */

#define OUTLETS_ORDER "articles DESC, outlet" C

static const char OUTLETS_SQL[] =
    "WITH m AS (SELECT coalesce(d.source, '') AS outlet, count(*) AS articles, min(d.published" C ") AS first, "
    "  max(d.published" C ") AS last FROM documents d WHERE " DOC_FILTERS("d") " GROUP BY 1), "
    PAGE(OUTLETS_ORDER) PAGE_JSON(
        "json_build_object('outlet', nullif(outlet, ''), 'articles', articles, 'first', first, 'last', last, 'labels', "
        ARR("SELECT json_agg(json_build_object('actor', actor, 'name', (SELECT name FROM entities WHERE "
            "entity = x.actor ORDER BY entity, doc LIMIT 1), 'label', label, 'count', n, 'terms', terms) "
            "ORDER BY n DESC, "
            "actor" C ", label" C " NULLS FIRST) FROM (SELECT f.actor, f.label, count(*) AS n, json_agg(DISTINCT "
            "f.term" C " ORDER BY f.term" C " NULLS FIRST) AS terms FROM framing f JOIN documents d ON "
            "d.id = f.doc WHERE coalesce(d.source, '') = page.outlet AND f.actor IS NOT NULL AND (" SINCE
            " IS NULL OR d.published >= " SINCE ") AND (" UNTIL " IS NULL OR d.published <= " UNTIL ") "
            "GROUP BY 1, 2 ORDER BY n DESC, f.actor" C ", f.label" C " NULLS FIRST LIMIT 100) x") ")",
        OUTLETS_ORDER);

rasd_status rasd_pg_query_outlets(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    qparams p;
    params_of(&p, q);
    return one_json(db, OUTLETS_SQL, &p, "no outlets", out, err);
}

/* ----------------------------------------------------------------- search */

/* The matches of a search under its filters, as the store's search finds
 * them (the same tsquery and filters, pg_store.c), without ranking or
 * snippets. */
#define MATCHES                                                                                               \
    "SELECT d.id FROM documents d WHERE d.terms @@ " TSQUERY "::tsquery AND " DOC_FILTERS("d") " AND "         \
    "(" ACTOR " IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.entity = " ACTOR " AND e.doc = d.id)) AND " \
    "($9 IS NULL OR EXISTS (SELECT 1 FROM places p WHERE p.place = $9 AND p.doc = d.id))"

static const char FACETS_SQL[] =
    "WITH ids AS (" MATCHES " ORDER BY d.id LIMIT " SCAN ") SELECT (SELECT count(*) FROM (" MATCHES ") a), "
    "json_build_object("
    " 'outlets', " ARR("SELECT json_agg(json_build_object('value', o, 'count', n) ORDER BY n DESC, o" C ") FROM ("
                       "SELECT coalesce(source, '') AS o, count(*) AS n FROM documents WHERE id IN (SELECT id "
                       "FROM ids) AND coalesce(source, '') <> '' GROUP BY 1) x") ", "
    " 'actors', " ARR("SELECT json_agg(json_build_object('value', entity, 'name', name, 'count', n) ORDER BY "
                      "n DESC, entity" C ") FROM (SELECT entity, max(name" C ") AS name, count(*) AS n FROM "
                      "entities WHERE doc IN (SELECT id FROM ids) GROUP BY entity ORDER BY n DESC, entity" C
                      " LIMIT 20) x") ", "
    " 'places', " ARR("SELECT json_agg(json_build_object('value', place, 'name', name, 'count', n) ORDER BY "
                      "n DESC, place" C ") FROM (SELECT place, max(name" C ") AS name, count(*) AS n FROM "
                      "places WHERE doc IN (SELECT id FROM ids) GROUP BY place ORDER BY n DESC, place" C
                      " LIMIT 20) x") ", "
    " 'dates', " ARR("SELECT json_agg(json_build_object('value', p, 'count', n) ORDER BY p" C ") FROM (SELECT "
                     "published AS p, count(*) AS n FROM documents WHERE id IN (SELECT id FROM ids) AND "
                     "published IS NOT NULL GROUP BY 1) x") ")";

static const char EMPTY_FACETS[] = "{\"outlets\":[],\"actors\":[],\"places\":[],\"dates\":[]}";

rasd_status rasd_pg_search_facets(PGconn *db, rasd_analyzer *an, const rasd_query *q, int64_t *total,
                                  rasd_buf *facets, rasd_error *err) {
    rasd_pg_query pq;
    rasd_error qerr = {0};
    rasd_status s = rasd_pg_query_parse(an, q->text, &pq, &qerr);
    if (s != RASD_OK) return rasd_fail(err, s, "search \"%.200s\": %s", q->text, qerr.message);
    if (!*pq.tsquery) { /* no word of the query gives a term: nothing matches (as the search) */
        rasd_pg_query_free(&pq);
        *total = 0;
        rasd_buf_append(facets, EMPTY_FACETS, strlen(EMPTY_FACETS));
        return facets->oom ? rasd_fail(err, RASD_ERR_NOMEM, "out of memory building facets") : RASD_OK;
    }
    qparams p;
    params_of(&p, q);
    p.v[P_TSQUERY] = pq.tsquery;
    set_int(&p, P_SCAN, RASD_FACET_SCAN);
    bool opened;
    s = begin_read(db, &opened, err);
    if (s == RASD_OK) {
        PGresult *r = PQexecParams(db, FACETS_SQL, N_PARAMS, TYPES, p.v, NULL, NULL, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
            s = fail_of(db, r, err, "search facets");
        } else {
            *total = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
            rasd_pg_json_compact(PQgetvalue(r, 0, 1), (size_t)PQgetlength(r, 0, 1), facets);
            if (facets->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory building facets");
        }
        PQclear(r);
        end_read(db, opened);
    }
    rasd_pg_query_free(&pq);
    return s;
}

rasd_status rasd_pg_reader_setup(PGconn *db, bool read_only, rasd_error *err) {
    if (!read_only) return RASD_OK;
    return exec_simple(db, "SET default_transaction_read_only = on", err, "setting up a reader");
}

/* ----------------------------------------------------------------- export */

static const char EXPORT_JSONL_SQL[] =
    "SELECT json_build_object('id', d.id, 'title', d.title, 'source', d.source, 'author', d.author, "
    " 'published', d.published, 'url', d.url, 'story', d.story, 'duplicate_of', d.duplicate_of, "
    " 'text', d.text, "
    " 'entities', " ARR("SELECT json_agg(json_build_object('id', entity, 'name', name, 'type', type, "
                        "'mention_count', mention_count) ORDER BY mention_count DESC, entity" C ") FROM entities "
                        "WHERE doc = d.id") ", "
    " 'places', " ARR("SELECT json_agg(json_build_object('id', place, 'name', name, 'lat', " FLT("lat") ", "
                      "'lon', " FLT("lon") ") ORDER BY mention_count DESC, place" C ") FROM places "
                      "WHERE doc = d.id") ", "
    " 'quotes', " ARR("SELECT json_agg(json_build_object('speaker', speaker, 'text', text, 'start', span_start, "
                      "'end', span_end) ORDER BY span_start NULLS FIRST, span_end NULLS FIRST) FROM quotes "
                      "WHERE doc = d.id") ", "
    " 'events', " ARR("SELECT json_agg(json_build_object('source', source, 'target', target, 'cameo', cameo, "
                      "'date', date, 'start', span_start, 'end', span_end) ORDER BY span_start NULLS FIRST, "
                      "span_end NULLS FIRST, source" C " NULLS FIRST, target" C " NULLS FIRST, cameo" C
                      " NULLS FIRST, date" C " NULLS FIRST) FROM events WHERE doc = d.id") ", "
    " 'framing', " ARR("SELECT json_agg(json_build_object('actor', actor, 'term', term, 'label', label) ORDER BY "
                       "span_start NULLS FIRST, span_end NULLS FIRST, actor" C " NULLS FIRST, term" C
                       " NULLS FIRST, label" C " NULLS FIRST) FROM framing WHERE doc = d.id") ") "
    "FROM documents d WHERE " DOC_FILTERS("d") " ORDER BY d.id LIMIT " LIMIT " OFFSET " OFFSET;

static const char EXPORT_CSV_SQL[] =
    "SELECT d.id, d.published, d.source, d.title, d.url, d.story, d.duplicate_of, "
    " (SELECT string_agg(entity, '|' ORDER BY mention_count DESC, entity" C ") FROM entities WHERE doc = d.id), "
    " (SELECT string_agg(place, '|' ORDER BY mention_count DESC, place" C ") FROM places WHERE doc = d.id), "
    " (SELECT count(*) FROM quotes WHERE doc = d.id), (SELECT count(*) FROM events WHERE doc = d.id), "
    " (SELECT replace(string_agg(l, ',' ORDER BY l" C "), ',', '|') FROM (SELECT DISTINCT actor || ':' || "
    "  label AS l FROM framing WHERE doc = d.id AND actor IS NOT NULL) x) "
    "FROM documents d WHERE " DOC_FILTERS("d") " ORDER BY d.id LIMIT " LIMIT " OFFSET " OFFSET;

/* events-csv, events-jsonl: as queries_sqlite_export.c's, the events of a
 * document in the same order (bytewise, nulls first, as SQLite). */
static const char EXPORT_EVENTS_SQL[] =
    "SELECT d.id, d.published, d.source, d.url, d.title, d.text, "
    " CASE WHEN d.analysis IS NOT NULL THEN (d.analysis::json -> 'events')::text END, "
    " (SELECT json_agg(json_build_object('source', source, 'target', target, 'cameo', cameo, 'plover', plover, "
    "  'acled', acled, 'place', place, 'date', date, 'flags', flags, 'start', span_start, 'end', span_end, "
    "  'detail', detail::json) "
    "  ORDER BY span_start NULLS FIRST, span_end NULLS FIRST, source" C " NULLS FIRST, target" C " NULLS FIRST, "
    "  cameo" C " NULLS FIRST, plover" C " NULLS FIRST, acled" C " NULLS FIRST, place" C " NULLS FIRST, "
    "  date" C " NULLS FIRST, flags" C " NULLS FIRST, detail" C " NULLS FIRST) FROM events WHERE doc = d.id) "
    "FROM documents d WHERE (" OUTLET " IS NULL OR d.source = " OUTLET ") AND "
    " EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id) ORDER BY d.id";

static const char EXPORT_QUOTES_SQL[] =
    "SELECT d.id, d.published, d.source, d.url, d.title, q.speaker, "
    " (SELECT name FROM entities WHERE doc = q.doc AND entity = q.speaker LIMIT 1), q.speaker_text, q.verb, "
    " CASE WHEN q.direct <> 0 THEN 'true' ELSE 'false' END, q.text, q.span_start, q.span_end "
    "FROM quotes q JOIN documents d ON d.id = q.doc WHERE (" SPEAKER " IS NULL OR q.speaker = " SPEAKER ") AND "
    DOC_FILTERS("d") " ORDER BY d.id, q.span_start, q.span_end, q.ctid";

/* rows fetched per round trip */
#define FETCH_ROWS 200

struct rasd_pg_export {
    PGconn *db;
    rasd_export_format format;
    rasd_query q;
    bool header_done, opened;
};

rasd_pg_export *rasd_pg_export_open(PGconn *db, const rasd_query *q, rasd_export_format f, rasd_error *err) {
    rasd_pg_export *x = calloc(1, sizeof *x);
    if (!x) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory opening an export");
        return NULL;
    }
    x->db = db;
    x->format = f;
    x->q = *q;
    qparams p;
    params_of(&p, q);
    if (!q->limit) p.v[P_LIMIT] = NULL; /* LIMIT NULL: every row */
    /* a cursor lives in a transaction: one is opened here, or the caller's used */
    if (begin_read(db, &x->opened, err) != RASD_OK) {
        free(x);
        return NULL;
    }
    const char *body = f == RASD_EXPORT_CSV ? EXPORT_CSV_SQL
                       : f == RASD_EXPORT_JSONL ? EXPORT_JSONL_SQL
                       : f == RASD_EXPORT_QUOTES_CSV ? EXPORT_QUOTES_SQL
                       : EXPORT_EVENTS_SQL;
    rasd_buf sql = {0};
    rasd_buf_append(&sql, "DECLARE rasd_export NO SCROLL CURSOR FOR ", 41);
    rasd_buf_append(&sql, body, strlen(body));
    if (sql.oom) {
        rasd_buf_free(&sql);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory opening an export");
        rasd_pg_export_close(x);
        return NULL;
    }
    PGresult *r = PQexecParams(db, sql.data, N_PARAMS, TYPES, p.v, NULL, NULL, 0);
    rasd_buf_free(&sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fail_of(db, r, err, "opening the export");
        PQclear(r);
        rasd_pg_export_close(x);
        return NULL;
    }
    PQclear(r);
    return x;
}

static const char *value_at(const PGresult *r, int i, int c) { return PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c); }

rasd_status rasd_pg_export_next(rasd_pg_export *x, rasd_buf *out, bool *done, rasd_error *err) {
    *done = false;
    bool events = x->format == RASD_EXPORT_EVENTS_CSV || x->format == RASD_EXPORT_EVENTS_JSONL;
    bool csv = x->format == RASD_EXPORT_CSV || x->format == RASD_EXPORT_QUOTES_CSV;
    if (!x->header_done) {
        if (x->format == RASD_EXPORT_CSV) rasd_query_csv_header(out);
        else if (x->format == RASD_EXPORT_EVENTS_CSV) rasd_export_events_header(out);
        else if (x->format == RASD_EXPORT_QUOTES_CSV) rasd_export_quotes_header(out);
        x->header_done = true;
    }
    size_t start = out->len;
    char fetch[64];
    snprintf(fetch, sizeof fetch, "FETCH %d FROM rasd_export", FETCH_ROWS);
    while (!*done && out->len - start < 64 * 1024) {
        PGresult *r = PQexec(x->db, fetch);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            rasd_status s = fail_of(x->db, r, err, "exporting");
            PQclear(r);
            return s;
        }
        int rows = PQntuples(r), cols = PQnfields(r);
        for (int i = 0; i < rows; i++) {
            if (events) {
                rasd_export_doc d = {
                    .id = strtoll(PQgetvalue(r, i, 0), NULL, 10),
                    .published = value_at(r, i, 1),
                    .outlet = value_at(r, i, 2),
                    .url = value_at(r, i, 3),
                    .title = value_at(r, i, 4),
                    .text = value_at(r, i, 5),
                    .text_len = (size_t)PQgetlength(r, i, 5),
                    .events_json = value_at(r, i, 6),
                    .events_len = (size_t)PQgetlength(r, i, 6),
                    .rows_json = value_at(r, i, 7),
                    .rows_len = (size_t)PQgetlength(r, i, 7),
                };
                rasd_status s = rasd_export_events_doc(out, x->format == RASD_EXPORT_EVENTS_CSV, &x->q, &d, err);
                if (s != RASD_OK) {
                    PQclear(r);
                    return s;
                }
            } else if (csv) {
                for (int c = 0; c < cols; c++) rasd_query_csv_field(out, value_at(r, i, c), c + 1 == cols);
            } else {
                rasd_pg_json_compact(PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0), out);
                rasd_buf_putc(out, '\n');
            }
        }
        PQclear(r);
        if (rows < FETCH_ROWS) *done = true;
    }
    if (out->oom) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory exporting");
    return RASD_OK;
}

void rasd_pg_export_close(rasd_pg_export *x) {
    if (!x) return;
    PQclear(PQexec(x->db, "CLOSE rasd_export"));
    if (x->opened) {
        /* a failed statement leaves the transaction aborted: ROLLBACK ends either */
        PQclear(PQexec(x->db, PQtransactionStatus(x->db) == PQTRANS_INERROR ? "ROLLBACK" : "COMMIT"));
    }
    free(x);
}
