/*
 * test_store.c: the store (src/storage/) and the readers it ingests from
 * (src/corpus/reader*.c): schema creation and migration from an older
 * version, re-storing changes nothing, the full-text index finds the
 * spelling variants FTS5's own tokenizer misses (shown side by side),
 * search filters, and every kind of bad input reported with its file and
 * position while the records around it are read.
 */
#include "test_helpers.h"
#include "test_store_helpers.h"

#include "core/internal.h"
#include "corpus/reader.h"
#include "corpus/reader_json_array.h"
#include "storage/fts_rasd.h"
#include "storage/schema.h"
#include "storage/store.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

static void write_file(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}


/* A document with made-up text (hash from the text and a tag). */
static rasd_store_doc make_doc(const char *tag, const char *title, const char *text, const char *source,
                               const char *published, char hash[33]) {
    snprintf(hash, 33, "%016llx%016llx", (unsigned long long)rasd_hash_bytes(text, strlen(text)),
             (unsigned long long)rasd_hash_bytes(tag, strlen(tag)));
    rasd_store_doc d = {.hash = hash, .text_id = hash, .origin = tag, .title = title, .text = text,
                        .len = strlen(text), .source = source, .published = published};
    return d;
}

/* ------------------------------------------------------------- schema */

static void test_schema_created(void **state) {
    (void)state;
    const char *path = tmp_path("new.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    assert_int_equal(scalar(db, "PRAGMA user_version"), rasd_schema_version());
    static const char *const TABLES[] = {"documents", "documents_fts", "entities", "places", "quotes", "events",
                                         "framing", "numbers", "dates", "paragraphs", "stories", "story_labels",
                                         "fingerprints", "state"};
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'", TABLES[i]);
        if (scalar(db, sql) != 1) fail_msg("table %s missing", TABLES[i]);
    }
    char *mode = NULL;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW) mode = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    assert_string_equal(mode, "wal");
    free(mode);
    sqlite3_close(db);
}

static void test_migration_from_version_1(void **state) {
    (void)state;
    const char *path = tmp_path("old.db");
    unlink(path);
    sqlite3 *db = raw_open(path);
    rasd_error err = {0};
    assert_int_equal(rasd_schema_migrate(db, path, 1, &err), RASD_OK);
    assert_int_equal(scalar(db, "PRAGMA user_version"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'entities'"), 0);
    /* a document stored by the version-1 schema */
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO documents(id, hash, text_id, origin, title, text) VALUES(7, "
                                  "'0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef', 'old.txt', "
                                  "'خبر قديم', 'خبر قديم\nاجتمع المجلس المحلي في المدينة لبحث الخدمات.');"
                                  "INSERT INTO documents_fts(rowid, title, text) SELECT id, title, text FROM documents;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);

    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    int64_t id = 0;
    assert_int_equal(rasd_store_find_by_hash(s, "0123456789abcdef0123456789abcdef", &id, &err), RASD_OK);
    assert_int_equal(id, 7);
    rasd_store_close(s);
    db = raw_open(path);
    assert_int_equal(scalar(db, "PRAGMA user_version"), rasd_schema_version());
    assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('entities', 'stories')"), 2);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'مجلس'"), 1);
    sqlite3_close(db);
}

static void test_newer_schema_refused(void **state) {
    (void)state;
    const char *path = tmp_path("newer.db");
    unlink(path);
    sqlite3 *db = raw_open(path);
    sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
    sqlite3_close(db);
    rasd_error err = {0};
    assert_null(rasd_store_open(path, test_lex, &err));
    assert_non_null(strstr(err.message, "newer"));
    assert_non_null(strstr(err.message, path));
}

static void test_not_a_database(void **state) {
    (void)state;
    const char *path = tmp_path("text.db");
    const char text[] = "this is not a database, only some text that is long enough to look like a header\n";
    write_file(path, text, sizeof text - 1);
    rasd_error err = {0};
    assert_null(rasd_store_open(path, test_lex, &err));
    assert_int_equal(err.code, RASD_ERR_DB);
    assert_non_null(strstr(err.message, path));
}

/* ------------------------------------------------------------ storing */

static void test_put_twice_changes_nothing(void **state) {
    (void)state;
    const char *path = tmp_path("twice.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    char h[33];
    rasd_store_doc d = make_doc("a.txt", "عنوان", "عنوان\nقصفت الطائرات مواقع في ريف المدينة.", "outlet", "2021-03-04",
                                h);
    int64_t id1 = 0, id2 = 0;
    bool already = true;
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    assert_int_equal(rasd_store_put(s, &d, &id1, &already, &err), RASD_OK);
    assert_false(already);
    assert_int_equal(rasd_store_put(s, &d, &id2, &already, &err), RASD_OK);
    assert_true(already);
    assert_int_equal(id1, id2);
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    rasd_store_counts c;
    assert_int_equal(rasd_store_counts_get(s, &c, &err), RASD_OK);
    assert_int_equal(c.documents, 1);
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'قصف'"), 1);
    sqlite3_close(db);
}

static void test_uncommitted_batch_leaves_nothing(void **state) {
    (void)state;
    const char *path = tmp_path("rollback.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    char h1[33], h2[33];
    rasd_store_doc d1 = make_doc("1", "أول", "أول\nنص الخبر الأول عن السوق.", NULL, NULL, h1);
    rasd_store_doc d2 = make_doc("2", "ثان", "ثان\nنص الخبر الثاني عن المدرسة.", NULL, NULL, h2);
    int64_t id;
    bool already;
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    assert_int_equal(rasd_store_put(s, &d1, &id, &already, &err), RASD_OK);
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    assert_int_equal(rasd_store_put(s, &d2, &id, &already, &err), RASD_OK);
    rasd_store_close(s); /* no commit: as if the process died here */
    sqlite3 *db = raw_open(path);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'مدرسة'"), 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'سوق'"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
    sqlite3_close(db);
}

/* A document that fails half-way inside a batch leaves no row, not even in
 * the full-text index that the batch writes at its commit, and costs the
 * documents around it nothing. */
static void test_failed_document_mid_batch(void **state) {
    (void)state;
    const char *path = tmp_path("midbatch.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    char h1[33], h2[33], h3[33];
    rasd_store_doc d1 = make_doc("1", "أول", "أول\nافتتح المحافظ جسرا جديدا فوق النهر.", NULL, NULL, h1);
    rasd_store_doc d2 = make_doc("2", "ثان", "ثان\nأغلقت البلدية سوق الخضار للصيانة.", NULL, NULL, h2);
    rasd_store_doc d3 = make_doc("3", "ثالث", "ثالث\nفاز الفريق بالمباراة النهائية للبطولة.", NULL, NULL, h3);
    /* an entity row without its id breaks a NOT NULL column of the second
     * document's rows, after its document and index rows were written */
    rasd_row_entity bad = {.id = NULL, .name = "بلدية", .mention_count = 1, .mentions = "[[0,1]]"};
    rasd_rows rows = {.entities = &bad, .n_entities = 1};
    d2.rows = &rows;
    int64_t id;
    bool already;
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    assert_int_equal(rasd_store_put(s, &d1, &id, &already, &err), RASD_OK);
    assert_int_not_equal(rasd_store_put(s, &d2, &id, &already, &err), RASD_OK);
    assert_int_equal(id, 0);
    assert_int_equal(rasd_store_put(s, &d3, &id, &already, &err), RASD_OK);
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    rasd_store_close(s);
    sqlite3 *db = raw_open(path);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents"), 2);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities"), 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'جسر'"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'سوق'"), 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'مباراة'"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
    sqlite3_close(db);
}

/* ------------------------------------------------------ search quality */

typedef struct variant_case {
    const char *what, *query, *text;
} variant_case;

/* Each text writes the query's word another way; both spellings occur in
 * real Arabic news. */
static const variant_case VARIANTS[] = {
    {"ي/ير spelling of a foreign name", "الأمريكية", "وصلت القوات الأميركية إلى القاعدة"},
    {"proclitic ل", "داعش", "قدم الدعم لداعش في المنطقة"},
    {"proclitics و+ال", "المحافظة", "وصل الوفد والمحافظة هادئة"},
    {"run-together name", "\"دير الزور\"", "اشتباكات في ديرالزور أمس"},
    {"diacritics", "مدينة", "وصل إلى مَدِينَةٍ كبيرة صباحاً"},
    {"tatweel", "السلام", "دعا إلى الســــلام الدائم"},
    {"alef with hamza", "إعلان", "صدر اعلان رسمي عن الهدنة"},
    {"taa marbuta / haa", "مدرسة", "قصفت مدرسه في القرية"},
    {"alef maqsura / yaa", "مستشفى", "نقل الجرحى إلى مستشفي المدينة"},
};

static int64_t fts_count(sqlite3 *db, const char *table, const char *query) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s MATCH ?", table, table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void test_variants_side_by_side(void **state) {
    (void)state;
    sqlite3 *db = raw_open(":memory:");
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE VIRTUAL TABLE plain USING fts5(text, tokenize='unicode61 remove_diacritics 2');"
                                  "CREATE VIRTUAL TABLE ours USING fts5(text, tokenize='rasd');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    size_t n = sizeof VARIANTS / sizeof VARIANTS[0];
    sqlite3_stmt *ins1, *ins2;
    sqlite3_prepare_v2(db, "INSERT INTO plain(rowid, text) VALUES(?, ?)", -1, &ins1, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO ours(rowid, text) VALUES(?, ?)", -1, &ins2, NULL);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *ins[2] = {ins1, ins2};
        for (int k = 0; k < 2; k++) {
            sqlite3_bind_int64(ins[k], 1, (int64_t)i + 1);
            sqlite3_bind_text(ins[k], 2, VARIANTS[i].text, -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(ins[k]), SQLITE_DONE);
            sqlite3_reset(ins[k]);
        }
    }
    sqlite3_finalize(ins1);
    sqlite3_finalize(ins2);
    printf("  %-32s %-14s %-10s %s\n", "variant", "query", "unicode61", "rasd");
    size_t rasd_found = 0, plain_found = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t p = fts_count(db, "plain", VARIANTS[i].query), r = fts_count(db, "ours", VARIANTS[i].query);
        printf("  %-32s %-14s %-10s %s\n", VARIANTS[i].what, VARIANTS[i].query, p > 0 ? "found" : "missed",
               r > 0 ? "found" : "missed");
        plain_found += p > 0;
        rasd_found += r > 0;
        if (r <= 0) fail_msg("rasd's tokenizer misses \"%s\" in \"%s\" (%s)", VARIANTS[i].query, VARIANTS[i].text,
                             VARIANTS[i].what);
    }
    printf("  unicode61 finds %zu of %zu, rasd %zu of %zu\n", plain_found, n, rasd_found, n);
    assert_true(plain_found < n / 2);
    /* and no false friend: an unrelated word finds nothing */
    assert_int_equal(fts_count(db, "ours", "برلمان"), 0);
    sqlite3_close(db);
}

static void test_highlight_points_into_original(void **state) {
    (void)state;
    sqlite3 *db = raw_open(":memory:");
    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='rasd');"
                     "INSERT INTO t(text) VALUES('وصل الوفد لداعش والقوات الأميركيّة');",
                 NULL, NULL, NULL);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'داعش الأمريكية'", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "وصل الوفد [لداعش] والقوات [الأميركيّة]");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* -------------------------------------------------------------- search */

typedef struct hits {
    size_t n;
    int64_t ids[16];
    char snippet[512];
} hits;

static bool collect_hit(void *ctx, const rasd_search_hit *h) {
    hits *x = ctx;
    if (x->n == 0 && h->snippet) snprintf(x->snippet, sizeof x->snippet, "%s", h->snippet);
    if (x->n < 16) x->ids[x->n] = h->id;
    x->n++;
    return true;
}

static size_t search(rasd_store *s, rasd_search_query q, hits *out) {
    memset(out, 0, sizeof *out);
    rasd_error err = {0};
    if (rasd_store_search(s, &q, collect_hit, out, &err) != RASD_OK) fail_msg("%s", err.message);
    return out->n;
}

static void test_search_filters(void **state) {
    (void)state;
    const char *path = tmp_path("filters.db");
    unlink(path);
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(path, test_lex, &err);
    assert_non_null(s);
    /* three articles on one subject from two outlets, with analysis rows */
    char h[3][33];
    rasd_store_doc d[3] = {
        make_doc("1", "هجوم على حاجز", "هجوم على حاجز\nهاجم مسلحون حاجزا قرب الرقة.", "الأولى", "2020-01-10", h[0]),
        make_doc("2", "هجوم ثان", "هجوم ثان\nهجوم جديد على حاجز في الحسكة.", "الثانية", "2020-02-10", h[1]),
        make_doc("3", "تقرير", "تقرير\nتقرير عن الهجوم على الحاجز في الرقة.", "الأولى", "2020-03-10", h[2]),
    };
    rasd_row_entity ent = {.id = "sdf", .name = "قسد", .type = "armed_group", .mention_count = 1, .mentions = "[]"};
    rasd_row_place place = {.id = "gn:123", .name = "الرقة", .mention_count = 1, .mentions = "[]"};
    rasd_rows rows_with = {.entities = &ent, .n_entities = 1, .places = &place, .n_places = 1};
    rasd_rows rows_none = {0};
    d[0].rows = &rows_with;
    d[1].rows = &rows_none;
    d[2].rows = &rows_with;
    rasd_store_begin(s, &err);
    int64_t ids[3];
    for (int i = 0; i < 3; i++) {
        bool already;
        assert_int_equal(rasd_store_put(s, &d[i], &ids[i], &already, &err), RASD_OK);
    }
    rasd_store_commit(s, &err);
    hits x;
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم"}, &x), 3);
    /* the title weighs more: the two with هجوم in the title come first */
    assert_true(x.ids[2] == ids[2]);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .outlet = "الأولى"}, &x), 2);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .since = "2020-02-01"}, &x), 2);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .until = "2020-02-10"}, &x), 2);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .since = "2020-02-01", .until = "2020-02-28"}, &x),
                     1);
    assert_int_equal(x.ids[0], ids[1]);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .actor = "sdf"}, &x), 2);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .place = "gn:123", .outlet = "الثانية"}, &x), 0);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم", .limit = 1}, &x), 1);
    assert_int_equal(search(s, (rasd_search_query){.text = "حاجز الحسكة"}, &x), 1);
    assert_int_equal(search(s, (rasd_search_query){.text = "\"حاجز في الحسكة\"", .mark_open = "<", .mark_close = ">"},
                            &x),
                     1);
    if (!strstr(x.snippet, "<حاجز في الحسكة>")) fail_msg("snippet: %s", x.snippet);
    /* a query in bad FTS5 syntax is a usage error with the query named */
    hits y;
    rasd_search_query bad = {.text = "\"غير مغلق"};
    assert_int_equal(rasd_store_search(s, &bad, collect_hit, &y, &err), RASD_ERR_USAGE);
    assert_non_null(strstr(err.message, "غير مغلق"));
    rasd_store_close(s);
}

/* ---------------------------------------------------------------- rows */

static void test_rows_from_analysis(void **state) {
    (void)state;
    static const char JSON[] =
        "{\"doc\": {\"id\": \"x\"}, \"paragraphs\": [[0, 10], [11, 40]],"
        " \"entities\": [{\"id\": \"sdf\", \"type\": \"armed_group\", \"name_ar\": \"قسد\", \"country\": \"SYR\","
        "   \"mention_count\": 2, \"mentions\": [{\"start\": 3, \"end\": 9}, {\"start\": 20, \"end\": 26}]}],"
        " \"places\": [{\"id\": \"gn:1\", \"name_ar\": \"الرقة\", \"lat\": 35.9, \"lon\": 39.0, \"country\": \"SYR\","
        "   \"mention_count\": 1, \"mentions\": [{\"start\": 30, \"end\": 40}]}],"
        " \"quotes\": [{\"text\": \"ق\", \"start\": 5, \"end\": 7, \"direct\": true, \"verb\": {\"text\": \"قال\"},"
        "   \"speaker\": {\"entity\": \"sdf\", \"text\": \"قسد\"}}],"
        " \"events\": [{\"trigger\": {\"text\": \"هاجم\", \"span\": [12, 20]}, \"cameo\": \"190\","
        "   \"plover_type\": \"ASSAULT\", \"acled\": \"Battles\", \"negated\": true, \"future\": false,"
        "   \"source\": {\"entity\": null, \"agent\": \"police\", \"code\": \"COP\"},"
        "   \"target\": {\"entity\": \"sdf\", \"agent\": null}, \"place\": {\"id\": \"gn:1\"},"
        "   \"date\": {\"value\": \"2020-01-02\", \"granularity\": \"day\"}}],"
        " \"framing\": [{\"actor\": \"sdf\", \"term\": \"ميليشيا\", \"label\": \"militia\", \"polarity\": -1,"
        "   \"start\": 1, \"end\": 2}],"
        " \"numbers\": [{\"text\": \"3\", \"value\": 3, \"unit\": null, \"start\": 0, \"end\": 1}],"
        " \"dates\": [{\"text\": \"أمس\", \"value\": null, \"granularity\": \"day\", \"start\": 0, \"end\": 6}]}";
    rasd_rows r;
    rasd_error err = {0};
    assert_int_equal(rasd_rows_from_json("t", JSON, sizeof JSON - 1, &r, &err), RASD_OK);
    assert_int_equal(r.n_entities, 1);
    assert_string_equal(r.entities[0].mentions, "[[3,9],[20,26]]");
    assert_int_equal(r.n_places, 1);
    assert_true(r.places[0].has_coords);
    assert_string_equal(r.quotes[0].speaker, "sdf");
    assert_string_equal(r.quotes[0].verb, "قال");
    assert_int_equal(r.n_events, 1);
    assert_string_equal(r.events[0].source, "police");
    assert_string_equal(r.events[0].target, "sdf");
    assert_string_equal(r.events[0].plover, "ASSAULT");
    assert_string_equal(r.events[0].place, "gn:1");
    assert_string_equal(r.events[0].date, "2020-01-02");
    assert_string_equal(r.events[0].flags, "negated");
    assert_int_equal(r.events[0].start, 12);
    assert_int_equal(r.events[0].end, 20);
    assert_int_equal(r.framing[0].polarity, -1);
    assert_true(r.numbers[0].has_value);
    assert_null(r.dates[0].value);
    assert_int_equal(r.n_paragraphs, 2);
    assert_int_equal(r.paragraphs[1].end, 40);
    rasd_rows_free(&r);
    static const char WRONG[] = "{\"entities\": {\"id\": \"x\"}}";
    assert_int_equal(rasd_rows_from_json("t.json", WRONG, sizeof WRONG - 1, &r, &err), RASD_ERR_FORMAT);
    assert_non_null(strstr(err.message, "entities"));
    rasd_rows_free(&r);
}

/* ------------------------------------------------------------- readers */

typedef struct sink_log {
    size_t articles, skips;
    char titles[8][128], origins[8][256], sources[8][64], dates[8][16];
    char skip_msgs[8][600];
} sink_log;

static bool log_article(void *ctx, rasd_article *a) {
    sink_log *l = ctx;
    if (l->articles < 8) {
        snprintf(l->titles[l->articles], 128, "%s", a->title ? a->title : "");
        snprintf(l->origins[l->articles], 256, "%s", a->origin);
        snprintf(l->sources[l->articles], 64, "%s", a->source ? a->source : "");
        snprintf(l->dates[l->articles], 16, "%s", a->published ? a->published : "");
    }
    l->articles++;
    return true;
}

static void log_skip(void *ctx, const rasd_error *err) {
    sink_log *l = ctx;
    if (l->skips < 8) snprintf(l->skip_msgs[l->skips], 600, "%s", err->message);
    l->skips++;
}

static sink_log read_path(const char *path, const rasd_reader_options *opt) {
    sink_log l = {0};
    rasd_reader_sink sink = {log_article, log_skip, NULL, &l, false, NULL};
    rasd_reader_options none = {0};
    rasd_error err = {0};
    if (rasd_read_path(path, opt ? opt : &none, &sink, &err) != RASD_OK) log_skip(&l, &err);
    rasd_reader_sink_done(&sink);
    return l;
}

static void test_jsonl_bad_line(void **state) {
    (void)state;
    const char *path = tmp_path("lines.jsonl");
    const char data[] = "{\"title\": \"أول\", \"content\": \"نص أول\"}\n"
                        "{\"title\": \"مكسور\", \"content\": \"نص\" \n"
                        "{\"title\": \"ثالث\", \"content\": \"نص ثالث\", \"date\": \"2019-05-06 10:00\"}\n";
    write_file(path, data, sizeof data - 1);
    sink_log l = read_path(path, NULL);
    assert_int_equal(l.articles, 2);
    assert_int_equal(l.skips, 1);
    assert_non_null(strstr(l.skip_msgs[0], path));
    assert_non_null(strstr(l.skip_msgs[0], "line 2"));
    assert_non_null(strstr(l.skip_msgs[0], "byte"));
    assert_string_equal(l.titles[1], "ثالث");
    assert_string_equal(l.dates[1], "2019-05-06");
    assert_non_null(strstr(l.origins[1], "#3"));
}

static void test_json_array_and_map(void **state) {
    (void)state;
    const char *path = tmp_path("array.json");
    const char data[] = "[{\"headline\": \"عنوان\", \"body\": \"نص\", \"site\": \"موقع\", \"when\": \"2018-01-02\"},"
                        " 42, {\"title\": \"بلا نص\"}]";
    write_file(path, data, sizeof data - 1);
    sink_log l = read_path(path, NULL);
    assert_int_equal(l.articles, 1);
    assert_string_equal(l.titles[0], "عنوان");
    assert_string_equal(l.sources[0], "موقع");
    assert_string_equal(l.dates[0], ""); /* "when" is no default date member */
    assert_int_equal(l.skips, 2);
    assert_non_null(strstr(l.skip_msgs[0], "#2: not a JSON object"));
    assert_non_null(strstr(l.skip_msgs[1], "#3: no \"content\""));
    char spec[] = "date=when,content=body";
    rasd_reader_options opt = {0};
    rasd_error err = {0};
    assert_int_equal(rasd_field_map_parse(spec, &opt.map, &err), RASD_OK);
    l = read_path(path, &opt);
    assert_string_equal(l.dates[0], "2018-01-02");
    char bad[] = "colour=red";
    assert_int_equal(rasd_field_map_parse(bad, &opt.map, &err), RASD_ERR_USAGE);
}

static void test_json_syntax_error_position(void **state) {
    (void)state;
    const char *path = tmp_path("broken.json");
    const char data[] = "[{\"title\": \"أ\", \"content\": \"ب\"},\n {\"title\": }]";
    write_file(path, data, sizeof data - 1);
    sink_log l = read_path(path, NULL);
    assert_int_equal(l.articles, 1); /* an array is read record by record: the good one stays */
    assert_int_equal(l.skips, 1);
    assert_non_null(strstr(l.skip_msgs[0], path));
    assert_non_null(strstr(l.skip_msgs[0], "record 2 of the array (at byte 36)"));
    assert_non_null(strstr(l.skip_msgs[0], "line 2"));
}

static void test_non_utf8_text_file(void **state) {
    (void)state;
    mkdir(tmp_path("enc"), 0700);
    /* "خبر" in Windows-1256, then a valid UTF-8 file beside it */
    const char cp1256[] = "\xce\xc8\xd1 \xda\xc7\xcc\xe1\n";
    write_file(tmp_path("enc/a.txt"), cp1256, sizeof cp1256 - 1);
    const char good[] = "خبر عاجل\nنص الخبر.\n";
    write_file(tmp_path("enc/b.txt"), good, sizeof good - 1);
    sink_log l = read_path(tmp_path("enc"), NULL);
    assert_int_equal(l.articles, 1);
    assert_int_equal(l.skips, 1);
    assert_non_null(strstr(l.skip_msgs[0], "enc/a.txt"));
    assert_non_null(strstr(l.skip_msgs[0], "byte 0"));
    assert_non_null(strstr(l.origins[0], "enc/b.txt"));
}

static void test_manifest(void **state) {
    (void)state;
    mkdir(tmp_path("seeds"), 0700);
    const char manifest[] = "file\toutlet\tdateline\tassumed_published\n"
                            "one.txt\tOutlet One\tnone\t2022-11-25\n"
                            "two.txt\tunknown (x)\tnone\t2020-06-05\n";
    write_file(tmp_path("seeds/manifest.tsv"), manifest, sizeof manifest - 1);
    const char article[] = "عنوان\nنص\n";
    write_file(tmp_path("seeds/one.txt"), article, sizeof article - 1);
    write_file(tmp_path("seeds/two.txt"), article, sizeof article - 1);
    sink_log l = read_path(tmp_path("seeds"), NULL);
    assert_int_equal(l.articles, 2);
    assert_int_equal(l.skips, 0); /* manifest.tsv is metadata, not an article */
    assert_string_equal(l.sources[0], "Outlet One");
    assert_string_equal(l.dates[0], "2022-11-25");
    assert_string_equal(l.sources[1], "");
    assert_string_equal(l.dates[1], "2020-06-05");
}

/* A zip with a good JSON member and a text member whose stored bytes are
 * then damaged, so its CRC no longer matches. */
static void make_zip(const char *path) {
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    static const char json[] = "[{\"title\": \"من الأرشيف\", \"content\": \"نص من الأرشيف\"}]";
    static const char text[] = "عنوان تالف\nهذا النص سيتلف في الأرشيف عمدا ZZZZ\n";
    zip_source_t *a = zip_source_buffer(z, json, sizeof json - 1, 0);
    zip_source_t *b = zip_source_buffer(z, text, sizeof text - 1, 0);
    zip_int64_t ia = zip_file_add(z, "day.json", a, 0);
    zip_int64_t ib = zip_file_add(z, "bad.txt", b, 0);
    assert_true(ia >= 0 && ib >= 0);
    zip_set_file_compression(z, (zip_uint64_t)ib, ZIP_CM_STORE, 0);
    assert_int_equal(zip_close(z), 0);
    FILE *f = fopen(path, "r+b");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    size_t at = 0;
    while (at + 4 <= n && memcmp(buf + at, "ZZZZ", 4) != 0) at++;
    assert_true(at + 4 <= n);
    buf[at] = 'Y';
    fseek(f, 0, SEEK_SET);
    fwrite(buf, 1, n, f);
    fclose(f);
}

static void test_corrupt_zip_member(void **state) {
    (void)state;
    const char *path = tmp_path("damaged.zip");
    make_zip(path);
    sink_log l = read_path(path, NULL);
    assert_int_equal(l.articles, 1);
    assert_string_equal(l.titles[0], "من الأرشيف");
    assert_non_null(strstr(l.origins[0], "damaged.zip:day.json#1"));
    assert_int_equal(l.skips, 1);
    assert_non_null(strstr(l.skip_msgs[0], "damaged.zip:bad.txt"));
    /* and a file that is no zip at all, though named one */
    const char fake[] = "PK\3\4 not really";
    write_file(tmp_path("fake.zip"), fake, sizeof fake - 1);
    l = read_path(tmp_path("fake.zip"), NULL);
    assert_int_equal(l.articles, 0);
    assert_int_equal(l.skips, 1);
    assert_non_null(strstr(l.skip_msgs[0], "fake.zip"));
}

/* The array scanner skips a string's plain bytes sixteen at a time: a
 * quote, an escape or a raw line break must be seen at every offset of a
 * block, in ASCII and in Arabic text, and end (or not end) the string
 * exactly where a byte at a time would. */
static void expect_element(rasd_json_array *a, const char *want) {
    size_t s, e;
    assert_int_equal(rasd_json_array_next(a, &s, &e), RASD_JA_ELEMENT);
    if (e - s != strlen(want) || memcmp(a->data + s, want, e - s) != 0)
        fail_msg("element %.*s, wanted %s", (int)(e - s), a->data + s, want);
}

static void test_json_array_strings_at_every_offset(void **state) {
    (void)state;
    static const char *const UNITS[] = {"a", "\xD8\xB3"}; /* a, س */
    for (size_t u = 0; u < 2; u++) {
        for (size_t k = 0; k < 40; k++) {
            char head[512] = "{\"t\":\"", tail[512] = "";
            for (size_t i = 0; i < k; i++) strcat(head, UNITS[u]);
            for (size_t i = k; i < 40; i++) strcat(tail, UNITS[u]);
            /* an escaped quote and an escaped backslash before the closing quote */
            char first[1200], data[1400];
            snprintf(first, sizeof first, "%s\\\"%s\\\\\"}", head, tail);
            snprintf(data, sizeof data, "[%s , {\"u\":\"[,]\"}]", first);
            rasd_json_array a;
            assert_true(rasd_json_array_open(&a, data, strlen(data)));
            expect_element(&a, first);
            expect_element(&a, "{\"u\":\"[,]\"}");
            size_t s, e;
            assert_int_equal(rasd_json_array_next(&a, &s, &e), RASD_JA_END);
            /* a raw line break ends the element at the next line that opens a record */
            snprintf(data, sizeof data, "[%s\n%s\"},\n{\"u\":1}]", head, tail);
            assert_true(rasd_json_array_open(&a, data, strlen(data)));
            char cut[1200];
            snprintf(cut, sizeof cut, "%s\n%s\"},", head, tail);
            expect_element(&a, cut);
            expect_element(&a, "{\"u\":1}");
            assert_int_equal(rasd_json_array_next(&a, &s, &e), RASD_JA_END);
            /* a string the data ends in */
            snprintf(data, sizeof data, "[%s%s", head, tail);
            assert_true(rasd_json_array_open(&a, data, strlen(data)));
            expect_element(&a, data + 1);
            assert_int_equal(rasd_json_array_next(&a, &s, &e), RASD_JA_TRUNCATED);
        }
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_created),
        cmocka_unit_test(test_migration_from_version_1),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_put_twice_changes_nothing),
        cmocka_unit_test(test_uncommitted_batch_leaves_nothing),
        cmocka_unit_test(test_failed_document_mid_batch),
        cmocka_unit_test(test_variants_side_by_side),
        cmocka_unit_test(test_highlight_points_into_original),
        cmocka_unit_test(test_search_filters),
        cmocka_unit_test(test_rows_from_analysis),
        cmocka_unit_test(test_jsonl_bad_line),
        cmocka_unit_test(test_json_array_and_map),
        cmocka_unit_test(test_json_syntax_error_position),
        cmocka_unit_test(test_non_utf8_text_file),
        cmocka_unit_test(test_manifest),
        cmocka_unit_test(test_corrupt_zip_member),
        cmocka_unit_test(test_json_array_strings_at_every_offset),
    };
    return cmocka_run_group_tests(tests, store_test_setup, store_test_teardown);
}
