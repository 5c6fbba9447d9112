/*
 * bench_fts_load.c: the floor that `rasd ingest` is compared with. Loads the
 * same SaudiNewsNet articles into a bare SQLite store, a documents table and
 * an FTS5 index over its title and text (unicode61, diacritics removed), in
 * one thread, 1,000 articles a transaction, WAL, with no analysis, no
 * duplicates and no stories. bench/ingest.sh runs it in the same run as the
 * ingest and prints the ratio of the two rates (issue 16 asks for >= 0.4).
 *
 *   bench_fts_load DB ZIP...
 *
 * Prints one line: "bare-fts5: N articles in S s: R articles/s, CPU C s,
 * peak RSS M MB" (also read by bench/ingest.sh).
 */
#include "snn_zip.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

enum { BATCH = 1000 };

typedef struct loader {
    sqlite3 *db;
    sqlite3_stmt *insert;
    long count, failed;
} loader;

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int exec(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "bench_fts_load: %s: %s\n", sql, err ? err : "error");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static void bind_field(sqlite3_stmt *st, int col, json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (json_is_string(v))
        sqlite3_bind_text(st, col, json_string_value(v), (int)json_string_length(v), SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

static void load_article(void *ctx, json_t *o, const char *member, size_t index) {
    (void)member;
    (void)index;
    loader *l = ctx;
    bind_field(l->insert, 1, o, "source");
    bind_field(l->insert, 2, o, "url");
    bind_field(l->insert, 3, o, "date_extracted");
    bind_field(l->insert, 4, o, "title");
    bind_field(l->insert, 5, o, "content");
    if (sqlite3_step(l->insert) != SQLITE_DONE) l->failed++;
    sqlite3_reset(l->insert);
    if (++l->count % BATCH == 0 && (exec(l->db, "COMMIT") || exec(l->db, "BEGIN"))) exit(1);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_fts_load DB ZIP...\n");
        return 2;
    }
    double wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    loader l = {0};
    if (sqlite3_open(argv[1], &l.db) != SQLITE_OK) {
        fprintf(stderr, "bench_fts_load: %s: %s\n", argv[1], sqlite3_errmsg(l.db));
        return 2;
    }
    if (exec(l.db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                   "CREATE TABLE documents(id INTEGER PRIMARY KEY, source TEXT, url TEXT,"
                   " published TEXT, title TEXT, text TEXT);"
                   "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',"
                   " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
                   "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
                   " INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;"
                   "BEGIN") ||
        sqlite3_prepare_v2(l.db, "INSERT INTO documents(source, url, published, title, text) VALUES (?,?,?,?,?)",
                           -1, &l.insert, NULL) != SQLITE_OK) {
        sqlite3_close(l.db);
        return 1;
    }
    for (int i = 2; i < argc; i++) snn_zip_each("bench_fts_load", argv[i], load_article, &l);
    int status = exec(l.db, "COMMIT") ? 1 : 0;
    sqlite3_finalize(l.insert);
    sqlite3_close(l.db);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double wall = seconds(CLOCK_MONOTONIC) - wall0, cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    printf("bare-fts5: %ld articles in %.1f s: %.0f articles/s, CPU %.1f s, peak RSS %.0f MB%s\n", l.count, wall,
           (double)l.count / wall, cpu, (double)ru.ru_maxrss / 1024, l.failed ? " (some inserts failed)" : "");
    return status;
}
