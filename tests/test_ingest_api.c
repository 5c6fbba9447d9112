/*
 * test_ingest_api.c: rasd_ingest (rasd.h, src/ingest/) called as a library
 * user calls it: articles given in memory and files, a record callback in
 * input order (stored, already stored, skipped with why), the progress
 * callback, a session that keeps the duplicate and story link between
 * calls, and when a run settles (a bulk import of files does, a few
 * articles given in memory do not). The text core only (no knowledge
 * base), so that it runs in a moment.
 */
#include "test_helpers.h"

#include "corpus/article.h"
#include "storage/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/rasd-ingest-api-XXXXXX";

static const char *tmp_path(const char *name) {
    static char p[4][300];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
    return p[k];
}

/* What the callbacks saw. */
typedef struct seen {
    size_t records, progress;
    rasd_status status[8];
    int64_t id[8];
    bool already[8];
    char origin[8][64];
    size_t last_read;
    bool read_went_back;
} seen;

static void on_record(void *ctx, const rasd_ingest_record *r) {
    seen *s = ctx;
    if (s->records < 8) {
        s->status[s->records] = r->status;
        s->id[s->records] = r->id;
        s->already[s->records] = r->already;
        snprintf(s->origin[s->records], sizeof s->origin[0], "%s", r->origin ? r->origin : "");
    }
    s->records++;
}

static void on_progress(void *ctx, const rasd_ingest_report *so_far) {
    seen *s = ctx;
    s->progress++;
    if (so_far->read < s->last_read) s->read_went_back = true;
    s->last_read = so_far->read;
}

static rasd_article article(const char *origin, const char *title, const char *text, const char *published) {
    rasd_article a = {0};
    a.origin = strdup(origin);
    a.title = strdup(title);
    a.text = strdup(text);
    a.len = strlen(text);
    a.published = published ? strdup(published) : NULL;
    return a;
}

static rasd_ingest_options options(seen *s, rasd_ingest_session *session) {
    rasd_ingest_options o = {.lex = test_lex, .jobs = 2, .session = session};
    o.on_record = on_record;
    o.progress = on_progress;
    o.ctx = s;
    return o;
}

static long long documents(rasd_store *store) {
    rasd_store_counts c = {0};
    rasd_error err = {0};
    assert_int_equal(rasd_store_counts_get(store, &c, &err), RASD_OK);
    return (long long)c.documents;
}

static void test_articles_in_memory_with_a_session(void **state) {
    (void)state;
    rasd_error err = {0};
    rasd_store *store = rasd_store_open(tmp_path("memory.db"), test_lex, &err);
    assert_non_null(store);
    rasd_ingest_session *session = rasd_ingest_session_new();
    assert_non_null(session);
    /* an Arabic article, then one with hardly an Arabic letter */
    rasd_article in[2] = {
        article("first", "افتتاح مكتبة عامة في وسط المدينة",
                "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب وقاعات للقراءة.", "2024-02-01"),
        article("second", "A note", "This record is written in English from its first word to its last.", NULL),
    };
    seen s = {0};
    rasd_ingest_options o = options(&s, session);
    o.articles = in;
    o.n_articles = 2;
    rasd_ingest_report r;
    assert_int_equal(rasd_ingest(store, &o, &r, &err), RASD_OK);
    assert_int_equal(r.read, 2);
    assert_int_equal(r.stored, 1);
    assert_int_equal(r.skipped, 1);
    assert_int_equal(r.skipped_by[RASD_ERR_NOT_ARABIC], 1);
    assert_false(r.settled); /* a few articles given in memory never settle by themselves */
    assert_false(r.db_failed);
    /* one record each, in input order, the stored one with its id */
    assert_int_equal(s.records, 2);
    assert_string_equal(s.origin[0], "first");
    assert_int_equal(s.status[0], RASD_OK);
    assert_true(s.id[0] > 0);
    assert_false(s.already[0]);
    assert_string_equal(s.origin[1], "second");
    assert_int_equal(s.status[1], RASD_ERR_NOT_ARABIC);
    assert_true(s.progress >= 2);
    assert_false(s.read_went_back);
    assert_int_equal(documents(store), 1);
    int64_t first_id = s.id[0];
    for (size_t i = 0; i < 2; i++) rasd_article_clear(&in[i]);

    /* the same article again through the same session: already stored, same id */
    in[0] = article("again", "افتتاح مكتبة عامة في وسط المدينة",
                    "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب وقاعات للقراءة.", "2024-02-01");
    memset(&s, 0, sizeof s);
    o.n_articles = 1;
    assert_int_equal(rasd_ingest(store, &o, &r, &err), RASD_OK);
    assert_int_equal(r.stored, 0);
    assert_int_equal(r.already, 1);
    assert_int_equal(s.records, 1);
    assert_true(s.already[0]);
    assert_int_equal(s.id[0], first_id);
    assert_int_equal(documents(store), 1);
    rasd_article_clear(&in[0]);
    rasd_ingest_session_destroy(session);
    rasd_store_close(store);
}

static void test_files_bulk_import_settles(void **state) {
    (void)state;
    FILE *f = fopen(tmp_path("one.txt"), "w");
    assert_non_null(f);
    fputs("أمطار غزيرة تغلق طرقاً في المنطقة الجبلية\n"
          "أغلقت السلطات عدداً من الطرق في المنطقة الجبلية بعد أمطار غزيرة استمرت يومين.\n",
          f);
    fclose(f);
    f = fopen(tmp_path("two.txt"), "w");
    assert_non_null(f);
    fputs("معرض للكتاب يستقبل الزوار الأسبوع المقبل\n"
          "يفتح معرض الكتاب أبوابه للزوار الأسبوع المقبل بمشاركة دور نشر من بلدان عدة.\n",
          f);
    fclose(f);
    rasd_error err = {0};
    rasd_store *store = rasd_store_open(tmp_path("files.db"), test_lex, &err);
    assert_non_null(store);
    const char *paths[] = {tmp_path("one.txt"), tmp_path("two.txt")};
    seen s = {0};
    rasd_ingest_options o = options(&s, NULL); /* no session: one for the call */
    o.paths = paths;
    o.n_paths = 2;
    rasd_ingest_report r;
    assert_int_equal(rasd_ingest(store, &o, &r, &err), RASD_OK);
    assert_int_equal(r.stored, 2);
    assert_true(r.bytes_total > 0);
    assert_true(r.settled); /* a first import of files is a bulk import */
    assert_int_equal(r.settled_articles, 2);
    assert_int_equal(s.records, 2);
    /* again: nothing new, the table of stored hashes skips the analysis,
     * and a run that stored nothing does not settle */
    memset(&s, 0, sizeof s);
    assert_int_equal(rasd_ingest(store, &o, &r, &err), RASD_OK);
    assert_int_equal(r.stored, 0);
    assert_int_equal(r.already, 2);
    assert_false(r.settled);
    /* --settle on demand, with no input at all */
    rasd_ingest_options settle = options(&s, NULL);
    settle.settle = true;
    assert_int_equal(rasd_ingest(store, &settle, &r, &err), RASD_OK);
    assert_true(r.settled);
    assert_int_equal(r.read, 0);
    assert_int_equal(documents(store), 2);
    rasd_store_close(store);
}

static void test_no_lexicon_is_a_usage_error(void **state) {
    (void)state;
    rasd_error err = {0};
    rasd_store *store = rasd_store_open(tmp_path("none.db"), test_lex, &err);
    assert_non_null(store);
    rasd_ingest_options o = {0};
    rasd_ingest_report r;
    assert_int_equal(rasd_ingest(store, &o, &r, &err), RASD_ERR_USAGE);
    rasd_store_close(store);
}

static int setup(void **state) {
    if (!mkdtemp(tmpdir)) return -1;
    return setup_analyzer(state);
}

static int teardown(void **state) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    return teardown_analyzer(state);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_articles_in_memory_with_a_session),
        cmocka_unit_test(test_files_bulk_import_settles),
        cmocka_unit_test(test_no_lexicon_is_a_usage_error),
    };
    return cmocka_run_group_tests_name("rasd_ingest", tests, setup, teardown);
}
