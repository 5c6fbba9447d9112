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
        cmocka_unit_test(test_deferred_sums_rebuilt),
    };
    return cmocka_run_group_tests(tests, store_test_setup, store_test_teardown);
}
