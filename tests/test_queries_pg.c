/*
 * test_queries_pg.c: the query layer (src/storage/queries.h) on both
 * backends. The same articles are stored in SQLite (`rasd ingest`) and
 * copied into PostgreSQL (`rasd migrate`); then every question — each
 * list with each of its filters, paging, every story and article, actors
 * with the knowledge base's record, search with facets, export as JSON
 * Lines and CSV, records that are not there, bad filters — is asked of
 * both, with the same assertions, and the two answers must be the same
 * bytes. Search's answer is compared parsed, BM25 scores equal to 1e-9
 * (the two databases add the same terms in another order), all else
 * identical: hits, order, snippets and their highlights, totals, facets.
 *
 * The articles: the repository's own fixtures (the .txt files of
 * tests/fixtures); and, read from ../shared when it is there (skipped
 * with a message otherwise), the five seed articles and SaudiNewsNet's
 * first day (2,949 articles with real stories, quotes, events, framing).
 *
 * PostgreSQL comes from tests/pg_harness.sh (RASD_TEST_PG); without it the
 * test is skipped with a message (exit 77).
 */
#define TEST_TMPDIR "/tmp/rasd-queries-pg-XXXXXX"
#include "cli_run.h"

#include "core/internal.h"
#include "knowledge/knowledge.h"
#include "storage/queries.h"
#include "storage/store.h"

#include <jansson.h>
#include "test_pg_helpers.h"

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif
#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif
#ifndef CORPUS_DAY
#define CORPUS_DAY "../shared/corpora/saudinewsnet/2015-07-21.zip"
#endif

static rasd_knowledge *kn;

/* One store on each backend, holding the same rows. */
typedef struct pair {
    rasd_store *lite, *pg;
    const char *name;
} pair;

/* The corpus day's ingest is long on a busy machine: the runs may take
 * the suite's own limit (ctest's 600 s), not test_spawn's two minutes. */
static const test_spawn_opts LONG_RUN = {.time_limit = 600};

/* A fresh database `name` beside the harness's, as a URL (malloc'd). */
static char *fresh_pg(const char *name) {
    char *url = malloc(1024), why[600];
    if (pg_fresh_database(name, url, 1024, why, sizeof why) != 0) fail_msg("%s", why);
    return url;
}

static rasd_store *open_store(const char *target) {
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(target, test_lex, &err);
    if (!s) fail_msg("opening %s: %s", target, err.message);
    return s;
}

/* Ingests inputs into SQLite, copies them into PostgreSQL, opens both. */
static pair build(const char *name, const char *const *inputs, size_t n_inputs) {
    char db[512];
    snprintf(db, sizeof db, "%s/%s.db", tmpdir, name);
    const char *argv[16] = {RASD_BIN, "ingest", "--quiet", "--jobs", "2", "--db", db};
    size_t k = 7;
    for (size_t i = 0; i < n_inputs && k < 15; i++) argv[k++] = inputs[i];
    argv[k] = NULL;
    int rc = run_with(argv, &LONG_RUN); /* 1: some input skipped (not Arabic, empty), the rest stored */
    if (rc != 0 && rc != 1) fail_msg("rasd ingest into %s failed", db);
    char *url = fresh_pg(name);
    const char *mig[] = {RASD_BIN, "migrate", "--quiet", "--from", db, "--to", url, NULL};
    if (run_with(mig, &LONG_RUN) != 0) fail_msg("rasd migrate %s -> %s failed", db, url);
    pair p = {open_store(db), open_store(url), name};
    free(url);
    return p;
}

static void close_pair(pair *p) {
    rasd_store_close(p->lite);
    rasd_store_close(p->pg);
}

/* ---------------------------------------------------------- comparing */

typedef rasd_status (*list_fn)(rasd_store *, const rasd_query *, rasd_buf *, rasd_error *);

/* The first byte where a and b differ, with some context, for a message. */
static void report_difference(const char *what, const rasd_buf *a, const rasd_buf *b) {
    size_t i = 0;
    while (i < a->len && i < b->len && a->data[i] == b->data[i]) i++;
    size_t from = i > 80 ? i - 80 : 0;
    fail_msg("%s: the answers differ at byte %zu of %zu/%zu:\n  SQLite:     %.200s\n  PostgreSQL: %.200s", what, i,
             a->len, b->len, a->data ? a->data + from : "", b->data ? b->data + from : "");
}

/* Both answers, same status, same message class; same bytes when OK.
 * Returns the SQLite answer parsed (NULL on an error status). */
static json_t *same(const char *what, rasd_status sa, rasd_buf *a, rasd_status sb, rasd_buf *b,
                    rasd_status expect) {
    if (sa != sb) fail_msg("%s: SQLite says %d, PostgreSQL %d", what, sa, sb);
    if (sa != expect) fail_msg("%s: status %d, expected %d", what, sa, expect);
    json_t *doc = NULL;
    if (sa == RASD_OK) {
        if (a->len != b->len || (a->len && memcmp(a->data, b->data, a->len) != 0)) report_difference(what, a, b);
        json_error_t jerr;
        doc = json_loadb(a->data, a->len, 0, &jerr);
        if (!doc) fail_msg("%s: not JSON: %s", what, jerr.text);
    }
    rasd_buf_free(a);
    rasd_buf_free(b);
    return doc;
}

static json_t *ask_list(pair *p, const char *what, list_fn fn, const rasd_query *q, rasd_status expect) {
    rasd_buf a = {0}, b = {0};
    rasd_error ea = {0}, eb = {0};
    rasd_status sa = fn(p->lite, q, &a, &ea), sb = fn(p->pg, q, &b, &eb);
    if (sa != RASD_OK && sa == sb && strcmp(ea.message, eb.message) != 0 && sa == RASD_ERR_USAGE)
        fail_msg("%s: the usage errors differ: \"%s\" / \"%s\"", what, ea.message, eb.message);
    char label[300];
    snprintf(label, sizeof label, "%s on %s", what, p->name);
    return same(label, sa, &a, sb, &b, expect);
}

typedef rasd_status (*record_fn)(rasd_store *, int64_t, rasd_buf *, rasd_error *);

static json_t *ask_record(pair *p, const char *what, record_fn fn, int64_t id, rasd_status expect) {
    rasd_buf a = {0}, b = {0};
    rasd_error ea = {0}, eb = {0};
    rasd_status sa = fn(p->lite, id, &a, &ea), sb = fn(p->pg, id, &b, &eb);
    char label[300];
    snprintf(label, sizeof label, "%s %lld on %s", what, (long long)id, p->name);
    if (sa == RASD_ERR_NOT_FOUND && sb == sa) assert_string_equal(ea.message, eb.message);
    return same(label, sa, &a, sb, &b, expect);
}

static json_t *ask_actor(pair *p, const char *id, rasd_status expect) {
    rasd_buf a = {0}, b = {0};
    rasd_error ea = {0}, eb = {0};
    rasd_status sa = rasd_query_actor(p->lite, kn, id, &a, &ea), sb = rasd_query_actor(p->pg, kn, id, &b, &eb);
    char label[300];
    snprintf(label, sizeof label, "actor %.100s on %s", id, p->name);
    if (sa != sb) fail_msg("%s: SQLite says %d (%s), PostgreSQL %d (%s)", label, sa, ea.message, sb, eb.message);
    return same(label, sa, &a, sb, &b, expect);
}

/* The same JSON, scores equal to 1e-9 (relative). */
static void same_json(const char *what, json_t *a, json_t *b) {
    if (json_is_object(a) && json_is_object(b)) {
        if (json_object_size(a) != json_object_size(b)) fail_msg("%s: objects of different sizes", what);
        const char *k;
        json_t *va;
        void *it_a = json_object_iter(a), *it_b = json_object_iter(b);
        for (; it_a && it_b; it_a = json_object_iter_next(a, it_a), it_b = json_object_iter_next(b, it_b)) {
            k = json_object_iter_key(it_a);
            if (strcmp(k, json_object_iter_key(it_b)) != 0)
                fail_msg("%s: key \"%s\" where the other has \"%s\"", what, k, json_object_iter_key(it_b));
            va = json_object_iter_value(it_a);
            json_t *vb = json_object_iter_value(it_b);
            if (strcmp(k, "score") == 0) {
                double x = json_number_value(va), y = json_number_value(vb), d = x - y;
                if (d > 1e-9 * (1 + (y < 0 ? -y : y)) || -d > 1e-9 * (1 + (y < 0 ? -y : y)))
                    fail_msg("%s: score %.17g on SQLite, %.17g on PostgreSQL", what, x, y);
                continue;
            }
            same_json(what, va, vb);
        }
        return;
    }
    if (json_is_array(a) && json_is_array(b) && json_array_size(a) == json_array_size(b)) {
        for (size_t i = 0; i < json_array_size(a); i++) same_json(what, json_array_get(a, i), json_array_get(b, i));
        return;
    }
    if (!json_equal(a, b)) {
        char *sa = json_dumps(a, JSON_ENCODE_ANY | JSON_COMPACT), *sb = json_dumps(b, JSON_ENCODE_ANY | JSON_COMPACT);
        fail_msg("%s: %.200s on SQLite, %.200s on PostgreSQL", what, sa, sb);
    }
}

static json_t *ask_search(pair *p, const rasd_query *q, rasd_status expect) {
    rasd_buf a = {0}, b = {0};
    rasd_error ea = {0}, eb = {0};
    rasd_status sa = rasd_query_search(p->lite, q, &a, &ea), sb = rasd_query_search(p->pg, q, &b, &eb);
    char label[300];
    snprintf(label, sizeof label, "search \"%.100s\" on %s", q->text ? q->text : "", p->name);
    if (sa != sb) fail_msg("%s: SQLite says %d (%s), PostgreSQL %d (%s)", label, sa, ea.message, sb, eb.message);
    if (sa != expect) fail_msg("%s: status %d, expected %d (%s)", label, sa, expect, ea.message);
    json_t *da = NULL;
    if (sa == RASD_OK) {
        da = json_loadb(a.data, a.len, 0, NULL);
        json_t *db = json_loadb(b.data, b.len, 0, NULL);
        assert_non_null(da);
        assert_non_null(db);
        same_json(label, da, db);
        json_decref(db);
    }
    rasd_buf_free(&a);
    rasd_buf_free(&b);
    return da;
}

static void export_all(rasd_store *s, const rasd_query *q, rasd_export_format f, rasd_buf *out) {
    rasd_error err = {0};
    rasd_export *x = rasd_export_open(s, q, f, &err);
    if (!x) fail_msg("opening an export: %s", err.message);
    bool done = false;
    size_t chunks = 0;
    while (!done) {
        if (rasd_export_next(x, out, &done, &err) != RASD_OK) fail_msg("exporting: %s", err.message);
        chunks++;
    }
    rasd_export_close(x);
    assert_true(chunks >= 1);
}

static void same_export(pair *p, const char *what, const rasd_query *q, rasd_export_format f, size_t *lines) {
    rasd_buf a = {0}, b = {0};
    export_all(p->lite, q, f, &a);
    export_all(p->pg, q, f, &b);
    char label[300];
    snprintf(label, sizeof label, "export %s on %s", what, p->name);
    if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0)) report_difference(label, &a, &b);
    *lines = 0;
    for (size_t i = 0; i < a.len; i++) *lines += a.data[i] == '\n';
    rasd_buf_free(&a);
    rasd_buf_free(&b);
}

static long long total_of(json_t *doc) { return json_integer_value(json_object_get(doc, "total")); }
static json_t *items_of(json_t *doc) { return json_object_get(doc, "items"); }
static const char *str_at(json_t *doc, size_t i, const char *key) {
    return json_string_value(json_object_get(json_array_get(items_of(doc), i), key));
}

/* ------------------------------------------------------------- the battery */

/* Every question, on a pair; asserts that the store is not a trivial one
 * (what is compared must exist). */
static void battery(pair *p, size_t min_docs, bool rich) {
    rasd_query q = {0};
    /* outlets: every document counted once */
    json_t *outlets = ask_list(p, "outlets", rasd_query_outlets, &q, RASD_OK);
    long long docs = 0;
    for (size_t i = 0; i < json_array_size(items_of(outlets)); i++)
        docs += json_integer_value(json_object_get(json_array_get(items_of(outlets), i), "articles"));
    assert_true(docs >= (long long)min_docs);
    /* the largest named outlet; none when every article's outlet is unknown
     * (null, and a NULL filter filters nothing, as "" did before) */
    size_t named = 0;
    while (named + 1 < json_array_size(items_of(outlets)) && !str_at(outlets, named, "outlet")) named++;
    const char *outlet = str_at(outlets, named, "outlet");
    const char *first_day = json_string_value(json_object_get(json_array_get(items_of(outlets), named), "first"));
    assert_true(json_array_size(items_of(outlets)) >= 1);

    /* stories, with each filter and paging */
    json_t *stories = ask_list(p, "stories", rasd_query_stories, &q, RASD_OK);
    assert_true(total_of(stories) >= 1);
    json_t *actors = ask_list(p, "actors", rasd_query_actors, &q, RASD_OK);
    assert_true(json_array_size(items_of(actors)) >= 1);
    const char *actor = str_at(actors, 0, "id");
    rasd_query f = {.outlet = outlet};
    json_decref(ask_list(p, "stories by outlet", rasd_query_stories, &f, RASD_OK));
    f = (rasd_query){.actor = actor};
    json_t *by_actor = ask_list(p, "stories by actor", rasd_query_stories, &f, RASD_OK);
    assert_true(total_of(by_actor) >= 1);
    json_decref(by_actor);
    f = (rasd_query){.since = first_day, .until = first_day};
    json_decref(ask_list(p, "stories in a day", rasd_query_stories, &f, RASD_OK));
    f = (rasd_query){.limit = 3, .offset = 1};
    json_t *page = ask_list(p, "stories, page 2", rasd_query_stories, &f, RASD_OK);
    assert_int_equal(total_of(page), total_of(stories));
    json_decref(page);
    f = (rasd_query){.offset = 1000000};
    page = ask_list(p, "stories past the end", rasd_query_stories, &f, RASD_OK);
    assert_int_equal(json_array_size(items_of(page)), 0);
    json_decref(page);
    f = (rasd_query){.since = "2023-02-30"};
    assert_null(ask_list(p, "stories since a date that is not one", rasd_query_stories, &f, RASD_ERR_USAGE));
    f = (rasd_query){.outlet = "' OR '1'='1"};
    page = ask_list(p, "stories of an SQL outlet", rasd_query_stories, &f, RASD_OK);
    assert_int_equal(total_of(page), 0);
    json_decref(page);

    /* every story of the first page (up to 500), and one that is not there */
    f = (rasd_query){.limit = 500};
    json_t *all = ask_list(p, "stories, 500", rasd_query_stories, &f, RASD_OK);
    for (size_t i = 0; i < json_array_size(items_of(all)); i++)
        json_decref(ask_record(p, "story", rasd_query_story,
                               json_integer_value(json_object_get(json_array_get(items_of(all), i), "id")), RASD_OK));
    json_decref(all);
    assert_null(ask_record(p, "story", rasd_query_story, 987654321, RASD_ERR_NOT_FOUND));

    /* articles: the first 300 ids */
    size_t seen = 0;
    for (int64_t id = 1; id <= 300; id++) {
        rasd_buf a = {0};
        rasd_error e = {0};
        rasd_status st = rasd_query_article(p->lite, id, &a, &e);
        rasd_buf_free(&a);
        json_t *d = ask_record(p, "article", rasd_query_article, id, st);
        seen += d != NULL;
        json_decref(d);
    }
    assert_true(seen >= (min_docs < 300 ? min_docs : 300));
    assert_null(ask_record(p, "article", rasd_query_article, 987654321, RASD_ERR_NOT_FOUND));

    /* actors: filters, and the record of the top 10 */
    f = (rasd_query){.type = "person", .limit = 500};
    json_decref(ask_list(p, "actors: people", rasd_query_actors, &f, RASD_OK));
    f = (rasd_query){.since = first_day, .outlet = outlet, .limit = 7, .offset = 2};
    json_decref(ask_list(p, "actors of an outlet", rasd_query_actors, &f, RASD_OK));
    for (size_t i = 0; i < 10 && i < json_array_size(items_of(actors)); i++)
        json_decref(ask_actor(p, str_at(actors, i, "id"), RASD_OK));
    assert_null(ask_actor(p, "no-such-actor-anywhere", RASD_ERR_NOT_FOUND));
    /* in the knowledge base, stored or not, with its other names */
    json_t *sdf = ask_actor(p, "sdf", RASD_OK);
    json_t *kb = json_object_get(sdf, "kb");
    assert_true(json_array_size(json_object_get(kb, "aliases")) > 0);
    bool qsd = false;
    for (size_t i = 0; i < json_array_size(json_object_get(kb, "aliases")); i++)
        qsd |= strcmp(json_string_value(json_array_get(json_object_get(kb, "aliases"), i)), "قسد") == 0;
    assert_true(qsd);
    json_t *loaded = json_array_get(json_object_get(kb, "loaded_names"), 0);
    assert_non_null(json_string_value(json_object_get(loaded, "label")));
    json_decref(sdf);

    /* events */
    f = (rasd_query){.limit = 500};
    json_t *events = ask_list(p, "events", rasd_query_events, &f, RASD_OK);
    if (rich) assert_true(total_of(events) >= 1); /* else the comparisons below compare nothing */
    const char *source = str_at(events, 0, "source");
    f = (rasd_query){.cameo = "1"};
    json_decref(ask_list(p, "events, CAMEO 1", rasd_query_events, &f, RASD_OK));
    f = (rasd_query){.actor = source, .limit = 500};
    if (source) json_decref(ask_list(p, "events of a source", rasd_query_events, &f, RASD_OK));
    f = (rasd_query){.target = str_at(events, 0, "target"), .outlet = outlet, .since = first_day};
    json_decref(ask_list(p, "events of a target", rasd_query_events, &f, RASD_OK));
    f = (rasd_query){.cameo = "1x"};
    assert_null(ask_list(p, "events, a CAMEO that is not one", rasd_query_events, &f, RASD_ERR_USAGE));
    const char *place = str_at(events, 0, "place");
    f = (rasd_query){.place = place, .limit = 500};
    if (place) json_decref(ask_list(p, "events at a place", rasd_query_events, &f, RASD_OK));

    /* counts per day for the web interface's charts */
    f = (rasd_query){0};
    json_decref(ask_list(p, "timeline", rasd_query_timeline, &f, RASD_OK));
    f = (rasd_query){.actor = source, .cameo = "1", .outlet = outlet, .since = first_day};
    json_decref(ask_list(p, "timeline of an actor", rasd_query_timeline, &f, RASD_OK));
    f = (rasd_query){.actor = "sdf"};
    json_decref(ask_list(p, "timeline of the SDF", rasd_query_timeline, &f, RASD_OK));
    f = (rasd_query){.limit = 500};
    json_decref(ask_list(p, "event places", rasd_query_event_places, &f, RASD_OK));
    f = (rasd_query){.actor = source, .cameo = "1", .since = first_day, .limit = 3, .offset = 1};
    json_decref(ask_list(p, "event places of an actor", rasd_query_event_places, &f, RASD_OK));
    json_decref(events);

    /* quotes */
    f = (rasd_query){.limit = 500};
    json_t *quotes = ask_list(p, "quotes", rasd_query_quotes, &f, RASD_OK);
    if (rich) assert_true(total_of(quotes) >= 1);
    const char *speaker = NULL;
    for (size_t i = 0; !speaker && i < json_array_size(items_of(quotes)); i++) speaker = str_at(quotes, i, "speaker");
    f = (rasd_query){.speaker = speaker, .limit = 5, .offset = 1};
    json_decref(ask_list(p, "quotes of a speaker", rasd_query_quotes, &f, RASD_OK));
    f = (rasd_query){.outlet = outlet, .until = first_day};
    json_decref(ask_list(p, "quotes of an outlet", rasd_query_quotes, &f, RASD_OK));
    json_decref(quotes);

    /* outlets in a range */
    f = (rasd_query){.since = first_day, .limit = 2};
    json_decref(ask_list(p, "outlets in a range", rasd_query_outlets, &f, RASD_OK));

    /* search: words, a phrase, OR, filters, paging, bad syntax */
    const char *words[] = {"قوات", "\"دير الزور\"", "السعودية OR قطر", "الرياض", "قصف", "وزير الخارجية"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        f = (rasd_query){.text = words[i], .limit = 50};
        json_decref(ask_search(p, &f, RASD_OK));
        f = (rasd_query){.text = words[i], .outlet = outlet, .offset = 2, .limit = 3};
        json_decref(ask_search(p, &f, RASD_OK));
    }
    f = (rasd_query){.text = "قوات", .actor = actor, .since = first_day};
    json_decref(ask_search(p, &f, RASD_OK));
    f = (rasd_query){.text = "\"غير مغلق"};
    assert_null(ask_search(p, &f, RASD_ERR_USAGE));

    /* export: all, a range, a page; JSON Lines and CSV */
    size_t lines;
    f = (rasd_query){0};
    same_export(p, "jsonl", &f, RASD_EXPORT_JSONL, &lines);
    assert_int_equal(lines, docs);
    same_export(p, "csv", &f, RASD_EXPORT_CSV, &lines);
    assert_true(lines >= (size_t)docs + 1); /* a header; quoted texts may hold line breaks */
    f = (rasd_query){.since = first_day, .outlet = outlet};
    same_export(p, "jsonl of an outlet", &f, RASD_EXPORT_JSONL, &lines);
    f = (rasd_query){.limit = 3, .offset = 1};
    same_export(p, "csv page", &f, RASD_EXPORT_CSV, &lines);
    assert_int_equal(lines, 1 + (docs - 1 < 3 ? docs - 1 : 3)); /* the header, then the page */
    /* the event and quote tables: the same rows from either backend */
    f = (rasd_query){0};
    same_export(p, "events-csv", &f, RASD_EXPORT_EVENTS_CSV, &lines);
    same_export(p, "events-jsonl", &f, RASD_EXPORT_EVENTS_JSONL, &lines);
    assert_true(lines > 0);
    same_export(p, "quotes-csv", &f, RASD_EXPORT_QUOTES_CSV, &lines);
    f = (rasd_query){.cameo = "19", .since = first_day};
    same_export(p, "events-csv of fights", &f, RASD_EXPORT_EVENTS_CSV, &lines);

    json_decref(outlets);
    json_decref(stories);
    json_decref(actors);
}

static void test_fixtures(void **state) {
    (void)state;
    const char *inputs[] = {FIXTURES "/article-ceasefire.txt", FIXTURES "/article-mixed-scripts.txt",
                            FIXTURES "/article-tribes.txt"};
    pair p = build("queries_fixtures", inputs, 3);
    battery(&p, 3, false);
    /* the reader settings: a read-only PostgreSQL reader refuses writes */
    rasd_error err = {0};
    assert_int_equal(rasd_query_reader_setup(p.pg, true, &err), RASD_OK);
    assert_int_equal(rasd_store_begin(p.pg, &err), RASD_OK);
    assert_int_not_equal(rasd_store_put_state(p.pg, "x", "y", 1, &err), RASD_OK);
    assert_non_null(strstr(err.message, "read-only"));
    rasd_store_rollback(p.pg, &err);
    /* the database server drops the connection: the next question connects
     * again and is answered */
    PGconn *c = PQconnectdb(getenv("RASD_TEST_PG"));
    PGresult *r = PQexec(c, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE datname = 'queries_fixtures' AND pid <> pg_backend_pid()");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    assert_string_equal(PQgetvalue(r, 0, 0), "1");
    PQclear(r);
    PQfinish(c);
    rasd_query q = {0};
    json_decref(ask_list(&p, "stories after the connection was dropped", rasd_query_stories, &q, RASD_OK));
    /* a writer's connection dropped between batches: the next batch sets
     * its session up again (prepared statements) and is stored */
    char url[1024];
    snprintf(url, sizeof url, "%.*s/queries_fixtures", (int)(strrchr(getenv("RASD_TEST_PG"), '/') -
                                                             getenv("RASD_TEST_PG")), getenv("RASD_TEST_PG"));
    rasd_store *w = open_store(url);
    c = PQconnectdb(getenv("RASD_TEST_PG"));
    PQclear(PQexec(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = 'queries_fixtures' AND pid <> pg_backend_pid()"));
    PQfinish(c);
    assert_int_equal(rasd_store_begin(w, &err), RASD_OK);
    assert_int_equal(rasd_store_put_state(w, "reconnected", "yes", 3, &err), RASD_OK);
    assert_int_equal(rasd_store_commit(w, &err), RASD_OK);
    void *got = NULL;
    size_t got_len = 0;
    assert_int_equal(rasd_store_get_state(w, "reconnected", &got, &got_len, &err), RASD_OK);
    assert_int_equal(got_len, 3);
    free(got);
    rasd_store_close(w);
    close_pair(&p);
}

/* The five seed articles (north-east Syria: the SDF, tribes, Turkey; with
 * their outlets and dates from manifest.tsv): events, quotes and framing
 * of the kind rasd is for. */
static void test_seeds(void **state) {
    (void)state;
    char manifest[600];
    snprintf(manifest, sizeof manifest, "%s/manifest.tsv", SEEDS_DIR);
    if (access(manifest, R_OK) != 0) {
        fprintf(stderr, "SKIP seeds: no %s (../shared/seeds)\n", manifest);
        skip();
    }
    const char *inputs[] = {SEEDS_DIR};
    pair p = build("queries_seeds", inputs, 1);
    battery(&p, 5, true);
    close_pair(&p);
}

static void test_corpus_day(void **state) {
    (void)state;
    if (access(CORPUS_DAY, R_OK) != 0) {
        fprintf(stderr, "SKIP corpus_day: no %s (../shared/corpora/saudinewsnet)\n", CORPUS_DAY);
        skip();
    }
    const char *inputs[] = {CORPUS_DAY};
    pair p = build("queries_corpus", inputs, 1);
    battery(&p, 1000, true);
    close_pair(&p);
}

/* Floats as SQLite's JSON writes them ("%!.15g"), on PostgreSQL too: one
 * article whose numbers and place coordinates are awkward doubles, put
 * into a store of each backend through the store's own calls. */
static void test_float_forms(void **state) {
    (void)state;
    static const double VALUES[] = {0.0,     1500000.0, 0.1 + 0.2, 1e-7,     1e20,   123456789012345678.0,
                                    1.0 / 3, 2.5e15,    1e15,      999999999999999.9, -40.5, 0.0001,
                                    0.00012345, 36.0,   1e100,     -2.5e-5,  1e-300, 4.9e-324,
                                    1.7976931348623157e308, 12345.678901234567, -0.0, 99999.99999999999};
    enum { N = sizeof VALUES / sizeof VALUES[0] };
    const char *text = "نص قصير فيه أرقام كثيرة";
    rasd_row_number nums[N];
    rasd_row_place places[N];
    char mentions[N][32];
    for (size_t i = 0; i < N; i++) {
        nums[i] = (rasd_row_number){"رقم", NULL, NULL, true, VALUES[i], (int64_t)i, (int64_t)i + 1};
        snprintf(mentions[i], sizeof mentions[i], "[[%zu,%zu]]", i, i + 1);
        char *id = malloc(16);
        snprintf(id, 16, "gn:%zu", i);
        places[i] = (rasd_row_place){id, "مكان", "SYR", true, VALUES[i], -VALUES[N - 1 - i], (int64_t)(N - i),
                                     mentions[i]};
    }
    rasd_rows rows = {0};
    rows.numbers = nums;
    rows.n_numbers = N;
    rows.places = places;
    rows.n_places = N;
    char db[600];
    snprintf(db, sizeof db, "%s/floats.db", tmpdir);
    char *url = fresh_pg("queries_floats");
    const char *targets[] = {db, url};
    rasd_buf answers[2] = {{0}, {0}};
    for (int b = 0; b < 2; b++) {
        rasd_store *st = open_store(targets[b]);
        rasd_error err = {0};
        rasd_store_doc d = {.hash = "0123456789abcdef0123456789abcdef", .text_id = "0123456789abcdef0123456789abcdef",
                            .origin = "floats.txt", .title = "أرقام", .text = text, .len = strlen(text),
                            .rows = &rows};
        int64_t id = 0;
        bool already = false;
        assert_int_equal(rasd_store_begin(st, &err), RASD_OK);
        if (rasd_store_put(st, &d, &id, &already, &err) != RASD_OK) fail_msg("%s", err.message);
        assert_int_equal(rasd_store_commit(st, &err), RASD_OK);
        if (rasd_query_article(st, id, &answers[b], &err) != RASD_OK) fail_msg("%s", err.message);
        rasd_store_close(st);
    }
    if (answers[0].len != answers[1].len || memcmp(answers[0].data, answers[1].data, answers[0].len) != 0)
        report_difference("floats", &answers[0], &answers[1]);
    /* SQLite's forms, so that the comparison is of something */
    const char *forms[] = {"\"value\":1500000.0", "\"value\":0.3,", "\"value\":1.0e-07", "\"value\":1.0e+20",
                           "\"value\":1.0e+15", "\"value\":0.0001,", "\"value\":-2.5e-05", "\"value\":1.0e-300",
                           "\"value\":0.00012345,", "\"lat\":36.0,", "\"value\":1.79769313486232e+308"};
    rasd_buf_putc(&answers[0], '\0');
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (!strstr(answers[0].data, forms[i])) fail_msg("no %s in %s", forms[i], answers[0].data);
    rasd_buf_free(&answers[0]);
    rasd_buf_free(&answers[1]);
    for (size_t i = 0; i < N; i++) free((char *)places[i].id);
    free(url);
}

static int setup(void **state) {
    if (cli_make_tmpdir() != 0) return -1;
    if (setup_analyzer(state) != 0) return -1;
    rasd_error err = {0};
    rasd_knowledge_options kopt = {NULL, NULL};
    kn = rasd_knowledge_load(&kopt, &err);
    if (!kn) fprintf(stderr, "knowledge: %s\n", err.message);
    return kn ? 0 : -1;
}

static int teardown(void **state) {
    rasd_knowledge_destroy(kn);
    if (cli_remove_tmpdir() != 0) return -1;
    return teardown_analyzer(state);
}

int main(void) {
    if (!getenv("RASD_TEST_PG") || !*getenv("RASD_TEST_PG")) {
        fprintf(stderr, "SKIP: RASD_TEST_PG is not set (run under tests/pg_harness.sh): no PostgreSQL to compare\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_float_forms),
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_corpus_day),
    };
    return cmocka_run_group_tests_name("queries on SQLite and PostgreSQL", tests, setup, teardown);
}
