/*
 * test_store_pg.c: the store's operations, run against both backends —
 * a SQLite file and a PostgreSQL database — with the same assertions:
 * storing twice changes nothing, an uncommitted batch leaves nothing,
 * search (spelling variants, filters, title weight, phrases, snippets,
 * bad syntax), state and fingerprints, stories' summaries; then the same
 * articles in both, where every query must find the same documents in the
 * same order with the same BM25 scores.
 *
 * PostgreSQL comes from tests/pg_harness.sh, which starts a throwaway
 * server and sets RASD_TEST_PG; without it the SQLite half runs, the
 * PostgreSQL half is skipped with a message and the program exits 77
 * (ctest's SKIP_RETURN_CODE).
 */
#include "test_helpers.h"

#include "core/internal.h"
#include "storage/store.h"

#include "test_pg_helpers.h"
#include <unistd.h>

static char tmpdir[] = "/tmp/rasd-store-pg-XXXXXX";
static bool on_pg; /* the backend of the group running */

/* A fresh, empty database called name on the backend under test. */
static const char *fresh(const char *name) {
    static char buf[4][1024];
    static int next;
    char *p = buf[next++ % 4];
    if (!on_pg) {
        snprintf(p, 1024, "%s/%s.db", tmpdir, name);
        unlink(p);
        return p;
    }
    char why[600];
    if (pg_fresh_database(name, p, 1024, why, sizeof why) != 0) fail_msg("%s", why);
    return p;
}

static rasd_store *open_store(const char *target) {
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(target, test_lex, &err);
    if (!s) fail_msg("opening %s: %s", target, err.message);
    return s;
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

typedef struct hits {
    size_t n;
    int64_t ids[16];
    char hashes[16][33];
    double scores[16];
    char snippet[512];
} hits;

static bool collect_hit(void *ctx, const rasd_search_hit *h) {
    hits *x = ctx;
    if (x->n == 0 && h->snippet) snprintf(x->snippet, sizeof x->snippet, "%s", h->snippet);
    if (x->n < 16) {
        x->ids[x->n] = h->id;
        snprintf(x->hashes[x->n], 33, "%s", h->hash);
        x->scores[x->n] = h->score;
    }
    x->n++;
    return true;
}

static size_t search(rasd_store *s, rasd_search_query q, hits *out) {
    memset(out, 0, sizeof *out);
    rasd_error err = {0};
    if (rasd_store_search(s, &q, collect_hit, out, &err) != RASD_OK) fail_msg("%s", err.message);
    return out->n;
}

static int64_t count_docs(rasd_store *s) {
    rasd_store_counts c;
    rasd_error err = {0};
    assert_int_equal(rasd_store_counts_get(s, &c, &err), RASD_OK);
    return c.documents;
}

/* ------------------------------------------------------------ storing */

static void test_put_twice_changes_nothing(void **state) {
    (void)state;
    const char *target = fresh("twice");
    rasd_store *s = open_store(target);
    rasd_error err = {0};
    char h[33];
    rasd_store_doc d = make_doc("a.txt", "عنوان", "عنوان\nقصفت الطائرات مواقع في ريف المدينة.", "outlet", "2021-03-04",
                                h);
    int64_t id1 = 0, id2 = 0, found = 0;
    bool already = true;
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    assert_int_equal(rasd_store_put(s, &d, &id1, &already, &err), RASD_OK);
    assert_false(already);
    assert_true(id1 > 0);
    assert_int_equal(rasd_store_put(s, &d, &id2, &already, &err), RASD_OK);
    assert_true(already);
    assert_int_equal(id1, id2);
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    assert_int_equal(rasd_store_find_by_hash(s, h, &found, &err), RASD_OK);
    assert_int_equal(found, id1);
    assert_int_equal(rasd_store_find_by_hash(s, "ffffffffffffffffffffffffffffffff", &found, &err), RASD_OK);
    assert_int_equal(found, 0);
    assert_int_equal(count_docs(s), 1);
    hits x;
    assert_int_equal(search(s, (rasd_search_query){.text = "قصف"}, &x), 1);
    /* ids only grow: the next one is past the stored one */
    int64_t next = 0;
    assert_int_equal(rasd_store_next_id(s, &next, &err), RASD_OK);
    assert_true(next > id1);
    rasd_store_close(s);
}

static void test_uncommitted_batch_leaves_nothing(void **state) {
    (void)state;
    const char *target = fresh("rollback");
    rasd_store *s = open_store(target);
    rasd_error err = {0};
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
    s = open_store(target);
    assert_int_equal(count_docs(s), 1);
    hits x;
    assert_int_equal(search(s, (rasd_search_query){.text = "مدرسة"}, &x), 0);
    assert_int_equal(search(s, (rasd_search_query){.text = "سوق"}, &x), 1);
    /* a failed document is rolled back alone: a duplicate_of naming no
     * stored document breaks the foreign key on PostgreSQL; on SQLite,
     * where foreign keys are off, it is stored */
    char h3[33];
    rasd_store_doc d3 = make_doc("3", "ثالث", "ثالث\nخبر عن الجسر.", NULL, NULL, h3);
    d3.duplicate_of = 999999;
    d3.dup_kind = "exact";
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    rasd_status st = rasd_store_put(s, &d3, &id, &already, &err);
    assert_int_equal(rasd_store_put(s, &d2, &id, &already, &err), RASD_OK);
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    assert_int_equal(count_docs(s), st == RASD_OK ? 3 : 2);
    if (on_pg) assert_int_equal(st, RASD_ERR_DB);
    rasd_store_close(s);
}

/* ------------------------------------------------------- search quality */

typedef struct variant_case {
    const char *what, *query, *text;
} variant_case;

static const variant_case VARIANTS[] = {
    {"ي/ير spelling of a foreign name", "الأمريكية", "وصلت القوات الأميركية إلى القاعدة"},
    {"proclitic ل", "داعش", "قدم الدعم لداعش في المنطقة"},
    {"proclitics و+ال", "المحافظة", "وصل الوفد والمحافظة هادئة"},
    {"run-together name", "\"دير الزور\"", "اشتباكات في ديرالزور أمس"},
    {"diacritics", "مدينة", "وصل إلى المَدِينَةِ صباحاً"},
    {"tatweel", "السلام", "دعا إلى الســــلام الدائم"},
    {"alef with hamza", "إعلان", "صدر اعلان رسمي عن الهدنة"},
    {"taa marbuta / haa", "مدرسة", "قصفت مدرسه في القرية"},
    {"alef maqsura / yaa", "مستشفى", "نقل الجرحى إلى مستشفي المدينة"},
};

static void test_variants(void **state) {
    (void)state;
    rasd_store *s = open_store(fresh("variants"));
    rasd_error err = {0};
    size_t n = sizeof VARIANTS / sizeof VARIANTS[0];
    int64_t ids[16];
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    for (size_t i = 0; i < n; i++) {
        char h[33], tag[8];
        snprintf(tag, sizeof tag, "v%zu", i);
        rasd_store_doc d = make_doc(tag, NULL, VARIANTS[i].text, NULL, NULL, h);
        bool already;
        assert_int_equal(rasd_store_put(s, &d, &ids[i], &already, &err), RASD_OK);
    }
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    for (size_t i = 0; i < n; i++) {
        hits x;
        search(s, (rasd_search_query){.text = VARIANTS[i].query}, &x);
        bool found = false;
        for (size_t k = 0; k < x.n && k < 16; k++) found |= x.ids[k] == ids[i];
        if (!found) fail_msg("%s: \"%s\" misses \"%s\" (%s)", on_pg ? "postgresql" : "sqlite", VARIANTS[i].query,
                             VARIANTS[i].text, VARIANTS[i].what);
    }
    hits x;
    assert_int_equal(search(s, (rasd_search_query){.text = "برلمان"}, &x), 0);
    /* punctuation alone gives no term: nothing, not an error */
    assert_int_equal(search(s, (rasd_search_query){.text = "،"}, &x), 0);
    rasd_store_close(s);
}

static void test_search_filters(void **state) {
    (void)state;
    rasd_store *s = open_store(fresh("filters"));
    rasd_error err = {0};
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
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    int64_t ids[3];
    for (int i = 0; i < 3; i++) {
        bool already;
        assert_int_equal(rasd_store_put(s, &d[i], &ids[i], &already, &err), RASD_OK);
    }
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
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
    assert_int_equal(search(s, (rasd_search_query){.text = "الرقة OR الحسكة"}, &x), 3);
    assert_int_equal(search(s, (rasd_search_query){.text = "هجوم NOT الرقة"}, &x), 1);
    assert_int_equal(x.ids[0], ids[1]);
    assert_int_equal(search(s, (rasd_search_query){.text = "(الرقة OR الحسكة) AND تقرير"}, &x), 1);
    assert_int_equal(search(s, (rasd_search_query){.text = "تقر*"}, &x), 1);
    /* a phrase: its words in a row, marked as one in the snippet */
    assert_int_equal(search(s, (rasd_search_query){.text = "\"حاجز في الحسكة\"", .mark_open = "<", .mark_close = ">"},
                            &x),
                     1);
    if (!strstr(x.snippet, "<حاجز في الحسكة>")) fail_msg("snippet: %s", x.snippet);
    assert_int_equal(search(s, (rasd_search_query){.text = "\"الحسكة في حاجز\""}, &x), 0);
    /* a query in bad syntax is a usage error with the query named */
    hits y;
    const char *bad[] = {"\"غير مغلق", "(هجوم", "هجوم OR (حاجز"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rasd_search_query q = {.text = bad[i]};
        memset(&err, 0, sizeof err);
        if (rasd_store_search(s, &q, collect_hit, &y, &err) != RASD_ERR_USAGE)
            fail_msg("\"%s\" is no usage error: %s", bad[i], err.message);
        assert_non_null(strstr(err.message, bad[i]));
    }
    rasd_store_close(s);
}

/* ------------------------------------------------- state and stories */

static bool count_fp(void *ctx, int64_t doc, const void *fp, size_t len) {
    int64_t *sum = ctx;
    *sum += doc * 1000 + (int64_t)len + ((const unsigned char *)fp)[len - 1];
    return true;
}

static void test_state_and_stories(void **state) {
    (void)state;
    const char *target = fresh("stories");
    rasd_store *s = open_store(target);
    rasd_error err = {0};
    char h[3][33];
    rasd_store_doc d[3] = {
        make_doc("1", "اجتماع", "اجتماع\nاجتمع المجلس في المدينة.", "ب", "2021-05-02", h[0]),
        make_doc("2", "اجتماع ثان", "اجتماع ثان\nعاد المجلس للاجتماع.", "أ", "2021-05-04", h[1]),
        make_doc("3", "سوق", "سوق\nافتتح سوق جديد.", "ب", "2021-06-01", h[2]),
    };
    rasd_row_framing fr[2] = {{.actor = "sdf", .term = "قسد", .label = "neutral"},
                              {.actor = "sdf", .term = "ميليشيا", .label = "delegitimizing"}};
    rasd_rows rows = {.framing = fr, .n_framing = 2};
    d[0].rows = d[1].rows = &rows;
    int64_t ids[3];
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    for (int i = 0; i < 3; i++) {
        bool already;
        assert_int_equal(rasd_store_put(s, &d[i], &ids[i], &already, &err), RASD_OK);
        unsigned char fp[40];
        memset(fp, i + 1, sizeof fp);
        assert_int_equal(rasd_store_put_fingerprint(s, ids[i], fp, sizeof fp, &err), RASD_OK);
    }
    assert_int_equal(rasd_store_set_story(s, ids[0], ids[0], 1.0, &err), RASD_OK);
    assert_int_equal(rasd_store_set_story(s, ids[1], ids[0], 0.5, &err), RASD_OK);
    assert_int_equal(rasd_store_set_story(s, ids[2], ids[2], 1.0, &err), RASD_OK);
    assert_int_equal(rasd_store_refresh_story(s, ids[0], &err), RASD_OK);
    assert_int_equal(rasd_store_refresh_story(s, ids[2], &err), RASD_OK);
    const unsigned char blob[] = {0, 1, 2, 0, 255, 'x'}; /* NUL bytes survive */
    assert_int_equal(rasd_store_put_state(s, "dedup", blob, sizeof blob, &err), RASD_OK);
    assert_int_equal(rasd_store_put_state(s, "dedup", blob, sizeof blob, &err), RASD_OK);
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
    rasd_store_close(s);

    s = open_store(target);
    void *data = NULL;
    size_t len = 0;
    assert_int_equal(rasd_store_get_state(s, "dedup", &data, &len, &err), RASD_OK);
    assert_int_equal(len, sizeof blob);
    assert_memory_equal(data, blob, sizeof blob);
    free(data);
    assert_int_equal(rasd_store_get_state(s, "absent", &data, &len, &err), RASD_OK);
    assert_null(data);
    int64_t sum = 0;
    assert_int_equal(rasd_store_each_fingerprint(s, count_fp, &sum, &err), RASD_OK);
    assert_int_equal(sum, (ids[0] + ids[1] + ids[2]) * 1000 + 3 * 40 + 1 + 2 + 3);
    rasd_store_counts c;
    assert_int_equal(rasd_store_counts_get(s, &c, &err), RASD_OK);
    assert_int_equal(c.stories, 2);
    hits x;
    search(s, (rasd_search_query){.text = "سوق"}, &x);
    assert_int_equal(x.n, 1);
    rasd_store_close(s);
}

/* ----------------------------------------------- the two backends agree */

static const char *const AGREE_TEXTS[][2] = {
    {"قصف على ريف دير الزور", "قصف على ريف دير الزور\nقصفت طائرات مجهولة مواقع في ريف دير الزور الشرقي ليلا."},
    {"اشتباكات في الرقة", "اشتباكات في الرقة\nاندلعت اشتباكات بين قسد ومسلحين في ريف الرقة وقصف مدفعي."},
    {"اجتماع في القامشلي", "اجتماع في القامشلي\nعقد مسؤولون اجتماعا في القامشلي لبحث الخدمات والكهرباء."},
    {"الكهرباء في الحسكة", "الكهرباء في الحسكة\nتعاني الحسكة من انقطاع الكهرباء والمياه منذ أسابيع."},
    {"قوات أمريكية", "قوات أمريكية\nوصلت القوات الأميركية إلى قاعدة في ريف الحسكة وسط قصف تركي."},
    {"تركيا تقصف", "تركيا تقصف\nقصفت المدفعية التركية قرى في ريف الرقة الشمالي وريف الحسكة."},
};

static const char *const AGREE_QUERIES[] = {
    "قصف", "الرقة", "الحسكة", "\"دير الزور\"", "الأمريكية", "ريف الحسكة", "الكهرباء OR اجتماع", "قصف NOT تركيا",
    "ريف*",
};

static void fill(rasd_store *s) {
    rasd_error err = {0};
    assert_int_equal(rasd_store_begin(s, &err), RASD_OK);
    for (size_t i = 0; i < sizeof AGREE_TEXTS / sizeof AGREE_TEXTS[0]; i++) {
        char h[33], tag[8];
        snprintf(tag, sizeof tag, "g%zu", i);
        rasd_store_doc d = make_doc(tag, AGREE_TEXTS[i][0], AGREE_TEXTS[i][1], "outlet", "2022-01-01", h);
        int64_t id;
        bool already;
        assert_int_equal(rasd_store_put(s, &d, &id, &already, &err), RASD_OK);
    }
    assert_int_equal(rasd_store_commit(s, &err), RASD_OK);
}

static int hash_cmp(const void *a, const void *b) { return strcmp(a, b); }

static void test_backends_agree(void **state) {
    (void)state;
    rasd_store *pg = open_store(fresh("agree")); /* the group's backend: PostgreSQL */
    on_pg = false;
    rasd_store *sq = open_store(fresh("agree"));
    on_pg = true;
    fill(pg);
    fill(sq);
    size_t same_order = 0, n = sizeof AGREE_QUERIES / sizeof AGREE_QUERIES[0];
    for (size_t i = 0; i < n; i++) {
        hits a, b;
        search(pg, (rasd_search_query){.text = AGREE_QUERIES[i]}, &a);
        search(sq, (rasd_search_query){.text = AGREE_QUERIES[i]}, &b);
        if (a.n != b.n) fail_msg("\"%s\": %zu hits on PostgreSQL, %zu on SQLite", AGREE_QUERIES[i], a.n, b.n);
        assert_true(a.n > 0);
        /* the same BM25 on both: the same order and the same scores */
        bool order = true;
        for (size_t k = 0; k < a.n; k++) {
            order &= strcmp(a.hashes[k], b.hashes[k]) == 0;
            double d = a.scores[k] - b.scores[k];
            if (d > 1e-9 * (1 + b.scores[k]) || -d > 1e-9 * (1 + b.scores[k]))
                fail_msg("\"%s\": hit %zu scores %.12g on PostgreSQL, %.12g on SQLite", AGREE_QUERIES[i], k,
                         a.scores[k], b.scores[k]);
        }
        same_order += order;
        qsort(a.hashes, a.n, 33, hash_cmp);
        qsort(b.hashes, b.n, 33, hash_cmp);
        for (size_t k = 0; k < a.n; k++)
            if (strcmp(a.hashes[k], b.hashes[k]) != 0) fail_msg("\"%s\": the backends find other documents",
                                                                AGREE_QUERIES[i]);
    }
    printf("  same documents for %zu of %zu queries, in the same order for %zu\n", n, n, same_order);
    assert_int_equal(same_order, n);
    rasd_store_close(pg);
    rasd_store_close(sq);
}

static int use_sqlite(void **state) {
    (void)state;
    on_pg = false;
    return 0;
}

static int use_pg(void **state) {
    (void)state;
    on_pg = true;
    return 0;
}

int main(void) {
    if (!mkdtemp(tmpdir)) return 1;
    if (setup_analyzer(NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_twice_changes_nothing),
        cmocka_unit_test(test_uncommitted_batch_leaves_nothing),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_search_filters),
        cmocka_unit_test(test_state_and_stories),
    };
    int failed = cmocka_run_group_tests_name("store on SQLite", tests, use_sqlite, NULL);
    if (!getenv("RASD_TEST_PG")) {
        printf("SKIP: RASD_TEST_PG is not set: the PostgreSQL half needs tests/pg_harness.sh (and postgresql)\n");
        teardown_analyzer(NULL);
        return failed ? 1 : 77;
    }
    const struct CMUnitTest pg_tests[] = {
        cmocka_unit_test(test_put_twice_changes_nothing),
        cmocka_unit_test(test_uncommitted_batch_leaves_nothing),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_search_filters),
        cmocka_unit_test(test_state_and_stories),
        cmocka_unit_test(test_backends_agree),
    };
    failed += cmocka_run_group_tests_name("store on PostgreSQL", pg_tests, use_pg, NULL);
    teardown_analyzer(NULL);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (system(cmd) != 0) return 1;
    return failed ? 1 : 0;
}
