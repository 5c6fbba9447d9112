/*
 * analysis_facts.c: the typed views of an analysis (rasd.h), read from
 * the extractors' lists. Each view gives what the JSON line writes for the
 * same fact: a string the line writes as null is NULL here, one it writes
 * even when empty is "" here, and numbers are rounded as the line prints
 * them, so a store built from the views holds what one built from the
 * line would (tests/test_rows_analysis.c compares the two).
 */
#include "analysis/analysis.h"
#include "analysis/analysis_events.h"
#include "knowledge/knowledge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NULL for NULL and "", as fstr_or_null writes null for both. */
static const char *or_null(const char *s) { return s && *s ? s : NULL; }

/* v as the line prints it and a reader parses it back (fcoordinate: six
 * decimals; the events' confidence: two). */
static double printed(double v, const char *fmt) {
    char buf[64];
    snprintf(buf, sizeof buf, fmt, v);
    return strtod(buf, NULL);
}

/* ----------------------------------------------------------------- index */

bool rasd_analysis_index(rasd_analysis *a) {
    const rasd_knowledge *kn = a->opt.knowledge;
    const rasd_entities *es = &a->ents;
    if (!kn) return true;
    if (es->n_places && !(a->place_ids = calloc(es->n_places, sizeof *a->place_ids))) return false;
    for (size_t i = 0; i < es->n_places; i++) {
        const rasd_place_hit *h = &es->places[i];
        char id[600];
        if (h->place != UINT32_MAX) snprintf(id, sizeof id, "%s", kn->places[h->place].id);
        else if (h->actor == UINT32_MAX) snprintf(id, sizeof id, "unresolved:%s", h->name);
        else snprintf(id, sizeof id, "country:%s", kn->actors[h->actor].country);
        if (!(a->place_ids[i] = strdup(id))) return false;
        if (h->place == UINT32_MAX && h->actor == UINT32_MAX && strlen(h->name) + 11 >= sizeof id) {
            if (!a->event_place_ids && !(a->event_place_ids = calloc(es->n_places, sizeof *a->event_place_ids)))
                return false;
            size_t n = strlen(h->name);
            if (!(a->event_place_ids[i] = malloc(n + 12))) return false;
            memcpy(a->event_place_ids[i], "unresolved:", 11);
            memcpy(a->event_place_ids[i] + 11, h->name, n + 1);
        }
    }
    if (a->has_events && a->events.count) {
        if (!(a->side_ids = calloc(a->events.count * 2, sizeof *a->side_ids))) return false;
        if (!rasd_event_participants_index(kn, a->text, &a->events, a->side_ids, &a->parts, &a->n_parts))
            return false;
    }
    return true;
}

void rasd_analysis_index_free(rasd_analysis *a) {
    for (size_t i = 0; a->place_ids && i < a->ents.n_places; i++) free(a->place_ids[i]);
    for (size_t i = 0; a->event_place_ids && i < a->ents.n_places; i++) free(a->event_place_ids[i]);
    free(a->place_ids);
    free(a->event_place_ids);
    a->event_place_ids = NULL;
    free(a->side_ids);
    rasd_participant_entities_free(a->parts, a->n_parts);
    a->place_ids = NULL;
    a->side_ids = NULL;
    a->parts = NULL;
    a->n_parts = 0;
}

/* ------------------------------------------------------------- document */

const char *rasd_analysis_text(const rasd_analysis *a, size_t *len) {
    if (len) *len = a->len;
    return a->text;
}

unsigned rasd_analysis_extracted(const rasd_analysis *a) {
    unsigned bits = 0, want = a->opt.extract;
    if (a->opt.knowledge) {
        bits |= RASD_EXTRACT_ENTITIES | (want & (RASD_EXTRACT_QUOTES | RASD_EXTRACT_FRAMING));
        if (a->has_events) bits |= RASD_EXTRACT_EVENTS;
    }
    if (a->opt.numbers && (want & RASD_EXTRACT_NUMBERS)) bits |= RASD_EXTRACT_NUMBERS;
    if (a->opt.dates && (want & RASD_EXTRACT_DATES)) bits |= RASD_EXTRACT_DATES;
    return bits;
}

void rasd_analysis_get_stats(const rasd_analysis *a, rasd_analysis_stats *out) {
    out->bytes = a->len;
    out->chars = a->utf8.chars;
    out->paragraphs = a->paragraphs.count;
    out->sentences = a->sentences.count;
    out->tokens = a->n_tokens;
    out->words = a->words;
    out->invalid_utf8 = a->utf8.invalid_count;
}

const rasd_span_list *rasd_analysis_paragraphs(const rasd_analysis *a) { return &a->paragraphs; }
const rasd_span_list *rasd_analysis_sentences(const rasd_analysis *a) { return &a->sentences; }

/* -------------------------------------------------------------- entities */

size_t rasd_analysis_entity_count(const rasd_analysis *a) {
    return a->opt.knowledge ? a->ents.count + a->n_parts : 0;
}

bool rasd_analysis_entity(const rasd_analysis *a, size_t i, rasd_fact_entity *out) {
    if (i >= rasd_analysis_entity_count(a)) return false;
    const rasd_knowledge *kn = a->opt.knowledge;
    const rasd_entities *es = &a->ents;
    memset(out, 0, sizeof *out);
    if (i >= es->count) { /* an event participant no extractor entity covers */
        const rasd_participant_entity *p = &a->parts[i - es->count];
        out->id = p->id;
        out->type = p->type;
        out->name_ar = p->name_ar;
        out->name_en = p->name_en;
        out->country = p->country;
        out->n_mentions = out->mention_count = p->n_sides;
        return true;
    }
    const rasd_entity *e = &es->items[i];
    const rasd_actor *ka = e->actor != UINT32_MAX ? &kn->actors[e->actor] : NULL;
    out->id = e->id;
    out->type = ka ? ka->type : e->type ? e->type : "person";
    out->name_ar = or_null(ka ? ka->name_ar : e->name_ar);
    out->name_en = or_null(ka ? ka->name_en : NULL);
    out->country = or_null(ka ? ka->country : e->country);
    out->cameo = ka && *ka->cameo ? ka->cameo : NULL;
    out->parent = ka && ka->parent != UINT32_MAX ? kn->actors[ka->parent].id : NULL;
    out->affiliation = e->affiliation != UINT32_MAX ? es->items[e->affiliation].id : NULL;
    out->title = e->title;
    out->role = e->role;
    out->byline = e->byline_role;
    out->n_mentions = e->n_mentions;
    out->mention_count = e->total_mentions;
    return true;
}

static void mention(const rasd_knowledge *kn, const rasd_mention *m, rasd_fact_mention *out) {
    out->start = m->start;
    out->end = m->end;
    out->sentence = m->sentence;
    out->rule = m->rule ? m->rule : "kb";
    out->loaded = m->label ? kn->labels[m->label] : NULL;
}

bool rasd_analysis_entity_mention(const rasd_analysis *a, size_t i, size_t k, rasd_fact_mention *out) {
    if (i >= rasd_analysis_entity_count(a)) return false;
    const rasd_entities *es = &a->ents;
    if (i < es->count) {
        if (k >= es->items[i].n_mentions) return false;
        mention(a->opt.knowledge, &es->items[i].mentions[k], out);
        return true;
    }
    const rasd_participant_entity *p = &a->parts[i - es->count];
    if (k >= p->n_sides) return false;
    size_t side = p->sides[k];
    const rasd_event *e = &a->events.items[side / 2];
    const rasd_event_actor *b = side % 2 ? &e->target : &e->source;
    out->start = b->start;
    out->end = b->end;
    out->sentence = e->sentence;
    out->rule = "event-participant";
    out->loaded = NULL;
    return true;
}

/* ---------------------------------------------------------------- places */

size_t rasd_analysis_place_count(const rasd_analysis *a) { return a->opt.knowledge ? a->ents.n_places : 0; }

bool rasd_analysis_place(const rasd_analysis *a, size_t i, rasd_fact_place *out) {
    if (i >= rasd_analysis_place_count(a)) return false;
    const rasd_knowledge *kn = a->opt.knowledge;
    const rasd_place_hit *h = &a->ents.places[i];
    memset(out, 0, sizeof *out);
    out->id = a->place_ids[i];
    if (h->place != UINT32_MAX) {
        const rasd_place *p = &kn->places[h->place];
        out->name_ar = or_null(p->name_ar);
        out->name_en = or_null(p->name_en);
        out->has_coords = true;
        out->lat = printed(p->lat, "%.6f");
        out->lon = printed(p->lon, "%.6f");
        out->country = p->country;
        out->admin1 = or_null(p->admin1);
        out->feature = or_null(p->feature);
    } else if (h->actor == UINT32_MAX) {
        out->name_ar = h->name;
        out->feature = "unresolved (a name the tagger found; not in the gazetteer)";
    } else {
        const rasd_actor *c = &kn->actors[h->actor];
        uint32_t cap = rasd_knowledge_capital(kn, c->country);
        out->name_ar = or_null(c->name_ar);
        out->name_en = or_null(c->name_en);
        if (cap != UINT32_MAX) {
            out->has_coords = true;
            out->lat = printed(kn->places[cap].lat, "%.6f");
            out->lon = printed(kn->places[cap].lon, "%.6f");
        }
        out->country = c->country;
        out->feature = "country (coordinates of its capital)";
    }
    out->dateline = h->dateline;
    out->n_mentions = h->n_mentions;
    out->mention_count = h->total_mentions;
    return true;
}

bool rasd_analysis_place_mention(const rasd_analysis *a, size_t i, size_t k, rasd_fact_mention *out) {
    if (i >= rasd_analysis_place_count(a) || k >= a->ents.places[i].n_mentions) return false;
    mention(a->opt.knowledge, &a->ents.places[i].mentions[k], out);
    return true;
}

/* ------------------------------------------------------ quotes, framing */

size_t rasd_analysis_quote_count(const rasd_analysis *a) {
    return rasd_analysis_extracted(a) & RASD_EXTRACT_QUOTES ? a->ents.n_quotes : 0;
}

bool rasd_analysis_quote(const rasd_analysis *a, size_t i, rasd_fact_quote *out) {
    if (i >= rasd_analysis_quote_count(a)) return false;
    const rasd_quote *q = &a->ents.quotes[i];
    out->text = (rasd_span){q->start, q->end};
    out->verb = (rasd_span){q->verb_start, q->verb_end};
    out->speaker = q->speaker_end > q->speaker_start ? (rasd_span){q->speaker_start, q->speaker_end} : (rasd_span){0, 0};
    out->speaker_id = q->speaker >= 0 ? or_null(a->ents.items[q->speaker].id) : NULL;
    out->sentence = q->sentence;
    out->direct = q->direct;
    out->anonymous = q->anonymous;
    out->continuation = q->continuation;
    out->channel = or_null(q->channel);
    out->rule = or_null(q->rule);
    return true;
}

size_t rasd_analysis_framing_count(const rasd_analysis *a) {
    return rasd_analysis_extracted(a) & RASD_EXTRACT_FRAMING ? a->ents.n_framing : 0;
}

bool rasd_analysis_framing(const rasd_analysis *a, size_t i, rasd_fact_framing *out) {
    if (i >= rasd_analysis_framing_count(a)) return false;
    const rasd_framing *f = &a->ents.framing[i];
    out->actor_id = f->actor >= 0 ? or_null(a->ents.items[f->actor].id) : NULL;
    out->term = (rasd_span){f->start, f->end};
    out->sentence = f->sentence;
    out->label = f->label;
    out->source = f->source;
    out->polarity = f->polarity;
    return true;
}

/* ---------------------------------------------------------------- events */

size_t rasd_analysis_event_count(const rasd_analysis *a) { return a->has_events ? a->events.count : 0; }

static void participant(const rasd_analysis *a, const rasd_event_actor *x, const char *side_id,
                        rasd_fact_participant *out) {
    const rasd_knowledge *kn = a->opt.knowledge;
    const rasd_event_dict *d = kn->events;
    const rasd_entities *es = &a->ents;
    memset(out, 0, sizeof *out);
    out->present = x->entity >= 0 || x->agent >= 0 || x->country[0] || x->end > x->start;
    if (!out->present) return;
    const rasd_entity *en = x->entity >= 0 ? &es->items[x->entity] : NULL;
    const rasd_actor *ka = en && en->actor != UINT32_MAX ? &kn->actors[en->actor] : NULL;
    const rasd_agent *ag = x->agent >= 0 ? &d->agents[x->agent] : NULL;
    out->entity = en ? en->id : *side_id ? side_id : NULL;
    out->agent = or_null(ag ? ag->name_en : NULL);
    out->name_ar = or_null(ka ? ka->name_ar : en ? en->name_ar : ag ? ag->name : NULL);
    out->name_en = or_null(ka ? ka->name_en : ag ? ag->name_en : NULL);
    out->type = ka ? ka->type : en ? (en->type ? en->type : "person") : ag ? "agent" : x->country[0] ? "state" : "unresolved";
    out->affiliation = or_null(en && en->affiliation != UINT32_MAX ? es->items[en->affiliation].id : NULL);
    out->parent = or_null(ka && ka->parent != UINT32_MAX ? kn->actors[ka->parent].id : NULL);
    out->code = or_null(x->code);
    out->country = or_null(x->country);
    if (x->end > x->start) out->span = (rasd_span){x->start, x->end};
    out->rule = or_null(x->rule);
}

bool rasd_analysis_event(const rasd_analysis *a, size_t i, rasd_fact_event *out) {
    if (i >= rasd_analysis_event_count(a)) return false;
    const rasd_knowledge *kn = a->opt.knowledge;
    const rasd_event *e = &a->events.items[i];
    const rasd_trigger *r = &kn->events->triggers[e->trigger];
    memset(out, 0, sizeof *out);
    out->trigger = (rasd_span){e->start, e->end};
    out->lemma = r->lemma;
    out->cue = or_null(r->cue);
    out->sentence = e->sentence;
    out->sentence_span = (rasd_span){e->sent_start, e->sent_end};
    out->cameo = e->cameo;
    out->quad_class = rasd_cameo_quad_class(e->cameo);
    out->goldstein = rasd_cameo_goldstein(e->cameo);
    out->plover_type = or_null(e->plover_type);
    out->plover_mode = or_null(e->plover_mode);
    out->acled = or_null(e->acled);
    out->confidence = printed((double)e->confidence, "%.2f");
    participant(a, &e->source, a->side_ids[2 * i], &out->source);
    participant(a, &e->target, a->side_ids[2 * i + 1], &out->target);
    static const struct { uint32_t from; unsigned to; } FLAGS[] = {
        {RASD_EV_SYMMETRIC, RASD_EVENT_SYMMETRIC}, {RASD_EV_NEGATED, RASD_EVENT_NEGATED},
        {RASD_EV_FUTURE, RASD_EVENT_FUTURE},       {RASD_EV_HYPOTHETICAL, RASD_EVENT_HYPOTHETICAL},
        {RASD_EV_CLAIMED, RASD_EVENT_CLAIMED},     {RASD_EV_IN_QUOTE, RASD_EVENT_IN_QUOTE}};
    for (size_t k = 0; k < sizeof FLAGS / sizeof FLAGS[0]; k++)
        if (e->flags & FLAGS[k].from) out->flags |= FLAGS[k].to;
    if (e->place >= 0) {
        const rasd_place_hit *h = &a->ents.places[e->place];
        out->place_id = a->event_place_ids && a->event_place_ids[e->place] ? a->event_place_ids[e->place]
                                                                           : a->place_ids[e->place];
        if (h->place != UINT32_MAX) {
            const rasd_place *p = &kn->places[h->place];
            out->place_name = or_null(p->name_ar);
            out->place_has_coords = true;
            out->place_lat = printed(p->lat, "%.6f"), out->place_lon = printed(p->lon, "%.6f");
        } else if (h->actor != UINT32_MAX) {
            const rasd_actor *c = &kn->actors[h->actor];
            uint32_t cap = rasd_knowledge_capital(kn, c->country);
            out->place_name = or_null(c->name_ar);
            if (cap != UINT32_MAX) {
                out->place_has_coords = true;
                out->place_lat = printed(kn->places[cap].lat, "%.6f");
                out->place_lon = printed(kn->places[cap].lon, "%.6f");
            }
        } else {
            out->place_name = or_null(h->name);
        }
        out->place_from_dateline = (e->flags & RASD_EV_PLACE_DATELINE) != 0;
    }
    if (e->date[0]) {
        out->date = e->date;
        out->date_granularity = e->granularity ? e->granularity : "day";
        out->date_from_publication = (e->flags & RASD_EV_DATE_PUBLISHED) != 0;
    }
    out->killed = e->killed;
    out->wounded = e->wounded;
    out->arrested = e->arrested;
    out->money = e->money;
    out->currency = or_null(e->currency);
    return true;
}

/* -------------------------------------------------------- numbers, dates */

size_t rasd_analysis_number_count(const rasd_analysis *a) {
    return rasd_analysis_extracted(a) & RASD_EXTRACT_NUMBERS ? a->numbers.count : 0;
}

bool rasd_analysis_number(const rasd_analysis *a, size_t i, rasd_fact_number *out) {
    if (i >= rasd_analysis_number_count(a)) return false;
    const rasd_number *nb = &a->numbers.items[i];
    out->text = (rasd_span){nb->start, nb->end};
    out->sentence = a->number_sentence[i];
    out->integral = (nb->flags & RASD_NUM_INTEGRAL) != 0;
    out->ivalue = nb->ivalue;
    out->value = out->integral ? (double)nb->ivalue : nb->value;
    out->unit = or_null(nb->unit);
    out->unit_code = or_null(nb->code);
    out->unit_kind = rasd_unit_kind_name(nb->unit_kind);
    out->approximate = (nb->flags & RASD_NUM_APPROX) != 0;
    out->more_than = (nb->flags & RASD_NUM_MORE_THAN) != 0;
    out->less_than = (nb->flags & RASD_NUM_LESS_THAN) != 0;
    out->percent = (nb->flags & RASD_NUM_PERCENT) != 0;
    out->year = (nb->flags & RASD_NUM_YEAR) != 0;
    out->in_words = (nb->flags & RASD_NUM_WORDS) != 0;
    return true;
}

size_t rasd_analysis_date_count(const rasd_analysis *a) {
    return rasd_analysis_extracted(a) & RASD_EXTRACT_DATES ? a->dates.count : 0;
}

bool rasd_analysis_date(const rasd_analysis *a, size_t i, rasd_fact_date *out) {
    if (i >= rasd_analysis_date_count(a)) return false;
    const rasd_date *d = &a->dates.items[i];
    out->text = (rasd_span){d->start, d->end};
    out->sentence = a->date_sentence[i];
    out->value = d->iso[0] ? d->iso : NULL;
    out->granularity = rasd_granularity_name(d->granularity);
    out->relative = (d->flags & RASD_DATE_RELATIVE) != 0;
    out->hijri = (d->flags & RASD_DATE_HIJRI) != 0;
    out->unresolved = (d->flags & RASD_DATE_UNRESOLVED) != 0;
    out->approximate = (d->flags & RASD_DATE_APPROX) != 0;
    out->mismatch = (d->flags & RASD_DATE_MISMATCH) != 0;
    return true;
}
