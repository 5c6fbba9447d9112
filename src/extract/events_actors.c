/*
 * events_actors.c: who takes part in a sentence's events. The participants
 * are the entity mentions the extractor found in the sentence and the
 * generic agents of data/events/agents.tsv (المتظاهرون، الشرطة، مسلحون) on
 * words no mention covers; an agent takes a country from the nationality
 * adjective after it (الشرطة التركية: TUR + COP) and the group named right
 * after it (عناصر من قسد, عناصر الأسايش: the group). The source and target
 * rules (events_parties.c, events_sources.c) ask for the participant just
 * before or just after a word, with a bound on the words between: Arabic
 * puts the subject right after its verb (VSO) or, after إن/أن and كان ...
 * قد, right before it.
 */
#include "events_internal.h"

#include <string.h>

static bool is_prep_mark(int m) {
    return m == EV_MARK_WITH || m == EV_MARK_ON || m == EV_MARK_AGAINST || m == EV_MARK_TO || m == EV_MARK_FROM ||
           m == EV_MARK_ABOUT || m == EV_MARK_IN || m == EV_MARK_BETWEEN;
}

/* First token whose span reaches past pos. */
static size_t token_at(const rasd_entity_extractor *x, size_t n, size_t pos) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->t[mid].tok.end <= pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool add(rasd_event_coder *c, ev_mention m) {
    if (!rasd_grow((void **)&c->ms, &c->cap_ms, c->n_ms, sizeof m)) return false;
    c->ms[c->n_ms++] = m;
    return true;
}

int ev_mention_starting(const rasd_event_coder *c, size_t k) {
    for (size_t i = 0; i < c->n_ms; i++)
        if (c->ms[i].ti == k) return (int)i;
    return -1;
}

static void drop(rasd_event_coder *c, size_t i) {
    memmove(&c->ms[i], &c->ms[i + 1], (c->n_ms - i - 1) * sizeof *c->ms);
    c->n_ms--;
}

/* A plural nisba: -يون، -يين، -ون (the broken plurals أتراك، روس are
 * nouns already when they stand alone; they pass as well). */
static bool plural_noun_form(const rasd_event_coder *c, size_t i) {
    const tinfo *t = &c->x->t[i];
    const char *b = ex_key(c->x, t->base_off);
    size_t bl = t->base_len;
    if (bl < 6) return false;
    const char *end = b + bl - 4;
    if (memcmp(end, "\xD9\x8A\xD9\x86", 4) == 0 || memcmp(end, "\xD9\x88\xD9\x86", 4) == 0) return true; /* ين ون */
    return memcmp(end + 2, "\xD9\x8A", 2) != 0 && memcmp(end + 2, "\xD9\x87", 2) != 0;                /* not ي/ة: أتراك */
}

/* آلاف، الآلاف، عشرات، مئات ...: a quantity that a plural noun counts. */
bool ev_is_quantity(const rasd_event_coder *c, size_t p) {
    static const char *const QUANTITY[] = {"الاف", "مءات", "مئات", "عشرات", "ملايين", "حشود", "جموع"};
    const tinfo *t = &c->x->t[p];
    const char *forms[2] = {ex_key(c->x, t->key_off), ex_key(c->x, t->base_off)};
    size_t lens[2] = {t->key_len, t->base_len};
    for (int f = 0; f < 2; f++) {
        const char *w = forms[f];
        size_t l = lens[f];
        if (l > 4 && memcmp(w, AL, 4) == 0) w += 4, l -= 4; /* the article */
        for (size_t q = 0; q < sizeof QUANTITY / sizeof *QUANTITY; q++)
            if (l == strlen(QUANTITY[q]) && memcmp(w, QUANTITY[q], l) == 0) return true;
    }
    return false;
}

/* Does the word at i stand as a noun, not as the adjective of the word
 * before it: first in its clause, after a count or a quantity (آلاف، عشرات،
 * مئات) and its partitive من, or right after a verb? */
static bool stands_as_noun(const rasd_event_coder *c, size_t i) {
    const rasd_entity_extractor *x = c->x;
    size_t k = i;
    while (k > 0 && x->t[k - 1].skip) k--;
    if (k == 0 || ev_is_punct(c, k - 1)) return true;
    size_t p = k - 1;
    if (ev_is_count(c, p)) return true;
    if (ev_mark(c, p) == EV_MARK_FROM && p > 0 && ev_is_count(c, p - 1)) return true;
    if (ev_is_quantity(c, p)) return true;
    if (ev_mark(c, p) == EV_MARK_FROM && p > 0 && ev_is_quantity(c, p - 1)) return true; /* الآلاف من النيباليين */
    return c->hits[p].node && ev_has(c, p, EV_TRIGGER, -1) && !x->t[p].art_len;
}

bool ev_find_mentions(rasd_event_coder *c) {
    rasd_entity_extractor *x = c->x;
    size_t n = c->n;
    c->n_ms = 0;
    if (!rasd_grow((void **)&c->used, &c->cap_used, n, 1)) return false;
    memset(c->used, 0, n); /* here: tokens an entity mention covers */
    size_t from = x->out.count > RECENT ? x->out.count - RECENT : 0;
    for (size_t e = from; e < x->out.count; e++) {
        const rasd_entity *en = &x->out.items[e];
        bool person, state = false;
        if (en->actor == UINT32_MAX) {
            person = !en->type || strcmp(en->type, "person") == 0;
        } else {
            const char *type = x->kn->actors[en->actor].type;
            person = strcmp(type, "person") == 0;
            state = strcmp(type, "state") == 0;
        }
        for (size_t k = en->n_mentions; k-- > 0 && en->mentions[k].sentence == c->sentence;) {
            const rasd_mention *mn = &en->mentions[k];
            size_t ti = token_at(x, n, mn->start), tj = token_at(x, n, mn->end > 0 ? mn->end - 1 : 0);
            if (ti >= n || tj >= n || tj < ti) continue;
            /* a person read after a title that ran into common words
             * (وزير الصحة بالاستفادة): a word with ب or ل attached is no
             * part of a name, so this is no participant */
            bool garbled = false;
            for (size_t t = ti + 1; person && en->actor == UINT32_MAX && t <= tj && !garbled; t++)
                garbled = x->t[t].word && (ev_has_prep_clitic(c, t, 'b') || ev_has_prep_clitic(c, t, 'l'));
            /* a name the title reader took from common words: it opens with
             * a preposition (للعمليات الإنسانية، بواسطة مسدس), a particle (أنه
             * تم فرض) or a trigger (وزير الدفاع يوافق: the verb) */
            if (person && en->actor == UINT32_MAX && en->origin == RASD_FROM_TITLE)
                garbled = ev_has_prep_clitic(c, ti, 'b') || ev_has_prep_clitic(c, ti, 'l') || ev_mark(c, ti) ||
                          (c->hits[ti].node && ev_has(c, ti, EV_TRIGGER, -1));
            if (garbled) continue;
            ev_mention m = {ti, tj, mn->start, mn->end, (int)e, -1, -1, person, false, state};
            if (!add(c, m)) return false;
            for (size_t t = ti; t <= tj; t++) c->used[t] = 1;
        }
    }
    /* generic agents on the words no mention covers */
    for (size_t i = 0; i < n; i++) {
        if (c->used[i] || !c->hits[i].node || !ev_has(c, i, EV_AGENT, -1)) continue;
        /* المجتمع المدني، الإدارة المدنية: a nisba after a definite noun is its adjective */
        bool prev_definite = i > 0 && (x->t[i - 1].art_len || /* هجماتها الانتحارية: a pronoun makes it definite */
                                       x->t[i - 1].base_off + x->t[i - 1].base_len < x->t[i - 1].key_off + x->t[i - 1].key_len);
        if (i > 0 && x->t[i].art_len && prev_definite && x->t[i].base_len >= 4) {
            const char *b = ex_key(x, x->t[i].base_off);
            size_t bl = x->t[i].base_len;
            if (memcmp(b + bl - 2, "\xD9\x8A", 2) == 0 || (bl >= 6 && memcmp(b + bl - 4, "\xD9\x8A\xD9\x87", 4) == 0))
                continue;
        }
        size_t cnt;
        const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
        int agent = -1;
        for (size_t k = 0; k < cnt && agent < 0; k++)
            if (p[k].target.kind == EV_AGENT) agent = (int)p[k].target.index;
        size_t tj = c->hits[i].tj;
        ev_mention m = {i, tj, x->t[i].tok.start, x->t[tj].tok.end, -1, agent, -1, false, false, false};
        /* a nationality adjective right after it (another adjective may come between: القوات الخاصة الأمريكية) */
        for (size_t k = tj + 1; k < n && k <= tj + 2; k++) {
            if (c->hits[k].node && ev_has(c, k, EV_NATION, -1) && !c->used[k]) {
                size_t cnt2;
                const struct rasd_name_pair *q = rasd_names_targets(&c->d->words, c->hits[k].node, &cnt2);
                for (size_t z = 0; z < cnt2; z++)
                    if (q[z].target.kind == EV_NATION) m.nation = (int)q[z].target.index;
                m.tj = k;
                m.end = x->t[k].tok.end;
                break;
            }
            /* only an adjective may come between, and only after a definite
             * agent (القوات الخاصة الأمريكية; not معارضون الرئيس التركي) */
            if (!x->t[k].art_len || !x->t[i].art_len) break;
        }
        if (!add(c, m)) return false;
        i = m.tj;
    }
    /* a force or a body named by its country (الطائرات التركية، دبابات
     * إسرائيلية، طائرات دون طيار «درون» إيرانية): the head of a subject and,
     * within four words with no preposition or punctuation but quotation
     * marks and brackets between, a nationality adjective; the country */
    for (size_t i = 0; i < n; i++) {
        if (c->used[i] || ev_mark(c, i) != EV_MARK_HEAD) continue;
        bool covered = false;
        for (size_t z = 0; z < c->n_ms && !covered; z++) covered = c->ms[z].ti <= i && i <= c->ms[z].tj;
        if (covered) continue;
        size_t head_end = c->hits[i].tj, words = 0;
        for (size_t k = head_end + 1; k < n && words < 4; k++) {
            if (x->t[k].skip) continue; /* (quotation marks and brackets are not counted) */
            if (ev_is_punct(c, k)) {
                const char *p = ex_key(x, x->t[k].key_off);
                if (strcmp(p, "(") == 0 || strcmp(p, ")") == 0) continue;
                break;
            }
            words++;
            if (c->used[k]) break;
            if (c->hits[k].node && ev_has(c, k, EV_NATION, -1) && !ev_has(c, k, EV_AGENT, -1)) {
                size_t cnt;
                const struct rasd_name_pair *q = rasd_names_targets(&c->d->words, c->hits[k].node, &cnt);
                int nation = -1;
                for (size_t z = 0; z < cnt; z++)
                    if (q[z].target.kind == EV_NATION) nation = (int)q[z].target.index;
                bool taken = false;
                for (size_t z = 0; z < c->n_ms && !taken; z++) taken = c->ms[z].ti <= k && k <= c->ms[z].tj;
                if (nation >= 0 && !taken) {
                    ev_mention m = {i, k, x->t[i].tok.start, x->t[k].tok.end, -1, -1, nation, false, false, false};
                    if (!add(c, m)) return false;
                    i = k;
                }
                break;
            }
            if (ev_mark(c, k) || ev_has_prep_clitic(c, k, 'b') || ev_has_prep_clitic(c, k, 'l') || ex_is_number(&x->t[k]) ||
                (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)))
                break;
        }
    }
    /* a plural nationality standing as a noun (آلاف الإسرائيليين، الآلاف من
     * النيباليين، تظاهر فلسطينيون): civilians of that country. After another
     * noun it is that noun's adjective and the agent loop above took it. */
    int civilians = -1;
    for (size_t i = 0; i < n; i++) {
        if (c->used[i] || !c->hits[i].node || !ev_has(c, i, EV_NATION, -1) || ev_has(c, i, EV_AGENT, -1)) continue;
        bool taken = false;
        for (size_t z = 0; z < c->n_ms && !taken; z++) taken = c->ms[z].ti <= i && i <= c->ms[z].tj;
        if (taken || !plural_noun_form(c, i) || !stands_as_noun(c, i)) continue;
        if (civilians < 0)
            for (size_t a = 0; a < c->d->n_agents && civilians < 0; a++)
                if (strcmp(c->d->agents[a].name_en, "civilians") == 0) civilians = (int)a;
        if (civilians < 0) break;
        size_t cnt;
        const struct rasd_name_pair *q = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
        int nation = -1;
        for (size_t z = 0; z < cnt; z++)
            if (q[z].target.kind == EV_NATION) nation = (int)q[z].target.index;
        ev_mention m = {i, i, x->t[i].tok.start, x->t[i].tok.end, -1, civilians, nation, false, false, false};
        if (!add(c, m)) return false;
    }
    /* text order (a sentence has few mentions) */
    for (size_t i = 1; i < c->n_ms; i++)
        for (size_t j = i; j > 0 && c->ms[j - 1].ti > c->ms[j].ti; j--) {
            ev_mention t = c->ms[j];
            c->ms[j] = c->ms[j - 1];
            c->ms[j - 1] = t;
        }
    /* an agent of a named group (عناصر من قسد، عناصر الأسايش، مقاتلو داعش):
     * the group, named by the whole phrase */
    for (size_t i = 0; i < c->n_ms; i++) {
        ev_mention *m = &c->ms[i];
        if (m->agent < 0 || m->entity >= 0 || m->nation >= 0 || i + 1 >= c->n_ms) continue;
        ev_mention *g = &c->ms[i + 1];
        if (g->entity < 0 || g->person) continue;
        size_t k = m->tj + 1;
        if (k < n && k < g->ti && ev_mark(c, k) == EV_MARK_FROM) k++;
        if (k != g->ti || ev_has_prep_clitic(c, k, 'b') || ev_has_prep_clitic(c, k, 'k')) continue; /* رجال الأمن بمصر */
        m->entity = g->entity;
        m->state = g->state;
        m->tj = g->tj;
        m->end = g->end;
        drop(c, i + 1);
    }
    for (size_t i = 0; i < c->n_ms; i++) {
        size_t ti = c->ms[i].ti;
        /* (titles may come between: بقيادة العقيد فلان) */
        size_t a = ti;
        while (a > 1 && x->t[a - 1].match >= 0 && x->m[x->t[a - 1].match].title >= 0) a--;
        c->ms[i].attr = a > 0 && ev_mark(c, a - 1) == EV_MARK_ATTR;
        /* التمور السعودية، القيادة السعودية: a state's name after a definite
         * noun is its adjective, no party */
        if (c->ms[i].state && c->ms[i].agent < 0 && c->ms[i].ti == c->ms[i].tj && x->t[ti].art_len && ti > 0 &&
            x->t[ti - 1].art_len && !ev_mark(c, ti - 1)) {
            drop(c, i);
            i--;
        }
    }
    memset(c->used, 0, n); /* from now on: cue words a trigger took */
    return true;
}

/* heads_only: the words before the mention may only be what heads a
 * subject (a force, a title, an agent: «وشنت مدفعية الاحتلال التركي»),
 * not any noun («تهدد سمعة إسرائيل»: إسرائيل is no subject). */
static int mention_after(const rasd_event_coder *c, size_t from, size_t until, int gap, bool allow_prep_words,
                         bool heads_only);

bool ev_resumptive(const rasd_event_coder *c, size_t k) {
    return k < c->n && ev_mark(c, k) == EV_MARK_IN && c->x->t[k].key_len > c->x->t[k].base_len;
}

int ev_subject_after(const rasd_event_coder *c, size_t from, int gap) { return mention_after(c, from, c->n, gap, false, true); }

int ev_mention_after(const rasd_event_coder *c, size_t from, size_t until, int gap, bool allow_prep_words) {
    return mention_after(c, from, until, gap, allow_prep_words, false);
}

static int mention_after(const rasd_event_coder *c, size_t from, size_t until, int gap, bool allow_prep_words,
                         bool heads_only) {
    const rasd_entity_extractor *x = c->x;
    int words = 0;
    bool after_each = false;
    for (size_t k = from; k < until && k < c->n; k++) {
        int m = ev_mention_starting(c, k);
        if (m >= 0) {
            if (c->ms[m].attr) { /* «التحالف التابع للاحتلال الأميركي، ...»: a description */
                k = c->ms[m].tj;
                continue;
            }
            if (!allow_prep_words && (ev_has_prep_clitic(c, k, 'b') || ev_has_prep_clitic(c, k, 'l'))) return -1;
            return m;
        }
        if (ev_is_punct(c, k)) {
            const char *p = ex_key(x, x->t[k].key_off);
            if (strcmp(p, ".") == 0 || strcmp(p, "\xD8\x9B") == 0 || strcmp(p, ":") == 0) return -1; /* . ؛ : */
            continue;
        }
        if (x->t[k].skip) continue;
        int mark = ev_mark(c, k);
        if (mark == EV_MARK_BOUNDARY || mark == EV_MARK_RELATIVE) return -1;
        /* «في الساعة التي اقتحمت فيها الشرطة»: a resumptive فيه/فيها right
         * after the verb stands for the time or place, the subject follows */
        if (k == from && ev_resumptive(c, k)) continue;
        /* «15 من عناصر داعش»، «عشرات المسلحين»: a count and its partitive من
         * head the group they count */
        if (ev_is_count(c, k)) continue;
        if (mark == EV_MARK_FROM && k > from && ev_is_count(c, k - 1)) continue;
        if (mark == EV_MARK_EACH) {
            after_each = true;
            continue;
        }
        if (after_each && mark == EV_MARK_FROM) { /* كلا من X و Y */
            after_each = false;
            continue;
        }
        bool head = mark == EV_MARK_HEAD || ev_has(c, k, EV_AGENT, -1) ||
                    (x->t[k].match >= 0 && x->m[x->t[k].match].title >= 0); /* a title: وزير الخارجية */
        if (heads_only && !head) return -1;
        if (mark == EV_MARK_HEAD && c->hits[k].tj > k) k = c->hits[k].tj; /* ما يسمى: one head of two words */
        if (!allow_prep_words && !head &&
            (is_prep_mark(mark) || ev_has_prep_clitic(c, k, 'b') || ev_has_prep_clitic(c, k, 'l')))
            return -1;
        after_each = false;
        if (++words > gap) return -1;
    }
    return -1;
}

int ev_mention_before(const rasd_event_coder *c, size_t v, size_t from) {
    const rasd_entity_extractor *x = c->x;
    for (size_t k = v; k-- > from;) {
        if (x->t[k].skip) continue; /* quotation marks */
        if (ev_is_punct(c, k)) {
            /* a comma may part a long subject from its verb; a dash, a
             * bracket or a colon closes what came before */
            const char *p = ex_key(x, x->t[k].key_off);
            if (strcmp(p, "\xD8\x8C") == 0 || strcmp(p, ",") == 0 || strcmp(p, "\xC2\xBB") == 0 ||
                strcmp(p, "\xE2\x80\x9D") == 0)
                continue; /* ، , » ” */
            return -1;
        }
        /* قد، كان between a subject and its verb; not فقد، وكان: they open
         * a clause of their own */
        if (ev_mark(c, k) == EV_MARK_AUX && !x->t[k].conj) continue;
        for (size_t i = 0; i < c->n_ms; i++) {
            const ev_mention *m = &c->ms[i];
            if (m->tj != k) continue;
            /* «القيادة العامة لقوات سوريا الديمقراطية، قد اتهمت»: a ل
             * mention is the subject's owner; a ب، مع، في one is no subject */
            if (ev_has_prep_clitic(c, m->ti, 'b') || m->attr) return -1;
            if (ev_has_prep_clitic(c, m->ti, 'l') && (m->ti == 0 || !x->t[m->ti - 1].art_len)) return -1;
            int before = m->ti > 0 ? ev_mark(c, m->ti - 1) : 0;
            if (is_prep_mark(before) || before == EV_MARK_CLAIM) return -1; /* «وبحسب قسد، هاجم»: قسد only reports */
            return (int)i;
        }
        return -1;
    }
    return -1;
}

void ev_set_actor(const rasd_event_coder *c, int m, rasd_event_actor *a, const char *rule) {
    memset(a, 0, sizeof *a);
    a->entity = a->agent = -1;
    if (m < 0) return;
    const ev_mention *mn = &c->ms[m];
    a->entity = mn->entity;
    a->agent = mn->agent;
    if (mn->nation >= 0) memcpy(a->country, c->d->nations[mn->nation], 4);
    a->start = mn->start;
    a->end = mn->end;
    a->rule = rule;
}
