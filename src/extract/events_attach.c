/*
 * events_attach.c: what a coded event carries besides its code and its
 * participants: its ACLED type, the sentence's place, its date (the
 * sentence's, else the publication's), the killed, wounded, arrested and
 * money the sentence counts, and at the document's end each participant's
 * CAMEO actor code and country and the dateline's place. Separate from the
 * coder (events.c): it reads the other extractors' output (places, dates,
 * numbers, the knowledge base) and none of the sentence's structure.
 */
#include "events_internal.h"

#include <stdio.h>
#include <string.h>

const char *ev_acled_type(const rasd_event_coder *c, const rasd_trigger *r, const rasd_event *e) {
    int root = ev_root(r->cameo);
    const char *a = *r->acled ? r->acled : NULL;
    if (root >= 18 && root <= 20) {
        bool remote = strcmp(r->plover_mode, "aerial") == 0 || strcmp(r->plover_mode, "heavy-weapons") == 0 ||
                      strcmp(r->plover_mode, "explosives") == 0 || strcmp(r->plover_mode, "suicide-attack") == 0;
        bool person_target = e->target.entity >= 0 && e->target.agent < 0 && c->x->out.items[e->target.entity].actor ==
                                                                                    UINT32_MAX;
        if ((!a || strcmp(a, "Battles") == 0) && !remote && (ev_is_civilian(c, &e->target) || person_target))
            return "Violence against civilians";
        if (!a) return remote ? "Explosions/Remote violence" : "Battles";
    }
    return a;
}

/* The place of an event: the first gazetteer place the sentence names,
 * else a country it names that is not one of the event's parties. */
static int sentence_place(const rasd_event_coder *c, const rasd_event *e) {
    const rasd_entity_extractor *x = c->x;
    int best = -1, best_country = -1;
    size_t best_at = SIZE_MAX, best_country_at = SIZE_MAX;
    for (size_t p = 0; p < x->out.n_places; p++) {
        const rasd_place_hit *ph = &x->out.places[p];
        for (size_t k = ph->n_mentions; k-- > 0 && ph->mentions[k].sentence == c->sentence;) {
            const rasd_mention *m = &ph->mentions[k];
            bool party = (m->start >= e->source.start && m->end <= e->source.end && e->source.end) ||
                         (m->start >= e->target.start && m->end <= e->target.end && e->target.end);
            if (party) continue;
            if (ph->place != UINT32_MAX && m->start < best_at) best = (int)p, best_at = m->start;
            if (ph->place == UINT32_MAX && ph->actor != UINT32_MAX && m->start < best_country_at)
                best_country = (int)p, best_country_at = m->start;
        }
    }
    return best >= 0 ? best : best_country;
}

static void magnitudes(const rasd_event_coder *c, const rasd_trigger *r, rasd_event *e, const rasd_number_list *nums,
                       size_t nb, size_t trigger_end) {
    int root = ev_root(r->cameo);
    bool violent = root >= 14;
    bool kill = strcmp(r->lemma, "قتل") == 0 || strcmp(r->lemma, "مقتل") == 0 || strcmp(r->plover_mode, "execute") == 0;
    bool arrest = strncmp(r->cameo, "173", 3) == 0;
    for (size_t i = nb; i < nums->count; i++) {
        const rasd_number *nm = &nums->items[i];
        double v = nm->value;
        const char *code = nm->code ? nm->code : "";
        if (nm->unit_kind == RASD_UNIT_CURRENCY) {
            if (e->money < 0) {
                e->money = v;
                e->currency = nm->code;
            }
            continue;
        }
        if (!violent || (nm->flags & (RASD_NUM_YEAR | RASD_NUM_DATE | RASD_NUM_PERCENT))) continue;
        bool near = nm->start >= trigger_end && nm->start - trigger_end < 40; /* right after the trigger: قتل 5 مدنيين */
        if (strcmp(code, "killed") == 0 || (kill && near && nm->unit_kind != RASD_UNIT_TIME))
            e->killed = e->killed < 0 ? v : e->killed + v;
        else if (strcmp(code, "wounded") == 0)
            e->wounded = e->wounded < 0 ? v : e->wounded + v;
        else if (strcmp(code, "detainees") == 0 || strcmp(code, "prisoners") == 0 || (arrest && near && nm->unit_kind != RASD_UNIT_TIME))
            e->arrested = e->arrested < 0 ? v : e->arrested + v;
    }
    (void)c;
}

/* The place, date and magnitudes of the event e of row r (the sentence's
 * numbers are nums->items[nb..], its dates dates->items[db..]). */
void ev_attach(const rasd_event_coder *c, const rasd_trigger *r, rasd_event *e, const rasd_number_list *nums, size_t nb,
               const rasd_date_list *dates, size_t db) {
    e->place = sentence_place(c, e);
    for (size_t k = db; k < dates->count; k++)
        if (dates->items[k].iso[0]) {
            memcpy(e->date, dates->items[k].iso, sizeof e->date);
            e->granularity = rasd_granularity_name(dates->items[k].granularity);
            break;
        }
    if (!e->date[0] && c->published) {
        snprintf(e->date, sizeof e->date, "%s", c->published);
        e->granularity = "day";
        e->flags |= RASD_EV_DATE_PUBLISHED;
    }
    magnitudes(c, r, e, nums, nb, e->end);
}

/* The CAMEO actor code and country of a participant: a KB actor's own; a
 * person's from the actor they speak for; an agent's built from its
 * country or group and its agent code (TUR + COP, SDF's code + nothing). */
static void finish_actor(const rasd_event_coder *c, const rasd_entities *es, rasd_event_actor *a) {
    /* «القصف التركي» in an article that names تركيا: the adjective stands for
     * that state, one entity with its mentions, not a country of its own */
    if (a->entity < 0 && a->agent < 0 && a->country[0])
        for (size_t k = 0; k < es->count; k++) {
            uint32_t actor = es->items[k].actor;
            if (actor == UINT32_MAX || strcmp(c->kn->actors[actor].type, "state") != 0 ||
                strcmp(c->kn->actors[actor].country, a->country) != 0)
                continue;
            a->entity = (int)k;
            break;
        }
    const char *code = "", *country = a->country;
    if (a->entity >= 0) {
        const rasd_entity *en = &es->items[a->entity];
        uint32_t actor = en->actor;
        if (actor == UINT32_MAX && en->affiliation != UINT32_MAX) actor = es->items[en->affiliation].actor;
        if (actor != UINT32_MAX) {
            code = c->kn->actors[actor].cameo;
            if (!*country) country = c->kn->actors[actor].country;
        } else if (en->country && !*country) {
            country = en->country;
        }
    }
    /* rasd_put_str: snprintf's "%s", without its cost on every participant */
    char buf[sizeof a->code];
    if (a->agent >= 0) {
        const char *ag = c->d->agents[a->agent].code;
        if (*code && strlen(code) > 3) rasd_put_str(buf, sizeof buf, 0, code); /* a group's own code says it */
        else rasd_put_str(buf, sizeof buf, rasd_put_str(buf, sizeof buf, 0, *code ? code : *country ? country : "---"), ag);
    } else if (*code) {
        rasd_put_str(buf, sizeof buf, 0, code);
    } else {
        rasd_put_str(buf, sizeof buf, 0, a->entity < 0 && *country ? country : "");
    }
    memcpy(a->code, buf, sizeof a->code);
    if (country != a->country) rasd_put_str(a->country, sizeof a->country, 0, country ? country : "");
}

rasd_status rasd_event_coder_finish(rasd_event_coder *c, const rasd_entities *es, rasd_event_list *out) {
    for (size_t i = 0; i < c->out.count; i++) {
        rasd_event *e = &c->out.items[i];
        if (c->kn) {
            finish_actor(c, es, &e->source);
            finish_actor(c, es, &e->target);
        }
        if (e->place < 0 && es->dateline != UINT32_MAX) {
            e->place = (int)es->dateline;
            e->flags |= RASD_EV_PLACE_DATELINE;
        }
    }
    *out = c->out;
    memset(&c->out, 0, sizeof c->out);
    return c->failed ? RASD_ERR_NOMEM : RASD_OK;
}
