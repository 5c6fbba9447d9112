/*
 * cmd_outlets.c: `rasd outlets`: each outlet's articles and framing
 * profile (the labels it puts on each actor, most used first;
 * rasd_query_outlets). The table shows the top labels; --json has all.
 */
#include "cli_query.h"

#include <stdlib.h>

static const char USAGE[] =
    "usage: rasd outlets [options]\n"
    "  Lists outlets with their article counts, first and last dates, and the labels\n"
    "  each puts on each actor (the table shows the top five; JSON and CSV all).\n"
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
    "  rasd outlets --db news.db --since 2015-07-01\n";

int cmd_outlets(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "", &a, NULL, &first, &status)) return status;
    if (first < argc) {
        cli_error("outlets: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    if (a.q.outlet) { /* the list of outlets is not filtered by one */
        cli_error("outlets: --outlet is not an option of this command");
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"outlet", "outlet", 30}, {"articles", "articles", 0}, {"first", "first", 0},
        {"last", "last", 0},      {"top labels", "top_labels", 80},
    };
    if (a.format == CLI_JSON || a.format == CLI_JSONL)
        return cli_run_list(&a, rasd_query_outlets, COLS, sizeof COLS / sizeof COLS[0], "outlets");
    /* the table shows labels as "actor: label ×n", the top five; CSV all of
     * them as "actor:label:n", joined with | like rasd export's labels */
    rasd_buf raw = {0};
    json_t *doc = cli_query_list(&a, rasd_query_outlets, &raw, &status);
    rasd_buf_free(&raw);
    if (!doc) return status;
    json_t *items = json_object_get(doc, "items"), *o;
    size_t i;
    json_array_foreach(items, i, o) {
        json_t *labels = json_object_get(o, "labels"), *l, *shown = json_array();
        size_t j;
        json_array_foreach(labels, j, l) {
            if (a.format == CLI_TABLE && j == 5) break;
            const char *who = json_string_value(json_object_get(l, "name"));
            if (a.format == CLI_CSV || !who) who = json_string_value(json_object_get(l, "actor"));
            json_array_append_new(shown, json_sprintf(a.format == CLI_CSV ? "%s:%s:%lld" : "%s: %s ×%lld", who ? who : "?",
                                                      json_string_value(json_object_get(l, "label")),
                                                      (long long)json_integer_value(json_object_get(l, "count"))));
        }
        json_object_set_new(o, a.format == CLI_CSV ? "labels" : "top_labels", shown);
    }
    status = cli_print_answer(&a, doc, NULL, 0, COLS, sizeof COLS / sizeof COLS[0], "outlets");
    json_decref(doc);
    return status;
}
