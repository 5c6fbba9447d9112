/*
 * test_ingest_same.c: `rasd ingest` and POST /api/ingest store an article
 * alike (issue 16). Both go through rasd_ingest (src/ingest/), so the same
 * article, read from a JSON file by one and posted to `rasd serve
 * --allow-ingest` by the other, must leave the same rows in every table of
 * two fresh stores: documents, analysis tables (entities, places, quotes,
 * events, numbers, dates, framing, paragraphs), removed boilerplate,
 * fingerprints, stories, the full-text index's own tables and the
 * clusterer's state. What legitimately differs is left out: where the
 * article came from (documents.origin, and doc.path inside the kept
 * analysis line), when it was stored (documents.ingested_at) and the
 * name of the process that wrote last (the "writer" row of state), and
 * the marks of a run that ended settled (state "settle" 0, "ingest-base"
 * empty: `rasd ingest` of a first file settles, a POST does not, and
 * neither owes anything; a settle owed would still differ).
 *
 * The article is written for this test: names, a quote, an arrest, numbers,
 * a day, an HTML character reference and a line of boilerplate, so that
 * each table has something to compare.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_spawn.h"

static const char ARTICLE[] =
    "{\"title\": \"الأردن ومصر تبحثان التعاون الاقتصادي\", \"source\": \"منبر التجربة\","
    " \"published\": \"2024-05-12\", \"url\": \"https://example.org/news/jo-eg\", \"author\": \"محرر التجربة\","
    " \"text\": \"استقبل وزير الخارجية الأردني في عمّان يوم الأحد نظيره المصري، وبحث الجانبان سبل تعزيز "
    "التعاون الاقتصادي بين البلدين.\\nوقال الوزير الأردني إن البلدين &quot;يعملان معاً&quot; لزيادة التبادل "
    "التجاري إلى ثلاثة مليارات دولار.\\nاقرأ أيضاً: أخبار الاقتصاد\\nوفي القاهرة، اعتقلت الشرطة المصرية "
    "خمسة أشخاص بتهمة تهريب الآثار.\"}";

static char dir[] = "/tmp/rasd-same-XXXXXX";

static void path_in(char *out, size_t cap, const char *name) { snprintf(out, cap, "%s/%s", dir, name); }

/* ------------------------------------------------------------ the stores */

/* Appends printf output to a growing string. */
static void add(char **s, size_t *len, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    *s = realloc(*s, *len + (size_t)n + 1);
    assert_non_null(*s);
    va_start(ap, fmt);
    vsnprintf(*s + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *len += (size_t)n;
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Replaces every occurrence of from in s (malloc'd) by to. */
static char *replaced(const char *s, const char *from, const char *to) {
    char *out = NULL;
    size_t len = 0, nf = strlen(from);
    add(&out, &len, "%s", "");
    for (const char *p = s, *q; *p; p = q + nf) {
        if (!(q = strstr(p, from))) {
            add(&out, &len, "%s", p);
            break;
        }
        add(&out, &len, "%.*s%s", (int)(q - p), p, to);
    }
    return out;
}

/* A state row that legitimately differs (see the top of the file). */
static bool skipped_state(sqlite3_stmt *st) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    const char *data = sqlite3_column_blob(st, 1);
    int len = sqlite3_column_bytes(st, 1);
    if (strcmp(name, "writer") == 0) return true;
    if (strcmp(name, "ingest-base") == 0) return len == 0;
    return strcmp(name, "settle") == 0 && len == 1 && data[0] == '0';
}

/* One table's rows as sorted lines of text, without what differs by
 * route (see the top of the file); *n_rows counts them. */
static char *table_text(sqlite3 *db, const char *table, const char *origin, size_t *n_rows) {
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    char **rows = NULL;
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *row = NULL;
        size_t len = 0;
        bool writer = strcmp(table, "state") == 0 && skipped_state(st);
        for (int c = 0; c < sqlite3_column_count(st) && !writer; c++) {
            const char *name = sqlite3_column_name(st, c);
            if (strcmp(name, "ingested_at") == 0) continue;
            if (strcmp(table, "documents") == 0 && strcmp(name, "origin") == 0) {
                assert_string_equal((const char *)sqlite3_column_text(st, c), origin);
                continue;
            }
            if (sqlite3_column_type(st, c) == SQLITE_BLOB) {
                /* bytes as hex, so that blobs compare whole */
                const unsigned char *b = sqlite3_column_blob(st, c);
                add(&row, &len, "%s=x'", name);
                for (int k = 0; k < sqlite3_column_bytes(st, c); k++) add(&row, &len, "%02x", b[k]);
                add(&row, &len, "'\t");
            } else if (sqlite3_column_type(st, c) == SQLITE_NULL) {
                add(&row, &len, "%s=NULL\t", name);
            } else {
                const char *v = (const char *)sqlite3_column_text(st, c);
                char key[600];
                snprintf(key, sizeof key, "\"path\":\"%s\"", origin);
                char *same = replaced(v, key, "\"path\":ORIGIN");
                add(&row, &len, "%s=%s\t", name, same);
                free(same);
            }
        }
        if (writer) continue;
        rows = realloc(rows, (n + 1) * sizeof *rows);
        assert_non_null(rows);
        rows[n++] = row;
    }
    sqlite3_finalize(st);
    if (n) qsort(rows, n, sizeof *rows, by_text); /* (rows is NULL for an empty table) */
    char *out = NULL;
    size_t len = 0;
    add(&out, &len, "## %s\n", table);
    for (size_t i = 0; i < n; i++) {
        add(&out, &len, "%s\n", rows[i]);
        free(rows[i]);
    }
    free(rows);
    *n_rows = n;
    return out;
}

static size_t rows_of(sqlite3 *db, const char *table) {
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    size_t n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Every ordinary table of both stores (the full-text index's virtual table
 * through its shadow tables, which hold what it indexed), row for row. */
static void assert_same_rows(const char *path_a, const char *origin_a, const char *path_b, const char *origin_b) {
    sqlite3 *a = NULL, *b = NULL;
    assert_int_equal(sqlite3_open_v2(path_a, &a, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_open_v2(path_b, &b, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    /* (not sqlite_stat1: the planner's statistics that PRAGMA optimize
     * writes on close follow the queries a connection ran, not what it
     * stored) */
    const char *list = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                       "AND name NOT LIKE 'sqlite_stat%' ORDER BY name";
    sqlite3_stmt *ta = NULL, *tb = NULL;
    assert_int_equal(sqlite3_prepare_v2(a, list, -1, &ta, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(b, list, -1, &tb, NULL), SQLITE_OK);
    size_t tables = 0;
    for (;;) {
        int ra = sqlite3_step(ta), rb = sqlite3_step(tb);
        assert_int_equal(ra, rb);
        if (ra != SQLITE_ROW) break;
        const char *name = (const char *)sqlite3_column_text(ta, 0);
        assert_string_equal(name, (const char *)sqlite3_column_text(tb, 0));
        size_t na = 0, nb = 0;
        char *xa = table_text(a, name, origin_a, &na), *xb = table_text(b, name, origin_b, &nb);
        if (strcmp(xa, xb) != 0) fail_msg("table %s differs:\nrasd ingest:\n%s\nPOST /api/ingest:\n%s", name, xa, xb);
        assert_int_equal(na, nb);
        free(xa);
        free(xb);
        tables++;
    }
    assert_true(tables >= 10);
    /* the article gave each kind of row something to compare */
    static const char *const FILLED[] = {"documents", "entities", "places", "quotes", "events",
                                         "numbers", "dates", "paragraphs", "boilerplate", "stories"};
    for (size_t i = 0; i < sizeof FILLED / sizeof FILLED[0]; i++)
        if (rows_of(a, FILLED[i]) == 0) fail_msg("the test article left %s empty", FILLED[i]);
    sqlite3_finalize(ta);
    sqlite3_finalize(tb);
    sqlite3_close(a);
    sqlite3_close(b);
}

/* ------------------------------------------------------------ the server */

static size_t discard(char *p, size_t size, size_t n, void *ctx) {
    (void)p;
    (void)ctx;
    return size * n;
}

/* Starts `rasd serve --allow-ingest` on db, POSTs body, stops it; returns
 * the HTTP status of the post. */
static long post_to_server(const char *db, const char *body) {
    const char *argv[] = {RASD_BIN, "serve", "--db", db, "--port", "0", "--allow-ingest", "--quiet", NULL};
    unsigned port;
    pid_t pid = test_serve_start(argv, 120, &port);
    assert_true(pid > 0);
    assert_true(port > 0); /* it printed its address */
    char url[100];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/api/ingest", port);
    CURL *c = curl_easy_init();
    assert_non_null(c);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    long status = 0;
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    kill(pid, SIGTERM);
    int ws = 0;
    waitpid(pid, &ws, 0);
    assert_int_equal(rc, CURLE_OK);
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    return status;
}

/* ----------------------------------------------------------------- tests */

static void test_cli_and_post_store_the_same_rows(void **state) {
    (void)state;
    char json[300], cli_db[300], post_db[300], out[300], err[300];
    path_in(json, sizeof json, "article.json");
    path_in(cli_db, sizeof cli_db, "cli.db");
    path_in(post_db, sizeof post_db, "post.db");
    path_in(out, sizeof out, "out.txt");
    path_in(err, sizeof err, "err.txt");
    FILE *f = fopen(json, "wb");
    assert_non_null(f);
    fputs(ARTICLE, f);
    fclose(f);
    /* --keep-json: the server keeps each article's analysis line too */
    const char *ingest[] = {RASD_BIN, "ingest", "--db", cli_db, "--keep-json", "--quiet", json, NULL};
    int rc = test_spawn(ingest, out, err, NULL);
    if (rc != 0) {
        char why[2000];
        test_read_into(err, why, sizeof why);
        fail_msg("rasd ingest: exit %d: %s", rc, why);
    }
    assert_int_equal(post_to_server(post_db, ARTICLE), 201);
    assert_same_rows(cli_db, json, post_db, "POST /api/ingest");
}

static int setup(void **state) {
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    const char *names[] = {"article.json", "cli.db", "post.db", "out.txt", "err.txt", "cli.db-wal", "cli.db-shm",
                           "post.db-wal", "post.db-shm"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[300];
        path_in(p, sizeof p, names[i]);
        unlink(p);
    }
    rmdir(dir);
    curl_global_cleanup();
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_and_post_store_the_same_rows),
    };
    return cmocka_run_group_tests_name("rasd ingest and POST /api/ingest", tests, setup, teardown);
}
