/*
 * cmd_quotes.c: `rasd quotes`: who said what, newest first, filtered by
 * speaker and dates (rasd_query_quotes).
 */
#include "cli_query.h"

static const char USAGE[] =
    "usage: rasd quotes [--speaker ID] [--since D] [--until D] [--outlet NAME] [--limit N] [--offset N]\n"
    "                   [--json | --csv] [--db PATH]\n"
    "  Lists quotes with their speakers (--speaker: an entity id, as `rasd actors --top` shows).\n"
    "exit status (docs/cli.md): 0 some found, 1 none, 2 usage error or no database,\n"
    "  3 the database failed\n"
    "example: rasd quotes --speaker person:X --db news.db --csv > quotes.csv\n";

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
    return cli_run_list(&a, rasd_query_quotes, COLS, sizeof COLS / sizeof COLS[0]);
}
