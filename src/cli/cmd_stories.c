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
    CLI_LIST_HELP
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
