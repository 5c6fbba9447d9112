/*
 * test_server.c: `rasd serve` from the outside, and its dispatcher from
 * the inside.
 *
 * Inside (no socket): routes, parameter checks and limits give the JSON
 * errors and statuses docs/api.md promises; the embedded assets are found
 * by exact name only.
 *
 * Outside: the test writes its own articles (one carrying <script>, an
 * attribute-breaking <img onerror>, and SQL metacharacters), stores them
 * with `rasd ingest`, starts `rasd serve --port 0` and talks HTTP to it
 * with libcurl: the hostile text comes back intact in JSON and in the
 * export, the database keeps every document, bad requests get 4xx JSON
 * errors, and the server goes on serving; with --allow-ingest, POSTed
 * articles are stored intact and bad bodies refused.
 *
 * `test_server --pg` runs the outside tests again on PostgreSQL (under
 * tests/pg_harness.sh, ctest server_pg): the articles are stored in SQLite,
 * copied into a PostgreSQL database with `rasd migrate`, and the server
 * and the query commands are given its URL; skipped (exit 77) without a
 * server.
 */
#define _GNU_SOURCE /* strcasestr: header names are case-insensitive */
#include "test_helpers.h"

#include "server/assets.h"
#include "server/cache.h"
#include "server/params.h"
#include "server/server.h"

#include <curl/curl.h>
#include <fcntl.h>
#include "test_pg_helpers.h"
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef RASD_BIN
#define RASD_BIN "build/rasd"
#endif

/* ------------------------------------------------------ the dispatcher */

/* One application over an empty in-memory store for the whole group. */
static rasd_server *app;

static rasd_store *memory_store(void *ctx, rasd_error *err) {
    return rasd_store_open(":memory:", ctx, err);
}

static int setup_app(void **state) {
    if (setup_analyzer(state) != 0) return -1;
    rasd_server_options opt = {0};
    opt.http.threads = 1;
    opt.open_store = memory_store;
    opt.open_ctx = test_lex;
    rasd_error err = {0};
    app = rasd_server_app_new(&opt, &err);
    if (!app) fprintf(stderr, "%s\n", err.message);
    return app ? 0 : -1;
}

static int teardown_app(void **state) {
    (void)state;
    rasd_server_app_destroy(app);
    rasd_analyzer_destroy(test_an);
    rasd_lexicon_destroy(test_lex);
    return 0;
}

static json_t *error_of(const rasd_http_response *res, const char *code) {
    json_error_t jerr;
    json_t *doc = json_loadb(res->body, res->len, 0, &jerr);
    assert_non_null(doc);
    json_t *e = json_object_get(doc, "error");
    assert_true(json_is_object(e));
    assert_string_equal(json_string_value(json_object_get(e, "code")), code);
    assert_true(json_is_string(json_object_get(e, "message")));
    assert_string_equal(res->content_type, "application/json; charset=utf-8");
    return doc;
}

static void dispatch(const char *method, const char *path, size_t query_len, rasd_http_response *res,
                     rasd_http_param *params, size_t n_params) {
    rasd_http_request req = {0};
    req.method = method;
    req.path = path;
    req.query_len = query_len;
    for (size_t i = 0; i < n_params; i++) req.params[i] = params[i];
    req.n_params = n_params;
    rasd_server_handle(app, &req, res);
}

static void test_dispatch_errors(void **state) {
    (void)state;
    rasd_http_response res;
    dispatch("GET", "/api/nothing", 0, &res, NULL, 0);
    assert_int_equal(res.status, 404);
    json_decref(error_of(&res, "not-found"));
    rasd_http_response_clear(&res);

    dispatch("DELETE", "/api/stories", 0, &res, NULL, 0);
    assert_int_equal(res.status, 405);
    assert_non_null(res.allow);
    assert_non_null(strstr(res.allow, "GET"));
    json_decref(error_of(&res, "method-not-allowed"));
    rasd_http_response_clear(&res);

    dispatch("GET", "/api/search", RASD_HTTP_MAX_QUERY + 1, &res, NULL, 0);
    assert_int_equal(res.status, 414);
    json_decref(error_of(&res, "uri-too-long"));
    rasd_http_response_clear(&res);

    rasd_http_param bad_limit[] = {{"limit", "ten"}};
    dispatch("GET", "/api/stories", 9, &res, bad_limit, 1);
    assert_int_equal(res.status, 400);
    json_t *doc = error_of(&res, "bad-parameter");
    assert_non_null(strstr(json_string_value(json_object_get(json_object_get(doc, "error"), "message")), "limit"));
    json_decref(doc);
    rasd_http_response_clear(&res);

    rasd_http_param unknown[] = {{"colour", "red"}};
    dispatch("GET", "/api/events", 10, &res, unknown, 1);
    assert_int_equal(res.status, 400);
    json_decref(error_of(&res, "bad-parameter"));
    rasd_http_response_clear(&res);

    rasd_http_param bad_date[] = {{"since", "2023-02-30"}};
    dispatch("GET", "/api/events", 16, &res, bad_date, 1);
    assert_int_equal(res.status, 400);
    rasd_http_response_clear(&res);

    rasd_http_param bad_cameo[] = {{"cameo", "19%"}};
    dispatch("GET", "/api/events", 10, &res, bad_cameo, 1);
    assert_int_equal(res.status, 400);
    rasd_http_response_clear(&res);

    dispatch("GET", "/api/story/12abc", 0, &res, NULL, 0);
    assert_int_equal(res.status, 400);
    json_decref(error_of(&res, "bad-parameter"));
    rasd_http_response_clear(&res);

    /* a sub-path under a one-segment route is no route at all */
    dispatch("GET", "/api/story/1/2", 0, &res, NULL, 0);
    assert_int_equal(res.status, 404);
    rasd_http_response_clear(&res);

    dispatch("POST", "/api/ingest", 0, &res, NULL, 0);
    assert_int_equal(res.status, 403);
    json_decref(error_of(&res, "read-only"));
    rasd_http_response_clear(&res);
}

static void test_static_assets(void **state) {
    (void)state;
    rasd_http_response res;
    dispatch("GET", "/", 0, &res, NULL, 0);
    assert_int_equal(res.status, 200);
    assert_string_equal(res.content_type, "text/html; charset=utf-8");
    assert_non_null(res.etag);
    assert_true(res.len > 100);
    rasd_http_response_clear(&res);

    /* revalidation: the same ETag gives a 304 without a body */
    const rasd_asset *index = rasd_asset_find("index.html");
    assert_non_null(index);
    rasd_http_request req = {.method = "GET", .path = "/static/index.html", .if_none_match = index->etag};
    rasd_server_handle(app, &req, &res);
    assert_int_equal(res.status, 304);
    assert_int_equal(res.len, 0);
    rasd_http_response_clear(&res);
    req.if_none_match = "\"stale\"";
    rasd_server_handle(app, &req, &res);
    assert_int_equal(res.status, 200);
    assert_int_equal(res.len, index->len);
    rasd_http_response_clear(&res);

    const char *traversal[] = {"/static/../../etc/passwd", "/static/..", "/static/%2e%2e/etc/passwd",
                               "/static/../index.html", "/static/", "/static//etc/passwd"};
    for (size_t i = 0; i < sizeof traversal / sizeof traversal[0]; i++) {
        dispatch("GET", traversal[i], 0, &res, NULL, 0);
        assert_int_equal(res.status, 404);
        json_decref(error_of(&res, "not-found"));
        rasd_http_response_clear(&res);
    }
    /* each asset has a MIME type that fits its name */
    for (size_t i = 0; i < RASD_N_ASSETS; i++) {
        const rasd_asset *a = &RASD_ASSETS[i];
        const char *ext = strrchr(a->name, '.');
        assert_non_null(ext);
        if (strcmp(ext, ".js") == 0) assert_string_equal(a->mime, "text/javascript; charset=utf-8");
        if (strcmp(ext, ".woff2") == 0) assert_string_equal(a->mime, "font/woff2");
        assert_ptr_equal(rasd_asset_find(a->name), a);
    }
    assert_null(rasd_asset_find("../app.js"));
}

static void test_params(void **state) {
    (void)state;
    rasd_http_request req = {0};
    rasd_query q;
    rasd_error err = {0};
    req.params[0] = (rasd_http_param){"since", "2023-09-01"};
    req.params[1] = (rasd_http_param){"until", "2023-09-30"};
    req.params[2] = (rasd_http_param){"limit", "50"};
    req.params[3] = (rasd_http_param){"outlet", ""};
    req.n_params = 4;
    assert_int_equal(rasd_params_read(&req, "since until outlet limit offset", &q, NULL, &err), RASD_OK);
    assert_string_equal(q.since, "2023-09-01");
    assert_int_equal(q.limit, 50);
    assert_null(q.outlet); /* empty means not given */
    req.params[1].value = "2023-08-01"; /* before since */
    assert_int_equal(rasd_params_read(&req, "since until outlet limit offset", &q, NULL, &err), RASD_ERR_USAGE);
    req.params[1].value = "2023-09-30";
    req.params[2].value = "100000"; /* over the maximum */
    assert_int_equal(rasd_params_read(&req, "since until outlet limit offset", &q, NULL, &err), RASD_ERR_USAGE);
    req.params[2] = (rasd_http_param){"since", "2023-09-02"}; /* repeated */
    assert_int_equal(rasd_params_read(&req, "since until outlet limit offset", &q, NULL, &err), RASD_ERR_USAGE);
    assert_non_null(strstr(err.message, "more than once"));
    int64_t id;
    assert_int_equal(rasd_params_id("42", &id, &err), RASD_OK);
    assert_int_equal(id, 42);
    const char *bad[] = {"", "0", "-1", "007", "1e3", "99999999999999999999", " 1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(rasd_params_id(bad[i], &id, &err), RASD_ERR_USAGE);
}


/* The checks the HTTP layer makes before any route: the Host a request
 * names, the codings it accepts, and the log line it leaves. */
static void test_http_guards(void **state) {
    (void)state;
    const char *public_hosts[] = {"news.example.org", "desk.example.net:9000"};
    const char *good[] = {"127.0.0.1:8080", "127.0.0.1", "localhost:8080", "LOCALHOST.", "[::1]:8080", "[::1]",
                          "10.1.2.3:80", "news.example.org", "News.Example.Org:8443", "desk.example.net:9000"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!rasd_http_host_allowed(good[i], public_hosts, 2)) fail_msg("Host %s refused", good[i]);
    const char *bad[] = {"rebind.example.com:8080", "rebind.example.com", "127.0.0.1.rebind.example.com",
                         "localhost.rebind.example", "desk.example.net:9001", "desk.example.net", "localhost:80x",
                         "::1", "[::1", "", "news.example.org.evil.example"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (rasd_http_host_allowed(bad[i], public_hosts, 2)) fail_msg("Host %s accepted", bad[i]);
    assert_true(rasd_http_host_allowed(NULL, NULL, 0)); /* HTTP/1.0: no Host */

    assert_true(rasd_http_accepts_gzip("gzip, deflate, br"));
    assert_true(rasd_http_accepts_gzip("deflate, GZIP;q=0.5"));
    assert_true(rasd_http_accepts_gzip("*"));
    assert_false(rasd_http_accepts_gzip("br, deflate"));
    assert_false(rasd_http_accepts_gzip("gzip;q=0"));
    assert_false(rasd_http_accepts_gzip("x-gzip-ish"));
    assert_false(rasd_http_accepts_gzip(NULL));
    assert_true(rasd_http_compressible("application/json; charset=utf-8"));
    assert_true(rasd_http_compressible("text/javascript; charset=utf-8"));
    assert_false(rasd_http_compressible("font/woff2"));

    /* eight fields, the path's space, quote and newline escaped, one line */
    char line[512];
    rasd_http_log_line(line, sizeof line, 86400 + 3661, "127.0.0.2", "GET", "/api/search?q=a b\n\"x", 200, 5123,
                       12.34, false);
    assert_string_equal(line, "1970-01-02T01:01:01Z 127.0.0.2 GET /api/search?q=a\\x20b\\x0a\\x22x 200 5123 12.3\n");
    rasd_http_log_line(line, sizeof line, 0, "::1", "GET", "/api/export", 0, 0, 1.0, true);
    assert_string_equal(line, "1970-01-01T00:00:00Z ::1 GET /api/export - 0 1.0 aborted\n");
}


/* The answer cache: an answer comes back for its key and version only,
 * with its gzip form when asked, and the least recently used goes first. */
static void test_answer_cache(void **state) {
    (void)state;
    rasd_cache *c = rasd_cache_new(8 * 1024, 300);
    assert_non_null(c);
    char *body;
    size_t len;
    bool gz;
    assert_false(rasd_cache_get(c, "/api/actors", 1, false, &body, &len, &gz));
    const unsigned char zipped[] = {0x1f, 0x8b, 1, 2};
    rasd_cache_put(c, "/api/actors", 1, "{\"total\":1}", 11, zipped, sizeof zipped);
    assert_true(rasd_cache_get(c, "/api/actors", 1, false, &body, &len, &gz));
    assert_false(gz);
    assert_int_equal(len, 11);
    assert_memory_equal(body, "{\"total\":1}", 11);
    free(body);
    assert_true(rasd_cache_get(c, "/api/actors", 1, true, &body, &len, &gz));
    assert_true(gz);
    assert_int_equal(len, sizeof zipped);
    free(body);
    /* another query, or the store written since: not this answer */
    assert_false(rasd_cache_get(c, "/api/actors?limit=5", 1, false, &body, &len, &gz));
    assert_false(rasd_cache_get(c, "/api/actors", 2, false, &body, &len, &gz));
    assert_false(rasd_cache_get(c, "/api/actors", 1, false, &body, &len, &gz)); /* dropped as stale */
    /* over budget: the least recently used answers go */
    char big[700];
    memset(big, 'x', sizeof big);
    char key[32];
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof key, "/api/story/%d", i);
        rasd_cache_put(c, key, 1, big, sizeof big, NULL, 0);
        assert_true(rasd_cache_get(c, "/api/story/0", 1, false, &body, &len, &gz)); /* kept in use */
        free(body);
    }
    assert_false(rasd_cache_get(c, "/api/story/1", 1, false, &body, &len, &gz));
    assert_true(rasd_cache_get(c, "/api/story/19", 1, false, &body, &len, &gz));
    free(body);
    /* too big to keep */
    char *huge = calloc(1, 2048);
    rasd_cache_put(c, "/api/outlets", 1, huge, 2048, NULL, 0);
    free(huge);
    assert_false(rasd_cache_get(c, "/api/outlets", 1, false, &body, &len, &gz));
    /* a claim: the first caller computes, and releases */
    assert_true(rasd_cache_claim(c, "/api/events"));
    rasd_cache_release(c, "/api/events");
    assert_true(rasd_cache_claim(c, "/api/events"));
    rasd_cache_release(c, "/api/events");
    rasd_cache_destroy(c);
}

/* --------------------------------------------------------- the server */

static char dir[] = "/tmp/rasd-server-XXXXXX";
static char db[1024];
static bool on_pg; /* the live tests run on PostgreSQL (--pg) */

/* A fresh database beside the harness's; its URL into url. */
static int fresh_pg(const char *name, char *url, size_t size) {
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

static void write_file(const char *path, const char *a, const char *b) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(a, f);
    fputs(b, f);
    fclose(f);
}

static int run_rasd(const char *const *argv) {
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execv(RASD_BIN, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

typedef struct server {
    pid_t pid;
    unsigned port;
} server;

/* The server running, so that a failed test (which leaves its function
 * early) does not leave it behind: the group's teardown stops it. */
static pid_t running = 0;

/* Starts `rasd serve --port 0 ...` (with up to 8 more arguments) and
 * reads the port it prints. */
static server start_server_with(bool allow_ingest, const char *const *extra) {
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        const char *argv[20] = {RASD_BIN, "serve", "--db", db, "--port", "0", "--threads", "2", "--quiet"};
        size_t n = 9;
        if (allow_ingest) argv[n++] = "--allow-ingest";
        for (size_t i = 0; extra && extra[i] && n < 19; i++) argv[n++] = extra[i];
        argv[n] = NULL;
        execv(RASD_BIN, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    char line[512] = "";
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    server s = {pid, 0};
    running = pid;
    const char *p = strstr(line, "127.0.0.1:");
    assert_non_null(p);
    s.port = (unsigned)atoi(p + 10);
    assert_true(s.port > 0);
    return s;
}

static server start_server(bool allow_ingest) { return start_server_with(allow_ingest, NULL); }

static void stop_server(server *s) {
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

static size_t on_data(char *p, size_t size, size_t n, void *ctx) {
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
static reply request_x(const server *s, const char *method, const char *path, const char *body, size_t body_len,
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

static reply request(const server *s, const char *method, const char *path, const char *body, size_t body_len) {
    return request_x(s, method, path, body, body_len, NULL);
}

static void reply_free(reply *r) {
    rasd_buf_free(&r->body);
    rasd_buf_free(&r->headers);
}

static json_t *json_of(const reply *r) {
    json_error_t jerr;
    json_t *doc = json_loadb(r->body.data, r->body.len, 0, &jerr);
    if (!doc) fail_msg("not JSON (%s): %.200s", jerr.text, r->body.data);
    assert_non_null(strcasestr(r->headers.data, "Content-Type: application/json; charset=utf-8"));
    return doc;
}

static void expect_error(const server *s, const char *method, const char *path, long status, const char *code) {
    reply r = request(s, method, path, NULL, 0);
    if (r.status != status) fail_msg("%s %.80s: HTTP %ld, expected %ld: %.200s", method, path, r.status, status, r.body.data);
    json_t *doc = json_of(&r);
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "error"), "code")), code);
    json_decref(doc);
    reply_free(&r);
}

static long long documents(const server *s) {
    reply r = request(s, "GET", "/api/health", NULL, 0);
    assert_int_equal(r.status, 200);
    json_t *doc = json_of(&r);
    long long n = json_integer_value(json_object_get(doc, "documents"));
    json_decref(doc);
    reply_free(&r);
    return n;
}

/* The id of the stored article whose title holds needle, via search. */
static long long find_article(const server *s, const char *q) {
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

static int setup_store(void **state) {
    (void)state;
    if (!mkdtemp(dir)) return -1;
    char path[400];
    snprintf(path, sizeof path, "%s/articles", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/articles/hostile.txt", dir);
    char title[512];
    snprintf(title, sizeof title, "%s\n", HOSTILE_TITLE);
    write_file(path, title, HOSTILE_BODY);
    snprintf(path, sizeof path, "%s/articles/plain.txt", dir);
    write_file(path, "اشتباكات بين العشائر وقسد في ريف دير الزور\n",
               "قال مصدر محلي إن اشتباكات عنيفة اندلعت بين مقاتلي العشائر وقوات سوريا الديمقراطية "
               "في بلدة ذيبان بريف دير الزور الشرقي، وأسفرت عن مقتل ثلاثة مقاتلين.\n");
    snprintf(db, sizeof db, "%s/test.db", dir);
    snprintf(path, sizeof path, "%s/articles", dir);
    const char *argv[] = {RASD_BIN, "ingest", "--db", db, "--jobs", "1", "--quiet", path, NULL};
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (run_rasd(argv) != 0) return -1;
    if (!on_pg) return 0;
    /* the same store in PostgreSQL: the tests then see only its URL */
    char url[sizeof db];
    if (fresh_pg("server_test", url, sizeof url) != 0) return -1;
    const char *mig[] = {RASD_BIN, "migrate", "--quiet", "--from", db, "--to", url, NULL};
    if (run_rasd(mig) != 0) return -1;
    snprintf(db, sizeof db, "%s", url);
    return 0;
}

static int teardown_store(void **state) {
    (void)state;
    if (running) {
        kill(running, SIGKILL);
        waitpid(running, NULL, 0);
    }
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    curl_global_cleanup();
    return system(cmd) == 0 ? 0 : -1;
}

static void test_hostile_text_served_literally(void **state) {
    (void)state;
    server s = start_server(false);
    long long before = documents(&s);
    assert_int_equal(before, 2);
    long long id = find_article(&s, "/api/search?q=%D9%82%D8%B3%D8%AF&limit=50");
    assert_true(id > 0);
    char path[100];
    snprintf(path, sizeof path, "/api/article/%lld", id);
    reply r = request(&s, "GET", path, NULL, 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strcasestr(r.headers.data, "X-Content-Type-Options: nosniff"));
    assert_non_null(strcasestr(r.headers.data, "Content-Security-Policy: default-src 'self'"));
    json_t *doc = json_of(&r);
    const char *text = json_string_value(json_object_get(doc, "text"));
    assert_non_null(text);
    assert_non_null(strstr(text, "<script>alert(1)</script>"));
    assert_non_null(strstr(text, "\"><img src=x onerror=alert(2)>"));
    assert_non_null(strstr(text, "'; DROP TABLE documents; --"));
    assert_string_equal(json_string_value(json_object_get(doc, "title")), HOSTILE_TITLE);
    json_decref(doc);
    reply_free(&r);

    /* SQL metacharacters as search words and as filters: answered, not run */
    const char *hostile[] = {
        "/api/search?q=%27%3B%20DROP%20TABLE%20documents%3B%20--",
        "/api/search?q=%22%3E%3Cimg%20onerror%3D%3E",
        "/api/events?actor=%27%20OR%201%3D1%20--",
        "/api/quotes?speaker=x%27%29%3B%20DELETE%20FROM%20quotes%3B%20--",
        "/api/stories?outlet=%27%20OR%20%271%27%3D%271",
        "/api/actor/%27%3B%20DROP%20TABLE%20entities%3B%20--",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        r = request(&s, "GET", hostile[i], NULL, 0);
        if (r.status != 200 && r.status != 400 && r.status != 404)
            fail_msg("%s: HTTP %ld: %.200s", hostile[i], r.status, r.body.data);
        json_decref(json_of(&r));
        reply_free(&r);
    }
    /* a filter that would match everything if it were SQL matches nothing */
    r = request(&s, "GET", "/api/stories?outlet=%27%20OR%20%271%27%3D%271", NULL, 0);
    doc = json_of(&r);
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), 0);
    json_decref(doc);
    reply_free(&r);

    /* the export carries the text intact too: CSV quotes the title */
    r = request(&s, "GET", "/api/export?format=csv", NULL, 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strcasestr(r.headers.data, "Content-Type: text/csv"));
    assert_non_null(strstr(r.body.data, "<script>alert(1)</script>"));
    reply_free(&r);
    r = request(&s, "GET", "/api/export", NULL, 0);
    assert_int_equal(r.status, 200);
    size_t lines = 0;
    for (char *line = r.body.data; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        char *end = strchr(line, '\n');
        json_t *o = json_loadb(line, end ? (size_t)(end - line) : strlen(line), 0, NULL);
        assert_non_null(o);
        json_decref(o);
        lines++;
    }
    assert_int_equal(lines, 2);
    reply_free(&r);
    assert_int_equal(documents(&s), before); /* nothing dropped */
    stop_server(&s);
}

/* RFC 4180 records of a CSV body: how many after the header, and whether
 * every one has the header's number of fields (quoted fields may hold
 * commas, quotes and line breaks). */
static bool csv_shape(const char *s, size_t len, size_t *records) {
    size_t fields = 1, header = 0, n = 0;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < len && s[i + 1] == '"') i++;
            else if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields++;
        } else if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
            i++;
            if (n == 0) header = fields;
            else if (fields != header) return false;
            n++;
            fields = 1;
        }
    }
    *records = n ? n - 1 : 0;
    return !quoted && n > 0 && fields == 1; /* ends with a line break */
}

/* The event table over HTTP: one CSV row (and one JSON line) per stored
 * event, as many as the events list counts, streamed with one header; the
 * quotes table; filters that a format does not read refused. */
static void test_event_export_route(void **state) {
    (void)state;
    server s = start_server(false);
    reply r = request(&s, "GET", "/api/events?limit=500", NULL, 0);
    json_t *doc = json_of(&r);
    size_t events = (size_t)json_integer_value(json_object_get(doc, "total"));
    json_decref(doc);
    reply_free(&r);
    assert_true(events > 0); /* the clashes in Dhiban */

    r = request(&s, "GET", "/api/export?format=events-csv", NULL, 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strcasestr(r.headers.data, "Content-Type: text/csv"));
    assert_true(strncmp(r.body.data, "doc_id,event_index,event_date,", 30) == 0);
    size_t rows = 0;
    assert_true(csv_shape(r.body.data, r.body.len, &rows));
    assert_int_equal(rows, events);
    assert_non_null(strstr(r.body.data, ",Fight,")); /* the root's name beside its code */
    reply_free(&r);

    r = request(&s, "GET", "/api/export?format=events-jsonl", NULL, 0);
    assert_int_equal(r.status, 200);
    size_t lines = 0;
    for (char *line = r.body.data; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        char *end = strchr(line, '\n');
        json_t *o = json_loadb(line, end ? (size_t)(end - line) : strlen(line), 0, NULL);
        assert_non_null(o);
        assert_non_null(json_object_get(o, "cameo_label"));
        assert_non_null(json_object_get(o, "goldstein"));
        json_decref(o);
        lines++;
    }
    assert_int_equal(lines, events);
    reply_free(&r);

    /* a CAMEO prefix no event has: the header alone */
    r = request(&s, "GET", "/api/export?format=events-csv&cameo=2041", NULL, 0);
    assert_int_equal(r.status, 200);
    assert_true(csv_shape(r.body.data, r.body.len, &rows));
    assert_int_equal(rows, 0);
    reply_free(&r);

    r = request(&s, "GET", "/api/export?format=quotes-csv", NULL, 0);
    assert_int_equal(r.status, 200);
    assert_true(strncmp(r.body.data, "doc_id,published,outlet,url,title,speaker_id,", 45) == 0);
    assert_true(csv_shape(r.body.data, r.body.len, &rows));
    reply_free(&r);

    expect_error(&s, "GET", "/api/export?format=events-xml", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/export?format=jsonl&cameo=19", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/export?format=events-csv&limit=5", 400, "bad-parameter");
    stop_server(&s);
}

static void test_bad_requests_keep_serving(void **state) {
    (void)state;
    server s = start_server(false);
    expect_error(&s, "GET", "/no/such/route", 404, "not-found");
    expect_error(&s, "GET", "/api/stories?limit=-1", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/events?since=yesterday", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/search", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/story/999999", 404, "not-found");
    expect_error(&s, "GET", "/api/article/abc", 400, "bad-parameter");
    expect_error(&s, "GET", "/static/../../etc/passwd", 404, "not-found");
    expect_error(&s, "GET", "/static/..%2F..%2Fetc%2Fpasswd", 404, "not-found");
    expect_error(&s, "PUT", "/api/stories", 405, "method-not-allowed");
    expect_error(&s, "POST", "/api/ingest", 403, "read-only");
    /* a query string over the limit */
    static char huge[20000];
    strcpy(huge, "/api/search?q=");
    memset(huge + strlen(huge), 'a', sizeof huge - strlen(huge) - 1);
    expect_error(&s, "GET", huge, 414, "uri-too-long");
    /* a body over the limit is refused before it is read */
    size_t big = RASD_HTTP_MAX_BODY + 1024;
    char *body = malloc(big);
    assert_non_null(body);
    memset(body, ' ', big);
    reply r = request(&s, "POST", "/api/ingest", body, big);
    assert_int_equal(r.status, 413);
    json_decref(json_of(&r));
    reply_free(&r);
    free(body);
    /* still serving, the static UI too */
    assert_int_equal(documents(&s), 2);
    r = request(&s, "GET", "/static/app.js", NULL, 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strcasestr(r.headers.data, "Content-Type: text/javascript"));
    assert_non_null(strcasestr(r.headers.data, "ETag: \""));
    /* the interface never writes article text as markup */
    assert_null(strstr(r.body.data, "innerHTML"));
    reply_free(&r);
    stop_server(&s);
}

static void test_ingest_over_http(void **state) {
    (void)state;
    server s = start_server(true);
    long long before = documents(&s);
    const char *article =
        "{\"title\": \"<b>عنوان</b> \\\"'; DROP TABLE documents; --\", \"source\": \"<i>منبر</i>\","
        " \"published\": \"2023-09-06\", \"text\": \"قالت قوات سوريا الديمقراطية إن <script>x()</script> "
        "الاشتباكات توقفت في دير الزور.\"}";
    reply r = request(&s, "POST", "/api/ingest", article, strlen(article));
    if (r.status != 201) fail_msg("POST /api/ingest: HTTP %ld: %s", r.status, r.body.data);
    json_t *doc = json_of(&r);
    long long id = json_integer_value(json_object_get(doc, "id"));
    assert_true(id > 0);
    json_decref(doc);
    reply_free(&r);
    /* the same article again: already stored */
    r = request(&s, "POST", "/api/ingest", article, strlen(article));
    assert_int_equal(r.status, 200);
    doc = json_of(&r);
    assert_true(json_is_true(json_object_get(doc, "already")));
    json_decref(doc);
    reply_free(&r);
    char path[100];
    snprintf(path, sizeof path, "/api/article/%lld", id);
    r = request(&s, "GET", path, NULL, 0);
    doc = json_of(&r);
    assert_string_equal(json_string_value(json_object_get(doc, "title")), "<b>عنوان</b> \"'; DROP TABLE documents; --");
    assert_string_equal(json_string_value(json_object_get(doc, "source")), "<i>منبر</i>");
    assert_non_null(strstr(json_string_value(json_object_get(doc, "text")), "<script>x()</script>"));
    json_decref(doc);
    reply_free(&r);
    /* a scraped article's character references are decoded before it is stored */
    const char *scraped = "{\"title\": \"&quot;الهلال&quot; يفوز بالكأس\", \"published\": \"2023-09-07\", "
                          "\"text\": \"فاز نادي &quot;الهلال&quot; بالكأس بعد مباراة صعبة في الرياض&#39;.\"}";
    r = request(&s, "POST", "/api/ingest", scraped, strlen(scraped));
    if (r.status != 201) fail_msg("POST /api/ingest: HTTP %ld: %s", r.status, r.body.data);
    doc = json_of(&r);
    snprintf(path, sizeof path, "/api/article/%lld", (long long)json_integer_value(json_object_get(doc, "id")));
    json_decref(doc);
    reply_free(&r);
    r = request(&s, "GET", path, NULL, 0);
    doc = json_of(&r);
    assert_string_equal(json_string_value(json_object_get(doc, "title")), "\"الهلال\" يفوز بالكأس");
    assert_null(strstr(json_string_value(json_object_get(doc, "text")), "&quot;"));
    assert_non_null(strstr(json_string_value(json_object_get(doc, "text")), "الرياض'."));
    json_decref(doc);
    reply_free(&r);
    /* bad bodies: 400 with the position, and nothing stored */
    const char *bad[] = {"{\"text\": ", "[1, 2]", "{\"title\": 5, \"text\": \"نص\"}", "{\"text\": \"\"}",
                         "{\"text\": \"نص عربي\", \"published\": \"2023-13-01\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = request(&s, "POST", "/api/ingest", bad[i], strlen(bad[i]));
        if (r.status != 400) fail_msg("POST %s: HTTP %ld, expected 400: %s", bad[i], r.status, r.body.data);
        json_decref(json_of(&r));
        reply_free(&r);
    }
    assert_int_equal(documents(&s), before + 2);
    stop_server(&s);
}


/* The sum of the "count" fields of an array of {date, count} whose date
 * is a whole day (the events list's since/until read only those). */
static long long day_sum(json_t *a, const char *field) {
    long long n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        const char *d = json_string_value(json_object_get(v, "date"));
        if (d && strlen(d) == 10) n += json_integer_value(json_object_get(v, field));
    }
    return n;
}

static long long total_of(const server *s, const char *path) {
    reply r = request(s, "GET", path, NULL, 0);
    if (r.status != 200) fail_msg("GET %s: HTTP %ld: %s", path, r.status, r.body.data);
    json_t *doc = json_of(&r);
    long long n = json_integer_value(json_object_get(doc, "total"));
    json_decref(doc);
    reply_free(&r);
    return n;
}

/* What the web interface's views read: counts per day that agree with the
 * events list under the same filters, the events list by place, and names
 * for the ids and codes it shows. */
static void test_view_routes(void **state) {
    (void)state;
    server s = start_server(true);
    /* a dated article of our own, so that a day has events and mentions */
    const char *article = "{\"title\": \"قوات سوريا الديمقراطية تهاجم مواقع العشائر\", \"source\": \"منبر الاختبار\", "
                          "\"published\": \"2023-09-08\", \"text\": \"هاجمت قوات سوريا الديمقراطية مواقع مقاتلي "
                          "العشائر في بلدة ذيبان بريف دير الزور، وقالت قوات سوريا الديمقراطية إنها سيطرت على "
                          "البلدة.\"}";
    reply r = request(&s, "POST", "/api/ingest", article, strlen(article));
    if (r.status != 201 && r.status != 200) fail_msg("POST /api/ingest: HTTP %ld: %s", r.status, r.body.data);
    reply_free(&r);

    static const char *const FILTERS[] = {"", "&cameo=19", "&outlet=%D9%85%D9%86%D8%A8%D8%B1%20%D8%A7%D9%84%D8%A7%D8%AE%D8%AA%D8%A8%D8%A7%D8%B1",
                                          "&until=2023-09-07"};
    for (size_t i = 0; i < sizeof FILTERS / sizeof FILTERS[0]; i++) {
        char path[300];
        snprintf(path, sizeof path, "/api/timeline?since=1900-01-01%s", FILTERS[i]);
        r = request(&s, "GET", path, NULL, 0);
        if (r.status != 200) fail_msg("GET %s: HTTP %ld: %s", path, r.status, r.body.data);
        json_t *t = json_of(&r);
        reply_free(&r);
        snprintf(path, sizeof path, "/api/events?since=1900-01-01%s", FILTERS[i]);
        long long listed = total_of(&s, path);
        long long counted = day_sum(json_object_get(t, "events"), "count");
        if (counted != listed) fail_msg("filter \"%s\": the timeline counts %lld events, the list %lld", FILTERS[i], counted, listed);
        /* oldest first, one entry per day */
        const char *prev = "";
        size_t k;
        json_t *v;
        json_array_foreach(json_object_get(t, "articles"), k, v) {
            const char *d = json_string_value(json_object_get(v, "date"));
            assert_true(strcmp(prev, d) < 0);
            prev = d;
            assert_true(json_is_null(json_object_get(v, "mentions"))); /* no actor asked */
        }
        json_decref(t);
    }
    r = request(&s, "GET", "/api/timeline?actor=sdf", NULL, 0);
    json_t *t = json_of(&r);
    reply_free(&r);
    bool our_day = false;
    size_t k;
    json_t *v;
    json_array_foreach(json_object_get(t, "articles"), k, v) {
        assert_true(json_integer_value(json_object_get(v, "mentions")) >= json_integer_value(json_object_get(v, "count")));
        if (strcmp(json_string_value(json_object_get(v, "date")), "2023-09-08") == 0) our_day = true;
    }
    assert_true(our_day);
    json_decref(t);
    expect_error(&s, "GET", "/api/timeline?limit=5", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/timeline?cameo=x9", 400, "bad-parameter");

    /* events by place: only that place's, and fewer than all when others exist */
    r = request(&s, "GET", "/api/events?limit=500", NULL, 0);
    json_t *all = json_of(&r);
    reply_free(&r);
    const char *place = NULL;
    json_array_foreach(json_object_get(all, "items"), k, v) {
        if (!place && json_is_string(json_object_get(v, "place"))) place = json_string_value(json_object_get(v, "place"));
    }
    assert_non_null(place); /* ذيبان, دير الزور */
    char path[300], *enc = curl_easy_escape(NULL, place, 0);
    snprintf(path, sizeof path, "/api/events?limit=500&place=%s", enc);
    curl_free(enc);
    r = request(&s, "GET", path, NULL, 0);
    json_t *some = json_of(&r);
    reply_free(&r);
    assert_true(json_integer_value(json_object_get(some, "total")) > 0);
    json_array_foreach(json_object_get(some, "items"), k, v) {
        assert_string_equal(json_string_value(json_object_get(v, "place")), place);
    }
    json_decref(some);
    /* events per place: as many as the list finds at each */
    r = request(&s, "GET", "/api/event-places?limit=500", NULL, 0);
    json_t *ep = json_of(&r);
    reply_free(&r);
    long long placed = 0;
    json_array_foreach(json_object_get(all, "items"), k, v) placed += json_is_string(json_object_get(v, "place"));
    long long summed = 0;
    json_array_foreach(json_object_get(ep, "items"), k, v) {
        summed += json_integer_value(json_object_get(v, "count"));
        if (strcmp(json_string_value(json_object_get(v, "place")), place) == 0) {
            enc = curl_easy_escape(NULL, place, 0);
            snprintf(path, sizeof path, "/api/events?place=%s", enc);
            curl_free(enc);
            assert_int_equal(json_integer_value(json_object_get(v, "count")), total_of(&s, path));
        }
    }
    if (json_integer_value(json_object_get(all, "total")) <= 500) assert_int_equal(summed, placed);
    json_decref(ep);
    json_decref(all);
    expect_error(&s, "GET", "/api/event-places?place=gn:1", 400, "bad-parameter");

    /* names: the knowledge base's, participants', places', CAMEO's; unknown ones null */
    r = request(&s, "GET", "/api/names?actors=sdf,agent:civilians,country:TUR,phrase:%D8%AC%D9%86%D9%88%D8%AF_%D8%A7%D9%84%D8%A7%D8%AD%D8%AA%D9%84%D8%A7%D9%84,no-such-actor,sdf"
                             "&cameo=190,0231,9999&places=gn:170794,country:SYR,no-such-place", NULL, 0);
    assert_int_equal(r.status, 200);
    json_t *n = json_of(&r);
    reply_free(&r);
    json_t *actors = json_object_get(n, "actors"), *cameo = json_object_get(n, "cameo"), *places = json_object_get(n, "places");
    assert_int_equal(json_object_size(actors), 5); /* sdf once */
    assert_string_equal(json_string_value(json_object_get(json_object_get(actors, "sdf"), "ar")), "قوات سوريا الديمقراطية");
    assert_string_equal(json_string_value(json_object_get(json_object_get(actors, "sdf"), "en")), "Syrian Democratic Forces");
    assert_string_equal(json_string_value(json_object_get(json_object_get(actors, "agent:civilians"), "en")), "civilians");
    assert_string_equal(json_string_value(json_object_get(json_object_get(actors, "country:TUR"), "ar")), "تركيا");
    assert_string_equal(json_string_value(json_object_get(json_object_get(actors, "phrase:جنود_الاحتلال"), "ar")), "جنود الاحتلال");
    assert_true(json_is_null(json_object_get(actors, "no-such-actor")));
    assert_string_equal(json_string_value(json_object_get(json_object_get(cameo, "190"), "root_en")), "Fight");
    assert_non_null(json_string_value(json_object_get(json_object_get(cameo, "0231"), "en")));
    assert_true(json_is_null(json_object_get(cameo, "9999")));
    assert_string_equal(json_string_value(json_object_get(json_object_get(places, "gn:170794"), "ar")), "دير الزور");
    assert_string_equal(json_string_value(json_object_get(json_object_get(places, "country:SYR"), "country")), "SYR");
    assert_true(json_is_null(json_object_get(places, "no-such-place")));
    json_decref(n);
    expect_error(&s, "GET", "/api/names?ids=sdf", 400, "bad-parameter");
    expect_error(&s, "GET", "/api/names?actors=%FF%FE", 400, "bad-parameter");
    char many[2200] = "/api/names?cameo=";
    for (int i = 0; i < 201; i++) snprintf(many + strlen(many), sizeof many - strlen(many), "%s%d", i ? "," : "", 100 + i);
    expect_error(&s, "GET", many, 400, "bad-parameter");
    stop_server(&s);
}

/* The server as something left running: gzip where asked, one log line
 * per request, a foreign Host refused, and writes only as same-origin
 * JSON with the token. */
static void test_guards_over_http(void **state) {
    (void)state;
    char log_path[400];
    snprintf(log_path, sizeof log_path, "%s/access.log", dir);
    const char *extra[] = {"--access-log", log_path, "--public-host", "news.example.org", "--ingest-token",
                           "s3cret-token", NULL};
    server s = start_server_with(true, extra);

    /* gzip: asked for, it comes compressed (and decodes to the same JSON) */
    request_extra raw = {.gzip = true, .raw = true};
    reply r = request_x(&s, "GET", "/api/stories?limit=50", NULL, 0, &raw);
    assert_int_equal(r.status, 200);
    assert_non_null(strcasestr(r.headers.data, "Content-Encoding: gzip"));
    assert_non_null(strcasestr(r.headers.data, "Vary: Accept-Encoding"));
    assert_true(r.body.len >= 2 && (unsigned char)r.body.data[0] == 0x1f && (unsigned char)r.body.data[1] == 0x8b);
    reply_free(&r);
    request_extra decoded = {.gzip = true};
    r = request_x(&s, "GET", "/api/stories?limit=50", NULL, 0, &decoded);
    json_decref(json_of(&r));
    reply_free(&r);
    r = request_x(&s, "GET", "/static/app.js", NULL, 0, &raw);
    assert_non_null(strcasestr(r.headers.data, "Content-Encoding: gzip"));
    size_t zipped = r.body.len;
    reply_free(&r);
    r = request(&s, "GET", "/static/app.js", NULL, 0); /* not asked: plain */
    assert_null(strcasestr(r.headers.data, "Content-Encoding"));
    assert_true(zipped < r.body.len / 2);
    reply_free(&r);

    /* DNS rebinding: a name the server was not given is refused */
    request_extra foreign = {.headers = {"Host: rebind.example.com:8080"}};
    r = request_x(&s, "GET", "/api/stories", NULL, 0, &foreign);
    assert_int_equal(r.status, 421);
    json_decref(json_of(&r));
    reply_free(&r);
    request_extra named = {.headers = {"Host: news.example.org"}};
    r = request_x(&s, "GET", "/api/health", NULL, 0, &named);
    assert_int_equal(r.status, 200);
    reply_free(&r);

    /* writes: cross-origin, text/plain, a form and no token are refused */
    long long before = documents(&s);
    const char *article = "{\"title\": \"وفد يزور الرياض\", \"published\": \"2023-09-08\", "
                          "\"text\": \"وصل وفد رسمي إلى الرياض صباح اليوم في زيارة تستمر يومين.\"}";
    request_extra cross = {.headers = {"Origin: http://rebind.example.com", "Authorization: Bearer s3cret-token"}};
    r = request_x(&s, "POST", "/api/ingest", article, strlen(article), &cross);
    assert_int_equal(r.status, 403);
    json_decref(json_of(&r));
    reply_free(&r);
    request_extra plain = {.headers = {"Content-Type: text/plain", "Authorization: Bearer s3cret-token"}};
    r = request_x(&s, "POST", "/api/ingest", article, strlen(article), &plain);
    assert_int_equal(r.status, 415);
    reply_free(&r);
    request_extra form = {
        .headers = {"Content-Type: application/x-www-form-urlencoded", "Authorization: Bearer s3cret-token"}};
    const char *form_body = "text=%D9%86%D8%B5";
    r = request_x(&s, "POST", "/api/ingest", form_body, strlen(form_body), &form);
    assert_int_equal(r.status, 415);
    reply_free(&r);
    request_extra wrong = {.headers = {"Authorization: Bearer s3cret-tokem"}};
    r = request_x(&s, "POST", "/api/ingest", article, strlen(article), &wrong);
    assert_int_equal(r.status, 401);
    reply_free(&r);
    r = request(&s, "POST", "/api/ingest", article, strlen(article)); /* no token */
    assert_int_equal(r.status, 401);
    reply_free(&r);
    assert_int_equal(documents(&s), before);
    /* the server's own page, with the token: stored */
    char origin[80];
    snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%u", s.port);
    request_extra own = {.headers = {origin, "Authorization: Bearer s3cret-token"}};
    r = request_x(&s, "POST", "/api/ingest", article, strlen(article), &own);
    if (r.status != 201) fail_msg("same-origin POST: HTTP %ld: %s", r.status, r.body.data);
    reply_free(&r);
    assert_int_equal(documents(&s), before + 1);
    stop_server(&s);

    /* the access log: one line per request, time, client, query, status, bytes, ms */
    FILE *f = fopen(log_path, "r");
    assert_non_null(f);
    char line[2048];
    int found = 0, lines = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        int y, mo, d, h, mi, sec;
        char client[64], method[16], path[1024], status[8];
        unsigned long long bytes;
        double ms;
        if (sscanf(line, "%4d-%2d-%2dT%2d:%2d:%2dZ %63s %15s %1023s %7s %llu %lf", &y, &mo, &d, &h, &mi, &sec, client,
                   method, path, status, &bytes, &ms) != 12)
            fail_msg("access log line not in the documented form: %s", line);
        if (strcmp(path, "/api/stories?limit=50") == 0 && strcmp(client, "127.0.0.1") == 0 &&
            strcmp(status, "200") == 0 && bytes > 0 && ms >= 0)
            found++;
        if (strcmp(path, "/api/stories") == 0) assert_string_equal(status, "421");
    }
    fclose(f);
    assert_int_equal(found, 2);
    assert_true(lines >= 14);

    /* beyond loopback, ingest without a token does not start */
    const char *open_ingest[] = {RASD_BIN, "serve", "--db", db, "--bind", "0.0.0.0", "--port", "0", "--allow-ingest",
                                 NULL};
    assert_int_equal(run_rasd(open_ingest), 2);
}

/* Opens a TCP connection to 127.0.0.1:port and sends the start of a
 * request that never ends; -1 when refused. */
static int slow_connection(unsigned port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    static const char START[] = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (send(fd, START, sizeof START - 1, MSG_NOSIGNAL) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 1,100 slow connections held from one address do not keep another
 * client waiting, and a request whose headers never end is dropped. */
static void test_slow_clients(void **state) {
    (void)state;
    if (on_pg) skip();
    struct rlimit rl;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    size_t want = 1100;
    if (rl.rlim_cur < want + 100) {
        fprintf(stderr, "slow clients: the file limit (%llu) allows only %llu connections\n",
                (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_cur - 100);
        want = rl.rlim_cur > 200 ? rl.rlim_cur - 100 : 100;
    }
    const char *extra[] = {"--timeout", "2", NULL};
    server s = start_server_with(false, extra);
    int *fds = calloc(want, sizeof *fds);
    assert_non_null(fds);
    size_t open_ok = 0;
    for (size_t i = 0; i < want; i++)
        if ((fds[i] = slow_connection(s.port)) >= 0) open_ok++;
    assert_true(open_ok > 0);
    /* another address (all of 127/8 is this machine) is answered at once */
    request_extra other = {.interface = "127.0.0.2"};
    double t0 = now_s();
    reply r = request_x(&s, "GET", "/api/health", NULL, 0, &other);
    double took = now_s() - t0;
    assert_int_equal(r.status, 200);
    reply_free(&r);
    if (took >= 1.0) fail_msg("the probe took %.2f s with %zu slow connections held", took, want);
    /* past its share, the slow client's connections were closed at once:
     * at most 64 (the default cap) are left waiting for the timeout */
    size_t alive = 0;
    for (size_t i = 0; i < want; i++) {
        if (fds[i] < 0) continue;
        char c;
        ssize_t n = recv(fds[i], &c, 1, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) alive++;
    }
    assert_true(alive <= 64);
    assert_true(alive > 0);
    /* and those are dropped once silent past --timeout (2 s) */
    sleep(4);
    size_t still = 0;
    for (size_t i = 0; i < want; i++) {
        if (fds[i] < 0) continue;
        char c;
        ssize_t n = recv(fds[i], &c, 1, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) still++;
        close(fds[i]);
    }
    free(fds);
    assert_int_equal(still, 0);
    assert_true(documents(&s) >= 2); /* and serving still */
    stop_server(&s);
}

/* ---------------------------------------------------- query commands */

static char out_buf[1 << 17], err_buf[1 << 14];

/* Runs rasd with argv; fills out_buf and err_buf; returns the exit status. */
static int run_captured(const char *const *argv) {
    char out_path[400], err_path[400];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, 1);
        dup2(err, 2);
        execv(RASD_BIN, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    FILE *f = fopen(out_path, "rb");
    size_t n = f ? fread(out_buf, 1, sizeof out_buf - 1, f) : 0;
    out_buf[n] = '\0';
    if (f) fclose(f);
    f = fopen(err_path, "rb");
    n = f ? fread(err_buf, 1, sizeof err_buf - 1, f) : 0;
    err_buf[n] = '\0';
    if (f) fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_query_commands(void **state) {
    (void)state;
    /* JSON: the same answer the server gives */
    const char *stories_json[] = {RASD_BIN, "stories", "--db", db, "--json", NULL};
    assert_int_equal(run_captured(stories_json), 0);
    json_t *doc = json_loads(out_buf, 0, NULL);
    assert_non_null(doc);
    json_t *items = json_object_get(doc, "items");
    assert_true(json_array_size(items) >= 1);
    long long story = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    json_decref(doc);
    /* a table with a header, Arabic as it is */
    const char *stories[] = {RASD_BIN, "stories", "--db", db, NULL};
    assert_int_equal(run_captured(stories), 0);
    assert_true(strncmp(out_buf, "id", 2) == 0);
    assert_non_null(strstr(out_buf, "دير الزور"));
    assert_non_null(strstr(err_buf, " of "));
    /* CSV: a header row, then one row per story, quoted where needed */
    const char *stories_csv[] = {RASD_BIN, "stories", "--db", db, "--csv", NULL};
    assert_int_equal(run_captured(stories_csv), 0);
    assert_true(strncmp(out_buf, "id,title,first_seen,last_seen,articles,outlets\r\n", 48) == 0); /* the JSON's names */
    char id[32];
    snprintf(id, sizeof id, "%lld", story);
    const char *one[] = {RASD_BIN, "story", id, "--db", db, NULL};
    assert_int_equal(run_captured(one), 0);
    assert_non_null(strstr(out_buf, "== articles by outlet"));
    assert_non_null(strstr(out_buf, "== places"));
    const char *missing[] = {RASD_BIN, "story", "987654", "--db", db, NULL};
    assert_int_equal(run_captured(missing), 1);
    assert_non_null(strstr(err_buf, "no story 987654"));
    const char *bad_id[] = {RASD_BIN, "story", "x1", "--db", db, NULL};
    assert_int_equal(run_captured(bad_id), 2);
    const char *bad_cameo[] = {RASD_BIN, "events", "--cameo", "1x", "--db", db, NULL};
    assert_int_equal(run_captured(bad_cameo), 2);
    assert_non_null(strstr(err_buf, "cameo"));
    const char *bad_date[] = {RASD_BIN, "quotes", "--since", "2023-02-30", "--db", db, NULL};
    assert_int_equal(run_captured(bad_date), 2);
    assert_non_null(strstr(err_buf, "since"));
    const char *wrong_option[] = {RASD_BIN, "stories", "--speaker", "x", "--db", db, NULL};
    assert_int_equal(run_captured(wrong_option), 2);
    if (on_pg) { /* a database that is not there: named, password hidden */
        char url[sizeof db];
        snprintf(url, sizeof url, "%.*s/no_such_database", (int)(strrchr(db, '/') - db), db);
        const char *no_pg[] = {RASD_BIN, "stories", "--db", url, NULL};
        assert_int_equal(run_captured(no_pg), 2); /* no database: docs/cli.md */
        assert_non_null(strstr(err_buf, "no_such_database"));
    }
    const char *no_db[] = {RASD_BIN, "stories", "--db", "/nonexistent/rasd.db", NULL};
    assert_int_equal(run_captured(no_db), 2);
    assert_non_null(strstr(err_buf, "/nonexistent/rasd.db"));
    /* the top actors, from the store */
    const char *top[] = {RASD_BIN, "actors", "--top", "--limit", "2", "--json", "--db", db, NULL};
    assert_int_equal(run_captured(top), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "items")), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "items"), 0), "id")),
                        "sdf");
    json_decref(doc);
    const char *quotes[] = {RASD_BIN, "quotes", "--db", db, "--json", NULL};
    assert_int_equal(run_captured(quotes), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_non_null(doc);
    json_decref(doc);
    const char *outlets[] = {RASD_BIN, "outlets", "--db", db, NULL};
    assert_int_equal(run_captured(outlets), 0);
    assert_true(strncmp(out_buf, "outlet", 6) == 0);
    /* export: JSON Lines by default, CSV on demand; the hostile title intact */
    const char *jsonl[] = {RASD_BIN, "export", "--db", db, NULL};
    assert_int_equal(run_captured(jsonl), 0);
    assert_non_null(strstr(out_buf, "<script>alert(1)</script>"));
    const char *csv[] = {RASD_BIN, "export", "--db", db, "--format", "csv", NULL};
    assert_int_equal(run_captured(csv), 0);
    assert_true(strncmp(out_buf, "id,published,source,title,", 26) == 0);
    const char *bad_format[] = {RASD_BIN, "export", "--db", db, "--format", "xml", NULL};
    assert_int_equal(run_captured(bad_format), 2);
}

int main(int argc, char **argv) {
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_dispatch_errors),
        cmocka_unit_test(test_static_assets),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_http_guards),
        cmocka_unit_test(test_answer_cache),
    };
    const struct CMUnitTest live[] = {
        cmocka_unit_test(test_hostile_text_served_literally),
        cmocka_unit_test(test_bad_requests_keep_serving),
        cmocka_unit_test(test_event_export_route),
        cmocka_unit_test(test_query_commands),
        cmocka_unit_test(test_ingest_over_http),
        cmocka_unit_test(test_view_routes),
        cmocka_unit_test(test_guards_over_http),
        cmocka_unit_test(test_slow_clients),
    };
    if (argc > 1 && strcmp(argv[1], "--pg") == 0) {
        if (!getenv("RASD_TEST_PG") || !*getenv("RASD_TEST_PG")) {
            fprintf(stderr, "SKIP: RASD_TEST_PG is not set (run under tests/pg_harness.sh)\n");
            return 77;
        }
        on_pg = true;
        return cmocka_run_group_tests_name("server on PostgreSQL", live, setup_store, teardown_store);
    }
    int failed = cmocka_run_group_tests_name("dispatcher", unit, setup_app, teardown_app);
    failed += cmocka_run_group_tests_name("server", live, setup_store, teardown_store);
    return failed;
}
