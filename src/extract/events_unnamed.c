/*
 * events_unnamed.c: a party no dictionary names, kept as the text of its
 * phrase with its span: the noun phrase right after a verb (هاجم رجل
 * الحافلة), the one between what opens a clause and its verb (وكانت وزارة
 * الداخلية قد أطاحت), the antecedent of a relative (الفصائل التي تحارب),
 * the agent after على يد or من قبل, the perpetrator's noun (منفذ التفجير).
 * Asked by the subject rules (events_parties.c) when no named party
 * fits, and by the source rules (events_sources.c) before they guess. Separate from events_sources.c, whose rules choose among the
 * sentence's named mentions: these read the words themselves.
 */
#include "events_internal.h"

#include <string.h>

/* Heads of a force that a possessive pronoun ties to someone named before
 * (قواته، جنوده، عناصرها، مقاتليه): bases, the pronoun off. */
static bool force_head(const rasd_event_coder *c, size_t k) {
    static const ev_word HEADS[] = {EV_WORD("قوات"),   EV_WORD("جنود"),   EV_WORD("عناصر"), EV_WORD("مقاتلي"),
                                    EV_WORD("مقاتلو"), EV_WORD("طائرات"), EV_WORD("قوه"),   EV_WORD("وحدات"),
                                    EV_WORD("مسلحي"),  EV_WORD("مسلحو"),  EV_WORD("رجال"),  EV_WORD("جيش")};
    return ev_word_in(c, k, true, HEADS, sizeof HEADS / sizeof *HEADS);
}

/* A verb's subject that no dictionary names (هاجم رجل الحافلة، تظاهر آلاف
 * العمال): the noun phrase right after the verb, up to a preposition, a
 * number or punctuation, kept as text with its span. */
void ev_np_after_verb(const rasd_event_coder *c, const cand *cd, bool victim, rasd_event_actor *a) {
    const rasd_entity_extractor *x = c->x;
    /* a verb in full agreement (دمروا، رفضوا) has its subject before it:
     * the noun after it is its object */
    if (ev_plural_agreement(c, cd->i)) return;
    /* after the passive's تم (تم أسر أربعين مسلحا) the word is a verbal noun
     * and what follows it the one acted on */
    static const ev_word PASSIVE[] = {EV_WORD("تم"), EV_WORD("يتم"), EV_WORD("وتم"), EV_WORD("جرى"), EV_WORD("سيتم")};
    if (cd->i > 0 && ev_word_in(c, cd->i - 1, false, PASSIVE, sizeof PASSIVE / sizeof *PASSIVE)) return;
    size_t k = cd->tj + 1, first = SIZE_MAX, last = 0;
    for (; k < c->n && k <= cd->tj + 3; k++) {
        if (x->t[k].skip) continue;
        /* (a head of a subject may open it: طيران تحالف الدول العربية) */
        if (!x->t[k].word || (ev_mark(c, k) && !(ev_mark(c, k) == EV_MARK_HEAD && first == SIZE_MAX)) ||
            ev_has_prep_clitic(c, k, 'b') || ev_has_prep_clitic(c, k, 'l') || ex_is_number(&x->t[k]) ||
            (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)) ||
            (c->used[k] && !(ev_mark(c, k) == EV_MARK_HEAD && first == SIZE_MAX))) /* (قصف طيران: a cue that heads the subject) */
            break;
        if (first != SIZE_MAX && x->t[k].conj) break;
        /* a definite noun takes no genitive: a name after it is the object
         * (وتتهم المعارضة إردوغان); أحد العاملين is one phrase */
        if (first != SIZE_MAX && x->t[first].art_len && ev_mention_starting(c, k) >= 0) break;
        if (first == SIZE_MAX) first = k;
        last = k;
        if (first != SIZE_MAX && k > first && !x->t[k].art_len) break; /* a definite head and its genitive */
    }
    if (first == SIZE_MAX) return;
    /* an indefinite accusative (اقتحموا مركزا، دمر عددا) is an object; ما،
     * نحو، حوالي open a quantity (لقي ما لا يقل عن) */
    static const ev_word QUANTITY[] = {EV_WORD("ما"), EV_WORD("نحو"), EV_WORD("حوالي"), EV_WORD("قرابه")};
    const tinfo *h = &x->t[first];
    const char *hk = ex_key(x, h->key_off);
    if (ev_word_in(c, first, false, QUANTITY, sizeof QUANTITY / sizeof *QUANTITY) ||
        (!h->art_len && h->key_len >= 6 && memcmp(hk + h->key_len - 2, "\xD8\xA7", 2) == 0))
        return;
    /* an indefinite noun with its owner after ل (استهدف محطة للوقود، قصف
     * مواقع للمتمردين) is a thing owned, the object: the subject was named
     * before */
    if (!h->art_len && !force_head(c, first) && last + 1 < c->n && x->t[last + 1].li &&
        !ev_has_prep_clitic(c, last + 1, 'b'))
        return;
    /* «تظاهر عشرات من أعضاء النقابة»: a count's group after من is the subject */
    if (first == last && (ev_is_count(c, first) || ev_is_quantity(c, first)) && last + 1 < c->n &&
        ev_mark(c, last + 1) == EV_MARK_FROM) {
        size_t from = last + 2;
        for (size_t z = from; z < c->n && z <= from + 2; z++) {
            if (!x->t[z].word || ev_mark(c, z) || ex_is_number(&x->t[z]) || ev_has_prep_clitic(c, z, 'b') ||
                ev_has_prep_clitic(c, z, 'l') || x->t[z].conj || (c->hits[z].node && ev_has(c, z, EV_TRIGGER, -1)))
                break;
            if (z > from && x->t[z - 1].art_len && !x->t[z].art_len) break; /* (a definite noun ends it: النقابة أمام) */
            last = z;
        }
    }
    /* after a killing or an abduction the noun is the victim of a passive
     * (قُتل ضابط) unless an object follows it (خطفت حركة طالبان صحفيين) */
    if (victim) {
        size_t k2 = last + 1;
        while (k2 < c->n && x->t[k2].skip) k2++;
        bool object = k2 < c->n && (ev_is_count(c, k2) || ev_mention_starting(c, k2) >= 0);
        if (!object) return;
    }
    a->start = x->t[first].tok.start;
    a->end = x->t[last].tok.end;
    a->rule = "noun-after-verb";
}

/* The words of an unnamed phrase from token k: up to three, stopping at
 * punctuation, a closed-class word, a preposition, a number or a trigger;
 * a head and its definite genitives or adjectives. Its last token in *last,
 * false when there is none. */
static bool unnamed_phrase(const rasd_event_coder *c, size_t k, size_t *last) {
    const rasd_entity_extractor *x = c->x;
    size_t first = SIZE_MAX;
    for (size_t z = k; z < c->n && z < k + 3; z++) {
        if (!x->t[z].word || ev_mark(c, z) || ev_has_prep_clitic(c, z, 'b') || ev_has_prep_clitic(c, z, 'l') ||
            ex_is_number(&x->t[z]) || (c->hits[z].node && ev_has(c, z, EV_TRIGGER, -1)) || (z > k && x->t[z].conj))
            break;
        if (first == SIZE_MAX) first = z;
        *last = z;
        /* an indefinite head takes its indefinite adjective (متطرف أبيض), a
         * definite one its definite words */
        if (z + 1 < c->n && (x->t[z + 1].art_len != 0) != (x->t[first].art_len != 0 || z > first)) break;
    }
    return first != SIZE_MAX;
}

/* Whoever did it, named by a phrase no dictionary holds:
 *   agent-after-by     على يد متطرف أبيض، من قبل مجهولين (the phrase after)
 *   perpetrator-noun   مرتكب مجزرة …، منفذ التفجير (the perpetrator's noun and
 *                      the event's, or the person named right after them)
 * Sets *a and returns true when one applies. */
bool ev_unnamed_agent(const rasd_event_coder *c, const cand *cd, rasd_event_actor *a) {
    static const ev_word PERPETRATOR[] = {EV_WORD("منفذ"),   EV_WORD("منفذي"),   EV_WORD("منفذو"),
                                          EV_WORD("مرتكب"),  EV_WORD("مرتكبي"),  EV_WORD("مرتكبو"),
                                          EV_WORD("مدبر"),   EV_WORD("مدبري"),   EV_WORD("مخطط")};
    const rasd_entity_extractor *x = c->x;
    size_t i = cd->i, last = 0, v;
    /* «وكانت الحركة المسلحة قد أعلنت مسؤوليتها عن الهجوم»: who claimed
     * the act before naming it did it, a phrase no dictionary names too */
    static const ev_word RESPONSIBILITY[] = {EV_WORD("مسؤوليه"), EV_WORD("المسؤوليه"), EV_WORD("مسئوليه"), EV_WORD("مسؤوليت"), EV_WORD("مسئوليت"),
                                             EV_WORD("المسئوليه")};
    static const ev_word ABOUT[] = {EV_WORD("عن")};
    if (cd->noun && i >= 3 && ev_word_in(c, i - 1, false, ABOUT, 1) &&
        ev_word_in(c, i - 2, true, RESPONSIBILITY, sizeof RESPONSIBILITY / sizeof *RESPONSIBILITY) &&
        ev_np_before_verb(c, i - 3, 0, false, a)) {
        a->rule = "claimed-by";
        return true;
    }
    if (cd->noun) {
        /* «وأضاف المتحدث باسم وزارة الداخلية أنه تم إطلاق سراحه»: the body */
        int m = ev_announcer_of_passive(c, i, -1);
        if (m >= 0 && c->ms[m].person && c->ms[m].entity >= 0 &&
            x->out.items[c->ms[m].entity].affiliation != UINT32_MAX) {
            ev_set_actor(c, m, a, "announcer-of-passive");
            a->entity = (int)x->out.items[c->ms[m].entity].affiliation;
            return true;
        }
    }
    if (cd->noun && ev_controller_subject(c, i, 0, &v) < 0 && v != SIZE_MAX && ev_np_before_verb(c, v, 0, false, a)) {
        a->rule = "subject-of-control-verb";
        return true;
    }
    /* «قامت دبابة إسرائيلية بقصف»، «حاول رجل مسلح اقتحام»: VSO, a phrase no
     * dictionary names between a control verb and the event noun */
    if (cd->noun && i > 1) {
        size_t w = i;
        while (w > 0 && i - w < 5) {
            size_t p = w - 1;
            if (ev_control_verb(c, p)) break;
            if (!x->t[p].word || ev_is_punct(c, p) || (ev_mark(c, p) && ev_mark(c, p) != EV_MARK_FROM) ||
                ev_has_prep_clitic(c, p, 'b') || ev_has_prep_clitic(c, p, 'l') || ex_is_number(&x->t[p]) ||
                (p + 1 < i && x->t[p + 1].conj) || (c->hits[p].node && ev_has(c, p, EV_TRIGGER, -1)))
                break;
            w = p;
        }
        /* (تمكنت الأخيرة من: من belongs to the verb; a day or a time is no
         * subject, nor الأخيرة 'the latter', which points back) */
        static const ev_word NOT_SUBJECT[] = {EV_WORD("السبت"), EV_WORD("الاحد"),    EV_WORD("الاثنين"),
                                              EV_WORD("الثلاثاء"), EV_WORD("الاربعاء"), EV_WORD("الخميس"),
                                              EV_WORD("الجمعه"), EV_WORD("امس"),      EV_WORD("اليوم"),
                                              EV_WORD("الاخيره"), EV_WORD("الاخير"),   EV_WORD("الاول")};
        size_t end = i - 1;
        if (end > w && ev_mark(c, end) == EV_MARK_FROM) end--;
        bool plain = true;
        for (size_t z = w; z <= end && plain; z++)
            plain = !ev_word_in(c, z, false, NOT_SUBJECT, sizeof NOT_SUBJECT / sizeof *NOT_SUBJECT);
        if (plain && w > 0 && w < i && ev_control_verb(c, w - 1) && !ev_mark(c, w) && x->t[w].word) {
            memset(a, 0, sizeof *a);
            a->entity = a->agent = -1;
            a->start = x->t[w].tok.start;
            a->end = x->t[end].tok.end;
            a->rule = "subject-of-control-verb";
            return true;
        }
    }
    if (cd->noun && i > 0 && ev_word_in(c, i - 1, true, PERPETRATOR, sizeof PERPETRATOR / sizeof *PERPETRATOR)) {
        /* «مرتكب مجزرة تشارلستون ديلان روف»: the person right after */
        for (size_t z = 0; z < c->n_ms; z++)
            if (c->ms[z].person && c->ms[z].ti > cd->tj && c->ms[z].ti <= cd->tj + 3) {
                ev_set_actor(c, (int)z, a, "perpetrator-noun");
                return true;
            }
        memset(a, 0, sizeof *a);
        a->entity = a->agent = -1;
        a->start = x->t[i - 1].tok.start;
        a->end = x->t[cd->tj].tok.end;
        a->rule = "perpetrator-noun";
        return true;
    }
    for (size_t k = cd->tj + 1; k < c->n && k <= cd->tj + 10; k++) {
        int mk = ev_mark(c, k);
        if (mk == EV_MARK_BOUNDARY || mk == EV_MARK_RELATIVE) return false;
        if (ev_is_punct(c, k)) return false;
        if (mk != EV_MARK_BY) continue;
        /* على يد، من قبل: a doer; not برصاص، بقذائف (a weapon: بقذائف الهاون) */
        static const ev_word DOER_BY[] = {EV_WORD("يد"), EV_WORD("ايدي"), EV_WORD("قبل"), EV_WORD("بيد"),
                                          EV_WORD("بايدي")};
        if (!ev_word_in(c, c->hits[k].tj, false, DOER_BY, sizeof DOER_BY / sizeof *DOER_BY)) return false;
        size_t from = c->hits[k].tj + 1;
        if (from >= c->n || !unnamed_phrase(c, from, &last)) return false;
        memset(a, 0, sizeof *a);
        a->entity = a->agent = -1;
        a->start = x->t[from].tok.start;
        a->end = x->t[last].tok.end;
        a->rule = "agent-after-by";
        return true;
    }
    return false;
}

/* «دعم عسكري للفصائل المحلية التي تحارب التنظيم»: the antecedent of
 * a relative pronoun (at token rel) that no dictionary names, a definite
 * phrase of up to three words right before it (a ل or ب on its first word
 * is the preposition that governs it, not a sign of a complement): the
 * relative clause's subject, as text (rule antecedent-of-relative). An
 * event noun is no actor (الاغتيالات التي استهدفت). */
static bool antecedent_phrase(const rasd_event_coder *c, size_t rel, size_t i, size_t clause, rasd_event_actor *a) {
    const rasd_entity_extractor *x = c->x;
    size_t first = rel, words = 0;
    while (first > clause && words < 3) {
        size_t p = first - 1;
        if (!x->t[p].word || x->t[p].skip || (ev_mark(c, p) && ev_mark(c, p) != EV_MARK_HEAD) || ev_is_count(c, p) ||
            !x->t[p].art_len ||
            ev_mention_ending(c, p) >= 0 || (c->hits[p].node && ev_has(c, p, EV_TRIGGER, -1)))
            break;
        first = p;
        words++;
        if (ev_has_prep_clitic(c, p, 'b') || ev_has_prep_clitic(c, p, 'l') || x->t[p].conj) break; /* its first word */
    }
    if (!words) return false;
    /* the head must be a noun that can act: not an event (stopped above), a
     * time or a place word is left to the other rules */
    /* (matched on the base, which leaves the article out: الوقت → وقت) */
    static const ev_word NOT_ACTOR[] = {EV_WORD("وقت"),    EV_WORD("يوم"),   EV_WORD("فتره"),   EV_WORD("منطقه"),
                                        EV_WORD("مدينه"),  EV_WORD("مكان"),  EV_WORD("ساعات"),  EV_WORD("ايام"),
                                        EV_WORD("لحظه"),   EV_WORD("اسبوع"), EV_WORD("شهر"),    EV_WORD("عام")};
    if (ev_word_in(c, first, true, NOT_ACTOR, sizeof NOT_ACTOR / sizeof *NOT_ACTOR)) return false;
    (void)i;
    memset(a, 0, sizeof *a);
    a->entity = a->agent = -1;
    a->start = x->t[first].tok.start;
    a->end = x->t[rel - 1].tok.end;
    a->rule = "antecedent-of-relative";
    return true;
}

/* «وكانت وزارة الداخلية قد أطاحت»، «أن لجنة التحقيق تنتظر»، «فيما الآخرون
 * حاولوا»: a noun phrase between what opens a clause (كان، أن/إن، فيما،
 * بينما، حيث, the start of the sentence) and the verb right after it (قد
 * may come between) is the verb's subject, in SVO, even when no dictionary
 * names it: kept as text with its span (rule subject-before-verb, type
 * unresolved). «أعلن الجيش أن قواته قتلت»: a force whose pronoun points back
 * is the reporting verb's subject (rule owner-of-subject). */
bool ev_np_before_verb(const rasd_event_coder *c, size_t i, size_t clause, bool victim, rasd_event_actor *a) {
    const rasd_entity_extractor *x = c->x;
    if (x->t[i].conj || i == 0) return false;
    size_t k = i;
    while (k > clause && x->t[k - 1].skip) k--;
    bool qad = k > clause && ev_mark(c, k - 1) == EV_MARK_AUX && !x->t[k - 1].conj;
    if (qad) k--; /* قد */
    if (k > clause + 1 && ev_mark(c, k - 1) == EV_MARK_RELATIVE && !victim)
        return antecedent_phrase(c, k - 1, i, clause, a);
    size_t last = k, first = k;
    int words = 0;
    while (k > clause && words < 4) {
        size_t p = k - 1;
        if (x->t[p].skip) {
            k--;
            continue;
        }
        if (!x->t[p].word || (ev_mark(c, p) && ev_mark(c, p) != EV_MARK_HEAD) || ev_is_count(c, p) || ev_has_prep_clitic(c, p, 'b') ||
            (ev_has_prep_clitic(c, p, 'l') && (p == 0 || !x->t[p - 1].art_len)) || ev_mention_starting(c, p) >= 0 ||
            ev_mention_ending(c, p) >= 0)
            break;
        first = p;
        words++;
        k--;
        if (x->t[p].conj) break; /* و opens the phrase (ووزارة الداخلية ...): it is the first word */
    }
    if (!words || first == last) return false;
    /* what opens the clause: the sentence's start, a comma, كان، أن/إن، فيما/بينما/حيث */
    size_t o = first;
    while (o > clause && x->t[o - 1].skip) o--;
    bool opener = o == clause || (o > 0 && ev_is_punct(c, o - 1)) || x->t[first].conj;
    if (!opener && o > 0) {
        int mk = ev_mark(c, o - 1);
        opener = mk == EV_MARK_AUX || mk == EV_MARK_THAT || mk == EV_MARK_BOUNDARY;
    }
    if (!opener) return false;
    /* a definite head (an article, a possessive pronoun, or a genitive after it) */
    const tinfo *h = &x->t[first];
    bool pronoun = h->base_off + h->base_len < h->key_off + h->key_len;
    bool definite = h->art_len || pronoun || (first + 1 < last && x->t[first + 1].art_len);
    /* after أن/إن the noun is the clause's subject even when indefinite
     * (إلى أن قيادات هربت) */
    bool after_that = o > 0 && ev_mark(c, o - 1) == EV_MARK_THAT; /* (a reported clause starts after it) */
    /* «وكان انتحاريان قد فجرا»: between كان and قد only the subject stands */
    bool kana_qad = qad && o > 0 && ev_mark(c, o - 1) == EV_MARK_AUX && !ev_is_punct(c, o - 1);
    if (!definite) {
        /* an indefinite noun and its indefinite adjectives (دبابات أميركية) */
        if (!after_that && !kana_qad) return false;
        for (size_t z = first; z < last; z++)
            if (x->t[z].art_len) return false;
    }
    /* a definite phrase: every word after the head carries the article (its
     * genitives and adjectives: وزارة الداخلية، المنطقة العسكرية الثالثة), or
     * a ل after such a word (اللجنة الوطنية لمكافحة المخدرات); not a time
     * (قبل يومين) or a clause (فالمعرض يعد مجالا) */
    for (size_t z = first + 1; definite && z < last; z++)
        if (!x->t[z].art_len && !(x->t[z].li && x->t[z - 1].art_len)) return false;
    /* a time is no actor (أن قبل يومين قصفت، أمس) */
    static const ev_word TIME[] = {EV_WORD("قبل"),  EV_WORD("بعد"),  EV_WORD("منذ"),  EV_WORD("خلال"),
                                   EV_WORD("امس"),  EV_WORD("اليوم"), EV_WORD("يوم"), EV_WORD("عام"),
                                   EV_WORD("اثناء"), EV_WORD("عند"), EV_WORD("حتى"), EV_WORD("حين")};
    for (size_t z = first; z < last; z++)
        if (ev_word_in(c, z, true, TIME, sizeof TIME / sizeof *TIME)) return false;
    /* an event noun is no actor (أن القصف استهدف), nor the passive's تم (أنه
     * تم أسر: the verbal noun after it is the act) */
    static const ev_word PASSIVE[] = {EV_WORD("تم"), EV_WORD("يتم"), EV_WORD("جرى"), EV_WORD("جري"), EV_WORD("سيتم")};
    for (size_t z = first; z < last; z++)
        if ((c->hits[z].node && ev_has(c, z, EV_TRIGGER, -1)) ||
            ev_word_in(c, z, true, PASSIVE, sizeof PASSIVE / sizeof *PASSIVE))
            return false;
    if (pronoun && words == 1 && force_head(c, first)) {
        /* «قال الجيش إن جنوده قتلوا»: the one who says it owns the force */
        size_t that = o > 0 && ev_mark(c, o - 1) == EV_MARK_THAT ? o - 1 : SIZE_MAX;
        for (size_t z = c->n_ms; that != SIZE_MAX && z-- > 0;) {
            const ev_mention *m = &c->ms[z];
            if (m->tj >= that) continue;
            /* who is told (لـ«الشرق الأوسط»، للصحافيين) is no speaker */
            if (ev_has_prep_clitic(c, m->ti, 'l') ||
                (m->entity >= 0 && x->out.items[m->entity].actor != UINT32_MAX &&
                 strcmp(c->kn->actors[x->out.items[m->entity].actor].type, "media") == 0) ||
                (m->ti > 0 && x->t[m->ti - 1].skip && m->ti > 1 && x->t[m->ti - 2].li))
                continue;
            bool said = false;
            for (size_t q = m->ti; q-- > 0 && m->ti - q <= 3 && !said;) said = x->t[q].say != 0;
            if (!said || m->attr) break;
            ev_set_actor(c, (int)z, a, "owner-of-subject");
            return true;
        }
        return false; /* a pronoun with no owner named is no source by itself */
    }
    /* قُتل reads like قَتل: a plain noun before a killing verb may be its
     * victim (المدنيون قتلوا), only a force with its owner is its doer */
    if ((pronoun && words == 1) || victim) return false;
    memset(a, 0, sizeof *a);
    a->entity = a->agent = -1;
    a->start = x->t[first].tok.start;
    a->end = x->t[last - 1].tok.end;
    a->rule = "noun-before-verb";
    return true;
}
