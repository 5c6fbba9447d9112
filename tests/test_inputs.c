/*
 * test_inputs.c: inputs that cannot hang `rasd analyze` or `rasd ingest`,
 * records that are not lost, exit statuses that tell what happened, and
 * text that cannot drive the terminal (issue 16, items 4 and 6):
 *   - a FIFO, a socket and /dev/zero among good files are refused by name
 *     while the good files are analysed and stored;
 *   - a directory with symlinks to .. (and one back to itself) is walked
 *     once, each real file stored once, with and without --follow-symlinks;
 *   - a JSON array with bad records (a 400-digit number, a broken value,
 *     a member of the wrong type, a raw line break in a string) loses only
 *     those, each named with its index and byte offset;
 *   - records without text are counted, not failures (exit 0); a full disk
 *     stops ingest with 3 and a summary of what is committed;
 *   - escape sequences in articles reach the terminal escaped from
 *     `rasd search` and `rasd stories`, and exact in their JSON.
 * Every child runs under an alarm, so a hang fails the test instead of
 * holding it.
 */
#define TEST_TMPDIR "/tmp/rasd-inputs-XXXXXX"
#include "cli_run.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define expect_status(call, want)                                                                                   \
    do {                                                                                                               \
        int got_ = (call);                                                                                             \
        if (got_ != (want)) fail_msg("exit status %d, expected %d; stderr:\n%s\nstdout:\n%.2000s", got_, (want),      \
                                     err_buf, out_buf);                                                                \
    } while (0)

static void expect_in(const char *haystack, const char *needle) {
    if (!strstr(haystack, needle)) fail_msg("expected \"%s\" in:\n%s", needle, haystack);
}

static size_t count_lines(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

/* Articles of our own making, different enough not to be duplicates. */
static const char ARTICLE_A[] = "افتتاح جسر في الرقة\nافتتحت البلدية جسرا جديدا فوق نهر الفرات في مدينة الرقة بعد "
                                "عامين من العمل.\n";
static const char ARTICLE_B[] = "توزيع بذور على المزارعين\nوزعت المنظمة الزراعية بذور القمح على مئات المزارعين في "
                                "ريف الحسكة الشرقي.\n";

/* A listening unix socket at path (the child inherits nothing of it). */
static int make_socket(const char *path) {
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
    listen(s, 1);
    return s;
}

/* ------------------------------------------------ FIFOs, sockets, devices */

static void test_special_files_refused(void **state) {
    (void)state;
    mkdir(tmp_path("special"), 0700);
    write_tmp("special/a.txt", ARTICLE_A);
    write_tmp("special/b.txt", ARTICLE_B);
    assert_int_equal(mkfifo(tmp_path("special/pipe.txt"), 0600), 0); /* met in the walk */
    assert_int_equal(mkfifo(tmp_path("named.fifo"), 0600), 0);       /* given by name */
    int sock = make_socket(tmp_path("special/sock.txt"));

    const char *analyze[] = {"rasd", "analyze", "--jobs", "2", "--no-tagger", tmp_path("special/a.txt"),
                             tmp_path("named.fifo"), "/dev/zero", tmp_path("special/sock.txt"),
                             tmp_path("special/b.txt"), NULL};
    expect_status(run(analyze), 1);
    assert_int_equal(count_lines(out_buf), 2); /* both good files analysed */
    expect_in(err_buf, "named.fifo: is a FIFO (named pipe), not a regular file: refused without opening it");
    expect_in(err_buf, "/dev/zero: is a character device");
    expect_in(err_buf, "sock.txt: is a socket");

    const char *db = tmp_path("special.db");
    const char *ingest[] = {"rasd", "ingest", "--db", db, "--jobs", "2", "--no-tagger", tmp_path("special"),
                            tmp_path("named.fifo"), "/dev/zero", NULL};
    expect_status(run(ingest), 1);
    expect_in(err_buf, "special/pipe.txt: is a FIFO");
    expect_in(err_buf, "special/sock.txt: is a socket");
    expect_in(err_buf, "named.fifo: is a FIFO");
    expect_in(err_buf, "/dev/zero: is a character device");
    expect_in(err_buf, "2 stored");
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 2);
    const char *from[] = {"rasd", "ingest", "--db", db, "--from-jsonl", "/dev/zero", NULL};
    expect_status(run(from), 1); /* it would never end: refused */
    expect_in(err_buf, "/dev/zero: is a character device");
    close(sock);
}

/* ------------------------------------------------------- symlink loops */

static void test_symlink_loops(void **state) {
    (void)state;
    /* box/ holds only the tree, so that following .. stays in the test's files */
    mkdir(tmp_path("box"), 0700);
    mkdir(tmp_path("box/tree"), 0700);
    mkdir(tmp_path("box/tree/sub"), 0700);
    write_tmp("box/tree/a.txt", ARTICLE_A);
    write_tmp("box/tree/sub/b.txt", ARTICLE_B);
    assert_int_equal(symlink("..", tmp_path("box/tree/up1")), 0);
    assert_int_equal(symlink("..", tmp_path("box/tree/up2")), 0);
    assert_int_equal(symlink("..", tmp_path("box/tree/sub/back")), 0); /* back to tree: a loop */
    assert_int_equal(symlink("sub", tmp_path("box/tree/again")), 0);   /* a second way to sub */

    const char *db = tmp_path("loops.db");
    const char *ingest[] = {"rasd", "ingest", "--db", db, "--jobs", "2", "--no-tagger", tmp_path("box/tree"), NULL};
    expect_status(run(ingest), 1); /* the links left alone are named */
    expect_in(err_buf, "up1: a symlink to");
    expect_in(err_buf, "not followed (--follow-symlinks follows it)");
    expect_in(err_buf, "/back: a symlink back to"); /* sub is read through again/, the first in name order */
    expect_in(err_buf, "(a loop): not followed");
    expect_in(err_buf, ", 2 stored, 0 already stored"); /* each real file read once */
    expect_in(err_buf, "3 skipped");
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 2);

    /* asked to follow them: box/ is read through up1 once; up2 and the
     * loops are not entered again */
    const char *db2 = tmp_path("loops2.db");
    const char *follow[] = {"rasd", "ingest", "--db", db2, "--jobs", "2", "--no-tagger", "--follow-symlinks",
                            tmp_path("box/tree"), NULL};
    expect_status(run(follow), 1);
    expect_in(err_buf, "up2: a symlink to");
    expect_in(err_buf, "a directory read already: not followed");
    expect_in(err_buf, ", 2 stored, 0 already stored");
    assert_int_equal(db_scalar(db2, "SELECT count(*) FROM documents"), 2);
}

/* ------------------------------------------- bad records in a JSON array */

static void test_bad_records_in_array(void **state) {
    (void)state;
    char digits[401];
    memset(digits, '7', 400);
    digits[400] = '\0';
    char json[8192];
    snprintf(json, sizeof json,
             "[\n"
             "  {\"title\": \"خبر أول\", \"content\": \"أعلنت البلدية افتتاح سوق جديدة في مدينة منبج.\"},\n"
             "  {\"title\": \"رقم ضخم\", \"views\": %s, \"content\": \"نص لن يخزن.\"},\n"
             "  {\"title\": \"خبر ثان\", \"content\": \"وصلت قافلة طبية إلى بلدة عامودا صباح اليوم.\"},\n"
             "  {\"title\": \"قيمة مكسورة\", \"content\": tru},\n"
             "  {\"title\": \"نوع خاطئ\", \"content\": 42},\n"
             "  {\"title\": \"سطر مكسور\",\n"
             "   \"content\": \"بداية النص\n"
             "ثم بقية النص\"},\n"
             "  {\"title\": \"خبر ثالث\", \"content\": \"ناقش المجلس المحلي خطة لإصلاح الطرق في الطبقة.\"}\n"
             "]\n",
             digits);
    const char *p = write_tmp("day.json", json);
    const char *db = tmp_path("array.db");
    const char *ingest[] = {"rasd", "ingest", "--db", db, "--jobs", "2", "--no-tagger", p, NULL};
    expect_status(run(ingest), 1);
    expect_in(err_buf, "day.json: record 2 of the array (at byte ");
    expect_in(err_buf, "too big integer");
    expect_in(err_buf, "day.json: record 4 of the array");
    expect_in(err_buf, "day.json#5: no \"content\" string member");
    expect_in(err_buf, "(record 5 of the array, at byte ");
    expect_in(err_buf, "day.json: record 6 of the array");
    expect_in(err_buf, "3 stored");
    expect_in(err_buf, "4 skipped");
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 3);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents WHERE origin LIKE '%day.json#7'"), 1);

    /* the byte offset is the record's own: record 2 starts at its '{' */
    const char *at = strstr(err_buf, "record 2 of the array (at byte ");
    assert_non_null(at);
    size_t byte = strtoul(at + strlen("record 2 of the array (at byte "), NULL, 10);
    assert_true(byte < strlen(json));
    static const char RECORD2[] = "{\"title\": \"رقم ضخم\"";
    assert_int_equal(strncmp(json + byte, RECORD2, sizeof RECORD2 - 1), 0);

    /* the same file through rasd analyze: the good records, and 1 for the rest */
    const char *analyze[] = {"rasd", "analyze", "--jobs", "1", "--no-tagger", p, NULL};
    expect_status(run(analyze), 1);
    assert_int_equal(count_lines(out_buf), 3);
    expect_in(err_buf, "record 2 of the array");

    /* an array cut short keeps the records before the cut */
    char *cut = strstr(json, "  {\"title\": \"خبر ثالث\"");
    *cut = '\0';
    write_tmp("day.json", json);
    const char *db2 = tmp_path("cut.db");
    const char *again[] = {"rasd", "ingest", "--db", db2, "--jobs", "1", "--no-tagger", p, NULL};
    expect_status(run(again), 1);
    expect_in(err_buf, "the array is not closed");
    assert_int_equal(db_scalar(db2, "SELECT count(*) FROM documents"), 2);
}

/* ------------------------------------------------------- exit statuses */

static void test_empty_records_are_no_failure(void **state) {
    (void)state;
    static const char JSON[] =
        "[{\"title\": \"\", \"content\": \"\"},\n"
        " {\"title\": \"خبر\", \"content\": \"أصلحت البلدية شبكة المياه في حي الصناعة بمدينة القامشلي.\"},\n"
        " {\"title\": \" \", \"content\": \"  \\n \"}]\n";
    const char *p = write_tmp("empties.json", JSON);
    const char *db = tmp_path("empties.db");
    const char *ingest[] = {"rasd", "ingest", "--db", db, "--jobs", "1", "--no-tagger", p, NULL};
    expect_status(run(ingest), 0);
    expect_in(err_buf, "1 stored");
    expect_in(err_buf, "0 skipped");
    expect_in(err_buf, "2 records without text left out");
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 1);
}

/* n made-up JSON Lines articles, each different. */
static void make_many(const char *path, size_t n) {
    static const char *const WHO[] = {"المجلس المحلي", "قوات الأمن", "الأهالي", "البلدية", "اللجنة"};
    static const char *const WHERE[] = {"في الحسكة", "في الرقة", "في منبج", "في الطبقة"};
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "{\"title\": \"تقرير %zu\", \"url\": \"https://example.org/r/%zu\", \"content\": \"", i, i);
        for (size_t k = 0; k < 12; k++)
            fprintf(f, "%s ناقش المشروع رقم %zu %s يوم %zu. ", WHO[(i + k) % 5], i * 13 + k, WHERE[(i * 3 + k) % 4],
                    k + 1);
        fputs("\"}\n", f);
    }
    fclose(f);
}

static void test_disk_full_exits_3_with_committed_counts(void **state) {
    (void)state;
    const char *input = tmp_path("many.jsonl");
    make_many(input, 200);
    const char *db = tmp_path("full.db");
    const char *ingest[] = {"rasd", "ingest", "--db", db, "--jobs", "2", "--batch", "20", "--no-tagger", input, NULL};
    test_spawn_opts full = {.file_limit = 1 << 20}; /* a disk that fills at 1 MB a file */
    expect_status(run_with(ingest, &full), 3);
    const char *line = strstr(err_buf, "stopped by a database error: ");
    if (!line) fail_msg("no abort summary in:\n%s", err_buf);
    const char *stored = strstr(line, " read, ");
    assert_non_null(stored);
    long long committed = strtoll(stored + 7, NULL, 10);
    expect_in(line, "stored (committed)");
    int64_t in_db = db_scalar(db, "SELECT count(*) FROM documents");
    printf("  disk full after %lld committed articles of 200\n", committed);
    assert_true(in_db > 0 && in_db < 200);
    assert_int_equal(committed, in_db); /* the summary says what is there */
    char progress[96]; /* and so does the last progress line */
    snprintf(progress, sizeof progress, "articles read, %lld stored", committed);
    expect_in(err_buf, progress);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
    /* with room again, the rest goes in */
    expect_status(run(ingest), 0);
    assert_int_equal(db_scalar(db, "SELECT count(*) FROM documents"), 200);
}

/* ------------------------------------------- escape sequences in articles */

static void test_control_characters_escaped_on_terminal(void **state) {
    (void)state;
    /* ESC [2J (clear the screen) in the title, ESC ]0; (window title) and a
     * C1 CSI (U+009B) in the body */
    static const char JSON[] =
        "{\"title\": \"\\u001b[2Jخبر مفخخ\", \"content\": \"زار الوفد \\u001b]0;hacked\\u0007 مدينة "
        "\\u009b31m منبج أمس والتقى المجلس المحلي.\", \"source\": \"\\u001b[31mوكالة\"}\n";
    const char *p = write_tmp("escape.jsonl", JSON);
    const char *db = tmp_path("escape.db");
    const char *ingest[] = {"rasd", "ingest", "--db", db, "--jobs", "1", "--no-tagger", p, NULL};
    expect_status(run(ingest), 0);

    const char *search[] = {"rasd", "search", "--db", db, "منبج", NULL};
    expect_status(run(search), 0);
    assert_null(strchr(out_buf, '\x1b'));
    assert_null(strstr(out_buf, "\xc2\x9b"));
    assert_null(strchr(out_buf, '\x07'));
    expect_in(out_buf, "\\x1b[2Jخبر مفخخ");
    expect_in(out_buf, "\\x1b[31mوكالة");
    expect_in(out_buf, "\\x1b]0;hacked\\x07");
    expect_in(out_buf, "\\u009b31m");

    const char *search_json[] = {"rasd", "search", "--db", db, "--json", "منبج", NULL};
    expect_status(run(search_json), 0);
    assert_null(strchr(out_buf, '\x1b')); /* JSON's own escape, and the exact text */
    expect_in(out_buf, "\"source\":\"\\u001B[31mوكالة\"");
    expect_in(out_buf, "\\u001B]0;hacked\\u0007");

    /* (the title line lost its ESC when the document was read; the outlet
     * is stored as given) */
    const char *stories[] = {"rasd", "stories", "--db", db, NULL};
    expect_status(run(stories), 0);
    assert_null(strchr(out_buf, '\x1b'));
    expect_in(out_buf, "\\x1b[31mوكالة");
    const char *stories_json[] = {"rasd", "stories", "--db", db, "--json", NULL};
    expect_status(run(stories_json), 0);
    assert_null(strchr(out_buf, '\x1b'));
    expect_in(out_buf, "\\u001b[31mوكالة"); /* jansson's escape: the exact text */
    const char *stories_csv[] = {"rasd", "stories", "--db", db, "--csv", NULL};
    expect_status(run(stories_csv), 0);
    expect_in(out_buf, "\x1b[31mوكالة"); /* CSV is for programs: the exact text */

    const char *story[] = {"rasd", "story", "1", "--db", db, NULL};
    expect_status(run(story), 0);
    assert_null(strchr(out_buf, '\x1b'));
    expect_in(out_buf, "\\x1b[31mوكالة"); /* the outlet, in the articles by outlet */

    /* messages too: a file name holding an escape sequence is named escaped */
    const char *odd = write_tmp("odd\x1b]0;x\x07name.txt", "Plain English text\nwith no Arabic letters at all.\n");
    const char *analyze[] = {"rasd", "analyze", "--no-tagger", odd, NULL};
    expect_status(run(analyze), 1);
    assert_null(strchr(err_buf, '\x1b'));
    assert_null(strchr(err_buf, '\x07'));
    expect_in(err_buf, "odd\\x1b]0;x\\x07name.txt: not Arabic text");

    /* and the query statuses: none found 1, no database 2 */
    const char *none[] = {"rasd", "stories", "--db", db, "--since", "2030-01-01", NULL};
    expect_status(run(none), 1);
    const char *nodb[] = {"rasd", "stories", "--db", tmp_path("absent.db"), NULL};
    expect_status(run(nodb), 2);
    expect_in(err_buf, "absent.db: no database");
}

/* rasd search on a terminal (a pseudo-terminal): rasd's own colour
 * sequences are there, and no other escape sequence: the article's are
 * shown as text. */
static void test_search_on_a_terminal(void **state) {
    (void)state;
    const char *db = tmp_path("escape.db"); /* made by the test before */
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(60);
        execl(RASD_BIN, "rasd", "search", "--db", db, "منبج", (char *)NULL);
        _exit(127);
    }
    static char screen[1 << 17]; /* what the terminal shows */
    size_t len = 0;
    for (;;) {
        ssize_t n = read(master, screen + len, sizeof screen - 1 - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; /* EIO once the child has closed the terminal */
        len += (size_t)n;
    }
    screen[len] = '\0';
    close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    expect_in(screen, "\033[1;31mمنبج\033[0m"); /* the match, in colour */
    expect_in(screen, "\\x1b]0;hacked\\x07");
    /* every ESC left is one of rasd's three colour sequences */
    static const char *const OURS[] = {"\033[1m", "\033[0m", "\033[1;31m"};
    for (const char *p = strchr(screen, '\x1b'); p; p = strchr(p + 1, '\x1b')) {
        bool ours = false;
        for (size_t i = 0; i < 3; i++) ours = ours || strncmp(p, OURS[i], strlen(OURS[i])) == 0;
        if (!ours) fail_msg("an escape sequence not rasd's own reached the terminal: %.20s", p);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_special_files_refused),
        cmocka_unit_test(test_symlink_loops),
        cmocka_unit_test(test_bad_records_in_array),
        cmocka_unit_test(test_empty_records_are_no_failure),
        cmocka_unit_test(test_disk_full_exits_3_with_committed_counts),
        cmocka_unit_test(test_control_characters_escaped_on_terminal),
        cmocka_unit_test(test_search_on_a_terminal),
    };
    return cmocka_run_group_tests_name("inputs", tests, cli_tmpdir_setup, cli_tmpdir_teardown);
}
