/*
 * cmd_stories.c: `rasd stories`: the stories of the store, largest first,
 * filtered by date range, outlet or actor (rasd_query_stories).
 */
#include "cli_query.h"

static const char USAGE[] =
    "usage: rasd stories [options]\n"
    "  Lists stories (articles about one thing, across outlets), largest first, then newest.\n"
    "  --outlet NAME  only stories with an article of this outlet\n"
    "  --actor ID     only stories whose articles name this actor\n"
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
    "  rasd stories --db news.db --since 2015-07-01 --outlet sabq\n"
    "  rasd stories --db news.db --limit all --csv > stories.csv\n";

int cmd_stories(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "actor", &a, NULL, &first, &status)) return status;
    if (first < argc) {
        cli_error("stories: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"id", "id", 0},         {"articles", "articles", 0}, {"first_seen", "first_seen", 0},
        {"last_seen", "last_seen", 0}, {"outlets", "outlets", 40}, {"title", "title", 60},
    };
    return cli_run_list(&a, rasd_query_stories, COLS, sizeof COLS / sizeof COLS[0], "stories");
}
