/*
 * test_server_guards.c: `rasd serve` as something left running, from the
 * outside (test_server_helpers.h): gzip where asked, one access-log line
 * per request, a foreign Host refused (DNS rebinding), writes only as
 * same-origin JSON with the token, no open ingest beyond loopback without
 * a token, and slow clients that neither keep another waiting nor stay
 * past --timeout.
 */
#define _GNU_SOURCE /* strcasestr: header names are case-insensitive */
#include "test_server_helpers.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

/* The server as something left running: gzip where asked, one log line
 * per request, a foreign Host refused, and writes only as same-origin
 * JSON with the token. */
/* A third article, a story of its own: with it the stories list is long
 * enough (256 bytes) for the server to compress it. In one executable with
 * test_server.c's tests, the articles those POSTed did this. */
static int setup_guards_store(void **state) {
    (void)state;
    return setup_store_with("وفد من وزارة الصحة يتفقد مستشفى الحسكة الوطني\n",
                            "وصل وفد من وزارة الصحة صباح اليوم إلى مدينة الحسكة، وتفقد أقسام المستشفى الوطني "
                            "واطلع على حاجته من الأدوية والأجهزة الطبية.\n");
}

static void test_guards_over_http(void **state) {
    (void)state;
    char log_path[400];
    snprintf(log_path, sizeof log_path, "%s/access.log", tmpdir);
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
    assert_int_equal(run(open_ingest), 2);
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
    /* a connection still in the listen queue looks alive too: on a busy
     * machine the server may not have accepted (and closed) the last ones
     * yet, so count again for up to a second, well inside --timeout */
    size_t alive = 0;
    for (int round = 0; round < 20; round++) {
        alive = 0;
        for (size_t i = 0; i < want; i++) {
            if (fds[i] < 0) continue;
            char c;
            ssize_t n = recv(fds[i], &c, 1, MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) alive++;
        }
        if (alive <= 64) break;
        nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
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

int main(int argc, char **argv) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guards_over_http),
        cmocka_unit_test(test_slow_clients),
    };
    int mode = server_live_mode(argc, argv);
    if (mode) return mode;
    const char *name = on_pg ? "server guards on PostgreSQL" : "server guards";
    return cmocka_run_group_tests_name(name, tests, setup_guards_store, teardown_store);
}
