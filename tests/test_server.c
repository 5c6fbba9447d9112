/*
 * test_server.c: `rasd serve` from the outside (test_server_helpers.h):
 * the hostile text comes back intact in JSON and in the export, the
 * database keeps every document, the event and quote tables export as
 * CSV and JSON Lines, bad requests get 4xx JSON errors and the server goes
 * on serving; with --allow-ingest, POSTed articles are stored intact and
 * bad bodies refused; and the query commands give the server's answers on
 * the same store. The views' routes are in test_server_views.c, what
 * guards a server left running in test_server_guards.c.
 */
#define _GNU_SOURCE /* strcasestr: header names are case-insensitive */
#include "test_server_helpers.h"

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

/* ---------------------------------------------------- query commands */

static void test_query_commands(void **state) {
    (void)state;
    /* JSON: the same answer the server gives */
    const char *stories_json[] = {RASD_BIN, "stories", "--db", db, "--json", NULL};
    assert_int_equal(run(stories_json), 0);
    json_t *doc = json_loads(out_buf, 0, NULL);
    assert_non_null(doc);
    json_t *items = json_object_get(doc, "items");
    assert_true(json_array_size(items) >= 1);
    long long story = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    json_decref(doc);
    /* a table with a header, Arabic as it is */
    const char *stories[] = {RASD_BIN, "stories", "--db", db, NULL};
    assert_int_equal(run(stories), 0);
    assert_true(strncmp(out_buf, "id", 2) == 0);
    assert_non_null(strstr(out_buf, "دير الزور"));
    assert_non_null(strstr(err_buf, " of "));
    /* CSV: a header row, then one row per story, quoted where needed */
    const char *stories_csv[] = {RASD_BIN, "stories", "--db", db, "--csv", NULL};
    assert_int_equal(run(stories_csv), 0);
    assert_true(strncmp(out_buf, "id,title,first_seen,last_seen,articles,outlets\r\n", 48) == 0); /* the JSON's names */
    char id[32];
    snprintf(id, sizeof id, "%lld", story);
    const char *one[] = {RASD_BIN, "story", id, "--db", db, NULL};
    assert_int_equal(run(one), 0);
    assert_non_null(strstr(out_buf, "== articles by outlet"));
    assert_non_null(strstr(out_buf, "== places"));
    const char *missing[] = {RASD_BIN, "story", "987654", "--db", db, NULL};
    assert_int_equal(run(missing), 1);
    assert_non_null(strstr(err_buf, "no story 987654"));
    const char *bad_id[] = {RASD_BIN, "story", "x1", "--db", db, NULL};
    assert_int_equal(run(bad_id), 2);
    const char *bad_cameo[] = {RASD_BIN, "events", "--cameo", "1x", "--db", db, NULL};
    assert_int_equal(run(bad_cameo), 2);
    assert_non_null(strstr(err_buf, "cameo"));
    const char *bad_date[] = {RASD_BIN, "quotes", "--since", "2023-02-30", "--db", db, NULL};
    assert_int_equal(run(bad_date), 2);
    assert_non_null(strstr(err_buf, "since"));
    const char *wrong_option[] = {RASD_BIN, "stories", "--speaker", "x", "--db", db, NULL};
    assert_int_equal(run(wrong_option), 2);
    if (on_pg) { /* a database that is not there: named, password hidden */
        char url[sizeof db];
        snprintf(url, sizeof url, "%.*s/no_such_database", (int)(strrchr(db, '/') - db), db);
        const char *no_pg[] = {RASD_BIN, "stories", "--db", url, NULL};
        assert_int_equal(run(no_pg), 2); /* no database: docs/cli.md */
        assert_non_null(strstr(err_buf, "no_such_database"));
    }
    const char *no_db[] = {RASD_BIN, "stories", "--db", "/nonexistent/rasd.db", NULL};
    assert_int_equal(run(no_db), 2);
    assert_non_null(strstr(err_buf, "/nonexistent/rasd.db"));
    /* the top actors, from the store */
    const char *top[] = {RASD_BIN, "actors", "--top", "--limit", "2", "--json", "--db", db, NULL};
    assert_int_equal(run(top), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "items")), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "items"), 0), "id")),
                        "sdf");
    json_decref(doc);
    const char *quotes[] = {RASD_BIN, "quotes", "--db", db, "--json", NULL};
    assert_int_equal(run(quotes), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_non_null(doc);
    json_decref(doc);
    const char *outlets[] = {RASD_BIN, "outlets", "--db", db, NULL};
    assert_int_equal(run(outlets), 0);
    assert_true(strncmp(out_buf, "outlet", 6) == 0);
    /* export: JSON Lines by default, CSV on demand; the hostile title intact */
    const char *jsonl[] = {RASD_BIN, "export", "--db", db, NULL};
    assert_int_equal(run(jsonl), 0);
    assert_non_null(strstr(out_buf, "<script>alert(1)</script>"));
    const char *csv[] = {RASD_BIN, "export", "--db", db, "--format", "csv", NULL};
    assert_int_equal(run(csv), 0);
    assert_true(strncmp(out_buf, "id,published,source,title,", 26) == 0);
    const char *bad_format[] = {RASD_BIN, "export", "--db", db, "--format", "xml", NULL};
    assert_int_equal(run(bad_format), 2);
}

int main(int argc, char **argv) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_text_served_literally),
        cmocka_unit_test(test_bad_requests_keep_serving),
        cmocka_unit_test(test_event_export_route),
        cmocka_unit_test(test_query_commands),
        cmocka_unit_test(test_ingest_over_http),
    };
    int mode = server_live_mode(argc, argv);
    if (mode) return mode;
    const char *name = on_pg ? "server on PostgreSQL" : "server";
    return cmocka_run_group_tests_name(name, tests, setup_store, teardown_store);
}
