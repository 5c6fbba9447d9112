/*
 * test_settle_kill.c: a store always ends settled. A few hundred made-up
 * articles (stories of several articles each, exact and near duplicates,
 * several outlets and days) are ingested once without interruption into
 * store A; then, for several kill points, into a store B that a SIGKILL
 * stops part-way (after a random delay, right after a given batch, or
 * inside the closing settle, written but not committed), after which the
 * same command is run again to its end. B must then equal A row for row:
 * documents with their duplicate links and stories, the stories table and
 * its labels, the paragraphs' repeat links.
 *
 * Compared without `ingested_at` (the clock). Ids are compared as they
 * are: a killed batch is rolled back whole and the next run stores the
 * rest in the same input order, so every article gets the same id as in
 * the uninterrupted run; references (duplicate_of, story) are also
 * written as the referenced document's hash, so a failure names what
 * changed and not merely a shifted number.
 *
 * The articles are generated here (no corpus needed); the sentences are
 * this test's own.
 */
#define TEST_TMPDIR "/tmp/rasd-settle-XXXXXX"
#include "cli_run.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void expect_in_err(const char *what) {
    if (!strstr(err_buf, what)) fail_msg("expected \"%s\" in:\n%s", what, err_buf);
}

/* ------------------------------------------------------------ articles */

static const char *const PLACES[] = {"الحسكة", "القامشلي", "الرقة",     "منبج",     "كوباني",   "عامودا",
                                     "الطبقة", "تل أبيض",  "المالكية", "عين عيسى", "الدرباسية", "الشدادي"};
static const char *const BODIES[] = {"المجلس المحلي", "لجنة الزراعة",  "مديرية الصحة",   "هيئة التربية",
                                     "البلدية",       "الهلال الأحمر", "اتحاد الفلاحين", "غرفة التجارة"};
static const char *const WHAT[] = {
    "افتتاح مدرسة جديدة",   "إصلاح شبكة الكهرباء", "حملة التلقيح ضد الحصبة", "توزيع بذور القمح",
    "فيضان نهر الخابور",    "حريق سوق الخضار",     "إضراب المعلمين",         "انقطاع مياه الشرب",
    "معرض الكتاب السنوي",   "ترميم الجسر القديم",  "ارتفاع أسعار الخبز",     "تعبيد طريق المطار",
    "افتتاح مستوصف الحي",   "موسم قطاف القطن",     "نقص الأدوية المزمنة",   "مهرجان التراث الشعبي",
    "حملة تنظيف الأحياء",   "دورة تدريب الممرضين", "تأهيل محطة الضخ",       "مسابقة حفظ الشعر",
    "إغلاق المعبر الحدودي", "تسجيل طلاب الجامعة",  "إنشاء سوق شعبي",        "توسيع مقبرة البلدة"};
static const char *const OUTLETS[] = {"وكالة الشمال", "صحيفة الفرات", "إذاعة الجزيرة المحلية", "موقع المدينة"};

#define TOPICS (sizeof WHAT / sizeof WHAT[0])
#define PER_TOPIC 11

typedef struct article {
    char title[256];
    char body[4096];
    char url[128];
    char date[16];
    const char *outlet;
} article;

static unsigned rnd(unsigned *seed) {
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/* Words any article may use, drawn at random: they make the articles of a
 * story differ, and spread over every story they tell none apart. */
static const char *const COMMON[] = {
    "أمس",     "اليوم",   "صباح",    "مساء",    "الأسبوع", "الماضي",  "المقبل",  "السكان",  "الأهالي", "المسؤولون",
    "قال",     "أضاف",    "أكد",     "أوضح",    "ذكر",     "أشار",    "بين",     "لفت",     "تابع",    "ختم",
    "مصدر",    "مراسل",   "شاهد",    "عيان",    "تقرير",   "بيان",    "رسمي",    "محلي",    "عام",     "خاص",
    "كبير",    "صغير",    "جديد",    "قديم",    "سريع",    "بطيء",    "واسع",    "ضيق",     "قريب",    "بعيد",
    "المدينة", "الريف",   "القرية",  "الشارع",  "الحي",    "الساحة",  "المبنى",  "الطريق",  "السوق",   "المركز",
    "عدد",     "نسبة",    "مبلغ",    "كمية",    "مدة",     "ساعات",   "أيام",    "أشهر",    "سنوات",   "دقائق",
    "العمل",   "الجهود",  "الخطة",   "المرحلة", "الخطوة",  "النتائج", "الأسباب", "الظروف",  "الحاجة",  "الدعم",
    "الناس",   "العائلات", "الأطفال", "النساء",  "الشباب",  "الطلاب",  "العمال",  "التجار",  "السائقين", "الموظفين"};
#define N_COMMON (sizeof COMMON / sizeof COMMON[0])

/* One article of topic t: the topic's words (what, where, who) in every
 * sentence, among common words drawn at random, so that the articles of
 * a story share their words without being copies of each other. */
static void make_article(article *a, size_t t, size_t k, unsigned *seed) {
    const char *p = PLACES[t % 12], *b = BODIES[(t * 5) % 8], *w = WHAT[t];
    snprintf(a->title, sizeof a->title, "%s في %s %s %s", w, p, COMMON[rnd(seed) % N_COMMON],
             COMMON[rnd(seed) % N_COMMON]);
    char *o = a->body;
    size_t left = sizeof a->body;
    for (int s = 0; s < 6; s++) {
        const char *c[6];
        for (int i = 0; i < 6; i++) c[i] = COMMON[rnd(seed) % N_COMMON];
        int n = s % 2 ? snprintf(o, left, "%s %s %s %s في %s %s %s. ", c[0], c[1], w, c[2], p, c[3], c[4])
                      : snprintf(o, left, "%s %s %s %s %s %s %s. ", c[0], b, c[1], w, c[2], c[3], c[5]);
        o += n;
        left -= (size_t)n;
    }
    /* the last words of every article differ, so none is a copy by chance */
    snprintf(o, left, "وتابع مراسلنا الحدث رقم %zu من المكان.", t * 100 + k);
    snprintf(a->url, sizeof a->url, "https://example.org/%zu/%zu", t, k);
    snprintf(a->date, sizeof a->date, "2021-03-%02zu", (t % 9) + k / 4 + 1);
    a->outlet = OUTLETS[(t + k) % 4];
}

static void put_json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_article(FILE *f, const article *a) {
    fputs("{\"title\": ", f);
    put_json_string(f, a->title);
    fputs(", \"content\": ", f);
    put_json_string(f, a->body);
    fprintf(f, ", \"url\": \"%s\", \"date\": \"%s\", \"source\": ", a->url, a->date);
    put_json_string(f, a->outlet);
    fputs("}\n", f);
}

/* The input, in an order that interleaves the stories: every topic's
 * articles, then for some an exact copy at another address (another
 * outlet's reprint) and a near copy (one sentence reworded). */
static size_t make_input(const char *path) {
    size_t cap = TOPICS * PER_TOPIC * 2, n = 0;
    article *all = calloc(cap, sizeof *all);
    assert_non_null(all);
    unsigned seed = 11;
    for (size_t t = 0; t < TOPICS; t++)
        for (size_t k = 0; k < PER_TOPIC; k++) {
            article *a = &all[n++];
            make_article(a, t, k, &seed);
            if (k % 4 == 1) { /* exact copy, elsewhere */
                article *c = &all[n++];
                *c = *a;
                snprintf(c->url, sizeof c->url, "https://reprint.example.net/%zu/%zu", t, k);
                c->outlet = OUTLETS[(t + k + 1) % 4];
            }
            if (k % 3 == 2) { /* near copy: one sentence added at the end */
                article *c = &all[n++];
                *c = *a;
                snprintf(c->url, sizeof c->url, "https://example.org/%zu/%zu/updated", t, k);
                size_t len = strlen(c->body);
                snprintf(c->body + len, sizeof c->body - len, " وأكدت المصادر الخبر مساء اليوم.");
            }
        }
    for (size_t i = n; i > 1; i--) { /* a fixed shuffle */
        size_t j = rnd(&seed) % i;
        article tmp = all[i - 1];
        all[i - 1] = all[j];
        all[j] = tmp;
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++) write_article(f, &all[i]);
    fclose(f);
    free(all);
    return n;
}

/* ---------------------------------------------------------------- dumps */

static const char *const DUMP[] = {
    "SELECT d.id, d.hash, d.text_id, d.origin, d.url, d.title, d.source, d.author, d.published, length(d.text),"
    " d.duplicate_of, o.hash, d.dup_kind, d.similarity, d.story, s.hash, d.story_similarity"
    " FROM documents d LEFT JOIN documents o ON o.id = d.duplicate_of LEFT JOIN documents s ON s.id = d.story"
    " ORDER BY d.id",
    "SELECT id, title, first_seen, last_seen, n_articles, outlets FROM stories ORDER BY id",
    "SELECT story, outlet, actor, label, count FROM story_labels ORDER BY 1, 2, 3, 4",
    "SELECT doc, idx, pkey, repeated_of, repeats, repeat_similarity FROM paragraphs ORDER BY doc, idx",
    "SELECT doc, hex(data) FROM fingerprints ORDER BY doc",
    /* the actors' sums: a run that settles leaves them to its settle */
    "SELECT * FROM actor_totals ORDER BY entity",
    "SELECT * FROM actor_type_totals ORDER BY type, entity",
    "SELECT published, source, entity, type, name, country, mentions, articles FROM actor_days ORDER BY 1, 2, 3, 4",
    "SELECT entity, published, prev FROM actor_day_list ORDER BY 1, 2",
    "SELECT source, entity, type FROM actor_outlets ORDER BY 1, 2, 3",
};

/* Every row of the tables compared, one line each (malloc'd). */
static char *dump(const char *db_path) {
    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) fail_msg("cannot open %s", db_path);
    size_t cap = 1 << 20, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t q = 0; q < sizeof DUMP / sizeof DUMP[0]; q++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, DUMP[q], -1, &st, NULL) != SQLITE_OK) fail_msg("%s", sqlite3_errmsg(db));
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                size_t need = (v ? strlen(v) : 4) + 8;
                while (len + need >= cap) {
                    out = realloc(out, cap *= 2);
                    assert_non_null(out);
                }
                len += (size_t)snprintf(out + len, cap - len, "%s%s", c ? "|" : "", v ? v : "NULL");
            }
            out[len++] = '\n';
        }
        sqlite3_finalize(st);
        out[len++] = '#'; /* end of a table */
        out[len++] = '\n';
    }
    out[len] = '\0';
    sqlite3_close(db);
    return out;
}

/* Fails naming the first line where b differs from a. */
static void expect_same(const char *a, const char *b, const char *what) {
    if (strcmp(a, b) == 0) return;
    const char *la = a, *lb = b;
    size_t line = 1;
    while (*la && *la == *lb) {
        if (*la == '\n') {
            line++;
            a = la + 1;
            b = lb + 1;
        }
        la++;
        lb++;
    }
    int na = (int)strcspn(a, "\n"), nb = (int)strcspn(b, "\n");
    fail_msg("%s: the store differs from the uninterrupted one at row %zu:\n  uninterrupted: %.*s\n  after the kill: %.*s",
             what, line, na, a, nb, b);
}

/* ---------------------------------------------------------------- tests */

static const char *input, *prefix; /* the articles; the first 200 of them */
static char *reference;            /* store A's dump */
static const char *expected;       /* the dump the killed store must end with */
static double t_full;              /* the uninterrupted run's wall time */
static bool from_prefix;           /* B holds the prefix before the killed run */

static void ingest_argv(const char **argv, const char *db) {
    const char *a[] = {"rasd", "ingest", "--db", db, "--jobs", "2", "--batch", "25", "--no-tagger", "--quiet",
                       input, NULL};
    memcpy(argv, a, sizeof a);
}

/* The prefix into db, uninterrupted (a first import: settled). */
static void ingest_prefix(const char *db) {
    const char *argv[12];
    ingest_argv(argv, db);
    argv[10] = prefix;
    int status = run(argv);
    if (status != 0) fail_msg("ingesting the prefix ended with status %d:\n%s", status, err_buf);
}

static void remove_store(const char *db) {
    char p[600];
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
}

/* The store killed as `how` says, then the same command again to its end:
 * the result must be store A's. */
static void killed_then_rerun(const char *db, const char *what, const char *env, const char *value, double delay,
                              void (*before_rerun)(const char *db)) {
    remove_store(db);
    if (from_prefix) ingest_prefix(db);
    const char *argv[12];
    ingest_argv(argv, db);
    if (env) setenv(env, value, 1);
    pid_t pid = run_start(argv, NULL);
    if (env) unsetenv(env);
    if (delay > 0) {
        struct timespec ts = {(time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9)};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
    }
    int status = run_finish(pid);
    int64_t kept = db_scalar(db, "SELECT count(*) FROM documents");
    int64_t owed = db_scalar(db, "SELECT count(*) FROM state WHERE name = 'settle' AND data = CAST('1' AS BLOB)");
    printf("  %s: status %d, %lld articles kept, settle owed: %s\n", what, status, (long long)kept,
           owed > 0 ? "yes" : "no");
    if (env) assert_int_equal(status, 128 + SIGKILL); /* the hook's kills are sure */
    if (before_rerun) before_rerun(db);
    int rerun = run(argv);
    if (rerun != 0) fail_msg("%s: the run after the kill ended with status %d:\n%s", what, rerun, err_buf);
    if (owed > 0) { /* the rerun said it finishes the settle, and did */
        if (!strstr(err_buf, "before its settle committed"))
            fail_msg("%s: no word of the owed settle:\n%s", what, err_buf);
    }
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM state WHERE name = 'settle' AND data = CAST('1' AS BLOB)"), 0);
    char *got = dump(db);
    expect_same(expected, got, what);
    free(got);
}

static void test_uninterrupted_reference(void **state) {
    (void)state;
    const char *db = tmp_path("a.db");
    const char *argv[12];
    ingest_argv(argv, db);
    double t0 = now();
    int status = run(argv);
    if (status != 0) fail_msg("the uninterrupted ingest ended with status %d:\n%s", status, err_buf);
    t_full = now() - t0;
    expected = reference = dump(db);
    int64_t docs = db_scalar(db, "SELECT count(*) FROM documents");
    int64_t exact = db_scalar(db, "SELECT count(*) FROM documents WHERE dup_kind = 'exact'");
    int64_t near = db_scalar(db, "SELECT count(*) FROM documents WHERE dup_kind = 'near'");
    int64_t stories = db_scalar(db, "SELECT count(*) FROM stories");
    int64_t multi = db_scalar(db, "SELECT count(*) FROM stories WHERE n_articles > 1");
    printf("  uninterrupted: %lld articles, %lld exact and %lld near duplicates, %lld stories (%lld of several "
           "articles), %.1f s\n",
           (long long)docs, (long long)exact, (long long)near, (long long)stories, (long long)multi, t_full);
    /* the input is what the test means it to be: stories, copies, near copies */
    assert_true(exact > 10 && near > 10 && multi > 10);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM state WHERE name = 'settle' AND data = CAST('0' AS BLOB)"), 1);
}

/* rasd serve on a store that owes a settle says so at start. */
static void expect_serve_warns(const char *db) {
    const char *argv[] = {"rasd", "serve", "--db", db, "--port", "0", "--quiet", NULL};
    pid_t pid = run_start(argv, NULL);
    struct timespec tick = {0, 50 * 1000 * 1000};
    char out[4096] = "";
    for (int i = 0; i < 200 && !strstr(out, "rasd serve:"); i++) { /* until it listens */
        nanosleep(&tick, NULL);
        FILE *f = fopen(out_path, "rb");
        size_t n = f ? fread(out, 1, sizeof out - 1, f) : 0;
        out[n] = '\0';
        if (f) fclose(f);
    }
    kill(pid, SIGTERM);
    run_finish(pid);
    if (!strstr(err_buf, "stopped before its settle committed") || !strstr(err_buf, "--settle"))
        fail_msg("rasd serve did not warn of the owed settle:\n%s", err_buf);
}

static void test_killed_in_settle(void **state) {
    (void)state;
    /* the settle written, not committed: the next run has nothing new to
     * store and must still settle */
    const char *db = tmp_path("b.db");
    killed_then_rerun(db, "killed inside the settle", "RASD_TEST_KILL_IN_SETTLE", "1", 0, expect_serve_warns);
}

static void test_killed_after_batches(void **state) {
    (void)state;
    /* early (2 of the import's batches) and late (all but the last) */
    killed_then_rerun(tmp_path("b.db"), "killed after batch 2", "RASD_TEST_KILL_AFTER_BATCHES", "2", 0, NULL);
    int64_t n = db_scalar(tmp_path("a.db"), "SELECT count(*) FROM documents");
    char late[24];
    snprintf(late, sizeof late, "%lld", (long long)((n - 1) / 25));
    killed_then_rerun(tmp_path("b.db"), "killed after the last full batch", "RASD_TEST_KILL_AFTER_BATCHES", late, 0, NULL);
}

static void test_killed_at_random(void **state) {
    (void)state;
    unsigned seed = (unsigned)time(NULL);
    printf("  random kill points, seed %u\n", seed);
    srand(seed);
    for (int i = 0; i < 3; i++) {
        /* anywhere from the end of the engine's loading to the settle's
         * end (a later kill finds the run done, which must hold too) */
        double delay = t_full * (0.35 + 0.7 * (double)rand() / RAND_MAX);
        char what[64];
        snprintf(what, sizeof what, "killed after %.2f s", delay);
        killed_then_rerun(tmp_path("b.db"), what, NULL, NULL, delay, NULL);
    }
}

static void test_killed_on_a_store_not_empty(void **state) {
    (void)state;
    /* 200 articles stored, then the 208 others: a bulk import still (208 >=
     * 200), so the uninterrupted run settles. Killed after 50 of them, the
     * rerun stores 158 into a store of 250: it must know it completes the
     * killed run (whose base the store kept) and settle as well. */
    const char *a2 = tmp_path("a2.db");
    remove_store(a2);
    ingest_prefix(a2);
    const char *argv[12];
    ingest_argv(argv, a2);
    int status = run(argv);
    if (status != 0) fail_msg("the uninterrupted ingest ended with status %d:\n%s", status, err_buf);
    char *ref2 = dump(a2);
    assert_true(strcmp(ref2, reference) != 0); /* the order of the runs shows: a different reference */
    expected = ref2;
    from_prefix = true;
    killed_then_rerun(tmp_path("b.db"), "killed after batch 2, 200 stored before", "RASD_TEST_KILL_AFTER_BATCHES",
                      "2", 0, NULL);
    from_prefix = false;
    expected = reference;
    free(ref2);
}

static void test_disk_full_in_settle(void **state) {
    (void)state;
    /* every article stored without a settle, then --settle on a disk that
     * fills within it (64 KB a file: the write-ahead log holds the first
     * commit's state and mark, not the settle's rewrite of every story) */
    const char *db = tmp_path("full.db");
    remove_store(db);
    const char *argv[13];
    ingest_argv(argv, db);
    argv[11] = argv[10]; /* options before the input */
    argv[10] = "--no-settle";
    argv[12] = NULL;
    int status = run(argv);
    if (status != 0) fail_msg("the ingest ended with status %d:\n%s", status, err_buf);
    const char *settle[] = {"rasd", "ingest", "--db", db, "--settle", "--quiet", NULL};
    test_spawn_opts full = {.file_limit = 64 << 10};
    status = run_with(settle, &full);
    printf("  --settle on a full disk: status %d\n", status);
    if (status != 3) fail_msg("a settle stopped by a full disk ended with status %d, not 3:\n%s", status, err_buf);
    if (!strstr(err_buf, "the settle was rolled back")) fail_msg("no word of the rolled-back settle:\n%s", err_buf);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM state WHERE name = 'settle' AND data = CAST('1' AS BLOB)"), 1);
    /* with room again, a plain ingest of the same input stores nothing and
     * settles: the store is the uninterrupted run's */
    argv[10] = argv[11];
    argv[11] = NULL;
    status = run(argv);
    if (status != 0) fail_msg("the ingest after the full disk ended with status %d:\n%s", status, err_buf);
    expect_in_err("before its settle committed");
    char *got = dump(db);
    expect_same(reference, got, "settled after a full disk");
    free(got);
}

static int setup(void **state) {
    (void)state;
    if (cli_make_tmpdir() != 0) return -1;
    static char in[600];
    snprintf(in, sizeof in, "%s/articles.jsonl", tmpdir);
    input = in;
    printf("  %zu articles generated\n", make_input(input));
    static char pre[600];
    snprintf(pre, sizeof pre, "%s/first.jsonl", tmpdir);
    prefix = pre;
    FILE *in_f = fopen(input, "r"), *out_f = fopen(prefix, "w");
    if (!in_f || !out_f) return -1;
    char line[8192];
    for (int i = 0; i < 200 && fgets(line, sizeof line, in_f); i++) fputs(line, out_f);
    fclose(in_f);
    fclose(out_f);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    free(reference);
    return cli_remove_tmpdir();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uninterrupted_reference),
        cmocka_unit_test(test_killed_in_settle),
        cmocka_unit_test(test_killed_after_batches),
        cmocka_unit_test(test_killed_at_random),
        cmocka_unit_test(test_killed_on_a_store_not_empty),
        cmocka_unit_test(test_disk_full_in_settle),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
