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
    CLI_LIST_HELP
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
