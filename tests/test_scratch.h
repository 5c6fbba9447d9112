/*
 * test_scratch.h: a test's scratch directory: made by the group's setup
 * (mkdtemp), removed with all it holds by its teardown; paths in it, files
 * written into it, and whole files read back. One copy for the tests that
 * run the binary (cli_run.h) and the store's library tests
 * (test_store_helpers.h).
 *
 * A file may name its scratch directory (for a leftover after a crash to
 * say whose it is) by defining TEST_TMPDIR before including this.
 */
#ifndef RASD_TEST_SCRATCH_H
#define RASD_TEST_SCRATCH_H

#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TEST_TMPDIR
#define TEST_TMPDIR "/tmp/rasd-test-XXXXXX"
#endif

static char tmpdir[] = TEST_TMPDIR;

/* Makes the scratch directory: 0, or -1 when it cannot be made. */
static inline int scratch_make(void) { return mkdtemp(tmpdir) ? 0 : -1; }

/* Removes the scratch directory and all it holds: 0, or -1. */
static inline int scratch_remove(void) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) == 0) return 0;
    fprintf(stderr, "could not remove %s\n", tmpdir);
    return -1;
}

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
static inline char *slurp_file(const char *path, size_t *len) {
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

#endif
