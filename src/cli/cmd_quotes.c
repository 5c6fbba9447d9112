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
    CLI_LIST_HELP
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
