/*
 * cli_run.h: what every test that runs the rasd binary shares: its
 * scratch directory (test_scratch.h), and rasd run in it as a user would
 * (test_spawn.h: arguments, standard input, a time limit, a disk that
 * fills) with its whole standard output and error read back and its exit
 * status returned; also the skip when the shipped tagger model is absent.
 * One copy, so that the command-line tests do not each carry their own
 * fork, redirections and reads.
 */
#ifndef RASD_TEST_CLI_RUN_H
#define RASD_TEST_CLI_RUN_H

#include "test_scratch.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RASD_SOURCE_DIR
#define RASD_SOURCE_DIR "."
#endif

#include "test_spawn.h"

static char out_path[600], err_path[600]; /* the last run's stdout and stderr */
static char *out_buf, *err_buf;           /* their whole text, NUL-terminated */
static size_t out_len;                    /* bytes in out_buf */

/* A run's output file, whole; empty when the run left none. */
static inline char *cli_output(const char *path, size_t *len) {
    char *b = slurp_file(path, len);
    if (b) return b;
    b = strdup("");
    if (!b) abort();
    return b;
}

/* Starts rasd with argv (argv[0] is only a name) as the options say (NULL:
 * standard input from /dev/null, two minutes at most); for a test that
 * signals it before run_finish. */
static inline pid_t run_start(const char *const *argv, const test_spawn_opts *opt) {
    return test_spawn_start(argv, out_path, err_path, opt);
}

/* Waits for the run, fills out_buf and err_buf; its exit status, or 128 +
 * the signal that ended it. */
static inline int run_finish(pid_t pid) {
    int status = test_spawn_wait(pid);
    free(out_buf);
    free(err_buf);
    out_buf = cli_output(out_path, &out_len);
    err_buf = cli_output(err_path, NULL);
    return status;
}

static inline int run_with(const char *const *argv, const test_spawn_opts *opt) {
    return run_finish(run_start(argv, opt));
}

static inline int run(const char *const *argv) { return run_with(argv, NULL); }

/* The scratch directory, for a group's setup: 0, or -1 when it cannot be
 * made. */
static inline int cli_make_tmpdir(void) {
    if (scratch_make() != 0) return -1;
    snprintf(out_path, sizeof out_path, "%s/stdout", tmpdir);
    snprintf(err_path, sizeof err_path, "%s/stderr", tmpdir);
    return 0;
}

/* Removes the scratch directory and frees what the runs left: 0, or -1. */
static inline int cli_remove_tmpdir(void) {
    free(out_buf);
    free(err_buf);
    out_buf = err_buf = NULL;
    return scratch_remove();
}

/* The same as a group's setup and teardown. */
static inline int cli_tmpdir_setup(void **state) {
    (void)state;
    return cli_make_tmpdir();
}

static inline int cli_tmpdir_teardown(void **state) {
    (void)state;
    return cli_remove_tmpdir();
}

/* The first column of the first row of sql in the SQLite store a command
 * wrote at db_path, or -1 (no store, no row, bad SQL). Read-only, waiting
 * up to 5 s for a command still writing it. */
static inline int64_t db_scalar(const char *db_path, const char *sql) {
    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db); /* SQLite allocates a handle even when it cannot open */
        return -1;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

/* Skips the calling test (with a message) when no tagger model is shipped:
 * the names the analysis keeps depend on it. */
static inline void require_model(void) {
    struct stat st;
    if (stat(RASD_SOURCE_DIR "/data/ner/model.bin", &st) != 0) {
        fprintf(stderr, "SKIP: no model (run scripts/train-ner.sh)\n");
        skip();
    }
}

/* A group's setup and teardown for the tagger's tests: the scratch
 * directory and the analyzer. */
static inline int cli_setup(void **state) {
    if (cli_make_tmpdir() != 0) return -1;
    return setup_analyzer(state);
}

static inline int cli_teardown(void **state) {
    cli_remove_tmpdir();
    return teardown_analyzer(state);
}

#endif
