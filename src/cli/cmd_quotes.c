/*
 * cmd_quotes.c: `rasd quotes`: who said what, newest first, filtered by
 * speaker and dates (rasd_query_quotes).
 */
#include "cli_query.h"

static const char USAGE[] =
    "usage: rasd quotes [options]\n"
    "  Lists quotes with their speakers, newest first.\n"
    "  --speaker ID   an entity id, as `rasd actors --top` shows it\n"
    "  --outlet NAME  only quotes of this outlet's articles\n"
    "  --since D, --until D  dates YYYY-MM-DD, inclusive (default: no bound)\n"
    "  --limit N      at most N rows (default 20; over 500 asked page by page; all: every row)\n"
    "  --offset N     skip the first N rows (default 0)\n"
    "  --json         one JSON document: {\"total\", \"limit\", \"offset\", \"items\": [...]}\n"
    "  --jsonl        one JSON object per row per line\n"
    "  --csv          RFC 4180 CSV, a header of the JSON's field names (lists joined with |, null empty)\n"
    "  --db PATH|URL  the store: a SQLite file or a postgres:// URL (default: $RASD_DB, else ./rasd.db)\n"
    "  --data DIR     rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "  A table on the terminal (control characters of articles escaped), then on stderr\n"
    "  which rows these are: \"showing 1-20 of 345 ...\". Conventions: docs/cli.md.\n"
    "Exit status: 0 some rows shown, 1 none (on this page), 2 usage error or no database,\n"
    "  3 the database failed\n"
    "Example:\n"
    "  rasd quotes --db news.db --speaker usa-mil --csv > quotes.csv\n";

int cmd_quotes(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "speaker", &a, NULL, &first, &status)) return status;
    if (first < argc) {
        cli_error("quotes: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"published", "published", 0}, {"speaker", "speaker", 24}, {"as written", "speaker_text", 24},
        {"outlet", "outlet", 20},      {"doc", "doc", 0},          {"quote", "text", 70},
    };
    return cli_run_list(&a, rasd_query_quotes, COLS, sizeof COLS / sizeof COLS[0], "quotes");
}
