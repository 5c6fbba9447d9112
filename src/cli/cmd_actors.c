/*
 * cmd_actors.c: `rasd actors`: lists the knowledge base's actors, as a
 * table or as JSON lines, filtered by type or country; with --top, the
 * actors the store's articles name most (rasd_query_actors).
 */
#include "cli.h"
#include "cli_query.h"
#include "knowledge/knowledge.h"

#include <getopt.h>
#include <jansson.h>
#include <string.h>

static const char USAGE[] =
    "usage: rasd actors [--type TYPE] [--country ISO3] [--limit N] [--offset N] [--json | --jsonl | --csv]\n"
    "                   [--data DIR]\n"
    "       rasd actors --top [--type TYPE] [--since D] [--until D] [--outlet NAME] [--limit N] [--offset N]\n"
    "                   [--json | --jsonl | --csv] [--db PATH]\n"
    "  Without --top: the knowledge base's actors (data/kb/), in its order, with their\n"
    "  names, aliases and loaded names. With --top: the actors the stored articles\n"
    "  mention most (people and organisations found only in text included).\n"
    "  --type TYPE     an actor type: state, armed_group, person, party, ... (default: all)\n"
    "  --country ISO3  the knowledge base's actors of this country (without --top)\n"
    "  --top           the store's actors, by mentions\n"
    "  --since D, --until D, --outlet NAME  (--top) only mentions in these articles\n"
    "  --limit N       at most N rows (default 20; all: every row)\n"
    "  --offset N      skip the first N rows (default 0)\n"
    "  --json          one JSON document: {\"total\", \"limit\", \"offset\", \"items\": [...]}\n"
    "  --jsonl         one JSON object per actor per line\n"
    "  --csv           RFC 4180 CSV, a header of the JSON's field names (lists joined with |)\n"
    "  --db PATH|URL   (--top) the store (default: $RASD_DB, else ./rasd.db)\n"
    "  --data DIR      rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "  On stderr, which rows these are: \"showing 1-20 of 64 actors\". Conventions: docs/cli.md.\n"
    "Exit status: 0 some actors shown, 1 none, 2 usage error, no database (--top) or no\n"
    "  knowledge base, 3 the database failed\n"
    "Example:\n"
    "  rasd actors --type armed_group --country SYR\n"
    "  rasd actors --top --db news.db --type person --limit 50\n";

static int actors_top(int argc, char **argv) {
    cli_query_args a;
    bool top;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "type top", &a, &top, &first, &status)) return status;
    if (first < argc) {
        cli_error("actors: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"id", "id", 32},           {"type", "type", 0},           {"country", "country", 0},
        {"mentions", "mentions", 0}, {"articles", "articles", 0}, {"name", "name", 40},
    };
    return cli_run_list(&a, rasd_query_actors, COLS, sizeof COLS / sizeof COLS[0], "actors");
}

static void add_alias(void *ctx, const char *name, size_t n, const char *label, size_t label_len) {
    (void)label, (void)label_len;
    json_array_append_new(ctx, json_stringn(name, n));
}

static void add_loaded(void *ctx, const char *name, size_t n, const char *label, size_t label_len) {
    json_array_append_new(ctx, json_pack("{s:s%, s:s%}", "name", name, n, "label", label ? label : "",
                                         label ? label_len : 0));
}

/* Every alias, Arabic then English, as the knowledge base lists them. */
static json_t *aliases_json(const rasd_actor *a) {
    json_t *arr = json_array();
    rasd_actor_each_name(a->aliases_ar, add_alias, arr);
    rasd_actor_each_name(a->aliases_en, add_alias, arr);
    return arr;
}

/* Loaded names with their category: [{"name": "ميليشيات قنديل", "label": "militia"}]. */
static json_t *loaded_json(const rasd_actor *a) {
    json_t *arr = json_array();
    rasd_actor_each_name(a->loaded_ar, add_loaded, arr);
    return arr;
}

int cmd_actors(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--top") == 0) return actors_top(argc, argv);
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "type country", &a, NULL, &first, &status)) return status;
    const char *store_only = a.db ? "--db" : a.q.since ? "--since" : a.q.until ? "--until" : a.q.outlet ? "--outlet" : NULL;
    if (store_only || first < argc) {
        if (store_only) cli_error("actors: %s reads the store: with --top only", store_only);
        else cli_error("actors: unexpected argument \"%s\"", argv[first]);
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    rasd_error err = {0};
    rasd_knowledge_options opt = {a.data_dir, NULL};
    rasd_knowledge *kn = rasd_knowledge_load(&opt, &err);
    if (!kn) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    /* the same answer as a list of the store: {"total", "limit", "offset", "items"} */
    size_t limit = a.q.limit ? a.q.limit : RASD_QUERY_DEFAULT_LIMIT, total = 0;
    json_t *items = json_array();
    for (size_t i = 0; i < kn->n_actors; i++) {
        const rasd_actor *x = &kn->actors[i];
        if ((a.q.type && strcmp(a.q.type, x->type) != 0) || (a.country && strcmp(a.country, x->country) != 0)) continue;
        if (total++ < a.q.offset || json_array_size(items) >= limit) continue;
        json_array_append_new(items, json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:o, s:o, s:s}", "id", x->id,
                                               "type", x->type, "country", *x->country ? x->country : NULL, "parent",
                                               *x->parent_id ? x->parent_id : NULL, "cameo",
                                               *x->cameo ? x->cameo : NULL, "name_en", x->name_en, "name_ar",
                                               x->name_ar, "aliases", aliases_json(x), "loaded", loaded_json(x),
                                               "source", kn->files[x->file]));
    }
    json_t *doc = json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "limit",
                            (json_int_t)(a.q.limit >= SIZE_MAX / 2 ? total : limit), "offset", (json_int_t)a.q.offset,
                            "items", items);
    static const cli_column COLS[] = {
        {"id", "id", 28},          {"type", "type", 0},          {"country", "country", 0},
        {"name_en", "name_en", 32}, {"name_ar", "name_ar", 40},
    };
    status = cli_print_answer(&a, doc, NULL, 0, COLS, sizeof COLS / sizeof COLS[0], "actors");
    json_decref(doc);
    rasd_knowledge_destroy(kn);
    return status;
}
