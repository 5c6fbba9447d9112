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
    CLI_LIST_HELP
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
