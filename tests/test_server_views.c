/*
 * test_server_views.c: the routes the web interface's views read, from
 * the outside (test_server_helpers.h): counts per day (/api/timeline) that
 * agree with the events list under the same filters, the events list and
 * the counts by place (/api/event-places), and names for the ids and
 * codes the views show (/api/names), with their bad parameters refused.
 */
#define _GNU_SOURCE /* strcasestr: header names are case-insensitive */
#include "test_server_helpers.h"

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

int main(int argc, char **argv) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_view_routes),
    };
    int mode = server_live_mode(argc, argv);
    if (mode) return mode;
    const char *name = on_pg ? "server views on PostgreSQL" : "server views";
    return cmocka_run_group_tests_name(name, tests, setup_store, teardown_store);
}
