/*
 * test_store_sums.c: the summary tables the read routes answer from
 * (schema step 7 on) and the copies of each event's, quote's and label's
 * document day and outlet (step 8): kept equal to the rows they come from
 * while rows are stored (each batch's rows added at its commit, the day and
 * outlet copies by the INSERTs or triggers), built from the rows already there when an older
 * store is migrated, and the lists read from them answering exactly what
 * the same question asked of the rows themselves answers, filter by
 * filter, with NULL outlets, dates, names and types among the rows.
 */
#include "test_helpers.h"
#include "test_store_helpers.h"

#include "core/internal.h"
#include "storage/fts_rasd.h"
#include "storage/queries.h"
#include "storage/rows.h"
#include "storage/schema.h"
#include "storage/store.h"

#include <sqlite3.h>
#include <unistd.h>

/* Documents of three outlets (one unknown) over three days (one
 * undated), with entity rows written the way the store writes them.
 * Made-up names; what matters is which rows share an entity, a day or an
 * outlet. */
static const char DOCS[] =
    "INSERT INTO documents(id, hash, text_id, origin, title, source, published, text) VALUES"
    " (1, 'h1', 't1', 'a', 'خبر أول', 'alpha', '2024-03-01', 'نص أول'),"
    " (2, 'h2', 't2', 'b', 'خبر ثان', 'alpha', '2024-03-02', 'نص ثان'),"
    " (3, 'h3', 't3', 'c', 'خبر ثالث', 'beta', '2024-03-02', 'نص ثالث'),"
    " (4, 'h4', 't4', 'd', 'خبر رابع', NULL, '2024-03-03', 'نص رابع'),"
    " (5, 'h5', 't5', 'e', 'خبر خامس', 'beta', NULL, 'نص خامس');";
static const char ENTITIES[] =
    "INSERT INTO entities(doc, entity, name, type, country, mention_count, mentions) VALUES"
    " (1, 'land-a', 'بلد أ', 'state', 'AAA', 3, '[]'),"
    " (2, 'land-a', 'بلد أ', 'state', 'AAA', 1, '[]'),"
    " (3, 'land-a', 'دولة أ', 'state', NULL, 2, '[]'),"
    " (4, 'land-a', 'بلد أ', 'state', 'AAA', 5, '[]'),"
    " (5, 'land-a', 'بلد أ', 'state', 'AAA', 1, '[]'),"
    " (1, 'person:سالم', 'سالم', 'person', NULL, 2, '[]'),"
    " (3, 'person:سالم', 'سالم', 'person', NULL, 2, '[]'),"
    " (3, 'group-b', NULL, 'organization', 'BBB', 4, '[]'),"
    " (4, 'group-b', 'جماعة ب', 'armed_group', 'BBB', 1, '[]'),"
    " (5, 'group-b', 'جماعة ب', 'organization', 'BBB', 1, '[]'),"
    " (2, 'loose', 'كلمة', NULL, NULL, 7, '[]'),"
    " (5, 'loose', NULL, NULL, NULL, 1, '[]');";

/* Events, quotes and labels of those documents (an event with a date of
 * its own, one without, one in the undated article). */
static const char ROWS[] =
    "INSERT INTO events(doc, source, target, cameo, date, span_start, span_end) VALUES"
    " (1, 'land-a', 'group-b', '190', '2024-02-28', 0, 4), (3, 'group-b', NULL, '111', NULL, 2, 6),"
    " (5, 'land-a', NULL, '042', NULL, 0, 2), (4, NULL, 'land-a', '190', '2024-03-03', 1, 3);"
    "INSERT INTO quotes(doc, speaker, direct, span_start, span_end, text) VALUES"
    " (2, 'person:سالم', 1, 0, 5, 'قول'), (4, NULL, 0, 1, 4, 'قول آخر'), (5, 'land-a', 1, 0, 3, 'قول ثالث');"
    "INSERT INTO framing(doc, actor, term, label, polarity, span_start, span_end) VALUES"
    " (3, 'group-b', 'مسلحون', 'armed', -1, 0, 3), (4, 'group-b', 'ثوار', 'rebel', 1, 0, 3),"
    " (5, NULL, 'كلمة', 'other', 0, 1, 2);";

/* Each row's copy of its document's day and outlet (schema step 8) is
 * what its document says. */
static void assert_doc_columns_hold(sqlite3 *db) {
    assert_int_equal(scalar(db, "SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc WHERE "
                                "e.doc_day IS NOT coalesce(e.date, d.published) OR e.doc_source IS NOT d.source"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc WHERE "
                                "q.doc_published IS NOT d.published OR q.doc_source IS NOT d.source"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM framing f JOIN documents d ON d.id = f.doc WHERE "
                                "f.doc_published IS NOT d.published OR f.doc_source IS NOT d.source"),
                     0);
}

/* Each summary table against the same sums recomputed from the rows:
 * no row of one is missing from the other. */
static void assert_sums_hold(sqlite3 *db) {
    static const char *const CHECKS[][2] = {
        {"SELECT entity, name, type, country, mentions, articles FROM actor_totals",
         "SELECT entity, max(name), max(type), max(country), sum(mention_count), count(*) FROM entities "
         "GROUP BY entity"},
        {"SELECT type, entity, name, country, mentions, articles FROM actor_type_totals",
         "SELECT type, entity, max(name), max(country), sum(mention_count), count(*) FROM entities "
         "WHERE type IS NOT NULL GROUP BY type, entity"},
        {"SELECT published, source, entity, type, name, country, mentions, articles FROM actor_days",
         "SELECT d.published, d.source, e.entity, e.type, max(e.name), max(e.country), sum(e.mention_count), "
         "count(*) FROM entities e JOIN documents d ON d.id = e.doc GROUP BY 1, 2, 3, 4"},
        /* each actor's dated days, each with the one before */
        {"SELECT entity, published, prev FROM actor_day_list",
         "SELECT entity, published, lag(published) OVER (PARTITION BY entity ORDER BY published) FROM (SELECT "
         "DISTINCT e.entity, d.published FROM entities e JOIN documents d ON d.id = e.doc "
         "WHERE d.published IS NOT NULL)"},
        /* each outlet's actors, by type ('' for none) */
        {"SELECT source, entity, type FROM actor_outlets",
         "SELECT DISTINCT d.source, e.entity, coalesce(e.type, '') FROM entities e JOIN documents d "
         "ON d.id = e.doc WHERE d.source IS NOT NULL"},
    };
    for (size_t i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++) {
        char sql[1024];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", CHECKS[i][0], CHECKS[i][1]);
        if (scalar(db, sql) != 0) fail_msg("rows the entity rows do not sum to: %s", CHECKS[i][0]);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", CHECKS[i][1], CHECKS[i][0]);
        if (scalar(db, sql) != 0) fail_msg("sums missing from: %s", CHECKS[i][0]);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s)", CHECKS[i][0]);
        assert_true(scalar(db, sql) > 0);
    }
}

/* What the store's writer does at a batch's commit: the entity rows of
 * the listed documents (a SELECT or VALUES of ids) added to the sums. */
static void add_batch_sums(sqlite3 *db, const char *docs) {
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE TEMP TABLE IF NOT EXISTS batch_docs(doc INTEGER PRIMARY KEY); INSERT INTO temp.batch_docs %s",
             docs);
    exec_ok(db, sql);
    exec_ok(db, rasd_sqlite_sums_sql);
    assert_int_equal(scalar(db, "SELECT count(*) FROM temp.batch_docs"), 0);
}

static void test_batches_keep_sums(void **state) {
    (void)state;
    const char *path = tmp_path("batches.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    exec_ok(db, DOCS);
    exec_ok(db, ENTITIES);
    exec_ok(db, ROWS);
    /* two batches: the second's sums add to rows the first made */
    add_batch_sums(db, "SELECT id FROM documents WHERE id <= 2");
    add_batch_sums(db, "SELECT id FROM documents WHERE id > 2");
    assert_sums_hold(db);
    assert_doc_columns_hold(db);
    /* the copies were set: the event dated by its article has its day */
    assert_int_equal(scalar(db, "SELECT count(*) FROM events WHERE doc = 3 AND doc_day = '2024-03-02' AND "
                                "doc_source = 'beta'"),
                     1);
    /* a person seen twice in one outlet on one day is one row of two */
    assert_int_equal(scalar(db, "SELECT articles FROM actor_days WHERE entity = 'person:سالم' AND source = 'beta'"),
                     1);
    assert_int_equal(scalar(db, "SELECT mentions FROM actor_totals WHERE entity = 'land-a'"), 12);
    /* the undated article of an unknown outlet has its own row */
    exec_ok(db, "INSERT INTO documents(id, hash, text_id, origin, text) VALUES (6, 'h6', 't6', 'f', 'نص');"
                "INSERT INTO entities(doc, entity, name, type, country, mention_count, mentions) VALUES"
                " (6, 'land-a', 'بلد أ', 'state', 'AAA', 2, '[]'), (6, 'land-a', 'بلد أ', 'state', 'AAA', 1, '[]');");
    add_batch_sums(db, "VALUES (6)");
    assert_int_equal(scalar(db, "SELECT mentions FROM actor_days WHERE entity = 'land-a' AND published IS NULL "
                                "AND source IS NULL"),
                     3);
    assert_sums_hold(db);
    /* days stored out of order: one before all the others, then a later
     * day, then one between (the later day's day before changes) */
    exec_ok(db, "INSERT INTO documents(id, hash, text_id, origin, source, published, text) VALUES"
                " (7, 'h7', 't7', 'g', 'alpha', '2024-02-27', 'نص'), (8, 'h8', 't8', 'h', 'beta', '2024-03-09', 'نص'),"
                " (9, 'h9', 't9', 'i', 'beta', '2024-03-05', 'نص');"
                "INSERT INTO entities(doc, entity, name, type, country, mention_count, mentions) VALUES"
                " (7, 'land-a', 'بلد أ', 'state', 'AAA', 1, '[]'), (8, 'group-b', NULL, 'organization', 'BBB', 1, '[]'),"
                " (9, 'group-b', NULL, 'organization', 'BBB', 2, '[]');");
    add_batch_sums(db, "VALUES (7)");
    add_batch_sums(db, "VALUES (8)");
    add_batch_sums(db, "VALUES (9)");
    assert_int_equal(scalar(db, "SELECT count(*) FROM actor_day_list WHERE entity = 'group-b' AND "
                                "published = '2024-03-09' AND prev = '2024-03-05'"),
                     1);
    assert_sums_hold(db);
    sqlite3_close(db);
}

static void test_migration_builds_sums(void **state) {
    (void)state;
    const char *path = tmp_path("old.db");
    unlink(path);
    sqlite3 *db = raw_open(path);
    rasd_error err = {0};
    assert_int_equal(rasd_schema_migrate(db, path, 6, &err), RASD_OK);
    exec_ok(db, DOCS);
    exec_ok(db, ENTITIES);
    exec_ok(db, ROWS);
    assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'actor_totals'"), 0);
    sqlite3_close(db);
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_store_close(s);
    db = raw_open(path);
    assert_true(scalar(db, "PRAGMA user_version") >= 8);
    assert_sums_hold(db);
    assert_doc_columns_hold(db);
    sqlite3_close(db);
}

/* The actors list as it was asked of the entity rows before the sums
 * (every row read, its document looked up under a filter): the answers
 * from the sums must be these, byte for byte. */
static const char ACTORS_FROM_ROWS[] =
    "WITH m AS (SELECT e.entity AS id, max(e.name) AS name, max(e.type) AS type, max(e.country) AS country, "
    "  sum(e.mention_count) AS mentions, count(*) AS articles FROM entities e "
    "  WHERE (:type IS NULL OR e.type = :type) AND ((:since IS NULL AND :until IS NULL AND :outlet IS NULL) OR "
    "  EXISTS (SELECT 1 FROM documents d WHERE d.id = e.doc AND (:since IS NULL OR d.published >= :since) AND "
    "  (:until IS NULL OR d.published <= :until) AND (:outlet IS NULL OR d.source = :outlet))) GROUP BY e.entity), "
    "page AS (SELECT * FROM m ORDER BY mentions DESC, id LIMIT :limit OFFSET :offset) "
    "SELECT json_object('total', (SELECT count(*) FROM m), 'limit', :limit, 'offset', :offset, "
    "'items', json((SELECT json_group_array(json_object('id', id, 'name', name, 'type', type, 'country', country, "
    "'mentions', mentions, 'articles', articles)) FROM page)))";

static char *actors_from_rows(sqlite3 *db, const rasd_query *q) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, ACTORS_FROM_ROWS, -1, &st, NULL), SQLITE_OK);
    const char *const names[] = {":type", ":since", ":until", ":outlet"};
    const char *const values[] = {q->type, q->since, q->until, q->outlet};
    for (int i = 0; i < 4; i++) {
        int k = sqlite3_bind_parameter_index(st, names[i]);
        if (values[i]) sqlite3_bind_text(st, k, values[i], -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"), q->limit ? (int64_t)q->limit : 20);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"), (int64_t)q->offset);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *json = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return json;
}

static void test_actors_list_as_from_rows(void **state) {
    (void)state;
    const char *path = tmp_path("list.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    exec_ok(db, DOCS);
    exec_ok(db, ENTITIES);
    add_batch_sums(db, "SELECT id FROM documents");
    s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    const rasd_query QS[] = {
        {0},
        {.type = "state"},
        {.type = "organization"},
        {.type = "nothing-of-the-kind"},
        {.outlet = "alpha"},
        {.outlet = "beta", .type = "organization"},
        {.since = "2024-03-02"},
        {.until = "2024-03-02"},
        {.since = "2024-03-02", .until = "2024-03-02", .outlet = "beta"},
        {.since = "2024-03-03", .type = "armed_group"},
        {.since = "2025-01-01"},
        {.limit = 2, .offset = 1},
        {.since = "2024-03-01", .limit = 1, .offset = 1},
    };
    for (size_t i = 0; i < sizeof QS / sizeof QS[0]; i++) {
        rasd_buf out = {0};
        assert_int_equal(rasd_query_actors(s, &QS[i], &out, &err), RASD_OK);
        rasd_buf_putc(&out, '\0');
        char *want = actors_from_rows(db, &QS[i]);
        if (strcmp(out.data, want) != 0) fail_msg("query %zu:\n got  %s\n want %s", i, out.data, want);
        free(want);
        rasd_buf_free(&out);
    }
    rasd_store_close(s);
    sqlite3_close(db);
}

/* A larger store for the lists whose statements are built from the
 * filters a request has (queries_sqlite.c, schema step 10): 90 articles
 * of three outlets and none over seven days and none, 45 actors with
 * mentions from many (the first few) to few, four events and two quotes
 * an article, written by a fixed rule so that every filter of every list
 * matches some rows and misses others. */
static void fill_many(sqlite3 *db) {
    static const char *const OUTLETS[] = {"'alpha'", "'beta'", "'gamma'", "NULL"};
    static const char *const CAMEO[] = {"'190'", "'0411'", "'042'", "'111'", "'193'", "'20'", "'1711'", "'01'", "NULL"};
    static const char *const TYPES[] = {"'state'", "'person'", "'organization'", "NULL"};
    char row[512];
    exec_ok(db, "BEGIN");
    for (int d = 1; d <= 90; d++) {
        const char *day = d % 8 == 7 ? "NULL" : NULL;
        char dbuf[16];
        if (!day) snprintf(dbuf, sizeof dbuf, "'2024-03-0%d'", d % 8 + 1), day = dbuf;
        snprintf(row, sizeof row,
                 "INSERT INTO documents(id, hash, text_id, origin, title, source, published, text) VALUES"
                 " (%d, 'h%d', 't%d', 'o', 'عنوان الخبر %d', %s, %s, 'نص الخبر رقم %d في الصفحة');",
                 d, d, d, d, OUTLETS[d % 4], day, d);
        exec_ok(db, row);
        /* actor j is in article d when (d + j) % (j / 3 + 1) == 0: the first
         * ones in almost every article, the last in one of fifteen; one
         * article in eleven gives it another type */
        for (int j = 0; j < 45; j++)
            if ((d + j) % (j / 3 + 1) == 0) {
                snprintf(row, sizeof row,
                         "INSERT INTO entities(doc, entity, name, type, country, mention_count, mentions) VALUES"
                         " (%d, 'actor-%02d', %s, %s, %s, %d, '[]');",
                         d, j, j % 7 == 3 ? "NULL" : "'اسم'", TYPES[(j + (d % 11 == 0)) % 4], j % 5 ? "'AAA'" : "NULL",
                         1 + (d * 7 + j) % 5);
                exec_ok(db, row);
            }
        for (int k = 0; k < 4; k++) {
            char date[20] = "NULL", source[20] = "NULL";
            if ((d + k) % 5 == 0) snprintf(date, sizeof date, "'2024-02-2%d'", (d + k) % 10);
            if ((d + k) % 9 != 8) snprintf(source, sizeof source, "'actor-0%d'", (d + k) % 9);
            snprintf(row, sizeof row,
                     "INSERT INTO events(doc, source, target, cameo, place, date, span_start, span_end) VALUES"
                     " (%d, %s, %s, %s, %s, %s, %d, %d);",
                     d, source, (d * 3 + k) % 4 ? "'actor-01'" : "NULL", CAMEO[(d + 3 * k) % 9],
                     (d + k) % 3 ? "'gn:1'" : "'gn:2'", date, k * 3, k * 3 + 2);
            exec_ok(db, row);
        }
        for (int k = 0; k < 2; k++) {
            snprintf(row, sizeof row,
                     "INSERT INTO quotes(doc, speaker, direct, span_start, span_end, text) VALUES"
                     " (%d, %s, %d, %d, %d, 'قول %d');",
                     d, (d + k) % 3 ? "'actor-02'" : (d + k) % 2 ? "NULL" : "'actor-05'", k, k * 4, k * 4 + 3, k);
            exec_ok(db, row);
        }
    }
    exec_ok(db, "COMMIT");
}

/* The events, quotes and timeline questions as queries_sqlite.c asked
 * them before step 10: one statement with every filter written
 * "(:x IS NULL OR ...)". The answers built from the filters given must be
 * these, byte for byte. */
#define OLD_EVENT_FILTERS                                                                                     \
    "(:cameo IS NULL OR substr(e.cameo, 1, length(:cameo)) = :cameo) AND (:outlet IS NULL OR e.doc_source = " \
    ":outlet) AND (:since IS NULL OR e.doc_day >= :since) AND (:until IS NULL OR e.doc_day <= :until)"
static const char OLD_EVENTS[] =
    "WITH m AS (SELECT e.doc, e.source, e.target, e.cameo, e.plover, e.acled, e.place, e.span_start, e.span_end, "
    "e.doc_source AS outlet, e.doc_day AS day FROM events e WHERE (:actor IS NULL OR e.source = :actor) AND "
    "(:target IS NULL OR e.target = :target) AND (:place IS NULL OR e.place = :place) AND " OLD_EVENT_FILTERS "), "
    "page AS (SELECT m.*, d.title, CAST(substr(CAST(d.text AS BLOB), m.span_start + 1, m.span_end - m.span_start) "
    "AS TEXT) AS t, (SELECT substr(CAST(substr(CAST(d.text AS BLOB), p.span_start + 1, p.span_end - p.span_start) "
    "AS TEXT), 1, 300) FROM paragraphs p WHERE p.doc = d.id AND p.span_start <= m.span_start AND p.span_end >= "
    "m.span_end ORDER BY p.idx LIMIT 1) AS c FROM (SELECT * FROM m ORDER BY day DESC, doc DESC, span_start, "
    "span_end, source, target, cameo, plover, acled, place LIMIT :limit OFFSET :offset) m JOIN documents d ON "
    "d.id = m.doc) SELECT json_object('total', (SELECT count(*) FROM m), 'limit', :limit, 'offset', :offset, "
    "'items', json((SELECT json_group_array(json_object('doc', doc, 'outlet', outlet, 'title', title, 'date', day, "
    "'source', source, 'target', target, 'cameo', cameo, 'plover', plover, 'acled', acled, 'place', place, "
    "'text', t, 'context', c, 'start', span_start, 'end', span_end)) FROM page)))";
static const char OLD_QUOTES[] =
    "WITH m AS (SELECT q.doc, q.speaker, q.speaker_text, q.verb, q.direct, q.span_start, q.span_end, q.text, "
    "q.doc_source AS outlet, q.doc_published AS published FROM quotes q WHERE (:speaker IS NULL OR q.speaker = "
    ":speaker) AND (:since IS NULL OR q.doc_published >= :since) AND (:until IS NULL OR q.doc_published <= "
    ":until) AND (:outlet IS NULL OR q.doc_source = :outlet)), page AS (SELECT p.*, d.title FROM (SELECT * FROM "
    "m ORDER BY published DESC, doc DESC, span_start, span_end, speaker, text LIMIT :limit OFFSET :offset) p "
    "JOIN documents d ON d.id = p.doc ORDER BY p.published DESC, p.doc DESC, p.span_start, p.span_end, p.speaker, "
    "p.text) SELECT json_object('total', (SELECT count(*) FROM m), 'limit', :limit, 'offset', :offset, 'items', "
    "json((SELECT json_group_array(json_object('doc', doc, 'outlet', outlet, 'title', title, 'published', "
    "published, 'speaker', speaker, 'speaker_text', speaker_text, 'verb', verb, 'direct', json(CASE WHEN direct "
    "THEN 'true' ELSE 'false' END), 'text', text, 'start', span_start, 'end', span_end)) FROM page)))";
static const char OLD_TIMELINE[] =
    "WITH ev AS (SELECT e.doc_day AS day FROM events e WHERE :actor IS NULL AND " OLD_EVENT_FILTERS " UNION ALL "
    "SELECT e.doc_day FROM events e WHERE :actor IS NOT NULL AND (e.source = :actor OR e.target = :actor) AND "
    OLD_EVENT_FILTERS "), art AS (SELECT d.published, count(*) AS k, NULL AS n FROM documents d WHERE :actor IS "
    "NULL AND d.published IS NOT NULL AND (:since IS NULL OR d.published >= :since) AND (:until IS NULL OR "
    "d.published <= :until) AND (:outlet IS NULL OR d.source = :outlet) GROUP BY d.published UNION ALL SELECT "
    "a.published, sum(a.articles), sum(a.mentions) FROM actor_days a WHERE :actor IS NOT NULL AND a.entity = "
    ":actor AND a.published IS NOT NULL AND (:since IS NULL OR a.published >= :since) AND (:until IS NULL OR "
    "a.published <= :until) AND (:outlet IS NULL OR a.source = :outlet) GROUP BY a.published) SELECT json_object("
    "'events', json((SELECT json_group_array(json_object('date', day, 'count', n)) FROM (SELECT day, count(*) AS n "
    "FROM ev WHERE day IS NOT NULL GROUP BY day ORDER BY day))), 'articles', json((SELECT json_group_array("
    "json_object('date', published, 'count', k, 'mentions', n)) FROM (SELECT * FROM art ORDER BY published))))";

/* The one JSON text a reference statement answers for q. */
static char *reference(sqlite3 *db, const char *sql, const rasd_query *q) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("%s", sqlite3_errmsg(db));
    const char *const names[] = {":since", ":until", ":outlet", ":actor", ":target",
                                 ":cameo", ":speaker", ":place", ":type"};
    const char *const values[] = {q->since, q->until, q->outlet, q->actor, q->target,
                                  q->cameo, q->speaker, q->place, q->type};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int k = sqlite3_bind_parameter_index(st, names[i]);
        if (k && values[i]) sqlite3_bind_text(st, k, values[i], -1, SQLITE_STATIC);
    }
    int k = sqlite3_bind_parameter_index(st, ":limit");
    if (k) sqlite3_bind_int64(st, k, q->limit ? (int64_t)q->limit : 20);
    if ((k = sqlite3_bind_parameter_index(st, ":offset"))) sqlite3_bind_int64(st, k, (int64_t)q->offset);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *json = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return json;
}

typedef rasd_status (*list_fn)(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err);

static void assert_lists_as(rasd_store *s, sqlite3 *db, const char *what, list_fn fn, const char *sql,
                            const rasd_query *qs, size_t n) {
    rasd_error err = {0};
    for (size_t i = 0; i < n; i++) {
        rasd_buf out = {0};
        assert_int_equal(fn(s, &qs[i], &out, &err), RASD_OK);
        rasd_buf_putc(&out, '\0');
        char *want = sql ? reference(db, sql, &qs[i]) : actors_from_rows(db, &qs[i]);
        if (strcmp(out.data, want) != 0) fail_msg("%s, query %zu:\n got  %s\n want %s", what, i, out.data, want);
        /* a filter that matches nothing would prove little */
        if (i == 0) assert_non_null(strstr(want, ":[{"));
        free(want);
        rasd_buf_free(&out);
    }
}

static void test_lists_as_with_every_filter(void **state) {
    (void)state;
    const char *path = tmp_path("many.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    fill_many(db);
    add_batch_sums(db, "SELECT id FROM documents");
    assert_sums_hold(db);
    s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    const rasd_query EVENTS[] = {
        {0},
        {.cameo = "1"},
        {.cameo = "19"},
        {.cameo = "0411"},
        {.cameo = "9"},
        {.outlet = "alpha"},
        {.since = "2024-03-02", .until = "2024-03-04"},
        {.until = "2024-02-25"},
        {.actor = "actor-03"},
        {.target = "actor-01"},
        {.place = "gn:2"},
        {.actor = "actor-03", .cameo = "1", .since = "2024-03-01"},
        {.outlet = "beta", .cameo = "0"},
        {.outlet = "gamma", .since = "2024-03-02", .until = "2024-03-06", .target = "actor-01"},
        {.limit = 3, .offset = 5},
        {.cameo = "0", .limit = 2, .offset = 4},
    };
    assert_lists_as(s, db, "events", rasd_query_events, OLD_EVENTS, EVENTS, sizeof EVENTS / sizeof EVENTS[0]);
    const rasd_query QUOTES[] = {
        {0},
        {.speaker = "actor-02"},
        {.outlet = "beta"},
        {.since = "2024-03-03", .until = "2024-03-05"},
        {.speaker = "actor-05", .outlet = "alpha", .since = "2024-03-02"},
        {.limit = 1, .offset = 3},
    };
    assert_lists_as(s, db, "quotes", rasd_query_quotes, OLD_QUOTES, QUOTES, sizeof QUOTES / sizeof QUOTES[0]);
    const rasd_query TIMELINE[] = {
        {0},
        {.actor = "actor-01"},
        {.cameo = "1"},
        {.outlet = "gamma"},
        {.since = "2024-02-25", .until = "2024-03-03"},
        {.actor = "actor-04", .cameo = "1", .outlet = "alpha", .since = "2024-03-01", .until = "2024-03-07"},
        {.actor = "actor-00", .since = "2024-03-04"},
    };
    assert_lists_as(s, db, "timeline", rasd_query_timeline, OLD_TIMELINE, TIMELINE,
                    sizeof TIMELINE / sizeof TIMELINE[0]);
    /* pages small enough for the bound of the first actors' sums to
     * leave most actors out, and pages and ranges where it cannot */
    const rasd_query ACTORS[] = {
        {.since = "2024-03-02", .limit = 1},
        {.since = "2024-03-02", .until = "2024-03-05", .limit = 2},
        {.outlet = "alpha", .limit = 3},
        {.outlet = "beta", .type = "person", .limit = 1},
        {.since = "2024-03-01", .type = "state", .limit = 2, .offset = 1},
        {.until = "2024-03-06", .limit = 5, .offset = 2},
        {.outlet = "gamma", .since = "2024-03-02", .until = "2024-03-03", .limit = 1},
        {.since = "2024-03-03", .until = "2024-03-03"},
        {.since = "2024-03-02", .limit = 50},
        {.outlet = "alpha", .offset = 40},
    };
    assert_lists_as(s, db, "actors", rasd_query_actors, NULL, ACTORS, sizeof ACTORS / sizeof ACTORS[0]);
    rasd_store_close(s);
    sqlite3_close(db);
}

/* The store's own write path (rasd_store_put, as ingest stores an
 * article): its INSERTs give the rows their document's day and outlet,
 * and the sums follow, for a dated article and an undated one of no
 * outlet. */
static void test_store_put_keeps_both(void **state) {
    (void)state;
    const char *path = tmp_path("put.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_row_entity ent[2] = {
        {.id = "land-a", .name = "بلد أ", .type = "state", .country = "AAA", .mention_count = 2, .mentions = "[]"},
        {.id = "group-b", .name = "جماعة ب", .type = "armed_group", .mention_count = 1, .mentions = "[]"},
    };
    rasd_row_event ev[2] = {{.source = "group-b", .target = "land-a", .cameo = "190", .start = 0, .end = 4},
                            {.source = "land-a", .cameo = "042", .date = "2024-01-05", .start = 5, .end = 9}};
    rasd_row_quote qu = {.speaker = "land-a", .text = "كلام", .direct = true, .start = 10, .end = 14};
    rasd_row_framing fr = {.actor = "group-b", .term = "مسلحون", .label = "armed", .polarity = -1, .start = 0,
                           .end = 3};
    rasd_rows rows = {.entities = ent, .n_entities = 2, .quotes = &qu, .n_quotes = 1, .events = ev, .n_events = 2,
                      .framing = &fr, .n_framing = 1};
    static const char *const TEXTS[] = {"خبر أول\nهاجمت جماعة ب مواقع في بلد أ.", "خبر ثان\nقال مسؤول إن الوضع هادئ."};
    for (int i = 0; i < 2; i++) {
        char hash[33];
        snprintf(hash, sizeof hash, "%032d", i + 1);
        rasd_store_doc d = {.hash = hash, .text_id = hash, .origin = "t", .title = "خبر", .text = TEXTS[i],
                            .len = strlen(TEXTS[i]), .source = i ? NULL : "alpha",
                            .published = i ? NULL : "2024-01-07", .rows = &rows};
        int64_t id;
        bool already;
        assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
        assert_int_equal(rasd_store_put(s, &d, &id, &already, &err), RASD_OK);
        assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    }
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    assert_int_equal(scalar(db, "SELECT count(*) FROM events"), 4);
    assert_doc_columns_hold(db);
    /* the event with a date of its own keeps it; the other takes the article's */
    assert_int_equal(scalar(db, "SELECT count(*) FROM events WHERE doc_source = 'alpha' AND "
                                "doc_day IN ('2024-01-05', '2024-01-07')"),
                     2);
    assert_sums_hold(db);
    sqlite3_close(db);
}

/* A run that ends with a settle defers the sums of its batches
 * (rasd_store_defer_sums) and the settle makes them again from every row
 * (rasd_store_rebuild_sums): until then they lack the deferred rows, after
 * it they are what the rows sum to, and a batch stored after it adds its
 * own as before. */
static void test_deferred_sums_rebuilt(void **state) {
    (void)state;
    const char *path = tmp_path("deferred.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_row_entity ent[2] = {
        {.id = "land-a", .name = "بلد أ", .type = "state", .country = "AAA", .mention_count = 2, .mentions = "[]"},
        {.id = "group-b", .name = "جماعة ب", .mention_count = 1, .mentions = "[]"},
    };
    rasd_rows rows = {.entities = ent, .n_entities = 2};
    static const char *const TEXTS[] = {"خبر أول\nهاجمت جماعة ب مواقع في بلد أ.", "خبر ثان\nزار وفد من بلد أ المدينة.",
                                        "خبر ثالث\nعادت جماعة ب إلى مواقعها."};
    for (int i = 0; i < 3; i++) {
        char hash[33];
        snprintf(hash, sizeof hash, "%032d", i + 1);
        rasd_store_doc d = {.hash = hash, .text_id = hash, .origin = "t", .title = "خبر", .text = TEXTS[i],
                            .len = strlen(TEXTS[i]), .source = i == 1 ? NULL : "alpha",
                            .published = i == 2 ? NULL : "2024-01-07", .rows = &rows};
        int64_t id;
        bool already;
        assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
        assert_int_equal(rasd_store_put(s, &d, &id, &already, &err), RASD_OK);
        rasd_store_defer_sums(s, i < 2);
        assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
        if (i == 1) {
            sqlite3 *db = raw_open(path);
            assert_int_equal(scalar(db, "SELECT count(*) FROM actor_totals"), 0);
            sqlite3_close(db);
            assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
            assert_int_equal(rasd_store_rebuild_sums(s, &err), RASD_OK);
            assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
            db = raw_open(path);
            assert_sums_hold(db);
            sqlite3_close(db);
        }
    }
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    assert_int_equal(scalar(db, "SELECT articles FROM actor_totals WHERE entity = 'group-b'"), 3);
    assert_sums_hold(db);
    sqlite3_close(db);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batches_keep_sums),
        cmocka_unit_test(test_migration_builds_sums),
        cmocka_unit_test(test_actors_list_as_from_rows),
        cmocka_unit_test(test_store_put_keeps_both),
        cmocka_unit_test(test_lists_as_with_every_filter),
        cmocka_unit_test(test_deferred_sums_rebuilt),
    };
    return cmocka_run_group_tests(tests, store_test_setup, store_test_teardown);
}
