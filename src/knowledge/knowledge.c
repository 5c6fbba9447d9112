/*
 * knowledge.c: loading the knowledge base (data/kb/, data/gazetteer/, and
 * optionally a GeoNames dump) and compiling every name into the trie.
 *
 * Load-time checks, each an error naming file:line: a malformed line, an
 * unknown actor type, a bad country code or coordinate, a duplicate id, an
 * unknown parent, a loaded label without its category, and a name claimed
 * by two actors that ambiguous.tsv does not list. Places sharing a name are
 * normal (they are told apart in context), and so are an actor and a place
 * sharing one (a country and its capital).
 */
#include "loader.h"
#include "knowledge/event_dict.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef RASD_DATA_DIR
#define RASD_DATA_DIR "data"
#endif

static const char *const ACTOR_TYPES[] = {"state",  "government", "military", "armed_group", "igo",    "ngo",
                                          "party",  "tribe",      "media",    "company",     "person", "agency",
                                          "agent",  NULL};

/* ------------------------------------------------------------------ actors */

static rasd_status load_actors(loader *L, const char *path, bool required) {
    rasd_knowledge *kn = L->kn;
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return required ? st : RASD_OK;
    uint16_t file = kb_add_file(L, path);
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "id")) continue;
        if ((st = rasd_tsv_expect(&t, 11, L->err)) != RASD_OK) break;
        char **f = t.field;
        if (!kb_valid_id(f[0])) {
            st = rasd_tsv_fail(&t, L->err, "bad id \"%s\" (lowercase letters, digits, - _ : .)", f[0]);
            break;
        }
        bool type_ok = false;
        for (const char *const *ty = ACTOR_TYPES; *ty; ty++) type_ok |= strcmp(*ty, f[1]) == 0;
        if (!type_ok) {
            st = rasd_tsv_fail(&t, L->err, "unknown actor type \"%s\"", f[1]);
            break;
        }
        if (*f[2] && !kb_valid_iso3(f[2])) {
            st = rasd_tsv_fail(&t, L->err, "country \"%s\" is not an ISO 3166-1 alpha-3 code", f[2]);
            break;
        }
        if (!*f[6] && !*f[5]) {
            st = rasd_tsv_fail(&t, L->err, "actor \"%s\" has neither an Arabic nor an English name", f[0]);
            break;
        }
        if (!rasd_grow((void **)&kn->actors, &L->cap_actors, kn->n_actors, sizeof(rasd_actor))) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        uint32_t index = (uint32_t)kn->n_actors;
        if ((st = kb_register_id(L, &kn->ids, &t, f[0], index, file)) != RASD_OK) break;
        rasd_actor *a = &kn->actors[kn->n_actors++];
        *a = (rasd_actor){kb_intern(L, f[0]), kb_intern(L, f[1]), kb_intern(L, f[2]), kb_intern(L, f[3]), kb_intern(L, f[4]),
                          kb_intern(L, f[5]), kb_intern(L, f[6]), kb_intern(L, f[10]), kb_intern(L, f[7]),
                          kb_intern(L, f[8]), kb_intern(L, f[9]), UINT32_MAX, file, (uint32_t)t.line_no};
        rasd_name_target tg = {index, RASD_NAME_ACTOR, RASD_NAME_PRIMARY, 0, 0, file, 0, (uint32_t)t.line_no};
        if ((st = kb_add_name(L, f[6], tg)) != RASD_OK || (st = kb_add_name(L, f[5], tg)) != RASD_OK) break;
        tg.flags = RASD_NAME_ALIAS;
        if ((st = kb_add_names(L, f[7], tg)) != RASD_OK || (st = kb_add_names(L, f[8], tg)) != RASD_OK) break;
        /* loaded labels: "label=category|..." */
        char *list = f[9];
        while (st == RASD_OK && list && *list) {
            char *bar = strchr(list, '|');
            if (bar) *bar = '\0';
            char *eq = strrchr(list, '=');
            if (!eq || eq == list || !eq[1]) {
                st = rasd_tsv_fail(&t, L->err, "loaded label \"%s\" needs its category: label=category", list);
                break;
            }
            *eq = '\0';
            rasd_name_target lt = tg;
            lt.flags = RASD_NAME_LOADED;
            lt.label = kb_label_index(L, eq + 1);
            st = kb_add_name(L, list, lt);
            list = bar ? bar + 1 : NULL;
        }
    }
    rasd_tsv_close(&t);
    return st;
}

static rasd_status resolve_parents(loader *L) {
    rasd_knowledge *kn = L->kn;
    for (size_t i = 0; i < kn->n_actors; i++) {
        rasd_actor *a = &kn->actors[i];
        if (!*a->parent_id) continue;
        uint32_t p = rasd_knowledge_actor_index(kn, a->parent_id);
        if (p == UINT32_MAX)
            return rasd_fail(L->err, RASD_ERR_DATA, "%s:%u: unknown parent \"%s\" of \"%s\"", kn->files[a->file], a->line,
                             a->parent_id, a->id);
        a->parent = p;
    }
    return RASD_OK;
}

/* ------------------------------------------------------- titles and rules */

/* data/kb/titles.tsv: title TAB role TAB name_en */
static rasd_status load_titles(loader *L, const char *path) {
    rasd_knowledge *kn = L->kn;
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    uint16_t file = kb_add_file(L, path);
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "title")) continue;
        if ((st = rasd_tsv_expect(&t, 3, L->err)) != RASD_OK) break;
        if (!rasd_grow((void **)&kn->titles, &L->cap_titles, kn->n_titles, sizeof(rasd_title))) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        uint32_t index = (uint32_t)kn->n_titles;
        kn->titles[kn->n_titles++] = (rasd_title){kb_intern(L, t.field[0]), kb_intern(L, t.field[1]), kb_intern(L, t.field[2])};
        rasd_name_target tg = {index, RASD_NAME_TITLE, RASD_NAME_PRIMARY, 0, 0, file, 0, (uint32_t)t.line_no};
        st = kb_add_name(L, t.field[0], tg);
    }
    rasd_tsv_close(&t);
    return st;
}

static rasd_status kb_tsv_fail_attach(rasd_tsv *t, rasd_error *err, const char *value) {
    return rasd_tsv_fail(t, err, "attaches \"%s\" is not a |-list of before, after, of, death-word, event, none",
                         value);
}

/* data/framing/labels.tsv: term TAB label TAB polarity TAB attaches TAB note.
 * Terms become names of kind FRAME, so the one trie walk finds them too. */
static rasd_status load_frames(loader *L, const char *path) {
    rasd_knowledge *kn = L->kn;
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    uint16_t file = kb_add_file(L, path);
    size_t cap = 0;
    static const char *const ATTACH[] = {"before", "after", "of", "death-word", "event", "none", NULL};
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "term")) continue;
        if (t.n_fields < 4) {
            st = rasd_tsv_fail(&t, L->err, "expected term, label, polarity, attaches (and a note)");
            break;
        }
        char *end;
        long pol = strtol(t.field[2], &end, 10);
        if (end == t.field[2] || *end || pol < -1 || pol > 1) {
            st = rasd_tsv_fail(&t, L->err, "polarity \"%s\" is not -1, 0 or 1", t.field[2]);
            break;
        }
        unsigned attach = 0;
        bool attach_ok = true;
        for (char *part = t.field[3]; part && *part && attach_ok;) {
            char *bar = strchr(part, '|');
            if (bar) *bar = '\0';
            int a = -1;
            for (int k = 0; ATTACH[k]; k++)
                if (strcmp(ATTACH[k], part) == 0) a = k;
            if (a < 0) attach_ok = false;
            else attach |= a == 5 ? RASD_ATTACH_EVENT : 1u << a;
            part = bar ? bar + 1 : NULL;
        }
        if (!attach_ok || !attach) {
            st = kb_tsv_fail_attach(&t, L->err, t.field[3]);
            break;
        }
        if (!rasd_grow((void **)&kn->frames, &cap, kn->n_frames, sizeof(rasd_frame_term))) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        uint32_t index = (uint32_t)kn->n_frames;
        kn->frames[kn->n_frames++] =
            (rasd_frame_term){kb_intern(L, t.field[0]), kb_intern(L, t.field[1]), (int)pol, attach};
        rasd_name_target tg = {index, RASD_NAME_FRAME, RASD_NAME_PRIMARY, 0, 0, file, 0, (uint32_t)t.line_no};
        st = kb_add_name(L, t.field[0], tg);
    }
    rasd_tsv_close(&t);
    return st;
}

/* data/kb/references.tsv: word TAB type|role|title TAB value */
static rasd_status load_references(loader *L, const char *path) {
    rasd_knowledge *kn = L->kn;
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    size_t cap = 0;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "word")) continue;
        if ((st = rasd_tsv_expect(&t, 3, L->err)) != RASD_OK) break;
        rasd_ref_kind what;
        if (strcmp(t.field[1], "type") == 0) what = RASD_REF_TYPE;
        else if (strcmp(t.field[1], "role") == 0) what = RASD_REF_ROLE;
        else if (strcmp(t.field[1], "title") == 0) what = RASD_REF_TITLE;
        else {
            st = rasd_tsv_fail(&t, L->err, "unknown reference kind \"%s\" (type, role or title)", t.field[1]);
            break;
        }
        if (!rasd_grow((void **)&kn->refs, &cap, kn->n_refs, sizeof(rasd_reference))) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        kn->refs[kn->n_refs++] = (rasd_reference){what, kb_intern(L, t.field[2])};
        char key[256];
        size_t kl = kb_key_of(t.field[0], key, sizeof key);
        uint64_t h = rasd_hash_bytes(key, kl) & (1024 * 64 - 1);
        kn->ref_bits[h >> 6] |= (uint64_t)1 << (h & 63);
        rasd_strtab_entry *e = rasd_strtab_get(&kn->ref_words, key, kl, true);
        if (!e) st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
        else if (e->count) st = rasd_tsv_fail(&t, L->err, "\"%s\" is listed twice", t.field[0]);
        else e->count = (uint32_t)kn->n_refs;
    }
    rasd_tsv_close(&t);
    return st;
}

/* A two-column list "word TAB kind" whose kinds are named in `kinds` (kind
 * i is stored as i + 1): data/quotes/verbs.tsv and sources.tsv. */
static rasd_status load_kinds(loader *L, const char *path, const char *const *kinds, rasd_strtab *into,
                              uint64_t bits[1024]) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "form") || kb_is_header(&t, "word")) continue;
        if (t.n_fields < 2) {
            st = rasd_tsv_fail(&t, L->err, "expected at least 2 tab-separated fields, found %zu", t.n_fields);
            break;
        }
        uint32_t kind = 0;
        for (uint32_t k = 0; kinds[k]; k++)
            if (strcmp(kinds[k], t.field[1]) == 0) kind = k + 1;
        if (!kind) {
            st = rasd_tsv_fail(&t, L->err, "unknown kind \"%s\"", t.field[1]);
            break;
        }
        char key[256];
        size_t kl = kb_key_of(t.field[0], key, sizeof key);
        char *space = memchr(key, ' ', kl); /* several words: keyed by the first */
        if (space) kl = (size_t)(space - key);
        rasd_strtab_entry *e = kl ? rasd_strtab_get(into, key, kl, true) : NULL;
        if (kl && !e) st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
        else if (e && !e->count) e->count = kind;
        if (kl) rasd_bits_set(bits, key, kl);
    }
    rasd_tsv_close(&t);
    return st;
}

/* data/kb/not-names.txt: one word a line (any spelling) */
static rasd_status load_word_list(loader *L, const char *path, rasd_strtab *into) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if ((st = rasd_tsv_expect(&t, 1, L->err)) != RASD_OK) break;
        char key[256];
        size_t kl = kb_key_of(t.field[0], key, sizeof key);
        if (kl && !rasd_strtab_get(into, key, kl, true)) st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
    }
    rasd_tsv_close(&t);
    return st;
}

/* data/kb/variants.tsv: from TAB to, on matching keys */
static rasd_status load_variants(loader *L, const char *path) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    size_t cap = 0;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "from")) continue;
        if ((st = rasd_tsv_expect(&t, 2, L->err)) != RASD_OK) break;
        if (!rasd_grow((void **)&L->variants, &cap, L->n_variants, sizeof(variant))) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        char from[256], to[256];
        kb_key_of(t.field[0], from, sizeof from);
        kb_key_of(t.field[1], to, sizeof to);
        if (!*from || strcmp(from, to) == 0) {
            st = rasd_tsv_fail(&t, L->err, "a variant rule needs two different non-empty forms");
            break;
        }
        L->variants[L->n_variants++] = (variant){(char *)kb_intern(L, from), (char *)kb_intern(L, to)};
    }
    rasd_tsv_close(&t);
    return st;
}

static uint16_t rule_of(const char *name) {
    if (strcmp(name, "dateline-or-subject") == 0) return RASD_RULE_DATELINE_OR_SUBJECT;
    if (strcmp(name, "name-after-title") == 0) return RASD_RULE_NAME_AFTER_TITLE;
    if (strcmp(name, "state-unless-measure") == 0) return RASD_RULE_STATE_UNLESS_MEASURE;
    if (strcmp(name, "context-only") == 0) return RASD_RULE_CONTEXT_ONLY;
    if (strcmp(name, "first-unless-context") == 0) return RASD_RULE_FIRST_UNLESS_CONTEXT;
    if (strcmp(name, "outlet-context") == 0) return RASD_RULE_OUTLET_CONTEXT;
    return RASD_RULE_NONE;
}

/* data/kb/ambiguous.tsv: alias TAB candidates TAB rule TAB note. Loaded
 * after actors and places, whose ids the candidates name. */
static rasd_status load_ambiguous(loader *L, const char *path) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    uint16_t file = kb_add_file(L, path);
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "alias")) continue;
        if ((st = rasd_tsv_expect(&t, 4, L->err)) != RASD_OK) break;
        uint16_t rule = rule_of(t.field[2]);
        if (rule == RASD_RULE_NONE) {
            st = rasd_tsv_fail(&t, L->err, "unknown rule \"%s\" (dateline-or-subject, name-after-title, "
                                           "state-unless-measure, context-only, first-unless-context, "
                                           "outlet-context)", t.field[2]);
            break;
        }
        char key[512];
        size_t kl = kb_key_of(t.field[0], key, sizeof key);
        if (!rasd_strtab_get(&L->ambiguous, key, kl, true)) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        char *list = t.field[1];
        uint16_t pos = 0;
        while (st == RASD_OK && list && *list) {
            char *bar = strchr(list, '|');
            if (bar) *bar = '\0';
            rasd_name_target tg = {0, RASD_NAME_ACTOR, RASD_NAME_AMBIGUOUS, 0, rule, file, pos++, (uint32_t)t.line_no};
            if (strcmp(list, "word") == 0) {
                tg.kind = RASD_NAME_WORD;
            } else {
                bool place = strncmp(list, "place:", 6) == 0;
                const char *id = place ? list + 6 : list;
                const rasd_strtab_entry *e =
                    rasd_strtab_get(place ? &L->kn->place_ids : &L->kn->ids, id, strlen(id), false);
                if (!e) {
                    st = rasd_tsv_fail(&t, L->err, "unknown candidate \"%s\" (places are written place:<id>)", list);
                    break;
                }
                tg.index = e->count - 1;
                tg.kind = place ? RASD_NAME_PLACE : RASD_NAME_ACTOR;
            }
            st = rasd_names_add(&L->kn->names, t.field[0], strlen(t.field[0]), tg, NULL, L->err);
            list = bar ? bar + 1 : NULL;
        }
    }
    rasd_tsv_close(&t);
    return st;
}

/* A name claimed by two actors must be listed in ambiguous.tsv. */
static rasd_status check_duplicates(loader *L) {
    rasd_knowledge *kn = L->kn;
    for (uint32_t node = 1; node <= kn->names.n_nodes; node++) {
        size_t n;
        const struct rasd_name_pair *p = rasd_names_targets(&kn->names, node, &n);
        const rasd_name_target *first = NULL;
        bool listed = false;
        for (size_t i = 0; i < n; i++) listed |= (p[i].target.flags & RASD_NAME_AMBIGUOUS) != 0;
        if (listed) continue;
        for (size_t i = 0; i < n; i++) {
            const rasd_name_target *tg = &p[i].target;
            if (tg->kind != RASD_NAME_ACTOR) continue;
            if (!first) {
                first = tg;
            } else if (tg->index != first->index) {
                const rasd_name_target *later = tg->line > first->line || tg->file > first->file ? tg : first;
                const rasd_name_target *earlier = later == tg ? first : tg;
                return rasd_fail(L->err, RASD_ERR_DATA,
                                 "%s:%u: a name of \"%s\"%s is also a name of \"%s\" (%s:%u); list it in "
                                 "data/kb/ambiguous.tsv if both are right",
                                 kn->files[later->file], later->line, kn->actors[later->index].id,
                                 (later->flags & RASD_NAME_VARIANT) ? " (a spelling variant)" : "",
                                 kn->actors[earlier->index].id, kn->files[earlier->file], earlier->line);
            }
        }
    }
    return RASD_OK;
}

/* ------------------------------------------------------------------- load */

void rasd_actor_each_name(const char *list, rasd_actor_name_fn fn, void *ctx) {
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, "|");
        /* the category follows the last '=', as the loader reads it */
        const char *eq = NULL;
        for (size_t k = n; k-- > 0 && !eq;)
            if (p[k] == '=') eq = p + k;
        if (eq) fn(ctx, p, (size_t)(eq - p), eq + 1, (size_t)(p + n - eq - 1));
        else if (n) fn(ctx, p, n, NULL, 0);
        p += n + (p[n] == '|');
    }
}

uint32_t rasd_knowledge_actor_index(const rasd_knowledge *kn, const char *id) {
    const rasd_strtab_entry *e = rasd_strtab_get((rasd_strtab *)&kn->ids, id, strlen(id), false);
    return (e && e->count) ? e->count - 1 : UINT32_MAX;
}

uint32_t rasd_knowledge_capital(const rasd_knowledge *kn, const char *iso3) {
    const rasd_strtab_entry *e = rasd_strtab_get((rasd_strtab *)&kn->capitals, iso3, strlen(iso3), false);
    return e ? e->count - 1 : UINT32_MAX;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

rasd_knowledge *rasd_knowledge_load(const rasd_knowledge_options *opt, rasd_error *err) {
    double t0 = now_ms();
    rasd_knowledge *kn = calloc(1, sizeof *kn);
    if (!kn) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    const char *dir = opt && opt->data_dir && *opt->data_dir ? opt->data_dir : getenv("RASD_DATA");
    if (!dir || !*dir) dir = RASD_DATA_DIR;
    loader L = {.kn = kn, .err = err};
    char path[1200];
#define PATH(rel) (snprintf(path, sizeof path, "%s/%s", dir, rel), path)
    rasd_status st = load_variants(&L, PATH("kb/variants.tsv"));
    if (st == RASD_OK) st = load_actors(&L, PATH("kb/countries.tsv"), true);
    if (st == RASD_OK) st = load_actors(&L, PATH("kb/actors.tsv"), true);
    if (st == RASD_OK) st = load_actors(&L, PATH("kb/agents.tsv"), false);
    /* generated by scripts/build-kb-upetrarch.py after the hand files, whose
     * names it leaves out; optional, so a reduced data directory still loads */
    if (st == RASD_OK) st = load_actors(&L, PATH("kb/upetrarch-actors.tsv"), false);
    /* generated by scripts/build-kb-states.py: every state's regular bodies */
    if (st == RASD_OK) st = load_actors(&L, PATH("kb/state-bodies.tsv"), false);
    if (st == RASD_OK) st = resolve_parents(&L);
    if (st == RASD_OK) st = load_word_list(&L, PATH("gazetteer/not-places.txt"), &kn->not_places);
    if (st == RASD_OK) st = load_word_list(&L, PATH("lexicon/function-words.txt"), &kn->not_places);
    if (st == RASD_OK) st = kb_load_places(&L, PATH("gazetteer/places.tsv"), false, true);
    if (st == RASD_OK) st = kb_load_places(&L, PATH("gazetteer/supplement.tsv"), true, true);
    if (st == RASD_OK && opt && opt->geonames && *opt->geonames) {
        st = kb_load_iso_codes(&L, PATH("kb/iso-codes.tsv"));
        if (st == RASD_OK) st = kb_load_geonames(&L, opt->geonames);
    }
    if (st == RASD_OK) st = load_titles(&L, PATH("kb/titles.tsv"));
    if (st == RASD_OK) st = load_frames(&L, PATH("framing/labels.tsv"));
    if (st == RASD_OK) st = load_references(&L, PATH("kb/references.tsv"));
    if (st == RASD_OK) st = load_word_list(&L, PATH("kb/not-names.txt"), &kn->not_names);
    static const char *const SAY_KINDS[] = {"say", "continue", "post", "participle", NULL};
    static const char *const SOURCE_KINDS[] = {"document", "post", "anonymous", "according", NULL};
    if (st == RASD_OK) st = load_kinds(&L, PATH("quotes/verbs.tsv"), SAY_KINDS, &kn->say_verbs, kn->say_bits);
    if (st == RASD_OK) st = load_kinds(&L, PATH("quotes/sources.tsv"), SOURCE_KINDS, &kn->quote_sources,
                                           kn->source_bits);
    if (st == RASD_OK) st = load_ambiguous(&L, PATH("kb/ambiguous.tsv"));
    if (st == RASD_OK) st = rasd_names_finalize(&kn->names, err);
    if (st == RASD_OK) st = check_duplicates(&L);
    /* the event dictionary: a data directory without events/ (a test
     * fixture, a reduced install) codes no events; a malformed one fails */
    if (st == RASD_OK && access(PATH("events/triggers.tsv"), F_OK) == 0 &&
        !(kn->events = rasd_event_dict_load(dir, err)))
        st = err ? err->code : RASD_ERR_DATA;
#undef PATH
    free(L.variants);
    free(L.iso3);
    rasd_strtab_free(&L.label_ids);
    rasd_strtab_free(&L.ambiguous);
    rasd_strtab_free(&L.iso2);
    if (st != RASD_OK) {
        rasd_knowledge_destroy(kn);
        return NULL;
    }
    kn->load_ms = now_ms() - t0;
    return kn;
}

void rasd_knowledge_destroy(rasd_knowledge *kn) {
    if (!kn) return;
    free(kn->actors);
    free(kn->places);
    free(kn->titles);
    free(kn->refs);
    free(kn->frames);
    rasd_strtab_free(&kn->ref_words);
    rasd_strtab_free(&kn->not_names);
    rasd_strtab_free(&kn->not_places);
    rasd_strtab_free(&kn->say_verbs);
    rasd_strtab_free(&kn->quote_sources);
    free(kn->labels);
    free(kn->files);
    rasd_names_free(&kn->names);
    rasd_event_dict_destroy(kn->events);
    rasd_strtab_free(&kn->ids);
    rasd_strtab_free(&kn->place_ids);
    rasd_strtab_free(&kn->capitals);
    rasd_arena_free(&kn->pool);
    free(kn);
}
