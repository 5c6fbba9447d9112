/*
 * test_store_helpers.h: what the store's library tests (test_store.c,
 * test_store_sums.c) share: a scratch directory for their database
 * files (test_scratch.h), and a raw SQLite connection to a store with
 * the small helpers that read and write it. Include after test_helpers.h
 * (the lexicon the full-text tokenizer needs is test_lex).
 */
#ifndef RASD_TEST_STORE_HELPERS_H
#define RASD_TEST_STORE_HELPERS_H

#ifndef TEST_TMPDIR
#define TEST_TMPDIR "/tmp/rasd-store-test-XXXXXX"
#endif
#include "test_scratch.h"

#include "storage/fts_rasd.h"

#include <sqlite3.h>
#include <unistd.h>

/* The first column of the first row of sql, or -1 when there is none. */
static inline int64_t scalar(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static inline void exec_ok(sqlite3 *db, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", sql, msg);
}

/* A raw connection to a store file, with the tokenizer its index needs. */
static inline sqlite3 *raw_open(const char *path) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    rasd_error err = {0};
    assert_non_null(rasd_fts_register(db, test_lex, &err));
    return db;
}

/* The group's setup and teardown: the directory and the analyzer. */
static inline int store_test_setup(void **state) {
    if (scratch_make() != 0) return -1;
    return setup_analyzer(state);
}

static inline int store_test_teardown(void **state) {
    scratch_remove();
    return teardown_analyzer(state);
}

#endif
