/*
 * cmd_lookup.c: `rasd lookup NAME...`: what a name (or any phrase) resolves
 * to and why: each actor, person and place found, the rule that found it,
 * and the data file and line that define it. Text for a person; --json
 * one document ({"total", "limit", "offset", "items"}: one item per
 * phrase, as the lists of docs/cli.md) or --jsonl one object per phrase.
 */
#include "cli.h"
#include "extract/entities.h"

#include <jansson.h>
#include <string.h>

static json_t *span_json(const char *text, size_t start, size_t end, const char *rule) {
    return json_pack("{s:s%, s:I, s:I, s:s}", "text", text + start, end - start, "start", (json_int_t)start, "end",
                     (json_int_t)end, "rule", rule ? rule : "");
}

/* One phrase: {"text", "actors": [...], "places": [...]}; printed as text
 * too unless json. Returns NULL when memory ran out. */
static json_t *show(const rasd_knowledge *kn, rasd_analyzer *an, const char *text, bool json) {
    rasd_entity_extractor *x = rasd_entity_extractor_new(kn, an, text, strlen(text));
    rasd_token toks[256];
    size_t n = 0;
    rasd_tokenizer tz;
    rasd_tokenizer_init(&tz, text, strlen(text));
    while (n < 256 && rasd_tokenizer_next(&tz, &toks[n])) n++;
    rasd_entities es = {0};
    if (!x || rasd_entity_extract_sentence(x, toks, n, 0) != RASD_OK || rasd_entity_extractor_finish(x, &es) != RASD_OK) {
        cli_error("out of memory");
        rasd_entity_extractor_destroy(x);
        return NULL;
    }
    json_t *actors = json_array(), *places = json_array();
    if (!json) printf("%s\n", text);
    if (!json && es.count == 0 && es.n_places == 0) printf("  (nothing known)\n");
    for (size_t i = 0; i < es.count; i++) {
        const rasd_entity *e = &es.items[i];
        const rasd_actor *a = e->actor != UINT32_MAX ? &kn->actors[e->actor] : NULL;
        json_t *o = json_pack("{s:s, s:s, s:s?}", "id", e->id, "type", a ? a->type : "person", "country",
                              a && *a->country ? a->country : NULL);
        if (a) {
            json_object_set_new(o, "name_en", json_string(a->name_en));
            json_object_set_new(o, "name_ar", json_string(a->name_ar));
            json_object_set_new(o, "defined_at", json_sprintf("%s:%u", kn->files[a->file], a->line));
        }
        json_object_set_new(o, "title", e->title ? json_string(e->title) : json_null());
        json_object_set_new(o, "role", e->role ? json_string(e->role) : json_null());
        json_object_set_new(o, "affiliation", e->affiliation != UINT32_MAX ? json_string(es.items[e->affiliation].id)
                                                                          : json_null());
        json_t *mentions = json_array();
        if (!json) {
            printf("  actor  %s (%s%s%s)", e->id, a ? a->type : "person", a && *a->country ? ", " : "",
                   a ? a->country : "");
            if (a) printf(" %s / %s, defined at %s:%u", a->name_en, a->name_ar, kn->files[a->file], a->line);
            if (e->title) printf(" title=%s", e->title);
            if (e->role) printf(" role=%s", e->role);
            if (e->affiliation != UINT32_MAX) printf(" affiliation=%s", es.items[e->affiliation].id);
            putchar('\n');
        }
        for (size_t m = 0; m < e->n_mentions; m++) {
            const char *label = e->mentions[m].label ? kn->labels[e->mentions[m].label] : NULL;
            json_t *s = span_json(text, e->mentions[m].start, e->mentions[m].end, e->mentions[m].rule);
            json_object_set_new(s, "label", label ? json_string(label) : json_null());
            json_array_append_new(mentions, s);
            if (!json)
                printf("         \"%.*s\" [%zu,%zu) by %s%s%s\n", (int)(e->mentions[m].end - e->mentions[m].start),
                       text + e->mentions[m].start, e->mentions[m].start, e->mentions[m].end, e->mentions[m].rule,
                       label ? ", loaded label: " : "", label ? label : "");
        }
        json_object_set_new(o, "mentions", mentions);
        json_array_append_new(actors, o);
    }
    for (size_t i = 0; i < es.n_places; i++) {
        const rasd_place_hit *h = &es.places[i];
        json_t *o, *mentions = json_array();
        if (h->place == UINT32_MAX) {
            o = json_pack("{s:s+, s:s, s:s}", "id", "country:", kn->actors[h->actor].country, "country",
                          kn->actors[h->actor].country, "state", kn->actors[h->actor].id);
            if (!json) printf("  place  country:%s (the state %s)\n", kn->actors[h->actor].country, kn->actors[h->actor].id);
        } else {
            const rasd_place *p = &kn->places[h->place];
            o = json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:s}", "id", p->id, "name_en", p->name_en, "name_ar",
                          p->name_ar, "country", p->country, "lat", p->lat, "lon", p->lon, "feature", p->feature,
                          "source", p->source);
            if (!json)
                printf("  place  %s %s / %s (%s, %.4f, %.4f, %s, source: %s)\n", p->id, p->name_en, p->name_ar,
                       p->country, p->lat, p->lon, p->feature, p->source);
        }
        for (size_t m = 0; m < h->n_mentions; m++) {
            json_array_append_new(mentions, span_json(text, h->mentions[m].start, h->mentions[m].end, h->mentions[m].rule));
            if (!json && h->place != UINT32_MAX)
                printf("         \"%.*s\" [%zu,%zu) by %s\n", (int)(h->mentions[m].end - h->mentions[m].start),
                       text + h->mentions[m].start, h->mentions[m].start, h->mentions[m].end, h->mentions[m].rule);
        }
        json_object_set_new(o, "mentions", mentions);
        json_array_append_new(places, o);
    }
    rasd_entities_free(&es);
    rasd_entity_extractor_destroy(x);
    return json_pack("{s:s, s:o, s:o}", "text", text, "actors", actors, "places", places);
}

static const char USAGE[] =
    "usage: rasd lookup [--json | --jsonl] [--data DIR] NAME...\n"
    "  Shows what each name or phrase resolves to, and why: each actor, person and place\n"
    "  found, the rule that found it, and the data file and line that define it.\n"
    "  --json      one JSON document: {\"total\", \"limit\", \"offset\", \"items\": [one per NAME:\n"
    "              {\"text\", \"actors\", \"places\"}]}\n"
    "  --jsonl     one JSON object per NAME per line\n"
    "  --data DIR  rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "Exit status: 0 looked up (\"(nothing known)\" is an answer too), 2 usage error or no data\n"
    "Example:\n"
    "  rasd lookup \"قوات سوريا الديمقراطية\" \"وزير الخارجية التركي\"\n";

int cmd_lookup(int argc, char **argv) {
    /* --json or --jsonl first, then cli_phrase_args' [--data DIR] NAME... */
    bool json = false, jsonl = false;
    while (argc > 1 && (strcmp(argv[1], "--json") == 0 || strcmp(argv[1], "--jsonl") == 0)) {
        if (argv[1][6] == 'l') jsonl = true;
        else json = true;
        argv[1] = argv[0];
        argv++, argc--;
    }
    if (json && jsonl) {
        cli_error("--json and --jsonl: one output format at a time");
        return EXIT_USAGE;
    }
    const char *data_dir;
    int first, status;
    if (!cli_phrase_args(argc, argv, USAGE, &data_dir, &first, &status)) return status;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--jsonl") == 0) {
            cli_error("lookup: %s goes before the names", argv[i]);
            return EXIT_USAGE;
        }
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    rasd_error err = {0};
    rasd_knowledge_options opt = {data_dir, NULL};
    rasd_knowledge *kn = lex ? rasd_knowledge_load(&opt, &err) : NULL;
    rasd_analyzer *an = kn ? rasd_analyzer_new(lex, &err) : NULL;
    if (!an) {
        if (lex) cli_error("%s", err.message);
        rasd_knowledge_destroy(kn);
        rasd_lexicon_destroy(lex);
        return EXIT_USAGE;
    }
    json_t *items = json_array();
    status = EXIT_ALL_OK;
    for (int i = first; i < argc; i++) {
        json_t *o = show(kn, an, argv[i], json || jsonl);
        if (!o) {
            status = EXIT_ABORTED;
            break;
        }
        if (jsonl) {
            json_dumpf(o, stdout, JSON_COMPACT);
            putchar('\n');
        }
        json_array_append_new(items, o);
    }
    if (json && status == EXIT_ALL_OK) {
        json_int_t n = (json_int_t)json_array_size(items);
        json_t *doc = json_pack("{s:I, s:I, s:I, s:O}", "total", n, "limit", n, "offset", (json_int_t)0, "items", items);
        json_dumpf(doc, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(doc);
    }
    json_decref(items);
    rasd_analyzer_destroy(an);
    rasd_knowledge_destroy(kn);
    rasd_lexicon_destroy(lex);
    return status;
}
