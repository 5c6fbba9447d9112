/*
 * test_cli.c: `rasd analyze` on every kind of bad input: each case checks
 * the message on stderr (it names the file, and the byte where it matters)
 * and the exit status, and that the other inputs are still analysed.
 */
#define TEST_TMPDIR "/tmp/rasd-cli-XXXXXX"
#include "cli_run.h"

#include <stdio.h>

static const char GOOD[] = "عنوان الخبر\nقالت قوات سوريا الديمقراطية إنها صدت هجوماً.\n";

static size_t count_lines(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static void expect_failure_among_good(const char *bad, const char *message_part) {
    const char *good = write_tmp_n("good.txt", GOOD, sizeof GOOD - 1);
    const char *argv[] = {"rasd", "analyze", "--jobs", "2", good, bad, good, NULL};
    int status = run(argv);
    assert_int_equal(status, 1);
    assert_non_null(strstr(err_buf, bad));          /* names the file */
    assert_non_null(strstr(err_buf, message_part)); /* says what is wrong */
    assert_int_equal(count_lines(out_buf), 2);      /* the others still analysed */
}

static void test_missing_file(void **state) {
    (void)state;
    expect_failure_among_good("/nonexistent/article.txt", "cannot open: No such file or directory");
}

static void test_unreadable_file(void **state) {
    (void)state;
    if (geteuid() != 0) {
        const char *p = write_tmp_n("locked.txt", GOOD, sizeof GOOD - 1);
        chmod(p, 0);
        expect_failure_among_good(p, "Permission denied");
    } else {
        /* root reads any file; this one fails on read() with EIO */
        expect_failure_among_good("/proc/self/mem", "read error");
    }
}

static void test_directory(void **state) {
    (void)state;
    expect_failure_among_good(tmpdir, "is a directory");
}

static void test_binary_file(void **state) {
    (void)state;
    const char data[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00";
    const char *p = write_tmp_n("program.bin", data, sizeof data - 1);
    expect_failure_among_good(p, "binary file (NUL byte at byte 7)");
}

static void test_empty_and_blank_files(void **state) {
    (void)state;
    expect_failure_among_good(write_tmp_n("empty.txt", "", 0), "empty file");
    expect_failure_among_good(write_tmp_n("blank.txt", " \n\t\n", 4), "no text (only whitespace)");
}

static void test_not_arabic(void **state) {
    (void)state;
    const char en[] = "Coalition statement\nThe coalition called for an immediate ceasefire in the region.\n";
    expect_failure_among_good(write_tmp_n("english.txt", en, sizeof en - 1), "not Arabic text");
    /* and accepted when asked */
    const char *p = write_tmp_n("english.txt", en, sizeof en - 1);
    const char *argv[] = {"rasd", "analyze", "--allow-non-arabic", p, NULL};
    assert_int_equal(run(argv), 0);
    assert_int_equal(count_lines(out_buf), 1);
}

static void test_invalid_utf8_warns_by_default_and_fails_strict(void **state) {
    (void)state;
    const char data[] = "عنوان\nنص \xFF\xFE سليم\n";
    const char *p = write_tmp_n("broken.txt", data, sizeof data - 1);
    size_t offset = strlen("عنوان\nنص ");
    char expect[128];
    const char *argv[] = {"rasd", "analyze", p, NULL};
    assert_int_equal(run(argv), 0);
    snprintf(expect, sizeof expect, "the first at byte %zu", offset);
    assert_non_null(strstr(err_buf, "warning"));
    assert_non_null(strstr(err_buf, p));
    assert_non_null(strstr(err_buf, expect));
    assert_non_null(strstr(out_buf, "\"invalid_utf8\":2"));
    assert_non_null(strstr(out_buf, "\xEF\xBF\xBD"));

    const char *strict[] = {"rasd", "analyze", "--strict", p, NULL};
    assert_int_equal(run(strict), 1);
    snprintf(expect, sizeof expect, "invalid UTF-8 at byte %zu", offset);
    assert_non_null(strstr(err_buf, expect));
    assert_non_null(strstr(err_buf, p));
    assert_int_equal(out_len, 0);
}

static void test_50mb_single_line(void **state) {
    (void)state;
    size_t n = 50u << 20;
    char *big = malloc(n);
    for (size_t i = 0; i + 7 <= n; i += 7) memcpy(big + i, "قسد ", 7);
    memset(big + n - n % 7, ' ', n % 7);
    const char *p = write_tmp_n("big.txt", big, n);
    free(big);
    /* over the default limit: refused with the size and the option */
    expect_failure_among_good(p, "over the limit of 16777216 bytes (--max-bytes)");
    /* with a larger limit it is analysed: one paragraph, one sentence */
    const char *argv[] = {"rasd", "analyze", "--max-bytes", "64M", p, NULL};
    assert_int_equal(run(argv), 0);
    assert_true(out_len > n);
    assert_non_null(strstr(out_buf, "\"title\":\"قسد قسد"));
    char tail[512];
    FILE *f = fopen(out_path, "rb");
    fseek(f, -(long)(sizeof tail - 1), SEEK_END);
    tail[fread(tail, 1, sizeof tail - 1, f)] = '\0';
    fclose(f);
    assert_non_null(strstr(tail, "\"paragraphs\":1,\"sentences\":1,"));
    remove(p);
}

static void test_stdin(void **state) {
    (void)state;
    const char *p = write_tmp_n("stdin.txt", GOOD, sizeof GOOD - 1);
    const char *argv[] = {"rasd", "analyze", "--source", "رصد", "--published", "2023-09-04", "-", NULL};
    assert_int_equal(run_with(argv, &(test_spawn_opts){.in_path = p}), 0);
    assert_non_null(strstr(out_buf, "\"path\":\"-\""));
    assert_non_null(strstr(out_buf, "\"source\":\"رصد\""));
    assert_non_null(strstr(out_buf, "\"published\":\"2023-09-04\""));
    assert_non_null(strstr(out_buf, "\"title\":\"عنوان الخبر\""));
}

static void test_usage_errors(void **state) {
    (void)state;
    const char *none[] = {"rasd", "analyze", NULL};
    assert_int_equal(run(none), 2);
    assert_non_null(strstr(err_buf, "no input"));
    const char *bad_date[] = {"rasd", "analyze", "--published", "2023-02-30", "x.txt", NULL};
    assert_int_equal(run(bad_date), 2);
    assert_non_null(strstr(err_buf, "--published: \"2023-02-30\" is not a date"));
    const char *bad_jobs[] = {"rasd", "analyze", "--jobs", "0", "x.txt", NULL};
    assert_int_equal(run(bad_jobs), 2);
    assert_non_null(strstr(err_buf, "--jobs"));
    const char *unknown[] = {"rasd", "analyze", "--frobnicate", "x.txt", NULL};
    assert_int_equal(run(unknown), 2);
    const char *cmd[] = {"rasd", "frobnicate", NULL};
    assert_int_equal(run(cmd), 2);
    assert_non_null(strstr(err_buf, "unknown command \"frobnicate\""));
    const char *bad_data[] = {"rasd", "analyze", "--data", "/nonexistent/data", "x.txt", NULL};
    assert_int_equal(run(bad_data), 2);
    assert_non_null(strstr(err_buf, "/nonexistent/data/lexicon/ar-words.tsv: cannot open"));
}

/* --only: what is asked for is in the JSON, what is not is left out (not
 * written as an empty list); events bring the entities they refer to. */
static void test_only(void **state) {
    (void)state;
    static const char TEXT[] = "بيان\nقال المتحدث باسم قوات سوريا الديمقراطية إن خمسة مقاتلين قتلوا في الحسكة "
                               "يوم 3 آب 2020، وأضاف: «سنواصل القتال».\n";
    const char *p = write_tmp_n("only.txt", TEXT, sizeof TEXT - 1);
    const char *all[] = {"rasd", "analyze", "--jobs", "1", p, NULL};
    assert_int_equal(run(all), 0);
    assert_non_null(strstr(out_buf, "\"quotes\":["));
    assert_non_null(strstr(out_buf, "\"numbers\":["));
    assert_non_null(strstr(out_buf, "\"dates\":["));
    assert_non_null(strstr(out_buf, "\"events\":["));
    const char *ent[] = {"rasd", "analyze", "--jobs", "1", "--only", "entities", p, NULL};
    assert_int_equal(run(ent), 0);
    assert_non_null(strstr(out_buf, "\"id\":\"sdf\""));
    assert_non_null(strstr(out_buf, "\"places\":["));
    assert_null(strstr(out_buf, "\"quotes\":"));
    assert_null(strstr(out_buf, "\"numbers\":"));
    assert_null(strstr(out_buf, "\"dates\":"));
    assert_null(strstr(out_buf, "\"events\":"));
    assert_null(strstr(out_buf, "\"framing\":"));
    const char *nd[] = {"rasd", "analyze", "--jobs", "1", "--only", "numbers,dates", p, NULL};
    assert_int_equal(run(nd), 0);
    assert_non_null(strstr(out_buf, "\"value\":5"));
    assert_non_null(strstr(out_buf, "\"value\":\"2020-08-03\""));
    assert_null(strstr(out_buf, "\"entities\":"));
    const char *q[] = {"rasd", "analyze", "--jobs", "1", "--only", "quotes", p, NULL};
    assert_int_equal(run(q), 0);
    assert_non_null(strstr(out_buf, "\"quotes\":[{"));
    assert_non_null(strstr(out_buf, "\"entities\":[")); /* the speaker's entity */
    assert_null(strstr(out_buf, "\"events\":"));
    const char *bad[] = {"rasd", "analyze", "--only", "entities,gossip", p, NULL};
    assert_int_equal(run(bad), 2);
    assert_non_null(strstr(err_buf, "--only: \"gossip\" is none of"));
    const char *tsv[] = {"rasd", "analyze", "--only", "entities", "--format", "events-tsv", p, NULL};
    assert_int_equal(run(tsv), 2);
    assert_non_null(strstr(err_buf, "events-tsv needs the events"));
}

/* Collections of records (JSON, JSON Lines) give one line per record, a
 * bad record is named with its line and the others are analysed; a
 * record's body loses its boilerplate lines as a text file's does. */
static void test_records(void **state) {
    (void)state;
    static const char JSONL[] =
        "{\"title\":\"خبر أول\",\"content\":\"قالت قوات سوريا الديمقراطية إنها صدت هجوماً في الحسكة.\\n"
        "شارك الخبر على فيسبوك تويتر واتساب\",\"source\":\"وكالة أ\"}\n"
        "{\"title\": \"مكسور\"\n"
        "{\"title\":\"خبر ثان\",\"content\":\"أعلنت وزارة الدفاع التركية مقتل جنديين في شمال سوريا.\"}\n";
    const char *p = write_tmp_n("records.jsonl", JSONL, sizeof JSONL - 1);
    const char *argv[] = {"rasd", "analyze", "--jobs", "1", p, NULL};
    assert_int_equal(run(argv), 1); /* a record skipped: the output is not all of the input */
    assert_int_equal(count_lines(out_buf), 2);
    assert_non_null(strstr(err_buf, "records.jsonl: line 2"));
    assert_non_null(strstr(out_buf, "\"title\":\"خبر أول\""));
    assert_non_null(strstr(out_buf, "\"source\":\"وكالة أ\""));
    assert_non_null(strstr(out_buf, "\"title\":\"خبر ثان\""));
    assert_null(strstr(out_buf, "فيسبوك")); /* the share bar went */
    const char *keep[] = {"rasd", "analyze", "--jobs", "1", "--keep-boilerplate", p, NULL};
    assert_int_equal(run(keep), 1);
    assert_non_null(strstr(out_buf, "فيسبوك"));
    static const char JSON[] = "[{\"title\":\"عنوان\",\"content\":\"زار وزير الخارجية الأمريكي أنقرة أمس.\"}]";
    const char *j = write_tmp_n("records.json", JSON, sizeof JSON - 1);
    const char *tsv[] = {"rasd", "analyze", "--jobs", "1", "--format", "events-tsv", j, p, NULL};
    assert_int_equal(run(tsv), 1);
    assert_non_null(strstr(out_buf, "doc_id\tdate"));
    assert_null(strstr(out_buf, "{\"doc\"")); /* rows, not JSON, for records too */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_directory),
        cmocka_unit_test(test_binary_file),
        cmocka_unit_test(test_empty_and_blank_files),
        cmocka_unit_test(test_not_arabic),
        cmocka_unit_test(test_invalid_utf8_warns_by_default_and_fails_strict),
        cmocka_unit_test(test_50mb_single_line),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_only),
        cmocka_unit_test(test_records),
    };
    return cmocka_run_group_tests_name("cli", tests, cli_tmpdir_setup, cli_tmpdir_teardown);
}
