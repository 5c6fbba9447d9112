/*
 * test_server_dispatch.c: `rasd serve`'s dispatcher from the inside, with
 * no socket: routes, parameter checks and limits give the JSON errors and
 * statuses docs/api.md promises; the embedded assets are found by exact
 * name only; the answer cache. The server from the outside is in
 * test_server.c, test_server_views.c and test_server_guards.c.
 */
#include "test_helpers.h"

#include "server/assets.h"
#include "server/cache.h"
#include "server/params.h"
#include "server/server.h"

#include <jansson.h>

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dispatch_errors),
        cmocka_unit_test(test_static_assets),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_http_guards),
        cmocka_unit_test(test_answer_cache),
    };
    return cmocka_run_group_tests_name("dispatcher", tests, setup_app, teardown_app);
}
