/*
 * test_export.c: issue 15's first two items. Text as the reader sees it:
 * HTML character references decoded (charref.c) in scraped JSON records
 * before analysis, so the store holds the characters and its offsets
 * point into them. The event table: `rasd export --format events-csv`
 * loads in Python's csv module with one header, the same column count on
 * every row and as many rows as the events table; events-jsonl and
 * quotes-csv likewise; the CAMEO names and the stored detail of events
 * (cameo.c, event_detail.c); options that would be ignored are refused.
 */
#define TEST_TMPDIR "/tmp/rasd-export-XXXXXX"
#include "cli_run.h"

#include "corpus/charref.h"
#include "knowledge/cameo.h"
#include "storage/event_detail.h"

#include <sqlite3.h>

/* ------------------------------------------------------ character references */

static char *decode(const char *s) {
    char *out = NULL;
    size_t len = 0;
    bool changed = false;
    assert_true(rasd_charref_decode(s, strlen(s), &out, &len, &changed));
    assert_int_equal(strlen(out), len);
    return out;
}

static void expect_decoded(const char *in, const char *want) {
    char *got = decode(in);
    if (strcmp(got, want) != 0) fail_msg("\"%s\" decoded to \"%s\", expected \"%s\"", in, got, want);
    free(got);
}

static void test_charref_decode(void **state) {
    (void)state;
    /* named, with their ';' */
    expect_decoded("&quot;الهلال&quot; يفوز", "\"الهلال\" يفوز");
    expect_decoded("أ&amp;ب", "أ&ب");
    expect_decoded("&lt;b&gt;", "<b>");
    expect_decoded("قال:&nbsp;نعم", "قال:\xc2\xa0نعم");
    expect_decoded("&laquo;نص&raquo;", "\xc2\xabنص\xc2\xbb");
    expect_decoded("&hellip;&rlm;", "\xe2\x80\xa6\xe2\x80\x8f");
    /* numeric, decimal and hexadecimal, ';' optional */
    expect_decoded("&#39;&#x27;&#X27;", "'''");
    expect_decoded("&#1605;&#x0633;", "مس");
    expect_decoded("&#39 x", "' x");
    /* HTML 5's names beyond HTML 4's */
    expect_decoded("&apos;&NotEqualTilde;", "'\xe2\x89\x82\xcc\xb8");
    /* browsers read 128-159 as Windows-1252; no character becomes U+FFFD */
    expect_decoded("&#150;&#151;", "\xe2\x80\x93\xe2\x80\x94");
    expect_decoded("&#0;&#xD800;&#1114112;&#8;", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    /* escaped twice: once more */
    expect_decoded("&amp;quot;سبق&amp;quot;", "\"سبق\"");
    /* not references: as written */
    expect_decoded("AT&T & Co", "AT&T & Co");
    expect_decoded("&copyright &foo; &;", "&copyright &foo; &;");
    expect_decoded("&#; &#x; &", "&#; &#x; &");
    /* a legacy name without ';' only before a non-alphanumeric */
    expect_decoded("&amp x &ampx", "& x &ampx");

    char *out = NULL;
    size_t len = 0;
    bool changed = true;
    assert_true(rasd_charref_decode("بلا مراجع", strlen("بلا مراجع"), &out, &len, &changed));
    assert_false(changed);
    assert_string_equal(out, "بلا مراجع");
    free(out);
}

static void test_article_decoded_in_place(void **state) {
    (void)state;
    rasd_article a = {0};
    a.title = strdup("&quot;عاجل&quot;");
    a.text = strdup("نص &amp; نص");
    a.len = strlen(a.text);
    assert_true(rasd_article_decode_charrefs(&a));
    assert_string_equal(a.title, "\"عاجل\"");
    assert_string_equal(a.text, "نص & نص");
    assert_int_equal(a.len, strlen(a.text));
    rasd_article_clear(&a);
}

/* ------------------------------------------------------------ CAMEO names */

static void test_cameo_labels(void **state) {
    (void)state;
    assert_string_equal(rasd_cameo_label("1823"), "Kill by physical assault");
    assert_string_equal(rasd_cameo_label("0841"), "Return, release person(s)");
    assert_string_equal(rasd_cameo_label("19"), "Fight");
    assert_string_equal(rasd_cameo_root_label("195"), "Fight");
    assert_string_equal(rasd_cameo_root_label("0256"), "Appeal");
    assert_null(rasd_cameo_label("999"));
    assert_null(rasd_cameo_label(NULL));
    assert_null(rasd_cameo_root_label("1"));
    /* every code the trigger table gives has its name */
    FILE *f = fopen(RASD_SOURCE_DIR "/data/events/triggers.tsv", "r");
    assert_non_null(f);
    char line[8192];
    size_t codes = 0;
    bool header = true;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        char *p = line;
        for (int col = 0; col < 4 && p; col++) p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
        if (!p) continue;
        char code[8] = "";
        size_t n = strcspn(p, "\t\n");
        if (n == 0 || n >= sizeof code) continue;
        memcpy(code, p, n);
        if (!rasd_cameo_label(code)) fail_msg("CAMEO code %s of triggers.tsv has no name", code);
        codes++;
    }
    fclose(f);
    assert_true(codes > 100);
}

/* -------------------------------------------------------------- the detail */

static void test_event_detail(void **state) {
    (void)state;
    static const char EVENT[] =
        "{\"trigger\":{\"text\":\"قصف\",\"lemma\":\"قصف\",\"span\":[10,16],\"cue\":\"مدفعية|صواريخ\"},\"sentence\":0,"
        "\"sentence_span\":[0,80],\"cameo\":\"194\",\"root\":\"19\",\"quad_class\":4,\"goldstein\":-10.0,"
        "\"plover_type\":\"ASSAULT\",\"plover_mode\":\"bombing\",\"acled\":\"Explosions/Remote violence\","
        "\"confidence\":0.8,\"source\":[{\"entity\":\"tur-mil\",\"agent\":null,\"name_ar\":\"الجيش التركي\","
        "\"name_en\":\"Turkish Armed Forces\",\"type\":\"military\",\"affiliation\":null,\"parent\":\"tur-gov\","
        "\"code\":\"TURMIL\",\"country\":\"TUR\",\"text\":\"الجيش التركي\",\"span\":[20,43],\"rule\":\"subject\"}],"
        "\"target\":[],\"negated\":false,\"place\":{\"id\":\"gn:1\",\"name_ar\":\"منبج\",\"lat\":36.5,\"lon\":37.9,"
        "\"from_dateline\":false},\"date\":{\"value\":\"2024-01-02\",\"granularity\":\"day\",\"from_publication\":true},"
        "\"magnitudes\":{\"killed\":3.0,\"wounded\":null,\"arrested\":null,\"money\":null,\"currency\":null}}";
    char *d = rasd_event_detail(EVENT, sizeof EVENT - 1);
    assert_non_null(d);
    /* what no column holds, under the line's names */
    assert_non_null(strstr(d, "\"name_en\":\"Turkish Armed Forces\""));
    assert_non_null(strstr(d, "\"code\":\"TURMIL\""));
    assert_non_null(strstr(d, "\"plover_mode\":\"bombing\""));
    assert_non_null(strstr(d, "\"killed\":3"));
    assert_non_null(strstr(d, "\"sentence_span\":[0,80]"));
    assert_non_null(strstr(d, "\"lat\":36.5"));
    /* what the columns hold, nulls and the trigger's cue list are left out */
    assert_null(strstr(d, "cue"));
    assert_null(strstr(d, "\"cameo\""));
    assert_null(strstr(d, "null"));
    assert_null(strstr(d, "\"rule\""));
    free(d);
    assert_null(rasd_event_detail("[1]", 3));
}

/* ------------------------------------------------------- the command line */

static char db[600];

static int64_t scalar(const char *sql) {
    sqlite3 *h;
    int64_t v = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(h);
    return v;
}

static char *text_of(const char *sql) {
    sqlite3 *h;
    char *v = NULL;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
                v = strdup((const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(h);
    return v;
}

/* Records written the way scrapers write them: the pages' references
 * left in titles and bodies (sentences written for this test). */
static const char SCRAPED[] =
    "{\"title\": \"&quot;الدفاع المدني&quot; يخمد حريقاً في مستودع بجدة\", \"content\": \"أخمدت فرق الدفاع المدني "
    "&quot;حريقاً كبيراً&quot; اندلع في مستودع للأخشاب جنوب جدة، وقال المتحدث باسم الدفاع المدني إن &#39;الحريق "
    "لم يسفر عن إصابات&#39;.\", \"source\": \"صحيفة تجريبية\", \"date\": \"2015-07-21\", \"url\": \"https://t.example/1\"}\n"
    "{\"title\": \"اشتباكات في ريف إدلب &amp; قصف على حماة\", \"content\": \"اندلعت اشتباكات عنيفة بين فصائل "
    "المعارضة وقوات النظام في ريف إدلب الجنوبي، فيما قصفت طائرات حربية بلدات في ريف حماة&nbsp;الشمالي وقتلت "
    "خمسة مدنيين.\", \"source\": \"صحيفة تجريبية\", \"date\": \"2015-07-22\", \"url\": \"https://t.example/2\"}\n";

static int setup_store(void **state) {
    (void)state;
    if (cli_make_tmpdir() != 0) return -1;
    snprintf(db, sizeof db, "%s/t.db", tmpdir);
    char in[700];
    snprintf(in, sizeof in, "%s/scraped.jsonl", tmpdir);
    FILE *f = fopen(in, "wb");
    if (!f) return -1;
    fputs(SCRAPED, f);
    fclose(f);
    /* the repository's examples and the records above, in one store */
    const char *argv[] = {RASD_BIN, "ingest", "--db", db, "--quiet", RASD_SOURCE_DIR "/examples", in, NULL};
    int rc = run(argv);
    if (rc != 0) fprintf(stderr, "ingest: %d: %s\n", rc, err_buf);
    return rc == 0 ? 0 : -1;
}

static int teardown_store(void **state) {
    (void)state;
    return cli_remove_tmpdir();
}

static void test_store_holds_decoded_text(void **state) {
    (void)state;
    assert_int_equal(scalar("SELECT count(*) FROM documents WHERE url LIKE 'https://t.example/%'"), 2);
    assert_int_equal(scalar("SELECT count(*) FROM documents WHERE title LIKE '%&quot;%' OR text LIKE '%&quot;%' "
                            "OR text LIKE '%&#39;%' OR title LIKE '%&amp;%' OR text LIKE '%&nbsp;%'"),
                     0);
    char *title = text_of("SELECT title FROM documents WHERE url = 'https://t.example/1'");
    assert_non_null(title);
    assert_string_equal(title, "\"الدفاع المدني\" يخمد حريقاً في مستودع بجدة");
    free(title);
    /* the markup word is no word of the index */
    const char *search[] = {RASD_BIN, "search", "--db", db, "--json", "quot", NULL};
    run(search);
    FILE *f = fopen(out_path, "r");
    char buf[4096];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = '\0';
    if (f) fclose(f);
    assert_null(strstr(buf, "t.example"));
    /* offsets point into the stored text: every quote's span is its text */
    assert_int_equal(scalar("SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc WHERE q.span_start IS "
                            "NOT NULL AND CAST(substr(CAST(d.text AS BLOB), q.span_start + 1, q.span_end - "
                            "q.span_start) AS TEXT) <> q.text"),
                     0);
}

/* Python's csv module on the file: header, column counts, rows; the line
 * it prints. */
static void python_csv(const char *path, char *line, size_t cap) {
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import csv,sys\n"
             "rows = list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\")))\n"
             "print(len(rows) - 1, len(set(len(r) for r in rows)), len(rows[0]), rows[0][0])' '%s'",
             path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    line[0] = '\0';
    if (!fgets(line, (int)cap, p)) line[0] = '\0';
    assert_int_equal(pclose(p), 0);
}

static void test_events_csv_is_the_events_table(void **state) {
    (void)state;
    const char *argv[] = {RASD_BIN, "export", "--db", db, "--format", "events-csv", NULL};
    assert_int_equal(run(argv), 0);
    int64_t events = scalar("SELECT count(*) FROM events");
    assert_true(events > 3);
    char line[200], want[200];
    python_csv(out_path, line, sizeof line);
    /* rows = events; one column count on every row (the header's too) */
    snprintf(want, sizeof want, "%lld 1 55 doc_id\n", (long long)events);
    assert_string_equal(line, want);
    /* a fight in the records above, with its meaning, names and sentence */
    FILE *f = fopen(out_path, "r");
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_non_null(strstr(buf, ",Fight,"));
    assert_non_null(strstr(buf, "https://t.example/2"));
    assert_non_null(strstr(buf, "اندلعت اشتباكات عنيفة بين فصائل المعارضة"));
    assert_null(strstr(buf, "&nbsp;"));

    /* the same rows as JSON Lines */
    const char *jsonl[] = {RASD_BIN, "export", "--db", db, "--format", "events-jsonl", NULL};
    assert_int_equal(run(jsonl), 0);
    f = fopen(out_path, "r");
    int64_t lines = 0;
    while (fgets(buf, sizeof buf, f)) {
        assert_non_null(strstr(buf, "\"cameo_label\":"));
        lines++;
    }
    fclose(f);
    assert_int_equal(lines, events);

    /* filters: a CAMEO prefix */
    const char *fights[] = {RASD_BIN, "export", "--db", db, "--format", "events-csv", "--cameo", "19", NULL};
    assert_int_equal(run(fights), 0);
    python_csv(out_path, line, sizeof line);
    snprintf(want, sizeof want, "%lld 1 55 doc_id\n",
             (long long)scalar("SELECT count(*) FROM events WHERE cameo LIKE '19%'"));
    assert_string_equal(line, want);
}

static void test_quotes_csv(void **state) {
    (void)state;
    const char *argv[] = {RASD_BIN, "export", "--db", db, "--format", "quotes-csv", NULL};
    assert_int_equal(run(argv), 0);
    char line[200], want[200];
    python_csv(out_path, line, sizeof line);
    snprintf(want, sizeof want, "%lld 1 13 doc_id\n", (long long)scalar("SELECT count(*) FROM quotes"));
    assert_string_equal(line, want);
}

static void test_export_options_not_ignored(void **state) {
    (void)state;
    /* --csv is the article CSV */
    const char *csv[] = {RASD_BIN, "export", "--db", db, "--csv", NULL};
    assert_int_equal(run(csv), 0);
    char line[200];
    python_csv(out_path, line, sizeof line);
    char want[100];
    snprintf(want, sizeof want, "%lld 1 12 id\n", (long long)scalar("SELECT count(*) FROM documents"));
    assert_string_equal(line, want);
    /* refused, exit 2, with the reason */
    const char *json[] = {RASD_BIN, "export", "--db", db, "--json", NULL};
    assert_int_equal(run(json), 2);
    assert_non_null(strstr(err_buf, "--json"));
    const char *two[] = {RASD_BIN, "export", "--db", db, "--csv", "--format", "events-csv", NULL};
    assert_int_equal(run(two), 2);
    const char *bad[] = {RASD_BIN, "export", "--db", db, "--format", "events-tsv", NULL};
    assert_int_equal(run(bad), 2);
    assert_non_null(strstr(err_buf, "events-csv"));
    const char *misfit[] = {RASD_BIN, "export", "--db", db, "--cameo", "19", NULL};
    assert_int_equal(run(misfit), 2);
    const char *paged[] = {RASD_BIN, "export", "--db", db, "--format", "events-csv", "--limit", "3", NULL};
    assert_int_equal(run(paged), 2);
}

/* A store from before the decoding (its texts hold references: a plain
 * text file keeps them as written, as the JSON reader once did) made
 * right by `rasd repair`: texts decoded, analysis and stories again,
 * provenance kept, the old file beside it. */
static void test_repair(void **state) {
    (void)state;
    char dir[300], in[400], old[800];
    snprintf(dir, sizeof dir, "%s/old", tmpdir);
    mkdir(dir, 0700);
    snprintf(in, sizeof in, "%s/fire.txt", dir);
    FILE *f = fopen(in, "wb");
    assert_non_null(f);
    fputs("&quot;الدفاع المدني&quot; يخمد حريقاً في جدة\nأخمدت فرق الدفاع المدني &quot;حريقاً كبيراً&quot; "
          "اندلع في مستودع جنوب جدة، وقال المتحدث باسم الدفاع المدني إن الحريق لم يسفر عن إصابات.\n",
          f);
    fclose(f);
    char saved[sizeof db];
    snprintf(saved, sizeof saved, "%s", db);
    snprintf(db, sizeof db, "%s/old.db", dir);
    const char *ingest[] = {RASD_BIN, "ingest", "--db", db, "--quiet", in, NULL};
    assert_int_equal(run(ingest), 0);
    assert_int_equal(scalar("SELECT count(*) FROM documents WHERE title LIKE '%&quot;%'"), 1);
    char *origin = text_of("SELECT origin FROM documents");

    const char *check[] = {RASD_BIN, "repair", "--db", db, "--check", NULL};
    assert_int_equal(run(check), 1);
    assert_non_null(strstr(err_buf, "1 with HTML character references"));
    const char *repair[] = {RASD_BIN, "repair", "--db", db, "--jobs", "1", NULL};
    assert_int_equal(run(repair), 0);
    assert_int_equal(scalar("SELECT count(*) FROM documents"), 1);
    assert_int_equal(scalar("SELECT count(*) FROM documents WHERE title LIKE '%&quot;%' OR text LIKE '%&quot;%'"), 0);
    char *title = text_of("SELECT title FROM documents");
    assert_string_equal(title, "\"الدفاع المدني\" يخمد حريقاً في جدة");
    free(title);
    char *now = text_of("SELECT origin FROM documents");
    assert_string_equal(now, origin); /* provenance kept */
    free(now), free(origin);
    assert_int_equal(scalar("SELECT count(*) FROM events WHERE detail IS NULL"), 0);
    snprintf(old, sizeof old, "%s.before-repair", db);
    assert_int_equal(access(old, F_OK), 0);
    /* nothing left to do */
    assert_int_equal(run(check), 0);
    assert_non_null(strstr(err_buf, "nothing to repair"));
    const char *missing[] = {RASD_BIN, "repair", "--db", "/nonexistent/x.db", NULL};
    assert_int_equal(run(missing), 2);
    snprintf(db, sizeof db, "%s", saved);
}

int main(void) {
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_charref_decode),
        cmocka_unit_test(test_article_decoded_in_place),
        cmocka_unit_test(test_cameo_labels),
        cmocka_unit_test(test_event_detail),
    };
    const struct CMUnitTest cli[] = {
        cmocka_unit_test(test_store_holds_decoded_text),
        cmocka_unit_test(test_events_csv_is_the_events_table),
        cmocka_unit_test(test_quotes_csv),
        cmocka_unit_test(test_export_options_not_ignored),
        cmocka_unit_test(test_repair),
    };
    int failed = cmocka_run_group_tests_name("export units", unit, NULL, NULL);
    failed += cmocka_run_group_tests_name("export", cli, setup_store, teardown_store);
    return failed;
}
