/*
 * cmd_story.c: `rasd story ID`: one story as an analyst reads it: its
 * articles by outlet, the labels each outlet puts on each actor, quotes
 * by speaker, events in date order and places (rasd_query_story).
 */
#include "cli_query.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: rasd story ID [--json | --jsonl | --csv] [--db PATH] [--data DIR]\n"
    "  Shows one story (ID: a story id, as rasd stories lists them): articles by outlet,\n"
    "  each actor's labels per outlet (framing), quotes by speaker, events and places.\n"
    "  --json         the story as one JSON document (GET /api/story/ID)\n"
    "  --jsonl        the same document on one line\n"
    "  --csv          its articles, one row each, a header of the JSON's field names\n"
    "  --db PATH|URL  the store (default: $RASD_DB, else ./rasd.db)\n"
    "  --data DIR     rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "  On a terminal, control characters of articles are shown escaped. Conventions: docs/cli.md.\n"
    "Exit status: 0 shown, 1 no such story, 2 usage error or no database,\n"
    "  3 the database failed\n"
    "Example:\n"
    "  rasd story 12 --db news.db\n";

static void section(const char *title, json_t *items, const cli_column *cols, size_t n, cli_format format) {
    if (format == CLI_TABLE) printf("\n== %s (%zu)\n", title, json_array_size(items));
    if (json_array_size(items)) cli_print_rows(stdout, items, cols, n, format);
}

int cmd_story(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "", &a, NULL, &first, &status)) return status;
    /* one record: the list options would be silently ignored */
    const char *list_only = a.q.limit    ? "--limit"
                            : a.q.offset ? "--offset"
                            : a.q.since  ? "--since"
                            : a.q.until  ? "--until"
                            : a.q.outlet ? "--outlet"
                                         : NULL;
    if (list_only) {
        cli_error("story: %s is an option of the lists (rasd stories), not of one story", list_only);
        return EXIT_USAGE;
    }
    if (first + 1 != argc) {
        cli_error("story: one story id is needed");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *id_text = argv[first];
    char *end;
    long long id = strtoll(id_text, &end, 10);
    if (*end || id <= 0) {
        cli_error("story: \"%s\" is not a story id (a positive number)", id_text);
        return EXIT_USAGE;
    }
    cli_store_target t;
    if (!cli_store_target_init(&t, a.db, a.data_dir, true)) return EXIT_USAGE; /* no database */
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t, &err);
    rasd_buf out = {0};
    rasd_status st = s ? rasd_query_story(s, id, &out, &err) : err.code;
    rasd_store_close(s);
    cli_store_target_free(&t);
    if (st != RASD_OK) {
        cli_error("%s", err.message);
        rasd_buf_free(&out);
        return s ? cli_exit_for(st) : EXIT_USAGE;
    }
    /* one record: --jsonl is the same document, on its one line */
    if (a.format == CLI_JSON || a.format == CLI_JSONL) {
        fwrite(out.data, 1, out.len, stdout);
        fputc('\n', stdout);
        rasd_buf_free(&out);
        return EXIT_ALL_OK;
    }
    json_t *doc = json_loadb(out.data, out.len, 0, NULL);
    rasd_buf_free(&out);
    if (!doc) {
        cli_error("story %lld: the store's answer is not JSON", id);
        return EXIT_INPUT_FAILED;
    }
    /* articles, flattened with their outlet */
    json_t *articles = json_array(), *o, *x;
    size_t i, j;
    json_array_foreach(json_object_get(doc, "outlets"), i, o) {
        json_array_foreach(json_object_get(o, "articles"), j, x) {
            json_object_set(x, "outlet", json_object_get(o, "outlet"));
            json_array_append(articles, x);
        }
    }
    static const cli_column ARTICLES[] = {
        {"outlet", "outlet", 24}, {"id", "id", 0}, {"published", "published", 0}, {"title", "title", 70}};
    if (a.format == CLI_CSV) {
        cli_print_rows(stdout, articles, ARTICLES, 4, CLI_CSV);
    } else {
        printf("story %lld: ", id); /* the title is an article's: escaped for the terminal */
        cli_term_puts(stdout, json_string_value(json_object_get(doc, "title")) ? json_string_value(json_object_get(doc, "title"))
                                                                               : "(untitled)", true);
        printf("\n%s to %s, %lld articles\n",
               json_string_value(json_object_get(doc, "first_seen")) ? json_string_value(json_object_get(doc, "first_seen")) : "?",
               json_string_value(json_object_get(doc, "last_seen")) ? json_string_value(json_object_get(doc, "last_seen")) : "?",
               (long long)json_integer_value(json_object_get(doc, "articles")));
        section("articles by outlet", articles, ARTICLES, 4, CLI_TABLE);
        static const cli_column LABELS[] = {
            {"actor", "actor", 24}, {"name", "name", 24}, {"outlet", "outlet", 24}, {"label", "label", 20}, {"count", "count", 0}};
        section("labels per outlet (framing)", json_object_get(doc, "labels"), LABELS, 5, CLI_TABLE);
        /* quotes, flattened with their speaker */
        json_t *quotes = json_array();
        json_array_foreach(json_object_get(doc, "quotes"), i, o) {
            json_array_foreach(json_object_get(o, "quotes"), j, x) {
                json_object_set(x, "speaker", json_object_get(o, json_is_string(json_object_get(o, "speaker")) ? "speaker" : "speaker_text"));
                json_array_append(quotes, x);
            }
        }
        static const cli_column QUOTES[] = {
            {"speaker", "speaker", 24}, {"outlet", "outlet", 20}, {"doc", "doc", 0}, {"quote", "text", 70}};
        section("quotes by speaker", quotes, QUOTES, 4, CLI_TABLE);
        json_decref(quotes);
        static const cli_column EVENTS[] = {{"date", "date", 0},     {"source", "source", 24}, {"cameo", "cameo", 0},
                                            {"target", "target", 24}, {"doc", "doc", 0},        {"context", "context", 50}};
        section("events", json_object_get(doc, "events"), EVENTS, 6, CLI_TABLE);
        static const cli_column PLACES[] = {{"place", "name", 24}, {"id", "id", 24}, {"lat", "lat", 0},
                                            {"lon", "lon", 0},    {"mentions", "mentions", 0}};
        section("places", json_object_get(doc, "places"), PLACES, 5, CLI_TABLE);
    }
    json_decref(articles);
    json_decref(doc);
    return EXIT_ALL_OK;
}
