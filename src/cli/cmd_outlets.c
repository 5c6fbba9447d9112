/*
 * cmd_outlets.c: `rasd outlets`: each outlet's articles and framing
 * profile (the labels it puts on each actor, most used first;
 * rasd_query_outlets). The table shows the top labels; --json has all.
 */
#include "cli_query.h"

#include <stdlib.h>

static const char USAGE[] =
    "usage: rasd outlets [--since D] [--until D] [--limit N] [--offset N] [--json | --csv] [--db PATH]\n"
    "  Lists outlets with their article counts and how they label actors.\n"
    "exit status (docs/cli.md): 0 some found, 1 none, 2 usage error or no database,\n"
    "  3 the database failed\n"
    "example: rasd outlets --since 2015-07-01 --db news.db\n";

int cmd_outlets(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "", &a, NULL, &first, &status)) return status;
    if (first < argc) {
        cli_error("outlets: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"outlet", "outlet", 30}, {"articles", "articles", 0}, {"first", "first", 0},
        {"last", "last", 0},      {"top labels", "top_labels", 80},
    };
    if (a.format == CLI_JSON) return cli_run_list(&a, rasd_query_outlets, COLS, 0);
    /* the table and CSV show labels as "actor: label ×n", the top five */
    cli_store_target t;
    if (!cli_store_target_init(&t, a.db, a.data_dir, true)) return EXIT_USAGE; /* no database */
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t, &err);
    rasd_buf out = {0};
    rasd_status st = s ? rasd_query_outlets(s, &a.q, &out, &err) : err.code;
    rasd_store_close(s);
    cli_store_target_free(&t);
    if (st != RASD_OK) {
        cli_error("%s", err.message);
        rasd_buf_free(&out);
        return s ? cli_exit_for(st) : EXIT_USAGE;
    }
    json_t *doc = json_loadb(out.data, out.len, 0, NULL);
    rasd_buf_free(&out);
    json_t *items = json_object_get(doc, "items"), *o;
    size_t i;
    json_array_foreach(items, i, o) {
        json_t *labels = json_object_get(o, "labels"), *l, *top = json_array();
        size_t j;
        json_array_foreach(labels, j, l) {
            if (j == 5) break;
            const char *who = json_string_value(json_object_get(l, "name"));
            if (!who) who = json_string_value(json_object_get(l, "actor"));
            json_array_append_new(top, json_sprintf("%s: %s ×%lld", who ? who : "?",
                                                    json_string_value(json_object_get(l, "label")),
                                                    (long long)json_integer_value(json_object_get(l, "count"))));
        }
        json_object_set_new(o, "top_labels", top);
    }
    cli_print_rows(stdout, items, COLS, sizeof COLS / sizeof COLS[0], a.format);
    status = json_array_size(items) ? EXIT_ALL_OK : EXIT_INPUT_FAILED; /* none found */
    json_decref(doc);
    return status;
}
