/*
 * events_agency.c: who did an act, read from one construction of the
 * sentence each, when no subject stands by its verb: the subject of a
 * control verb that governs the verbal noun (تمكنت القوات من تدميرها), of
 * a verb of carrying out whose pronoun stands for the event (هجمات شنتها
 * الميليشيات), of the cause of a death (جراء غارات التحالف), of the event a
 * result follows from (مما أدى إلى مقتل), of the authority that announces
 * an impersonal passive (أعلنت الشرطة أنه تم اعتقال), of the sentence a
 * participle describes (متهمة إياهم), and who claimed the attack (تبناه).
 * Each answers for its own construction and decides nothing by itself: the
 * source rules (events_sources.c) ask them in their order. Separate from
 * those rules so that each construction reads on its own.
 */
#include "events_internal.h"

#include <string.h>

/* Verbs that govern the verbal noun of what their subject does: تمكن من،
 * استطاع، حاول، قام ب، عمد إلى، أقدم على، نجح في، سعى إلى، واصل (past and
 * present, singular and plural; bases, و/ف off). Not أقدم's present يقدم
 * ('presents'), not رفض or قرر (their own events or no act). */
bool ev_control_verb(const rasd_event_coder *c, size_t k) {
    static const ev_word CONTROL[] = {
        EV_WORD("تمكن"),    EV_WORD("تمكنت"),   EV_WORD("تمكنوا"),  EV_WORD("يتمكن"),   EV_WORD("تتمكن"),
        EV_WORD("يتمكنون"), EV_WORD("استطاع"),  EV_WORD("استطاعت"), EV_WORD("استطاعوا"), EV_WORD("يستطيع"),
        EV_WORD("تستطيع"),  EV_WORD("يستطيعون"), EV_WORD("حاول"),   EV_WORD("حاولت"),   EV_WORD("حاولوا"),
        EV_WORD("يحاول"),   EV_WORD("تحاول"),   EV_WORD("يحاولون"), EV_WORD("قام"),     EV_WORD("قامت"),
        EV_WORD("قاموا"),   EV_WORD("يقوم"),    EV_WORD("تقوم"),    EV_WORD("يقومون"),  EV_WORD("عمد"),
        EV_WORD("عمدت"),    EV_WORD("عمدوا"),   EV_WORD("اقدم"),    EV_WORD("اقدمت"),   EV_WORD("اقدموا"),
        EV_WORD("نجح"),     EV_WORD("نجحت"),    EV_WORD("نجحوا"),   EV_WORD("سعى"),     EV_WORD("سعت"),
        EV_WORD("سعوا"),    EV_WORD("يسعى"),    EV_WORD("تسعى"),    EV_WORD("واصل"),    EV_WORD("واصلت"),
        EV_WORD("واصلوا"),  EV_WORD("يواصل"),   EV_WORD("يواصلون"),
    };
    return ev_word_in(c, k, true, CONTROL, sizeof CONTROL / sizeof *CONTROL);
}

/* «تمكنت قوات التحالف من تدميرها»، «حاول الجيش اقتحام المدينة»، «قامت دبابة
 * إسرائيلية بقصف منزل»، «المقاومة استطاعت السيطرة»: a verbal noun that a
 * control verb governs is done by that verb's subject, named between them
 * (VSO) or right before the verb (SVO). -1 when there is no such verb
 * before token s (where the noun phrase starts) or it names no subject. */
static int control_before(const rasd_event_coder *c, size_t s, size_t clause, size_t *verb) {
    if (s == 0 || s <= clause) return -1;
    size_t v = s - 1;
    int mk = ev_mark(c, v);
    if ((mk == EV_MARK_FROM || mk == EV_MARK_TO || mk == EV_MARK_ON || mk == EV_MARK_IN) && v > clause) v--;
    if (v < clause) return -1;
    if (ev_control_verb(c, v)) {
        *verb = v; /* (its subject may be a phrase no dictionary names: ev_unnamed_agent) */
        int m = ev_mention_before(c, v, clause);
        return m >= 0 && !c->ms[m].attr ? m : -1;
    }
    /* VSO: the subject between the verb and the noun */
    int m = ev_mention_ending(c, v);
    if (m < 0 || c->ms[m].ti == 0 || c->ms[m].ti <= clause) return -1;
    size_t w = c->ms[m].ti - 1;
    if (!ev_control_verb(c, w) || ev_has_prep_clitic(c, c->ms[m].ti, 'b') || ev_has_prep_clitic(c, c->ms[m].ti, 'l'))
        return -1;
    return m;
}

/* The same for the noun at token i, or for the second of two coordinated
 * nouns (من اقتحام القرية وتدميرها): the first may have its own words. */
int ev_controller_subject(const rasd_event_coder *c, size_t i, size_t clause, size_t *verb) {
    const rasd_entity_extractor *x = c->x;
    *verb = SIZE_MAX;
    int m = control_before(c, i, clause, verb);
    for (size_t s = i; m < 0 && *verb == SIZE_MAX && x->t[i].conj && s > clause + 1 && i - s < 3;) {
        s--;
        if (!x->t[s].word || ev_mark(c, s) || ev_is_punct(c, s) || ev_mention_starting(c, s) >= 0) break;
        m = control_before(c, s, clause, verb);
    }
    return m;
}

/* Verbs whose subject carries out what their object pronoun stands for:
 * شنها، نفذها، يفرضه، أطلقتها، ارتكبها، أجرتها، تبنته، نظمها، قادها، خاضها
 * (bases, the pronoun off). */
static bool doer_verb(const rasd_event_coder *c, size_t k) {
    static const ev_word DOER[] = {
        EV_WORD("شن"),    EV_WORD("شنت"),    EV_WORD("يشن"),    EV_WORD("تشن"),    EV_WORD("نفذ"),
        EV_WORD("نفذت"),  EV_WORD("ينفذ"),   EV_WORD("تنفذ"),   EV_WORD("ارتكب"),  EV_WORD("ارتكبت"),
        EV_WORD("يرتكب"), EV_WORD("ترتكب"),  EV_WORD("فرض"),    EV_WORD("فرضت"),   EV_WORD("يفرض"),
        EV_WORD("تفرض"),  EV_WORD("اطلق"),   EV_WORD("اطلقت"),  EV_WORD("يطلق"),   EV_WORD("تطلق"),
        EV_WORD("اجرى"),  EV_WORD("اجري"),   EV_WORD("اجرت"),   EV_WORD("يجري"),   EV_WORD("تجري"),
        EV_WORD("تبنى"),  EV_WORD("تبني"),   EV_WORD("تبنت"),   EV_WORD("يتبنى"),  EV_WORD("يتبني"),
        EV_WORD("نظم"),   EV_WORD("نظمت"),   EV_WORD("ينظم"),   EV_WORD("تنظم"),   EV_WORD("قاد"),
        EV_WORD("قادت"),  EV_WORD("يقود"),   EV_WORD("تقود"),   EV_WORD("خاض"),    EV_WORD("خاضت"),
        EV_WORD("يخوض"),  EV_WORD("تخوض"),   EV_WORD("دبر"),    EV_WORD("دبرت"),
    };
    /* forms the analyzer leaves whole (شنها reads like a noun to it) */
    static const ev_word WHOLE[] = {EV_WORD("شنها"), EV_WORD("شنه"), EV_WORD("شنوها"), EV_WORD("شنوه")};
    if (ev_word_in(c, k, true, WHOLE, sizeof WHOLE / sizeof *WHOLE)) return true;
    const tinfo *t = &c->x->t[k];
    if (t->base_off + t->base_len >= t->key_off + t->key_len) return false; /* no object pronoun */
    return ev_word_in(c, k, true, DOER, sizeof DOER / sizeof *DOER);
}

/* «هجمات متتالية شنتها ميليشيات الحوثي»، «الحصار الذي يفرضه التحالف»،
 * «قُتل جندي بقذيفة أطلقتها الميليشيات»، «في هجوم تبنته حركة طالبان»: a verb
 * of carrying out whose pronoun stands for the event (or its weapon), in
 * the clause after the trigger: its subject did it. -1 if none. */
int ev_doer_after(const rasd_event_coder *c, const cand *cd, int tgt) {
    const rasd_entity_extractor *x = c->x;
    for (size_t k = cd->tj + 1; k < c->n && k <= cd->tj + 8; k++) {
        if (ev_is_punct(c, k)) {
            const char *p = ex_key(x, x->t[k].key_off);
            if (strcmp(p, ".") == 0 || strcmp(p, "\xD8\x9B") == 0 || strcmp(p, ":") == 0) return -1;
            continue;
        }
        if (ev_mark(c, k) == EV_MARK_BOUNDARY) return -1;
        if (!doer_verb(c, k)) {
            /* another event noun between: the pronoun stands for that one
             * (بتقديم مساعدات رغم الحصار الذي يفرضه التحالف) */
            if (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)) return -1;
            continue;
        }
        int m = ev_subject_after(c, k + 1, 3);
        return m != tgt ? m : -1;
    }
    return -1;
}

/* «مقتل 30 مسلحا جراء غارات التحالف»، «أصيب جندي في قصف للجيش»: a death
 * or a wound told with its cause (جراء، بسبب، إثر، نتيجة، في، ب) is the doing
 * of the cause's agent, a force named right after the attack noun. */
int ev_agent_of_cause(const rasd_event_coder *c, const cand *cd, int tgt) {
    static const ev_word CAUSE[] = {EV_WORD("جراء"), EV_WORD("بسبب"), EV_WORD("اثر"),   EV_WORD("نتيجه"),
                                    EV_WORD("بفعل"), EV_WORD("عقب"),  EV_WORD("خلال"), EV_WORD("في")};
    const rasd_entity_extractor *x = c->x;
    for (size_t k = cd->tj + 1; k + 1 < c->n && k <= cd->tj + 12; k++) {
        if (ev_is_punct(c, k)) {
            const char *p = ex_key(x, x->t[k].key_off);
            if (strcmp(p, ".") == 0 || strcmp(p, "\xD8\x9B") == 0 || strcmp(p, ":") == 0) return -1;
            continue;
        }
        if (ev_mark(c, k) == EV_MARK_BOUNDARY || ev_mark(c, k) == EV_MARK_RELATIVE) return -1;
        size_t a = k; /* the attack noun */
        if (ev_word_in(c, k, false, CAUSE, sizeof CAUSE / sizeof *CAUSE)) a = k + 1;
        else if (!ev_has_prep_clitic(c, k, 'b')) continue;
        if (!c->hits[a].node || !ev_has(c, a, EV_TRIGGER, -1)) continue;
        /* its agent: a force right after it, adjectives (جوية، الصاروخية) or ل
         * between; in a fight (مواجهات عنيفة مع المقاومة), the other side */
        for (size_t z = c->hits[a].tj + 1; z < c->n && z <= c->hits[a].tj + 3; z++) {
            int m = ev_mention_starting(c, z);
            if (m >= 0) return m != tgt && ev_is_force(c, m) && !ev_has_prep_clitic(c, z, 'b') ? m : -1;
            if (ev_mark(c, z) == EV_MARK_WITH) {
                m = ev_mention_starting(c, z + 1);
                return m >= 0 && m != tgt && ev_is_force(c, m) ? m : -1;
            }
            if (ev_is_punct(c, z) || ev_mark(c, z) || !x->t[z].word) break;
        }
        return -1;
    }
    return -1;
}

/* «فجرا نفسيهما ... مما أدى إلى مقتل 59 شخصا»، «المعارك أسفرت عن سقوط 28
 * قتيلا»: a toll that a verb of result (أدى إلى، أسفر عن، خلف) ties to what
 * came before is the doing of that event's source: the last event of this
 * sentence, when its source is a participant. -1 otherwise. */
int ev_source_of_result(const rasd_event_coder *c, size_t i) {
    static const ev_word RESULT[] = {EV_WORD("ادى"),  EV_WORD("ادت"),   EV_WORD("يؤدي"),  EV_WORD("اسفر"),
                                     EV_WORD("اسفرت"), EV_WORD("يسفر"), EV_WORD("خلف"),   EV_WORD("خلفت"),
                                     EV_WORD("اوقع"), EV_WORD("اوقعت"), EV_WORD("تسبب"), EV_WORD("تسببت")};
    bool result = false;
    for (size_t k = i; k-- > 0 && i - k <= 3 && !result;) {
        if (ev_is_punct(c, k)) break;
        result = ev_word_in(c, k, true, RESULT, sizeof RESULT / sizeof *RESULT);
    }
    if (!result) return -1;
    for (size_t k = c->out.count; k-- > 0;) {
        const rasd_event *p = &c->out.items[k];
        if (p->sentence != c->sentence) break;
        if (!p->source.end) continue;
        for (size_t z = 0; z < c->n_ms; z++)
            if (c->ms[z].start == p->source.start && c->ms[z].end == p->source.end) return (int)z;
        return -1;
    }
    return -1;
}

/* «أعلنت الشرطة أنه تم اعتقال خمسة»، «ذكر بيان للوزارة أنه تم
 * فرض حظر التجول»: an act told in the impersonal passive (تم، يتم، جرى
 * and its verbal noun) in what an authority announces is the authority's
 * own: the party the reporting verb introduces, when it is a force, a
 * government or a body, or a person with a title. -1 otherwise. */
int ev_announcer_of_passive(const rasd_event_coder *c, size_t i, int tgt) {
    /* (سبق استيقافه: he had been held before, by the same authority) */
    static const ev_word PASSIVE[] = {EV_WORD("تم"), EV_WORD("يتم"), EV_WORD("جرى"), EV_WORD("جري"), EV_WORD("سيتم"),
                                      EV_WORD("سبق")};
    const rasd_entity_extractor *x = c->x;
    size_t t = SIZE_MAX; /* (تم وضع متطرفين اثنين قيد الاعتقال: the act may come a few words on) */
    for (size_t k = i; k-- > 0 && i - k <= 7;) {
        if (ev_is_punct(c, k) || ev_mark(c, k) == EV_MARK_BOUNDARY) break;
        if (ev_word_in(c, k, true, PASSIVE, sizeof PASSIVE / sizeof *PASSIVE)) {
            t = k;
            break;
        }
    }
    if (t == SIZE_MAX) return -1;
    size_t say = SIZE_MAX;
    for (size_t k = t; k-- > 0;)
        if (x->t[k].say) {
            say = k;
            break;
        }
    if (say == SIZE_MAX) return -1;
    for (size_t z = 0; z < c->n_ms; z++) {
        const ev_mention *m = &c->ms[z];
        if (m->ti <= say || m->ti > say + 6 || m->tj >= t) continue;
        if (ev_has_prep_clitic(c, m->ti, 'l') || m->attr || (int)z == tgt) continue; /* who is told */
        if (m->entity >= 0) {
            const rasd_entity *en = &x->out.items[m->entity];
            if (en->actor != UINT32_MAX && strcmp(c->kn->actors[en->actor].type, "media") == 0) continue;
            if (ev_is_force(c, (int)z) || (m->person && (en->title || en->affiliation != UINT32_MAX))) return (int)z;
        } else if (ev_is_force(c, (int)z)) {
            return (int)z;
        }
        return -1;
    }
    return -1;
}

/* «وتبنت جبهة النصرة خطف العناصر، متهمة إياهم بـ…»، «دعا الحزب إلى …،
 * مطالبا بـ…»: a participle after a comma that describes how the subject
 * of the sentence acts (a حال) shares that subject: the party named first,
 * within the sentence's first three words, and not after a preposition. */
int ev_subject_of_participle(const rasd_event_coder *c, size_t i) {
    const rasd_entity_extractor *x = c->x;
    const tinfo *t = &x->t[i];
    const char *k = ex_key(x, t->key_off);
    if (t->art_len || t->conj || t->key_len < 8 || memcmp(k, "\xD9\x85", 2) != 0) return -1; /* م... */
    size_t p = i;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0 || !ev_is_punct(c, p - 1)) return -1;
    const char *comma = ex_key(x, x->t[p - 1].key_off);
    if (strcmp(comma, "\xD8\x8C") != 0 && strcmp(comma, ",") != 0) return -1; /* ، */
    for (size_t z = 0; z < c->n_ms; z++) {
        const ev_mention *m = &c->ms[z];
        if (m->ti > 3 || m->ti >= i) break;
        if (m->attr || ev_after_preposition(c, (int)z) || ev_has_prep_clitic(c, m->ti, 'l')) continue;
        return (int)z;
    }
    return -1;
}

/* «تعرضت الثكنة لاعتداء أسفر عن مقتل ثلاثة جنود، وقد تبناه تنظيم القاعدة»،
 * «هجوم انتحاري، نُسب إلى المتمردين التاميل»: who claimed or was credited
 * with the attack, later in its sentence, did it. -1 if no one. */
int ev_claimer_after(const rasd_event_coder *c, const cand *cd, int tgt) {
    static const ev_word CLAIM[] = {EV_WORD("تبني"), EV_WORD("تبنا"), EV_WORD("تبنت"), EV_WORD("يتبني"),
                                    EV_WORD("تتبني"), EV_WORD("تبناه"), EV_WORD("تبناها")}; /* (left whole) */
    static const ev_word CREDIT[] = {EV_WORD("نسب"), EV_WORD("نسبت"), EV_WORD("ينسب"), EV_WORD("تنسب")};
    const rasd_entity_extractor *x = c->x;
    for (size_t k = cd->tj + 1; k < c->n && k <= cd->tj + 16; k++) {
        if (ev_is_punct(c, k)) {
            const char *p = ex_key(x, x->t[k].key_off);
            if (strcmp(p, ".") == 0 || strcmp(p, "\xD8\x9B") == 0 || strcmp(p, ":") == 0) return -1;
            continue;
        }
        if (ev_word_in(c, k, true, CLAIM, sizeof CLAIM / sizeof *CLAIM)) {
            int m = ev_subject_after(c, k + 1, 3);
            return m != tgt ? m : -1;
        }
        if (ev_word_in(c, k, true, CREDIT, sizeof CREDIT / sizeof *CREDIT) && k + 1 < c->n &&
            ev_mark(c, k + 1) == EV_MARK_TO) {
            int m = ev_mention_starting(c, k + 2);
            return m != tgt ? m : -1;
        }
    }
    return -1;
}

/* «حاولت السعودية واستقبلت الشيخ»: a verb joined by و right after a control
 * verb and its subject (VSO) shares that subject; the name after it is its
 * object. The subject, or -1. */
int ev_subject_of_verb_before(const rasd_event_coder *c, size_t i, size_t clause) {
    const rasd_entity_extractor *x = c->x;
    if (!x->t[i].conj) return -1;
    size_t e = i;
    while (e > clause && x->t[e - 1].skip) e--;
    int m = e > clause ? ev_mention_ending(c, e - 1) : -1;
    if (m < 0 || c->ms[m].ti <= clause || c->ms[m].attr || ev_has_prep_clitic(c, c->ms[m].ti, 'b') ||
        ev_has_prep_clitic(c, c->ms[m].ti, 'l') || x->t[c->ms[m].ti].conj)
        return -1;
    /* the verb before it: a control verb, whose subject follows it (not any
     * verb: after تقتل الفلسطينيين the name is an object) */
    return ev_control_verb(c, c->ms[m].ti - 1) ? m : -1;
}
