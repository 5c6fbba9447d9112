/*
 * events.c: coding the events of a sentence (events.h; how it decides:
 * docs/events.md). After the entity extractor has read a sentence, its
 * token keys are walked once over the event trie (events_match.c); each
 * trigger form that is not part of a name, not the content of a call or a
 * charge (دعا إلى **وقف**، اتهم ب**قصف**) and not a statement (CAMEO 01,
 * the quotes stage has those) gets its row (a cue word after it picks the
 * cue row: شن غارات → 195), a source and a target (events_parties.c: the
 * subject rules over events_actors.c's participants), flags for negation,
 * future, hypothesis and claim (events_modality.c), the sentence's place,
 * date and casualty numbers and an ACLED type (events_attach.c). An act
 * the text states is an event whoever did it: the participants are the
 * best the sentence's structure allows, each with the rule that found it,
 * and a confidence says how much was read and how much guessed
 * (docs/events.md); a homograph needs the structure of its event reading.
 * This file holds the coder's state, the helpers every rule asks, the
 * sentence loop and the coding of one trigger from those parts.
 */
#include "events_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_HEADS 64

/* ------------------------------------------------------------ helpers */

bool ev_has_target(const rasd_event_coder *c, size_t i, int kind, int64_t index) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    for (size_t k = 0; k < cnt; k++)
        if (p[k].target.kind == kind && (index < 0 || p[k].target.index == (uint32_t)index)) return true;
    return false;
}

bool ev_word_in(const rasd_event_coder *c, size_t k, bool base, const ev_word *words, size_t n) {
    const tinfo *t = &c->x->t[k];
    if (!t->word) return false;
    const char *w = ex_key(c->x, base ? t->base_off : t->key_off);
    size_t len = base ? t->base_len : t->key_len;
    /* the length first, then the second byte (the first is D8 or D9 in
     * nearly every Arabic letter): most words differ there, and a memcmp
     * call per word of the same length was half of this function's time */
    for (size_t i = 0; i < n; i++)
        if (len == words[i].len && (len < 2 || w[1] == words[i].w[1]) && memcmp(w, words[i].w, len) == 0)
            return true;
    return false;
}

bool ev_is_count(const rasd_event_coder *c, size_t i) {
    if (i >= c->n) return false;
    const tinfo *t = &c->x->t[i];
    if (ex_is_number(t)) return true;
    for (size_t k = c->nb; c->nums && k < c->nums->count; k++)
        if (c->nums->items[k].start <= t->tok.start && t->tok.end <= c->nums->items[k].end) return true;
    return false;
}

/* The proclitics of a token are the bytes of its key before its base:
 * "وبال" for وبالتحقيق, "لل" for للقتال. which: 'b' ب, 'l' ل, 'k' ك. */
bool ev_has_prep_clitic(const rasd_event_coder *c, size_t i, char which) {
    const tinfo *t = &c->x->t[i];
    if (!t->word || t->base_off <= t->key_off) return false;
    const char *p = ex_key(c->x, t->key_off);
    size_t len = t->base_off - t->key_off;
    if (len >= 4 && memcmp(p + len - 4, AL, 4) == 0) {
        len -= 4; /* the article */
    } else if (len >= 4 && memcmp(p + len - 4, "\xD9\x84\xD9\x84", 4) == 0) {
        if (which == 'l') return true; /* لل: ل and the article */
        len -= 4;
    }
    const char *want = which == 'b' ? "\xD8\xA8" : which == 'l' ? "\xD9\x84" : "\xD9\x83";
    for (size_t k = 0; k + 1 < len; k += 2)
        if (memcmp(p + k, want, 2) == 0) return true;
    return false;
}

/* ---------------------------------------------------------- the coder */

static void sport_filter(rasd_event_coder *c);

rasd_event_coder *rasd_event_coder_new(const rasd_event_dict *dict, const char *published) {
    rasd_event_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = dict;
    c->published = published;
    sport_filter(c);
    return c;
}

void rasd_event_list_free(rasd_event_list *list) {
    free(list->items);
    memset(list, 0, sizeof *list);
}

void rasd_event_coder_destroy(rasd_event_coder *c) {
    if (!c) return;
    rasd_event_list_free(&c->out);
    free(c->hits);
    free(c->ms);
    free(c->used);
    free(c);
}

int rasd_cameo_quad_class(const char *cameo) {
    int r = ev_root(cameo);
    return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

/* The Goldstein weight of each CAMEO root's base code (010, 020, ... 200),
 * as the CAMEO Goldstein table gives them: a root-level weight, no finer. */
double rasd_cameo_goldstein(const char *cameo) {
    static const double G[21] = {0,    0.0, 3.0,  4.0,  1.0,  3.5,  6.0,  7.0,  5.0,  -2.0, -5.0,
                                 -2.0, -4.0, -4.4, -6.5, -7.2, -4.0, -5.0, -9.0, -10.0, -10.0};
    int r = ev_root(cameo);
    return r >= 1 && r <= 20 ? G[r] : 0.0;
}

/* Is token i inside a quotation of this sentence? Its speaker in *speaker. */
static bool in_quote(const rasd_event_coder *c, size_t i, int *speaker, size_t *q_first) {
    const rasd_entity_extractor *x = c->x;
    const tinfo *t = &x->t[i];
    for (size_t q = c->quote_from; q < x->out.n_quotes; q++) {
        const rasd_quote *qu = &x->out.quotes[q];
        if (qu->sentence != c->sentence || t->tok.start < qu->start || t->tok.end > qu->end) continue;
        *speaker = qu->speaker;
        size_t k = i;
        while (k > 0 && x->t[k - 1].tok.start >= qu->start) k--;
        *q_first = k;
        return true;
    }
    return false;
}

/* Words that only sport uses (match, league, club, player, coach,
 * stadium, championship, cup, national team, half-time): in a document
 * that has them, لقاء is a match, مواجهة a fixture, هجوم a team's attack.
 * Keys without the article, as the analyzer gives bases. */
static const ev_word SPORT[] = {EV_WORD("مباراه"), EV_WORD("مباريات"), EV_WORD("دوري"),
                                EV_WORD("نادي"), EV_WORD("لاعب"), EV_WORD("لاعبين"),
                                EV_WORD("لاعبون"), EV_WORD("مدرب"), EV_WORD("ملعب"),
                                EV_WORD("بطوله"), EV_WORD("كاس"), EV_WORD("منتخب"),
                                EV_WORD("الفريقين"), EV_WORD("شوط"), EV_WORD("هداف"),
                                EV_WORD("جوله")};

static void sport_filter(rasd_event_coder *c) {
    for (size_t i = 0; i < sizeof SPORT / sizeof *SPORT; i++) {
        uint64_t h = rasd_hash_bytes(SPORT[i].w, SPORT[i].len);
        c->sport_bits[(h >> 6) & 3] |= UINT64_C(1) << (h & 63);
    }
}

/* Every word of every sentence is asked whether it is one of these: a
 * word whose base hash (the analyzer's, which the tokens carry) misses the
 * coder's filter of their hashes is none, without the sixteen compares. */
static bool sports_word(const rasd_event_coder *c, size_t k) {
    const tinfo *t = &c->x->t[k];
    if (!t->word || !((c->sport_bits[(t->base_hash >> 6) & 3] >> (t->base_hash & 63)) & 1)) return false;
    return ev_word_in(c, k, true, SPORT, sizeof SPORT / sizeof *SPORT);
}

/* Is the sentence a headline: the title (the document's first sentence),
 * or the title repeated after «رابط الخبر» at the foot of an article? */
static bool headline(const rasd_event_coder *c) {
    if (c->sentence == 0) return true;
    static const ev_word LINK[] = {EV_WORD("رابط")};
    size_t k = 0;
    while (k < c->n && !c->x->t[k].word) k++;
    return k + 1 < c->n && ev_word_in(c, k, false, LINK, 1) &&
           memcmp(ex_key(c->x, c->x->t[k + 1].base_off), "\xD8\xAE\xD8\xA8\xD8\xB1", 6) == 0; /* خبر */
}

static void code_candidate(rasd_event_coder *c, const cand *cd, const rasd_number_list *nums, size_t nb,
                           const rasd_date_list *dates, size_t db, const size_t *heads, size_t n_heads) {
    rasd_entity_extractor *x = c->x;
    const rasd_trigger *r = &c->d->triggers[cd->row];
    size_t i = cd->i, n = c->n;
    if (ev_root(r->cameo) == 1) return; /* statements: the quotes stage reports them */
    for (size_t h = 0; h < n_heads; h++)
        if (heads[h] == i) return; /* the content of a call or a charge */
    /* «قوات الحكومة تسيطر على الحي»: a headline tells past news in the
     * present; in a sentence the present of سيطر is a state ('controls') */
    if (strcmp(r->lemma, "سيطر") == 0 && !headline(c)) {
        const char *b = ex_key(x, x->t[i].base_off);
        if (memcmp(b, "\xD9\x8A", 2) == 0 || memcmp(b, "\xD8\xAA", 2) == 0) return;
    }
    bool ambiguous = ev_has(c, i, EV_MARK, EV_MARK_AMBIGUOUS);
    if (ambiguous && !cd->noun && x->t[i].art_len) return;
    if (ambiguous && i > 0 && ex_is_number(&x->t[i - 1])) return; /* 100 طالب: counted, a noun */
    /* «تم أسر 40 مسلحا»، «وأسر ثلاثة آخرين»، «اعتقال عدد من المشتبه بهم»: after
     * the passive's تم/جرى, or before a count of who underwent it, the form
     * is the act (families, students are counted before, not after) */
    static const ev_word PASSIVE[] = {EV_WORD("تم"), EV_WORD("يتم"), EV_WORD("وتم"), EV_WORD("جرى"), EV_WORD("وجرى")};
    static const ev_word NUMBER_OF[] = {EV_WORD("عدد"), EV_WORD("عددا")};
    /* «التحرش بالفتاتين»: a verbal noun with its object after its own preposition */
    if (ambiguous && cd->noun && (r->target_mask & EV_PREP_B) && cd->tj + 1 < n && ev_has_prep_clitic(c, cd->tj + 1, 'b') &&
        ev_mention_starting(c, cd->tj + 1) >= 0) /* (a party, not an idea: ربط التحرش بالتبرج) */
        ambiguous = false;
    if (ambiguous && ((i > 0 && ev_word_in(c, i - 1, false, PASSIVE, sizeof PASSIVE / sizeof *PASSIVE)) ||
                      (!x->t[i].art_len && cd->tj + 1 < n &&
                       (ev_is_count(c, cd->tj + 1) || ev_is_quantity(c, cd->tj + 1) ||
                        ev_word_in(c, cd->tj + 1, false, NUMBER_OF, 2)))))
        ambiguous = false;

    rasd_event e;
    memset(&e, 0, sizeof e);
    e.trigger = (uint32_t)cd->row;
    e.start = x->t[i].tok.start;
    e.end = x->t[cd->tj].tok.end;
    e.sentence = c->sentence;
    e.sent_start = x->t[0].tok.start;
    e.sent_end = x->t[n - 1].tok.end;
    e.place = -1;
    e.killed = e.wounded = e.arrested = e.money = -1;
    ev_set_actor(c, -1, &e.source, NULL);
    ev_set_actor(c, -1, &e.target, NULL);

    /* who did it and to whom (events_parties.c) */
    int speaker = -1;
    size_t q_first = 0;
    bool quoted = in_quote(c, i, &speaker, &q_first);
    if (quoted) e.flags |= RASD_EV_IN_QUOTE;
    size_t after = cd->tj + 1; /* the words after the trigger (and its subject) */
    const char *src_rule = NULL;
    ev_read_parties(c, cd, nums, nb, quoted, speaker, q_first, ambiguous, &e, &after, &src_rule);

    bool has_source = e.source.entity >= 0 || e.source.agent >= 0 || e.source.country[0];
    bool has_target = e.target.entity >= 0 || e.target.agent >= 0;
    int root = ev_root(r->cameo);
    /* An act the text states is an event even when it does not say who
     * did it (انفجار سيارة مفخخة، قُتل ثلاثة مدنيين) or to whom, as ACLED
     * and GDELT code them: the confidence says how much the sentence gave. */
    e.confidence = has_source && has_target ? 0.9f : has_source ? 0.75f : has_target ? 0.6f : 0.45f;
    if (has_source && e.source.rule && ev_weak_rule(e.source.rule)) e.confidence -= 0.25f; /* a guess, not a reading */
    if (!has_target && (root == 2 || root == 4) && !cd->noun) e.confidence -= 0.1f;
    /* whether it happened; if so, the flags of how (events_modality.c) */
    if (ev_no_happening(c, cd, &e, ambiguous, after, src_rule)) return;
    ev_flags(c, i, &e);

    /* its code */
    e.acled = ev_acled_type(c, r, &e);
    rasd_put_str(e.cameo, sizeof e.cameo, 0, r->cameo);
    e.plover_type = r->plover_type;
    e.plover_mode = r->plover_mode;
    bool object_pronoun = c->hits[i].pronoun || x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len;
    if (ev_one_sided(c, r, &e, object_pronoun, cd->tj)) snprintf(e.cameo, sizeof e.cameo, "%s", "180");
    /* a force that destroys (دمرت طائرات التحالف الجسر) fights: 19, not the
     * 1712 of a demolition or a confiscation */
    if (strcmp(r->cameo, "1712") == 0 && ev_actor_is_force(c, &e.source)) {
        snprintf(e.cameo, sizeof e.cameo, "%s", "190");
        e.plover_type = "ASSAULT";
        e.plover_mode = "destroy";
    }
    /* «المتظاهرون ... مطالبين برحيل الحكومة»: what protesters demand or
     * call for they demand by demonstrating (CAMEO 141, not 10 or 02) */
    /* what protesters do is how they protest: a demand, a call, a
     * condemnation or a rejection is a demonstration (141); blocking or
     * besieging is obstruction (144); violence is a riot (145) */
    if (ev_agent_is_protesters(c->d, e.source.agent) && root != 14) {
        int er = ev_root(e.cameo);
        const char *code = er == 2 || er == 10 || er == 11 || er == 12 || er == 13 ? "141"
                           : er == 17 || strcmp(e.cameo, "191") == 0 || strcmp(e.cameo, "192") == 0 ? "144"
                           : er >= 18                                                                 ? "145"
                                                                                                      : NULL;
        if (code) {
            snprintf(e.cameo, sizeof e.cameo, "%s", code);
            e.plover_type = "PROTEST";
            e.plover_mode = code[2] == '1' ? "demo" : code[2] == '4' ? "obstruct" : "riot";
            if (code[2] == '5') e.acled = "Riots";
            else e.acled = "Protests";
        }
    }
    ev_attach(c, r, &e, nums, nb, dates, db); /* place, date, magnitudes (events_attach.c) */
    if (!rasd_grow((void **)&c->out.items, &c->out.cap, c->out.count, sizeof e)) {
        c->failed = true;
        return;
    }
    c->out.items[c->out.count++] = e;
}

/* Does the path at token i name protesters (المتظاهرون، المحتجون، المعتصمون)? */
static bool protester_word(const rasd_event_coder *c, size_t i) {
    if (!ev_has(c, i, EV_AGENT, -1)) return false;
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    for (size_t k = 0; k < cnt; k++)
        if (p[k].target.kind == EV_AGENT && ev_agent_is_protesters(c->d, (int)p[k].target.index)) return true;
    return false;
}

/* «وألقى عشرات المتظاهرين الحجارة»، «ساروا ... المتظاهرون»، «تجمع 50 متظاهرا»:
 * a sentence that tells what protesters did tells of a demonstration, even
 * when its verb is none of the lexicon's (marched, gathered, blocked, pitched
 * tents). When the sentence has no protest event of its own, the
 * protesters' first mention is coded as one (141, the rule
 * protesters-named, the confidence of a guess). */
static void protest_of_protesters(rasd_event_coder *c, size_t first_event, const rasd_number_list *nums, size_t nb,
                                  const rasd_date_list *dates, size_t db) {
    for (size_t k = first_event; k < c->out.count; k++)
        if (ev_root(c->out.items[k].cameo) == 14) return;
    if (c->sports_words >= 2) return; /* fans (المشجعون) are no protesters, but a stadium's crowd can be */
    int row = -1;
    for (size_t r = 0; r < c->d->n_triggers && row < 0; r++)
        if (strcmp(c->d->triggers[r].cameo, "141") == 0 && !c->d->triggers[r].has_cue) row = (int)r;
    if (row < 0) return;
    for (size_t z = 0; z < c->n_ms; z++) {
        const ev_mention *m = &c->ms[z];
        if (!ev_agent_is_protesters(c->d, m->agent)) continue;
        if (ev_has_prep_clitic(c, m->ti, 'l')) continue; /* تصدت الشرطة للمتظاهرين: the protesters are the target */
        cand cd = {m->ti, (uint32_t)m->tj, row, 0, 0, true};
        size_t before = c->out.count;
        code_candidate(c, &cd, nums, nb, dates, db, NULL, 0);
        if (c->out.count > before) {
            rasd_event *e = &c->out.items[c->out.count - 1];
            ev_set_actor(c, (int)z, &e->source, "protesters-named");
            e->confidence = e->target.end ? 0.5f : 0.4f;
        }
        return;
    }
}

/* Is the trigger at token i a noun whose every row is a noun (انتقادات،
 * اشتباكات), so that it cannot be a name's last word? */
static bool tail_noun_trigger(const rasd_event_coder *c, size_t i) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    bool any = false;
    for (size_t k = 0; k < cnt; k++) {
        if (p[k].target.kind != EV_TRIGGER) continue;
        const rasd_trigger *r = &c->d->triggers[p[k].target.index];
        if (r->verb || !r->noun || !r->lemma[0]) return false;
        any = true;
    }
    return any && !ev_has(c, i, EV_MARK, EV_MARK_AMBIGUOUS);
}

rasd_status rasd_event_code_sentence(rasd_event_coder *c, rasd_entity_extractor *x, size_t n, size_t sentence,
                                     const rasd_number_list *numbers, size_t nb, const rasd_date_list *dates,
                                     size_t db) {
    if (!c || !x || n == 0) return RASD_OK;
    c->x = x;
    c->kn = x->kn;
    c->n = n;
    c->sentence = sentence;
    c->nums = numbers;
    c->nb = nb;
    if (!rasd_grow((void **)&c->hits, &c->cap_hits, n, sizeof *c->hits)) return RASD_ERR_NOMEM;
    /* The memo of find_hits is read at random, one slot a word, and is
     * larger than the caches: every word's slot is asked for before the
     * first is read (perf: the read of the slot was a third of the coder's
     * cycles), in the one pass over the words that counts sport's. */
    no_inflection_memo *memo = ev_thread_memo(x->an);
    for (size_t i = 0; i < n; i++) {
        c->sports_words += sports_word(c, i);
        if (memo && x->t[i].word) __builtin_prefetch(&memo->hash[x->t[i].base_hash & (EV_NO_INFLECTION_SLOTS - 1)]);
    }
    /* «سمات: بيروت قتل ...»: the tags some outlets print after the last
     * sentence are keywords (قتل، تحرش، احتراق), no sentence */
    static const ev_word TAGS[] = {EV_WORD("سمات")};
    size_t first_word = 0;
    while (first_word < n && !x->t[first_word].word) first_word++;
    if (first_word + 1 < n && ev_word_in(c, first_word, false, TAGS, 1)) {
        c->quote_from = x->out.n_quotes;
        return RASD_OK;
    }
    ev_find_hits(c);
    bool any = false, protesters = false; /* one pass: most words have no hit */
    for (size_t i = 0; i < n; i++) {
        if (!c->hits[i].node) continue;
        any |= ev_has(c, i, EV_TRIGGER, -1);
        protesters = protesters || protester_word(c, i);
    }
    size_t first_event = c->out.count;
    if (any || protesters) {
        if (!ev_find_mentions(c)) return RASD_ERR_NOMEM;
        size_t heads[MAX_HEADS], n_heads = 0;
        for (size_t i = 0; i < n; i++) {
            if (!c->hits[i].node || c->used[i] || !ev_has(c, i, EV_TRIGGER, -1)) continue;
            /* a trigger inside a name (الحشد الشعبي) is part of the name;
             * but a name read after a title may have swallowed a verb
             * (الأمين العام يدين ...): a trigger opening it wins */
            bool named = false;
            for (size_t z = 0; z < c->n_ms && !named; z++) {
                const ev_mention *m = &c->ms[z];
                if (m->ti > i || i > m->tj || m->entity < 0) continue;
                const rasd_entity *en = &x->out.items[m->entity];
                /* (and a tagged name may run on into the noun after it:
                 * «وجه النائب فلان الفلاني انتقادات»: a plural event noun
                 * ending a name the knowledge base does not hold is no
                 * part of it) */
                bool loose = en->actor == UINT32_MAX && en->origin != RASD_FROM_KB;
                named = !(loose && (m->ti == i || (m->tj == i && i > m->ti + 1 && c->hits[i].tj == i &&
                                                   !x->t[i].art_len && ev_has(c, i, EV_TRIGGER, -1) &&
                                                   tail_noun_trigger(c, i)) ||
                                    c->hits[i].tj > m->tj)); /* (a phrase running out of the name: إطلاق سراح) */
            }
            if (named) continue;
            cand cd;
            if (!ev_pick_row(c, i, &cd)) continue;
            if (cd.cue_j) /* شن غارات: the cue is this event's, not an event of its own */
                for (size_t k = cd.cue_i; k <= cd.cue_j; k++) c->used[k] = 1;
            if (n_heads < MAX_HEADS && c->d->triggers[cd.row].speech) {
                size_t h = ev_issue_head(c, &cd);
                if (h < n) heads[n_heads++] = h;
            }
            code_candidate(c, &cd, numbers, nb, dates, db, heads, n_heads);
            i = cd.tj;
        }
    }
    if (!c->failed) ev_one_happening(c, first_event);
    if (protesters && !c->failed) protest_of_protesters(c, first_event, numbers, nb, dates, db);
    c->quote_from = x->out.n_quotes;
    return c->failed ? RASD_ERR_NOMEM : RASD_OK;
}
