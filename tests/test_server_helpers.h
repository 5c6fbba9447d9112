/*
 * test_server_helpers.h: what the tests of `rasd serve` from the outside
 * share. The test writes its own articles (one carrying <script>, an
 * attribute-breaking <img onerror>, and SQL metacharacters), stores them
 * with `rasd ingest` in a scratch directory (cli_run.h), starts
 * `rasd serve --port 0` and talks HTTP to it with libcurl.
 *
 * With --pg a file's tests run again on PostgreSQL (under
 * tests/pg_harness.sh, ctest server*_pg): the articles are stored in
 * SQLite, copied into a PostgreSQL database with `rasd migrate`, and the
 * server and the query commands are given its URL; skipped (exit 77)
 * without a server.
 */
#ifndef RASD_TEST_SERVER_HELPERS_H
#define RASD_TEST_SERVER_HELPERS_H

#ifndef TEST_TMPDIR
#define TEST_TMPDIR "/tmp/rasd-server-XXXXXX"
#endif
#include "cli_run.h"

#include "core/internal.h" /* rasd_buf */
#include "server/http.h"    /* RASD_HTTP_MAX_BODY */

#include <curl/curl.h>
#include <jansson.h>
#include <signal.h>
#include <strings.h>
#include "test_pg_helpers.h"

static char db[1024];
static bool on_pg; /* the live tests run on PostgreSQL (--pg) */

/* A fresh database beside the harness's; its URL into url. */
static inline int fresh_pg(const char *name, char *url, size_t size) {
    char why[600];
    int rc = pg_fresh_database(name, url, size, why, sizeof why);
    if (rc) fprintf(stderr, "%s\n", why);
    return rc;
}

/* An article carrying what an attacker would put in one. */
static const char HOSTILE_TITLE[] = "قسد تعلن <script>alert(1)</script> في دير الزور";
static const char HOSTILE_BODY[] =
    "قالت قوات سوريا الديمقراطية إن \"><img src=x onerror=alert(2)> وصل إلى البلدة.\n"
    "وأضاف المتحدث أن '; DROP TABLE documents; -- لا يغير شيئاً في دير الزور.\n";

static inline void write_file(const char *path, const char *a, const char *b) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(a, f);
    fputs(b, f);
    fclose(f);
}

typedef struct server {
    pid_t pid;
    unsigned port;
} server;

/* The server running, so that a failed test (which leaves its function
 * early) does not leave it behind: the group's teardown stops it. */
static pid_t running = 0;

/* Starts `rasd serve --port 0 ...` (with up to 8 more arguments) and
 * reads the port it prints (test_spawn.h); it runs until stop_server. */
static inline server start_server_with(bool allow_ingest, const char *const *extra) {
    const char *argv[20] = {RASD_BIN, "serve", "--db", db, "--port", "0", "--threads", "2", "--quiet"};
    size_t n = 9;
    if (allow_ingest) argv[n++] = "--allow-ingest";
    for (size_t i = 0; extra && extra[i] && n < 19; i++) argv[n++] = extra[i];
    argv[n] = NULL;
    server s = {0, 0};
    s.pid = test_serve_start(argv, 0, &s.port);
    assert_true(s.pid > 0);
    running = s.pid;
    assert_true(s.port > 0); /* it printed its address */
    return s;
}

static inline server start_server(bool allow_ingest) { return start_server_with(allow_ingest, NULL); }

static inline void stop_server(server *s) {
    kill(s->pid, SIGTERM);
    int status = 0;
    waitpid(s->pid, &status, 0);
    running = 0;
    /* SIGTERM is a clean stop: exit status 0 */
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

typedef struct reply {
    long status;
    rasd_buf body;
    rasd_buf headers;
} reply;

static inline size_t on_data(char *p, size_t size, size_t n, void *ctx) {
    rasd_buf_append(ctx, p, size * n);
    return size * n;
}

/* What a request sends besides its method, path and body. */
typedef struct request_extra {
    const char *headers[6];  /* "Name: value" lines; replace curl's own */
    const char *interface;   /* the local address to send from, or NULL */
    bool gzip;               /* ask for gzip (curl decodes the body) */
    bool raw;                /* ...but keep the body as sent */
} request_extra;

/* One request; path is sent as is (no dot-segment removal by curl). */
static inline reply request_x(const server *s, const char *method, const char *path, const char *body, size_t body_len,
                       const request_extra *x) {
    reply r = {0};
    char url[70000];
    snprintf(url, sizeof url, "http://127.0.0.1:%u%s", s->port, path);
    CURL *c = curl_easy_init();
    assert_non_null(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    struct curl_slist *h = NULL;
    if (body) {
        bool typed = false;
        for (size_t i = 0; x && i < 6 && x->headers[i]; i++) typed |= strncasecmp(x->headers[i], "Content-Type:", 13) == 0;
        if (!typed) h = curl_slist_append(h, "Content-Type: application/json");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    for (size_t i = 0; x && i < 6 && x->headers[i]; i++) h = curl_slist_append(h, x->headers[i]);
    if (h) curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (x && x->interface) curl_easy_setopt(c, CURLOPT_INTERFACE, x->interface);
    if (x && x->gzip) {
        if (x->raw) curl_easy_setopt(c, CURLOPT_HTTP_CONTENT_DECODING, 0L);
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) fail_msg("%s %s: %s", method, path, curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    rasd_buf_putc(&r.body, '\0');
    r.body.len--;
    rasd_buf_putc(&r.headers, '\0');
    return r;
}

static inline reply request(const server *s, const char *method, const char *path, const char *body, size_t body_len) {
    return request_x(s, method, path, body, body_len, NULL);
}

static inline void reply_free(reply *r) {
    rasd_buf_free(&r->body);
    rasd_buf_free(&r->headers);
}

static inline json_t *json_of(const reply *r) {
    json_error_t jerr;
    json_t *doc = json_loadb(r->body.data, r->body.len, 0, &jerr);
    if (!doc) fail_msg("not JSON (%s): %.200s", jerr.text, r->body.data);
    assert_non_null(strcasestr(r->headers.data, "Content-Type: application/json; charset=utf-8"));
    return doc;
}

static inline void expect_error(const server *s, const char *method, const char *path, long status, const char *code) {
    reply r = request(s, method, path, NULL, 0);
    if (r.status != status) fail_msg("%s %.80s: HTTP %ld, expected %ld: %.200s", method, path, r.status, status, r.body.data);
    json_t *doc = json_of(&r);
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "error"), "code")), code);
    json_decref(doc);
    reply_free(&r);
}

static inline long long documents(const server *s) {
    reply r = request(s, "GET", "/api/health", NULL, 0);
    assert_int_equal(r.status, 200);
    json_t *doc = json_of(&r);
    long long n = json_integer_value(json_object_get(doc, "documents"));
    json_decref(doc);
    reply_free(&r);
    return n;
}

/* The id of the stored article whose title holds needle, via search. */
static inline long long find_article(const server *s, const char *q) {
    reply r = request(s, "GET", q, NULL, 0);
    assert_int_equal(r.status, 200);
    json_t *doc = json_of(&r);
    json_t *items = json_object_get(doc, "items");
    long long id = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *title = json_string_value(json_object_get(it, "title"));
        if (title && strstr(title, "<script>")) id = json_integer_value(json_object_get(it, "id"));
    }
    json_decref(doc);
    reply_free(&r);
    return id;
}

/* The store of the two articles above, and of a third (title and body,
 * or NULLs) for a file whose tests need more than those two. */
static inline int setup_store_with(const char *extra_title, const char *extra_body) {
    if (cli_make_tmpdir() != 0) return -1;
    char path[400];
    snprintf(path, sizeof path, "%s/articles", tmpdir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/articles/hostile.txt", tmpdir);
    char title[512];
    snprintf(title, sizeof title, "%s\n", HOSTILE_TITLE);
    write_file(path, title, HOSTILE_BODY);
    snprintf(path, sizeof path, "%s/articles/plain.txt", tmpdir);
    write_file(path, "اشتباكات بين العشائر وقسد في ريف دير الزور\n",
               "قال مصدر محلي إن اشتباكات عنيفة اندلعت بين مقاتلي العشائر وقوات سوريا الديمقراطية "
               "في بلدة ذيبان بريف دير الزور الشرقي، وأسفرت عن مقتل ثلاثة مقاتلين.\n");
    if (extra_title) {
        snprintf(path, sizeof path, "%s/articles/extra.txt", tmpdir);
        write_file(path, extra_title, extra_body);
    }
    snprintf(db, sizeof db, "%s/test.db", tmpdir);
    snprintf(path, sizeof path, "%s/articles", tmpdir);
    const char *argv[] = {RASD_BIN, "ingest", "--db", db, "--jobs", "1", "--quiet", path, NULL};
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (run(argv) != 0) return -1;
    if (!on_pg) return 0;
    /* the same store in PostgreSQL: the tests then see only its URL */
    char url[sizeof db];
    if (fresh_pg("server_test", url, sizeof url) != 0) return -1;
    const char *mig[] = {RASD_BIN, "migrate", "--quiet", "--from", db, "--to", url, NULL};
    if (run(mig) != 0) return -1;
    snprintf(db, sizeof db, "%s", url);
    return 0;
}

static inline int setup_store(void **state) {
    (void)state;
    return setup_store_with(NULL, NULL);
}

static inline int teardown_store(void **state) {
    (void)state;
    if (running) {
        kill(running, SIGKILL);
        waitpid(running, NULL, 0);
    }
    curl_global_cleanup();
    return cli_remove_tmpdir();
}

/* The mode of a file's main: 0 to run on SQLite; with --pg, 0 to run on
 * PostgreSQL (on_pg set), or 77 (a skip) when no server is there. */
static inline int server_live_mode(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--pg") != 0) return 0;
    if (!getenv("RASD_TEST_PG") || !*getenv("RASD_TEST_PG")) {
        fprintf(stderr, "SKIP: RASD_TEST_PG is not set (run under tests/pg_harness.sh)\n");
        return 77;
    }
    on_pg = true;
    return 0;
}

#endif
