/*
 * cmd_events.c: `rasd events`: who did what to whom, newest first,
 * filtered by source actor, target, CAMEO code prefix and dates
 * (rasd_query_events).
 */
#include "cli_query.h"

static const char USAGE[] =
    "usage: rasd events [options]\n"
    "  Lists coded events (who did what to whom), newest first.\n"
    "  --actor ID     the source actor\n"
    "  --target ID    the target actor\n"
    "  --cameo CODE   a CAMEO code prefix (19: every kind of fighting; 190 its generic code)\n"
    "  --outlet NAME  only events of this outlet's articles\n"
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
    "  rasd events --db news.db --cameo 19 --since 2015-07-01\n"
    "  rasd events --db news.db --actor sdf --jsonl > sdf-events.jsonl\n";

int cmd_events(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "actor target cameo", &a, NULL, &first, &status)) return status;
    if (first < argc) {
        cli_error("events: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"date", "date", 0},     {"source", "source", 24}, {"cameo", "cameo", 0}, {"target", "target", 24},
        {"outlet", "outlet", 20}, {"doc", "doc", 0},        {"trigger", "text", 12}, {"context", "context", 60},
    };
    return cli_run_list(&a, rasd_query_events, COLS, sizeof COLS / sizeof COLS[0], "events");
}
