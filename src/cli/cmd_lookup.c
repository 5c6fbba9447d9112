/*
 * cmd_lookup.c: `rasd lookup NAME...`: what a name (or any phrase) resolves
 * to and why: each actor, person and place found, the rule that found it,
 * and the data file and line that define it.
 */
#include "cli.h"
#include "extract/entities.h"

#include <string.h>

static void show(const rasd_knowledge *kn, rasd_analyzer *an, const char *text) {
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
        return;
    }
    printf("%s\n", text);
    if (es.count == 0 && es.n_places == 0) printf("  (nothing known)\n");
    for (size_t i = 0; i < es.count; i++) {
        const rasd_entity *e = &es.items[i];
        const rasd_actor *a = e->actor != UINT32_MAX ? &kn->actors[e->actor] : NULL;
        printf("  actor  %s (%s%s%s)", e->id, a ? a->type : "person", a && *a->country ? ", " : "",
               a ? a->country : "");
        if (a) printf(" %s / %s, defined at %s:%u", a->name_en, a->name_ar, kn->files[a->file], a->line);
        if (e->title) printf(" title=%s", e->title);
        if (e->role) printf(" role=%s", e->role);
        if (e->affiliation != UINT32_MAX) printf(" affiliation=%s", es.items[e->affiliation].id);
        putchar('\n');
        for (size_t m = 0; m < e->n_mentions; m++)
            printf("         \"%.*s\" [%zu,%zu) by %s%s%s\n", (int)(e->mentions[m].end - e->mentions[m].start),
                   text + e->mentions[m].start, e->mentions[m].start, e->mentions[m].end, e->mentions[m].rule,
                   e->mentions[m].label ? ", loaded label: " : "", e->mentions[m].label ? kn->labels[e->mentions[m].label] : "");
    }
    for (size_t i = 0; i < es.n_places; i++) {
        const rasd_place_hit *h = &es.places[i];
        if (h->place == UINT32_MAX) {
            printf("  place  country:%s (the state %s)\n", kn->actors[h->actor].country, kn->actors[h->actor].id);
            continue;
        }
        const rasd_place *p = &kn->places[h->place];
        printf("  place  %s %s / %s (%s, %.4f, %.4f, %s, source: %s)\n", p->id, p->name_en, p->name_ar, p->country,
               p->lat, p->lon, p->feature, p->source);
        for (size_t m = 0; m < h->n_mentions; m++)
            printf("         \"%.*s\" [%zu,%zu) by %s\n", (int)(h->mentions[m].end - h->mentions[m].start),
                   text + h->mentions[m].start, h->mentions[m].start, h->mentions[m].end, h->mentions[m].rule);
    }
    rasd_entities_free(&es);
    rasd_entity_extractor_destroy(x);
}

static const char USAGE[] =
    "usage: rasd lookup [--data DIR] NAME...\n"
    "  Shows what each name or phrase resolves to, and why: each actor, person and place\n"
    "  found, the rule that found it, and the data file and line that define it.\n"
    "  --data DIR  rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "Exit status: 0 looked up (\"(nothing known)\" is an answer too), 2 usage error or no data\n"
    "Example:\n"
    "  rasd lookup \"قوات سوريا الديمقراطية\" \"وزير الخارجية التركي\"\n";

int cmd_lookup(int argc, char **argv) {
    const char *data_dir;
    int first, status;
    if (!cli_phrase_args(argc, argv, USAGE, &data_dir, &first, &status)) return status;
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
    for (int i = first; i < argc; i++) show(kn, an, argv[i]);
    rasd_analyzer_destroy(an);
    rasd_knowledge_destroy(kn);
    rasd_lexicon_destroy(lex);
    return EXIT_ALL_OK;
}
