/*
 * cli_query.h: what the query commands (stories, story, events, quotes,
 * actors --top, outlets, export) and `rasd serve` share: the store they
 * open, their common options, and one printer that shows a query's JSON
 * answer as a table on a terminal (Arabic as it is), as CSV, or as the
 * JSON itself.
 */
#ifndef RASD_CLI_QUERY_H
#define RASD_CLI_QUERY_H

#include "cli.h"
#include "storage/queries.h"

#include <jansson.h>

/* The options and exit statuses every list of the store shares (events,
 * outlets, quotes, stories), written once so their --help cannot drift
 * apart: docs/cli.md states the same conventions. */
#define CLI_LIST_HELP \
    "  --limit N      at most N rows (default 20; over 500 asked page by page; all: every row)\n" \
    "  --offset N     skip the first N rows (default 0)\n" \
    "  --json         one JSON document: {\"total\", \"limit\", \"offset\", \"items\": [...]}\n" \
    "  --jsonl        one JSON object per row per line\n" \
    "  --csv          RFC 4180 CSV, a header of the JSON's field names (lists joined with |, null empty)\n" \
    "  --db PATH|URL  the store: a SQLite file or a postgres:// URL (default: $RASD_DB, else ./rasd.db)\n" \
    "  --data DIR     rasd's data directory (default: $RASD_DATA, else the built-in one)\n" \
    "  A table on the terminal (control characters of articles escaped), then on stderr\n" \
    "  which rows these are: \"showing 1-20 of 345 ...\". Conventions: docs/cli.md.\n" \
    "Exit status: 0 some rows shown, 1 none (on this page), 2 usage error or no database,\n" \
    "  3 the database failed\n"

/* The database a command reads, and the lexicon its full-text index
 * needs. open() may be called once per thread. */
typedef struct cli_store_target {
    const char *path;
    rasd_lexicon *lex;
} cli_store_target;

/* db: --db or NULL ($RASD_DB, else rasd.db). must_exist: a missing file is
 * an error (reading commands) rather than a new empty database. Prints why
 * and returns false on failure. */
bool cli_store_target_init(cli_store_target *t, const char *db, const char *data_dir, bool must_exist);
rasd_store *cli_store_target_open(void *target, rasd_error *err);
void cli_store_target_free(cli_store_target *t);

/* The output of every listing command (docs/cli.md): a table for a
 * person, one JSON document (--json), JSON Lines (--jsonl: one item per
 * line) or RFC 4180 CSV (--csv) whose header names the JSON's fields. */
typedef enum cli_format { CLI_TABLE = 0, CLI_JSON, CLI_JSONL, CLI_CSV } cli_format;

/* Options every listing command takes; parsed by cli_query_args. q.limit
 * is the limit asked for (0: the default, RASD_QUERY_DEFAULT_LIMIT), which
 * may be over the store's page size: cli_run_list then asks page after
 * page, so that a list never stops silently at RASD_QUERY_MAX_LIMIT. */
typedef struct cli_query_args {
    rasd_query q;
    const char *db, *data_dir;
    const char *country; /* rasd actors (the knowledge base) */
    cli_format format;
} cli_query_args;

/* Parses argv with the common options (--db --data --json --jsonl --csv
 * --limit --offset --since --until --outlet) plus the command's own, given
 * as "actor target cameo speaker type place country top" names in `extra`
 * (each taking a value except `top`). *top is set by --top when asked for.
 * Positional arguments are left at argv[*first..argc). Prints usage and
 * returns false, with *status, when the command should stop. */
bool cli_query_args_parse(int argc, char **argv, const char *usage, const char *extra, cli_query_args *a,
                          bool *top, int *first, int *status);

/* One column of a table: header, the member it shows (a dotted path:
 * "kb.name_ar"; an array's values are joined with ", "), and a width cap
 * in terminal cells (0: none). */
typedef struct cli_column {
    const char *header, *path;
    int max_width;
} cli_column;

/* Prints the items of a JSON array as an aligned table of cols (widths
 * measured in terminal cells, so Arabic and combining marks line up) or
 * as CSV: RFC 4180, a header line of the items' own field names (every
 * member holding a value or a list of values, in the JSON's order; lists
 * joined with "|", null empty), so CSV and JSON name a field alike. With
 * no items, the CSV header is the cols' paths. */
void cli_print_rows(FILE *out, json_t *items, const cli_column *cols, size_t n_cols, cli_format format);

/* Prints a list answer ({"total", "limit", "offset", "items"}) in a's
 * format: --json the document (raw: its bytes as they are, else dumped),
 * --jsonl its items one per line, CSV or a table of cols; for all but
 * --json a line on stderr says which rows these are ("showing 1-20 of 345
 * stories") and how to see more. Returns 0 when the page holds items, 1
 * when it holds none, 3 when doc is not a list. */
int cli_print_answer(const cli_query_args *a, json_t *doc, const char *raw, size_t raw_len, const cli_column *cols,
                     size_t n_cols, const char *what);

/* The line on stderr after a page of a list: "showing 1-20 of 345
 * stories", and how to see more when the page is not the end. */
void cli_print_showing(const cli_query_args *a, json_t *doc, const char *what);

/* The exit status (cli.h, docs/cli.md) of a query that failed with st: a
 * bad question 2, nothing there 1, the database or memory failing 3. */
int cli_exit_for(rasd_status st);

/* Runs a list query and returns its answer as one document, pages of at
 * most RASD_QUERY_MAX_LIMIT put together when a->q.limit is larger; *raw
 * is the store's own bytes when one page answered (else NULL). NULL, with
 * *status and a message, on failure. */
typedef rasd_status (*cli_list_query)(rasd_store *, const rasd_query *, rasd_buf *, rasd_error *);
json_t *cli_query_list(const cli_query_args *a, cli_list_query fn, rasd_buf *raw, int *status);

/* cli_query_list, then cli_print_answer. Returns the exit status: 0 some
 * found, 1 none, 2 a usage error or no database, 3 the database failed. */
int cli_run_list(const cli_query_args *a, cli_list_query fn, const cli_column *cols, size_t n_cols,
                 const char *what);

#endif
