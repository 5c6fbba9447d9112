/*
 * cmd_repair.c: `rasd repair --db PATH`: a SQLite store built before
 * HTML character references were decoded (charref.h) made right.
 *
 * A decoded text is another text: its offsets, its analysis, its
 * full-text terms, its duplicates and the stories it joined (the word
 * «quot» glued unrelated articles into one story) all change. So the
 * repair does not patch rows: it writes every stored article (its stored
 * text, title line first, and its outlet, URL, date and author) as a JSON
 * Lines record, ingests those into a new store exactly as `rasd ingest`
 * does (the JSON reader decodes the references; the text's boilerplate was
 * removed at the first ingest, so none is removed again), gives each
 * article back its origin and ingest time and, where the text did not
 * change, its removed boilerplate lines, then puts the new store in the
 * old one's place and keeps the old one as PATH.before-repair. Events
 * stored before their detail column existed get it on the way.
 *
 * Article ids are given again in the old order (gaps close up); story
 * ids follow. Stop `rasd serve` on the store first.
 */
#include "cli.h"
#include "corpus/charref.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: rasd repair --db PATH [--jobs N] [--check]\n"
    "  Rebuilds a SQLite store whose articles hold HTML character references (&quot;\n"
    "  &amp; &#39; ...) from before rasd decoded them, or whose events lack their detail\n"
    "  (stores from before the event export): every article is analysed again from its\n"
    "  stored text with the references decoded, duplicates and stories are decided again,\n"
    "  and the old file is kept as PATH.before-repair. Article ids are renumbered in the\n"
    "  old order. Stop `rasd serve` on the store first.\n"
    "  --check     only count what a repair would change\n"
    "  --jobs N    analysis threads (default: all cores)\n"
    "Exit status: 0 repaired or nothing to repair (--check: nothing to repair),\n"
    "  1 something failed or (--check) a repair is needed, 2 usage error or no database.\n"
    "Example:\n"
    "  rasd repair --db news.db\n";

static bool exec_sql(sqlite3 *db, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return true;
    cli_error("%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return false;
}

static int64_t scalar(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* What a repair would change: articles whose text holds a reference, and
 * events without their detail. */
typedef struct damage {
    int64_t articles, references, events_bare;
} damage;

static bool measure(sqlite3 *db, damage *d) {
    memset(d, 0, sizeof *d);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT text FROM documents WHERE instr(text, '&') > 0", -1, &st, NULL) != SQLITE_OK) {
        cli_error("%s", sqlite3_errmsg(db));
        return false;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *out;
        size_t len;
        bool changed;
        if (!rasd_charref_decode((const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0), &out,
                                 &len, &changed)) {
            sqlite3_finalize(st);
            cli_error("out of memory");
            return false;
        }
        free(out);
        d->references += changed;
    }
    sqlite3_finalize(st);
    d->articles = scalar(db, "SELECT count(*) FROM documents");
    /* a store of schema 4 or older has no detail column at all */
    d->events_bare = scalar(db, "SELECT count(*) FROM events WHERE detail IS NULL");
    if (d->events_bare < 0) d->events_bare = scalar(db, "SELECT count(*) FROM events");
    return d->articles >= 0;
}

/* Writes every article as a record of the JSON reader; the line numbers
 * are the old ids' order. */
static bool write_records(sqlite3 *db, const char *path) {
    FILE *f = fopen(path, "wb");
    if (!f) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        return false;
    }
    sqlite3_stmt *st;
    bool ok = sqlite3_prepare_v2(db, "SELECT text, source, url, published, author FROM documents ORDER BY id", -1,
                                 &st, NULL) == SQLITE_OK;
    static const char *const KEYS[] = {"content", "source", "url", "date", "author"};
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int k = 0; k < 5; k++)
            if (sqlite3_column_type(st, k) != SQLITE_NULL)
                json_object_set_new(o, KEYS[k], json_stringn((const char *)sqlite3_column_text(st, k),
                                                             (size_t)sqlite3_column_bytes(st, k)));
        /* no title member: the stored text begins with its title line */
        ok = json_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF;
        json_decref(o);
    }
    if (!ok) cli_error("%s: writing the records failed: %s", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (fclose(f) != 0) ok = false;
    return ok;
}

/* The new store's articles given back what the ingest could not know:
 * origin and ingest time, and the boilerplate lines of unchanged texts. */
static bool restore_provenance(const char *new_path, const char *old_path) {
    sqlite3 *db;
    if (sqlite3_open(new_path, &db) != SQLITE_OK) {
        cli_error("%s: %s", new_path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    char *attach = sqlite3_mprintf("ATTACH %Q AS old", old_path);
    bool ok = attach && exec_sql(db, attach);
    sqlite3_free(attach);
    /* the record of line N is the N-th old article by id ("file#N") */
    ok = ok && exec_sql(db,
                        "BEGIN;"
                        "CREATE TEMP TABLE lines(line INTEGER PRIMARY KEY, old_id INTEGER NOT NULL);"
                        "INSERT INTO lines SELECT row_number() OVER (ORDER BY id), id FROM old.documents;"
                        "CREATE TEMP TABLE ids(new_id INTEGER PRIMARY KEY, old_id INTEGER NOT NULL);"
                        "INSERT INTO ids SELECT n.id, l.old_id FROM documents n JOIN lines l ON l.line = "
                        " CAST(substr(n.origin, instr(n.origin, '#') + 1) AS INTEGER);"
                        "CREATE INDEX temp.ids_by_old ON ids(old_id);"
                        "INSERT INTO boilerplate SELECT i.new_id, b.idx, b.at, b.input_start, b.input_end, b.reason, "
                        " b.text FROM old.boilerplate b JOIN ids i ON i.old_id = b.doc JOIN documents n ON n.id = "
                        " i.new_id JOIN old.documents o ON o.id = b.doc WHERE n.text = o.text;"
                        "UPDATE documents SET (origin, ingested_at) = (SELECT o.origin, o.ingested_at FROM ids i "
                        " JOIN old.documents o ON o.id = i.old_id WHERE i.new_id = documents.id) "
                        " WHERE id IN (SELECT new_id FROM ids);"
                        "COMMIT;");
    sqlite3_close(db);
    return ok;
}

int cmd_repair(int argc, char **argv) {
    enum { O_DB = 256, O_JOBS, O_CHECK, O_HELP };
    static const struct option LONG[] = {{"db", required_argument, 0, O_DB},
                                         {"jobs", required_argument, 0, O_JOBS},
                                         {"check", no_argument, 0, O_CHECK},
                                         {"help", no_argument, 0, O_HELP},
                                         {0, 0, 0, 0}};
    const char *path = NULL, *jobs = NULL;
    bool check = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        switch (c) {
        case O_DB: path = optarg; break;
        case O_JOBS: jobs = optarg; break;
        case O_CHECK: check = true; break;
        case 'h':
        case O_HELP: fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc || !path) {
        if (optind < argc) cli_error("repair: unexpected argument \"%s\"", argv[optind]);
        else cli_error("repair: --db PATH is needed");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (strncmp(path, "postgres://", 11) == 0 || strncmp(path, "postgresql://", 13) == 0) {
        cli_error("repair: works on SQLite stores; `rasd migrate` a PostgreSQL store to SQLite, repair it, and "
                  "migrate it back");
        return EXIT_USAGE;
    }
    if (access(path, F_OK) != 0) {
        cli_error("%s: no such database", path);
        return EXIT_USAGE;
    }
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        cli_error("%s: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return EXIT_INPUT_FAILED;
    }
    /* everything in the main file, so that moving it moves the store */
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    damage d;
    if (!measure(db, &d)) {
        sqlite3_close(db);
        return EXIT_INPUT_FAILED;
    }
    bool keep_json = scalar(db, "SELECT count(*) FROM documents WHERE analysis IS NOT NULL") > 0;
    fprintf(stderr, "%s: %lld articles, %lld with HTML character references, %lld events without their detail\n",
            path, (long long)d.articles, (long long)d.references, (long long)d.events_bare);
    if (!d.references && !d.events_bare) {
        sqlite3_close(db);
        fprintf(stderr, "%s: nothing to repair\n", path);
        return EXIT_ALL_OK;
    }
    if (check) {
        sqlite3_close(db);
        return EXIT_INPUT_FAILED;
    }
    size_t n = strlen(path) + 32;
    char *records = malloc(n), *fresh = malloc(n), *before = malloc(n);
    if (!records || !fresh || !before) {
        free(records), free(fresh), free(before);
        sqlite3_close(db);
        return EXIT_INPUT_FAILED;
    }
    snprintf(records, n, "%s.repair.jsonl", path);
    snprintf(fresh, n, "%s.repair.db", path);
    snprintf(before, n, "%s.before-repair", path);
    unlink(fresh);
    bool ok = write_records(db, records);
    sqlite3_close(db);
    int status = EXIT_INPUT_FAILED;
    if (ok) {
        const char *args[12];
        int k = 0;
        args[k++] = "ingest", args[k++] = "--db", args[k++] = fresh, args[k++] = "--quiet";
        args[k++] = "--keep-boilerplate"; /* removed at the first ingest already */
        if (keep_json) args[k++] = "--keep-json";
        if (jobs) args[k++] = "--jobs", args[k++] = jobs;
        args[k++] = records, args[k] = NULL;
        status = cmd_ingest(k, (char **)args);
        ok = status == EXIT_ALL_OK;
        if (!ok) cli_error("repair: the new store %s could not be built; %s is unchanged", fresh, path);
    }
    ok = ok && restore_provenance(fresh, path);
    if (ok && (rename(path, before) != 0 || rename(fresh, path) != 0)) {
        cli_error("repair: moving %s into place: %s", fresh, strerror(errno));
        ok = false;
    }
    if (ok) {
        char side[4096];
        for (int s = 0; s < 2; s++) { /* the old file's (checkpointed) WAL and index: not the new file's */
            if (snprintf(side, sizeof side, "%s%s", path, s ? "-shm" : "-wal") < (int)sizeof side) unlink(side);
        }
        fprintf(stderr, "%s: repaired; the old store is %s\n", path, before);
    }
    unlink(records);
    free(records), free(fresh), free(before);
    return ok ? EXIT_ALL_OK : status == EXIT_ALL_OK ? EXIT_INPUT_FAILED : status;
}
