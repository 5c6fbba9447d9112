/*
 * cmd_events.c: `rasd events`: who did what to whom, newest first,
 * filtered by source actor, target, CAMEO code prefix and dates
 * (rasd_query_events).
 */
#include "cli_query.h"

static const char USAGE[] =
    "usage: rasd events [--actor ID] [--target ID] [--cameo PREFIX] [--since D] [--until D]\n"
    "                   [--outlet NAME] [--limit N] [--offset N] [--json | --csv] [--db PATH]\n"
    "  Lists coded events: --actor is the source, --target the target, --cameo a CAMEO\n"
    "  code prefix (19: fight, 190-196 below it).\n"
    "exit status (docs/cli.md): 0 some found, 1 none, 2 usage error or no database,\n"
    "  3 the database failed\n"
    "example: rasd events --cameo 19 --since 2015-07-01 --db news.db\n";

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
    return cli_run_list(&a, rasd_query_events, COLS, sizeof COLS / sizeof COLS[0]);
}
