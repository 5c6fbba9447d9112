/*
 * cmd_migrate.c: `rasd migrate --from DB --to DB`, the command line of
 * rasd_store_migrate (src/storage/migrate.h): a whole store copied into
 * another, empty one, SQLite into PostgreSQL and back.
 */
#include "cli.h"
#include "storage/migrate.h"
#include "storage/store.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char USAGE[] =
    "usage: rasd migrate --from DB --to DB\n"
    "  Copies a whole store (documents, analysis rows, duplicates, stories, state) into\n"
    "  another, empty store: a SQLite file into a postgres:// database or back. The\n"
    "  target is created (SQLite) or its tables are (PostgreSQL); it must hold no document.\n"
    "  --from DB        the store to copy: a SQLite file or a postgres:// URL\n"
    "  --to DB          where to: a SQLite file or a postgres:// URL\n"
    "  --quiet          only problems and the summary\n"
    "Exit status: 0 copied, 1 the copy failed (the target is left as it was), 2 usage error\n"
    "Example:\n"
    "  rasd migrate --from news.db --to postgres://me@dbhost/news\n";

static void on_table(void *ctx, const char *table, size_t rows, bool links) {
    if (*(const bool *)ctx) return; /* --quiet */
    fprintf(stderr, "  %-13s %zu rows%s\n", table, rows, links ? " (duplicate links)" : "");
}

int cmd_migrate(int argc, char **argv) {
    static const struct option LONG[] = {
        {"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'},
        {"quiet", no_argument, 0, 'q'},      {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *from_t = NULL, *to_t = NULL;
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", LONG, NULL)) != -1) {
        switch (c) {
        case 'f': from_t = optarg; break;
        case 't': to_t = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (!from_t || !to_t || optind < argc) {
        cli_error("migrate: give --from DB and --to DB, and nothing else");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(from_t, to_t) == 0) {
        cli_error("migrate: --from and --to are the same database");
        return EXIT_USAGE;
    }
    struct stat stb;
    if (!rasd_store_is_pg(from_t) && stat(from_t, &stb) != 0) {
        cli_error("%s: no database here", from_t);
        return EXIT_USAGE;
    }
    rasd_error err = {0};
    rasd_lexicon *lex = rasd_lexicon_load(NULL, &err);
    if (!lex) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    rasd_migrate_counts n;
    int status = EXIT_INPUT_FAILED;
    switch (rasd_store_migrate(from_t, to_t, lex, on_table, &quiet, &n, &err)) {
    case RASD_MIGRATE_NOT_OPENED:
    case RASD_MIGRATE_NOT_EMPTY:
        cli_error("%s", err.message);
        status = EXIT_USAGE;
        break;
    case RASD_MIGRATE_NOT_COPIED: cli_error("%s (nothing was copied)", err.message); break;
    case RASD_MIGRATE_NOT_INDEXED:
        cli_error("%s (the rows are copied; the full-text index is not: run rasd migrate into an empty store again)",
                  err.message);
        break;
    case RASD_MIGRATE_DONE:
        fprintf(stderr, "rasd migrate: %s -> %s: %zu documents, %zu stories copied, full-text index rebuilt\n",
                from_t, to_t, n.documents, n.stories);
        status = EXIT_ALL_OK;
        break;
    }
    rasd_lexicon_destroy(lex);
    return status;
}
