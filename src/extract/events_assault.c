/*
 * events_assault.c: assault (CAMEO 18) or fight (19). The verb seldom says
 * which (قتل، هاجم، استهدف: plain 190); who the violence fell on does: a
 * civilian, a named person or people counted dead who are no fighters make
 * it one-sided, and one act of a sentence told as an assault makes the
 * sentence's plain attacks that assault, unless the sentence tells of a
 * battle. The coder (events.c) asks ev_one_sided for each event and
 * ev_one_happening once a sentence is coded.
 */
#include "events_internal.h"

#include <stdio.h>
#include <string.h>

/* A death or a wound told of its victims (قتل، مقتل، استشهد، قتلى، لقي
 * حتفه، أصيب): the grammatical subject, if any, is who died. */
static bool is_casualty_row(const rasd_trigger *r) {
    static const char *const LEMMAS[] = {"قتل", "مقتل", "استشهد", "استشهاد", "قتلى", "لقي", "أصيب", "إصابة", "توفي"};
    for (size_t i = 0; i < sizeof LEMMAS / sizeof *LEMMAS; i++)
        if (strcmp(r->lemma, LEMMAS[i]) == 0) return true;
    return false;
}

bool ev_is_victim_row(const rasd_trigger *r) {
    return strcmp(r->plover_mode, "assassinate") == 0 || strcmp(r->plover_mode, "abduct") == 0 || is_casualty_row(r);
}

/* Civilian agents (CAMEO CVL, REF, EDU, HLH, MED, LAB, AGR, REL, HRI) and
 * named people are the victims that make violence one-sided. */
bool ev_is_civilian(const rasd_event_coder *c, const rasd_event_actor *a) {
    if (a->agent >= 0 && a->entity < 0) {
        static const char *const CIV[] = {"CVL", "REF", "EDU", "HLH", "MED", "LAB", "AGR", "REL", "HRI", "BUS"};
        const char *code = c->d->agents[a->agent].code;
        for (size_t k = 0; k < sizeof CIV / sizeof CIV[0]; k++)
            if (strstr(code, CIV[k])) return true;
    }
    return false;
}

/* Is the participant a force (the mention it was read from, as ev_is_force says)? */
bool ev_actor_is_force(const rasd_event_coder *c, const rasd_event_actor *a) {
    for (size_t z = 0; a->end && z < c->n_ms; z++)
        if (c->ms[z].start == a->start && c->ms[z].end == a->end) return ev_is_force(c, (int)z);
    return false;
}

/* CAMEO tells force between armed parties (19: fight) from violence on
 * people who do not fight back (18: assault; CAMEO's manual codes a gunman
 * killing civilians, a suicide bombing in a market, a murder there). The
 * verb does not say which (قتل، هاجم، استهدف, plain 190): the actors do. A
 * weapon that only armies use (195 air, 194 artillery) stays 19. */
/* Is mention m a civilian agent (an agent row, no named entity)? */
static bool civilian_mention(const rasd_event_coder *c, int m) {
    if (m < 0) return false;
    rasd_event_actor a;
    memset(&a, 0, sizeof a);
    a.entity = c->ms[m].entity;
    a.agent = c->ms[m].agent;
    return ev_is_civilian(c, &a);
}

/* «مقتل 14 شخصا»، «قتل عشرة أشخاص»، «استشهاد 15 مصليا»: a death counted
 * in people named as no fighters is a killing, whatever force the sentence
 * names elsewhere (the bomber's enemies, the army that hunts him). A count
 * of fighters (مقتل 20 جنديا، مقتل 15 من عناصر داعش) is a battle's toll. */
static bool counted_unarmed_victims(const rasd_event_coder *c, size_t tj) {
    static const ev_word PEOPLE[] = {EV_WORD("شخص"),  EV_WORD("شخصا"),   EV_WORD("اشخاص"), EV_WORD("مواطن"),
                                     EV_WORD("مواطنا"), EV_WORD("مواطنين"), EV_WORD("امراه"), EV_WORD("نساء"),
                                     EV_WORD("طفل"),  EV_WORD("طفلا"),   EV_WORD("اطفال"), EV_WORD("مدنيا")};
    size_t k = tj + 1;
    if (k >= c->n || !ev_is_count(c, k)) return false;
    /* the numbers stage reads the counted noun into the count (10 أشخاص) */
    for (; k < c->n && k <= tj + 4; k++) {
        if (ev_word_in(c, k, true, PEOPLE, sizeof PEOPLE / sizeof *PEOPLE) ||
            civilian_mention(c, ev_mention_starting(c, k)))
            return true;
        if (!ev_is_count(c, k)) break;
    }
    return false;
}

/* Does the event's source end at most `words` tokens before its trigger? */
static bool near_before(const rasd_event_coder *c, const rasd_event *e, size_t words) {
    size_t between = 0;
    for (size_t k = 0; k < c->n; k++) {
        const rasd_token *t = &c->x->t[k].tok;
        if (t->start >= e->source.end && t->end <= e->start) between++;
    }
    return e->source.end && e->source.end <= e->start && between <= words;
}

bool ev_one_sided(const rasd_event_coder *c, const rasd_trigger *r, const rasd_event *e, bool pronoun,
                      size_t tj) {
    if (ev_root(r->cameo) != 19 || strcmp(r->cameo, "194") == 0 || strcmp(r->cameo, "195") == 0 ||
        strcmp(r->cameo, "192") == 0 || strcmp(r->cameo, "191") == 0 || strcmp(r->cameo, "196") == 0)
        return false;
    if (e->flags & RASD_EV_SYMMETRIC) return false;
    if (ev_is_civilian(c, &e->target)) return true;
    if (is_casualty_row(r) && counted_unarmed_victims(c, tj)) return true;
    /* «الطفل قتل حرقا»: a death's subject is who died */
    if (is_casualty_row(r) && ev_is_civilian(c, &e->source) && e->source.rule && !ev_actor_is_force(c, &e->target) &&
        (!ev_weak_rule(e->source.rule) || (strcmp(e->source.rule, "nearest-before") == 0 && near_before(c, e, 8))))
        return true;
    /* استهدف المصلين، قتل المدنيين: the object right after the act, when the
     * subject rules took it for its doer */
    if (civilian_mention(c, ev_mention_after(c, tj + 1, c->n, 2, false))) return true;
    /* a death whose victims are not a force (مقتل 14 شخصا، استشهاد 15 مصليا):
     * a killing, not a battle's toll; with no victims named, a sentence
     * that names no force is no battle either */
    if (is_casualty_row(r) && !ev_actor_is_force(c, &e->target)) {
        if (e->target.end || e->target.agent >= 0 || e->target.entity >= 0 || pronoun) return true; /* قتلوهم */
        for (size_t z = 0; z < c->n_ms; z++) /* (a state named, سورية الجنسية, is no force in the field) */
            if (ev_is_force(c, (int)z) && !c->ms[z].state) return false;
        return true;
    }
    const rasd_entity_extractor *x = c->x;
    bool person_target = e->target.entity >= 0 && e->target.agent < 0 && x->out.items[e->target.entity].actor == UINT32_MAX;
    if (person_target) return true;
    /* an unidentified gunman, a suicide bomber or a criminal against anyone unarmed or unnamed */
    if (e->source.agent >= 0 && e->source.entity < 0 && e->target.entity < 0) {
        const char *code = c->d->agents[e->source.agent].code;
        if (strstr(code, "CRM") || strcmp(c->d->agents[e->source.agent].name_en, "suicide bomber") == 0) return true;
    }
    return false;
}

/* One sentence, one happening: «فجر انتحاري نفسه في السوق مما أسفر عن
 * مقتل 14 شخصا، وهو الهجوم الثاني»: when one of a sentence's acts of
 * violence is one-sided (18: a bombing, an assassination, a killing of
 * people), its plain attacks and deaths (190) are told of that assault, not
 * of a battle; unless the sentence tells of a fight between two or of
 * weapons only armies use (191-196 stay). */
/* Force whose code does not say between whom: plain (190) or with small
 * arms (193, أطلق النار: a gunman's shots at people are an assault too). */
static bool plain_violence(const char *cameo) { return strcmp(cameo, "190") == 0 || strcmp(cameo, "193") == 0; }

static bool fight_row(const rasd_trigger *r) {
    static const char *const FIGHTS[] = {"صدامات", "مواجهات", "اشتبك", "اشتباكات", "معارك", "قتال", "قاتل",
                                         "تصدى",   "صد",      "دحر",   "طرد",      "كمين",  "نصب"};
    for (size_t i = 0; i < sizeof FIGHTS / sizeof *FIGHTS; i++)
        if (strcmp(r->lemma, FIGHTS[i]) == 0) return true;
    return false;
}

/* Is the 18 of event e read from the text (an assault's own word, a
 * civilian or a named person hit, people counted dead), not only from a
 * sentence that names no force? */
static bool assault_told(const rasd_event_coder *c, const rasd_event *e) {
    const rasd_trigger *r = &c->d->triggers[e->trigger];
    if (ev_root(r->cameo) == 18) return true;
    if (ev_is_civilian(c, &e->target)) return true;
    for (size_t k = 0; k < c->n; k++)
        if (c->x->t[k].tok.end == e->end) return is_casualty_row(r) && counted_unarmed_victims(c, k);
    return false;
}

void ev_one_happening(rasd_event_coder *c, size_t first) {
    /* «صدامات أثناء تظاهر منظمة ...»: clashes a sentence tells with a
     * demonstration are the protest's clashes (145), not a battle */
    bool protest = false;
    for (size_t k = first; k < c->out.count; k++) protest |= ev_root(c->out.items[k].cameo) == 14;
    for (size_t k = first; protest && k < c->out.count; k++) {
        rasd_event *e = &c->out.items[k];
        const rasd_trigger *r = &c->d->triggers[e->trigger];
        if (strcmp(r->cameo, "190") != 0 || ev_root(e->cameo) < 18 || !r->noun || !fight_row(r) ||
            ev_actor_is_force(c, &e->source))
            continue;
        snprintf(e->cameo, sizeof e->cameo, "%s", "145");
        e->plover_type = "PROTEST";
        e->plover_mode = "riot";
        e->acled = "Riots";
    }
    /* «القذائف التي استهدفت المستشفى ودمرت قسم الطوارئ»: what an attack of
     * the sentence destroyed is the attack's doing (19), not a demolition */
    bool attack = false;
    for (size_t k = first; k < c->out.count; k++) attack |= ev_root(c->out.items[k].cameo) == 19;
    for (size_t k = first; attack && k < c->out.count; k++) {
        rasd_event *e = &c->out.items[k];
        if (strcmp(e->cameo, "1712") != 0 || strcmp(c->d->triggers[e->trigger].cameo, "1712") != 0) continue;
        snprintf(e->cameo, sizeof e->cameo, "%s", "190");
        e->plover_type = "ASSAULT";
        e->plover_mode = "destroy";
    }
    bool assault = false, fight = false;
    for (size_t k = first; k < c->out.count; k++) {
        const rasd_event *e = &c->out.items[k];
        bool battle = (e->flags & RASD_EV_SYMMETRIC) || (ev_root(e->cameo) == 19 && !plain_violence(e->cameo));
        c->doc_fights += battle || fight_row(&c->d->triggers[e->trigger]);
        c->doc_assaults += ev_root(e->cameo) == 18 && assault_told(c, e);
    }
    for (size_t k = first; k < c->out.count; k++) {
        const rasd_event *e = &c->out.items[k];
        if (e->flags & RASD_EV_SYMMETRIC) return;
        if (ev_root(e->cameo) == 19 && !plain_violence(e->cameo)) return;
        fight |= fight_row(&c->d->triggers[e->trigger]);
        assault |= ev_root(e->cameo) == 18 && assault_told(c, e);
    }
    /* a report of a bombing or a killing that tells of no battle anywhere:
     * its later plain attacks and deaths (الهجوم، قتلوا في الهجوم) are that
     * assault told again */
    bool told_before = !assault && c->doc_assaults > 0 && c->doc_fights == 0;
    assault |= told_before;
    /* «أسفرت المعارك عن مقتل 15 من عناصر التنظيم»: a death in a battle the
     * sentence tells is its toll, though no force be named */
    for (size_t k = first; fight && k < c->out.count; k++) {
        rasd_event *e = &c->out.items[k];
        const rasd_trigger *r = &c->d->triggers[e->trigger];
        if (strcmp(e->cameo, "180") == 0 && strcmp(r->cameo, "190") == 0 && is_casualty_row(r) && !assault_told(c, e))
            snprintf(e->cameo, sizeof e->cameo, "%s", "190");
    }
    if (!assault || fight) return;
    for (size_t k = first; k < c->out.count; k++) {
        rasd_event *e = &c->out.items[k];
        if (!plain_violence(e->cameo) || ev_actor_is_force(c, &e->target)) continue; /* (a raid on the police: a fight) */
        /* (an armed group the sentence names as the doer fights, whatever the document told before) */
        if (told_before && (ev_actor_is_force(c, &e->source) || e->source.agent >= 0) && e->source.rule &&
            !ev_weak_rule(e->source.rule))
            continue;
        if (told_before && c->d->triggers[e->trigger].has_cue) continue; /* (ضرب مواقع: a military object) */
        if (strstr(c->d->triggers[e->trigger].lemma, "عسكري")) continue; /* (العملية العسكرية: an army's) */
        snprintf(e->cameo, sizeof e->cameo, "%s", "180");
        if (e->acled && strcmp(e->acled, "Battles") == 0) e->acled = "Violence against civilians";
    }
}
