/*
 * test_conventions.c: what docs/cli.md promises of every command, checked
 * from the outside: every command of `rasd --help`'s table has a --help
 * that exits 0 and states its exit statuses and an example, with no C
 * identifier in it; every list prints one JSON document with --json
 * (total, limit, offset, items), one object per line with --jsonl, CSV
 * whose header is the JSON's field names with --csv, pages with --limit
 * and --offset, says which rows it shows, and goes past the store's page
 * of 500 when asked; the exit statuses 0 found, 1 none, 2 usage or no
 * database. The store is built from examples/ (the README's tour files).
 */
#define TEST_TMPDIR "/tmp/rasd-conv-XXXXXX"
#include "cli_run.h"

#include <jansson.h>

static char db[600];

#define expect_status(call, want)                                                                                  \
    do {                                                                                                           \
        int got_ = (call);                                                                                         \
        if (got_ != (want)) fail_msg("exit status %d, expected %d; stderr:\n%s", got_, (want), err_buf);            \
    } while (0)

static int setup(void **state) {
    (void)state;
    if (cli_make_tmpdir() != 0) return -1;
    snprintf(db, sizeof db, "%s/news.db", tmpdir);
    const char *ingest[] = {"rasd", "ingest", "--quiet", "--db", db, RASD_SOURCE_DIR "/examples", NULL};
    if (run(ingest) != 0) {
        fprintf(stderr, "ingest of examples/ failed:\n%s", err_buf);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    return cli_remove_tmpdir();
}

/* ------------------------------------------------------------------ help */

static void test_help_of_every_command(void **state) {
    (void)state;
    const char *top[] = {"rasd", "--help", NULL};
    expect_status(run(top), 0);
    char *table = strdup(out_buf);
    size_t n = 0;
    for (char *line = strtok(table, "\n"); line; line = strtok(NULL, "\n")) {
        char name[32];
        /* the command table: two spaces, a name, spaces, its summary */
        if (strncmp(line, "  ", 2) != 0 || sscanf(line + 2, "%31s", name) != 1) continue;
        n++;
        const char *help[] = {"rasd", name, "--help", NULL};
        expect_status(run(help), 0);
        if (!strstr(out_buf, "Exit status")) fail_msg("rasd %s --help states no exit status:\n%s", name, out_buf);
        if (!strstr(out_buf, "Example")) fail_msg("rasd %s --help gives no example:\n%s", name, out_buf);
        if (strncmp(out_buf, "usage: rasd ", 12) != 0) fail_msg("rasd %s --help: no usage line first", name);
        /* no C identifier (ner_cli_tagged, rasd_query_...) */
        if (strstr(out_buf, "_cli_") || strstr(out_buf, "rasd_") || strstr(out_buf, "(null)"))
            fail_msg("rasd %s --help prints an identifier of the code:\n%s", name, out_buf);
        /* it ends on a whole line, the last an example command */
        size_t len = strlen(out_buf);
        assert_true(len > 1 && out_buf[len - 1] == '\n');
        const char *last = out_buf + len - 1;
        while (last > out_buf && last[-1] != '\n') last--;
        if (strncmp(last, "  rasd ", 7) != 0) fail_msg("rasd %s --help does not end on an example: \"%s\"", name, last);
    }
    free(table);
    assert_true(n >= 20);
}

/* ---------------------------------------------------------------- lists */

/* The list commands, each with an argument that finds something in the
 * examples' store. */
typedef struct list_cmd {
    const char *args[4];
} list_cmd;

static const list_cmd LISTS[] = {
    {{"stories", NULL}},        {{"events", NULL}}, {{"quotes", NULL}}, {{"outlets", NULL}},
    {{"actors", "--top", NULL}}, {{"search", "الفرات", NULL}},
};

static int run_list(const list_cmd *l, const char *const *more) {
    const char *argv[24];
    size_t n = 0;
    argv[n++] = "rasd";
    argv[n++] = l->args[0];
    argv[n++] = "--db";
    argv[n++] = db;
    for (size_t i = 1; i < 4 && l->args[i]; i++) argv[n++] = l->args[i];
    for (size_t i = 0; more && more[i]; i++) argv[n++] = more[i];
    argv[n] = NULL;
    return run(argv);
}

/* The first CSV record's fields (no quoted line breaks in a header). */
static json_t *csv_header(const char *csv) {
    json_t *fields = json_array();
    const char *end = strstr(csv, "\r\n");
    assert_non_null(end);
    for (const char *p = csv; p <= end;) {
        size_t n = strcspn(p, ",\r");
        json_array_append_new(fields, json_stringn(p, n));
        p += n + 1;
        if (p[-1] == '\r') break;
    }
    return fields;
}

static void test_every_list_has_the_same_formats(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof LISTS / sizeof LISTS[0]; i++) {
        const list_cmd *l = &LISTS[i];
        const char *json[] = {"--json", NULL};
        expect_status(run_list(l, json), 0);
        json_error_t jerr;
        json_t *doc = json_loads(out_buf, 0, &jerr); /* one document: loads rejects anything after it */
        if (!doc) fail_msg("rasd %s --json is not one JSON document: %s\n%s", l->args[0], jerr.text, out_buf);
        json_t *items = json_object_get(doc, "items");
        assert_true(json_is_array(items) && json_array_size(items) > 0);
        assert_true(json_is_integer(json_object_get(doc, "total")));
        assert_int_equal(json_integer_value(json_object_get(doc, "limit")), 20);
        assert_int_equal(json_integer_value(json_object_get(doc, "offset")), 0);
        size_t n_items = json_array_size(items);

        const char *jsonl[] = {"--jsonl", NULL};
        expect_status(run_list(l, jsonl), 0);
        size_t lines = 0;
        for (char *line = strtok(out_buf, "\n"); line; line = strtok(NULL, "\n"), lines++) {
            json_t *o = json_loads(line, 0, &jerr);
            if (!json_is_object(o)) fail_msg("rasd %s --jsonl: line %zu is no object: %s", l->args[0], lines + 1, line);
            json_decref(o);
        }
        assert_int_equal(lines, n_items);
        assert_non_null(strstr(err_buf, "showing 1-"));

        /* CSV names its fields as the JSON does, every field a value */
        const char *csv[] = {"--csv", NULL};
        expect_status(run_list(l, csv), 0);
        json_t *header = csv_header(out_buf), *f;
        size_t k;
        json_t *first = json_array_get(items, 0);
        json_array_foreach(header, k, f) {
            if (!json_object_get(first, json_string_value(f)))
                fail_msg("rasd %s --csv: column \"%s\" is no field of the JSON", l->args[0], json_string_value(f));
        }
        assert_true(json_array_size(header) >= 3);
        json_decref(header);
        json_decref(doc);

        /* one format at a time */
        const char *two[] = {"--json", "--csv", NULL};
        expect_status(run_list(l, two), 2);
    }
    /* the first and last dates of a story: the same names in CSV as in JSON */
    const char *stories[] = {"rasd", "stories", "--db", db, "--csv", NULL};
    expect_status(run(stories), 0);
    assert_non_null(strstr(out_buf, "first_seen"));
    assert_non_null(strstr(out_buf, "last_seen"));
    assert_null(strstr(out_buf, "first,"));
}

/* rasd lookup: a list of answers, one per phrase, in the same shapes. */
static void test_lookup_formats(void **state) {
    (void)state;
    const char *json[] = {"rasd", "lookup", "--json", "قالت قسد في بيان", "مدينة الرقة", NULL};
    expect_status(run(json), 0);
    json_t *doc = json_loads(out_buf, 0, NULL);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), 2);
    json_t *first = json_array_get(json_object_get(doc, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(first, "actors"), 0), "id")),
                        "sdf");
    json_decref(doc);
    const char *jsonl[] = {"rasd", "lookup", "--jsonl", "قالت قسد في بيان", "مدينة الرقة", NULL};
    expect_status(run(jsonl), 0);
    size_t lines = 0;
    for (char *line = strtok(out_buf, "\n"); line; line = strtok(NULL, "\n"), lines++) {
        json_t *o = json_loads(line, 0, NULL);
        assert_true(json_is_object(o));
        json_decref(o);
    }
    assert_int_equal(lines, 2);
    const char *both[] = {"rasd", "lookup", "--json", "--jsonl", "قسد", NULL};
    expect_status(run(both), 2);
}

static void test_limit_offset_total(void **state) {
    (void)state;
    const char *all[] = {"rasd", "events", "--db", db, "--json", NULL};
    expect_status(run(all), 0);
    json_t *doc = json_loads(out_buf, 0, NULL);
    long long total = json_integer_value(json_object_get(doc, "total"));
    json_decref(doc);
    assert_true(total >= 4);
    char want[64];
    const char *page[] = {"rasd", "events", "--db", db, "--limit", "2", "--offset", "2", NULL};
    expect_status(run(page), 0);
    snprintf(want, sizeof want, "showing 3-4 of %lld events", total);
    if (!strstr(err_buf, want)) fail_msg("expected \"%s\" on stderr, got:\n%s", want, err_buf);
    const char *page_json[] = {"rasd", "events", "--db", db, "--limit", "2", "--offset", "2", "--json", NULL};
    expect_status(run(page_json), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "items")), 2);
    assert_int_equal(json_integer_value(json_object_get(doc, "limit")), 2);
    assert_int_equal(json_integer_value(json_object_get(doc, "offset")), 2);
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), total);
    json_decref(doc);
    /* all of them, from the store: the limit says the total, not the page size */
    const char *every_event[] = {"rasd", "events", "--db", db, "--limit", "all", "--json", NULL};
    expect_status(run(every_event), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "items")), total);
    assert_int_equal(json_integer_value(json_object_get(doc, "limit")), total);
    json_decref(doc);
    /* past the end: nothing on this page, exit 1, and the total said */
    const char *past[] = {"rasd", "events", "--db", db, "--offset", "1000", NULL};
    expect_status(run(past), 1);
    assert_non_null(strstr(err_buf, "showing none of"));
    /* the default limit is said when there are more rows */
    const char *kb[] = {"rasd", "actors", NULL};
    expect_status(run(kb), 0);
    assert_non_null(strstr(err_buf, "showing 1-20 of "));
    assert_non_null(strstr(err_buf, "default limit"));
    /* and a list goes past 500 when asked: the knowledge base has more */
    const char *big[] = {"rasd", "actors", "--limit", "600", "--jsonl", NULL};
    expect_status(run(big), 0);
    size_t lines = 0;
    for (const char *p = out_buf; (p = strchr(p, '\n')); p++) lines++;
    assert_int_equal(lines, 600);
    const char *every[] = {"rasd", "actors", "--limit", "all", "--json", NULL};
    expect_status(run(every), 0);
    doc = json_loads(out_buf, 0, NULL);
    assert_true(json_array_size(json_object_get(doc, "items")) > 600);
    assert_int_equal(json_array_size(json_object_get(doc, "items")), json_integer_value(json_object_get(doc, "total")));
    json_decref(doc);
    const char *bad[] = {"rasd", "stories", "--db", db, "--limit", "ten", NULL};
    expect_status(run(bad), 2);
}

/* An article whose outlet is unknown: null in every JSON answer, an empty
 * cell in CSV, and no facet (an empty outlet filters nothing, so a facet
 * for it could not be clicked). */
static void test_unknown_outlet(void **state) {
    (void)state;
    char dir[700], file[760], nodb[700];
    snprintf(dir, sizeof dir, "%s/no-outlet", tmpdir);
    snprintf(file, sizeof file, "%s/a.txt", dir);
    snprintf(nodb, sizeof nodb, "%s/no-outlet.db", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("افتتاح سوق شعبية في القامشلي\n\nافتتح المجلس المحلي في القامشلي سوقاً شعبية جديدة للخضار، "
          "وقال أحد الباعة إن الأسعار فيها أقل من غيرها.\n", f);
    fclose(f);
    const char *ingest[] = {"rasd", "ingest", "--quiet", "--db", nodb, file, NULL};
    expect_status(run(ingest), 0);
    const char *stories[] = {"rasd", "stories", "--db", nodb, "--json", NULL};
    expect_status(run(stories), 0);
    assert_non_null(strstr(out_buf, "\"outlets\":[null]"));
    const char *story[] = {"rasd", "story", "1", "--db", nodb, "--json", NULL};
    expect_status(run(story), 0);
    assert_non_null(strstr(out_buf, "\"outlet\":null"));
    assert_null(strstr(out_buf, "\"outlet\":\"\""));
    const char *outlets[] = {"rasd", "outlets", "--db", nodb, "--json", NULL};
    expect_status(run(outlets), 0);
    assert_non_null(strstr(out_buf, "\"outlet\":null"));
    const char *csv[] = {"rasd", "outlets", "--db", nodb, "--csv", NULL};
    expect_status(run(csv), 0);
    assert_non_null(strstr(out_buf, "\r\n,1,")); /* the empty cell */
    const char *search[] = {"rasd", "search", "--db", nodb, "--json", "القامشلي", NULL};
    expect_status(run(search), 0);
    json_t *doc = json_loads(out_buf, 0, NULL);
    assert_true(json_is_null(json_object_get(json_array_get(json_object_get(doc, "items"), 0), "source")));
    assert_int_equal(json_array_size(json_object_get(json_object_get(doc, "facets"), "outlets")), 0);
    json_decref(doc);
}

/* A list longer than the store's page of 500: asked page by page, every
 * row once. 560 made-up reports of water projects, each different. */
static void test_past_the_store_page(void **state) {
    (void)state;
    static const char *const TOWNS[] = {"الحسكة", "الرقة", "القامشلي", "منبج", "عامودا", "الطبقة", "دير الزور"};
    static const char *const WHAT[] = {"بئراً", "خزاناً", "شبكة أنابيب", "محطة ضخ", "قناة ري"};
    char path[700], bigdb[700];
    snprintf(path, sizeof path, "%s/many.jsonl", tmpdir);
    snprintf(bigdb, sizeof bigdb, "%s/many.db", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 560; i++)
        fprintf(f, "{\"title\": \"مشروع مياه رقم %d في %s\", \"content\": \"أنجزت البلدية مشروع المياه رقم %d، "
                   "وهو %s يخدم %d عائلة في %s، بكلفة %d ألف دولار خلال %d يوماً.\", \"source\": \"نشرة %d\", "
                   "\"date\": \"2024-%02d-%02d\"}\n",
                i, TOWNS[i % 7], i, WHAT[i % 5], 100 + i * 7, TOWNS[(i / 7) % 7], 10 + i, 3 + i % 40, i % 9,
                1 + i % 12, 1 + i % 28);
    fclose(f);
    const char *ingest[] = {"rasd", "ingest", "--quiet", "--db", bigdb, path, NULL};
    expect_status(run(ingest), 0);
    const char *search[] = {"rasd", "search", "--db", bigdb, "--limit", "600", "--json", "المياه", NULL};
    expect_status(run(search), 0);
    json_t *doc = json_loads(out_buf, 0, NULL);
    assert_non_null(doc);
    json_t *items = json_object_get(doc, "items");
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), 560);
    assert_int_equal(json_array_size(items), 560);
    assert_int_equal(json_integer_value(json_object_get(doc, "limit")), 600);
    /* every article once: the pages neither overlap nor leave a gap */
    static bool seen[2000];
    size_t i;
    json_t *hit;
    json_array_foreach(items, i, hit) {
        long long id = json_integer_value(json_object_get(hit, "id"));
        assert_true(id >= 1 && id < 2000);
        assert_false(seen[id]);
        seen[id] = true;
    }
    json_decref(doc);
    const char *outlets[] = {"rasd", "outlets", "--db", bigdb, "--limit", "all", "--csv", NULL};
    expect_status(run(outlets), 0);
    assert_non_null(strstr(err_buf, "showing 1-9 of 9 outlets"));
    const char *stories[] = {"rasd", "stories", "--db", bigdb, "--limit", "all", "--jsonl", NULL};
    expect_status(run(stories), 0);
    size_t lines = 0;
    for (const char *p = out_buf; (p = strchr(p, '\n')); p++) lines++;
    char want[80];
    snprintf(want, sizeof want, "showing 1-%zu of %zu stories", lines, lines);
    if (!strstr(err_buf, want)) fail_msg("expected \"%s\", got:\n%s", want, err_buf);
}

static void test_exit_statuses(void **state) {
    (void)state;
    char absent[700];
    snprintf(absent, sizeof absent, "%s/absent.db", tmpdir);
    for (size_t i = 0; i < sizeof LISTS / sizeof LISTS[0]; i++) {
        const list_cmd *l = &LISTS[i];
        const char *argv[8] = {"rasd", l->args[0], "--db", absent, l->args[1], NULL};
        expect_status(run(argv), 2); /* no database */
        assert_int_equal(access(absent, F_OK), -1);
        const char *unknown[] = {"--no-such-option", NULL};
        expect_status(run_list(l, unknown), 2);
    }
    const char *none[] = {"rasd", "search", "--db", db, "برلمان", NULL};
    expect_status(run(none), 1);
    const char *story_none[] = {"rasd", "story", "9999", "--db", db, NULL};
    expect_status(run(story_none), 1);
    const char *events_none[] = {"rasd", "events", "--db", db, "--since", "2030-01-01", NULL};
    expect_status(run(events_none), 1);
    assert_non_null(strstr(err_buf, "no events found"));
    const char *story_json[] = {"rasd", "story", "1", "--db", db, "--jsonl", NULL};
    expect_status(run(story_json), 0);
    /* one record: --jsonl is its document on one line */
    char *nl = strchr(out_buf, '\n');
    assert_non_null(nl);
    assert_int_equal(nl[1], '\0');
    json_t *story = json_loads(out_buf, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(story, "id")), 1);
    json_decref(story);
    /* an option a command would ignore is refused */
    const char *story_limit[] = {"rasd", "story", "1", "--db", db, "--limit", "5", NULL};
    expect_status(run(story_limit), 2);
    const char *outlets_outlet[] = {"rasd", "outlets", "--db", db, "--outlet", "x", NULL};
    expect_status(run(outlets_outlet), 2);
    const char *export_nodb[] = {"rasd", "export", "--db", absent, NULL};
    expect_status(run(export_nodb), 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_of_every_command),
        cmocka_unit_test(test_every_list_has_the_same_formats),
        cmocka_unit_test(test_lookup_formats),
        cmocka_unit_test(test_limit_offset_total),
        cmocka_unit_test(test_past_the_store_page),
        cmocka_unit_test(test_unknown_outlet),
        cmocka_unit_test(test_exit_statuses),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
