/*
 * test_formats_net.c: fetch and the feed watcher against a local server
 * (tests/http_test_server.py, started here on 127.0.0.1 with a free port,
 * serving tests/fixtures/web): bodies, gzip, ETag and 304, redirects and
 * their limit, timeouts, size limits, HTTP errors, charsets from the
 * Content-Type; the watcher's first round reads every item, the second
 * fetches nothing but the feed (answered 304), and a state file reopened
 * from disk remembers both; `rasd watch --once` on the command line.
 */
#define TEST_TMPDIR "/tmp/rasd-net-XXXXXX"
#include "cli_run.h"

#include "corpus/html.h"
#include "corpus/watch.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif
#ifndef SERVER_PY
#define SERVER_PY "tests/http_test_server.py"
#endif
#ifndef DATA_DIR
#define DATA_DIR "data"
#endif

static char base[64], log_path[300];
static pid_t server;

static int start_server(void **state) {
    (void)state;
    if (cli_make_tmpdir() != 0) return -1;
    char port_file[300];
    snprintf(port_file, sizeof port_file, "%s/port", tmpdir);
    snprintf(log_path, sizeof log_path, "%s/requests.log", tmpdir);
    server = fork();
    if (server == 0) {
        execl("/usr/bin/python3", "python3", SERVER_PY, "--root", FIXTURES "/web", "--port-file", port_file, "--log",
              log_path, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200; i++) { /* up to 10 s */
        FILE *f = fopen(port_file, "r");
        int port = 0;
        if (f) {
            if (fscanf(f, "%d", &port) != 1) port = 0;
            fclose(f);
        }
        if (port > 0) {
            snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
            return 0;
        }
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "the test server did not start (python3 %s)\n", SERVER_PY);
    return -1;
}

static int stop_server(void **state) {
    (void)state;
    if (server > 0) {
        kill(server, SIGTERM);
        waitpid(server, NULL, 0);
    }
    return cli_remove_tmpdir();
}

static const char *url(const char *path) {
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s%s", base, path);
    return buf[k];
}

/* How many requests for path the server logged with this status. */
static size_t requests(const char *path, int status) {
    FILE *f = fopen(log_path, "r");
    if (!f) return 0;
    char line[600], want[400];
    snprintf(want, sizeof want, "GET %s %d\n", path, status);
    size_t n = 0;
    while (fgets(line, sizeof line, f)) n += strcmp(line, want) == 0;
    fclose(f);
    return n;
}

/* ------------------------------------------------------------ fetch */

static void fetch_page_and_304(void **state) {
    (void)state;
    rasd_fetch_result r;
    rasd_error err = {0};
    assert_int_equal(rasd_fetch(url("/a.html"), NULL, &r, &err), RASD_OK);
    assert_int_equal(r.status, 200);
    assert_false(r.not_modified);
    assert_non_null(strstr(r.body, "اتفقت الإدارة المحلية")); /* gzip decoded */
    assert_string_equal(r.content_type, "text/html");
    assert_string_equal(r.charset, "utf-8");
    assert_non_null(r.etag);
    assert_string_equal(r.last_modified, "Sat, 05 Jun 2021 10:00:00 GMT");
    rasd_fetch_options again = {.etag = r.etag};
    rasd_fetch_result r2;
    assert_int_equal(rasd_fetch(url("/a.html"), &again, &r2, &err), RASD_OK);
    assert_true(r2.not_modified);
    assert_int_equal(r2.len, 0);
    rasd_fetch_options since = {.last_modified = r.last_modified};
    rasd_fetch_result r3;
    assert_int_equal(rasd_fetch(url("/a.html"), &since, &r3, &err), RASD_OK);
    assert_true(r3.not_modified);
    rasd_fetch_result_free(&r);
    rasd_fetch_result_free(&r2);
    rasd_fetch_result_free(&r3);
}

static void fetch_errors_name_the_url(void **state) {
    (void)state;
    rasd_fetch_result r;
    rasd_error err = {0};
    assert_int_equal(rasd_fetch(url("/missing"), NULL, &r, &err), RASD_ERR_NETWORK);
    assert_non_null(strstr(err.message, url("/missing")));
    assert_non_null(strstr(err.message, "404"));
    assert_null(r.body);
    assert_int_equal(rasd_fetch(url("/loop"), NULL, &r, &err), RASD_ERR_NETWORK);
    assert_non_null(strstr(err.message, "/loop"));
    rasd_fetch_options quick = {.timeout = 1};
    assert_int_equal(rasd_fetch(url("/slow"), &quick, &r, &err), RASD_ERR_NETWORK);
    assert_non_null(strstr(err.message, "/slow"));
    rasd_fetch_options small = {.max_bytes = 4096};
    assert_int_equal(rasd_fetch(url("/big"), &small, &r, &err), RASD_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "/big"));
    /* nothing listens on port 9 of 127.0.0.1 (discard) in a test box */
    assert_int_equal(rasd_fetch("http://127.0.0.1:9/", NULL, &r, &err), RASD_ERR_NETWORK);
    assert_non_null(strstr(err.message, "http://127.0.0.1:9/"));
    assert_int_equal(rasd_fetch("http://no-such-host.invalid/", NULL, &r, &err), RASD_ERR_NETWORK);
    assert_non_null(strstr(err.message, "no-such-host.invalid"));
    assert_int_equal(rasd_fetch("file:///etc/passwd", NULL, &r, &err), RASD_ERR_USAGE);
}

static void fetch_redirect_and_charset(void **state) {
    (void)state;
    rasd_fetch_result r;
    rasd_error err = {0};
    assert_int_equal(rasd_fetch(url("/redirect"), NULL, &r, &err), RASD_OK);
    assert_string_equal(r.final_url, url("/a.html"));
    rasd_fetch_result_free(&r);
    rasd_fetch_options none = {.max_redirects = -1};
    assert_int_equal(rasd_fetch(url("/redirect"), &none, &r, &err), RASD_ERR_NETWORK);
    /* the page names no charset; the server's Content-Type does */
    assert_int_equal(rasd_fetch(url("/page-1256.html"), NULL, &r, &err), RASD_OK);
    assert_string_equal(r.charset, "windows-1256");
    rasd_article a;
    rasd_html_options ho = {.charset = r.charset};
    assert_int_equal(rasd_html_read("page-1256.html", r.body, r.len, &ho, &a, &err), RASD_OK);
    assert_string_equal(a.title, "الحسكة");
    assert_non_null(strstr(a.text, "وصلت وفود إلى مدينة الحسكة،"));
    rasd_article_clear(&a);
    rasd_fetch_result_free(&r);
    /* a Content-Type without a media type is no media type, not an empty
     * one (found by fuzz_fetch); its charset still counts */
    assert_int_equal(rasd_fetch(url("/charset-only"), NULL, &r, &err), RASD_OK);
    assert_null(r.content_type);
    assert_string_equal(r.charset, "windows-1256");
    rasd_fetch_result_free(&r);
}

/* ------------------------------------------------------------ watch */

typedef struct seen_articles {
    char titles[8][256];
    char origins[8][256];
    char texts[8][1024];
    size_t n, skips;
} seen_articles;

static bool collect(void *ctx, rasd_article *a) {
    seen_articles *s = ctx;
    if (s->n < 8) {
        snprintf(s->titles[s->n], 256, "%s", a->title ? a->title : "");
        snprintf(s->origins[s->n], 256, "%s", a->origin);
        snprintf(s->texts[s->n], 1024, "%s", a->text ? a->text : "");
    }
    s->n++;
    return true;
}

static void count_skip(void *ctx, const rasd_error *e) {
    (void)e;
    ((seen_articles *)ctx)->skips++;
}

static void watch_second_poll_fetches_nothing(void **state) {
    (void)state;
    char state_path[400];
    snprintf(state_path, sizeof state_path, "%s/watch-state.json", tmpdir);
    rasd_error err = {0};
    rasd_watch_file *wf = rasd_watch_file_open(state_path, &err);
    assert_non_null(wf);
    rasd_watch_state st = rasd_watch_file_state(wf);
    const char *feeds[] = {url("/feed.xml")};
    seen_articles got = {0};
    rasd_watch_stats stats;
    size_t a_before = requests("/a.html", 200);
    assert_int_equal(rasd_watch_poll(feeds, 1, NULL, &st, collect, count_skip, &got, &stats, &err), RASD_OK);
    assert_int_equal(stats.feeds, 1);
    assert_int_equal(stats.items, 3);
    assert_int_equal(stats.new_items, 3);
    assert_int_equal(stats.pages, 2);
    assert_int_equal(stats.page_failures, 1); /* /missing: the feed's text is used */
    assert_int_equal(got.n, 3);
    /* the page's title (og:title) and body, the feed item's origin */
    assert_string_equal(got.titles[0], "اتفاق على إعادة فتح معبر حدودي");
    assert_non_null(strstr(got.texts[0], "اتفقت الإدارة المحلية"));
    assert_null(strstr(got.texts[0], "الرئيسية"));
    assert_null(strstr(got.texts[0], "فيسبوك"));
    assert_non_null(strstr(got.origins[0], "/feed.xml#1"));
    assert_null(strstr(got.texts[1], "تعليق من قارئ"));
    assert_string_equal(got.titles[2], "مقال صفحته مفقودة");
    assert_non_null(strstr(got.texts[2], "نص الخلاصة وحده متاح"));
    assert_int_equal(requests("/a.html", 200), a_before + 1);

    /* second round: the feed answers 304, no page is asked for */
    size_t feed_304 = requests("/feed.xml", 304), b_pages = requests("/b.html", 200);
    seen_articles again = {0};
    assert_int_equal(rasd_watch_poll(feeds, 1, NULL, &st, collect, count_skip, &again, &stats, &err), RASD_OK);
    assert_int_equal(stats.not_modified, 1);
    assert_int_equal(stats.new_items, 0);
    assert_int_equal(stats.pages, 0);
    assert_int_equal(again.n, 0);
    assert_int_equal(requests("/feed.xml", 304), feed_304 + 1);
    assert_int_equal(requests("/a.html", 200), a_before + 1);
    assert_int_equal(requests("/b.html", 200), b_pages);
    rasd_watch_file_close(wf);

    /* the state file on disk: validators and seen URLs survive */
    wf = rasd_watch_file_open(state_path, &err);
    assert_non_null(wf);
    st = rasd_watch_file_state(wf);
    assert_true(st.seen(st.ctx, url("/b.html")));
    assert_false(st.seen(st.ctx, url("/c.html")));
    assert_int_equal(rasd_watch_poll(feeds, 1, NULL, &st, collect, count_skip, &again, &stats, &err), RASD_OK);
    assert_int_equal(stats.not_modified, 1);
    assert_int_equal(again.n, 0);
    /* without validators the feed is read again, but every item is known */
    rasd_watch_file_close(wf);
    rasd_watch_file *fresh = rasd_watch_file_open(state_path, &err);
    st = rasd_watch_file_state(fresh);
    assert_int_equal(st.put_validators(st.ctx, feeds[0], NULL, NULL, &err), RASD_OK);
    assert_int_equal(rasd_watch_poll(feeds, 1, NULL, &st, collect, count_skip, &again, &stats, &err), RASD_OK);
    assert_int_equal(stats.not_modified, 0);
    assert_int_equal(stats.items, 3);
    assert_int_equal(stats.new_items, 0);
    assert_int_equal(stats.pages, 0);
    rasd_watch_file_close(fresh);
}

static void watch_survives_bad_feeds_and_state(void **state) {
    (void)state;
    char state_path[400];
    snprintf(state_path, sizeof state_path, "%s/bad-state.json", tmpdir);
    FILE *f = fopen(state_path, "w");
    fputs("{\"feeds\": [1,2", f);
    fclose(f);
    rasd_error err = {0};
    assert_null(rasd_watch_file_open(state_path, &err));
    assert_int_equal(err.code, RASD_ERR_FORMAT);
    assert_non_null(strstr(err.message, state_path));
    /* a broken state is never replaced */
    f = fopen(state_path, "r");
    char buf[64] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "{\"feeds\": [1,2");

    snprintf(state_path, sizeof state_path, "%s/other-state.json", tmpdir);
    rasd_watch_file *wf = rasd_watch_file_open(state_path, &err);
    rasd_watch_state st = rasd_watch_file_state(wf);
    /* a missing feed and a page that is not a feed fail; the good one is read */
    const char *feeds[] = {url("/no-feed.xml"), url("/a.html"), url("/feed.xml")};
    seen_articles got = {0};
    rasd_watch_stats stats;
    rasd_watch_options feed_only = {.feed_only = true};
    assert_int_equal(rasd_watch_poll(feeds, 3, &feed_only, &st, collect, count_skip, &got, &stats, &err), RASD_OK);
    assert_int_equal(stats.failed_feeds, 2);
    assert_int_equal(got.n, 3);
    assert_int_equal(stats.pages, 0);
    assert_string_equal(got.texts[0], "ملخص المقال الأول في الخلاصة.");
    rasd_watch_file_close(wf);
}

/* The state file keeps the newest keys, up to its limit, in order. */
static void watch_file_forgets_oldest(void **state) {
    (void)state;
    char path[400], key[64];
    snprintf(path, sizeof path, "%s/many-state.json", tmpdir);
    rasd_error err = {0};
    rasd_watch_file *wf = rasd_watch_file_open(path, &err);
    rasd_watch_state st = rasd_watch_file_state(wf);
    size_t n = RASD_WATCH_FILE_MAX_SEEN + 10;
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "https://example.org/%zu", i);
        assert_int_equal(st.mark(st.ctx, key, &err), RASD_OK);
    }
    assert_int_equal(rasd_watch_file_save(wf, &err), RASD_OK);
    rasd_watch_file_close(wf);
    wf = rasd_watch_file_open(path, &err);
    st = rasd_watch_file_state(wf);
    assert_false(st.seen(st.ctx, "https://example.org/0"));
    assert_false(st.seen(st.ctx, "https://example.org/9"));
    assert_true(st.seen(st.ctx, "https://example.org/10"));
    snprintf(key, sizeof key, "https://example.org/%zu", n - 1);
    assert_true(st.seen(st.ctx, key));
    rasd_watch_file_close(wf);
}

/* An empty validator in a state file edited by hand is no validator (found
 * by fuzz_watch_state); the other one of the feed still counts. */
static void watch_file_empty_validator(void **state) {
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/empty-etag-state.json", tmpdir);
    FILE *f = fopen(path, "w");
    fputs("{\"feeds\": {\"https://example.org/a.xml\": {\"etag\": \"\"},"
          " \"https://example.org/b.xml\": {\"etag\": \"\", \"last_modified\": \"Sat, 05 Jun 2021 10:00:00 GMT\"}},"
          " \"seen\": []}",
          f);
    fclose(f);
    rasd_error err = {0};
    rasd_watch_file *wf = rasd_watch_file_open(path, &err);
    assert_non_null(wf);
    rasd_watch_state st = rasd_watch_file_state(wf);
    char *etag = NULL, *lm = NULL;
    assert_false(st.get_validators(st.ctx, "https://example.org/a.xml", &etag, &lm));
    assert_null(etag);
    assert_null(lm);
    assert_true(st.get_validators(st.ctx, "https://example.org/b.xml", &etag, &lm));
    assert_null(etag);
    assert_string_equal(lm, "Sat, 05 Jun 2021 10:00:00 GMT");
    free(lm);
    rasd_watch_file_close(wf);
}

static void watch_list_errors(void **state) {
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/feeds-bad.txt", tmpdir);
    FILE *f = fopen(path, "w");
    fputs("# feeds\nhttps://example.org/feed\n\nftp://example.org/feed\n", f);
    fclose(f);
    char **feeds;
    size_t n;
    rasd_error err = {0};
    assert_int_equal(rasd_watch_read_list(path, &feeds, &n, &err), RASD_ERR_FORMAT);
    assert_non_null(strstr(err.message, "feeds-bad.txt:4"));
}

/* ------------------------------------------------------------ CLI */

/* Documents in a SQLite store, or -1. */
static long long stored_documents(const char *db) {
    sqlite3 *h = NULL;
    sqlite3_stmt *q = NULL;
    long long n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT count(*) FROM documents", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
    return n;
}

static void cli_watch_once(void **state) {
    (void)state;
    char list[400], st[400];
    snprintf(list, sizeof list, "%s/feeds.txt", tmpdir);
    snprintf(st, sizeof st, "%s/cli-state.json", tmpdir);
    FILE *f = fopen(list, "w");
    fprintf(f, "# local test feed\n%s\n", url("/feed.xml"));
    fclose(f);
    const char *argv[] = {RASD_BIN, "watch", "--once", "--state", st, "--data", DATA_DIR, list, NULL};
    assert_int_equal(run(argv), 0);
    size_t lines = 0;
    for (char *p = out_buf; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 3);
    assert_non_null(strstr(out_buf, "اتفاق على إعادة فتح معبر حدودي"));
    assert_non_null(strstr(out_buf, url("/b.html")));
    assert_int_equal(run(argv), 0);
    assert_string_equal(out_buf, ""); /* nothing new */
    const char *jsonl[] = {RASD_BIN, "watch", "--once", "--jsonl", "--no-tagger", "--data", DATA_DIR, list, NULL};
    assert_int_equal(run(jsonl), 0); /* its own default state file: all new */
    lines = 0;
    for (char *p = out_buf; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 3);
    assert_non_null(strstr(out_buf, "\"published\":\"2021-06-05\""));
    assert_non_null(strstr(out_buf, "\"title\":\"اتفاق على إعادة فتح معبر حدودي\""));
    const char *bad[] = {RASD_BIN, "watch", "--once", NULL};
    assert_int_equal(run(bad), 2);
    /* --db: each new article stored through rasd_ingest, as rasd ingest stores it */
    char db[400], st2[400];
    snprintf(db, sizeof db, "%s/watch.db", tmpdir);
    snprintf(st2, sizeof st2, "%s/db-state.json", tmpdir);
    const char *store[] = {RASD_BIN, "watch", "--once", "--db", db, "--state", st2, "--no-tagger", "--data", DATA_DIR,
                           list, NULL};
    assert_int_equal(run(store), 0);
    assert_int_equal(stored_documents(db), 3);
    assert_int_equal(run(store), 0); /* nothing new, nothing stored twice */
    assert_string_equal(out_buf, "");
    assert_int_equal(stored_documents(db), 3);
    const char *both[] = {RASD_BIN, "watch", "--once", "--db", db, "--jsonl", list, NULL};
    assert_int_equal(run(both), 2);
}

/* `rasd analyze` on a page, feeds and a refused feed: one line per
 * article, the refused file named on stderr, exit status 1. */
static void cli_analyze_pages_and_feeds(void **state) {
    (void)state;
    const char *argv[] = {RASD_BIN, "analyze", "--no-tagger", "--jobs", "2", "--data", DATA_DIR,
                          FIXTURES "/html/jsonld.html", FIXTURES "/feeds/rss2.xml", FIXTURES "/feeds/bomb.xml",
                          FIXTURES "/feeds/atom.xml", NULL};
    assert_int_equal(run(argv), 1);
    size_t lines = 0;
    for (char *p = out_buf; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 1 + 3 + 2);
    const char *first = strstr(out_buf, "\"path\":\"" FIXTURES "/html/jsonld.html\"");
    const char *feed = strstr(out_buf, "rss2.xml#4\"");
    const char *atom = strstr(out_buf, "atom.xml#2\"");
    assert_non_null(first);
    assert_non_null(feed);
    assert_non_null(atom);
    assert_true(first < feed && feed < atom); /* input order, whatever --jobs */
    assert_non_null(strstr(out_buf, "\"published\":\"2022-11-25\""));
    assert_null(strstr(out_buf, "bomb.xml"));
    /* URLs: a page and a feed, fetched */
    const char *urls[] = {RASD_BIN, "analyze", "--no-entities", "--data", DATA_DIR, url("/a.html"), url("/feed.xml"),
                          url("/missing"), NULL};
    assert_int_equal(run(urls), 1); /* /missing: 404 */
    lines = 0;
    for (char *p = out_buf; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 1 + 3);
    assert_non_null(strstr(out_buf, "\"title\":\"اتفاق على إعادة فتح معبر حدودي\""));
    assert_non_null(strstr(out_buf, "/feed.xml#3\""));
}

int main(void) {
    if (access("/usr/bin/python3", X_OK) != 0) {
        fprintf(stderr, "skipped: /usr/bin/python3 is needed for the test server\n");
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fetch_page_and_304),
        cmocka_unit_test(fetch_errors_name_the_url),
        cmocka_unit_test(fetch_redirect_and_charset),
        cmocka_unit_test(watch_second_poll_fetches_nothing),
        cmocka_unit_test(watch_survives_bad_feeds_and_state),
        cmocka_unit_test(watch_file_forgets_oldest),
        cmocka_unit_test(watch_file_empty_validator),
        cmocka_unit_test(watch_list_errors),
        cmocka_unit_test(cli_watch_once),
        cmocka_unit_test(cli_analyze_pages_and_feeds),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
