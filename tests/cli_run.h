/*
 * cli_run.h: what every test that runs the rasd binary shares: a scratch
 * directory (made by the group's setup with mkdtemp, removed by its
 * teardown), files written into it, and rasd run in it as a user would
 * (test_spawn.h: arguments, standard input, a time limit, a disk that
 * fills) with its whole standard output and error read back and its exit
 * status returned; also the skip when the shipped tagger model is absent.
 * One copy, so that the command-line tests do not each carry their own
 * fork, redirections and reads.
 *
 * A file may name its scratch directory (for a leftover after a crash to
 * say whose it is) by defining CLI_RUN_TMPDIR before including this.
 */
#ifndef RASD_TEST_CLI_RUN_H
#define RASD_TEST_CLI_RUN_H

#include "test_helpers.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RASD_SOURCE_DIR
#define RASD_SOURCE_DIR "."
#endif
#ifndef CLI_RUN_TMPDIR
#define CLI_RUN_TMPDIR "/tmp/rasd-test-XXXXXX"
#endif

#include "test_spawn.h"

static char tmpdir[] = CLI_RUN_TMPDIR;
static char out_path[600], err_path[600]; /* the last run's stdout and stderr */
static char *out_buf, *err_buf;           /* their whole text, NUL-terminated */
static size_t out_len;                    /* bytes in out_buf */

/* name inside the scratch directory; sixteen buffers in turn, so that a
 * call may hold several paths at once. */
static inline const char *tmp_path(const char *name) {
    static char path[16][512];
    static int next;
    char *p = path[next++ % 16];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

static inline void spit(const char *path, const unsigned char *d, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(d, 1, len, f), len);
    fclose(f);
}

/* len bytes of data as the file name in the scratch directory; its path. */
static inline const char *write_tmp_n(const char *name, const char *data, size_t len) {
    const char *p = tmp_path(name);
    spit(p, (const unsigned char *)data, len);
    return p;
}

static inline const char *write_tmp(const char *name, const char *data) {
    return write_tmp_n(name, data, strlen(data));
}

/* A whole file (malloc'd, NUL-terminated), its length into *len; NULL
 * when it cannot be read. */
static inline char *cli_slurp(const char *path, size_t *len) {
    if (len) *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = NULL;
    size_t got = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        b = malloc(n > 0 ? (size_t)n + 1 : 1);
        if (b && n > 0) got = fread(b, 1, (size_t)n, f);
    }
    fclose(f);
    if (!b) return NULL;
    b[got] = '\0';
    if (len) *len = got;
    return b;
}

/* A run's output file, whole; empty when the run left none. */
static inline char *cli_output(const char *path, size_t *len) {
    char *b = cli_slurp(path, len);
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
    if (!mkdtemp(tmpdir)) return -1;
    snprintf(out_path, sizeof out_path, "%s/stdout", tmpdir);
    snprintf(err_path, sizeof err_path, "%s/stderr", tmpdir);
    return 0;
}

/* Removes the scratch directory and what the runs left: 0, or -1. */
static inline int cli_remove_tmpdir(void) {
    free(out_buf);
    free(err_buf);
    out_buf = err_buf = NULL;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) == 0) return 0;
    fprintf(stderr, "could not remove %s\n", tmpdir);
    return -1;
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
