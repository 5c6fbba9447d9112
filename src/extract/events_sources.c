/*
 * events_sources.c: who did it, when the subject rules of events.c (a
 * subject right before or after the verb, the antecedent of a relative,
 * the speaker of a first-person verb) found nobody. First what the
 * sentence's structure still says (the agent of a passive after على يد,
 * an event noun's genitive, a titled subject, the protesters of a
 * protest), then guesses from what is near, each under its own rule name
 * so a user can filter them (docs/events.md lists them all, with how
 * often each is right).
 */
#include "events_internal.h"

#include <string.h>

/* Verbs that govern the verbal noun of what their subject does: تمكن من،
 * استطاع، حاول، قام ب، عمد إلى، أقدم على، نجح في، سعى إلى، واصل (past and
 * present, singular and plural; bases, و/ف off). Not أقدم's present يقدم
 * ('presents'), not رفض or قرر (their own events or no act). */
static bool control_verb(const rasd_event_coder *c, size_t k) {
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
    if (control_verb(c, v)) {
        *verb = v; /* (its subject may be a phrase no dictionary names: ev_unnamed_agent) */
        int m = ev_mention_before(c, v, clause);
        return m >= 0 && !c->ms[m].attr ? m : -1;
    }
    /* VSO: the subject between the verb and the noun */
    int m = ev_mention_ending(c, v);
    if (m < 0 || c->ms[m].ti == 0 || c->ms[m].ti <= clause) return -1;
    size_t w = c->ms[m].ti - 1;
    if (!control_verb(c, w) || ev_has_prep_clitic(c, c->ms[m].ti, 'b') || ev_has_prep_clitic(c, c->ms[m].ti, 'l'))
        return -1;
    return m;
}

/* The same for the noun at token i, or for the second of two coordinated
 * nouns (من اقتحام القرية وتدميرها): the first may have its own words. */
static int controller_subject(const rasd_event_coder *c, size_t i, size_t clause, size_t *verb) {
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
static int doer_after(const rasd_event_coder *c, const cand *cd, int tgt) {
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
static int agent_of_cause(const rasd_event_coder *c, const cand *cd, int tgt) {
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
static int source_of_result(const rasd_event_coder *c, size_t i) {
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
static int announcer_of_passive(const rasd_event_coder *c, size_t i, int tgt) {
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
static int subject_of_participle(const rasd_event_coder *c, size_t i) {
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
static int claimer_after(const rasd_event_coder *c, const cand *cd, int tgt) {
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

/* «في محافظة مأرب شرق اليمن»، «شمال سوريا»: a state after a direction word
 * names where, not who. */
static bool place_of_direction(const rasd_event_coder *c, int m) {
    static const ev_word DIRECTION[] = {EV_WORD("شرق"),  EV_WORD("غرب"),  EV_WORD("شمال"),  EV_WORD("جنوب"),
                                        EV_WORD("وسط"),  EV_WORD("شرقي"), EV_WORD("غربي"),  EV_WORD("شمالي"),
                                        EV_WORD("جنوبي"), EV_WORD("انحاء"), EV_WORD("داخل"), EV_WORD("خارج")};
    size_t ti = c->ms[m].ti;
    return c->ms[m].state && ti > 0 && ev_word_in(c, ti - 1, true, DIRECTION, sizeof DIRECTION / sizeof *DIRECTION);
}

/* The mention that is the source of the last event of this sentence, or
 * -1; only when that event's trigger is at most 30 words before token v
 * with no word that opens a clause of its own (ثم، بينما، لكن) or a negation
 * between, and
 * when the sentence's structure gave that source (not a guess). -2 when the
 * verb opens a piece of a sentence cut at a comma (see below). */
static int last_source_in_sentence(const rasd_event_coder *c, size_t v, int tgt) {
    const rasd_entity_extractor *x = c->x;
    for (size_t k = c->out.count; k-- > 0;) {
        const rasd_event *p = &c->out.items[k];
        if (p->sentence != c->sentence) {
            /* «...، ودمروا»: a long sentence is cut before a comma and و; the
             * verb that opens the piece goes on with the piece before
             * (ev_previous_source takes its last source): -2 */
            size_t b = x->t[0].tok.start;
            while (b > 0 && (x->text[b - 1] == ' ' || x->text[b - 1] == '\n')) b--;
            bool cut = b >= 2 && memcmp(x->text + b - 2, "\xD8\x8C", 2) == 0; /* ، */
            size_t w = 0;
            while (w < v && x->t[w].skip) w++;
            return p->sentence + 1 == c->sentence && cut && w == v ? -2 : -1;
        }
        if (!p->source.end) continue;
        /* (a guess from what was near is not carried on) */
        if (!p->source.rule || ev_weak_rule(p->source.rule)) return -1;
        size_t from = v;
        while (from > 0 && x->t[from - 1].tok.start >= p->start) from--;
        if (v - from > 30) return -1;
        for (size_t q = from; q < v; q++) /* (a negation between: a predication of its own, ليست معركتكم) */
            if (ev_mark(c, q) == EV_MARK_BOUNDARY || ev_mark(c, q) == EV_MARK_NEG) return -1;
        for (size_t z = 0; z < c->n_ms; z++)
            if (c->ms[z].start == p->source.start && c->ms[z].end == p->source.end) return (int)z != tgt ? (int)z : -1;
        return -1;
    }
    return -1;
}

/* «استطاع المقاتلون السيطرة على التلة، ودمروا دبابتين واستطاعوا الاستيلاء
 * على عربة»، «سيطرت المقاومة على مواقع ولا تزال تفرض حصارا»: a verb joined by
 * و to what came before, with no subject of its own, goes on with the
 * subject of the sentence's last event (a name in between belongs to a
 * complement or a relative clause). v: the verb (the trigger, or the
 * control verb that governs a verbal noun). */
static bool joined_verb(const rasd_event_coder *c, size_t v) {
    const rasd_entity_extractor *x = c->x;
    if (x->t[v].conj) return true;
    /* (و on the ما زال/لا يزال before it: ولا تزال تفرض) */
    size_t k = v;
    while (k > 0 && x->t[k - 1].skip) k--;
    for (size_t p = k; p-- > 0 && k - p <= 2;) /* (لا تزال: a path of two tokens, its mark on the first) */
        if (ev_mark(c, p) == EV_MARK_STILL && c->hits[p].tj + 1 >= k) return x->t[p].conj;
    return false;
}

/* Is the word a coded event of this sentence (وأسر ثلاثة: the capture, not
 * 'families')? A mention there is no party. */
static bool coded_trigger(const rasd_event_coder *c, size_t k) {
    for (size_t e = c->out.count; e-- > 0;) {
        const rasd_event *p = &c->out.items[e];
        if (p->sentence != c->sentence) break;
        if (p->start <= c->x->t[k].tok.start && c->x->t[k].tok.start < p->end) return true;
    }
    return false;
}

/* «نقطة تفتيش تابعة للمقاومة الشعبية ألقت القبض»، «دبابات تابعة للجيش كانت
 * تقصف»: an unnamed force and the party it belongs to (تابع ل، موال ل); the
 * party, a force, acts through it (not زوارق تابعة لصيادين: a thing owned).
 * Not after a named party (التحالف التابع للاحتلال:
 * a description of the name before it). */
static bool owner_of_unnamed(const rasd_event_coder *c, int m) {
    static const ev_word BELONGS[] = {EV_WORD("تابع"),   EV_WORD("تابعه"),   EV_WORD("تابعين"), EV_WORD("تابعون"),
                                      EV_WORD("التابع"), EV_WORD("التابعه"), EV_WORD("التابعين"),
                                      EV_WORD("موال"),   EV_WORD("مواليه"),  EV_WORD("موالين"), EV_WORD("الموالي"),
                                      EV_WORD("الموالية"), EV_WORD("الموالين")};
    size_t ti = c->ms[m].ti;
    if (!ev_has_prep_clitic(c, ti, 'l') || ti < 2) return false;
    if (!ev_word_in(c, ti - 1, false, BELONGS, sizeof BELONGS / sizeof *BELONGS) || !ev_is_force(c, m)) return false;
    const tinfo *h = &c->x->t[ti - 2];
    int mk = ev_mark(c, ti - 2); /* (a force's head word: دبابات، قوة) */
    return h->word && (!mk || mk == EV_MARK_HEAD) && ev_mention_ending(c, ti - 2) < 0 && !(h->match >= 0 && c->x->m[h->match].title >= 0);
}

/* «..., مشددا على ضرورة وقف الهجمات»، «وقال فلان: نرى أنه من الضروري وقف
 * الحرب»: an appeal or a demand that a noun of necessity states is the
 * speaker's: in a quotation (or reported speech) whose speaker is known, its
 * speaker; after a participle of saying
 * (مشددا، مؤكدا، مطالبا، داعيا) that goes on from a reporting verb, that
 * verb's subject, else the last speaker the document named. */
bool ev_speaker_of_statement(const rasd_event_coder *c, const cand *cd, bool quoted, int speaker, rasd_event_actor *a) {
    static const ev_word SAYING[] = {EV_WORD("مشددا"), EV_WORD("مؤكدا"), EV_WORD("مطالبا"), EV_WORD("داعيا"),
                                     EV_WORD("مشيرا"), EV_WORD("لافتا"), EV_WORD("محذرا"), EV_WORD("منوها"),
                                     EV_WORD("مضيفا"), EV_WORD("معربا")};
    const rasd_entity_extractor *x = c->x;
    const char *lemma = c->d->triggers[cd->row].lemma; /* (other speech nouns name their own party) */
    if (!cd->noun || (strcmp(lemma, "ضرورة") != 0 && strcmp(lemma, "من الضروري") != 0)) return false;
    if (quoted && speaker >= 0) {
        memset(a, 0, sizeof *a);
        a->entity = speaker;
        a->agent = -1;
        a->rule = "speaker-of-quote";
        return true;
    }
    size_t part = SIZE_MAX;
    for (size_t k = cd->i; k-- > 0 && cd->i - k <= 3;) {
        if (ev_word_in(c, k, false, SAYING, sizeof SAYING / sizeof *SAYING)) {
            part = k;
            break;
        }
        static const ev_word BETWEEN[] = {EV_WORD("علي"), EV_WORD("الي"), EV_WORD("ان"), EV_WORD("بان")};
        if (!x->t[k].skip && !ev_word_in(c, k, false, BETWEEN, sizeof BETWEEN / sizeof *BETWEEN))
            return false; /* (على، إلى، أن between) */
    }
    if (part == SIZE_MAX) return false;
    size_t say = SIZE_MAX;
    for (size_t k = 0; k < part; k++)
        if (x->t[k].say) {
            say = k;
            break;
        }
    for (size_t z = 0; say != SIZE_MAX && z < c->n_ms; z++) {
        const ev_mention *m = &c->ms[z];
        if (m->ti <= say || m->tj >= part || m->ti > say + 6) continue;
        /* (who is told is no speaker; a spokesman's body, المتحدث باسم
         * الوزارة, speaks through him) */
        if (ev_has_prep_clitic(c, m->ti, 'l')) continue;
        ev_set_actor(c, (int)z, a, "speaker-of-statement");
        return true;
    }
    if (say != SIZE_MAX && say + 1 < part) {
        /* a speaker no dictionary names right after the verb: no guess */
        size_t k = say + 1;
        while (k < part && x->t[k].skip) k++;
        if (k < part && x->t[k].word && !ev_mark(c, k)) return false;
    }
    if (x->last_speaker < 0) return false;
    memset(a, 0, sizeof *a);
    a->entity = x->last_speaker;
    a->agent = -1;
    a->rule = "speaker-of-statement";
    return true;
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
    return control_verb(c, c->ms[m].ti - 1) ? m : -1;
}

/* When the strict subject rules found nobody, the source the sentence's
 * structure still allows, most reliable first (each with its rule name, so
 * a user can filter on it):
 *   agent-after-by      the agent of a passive or nominal event: قُتل على يد
 *                       مسلحين، اعتقل من قبل الشرطة، أصيب برصاص قناص
 *   genitive-agent      an event noun's owner: غارات التحالف، غارات جوية للتحالف
 *   nearest-before      the nearest party before the trigger in its clause
 *                       (SVO, or a subject that a long phrase parts from its verb)
 *   nearest-after       a party right after a verb (VSO with words between) */
int ev_fallback_source(const rasd_event_coder *c, const cand *cd, const rasd_trigger *r, bool victim, int tgt,
                           size_t i, size_t clause, const char **rule) {
    const rasd_entity_extractor *x = c->x;
    size_t n = c->n;
    for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 14; k++) {
        int mk = ev_mark(c, k);
        if (mk == EV_MARK_BOUNDARY || mk == EV_MARK_RELATIVE) break;
        if (ev_is_punct(c, k) && (strcmp(ex_key(x, x->t[k].key_off), ".") == 0)) break;
        /* «...، وأن القصر لا يزال بأيدي المتمردين»: a comma and و open a clause of its own */
        if (ev_is_punct(c, k) && !x->t[k].skip && k + 1 < n && x->t[k + 1].conj) break;
        if (mk != EV_MARK_BY) continue;
        int m = ev_mention_after(c, c->hits[k].tj + 1, n, 2, true);
        if (m >= 0 && m != tgt) {
            *rule = "agent-after-by";
            return m;
        }
        break;
    }
    /* «اعتقاله لدى المقاومة»، «المحتجزين لدى داعش»: who holds a prisoner
     * (a detention, 17) is named after لدى */
    if (ev_root(r->cameo) == 17) {
        static const ev_word LADA[] = {EV_WORD("لدي")};
        for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 2; k++) {
            if (!ev_word_in(c, k, false, LADA, 1)) continue;
            int m = ev_mention_starting(c, k + 1);
            if (m >= 0 && m != tgt) {
                *rule = "holder-after-lada";
                return m;
            }
            break;
        }
    }
    if (cd->noun) {
        size_t v;
        int m = controller_subject(c, i, clause, &v);
        if (m >= 0 && m != tgt) {
            *rule = "subject-of-control-verb";
            return m;
        }
        rasd_event_actor scratch; /* «قياديا حوثيا حاول الهرب»: a phrase, set by ev_unnamed_agent */
        if (m < 0 && v != SIZE_MAX && ev_np_before_verb(c, v, clause, false, &scratch)) return -1;
        if (m < 0 && v != SIZE_MAX && joined_verb(c, v)) {
            m = last_source_in_sentence(c, v, tgt);
            if (m == -2) return -1;
            if (m >= 0) {
                *rule = "subject-of-joined-verb";
                return m;
            }
        }
    }
    /* «استقبل معالي المستشار في الديوان ... الدكتور فلان»: a verb whose
     * subject opens with a title has the person the titles lead to */
    /* (an honorific opens it as well: «رفع معالي المشرف العام على المركز
     * الدكتور فلان الشكر», سمو، فخامة، سعادة) */
    static const ev_word HONORIFIC[] = {EV_WORD("معالي"), EV_WORD("سمو"), EV_WORD("فخامه"), EV_WORD("سعاده"),
                                        EV_WORD("صاحب")};
    if (!cd->noun && cd->tj + 1 < n &&
        ((x->t[cd->tj + 1].match >= 0 && x->m[x->t[cd->tj + 1].match].title >= 0) ||
         ev_word_in(c, cd->tj + 1, false, HONORIFIC, sizeof HONORIFIC / sizeof *HONORIFIC))) {
        for (size_t z = 0; z < c->n_ms; z++) {
            const ev_mention *m = &c->ms[z];
            if (m->ti <= cd->tj || m->ti > cd->tj + 20) continue;
            /* a person (and his titles) after a bare noun is part of a name
             * (مركز الملك سلمان، جامعة الملك سعود), not the one the titles
             * lead to */
            size_t q = m->ti - 1;
            while (q > cd->tj + 1 && x->t[q].match >= 0 && x->m[x->t[q].match].title >= 0) q--;
            const tinfo *p = &x->t[q];
            /* (a name after a title there ends a building's name, which
             * is no person's mention: مركز الأمير سلطان الدكتور فلان) */
            bool after_title = x->t[q - 1].match >= 0 && x->m[x->t[q - 1].match].title >= 0;
            if (q > cd->tj + 1 && p->word && !p->art_len && !ev_mark(c, q) && p->match < 0 && ev_mention_ending(c, q) < 0 &&
                !after_title)
                continue;
            if (m->person && (int)z != tgt) {
                *rule = "titled-subject-after-verb";
                return (int)z;
            }
        }
    }
    /* «القصف العنيف من مليشيات الحوثي»: an attack noun's agent after من */
    if (cd->noun && !victim && ev_root(r->cameo) >= 18 && strcmp(r->cameo, "191") != 0 && strcmp(r->cameo, "192") != 0) {
        /* (not a capture: تحرير الرقة من داعش, من is whom it was taken from) */
        for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 3; k++) {
            if (ev_mark(c, k) == EV_MARK_FROM && x->t[k].key_len == x->t[k].base_len) {
                int m = ev_mention_starting(c, k + 1);
                if (m >= 0 && m != tgt && !c->ms[m].state) {
                    *rule = "agent-after-min";
                    return m;
                }
                break;
            }
            if (ev_is_punct(c, k) || ev_mark(c, k) || !x->t[k].art_len) break; /* only an adjective between */
        }
    }
    if (cd->noun && !victim) {
        static const ev_word SOME[] = {EV_WORD("اعداد"), EV_WORD("عدد"), EV_WORD("بعض")};
        size_t reach = cd->tj + 3;
        for (size_t k = cd->tj + 1; k < n && k <= reach; k++) {
            /* «فرار عشرات من عناصر التنظيم»: a partitive (a count
             * or a quantity, its adjective, من) heads the group it counts */
            if (k == cd->tj + 1 && (ev_is_count(c, k) || ev_is_quantity(c, k) ||
                                    ev_word_in(c, k, false, SOME, sizeof SOME / sizeof *SOME))) {
                size_t f = k + 1;
                if (f < n && !ev_mark(c, f) && x->t[f].word && f + 1 < n && ev_mark(c, f + 1) == EV_MARK_FROM) f++;
                if (f < n && ev_mark(c, f) == EV_MARK_FROM) {
                    k = f;
                    reach = f + 1;
                    continue;
                }
            }
            int m = -1;
            for (size_t z = 0; z < c->n_ms; z++)
                if (c->ms[z].ti == k) m = (int)z;
            if (m >= 0) {
                if (m != tgt && !ev_has_prep_clitic(c, k, 'b') && !ev_has_prep_clitic(c, k, 'k') &&
                    !ev_genitive_is_object(c, r, m)) {
                    *rule = "genitive-agent";
                    return m;
                }
                break;
            }
            /* «الهجمات الدامية لـ"بوكو حرام"»: a ل written apart before quotes
             * is the genitive's ل (an attack's; دعوة لـ is to whom it goes) */
            static const ev_word LI_APART[] = {EV_WORD("ل"), EV_WORD("لـ")};
            bool adjectives = true; /* (not بقصف مواقع لـ: the owner of the object) */
            for (size_t z = cd->tj + 1; z < k; z++) adjectives = adjectives && x->t[z].art_len;
            if (ev_root(r->cameo) >= 14 && adjectives && ev_word_in(c, k, false, LI_APART, 2)) {
                if (reach < k + 3) reach = k + 3;
                continue;
            }
            if (x->t[k].skip) continue;
            /* only an adjective (جوية، المكثف) or a closing mark between */
            if (ev_is_punct(c, k) || ev_mark(c, k) || ev_has_prep_clitic(c, k, 'b') || ev_has_prep_clitic(c, k, 'l') ||
                (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)))
                break;
        }
    }
    if (victim) {
        int m = source_of_result(c, i);
        if (m >= 0 && m != tgt) {
            *rule = "source-of-result";
            return m;
        }
    }
    if (victim) {
        int m = agent_of_cause(c, cd, tgt);
        if (m >= 0) {
            *rule = "agent-of-cause";
            return m;
        }
    }
    {
        int m = doer_after(c, cd, tgt);
        if (m >= 0) {
            *rule = "agent-of-relative";
            return m;
        }
    }
    if (ev_root(r->cameo) >= 18) {
        int m = claimer_after(c, cd, tgt);
        if (m >= 0) {
            *rule = "claimed-by";
            return m;
        }
    }
    /* a doer named by a phrase no dictionary holds (على يد مجهولين، منفذ
     * التفجير) is read from the structure: no guess from what is near; the
     * coder takes the phrase next (ev_unnamed_agent) */
    {
        rasd_event_actor scratch;
        if (ev_unnamed_agent(c, cd, &scratch)) return -1;
    }
    if (cd->noun) {
        int m = announcer_of_passive(c, i, tgt);
        /* a spokesman announces what the body he speaks for did: ev_unnamed_agent takes the body */
        if (m >= 0 && c->ms[m].person && c->ms[m].entity >= 0 &&
            c->x->out.items[c->ms[m].entity].affiliation != UINT32_MAX)
            return -1;
        if (m >= 0) {
            *rule = "announcer-of-passive";
            return m;
        }
    }
    {
        int m = subject_of_participle(c, i);
        if (m >= 0 && m != tgt) {
            *rule = "subject-of-participle";
            return m;
        }
    }
    /* a protest's own people first: the protesters the sentence names
     * (not the police near the trigger: «واجه المتظاهرون طوقا فرضته الشرطة
     * ورددوا هتافات») */
    if (ev_root(r->cameo) == 14)
        for (size_t z = 0; z < c->n_ms; z++)
            if ((int)z != tgt && ev_agent_is_protesters(c->d, c->ms[z].agent)) {
                *rule = "protesters-in-sentence";
                return (int)z;
            }
    /* «وقال إن تسعة من التجار قتلوا في الهجوم»، «كما أصيب زوجها»: a
     * killing verb with nothing after it but a preposition or the end is
     * passive (unvowelled, قُتلوا reads like قَتلوا): the party before it is
     * its victim, never its doer */
    bool passive = false;
    if (victim && !cd->noun) {
        size_t k = cd->tj + 1;
        while (k < n && x->t[k].skip) k++;
        passive = k >= n || ev_is_punct(c, k) || (ev_mark(c, k) && ev_mark(c, k) != EV_MARK_HEAD) ||
                  ev_has_prep_clitic(c, k, 'b');
    }
    /* (not before a definite noun after a verb that agrees with no subject
     * before it: «ورفض القصر التعليق», VSO, the subject follows) */
    size_t nx = cd->tj + 1;
    while (nx < n && x->t[nx].skip) nx++;
    bool vso = !ev_plural_agreement(c, i) && nx < n && x->t[nx].word && x->t[nx].art_len && !ev_mark(c, nx) &&
               !ev_has_prep_clitic(c, nx, 'b') && !ev_has_prep_clitic(c, nx, 'l');
    if (!cd->noun && !vso && joined_verb(c, i)) {
        int m = last_source_in_sentence(c, i, tgt);
        if (m == -2) return -1;
        if (m >= 0) {
            *rule = "subject-of-joined-verb";
            return m;
        }
    }
    /* «العملية ضد مسلحين اقتحموا مركزا للشرطة»: a verb in full agreement right
     * after an indefinite plural describes it (a relative clause with no
     * relative pronoun, as Arabic has after an indefinite noun): that noun,
     * whatever governs it, is the verb's subject */
    if (!cd->noun && !victim && !x->t[i].conj && ev_plural_agreement(c, i) && i > 0) { /* (لقوا حتفهم: victims) */
        size_t k = i;
        while (k > 0 && x->t[k - 1].skip) k--;
        int m = k > 0 ? ev_mention_ending(c, k - 1) : -1;
        if (m >= 0 && m != tgt && c->ms[m].agent >= 0 && c->ms[m].entity < 0 && !x->t[c->ms[m].ti].art_len &&
            !x->t[c->ms[m].ti].conj) {
            *rule = "subject-of-descriptive-clause";
            return m;
        }
    }
    /* «حركة الشباب التي صعدت من هجماتها»: an event noun whose pronoun
     * sits in a relative clause stands for the clause's antecedent, the
     * party named right before the relative, whatever governs it */
    if (cd->noun && x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len) {
        for (size_t k = i; k-- > clause && i - k <= 5;) {
            if (ev_is_punct(c, k) && !x->t[k].skip) break;
            if (ev_mark(c, k) != EV_MARK_RELATIVE) continue;
            size_t e = k;
            while (e > 0 && x->t[e - 1].skip) e--;
            int m = e > 0 ? ev_mention_ending(c, e - 1) : -1;
            if (m >= 0 && m != tgt && !c->ms[m].attr) {
                *rule = "antecedent-of-relative";
                return m;
            }
            break;
        }
    }
    /* «شريط يؤكد خطفها مقاتلين»: a pronoun on the word that opens what is
     * reported stands for a party named before it, outside */
    const tinfo *ti = &x->t[i];
    if (clause == i && ti->base_off + ti->base_len < ti->key_off + ti->key_len) clause = 0;
    /* the nearest party before the trigger, inside its clause */
    for (size_t k = i; !passive && k-- > clause && i - k <= 14;) {
        int mk = ev_mark(c, k);
        if (mk == EV_MARK_BOUNDARY) break;
        if (ev_is_punct(c, k)) {
            const char *p = ex_key(x, x->t[k].key_off);
            if (strcmp(p, ".") == 0 || strcmp(p, "\xD8\x9B") == 0 || strcmp(p, ":") == 0) break;
            continue;
        }
        int m = ev_mention_ending(c, k);
        if (m < 0) continue;
        /* (the force is the subject of the verb right after it, not of a
         * noun further on: «مواقع تابعة لداعش توفر تعليمات حول شن هجمات») */
        if (m != tgt && !cd->noun && !x->t[i].conj && i - c->ms[m].tj <= 4 && owner_of_unnamed(c, m)) {
            *rule = "owner-of-unnamed-force";
            return m;
        }
        /* who is held or released (المتهمين، المعتقلين) undergoes an arrest,
         * a detention or a release, never makes it */
        bool held = (ev_root(r->cameo) == 17 || strncmp(r->cameo, "084", 3) == 0) && c->ms[m].agent >= 0 &&
                    c->ms[m].entity < 0 &&
                    (strcmp(c->d->agents[c->ms[m].agent].name_en, "suspects") == 0 ||
                     strcmp(c->d->agents[c->ms[m].agent].name_en, "detainees") == 0);
        if (m == tgt || c->ms[m].attr || ev_after_preposition(c, m) || ev_has_prep_clitic(c, c->ms[m].ti, 'l') ||
            place_of_direction(c, m) || coded_trigger(c, c->ms[m].ti) || held) {
            k = c->ms[m].ti;
            continue;
        }
        *rule = "nearest-before";
        return m;
    }
    if (!cd->noun && !victim && !ev_plural_agreement(c, i)) {
        int m = ev_mention_after(c, cd->tj + 1, n, r->speech ? 5 : 4, false);
        /* «وتتهم المعارضة إردوغان»: a definite noun right after the verb is
         * its subject (VSO), the party after it the object; the noun is
         * taken as text (noun-after-verb) */
        size_t k = cd->tj + 1;
        while (k < n && x->t[k].skip) k++;
        if (m >= 0 && c->ms[m].ti > k && k < n && x->t[k].word && x->t[k].art_len && !ev_mark(c, k) &&
            !ev_has_prep_clitic(c, k, 'b') && !ev_has_prep_clitic(c, k, 'l') && !x->t[k].conj &&
            !(c->hits[k].node && (ev_has(c, k, EV_TRIGGER, -1) || ev_has(c, k, EV_NATION, -1))) &&
            !(x->t[k].match >= 0 && x->m[x->t[k].match].title >= 0))
            m = -1;
        if (m >= 0 && m != tgt && !ev_after_preposition(c, m)) {
            *rule = "nearest-after";
            return m;
        }
    }
    /* a protest is made by the people the sentence says gathered (آلاف
     * المتظاهرين، الطلاب، العمال), wherever it names them; not by the police
     * or the army that faced them */
    if (ev_root(r->cameo) == 14) {
        for (size_t z = 0; z < c->n_ms; z++) {
            const ev_mention *m = &c->ms[z];
            if (m->agent < 0 || (int)z == tgt) continue;
            const char *code = c->d->agents[m->agent].code;
            if (strstr(code, "COP") || strstr(code, "MIL") || strstr(code, "SPY")) continue;
            *rule = "protesters-in-sentence";
            return (int)z;
        }
    }
    return -1;
}

static bool force_head(const rasd_event_coder *c, size_t k);

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
        int m = announcer_of_passive(c, i, -1);
        if (m >= 0 && c->ms[m].person && c->ms[m].entity >= 0 &&
            x->out.items[c->ms[m].entity].affiliation != UINT32_MAX) {
            ev_set_actor(c, m, a, "announcer-of-passive");
            a->entity = (int)x->out.items[c->ms[m].entity].affiliation;
            return true;
        }
    }
    if (cd->noun && controller_subject(c, i, 0, &v) < 0 && v != SIZE_MAX && ev_np_before_verb(c, v, 0, false, a)) {
        a->rule = "subject-of-control-verb";
        return true;
    }
    /* «قامت دبابة إسرائيلية بقصف»، «حاول رجل مسلح اقتحام»: VSO, a phrase no
     * dictionary names between a control verb and the event noun */
    if (cd->noun && i > 1) {
        size_t w = i;
        while (w > 0 && i - w < 5) {
            size_t p = w - 1;
            if (control_verb(c, p)) break;
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
        if (plain && w > 0 && w < i && control_verb(c, w - 1) && !ev_mark(c, w) && x->t[w].word) {
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

/* Heads of a force that a possessive pronoun ties to someone named before
 * (قواته، جنوده، عناصرها، مقاتليه): bases, the pronoun off. */
static bool force_head(const rasd_event_coder *c, size_t k) {
    static const ev_word HEADS[] = {EV_WORD("قوات"),   EV_WORD("جنود"),   EV_WORD("عناصر"), EV_WORD("مقاتلي"),
                                    EV_WORD("مقاتلو"), EV_WORD("طائرات"), EV_WORD("قوه"),   EV_WORD("وحدات"),
                                    EV_WORD("مسلحي"),  EV_WORD("مسلحو"),  EV_WORD("رجال"),  EV_WORD("جيش")};
    return ev_word_in(c, k, true, HEADS, sizeof HEADS / sizeof *HEADS);
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

/* A verb with no subject of its own in its sentence (وأضافت، واستهدفت) goes
 * on with the last event's source, of this sentence or the two before. */
void ev_previous_source(const rasd_event_coder *c, rasd_event_actor *a) {
    for (size_t k = c->out.count; k-- > 0;) {
        const rasd_event *p = &c->out.items[k];
        if (p->sentence + 2 < c->sentence) break;
        /* a phrase the structure read as the subject (وكانت وزارة الداخلية قد
         * أطاحت ...، اتهموا) goes on as well as a named party */
        bool phrase = p->source.end && p->source.rule &&
                      (strcmp(p->source.rule, "noun-before-verb") == 0 || strcmp(p->source.rule, "agent-after-by") == 0 ||
                       strcmp(p->source.rule, "perpetrator-noun") == 0 ||
                       strcmp(p->source.rule, "subject-of-control-verb") == 0);
        if (p->source.entity < 0 && p->source.agent < 0 && !p->source.country[0] && !phrase) continue;
        *a = p->source;
        a->rule = "previous-source";
        return;
    }
}

/* The last party named in the two sentences before, when nothing nearer
 * gave a source: a news paragraph goes on about the actor it last named
 * (the last guess of all; not a media outlet, which names a source). */
void ev_previous_mention(const rasd_event_coder *c, rasd_event_actor *a) {
    const rasd_entity_extractor *x = c->x;
    int best = -1;
    size_t best_start = 0;
    for (size_t e = 0; e < x->out.count; e++) {
        const rasd_entity *en = &x->out.items[e];
        if (en->actor != UINT32_MAX && strcmp(c->kn->actors[en->actor].type, "media") == 0) continue;
        for (size_t m = 0; m < en->n_mentions; m++) {
            const rasd_mention *mn = &en->mentions[m];
            if (mn->sentence >= c->sentence || mn->sentence + 2 < c->sentence) continue;
            if (best < 0 || mn->start > best_start) best = (int)e, best_start = mn->start;
        }
    }
    if (best < 0) return;
    memset(a, 0, sizeof *a);
    a->entity = best;
    a->agent = -1;
    a->rule = "previous-mention";
}

/* Rules that guess a source from what is near rather than read it from
 * the sentence's structure (docs/events.md lists them all). */
bool ev_weak_rule(const char *rule) {
    static const char *const WEAK[] = {"nearest-before", "nearest-after", "previous-source", "previous-mention", "protesters-named",
                                       "noun-after-verb", "protesters-in-sentence"};
    for (size_t i = 0; i < sizeof WEAK / sizeof *WEAK; i++)
        if (strcmp(rule, WEAK[i]) == 0) return true;
    return false;
}
