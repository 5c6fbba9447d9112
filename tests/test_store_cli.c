/*
 * test_store_cli.c: `rasd ingest` and `rasd search` as a user runs them:
 * bad input among good (a broken JSON line, a damaged zip member, a file
 * that is not UTF-8) reported with file and position while the rest is
 * stored; ingesting again stores nothing new; an ingest killed half-way
 * leaves a consistent database that a second run completes; search output
 * as a table, JSON Lines and CSV, with filters.
 */
#define TEST_TMPDIR "/tmp/rasd-ingest-XXXXXX"
#include "cli_run.h"

#include <signal.h>
#include <sqlite3.h>
#include <time.h>
#include <zip.h>

#define expect_status(call, want)                                                                                   \
    do {                                                                                                               \
        int got_ = (call);                                                                                             \
        if (got_ != (want)) fail_msg("exit status %d, expected %d; stderr:\n%s\nstdout:\n%s", got_, (want), err_buf,  \
                                     out_buf);                                                                         \
    } while (0)

static void expect_in(const char *haystack, const char *needle) {
    if (!strstr(haystack, needle)) fail_msg("expected \"%s\" in:\n%s", needle, haystack);
}

/* ------------------------------------------------------------- inputs */

static const char GOOD_JSONL[] =
    "{\"title\": \"اشتباكات في ريف الحسكة\", \"content\": \"قالت مصادر محلية إن اشتباكات اندلعت في ريف الحسكة الجنوبي "
    "بين مسلحين وقوات الأمن.\", \"source\": \"وكالة أ\", \"date\": \"2021-05-01\", \"url\": \"https://a.example/1\"}\n"
    "{\"title\": \"سطر مكسور\", \"content\": \n"
    "{\"title\": \"افتتاح مدرسة في الرقة\", \"content\": \"افتتحت في مدينة الرقة مدرسة جديدة تستقبل مئات الطلاب هذا "
    "العام.\", \"source\": \"وكالة ب\", \"date\": \"2021-06-02\", \"url\": \"https://b.example/2\"}\n";

static const char GOOD_TXT[] = "وصول قافلة مساعدات إلى دير الزور\nوصلت قافلة مساعدات إنسانية إلى مدينة دير الزور "
                               "تحمل مواد غذائية وطبية.\n";

static void make_inputs(void) {
    mkdir(tmp_path("in"), 0700);
    write_tmp_n("in/news.jsonl", GOOD_JSONL, sizeof GOOD_JSONL - 1);
    write_tmp_n("in/aid.txt", GOOD_TXT, sizeof GOOD_TXT - 1);
    const char cp1256[] = "\xce\xc8\xd1 \xda\xc7\xcc\xe1\n\xe4\xd5 \xc7\xe1\xce\xc8\xd1\n";
    write_tmp_n("in/legacy.txt", cp1256, sizeof cp1256 - 1);
    /* a zip: one good JSON member, one text member damaged after writing */
    int zerr;
    zip_t *z = zip_open(tmp_path("in/archive.zip"), ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    static const char json[] = "[{\"title\": \"انقطاع الكهرباء في القامشلي\", \"content\": \"تشهد مدينة القامشلي "
                               "انقطاعا متواصلا للكهرباء منذ أيام.\", \"source\": \"وكالة أ\", \"date\": \"2021-07-03\"}]";
    static const char text[] = "خبر تالف\nهذا الخبر يتلف داخل الأرشيف QQQQ\n";
    zip_file_add(z, "day.json", zip_source_buffer(z, json, sizeof json - 1, 0), 0);
    zip_int64_t ib = zip_file_add(z, "broken.txt", zip_source_buffer(z, text, sizeof text - 1, 0), 0);
    zip_set_file_compression(z, (zip_uint64_t)ib, ZIP_CM_STORE, 0);
    assert_int_equal(zip_close(z), 0);
    FILE *f = fopen(tmp_path("in/archive.zip"), "r+b");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f), at = 0;
    while (at + 4 <= n && memcmp(buf + at, "QQQQ", 4) != 0) at++;
    assert_true(at + 4 <= n);
    buf[at] = 'R';
    fseek(f, 0, SEEK_SET);
    fwrite(buf, 1, n, f);
    fclose(f);
}

static void test_bad_input_among_good(void **state) {
    (void)state;
    make_inputs();
    const char *db = tmp_path("mixed.db");
    const char *argv[] = {"rasd", "ingest", "--db", db, "--jobs", "2", tmp_path("in"), NULL};
    expect_status(run(argv), 1);
    expect_in(err_buf, "news.jsonl: line 2");
    expect_in(err_buf, "byte");
    expect_in(err_buf, "archive.zip:broken.txt");
    expect_in(err_buf, "legacy.txt");
    expect_in(err_buf, "at byte 0");
    expect_in(err_buf, "4 stored");
    expect_in(err_buf, "3 skipped");
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 4);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE source = 'وكالة أ'"), 2);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE published = '2021-06-02'"), 1);
    /* the analysis is in its tables: the places of Hasakah, Raqqa... */
    assert_true(db_scalar(db, "SELECT count(DISTINCT doc) FROM places") >= 3);
    assert_true(db_scalar(db, "SELECT count(*) FROM paragraphs") >= 8);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE story IS NULL"), 0);
    assert_true(db_scalar(db, "SELECT count(*) FROM stories") >= 1);

    /* again: nothing new, everything already there */
    expect_status(run(argv), 1); /* the same three are skipped again */
    expect_in(err_buf, "0 stored, 4 already stored");
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 4);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM fingerprints"), 4);
}

static void test_search_cli(void **state) {
    (void)state;
    const char *db = tmp_path("mixed.db"); /* made by the test before */
    const char *table[] = {"rasd", "search", "--db", db, "والمدرسة", NULL};
    expect_status(run(table), 0);
    expect_in(out_buf, "افتتاح مدرسة في الرقة");
    expect_in(out_buf, "«مدرسة»");
    const char *json[] = {"rasd", "search", "--db", db, "--json", "ديرالزور", NULL};
    expect_status(run(json), 0);
    expect_in(out_buf, "\"title\":\"وصول قافلة مساعدات إلى دير الزور\"");
    expect_in(out_buf, "\"snippet\":");
    const char *csv[] = {"rasd", "search", "--db", db, "--csv", "--outlet", "وكالة أ", "مدينة", NULL};
    expect_status(run(csv), 0);
    expect_in(out_buf, "id,title,source,published,url,origin,story,duplicate_of,score,snippet\r\n"); /* the JSON's names */
    expect_in(out_buf, "القامشلي");
    assert_null(strstr(out_buf, "الرقة\"")); /* the other outlet's article */
    const char *since[] = {"rasd", "search", "--db", db, "--since", "2021-07-01", "--json", "مدينة", NULL};
    expect_status(run(since), 0);
    expect_in(out_buf, "2021-07-03");
    assert_null(strstr(out_buf, "2021-06-02"));
    const char *none[] = {"rasd", "search", "--db", db, "برلمان", NULL};
    expect_status(run(none), 1);
    const char *nodb[] = {"rasd", "search", "--db", tmp_path("absent.db"), "مدينة", NULL};
    expect_status(run(nodb), 2);
    expect_in(err_buf, "absent.db: no database");
    assert_int_equal(access(tmp_path("absent.db"), F_OK), -1); /* searching made no database */
    const char *baddate[] = {"rasd", "search", "--db", db, "--since", "2021-13-01", "مدينة", NULL};
    expect_status(run(baddate), 2);
}

/* HTML pages and feeds go through the same dispatch (the formats
 * module's readers), the windows-1256 page included. */
static void test_web_formats(void **state) {
    (void)state;
    const char *db = tmp_path("web.db");
    const char *argv[] = {"rasd", "ingest", "--db", db, "--source", "موقع الاختبار", RASD_SOURCE_DIR "/tests/fixtures/web",
                          NULL};
    expect_status(run(argv), 0);
    int64_t n = db_scalar(db, "SELECT count(*) FROM documents");
    if (n < 5) fail_msg("%lld documents from 3 pages and a feed of 3 items:\n%s", (long long)n, err_buf);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE origin LIKE '%a.html'"), 1);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE origin LIKE '%feed.xml%'"), 3);
    const char *search[] = {"rasd", "search", "--db", db, "--json", "معبر", NULL};
    expect_status(run(search), 0);
    expect_in(out_buf, "a.html");
}

/* ------------------------------------------------------- killed ingest */

static const char *const SUBJECTS[] = {"المجلس المحلي", "قوات الأمن", "الأهالي", "المنظمة الإنسانية", "البلدية",
                                       "وزارة الصحة", "اللجنة", "المزارعون"};
static const char *const ACTIONS[] = {"افتتح", "أعلن", "ناقش", "رفض", "طالب", "وزع", "أصلح", "زار"};
static const char *const OBJECTS[] = {"مشروعا للمياه", "خطة جديدة", "مساعدات غذائية", "طريقا رئيسيا",
                                      "مدرسة ابتدائية", "مركزا صحيا", "سوقا شعبية", "جسرا قديما"};
static const char *const PLACES[] = {"في الحسكة", "في الرقة", "في القامشلي", "في منبج", "في عامودا", "في الطبقة"};

/* n made-up articles, each different (a number and a mix of sentences). */
static void make_many(const char *path, size_t n) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    unsigned seed = 7;
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "{\"title\": \"تقرير رقم %zu عن الخدمات\", \"content\": \"", i);
        for (int s = 0; s < 12; s++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 8;
            fprintf(f, "%s %s %s %s يوم %u. ", SUBJECTS[r % 8], ACTIONS[(r / 8) % 8], OBJECTS[(r / 64) % 8],
                    PLACES[(r / 512) % 6], (r / 4096) % 28 + 1);
        }
        fprintf(f, "\", \"url\": \"https://example.org/%zu\", \"date\": \"2022-01-%02zu\"}\n", i, i % 28 + 1);
    }
    fclose(f);
}

static void test_killed_ingest(void **state) {
    (void)state;
    const size_t N = 3000;
    const char *input = tmp_path("many.jsonl");
    const char *db = tmp_path("killed.db");
    make_many(input, N);
    const char *argv[] = {"rasd", "ingest", "--db", db, "--jobs", "2", "--batch", "100", "--no-tagger", input, NULL};
    pid_t pid = run_start(argv, NULL);
    /* kill it once a few batches are committed, well before the end */
    struct timespec pause = {0, 20 * 1000 * 1000};
    int64_t seen = 0;
    for (int i = 0; i < 3000 && seen < 300; i++) {
        nanosleep(&pause, NULL);
        seen = db_scalar(db, "SELECT count(*) FROM documents");
    }
    kill(pid, SIGKILL);
    int status = run_finish(pid);
    if (status != 128 + SIGKILL) fail_msg("ingest ended (status %d) before it could be killed; %lld stored", status,
                                          (long long)seen);
    int64_t kept = db_scalar(db, "SELECT count(*) FROM documents");
    printf("  killed after %lld of %zu articles were committed\n", (long long)kept, N);
    assert_true(kept >= 300 && kept < (int64_t)N);
    assert_int_equal(kept % 100, 0); /* whole batches only */
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents_fts_docsize"), kept);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM fingerprints"), kept);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM paragraphs WHERE doc NOT IN (SELECT id FROM documents)"), 0);
    /* a bulk import leaves stories to the settle it ends with: killed
     * before it, the store owes that settle and its articles have none yet */
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM state WHERE name = 'settle' AND CAST(data AS TEXT) = '1'"), 1);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM stories WHERE id NOT IN (SELECT id FROM documents)"), 0);

    /* a second run stores the rest and finds the first part already there */
    expect_status(run(argv), 0);
    char expect[64];
    snprintf(expect, sizeof expect, "%lld already stored", (long long)kept);
    expect_in(err_buf, expect);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), (int64_t)N);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents_fts_docsize"), (int64_t)N);
    /* and settles: every article has its story */
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE story IS NULL"), 0);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM state WHERE name = 'settle' AND CAST(data AS TEXT) = '1'"), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input_among_good),
        cmocka_unit_test(test_search_cli),
        cmocka_unit_test(test_web_formats),
        cmocka_unit_test(test_killed_ingest),
    };
    return cmocka_run_group_tests(tests, cli_tmpdir_setup, cli_tmpdir_teardown);
}
