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

static const char TOP_USAGE[] =
    "usage: rasd actors --top [--type TYPE] [--since D] [--until D] [--outlet NAME] [--limit N] [--offset N]\n"
    "                   [--json | --csv] [--db PATH]\n"
    "  the actors the stored articles mention most\n";

static int actors_top(int argc, char **argv) {
    cli_query_args a;
    bool top;
    int first, status;
    if (!cli_query_args_parse(argc, argv, TOP_USAGE, "type top", &a, &top, &first, &status)) return status;
    if (first < argc) {
        cli_error("actors: unexpected argument \"%s\"", argv[first]);
        return EXIT_USAGE;
    }
    static const cli_column COLS[] = {
        {"id", "id", 32},           {"type", "type", 0},           {"country", "country", 0},
        {"mentions", "mentions", 0}, {"articles", "articles", 0}, {"name", "name", 40},
    };
    return cli_run_list(&a, rasd_query_actors, COLS, sizeof COLS / sizeof COLS[0]);
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
    static const struct option LONG[] = {
        {"type", required_argument, 0, 't'}, {"country", required_argument, 0, 'c'},
        {"json", no_argument, 0, 'j'},       {"data", required_argument, 0, 'd'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0},
    };
    const char *type = NULL, *country = NULL, *data_dir = NULL;
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", LONG, NULL)) != -1) {
        switch (c) {
        case 't': type = optarg; break;
        case 'c': country = optarg; break;
        case 'j': json = true; break;
        case 'd': data_dir = optarg; break;
        case 'h':
            puts("usage: rasd actors [--type TYPE] [--country ISO3] [--json] [--data DIR]\n"
                 "  lists the knowledge base's actors (data/kb/); `rasd actors --top --help`: the store's");
            return EXIT_ALL_OK;
        default: return EXIT_USAGE;
        }
    }
    rasd_error err = {0};
    rasd_knowledge_options opt = {data_dir, NULL};
    rasd_knowledge *kn = rasd_knowledge_load(&opt, &err);
    if (!kn) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    size_t shown = 0;
    for (size_t i = 0; i < kn->n_actors; i++) {
        const rasd_actor *a = &kn->actors[i];
        if ((type && strcmp(type, a->type) != 0) || (country && strcmp(country, a->country) != 0)) continue;
        shown++;
        if (json) {
            json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", a->id, "type", a->type,
                                  "country", a->country, "parent", a->parent_id, "cameo", a->cameo, "name_en",
                                  a->name_en, "name_ar", a->name_ar, "aliases", aliases_json(a), "loaded",
                                  loaded_json(a), "source", kn->files[a->file]);
            char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
            if (s) puts(s);
            free(s);
            json_decref(o);
        } else {
            printf("%-28s %-12s %-4s %-24s %s\n", a->id, a->type, *a->country ? a->country : "-", a->name_en, a->name_ar);
        }
    }
    if (!json)
        fprintf(stderr, "%zu of %zu actors; %zu places; %zu names; loaded in %.1f ms\n", shown, kn->n_actors,
                kn->n_places, kn->n_names, kn->load_ms);
    rasd_knowledge_destroy(kn);
    return EXIT_ALL_OK;
}
