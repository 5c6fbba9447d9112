/*
 * cmd_stories.c: `rasd stories`: the stories of the store, largest first,
 * filtered by date range, outlet or actor (rasd_query_stories).
 */
#include "cli_query.h"

static const char USAGE[] =
    "usage: rasd stories [--since D] [--until D] [--outlet NAME] [--actor ID] [--limit N] [--offset N]\n"
    "                    [--json | --csv] [--db PATH]\n"
    "  Lists stories (articles about one thing, across outlets), largest first.\n"
    "  --limit N (default 20) and --offset N page through them; --json prints the store's\n"
    "  answer as one document, --csv one row per story. On a terminal, control\n"
    "  characters of titles are shown escaped (\\x1b); JSON and CSV keep the exact text.\n"
    "exit status (docs/cli.md): 0 some found, 1 none, 2 usage error or no database,\n"
    "  3 the database failed\n"
    "example: rasd stories --since 2015-07-01 --outlet sabq --db news.db\n";

int cmd_stories(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "actor", &a, NULL, &first, &status)) return status;
    if (first < argc) {
        cli_error("stories: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"id", "id", 0},         {"articles", "articles", 0}, {"first", "first_seen", 0},
        {"last", "last_seen", 0}, {"outlets", "outlets", 40}, {"title", "title", 60},
    };
    return cli_run_list(&a, rasd_query_stories, COLS, sizeof COLS / sizeof COLS[0]);
}
