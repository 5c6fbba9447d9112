/*
 * event_dict.c: loading the event dictionary (data/events/, see its
 * README.md) into one trie of token keys: every trigger form, cue, agent
 * form and nationality adjective, and the closed word classes the coder
 * asks about (negation, modality, prepositions). The closed classes are
 * grammar, not vocabulary, so they live here rather than in a data file.
 */
#include "knowledge/event_dict.h"
#include "knowledge/knowledge.h"
#include "knowledge/loader.h"
#include "knowledge/tsv.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *words;
    int mark;
} MARKS[] = {
    {"لم|لا|ليس|ليست|لسنا|عدم", EV_MARK_NEG},
    {"لا يزال|لا تزال|لا زال|ما زال|ما زالت|لا يزالون|ما زالوا|ما يزال|لايزال|لاتزال|مازال|مازالت", EV_MARK_STILL},
    {"لن", EV_MARK_NEG_FUT},
    {"سوف|سيتم|ستتم|ستقوم|سيقوم|سنقوم|ستعمل|سيعمل|سنعمل|ستبدأ|سيبدأ|سيكون|ستكون", EV_MARK_FUT},
    {"إذا|لو|لولا|في حال|في حالة", EV_MARK_HYP},
    {"زعم|زعمت|زعموا|يزعم|تزعم|ادعى|ادعت|يدعي|تدعي|حسب|بحسب|وفق|وفقا|مزاعم|ادعاءات|المزعوم|المزعومة", EV_MARK_CLAIM},
    {"التابع|التابعة|التابعين|التابعون|بقيادة|باسم|المدعوم|المدعومة|الموالي|الموالية|الموالين|المقرب|المقربة|ممثلا|نيابة",
     EV_MARK_ATTR},
    {"ثم|بينما|فيما|حيث|بعدما|لكن|لكنه|لكنها|غير أن|إلا أن", EV_MARK_BOUNDARY},
    {"الذي|التي|الذين|اللذين|اللتين|اللواتي|اللاتي", EV_MARK_RELATIVE},
    {"قوات|قوة|طائرات|طائرة|طيران|مقاتلات|مدفعية|بوارج|دبابات|عناصر|مقاتلو|مقاتلي|مسلحو|مسلحي|ميليشيات|مليشيات|"
     "ميليشيا|مليشيا|فصائل|وحدات|كتائب|ألوية|لواء|خلايا|دورية|دوريات|قيادة|سلطات|حكومة|وزارة|رئاسة|مجلس|وفد|قائد|"
     "زعيم|رئيس|وزير|أمين|ممثل|مندوب|سفير|متحدث|المتحدث|ناطق|الناطق|نائب|جماعة|تنظيم|حركة|حزب|منظمة|مسؤول|مسؤولو|"
     "مسؤولي|ما يسمى|ما تسمى|ما يعرف|المدعو|المدعوة|ب",
     EV_MARK_HEAD},
    {"على يد|على أيدي|بيد|بأيدي|من قبل|برصاص|بنيران|بقذائف|بصواريخ|بغارات|بغارة", EV_MARK_BY},
    {"بين", EV_MARK_BETWEEN},
    {"مع", EV_MARK_WITH},
    {"على", EV_MARK_ON},
    {"ضد", EV_MARK_AGAINST},
    {"إلى", EV_MARK_TO},
    {"من", EV_MARK_FROM},
    {"عن", EV_MARK_ABOUT},
    {"في", EV_MARK_IN},
    {"كل|كلا|كلاً", EV_MARK_EACH},
    {"قد|لقد|كان|كانت|كانوا", EV_MARK_AUX},
    {"أن|إن|أنه|إنه|أنها|إنها|بأن", EV_MARK_THAT},
};

static const char *keep(rasd_event_dict *d, const char *s) {
    if (!rasd_grow((void **)&d->strings, &d->cap_strings, d->n_strings, sizeof *d->strings)) return NULL;
    char *p = strdup(s);
    if (p) d->strings[d->n_strings++] = p;
    return p;
}

/* Adds every |-separated item of list to the trie with this target. */
static rasd_status add_list(rasd_event_dict *d, const char *list, rasd_name_target t, rasd_error *err) {
    while (list && *list) {
        const char *bar = strchr(list, '|');
        size_t n = bar ? (size_t)(bar - list) : strlen(list);
        /* @class: a build-time placeholder, already expanded; +class: a
         * class the coder checks at run time (+place), not a word */
        if (n && *list != '@' && *list != '+') {
            rasd_status st = rasd_names_add(&d->words, list, n, t, NULL, err);
            if (st != RASD_OK) return st;
            rasd_tokenizer tz;
            rasd_token tok;
            char key[256];
            rasd_tokenizer_init(&tz, list, n);
            while (rasd_tokenizer_next(&tz, &tok)) { /* the first token with a key, as rasd_names_add */
                size_t kl = rasd_name_token_key(list, &tok, key, sizeof key);
                if (!kl) continue;
                if (kl < sizeof key) rasd_bits_set(d->first_bits, key, kl);
                break;
            }
        }
        list = bar ? bar + 1 : NULL;
    }
    return RASD_OK;
}

static bool has_item(const char *list, const char *item) {
    size_t n = strlen(item);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, item, n) == 0) return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

/* The EV_PREP_* bits of a |-separated list of prepositions. */
static uint32_t prep_mask(const char *list) {
    static const struct {
        const char *word;
        uint32_t bit;
    } PREPS[] = {{"-", EV_PREP_DIRECT},
                 {"ب", EV_PREP_B},
                 {"ل", EV_PREP_L},
                 {"مع", EV_PREP_MARK(EV_MARK_WITH)},
                 {"على", EV_PREP_MARK(EV_MARK_ON)},
                 {"ضد", EV_PREP_MARK(EV_MARK_AGAINST)},
                 {"إلى", EV_PREP_MARK(EV_MARK_TO)},
                 {"من", EV_PREP_MARK(EV_MARK_FROM)},
                 {"عن", EV_PREP_MARK(EV_MARK_ABOUT)},
                 {"بين", EV_PREP_MARK(EV_MARK_BETWEEN)},
                 {"في", EV_PREP_MARK(EV_MARK_IN)},
                 {"أن", EV_PREP_MARK(EV_MARK_THAT)}};
    uint32_t mask = 0;
    for (size_t i = 0; i < sizeof PREPS / sizeof PREPS[0]; i++)
        if (has_item(list, PREPS[i].word)) mask |= PREPS[i].bit;
    return mask;
}

static rasd_status load_triggers(rasd_event_dict *d, const char *path, rasd_error *err) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, err);
    if (st != RASD_OK) return st;
    size_t cap = 0;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "trigger")) continue;
        if ((st = rasd_tsv_expect(&t, 14, err)) != RASD_OK) break;
        const char *cameo = t.field[4];
        size_t cl = strlen(cameo);
        bool digits = cl >= 3 && cl <= 4;
        for (size_t i = 0; i < cl; i++) digits &= cameo[i] >= '0' && cameo[i] <= '9';
        if (!digits) {
            st = rasd_tsv_fail(&t, err, "cameo \"%s\" is not a code of 3 or 4 digits", cameo);
            break;
        }
        if (!*t.field[1]) {
            st = rasd_tsv_fail(&t, err, "trigger \"%s\" has no forms", t.field[0]);
            break;
        }
        if (!rasd_grow((void **)&d->triggers, &cap, d->n_triggers, sizeof *d->triggers)) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading %s", path);
            break;
        }
        rasd_trigger *r = &d->triggers[d->n_triggers];
        memset(r, 0, sizeof *r);
        const char **slots[] = {&r->lemma, &r->cue, &r->cameo, &r->plover_type, &r->plover_mode,
                                &r->acled, &r->target_prep, &r->issue_prep, &r->ambiguous};
        const int cols[] = {0, 3, 4, 5, 6, 7, 9, 10, 11};
        for (size_t k = 0; k < 9; k++)
            if (!(*slots[k] = keep(d, t.field[cols[k]]))) st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        if (st != RASD_OK) break;
        r->verb = has_item(t.field[2], "verb");
        r->noun = has_item(t.field[2], "noun");
        if (!r->verb && !r->noun) {
            st = rasd_tsv_fail(&t, err, "pos \"%s\" is none of verb, noun, verb|noun", t.field[2]);
            break;
        }
        r->speech = strcmp(t.field[8], "yes") == 0;
        r->target_mask = prep_mask(t.field[9]);
        r->issue_mask = prep_mask(t.field[10]);
        r->has_cue = *t.field[3] != '\0';
        r->cue_place = strstr(t.field[3], "+place") != NULL;
        r->line = (uint32_t)t.line_no;
        uint32_t row = (uint32_t)d->n_triggers++;
        st = add_list(d, t.field[1], (rasd_name_target){row, EV_TRIGGER, 0, 0, 0, 0, 0, r->line}, err);
        if (st == RASD_OK)
            st = add_list(d, t.field[3], (rasd_name_target){row, EV_CUE, 0, 0, 0, 0, 0, r->line}, err);
        if (st == RASD_OK)
            st = add_list(d, t.field[11], (rasd_name_target){EV_MARK_AMBIGUOUS, EV_MARK, 0, 0, 0, 0, 0, r->line}, err);
    }
    rasd_tsv_close(&t);
    return st;
}

static rasd_status load_agents(rasd_event_dict *d, const char *path, rasd_error *err) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, err);
    if (st != RASD_OK) return st;
    size_t cap = 0;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "agent")) continue;
        if ((st = rasd_tsv_expect(&t, 6, err)) != RASD_OK) break;
        size_t cl = strlen(t.field[2]);
        if (cl < 3 || cl > 12) {
            st = rasd_tsv_fail(&t, err, "cameo_agent \"%s\" is not an agent code", t.field[2]);
            break;
        }
        if (!rasd_grow((void **)&d->agents, &cap, d->n_agents, sizeof *d->agents)) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading %s", path);
            break;
        }
        rasd_agent *a = &d->agents[d->n_agents];
        if (!(a->name = keep(d, t.field[0])) || !(a->code = keep(d, t.field[2])) || !(a->name_en = keep(d, t.field[3]))) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        uint32_t row = (uint32_t)d->n_agents++;
        st = add_list(d, t.field[1], (rasd_name_target){row, EV_AGENT, 0, 0, 0, 0, 0, (uint32_t)t.line_no}, err);
    }
    rasd_tsv_close(&t);
    return st;
}

static rasd_status load_nations(rasd_event_dict *d, const char *path, rasd_error *err) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, err);
    if (st != RASD_OK) return st;
    size_t cap = 0;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "iso3")) continue;
        if ((st = rasd_tsv_expect(&t, 3, err)) != RASD_OK) break;
        const char *iso = t.field[0];
        if (strlen(iso) != 3 || iso[0] < 'A' || iso[0] > 'Z' || iso[1] < 'A' || iso[1] > 'Z' || iso[2] < 'A' ||
            iso[2] > 'Z') {
            st = rasd_tsv_fail(&t, err, "\"%s\" is not an ISO 3166 alpha-3 code", iso);
            break;
        }
        if (!rasd_grow((void **)&d->nations, &cap, d->n_nations, sizeof *d->nations)) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading %s", path);
            break;
        }
        memcpy(d->nations[d->n_nations], iso, 4);
        uint32_t row = (uint32_t)d->n_nations++;
        st = add_list(d, t.field[1], (rasd_name_target){row, EV_NATION, 0, 0, 0, 0, 0, (uint32_t)t.line_no}, err);
    }
    rasd_tsv_close(&t);
    return st;
}

rasd_event_dict *rasd_event_dict_load(const char *dir, rasd_error *err) {
    rasd_event_dict *d = calloc(1, sizeof *d);
    if (!d) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/events/triggers.tsv", dir);
    rasd_status st = load_triggers(d, path, err);
    if (st == RASD_OK) {
        snprintf(path, sizeof path, "%s/events/agents.tsv", dir);
        st = load_agents(d, path, err);
    }
    if (st == RASD_OK) {
        snprintf(path, sizeof path, "%s/events/nationalities.tsv", dir);
        st = load_nations(d, path, err);
    }
    for (size_t i = 0; st == RASD_OK && i < sizeof MARKS / sizeof MARKS[0]; i++)
        st = add_list(d, MARKS[i].words, (rasd_name_target){(uint32_t)MARKS[i].mark, EV_MARK, 0, 0, 0, 0, 0, 0}, err);
    if (st == RASD_OK) st = rasd_names_finalize(&d->words, err);
    if (st != RASD_OK) {
        rasd_event_dict_destroy(d);
        return NULL;
    }
    return d;
}

void rasd_event_dict_destroy(rasd_event_dict *d) {
    if (!d) return;
    rasd_names_free(&d->words);
    for (size_t i = 0; i < d->n_strings; i++) free(d->strings[i]);
    free(d->strings);
    free(d->triggers);
    free(d->agents);
    free(d->nations);
    free(d);
}
