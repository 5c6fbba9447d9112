/*
 * analysis_events.c: the events of analyze's line and the entities their
 * participants become. Written straight into a buffer with json_write.h,
 * as the entities are: a document has dozens of events of some forty
 * members each, and yajl's call per key and value cost 7% of analyze.
 */
#include "analysis/analysis_events.h"

#include "analysis/json_write.h"
#include "extract/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Event participants that are no entity of the extractor get one, so that
 * every side of an event points to an entity with its mentions:
 *   a generic agent      agent:police, agent:police:TUR (its country from a
 *                        nationality adjective)      type agent
 *   a country alone      country:TUR (القصف التركي)   type state
 *   a noun phrase        phrase:دبابة_إسرائيلية (a subject no dictionary
 *                        names, kept as written)      type unresolved */
static bool is_unnamed(const rasd_event_actor *a) {
    return a->entity < 0 && (a->agent >= 0 || a->country[0] || a->end > a->start);
}

static void participant_id(char *buf, size_t cap, const rasd_event_dict *d, const char *text,
                           const rasd_event_actor *a) {
    size_t n;
    if (a->agent >= 0) {
        /* rasd_put, not snprintf: this runs for every pair of an article's event sides */
        n = rasd_put_str(buf, cap, rasd_put_str(buf, cap, 0, "agent:"), d->agents[a->agent].name_en);
        if (a->country[0] && n < cap) n = rasd_put_str(buf, cap, rasd_put_str(buf, cap, n, ":"), a->country);
    } else if (a->country[0]) {
        n = rasd_put_str(buf, cap, rasd_put_str(buf, cap, 0, "country:"), a->country);
    } else {
        n = rasd_put(buf, cap, rasd_put_str(buf, cap, 0, "phrase:"), text + a->start, a->end - a->start);
    }
    if (n >= cap) { /* cut on a character boundary */
        n = cap - 1;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80) n--;
        buf[n] = '\0';
    }
    size_t o = 0; /* spaces and commas to one _ each run: agent:tribal_elders_notables */
    for (size_t i = 0; i < n; i++) {
        bool sep = buf[i] == ' ' || buf[i] == ',';
        if (sep && o > 0 && buf[o - 1] == '_') continue;
        buf[o++] = sep ? '_' : buf[i];
    }
    buf[o] = '\0';
}

/* Side k of the event list: even k the source of event k / 2, odd the target. */
static const rasd_event_actor *side_at(const rasd_event_list *list, size_t k) {
    return k % 2 ? &list->items[k / 2].target : &list->items[k / 2].source;
}

void rasd_json_event_participants(rasd_buf *f, const rasd_knowledge *kn, const char *text,
                                  const rasd_event_list *list, bool first) {
    size_t sides = list ? list->count * 2 : 0;
    for (size_t i = 0; i < sides; i++) {
        const rasd_event_actor *a = side_at(list, i);
        if (!is_unnamed(a)) continue;
        char id[160], other[160];
        participant_id(id, sizeof id, kn->events, text, a);
        bool seen = false; /* written already, with all its mentions */
        for (size_t k = 0; k < i && !seen; k++) {
            if (!is_unnamed(side_at(list, k))) continue;
            participant_id(other, sizeof other, kn->events, text, side_at(list, k));
            seen = strcmp(id, other) == 0;
        }
        if (seen) continue;
        const rasd_agent *ag = a->agent >= 0 ? &kn->events->agents[a->agent] : NULL;
        rasd_json_raw(f, first ? "{\"id\":" : ",{\"id\":");
        first = false;
        fstr(f, id);
        rasd_json_raw(f, ag ? ",\"type\":\"agent\",\"name_ar\":" : a->country[0] ? ",\"type\":\"state\",\"name_ar\":"
                                                                          : ",\"type\":\"unresolved\",\"name_ar\":");
        if (ag) fstr(f, ag->name);
        else if (a->end > a->start) rasd_json_str(f, text + a->start, a->end - a->start);
        else rasd_json_raw(f, "null");
        rasd_json_raw(f, ",\"name_en\":");
        fstr_or_null(f, ag ? ag->name_en : NULL);
        rasd_json_raw(f, ",\"country\":");
        fstr_or_null(f, a->country[0] ? a->country : NULL);
        rasd_json_raw(f, ",\"mentions\":[");
        size_t n = 0;
        for (size_t k = i; k < sides; k++) {
            const rasd_event_actor *b = side_at(list, k);
            if (!is_unnamed(b) || b->end <= b->start) continue;
            participant_id(other, sizeof other, kn->events, text, b);
            if (strcmp(id, other) != 0) continue;
            bool dup = false; /* one span told by two events of a sentence */
            for (size_t z = i; z < k && !dup; z++) {
                const rasd_event_actor *y = side_at(list, z);
                dup = is_unnamed(y) && y->start == b->start && y->end == b->end;
            }
            if (dup) continue;
            rasd_json_raw(f, n++ ? ",{\"start\":" : "{\"start\":");
            rasd_json_num(f, b->start);
            rasd_json_raw(f, ",\"end\":");
            rasd_json_num(f, b->end);
            rasd_json_raw(f, ",\"sentence\":");
            rasd_json_num(f, list->items[k / 2].sentence);
            rasd_json_raw(f, ",\"text\":");
            rasd_json_str(f, text + b->start, b->end - b->start);
            rasd_json_raw(f, ",\"rule\":\"event-participant\"}");
        }
        rasd_json_raw(f, "],\"mention_count\":");
        rasd_json_num(f, n);
        rasd_buf_putc(f, '}');
    }
}

/* The same participants as rasd_json_event_participants writes, kept for
 * the typed views (analysis.h): the same order, ids, names and mentions. */
bool rasd_event_participants_index(const rasd_knowledge *kn, const char *text, const rasd_event_list *list,
                                   char (*side_ids)[160], rasd_participant_entity **out, size_t *n_out) {
    size_t sides = list ? list->count * 2 : 0, n = 0, cap = 0;
    rasd_participant_entity *parts = NULL;
    for (size_t i = 0; i < sides; i++) {
        const rasd_event_actor *a = side_at(list, i);
        side_ids[i][0] = '\0';
        if (is_unnamed(a)) participant_id(side_ids[i], sizeof side_ids[i], kn->events, text, a);
    }
    for (size_t i = 0; i < sides; i++) {
        const rasd_event_actor *a = side_at(list, i);
        if (!is_unnamed(a)) continue;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = is_unnamed(side_at(list, k)) && strcmp(side_ids[i], side_ids[k]) == 0;
        if (seen) continue;
        if (!rasd_grow((void **)&parts, &cap, n, sizeof *parts)) goto oom;
        rasd_participant_entity *p = &parts[n++];
        memset(p, 0, sizeof *p);
        const rasd_agent *ag = a->agent >= 0 ? &kn->events->agents[a->agent] : NULL;
        p->type = ag ? "agent" : a->country[0] ? "state" : "unresolved";
        if (!(p->id = strdup(side_ids[i]))) goto oom;
        if (ag) p->name_ar = strdup(ag->name);
        else if (a->end > a->start) p->name_ar = strndup(text + a->start, a->end - a->start);
        if ((ag || a->end > a->start) && !p->name_ar) goto oom;
        p->name_en = ag && ag->name_en && *ag->name_en ? ag->name_en : NULL;
        p->country = a->country[0] ? a->country : NULL;
        if (!(p->sides = malloc((sides - i) * sizeof *p->sides))) goto oom;
        for (size_t k = i; k < sides; k++) {
            const rasd_event_actor *b = side_at(list, k);
            if (!is_unnamed(b) || b->end <= b->start || strcmp(side_ids[i], side_ids[k]) != 0) continue;
            bool dup = false; /* one span told by two events of a sentence */
            for (size_t z = i; z < k && !dup; z++) {
                const rasd_event_actor *y = side_at(list, z);
                dup = is_unnamed(y) && y->start == b->start && y->end == b->end;
            }
            if (!dup) p->sides[p->n_sides++] = k;
        }
    }
    *out = parts;
    *n_out = n;
    return true;
oom:
    rasd_participant_entities_free(parts, n);
    return false;
}

void rasd_participant_entities_free(rasd_participant_entity *parts, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(parts[i].id);
        free(parts[i].name_ar);
        free(parts[i].sides);
    }
    free(parts);
}

/* A number that may have a fraction (a casualty count, a sum of money):
 * integral values as N.0, others with up to 15 digits. */
static void fmagnitude(rasd_buf *f, double v) {
    if (v == (double)(long long)v) {
        rasd_json_fixed(f, v, 1);
        return;
    }
    char buf[40];
    int n = snprintf(buf, sizeof buf, "%.15g", v);
    rasd_buf_append(f, buf, (size_t)n);
}

/* A participant of an event: who it is, its CAMEO code, and where the text names it. */
static void event_actor(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_entities *es,
                        const rasd_event_actor *a) {
    const rasd_event_dict *d = kn->events;
    const rasd_entity *en = a->entity >= 0 ? &es->items[a->entity] : NULL;
    const rasd_actor *ka = en && en->actor != UINT32_MAX ? &kn->actors[en->actor] : NULL;
    rasd_json_raw(f, "{\"entity\":");
    if (en) {
        fstr(f, en->id);
    } else if (is_unnamed(a)) {
        char id[160];
        participant_id(id, sizeof id, d, text, a);
        fstr(f, id);
    } else {
        rasd_json_raw(f, "null");
    }
    rasd_json_raw(f, ",\"agent\":");
    fstr_or_null(f, a->agent >= 0 ? d->agents[a->agent].name_en : NULL);
    rasd_json_raw(f, ",\"name_ar\":");
    fstr_or_null(f, ka ? ka->name_ar : en ? en->name_ar : a->agent >= 0 ? d->agents[a->agent].name : NULL);
    rasd_json_raw(f, ",\"name_en\":");
    fstr_or_null(f, ka ? ka->name_en : a->agent >= 0 ? d->agents[a->agent].name_en : NULL);
    rasd_json_raw(f, ",\"type\":");
    fstr(f, ka ? ka->type : en ? (en->type ? en->type : "person") : a->agent >= 0 ? "agent" : a->country[0] ? "state" : "unresolved");
    rasd_json_raw(f, ",\"affiliation\":");
    fstr_or_null(f, en && en->affiliation != UINT32_MAX ? es->items[en->affiliation].id : NULL);
    rasd_json_raw(f, ",\"parent\":");
    fstr_or_null(f, ka && ka->parent != UINT32_MAX ? kn->actors[ka->parent].id : NULL);
    rasd_json_raw(f, ",\"code\":");
    fstr_or_null(f, a->code);
    rasd_json_raw(f, ",\"country\":");
    fstr_or_null(f, a->country);
    rasd_json_raw(f, ",\"text\":");
    if (a->end > a->start) rasd_json_str(f, text + a->start, a->end - a->start);
    else rasd_json_raw(f, "null");
    rasd_json_raw(f, ",\"span\":");
    if (a->end > a->start) fspan(f, a->start, a->end);
    else rasd_json_raw(f, "null");
    rasd_json_raw(f, ",\"rule\":");
    fstr_or_null(f, a->rule);
    rasd_buf_putc(f, '}');
}

/* The participants on one side, a list: empty when the text does not say. */
static void event_actors(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_entities *es,
                         const rasd_event_actor *a) {
    rasd_buf_putc(f, '[');
    if (a->entity >= 0 || a->agent >= 0 || a->country[0] || a->end > a->start) event_actor(f, kn, text, es, a);
    rasd_buf_putc(f, ']');
}

/* Where an event happened: a gazetteer place, a country (its capital's
 * coordinates), or a name no gazetteer row holds. */
static void event_place(rasd_buf *f, const rasd_knowledge *kn, const rasd_entities *es, const rasd_event *e) {
    if (e->place < 0) {
        rasd_json_raw(f, "null");
        return;
    }
    const rasd_place_hit *h = &es->places[e->place];
    const char *name = NULL;
    double lat = 0, lon = 0;
    bool coords = false;
    rasd_json_raw(f, "{\"id\":");
    if (h->place != UINT32_MAX) {
        const rasd_place *p = &kn->places[h->place];
        fstr(f, p->id);
        name = p->name_ar;
        lat = p->lat, lon = p->lon, coords = true;
    } else if (h->actor != UINT32_MAX) {
        const rasd_actor *ca = &kn->actors[h->actor];
        uint32_t cap = rasd_knowledge_capital(kn, ca->country);
        char id[32];
        snprintf(id, sizeof id, "country:%s", ca->country);
        fstr(f, id);
        name = ca->name_ar;
        if (cap != UINT32_MAX) lat = kn->places[cap].lat, lon = kn->places[cap].lon, coords = true;
    } else {
        rasd_json_raw(f, "\"unresolved:");
        rasd_buf b = {0}; /* the name, escaped, without its own quotes */
        rasd_json_str(&b, h->name, strlen(h->name));
        if (b.len >= 2) rasd_buf_append(f, b.data + 1, b.len - 1);
        else f->oom = true;
        f->oom |= b.oom;
        rasd_buf_free(&b);
        name = h->name;
    }
    rasd_json_raw(f, ",\"name_ar\":");
    fstr_or_null(f, name);
    rasd_json_raw(f, ",\"lat\":");
    coords ? fcoordinate(f, lat) : rasd_json_raw(f, "null");
    rasd_json_raw(f, ",\"lon\":");
    coords ? fcoordinate(f, lon) : rasd_json_raw(f, "null");
    rasd_json_raw(f, ",\"from_dateline\":");
    fbool(f, (e->flags & RASD_EV_PLACE_DATELINE) != 0);
    rasd_buf_putc(f, '}');
}

/* The events' array: a document can have dozens, each with some forty
 * members. */
void rasd_json_events(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_entities *es,
                      const rasd_event_list *list) {
    rasd_buf_putc(f, '[');
    for (size_t i = 0; i < list->count; i++) {
        const rasd_event *e = &list->items[i];
        const rasd_trigger *r = &kn->events->triggers[e->trigger];
        rasd_json_raw(f, i ? ",{\"trigger\":{\"text\":" : "{\"trigger\":{\"text\":");
        rasd_json_str(f, text + e->start, e->end - e->start);
        rasd_json_raw(f, ",\"lemma\":");
        fstr(f, r->lemma);
        rasd_json_raw(f, ",\"span\":");
        fspan(f, e->start, e->end);
        rasd_json_raw(f, ",\"cue\":");
        fstr_or_null(f, r->cue);
        rasd_json_raw(f, "},\"sentence\":");
        rasd_json_num(f, e->sentence);
        rasd_json_raw(f, ",\"sentence_span\":");
        fspan(f, e->sent_start, e->sent_end);
        rasd_json_raw(f, ",\"cameo\":");
        fstr(f, e->cameo);
        rasd_json_raw(f, ",\"root\":");
        rasd_json_str(f, e->cameo, 2);
        rasd_json_raw(f, ",\"quad_class\":");
        rasd_json_num(f, (size_t)rasd_cameo_quad_class(e->cameo));
        rasd_json_raw(f, ",\"goldstein\":");
        rasd_json_fixed(f, rasd_cameo_goldstein(e->cameo), 1);
        rasd_json_raw(f, ",\"plover_type\":");
        fstr_or_null(f, e->plover_type);
        rasd_json_raw(f, ",\"plover_mode\":");
        fstr_or_null(f, e->plover_mode);
        rasd_json_raw(f, ",\"acled\":");
        fstr_or_null(f, e->acled);
        rasd_json_raw(f, ",\"confidence\":");
        rasd_json_fixed(f, (double)e->confidence, 2);
        rasd_json_raw(f, ",\"source\":");
        event_actors(f, kn, text, es, &e->source);
        rasd_json_raw(f, ",\"target\":");
        event_actors(f, kn, text, es, &e->target);
        static const struct { uint32_t flag; const char *key; } FLAGS[] = {
            {RASD_EV_SYMMETRIC, ",\"symmetric\":"},       {RASD_EV_NEGATED, ",\"negated\":"},
            {RASD_EV_FUTURE, ",\"future\":"},             {RASD_EV_HYPOTHETICAL, ",\"hypothetical\":"},
            {RASD_EV_CLAIMED, ",\"claimed\":"},           {RASD_EV_IN_QUOTE, ",\"in_quote\":"}};
        for (size_t k = 0; k < sizeof FLAGS / sizeof FLAGS[0]; k++) {
            rasd_json_raw(f, FLAGS[k].key);
            fbool(f, (e->flags & FLAGS[k].flag) != 0);
        }
        rasd_json_raw(f, ",\"place\":");
        event_place(f, kn, es, e);
        rasd_json_raw(f, ",\"date\":");
        if (e->date[0]) {
            rasd_json_raw(f, "{\"value\":");
            fstr(f, e->date);
            rasd_json_raw(f, ",\"granularity\":");
            fstr(f, e->granularity ? e->granularity : "day");
            rasd_json_raw(f, ",\"from_publication\":");
            fbool(f, (e->flags & RASD_EV_DATE_PUBLISHED) != 0);
            rasd_buf_putc(f, '}');
        } else {
            rasd_json_raw(f, "null");
        }
        static const char *const MAG[] = {"{\"killed\":", ",\"wounded\":", ",\"arrested\":", ",\"money\":"};
        const double vals[] = {e->killed, e->wounded, e->arrested, e->money};
        rasd_json_raw(f, ",\"magnitudes\":");
        for (int k = 0; k < 4; k++) {
            rasd_json_raw(f, MAG[k]);
            vals[k] >= 0 ? fmagnitude(f, vals[k]) : rasd_json_raw(f, "null");
        }
        rasd_json_raw(f, ",\"currency\":");
        fstr_or_null(f, e->currency);
        rasd_json_raw(f, "}}");
    }
    rasd_buf_putc(f, ']');
}

