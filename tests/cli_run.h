/*
 * cli_run.h: what test_ner.c and test_names.c share: a scratch directory
 * (made by the test's setup with mkdtemp, removed by its teardown), files
 * written into it, the rasd binary run with its output captured, and the
 * skip when the shipped tagger model is absent. One copy, so the two
 * files split along their seam (the tagger itself / the names the
 * analysis keeps) do not each carry it.
 */
#ifndef RASD_TEST_CLI_RUN_H
#define RASD_TEST_CLI_RUN_H

#include "test_helpers.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RASD_BIN
#define RASD_BIN "build/rasd"
#endif
#ifndef RASD_SOURCE_DIR
#define RASD_SOURCE_DIR "."
#endif

static char tmpdir[] = "/tmp/rasd-ner-XXXXXX";

static inline const char *tmp_path(const char *name) {
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

static inline void spit(const char *path, const unsigned char *d, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(d, 1, len, f), len);
    fclose(f);
}

static inline const char *write_tmp(const char *name, const char *data) {
    const char *p = tmp_path(name);
    spit(p, (const unsigned char *)data, strlen(data));
    return p;
}

static char out_buf[1 << 16], err_buf[1 << 16];

static inline void read_into(const char *path, char *buf, size_t cap) {
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, cap - 1, f) : 0;
    buf[n] = '\0';
    if (f) fclose(f);
}

static inline int run(const char *const *argv) {
    char out_path[600], err_path[600];
    snprintf(out_path, sizeof out_path, "%s/stdout", tmpdir);
    snprintf(err_path, sizeof err_path, "%s/stderr", tmpdir);
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, 1);
        dup2(err, 2);
        execv(RASD_BIN, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    read_into(out_path, out_buf, sizeof out_buf);
    read_into(err_path, err_buf, sizeof err_buf);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

static inline int cli_setup(void **state) {
    if (!mkdtemp(tmpdir)) return -1;
    return setup_analyzer(state);
}

static inline int cli_teardown(void **state) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    return teardown_analyzer(state);
}

#endif
