/*
 * events_sources.c: who did it, when the subject rules (events_parties.c:
 * a subject right before or after the verb, the antecedent of a relative,
 * the speaker of a first-person verb) found nobody. First what the
 * sentence's structure still says (the agent of a passive after على يد,
 * an event noun's genitive, the constructions of events_agency.c, the
 * protesters of a protest), then guesses from what is near, each under
 * its own rule name so a user can filter them (docs/events.md lists them
 * all, with how often each is right). The parties no dictionary names are
 * read in events_unnamed.c.
 */
#include "events_internal.h"

#include <string.h>

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
        int m = ev_controller_subject(c, i, clause, &v);
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
        int m = ev_source_of_result(c, i);
        if (m >= 0 && m != tgt) {
            *rule = "source-of-result";
            return m;
        }
    }
    if (victim) {
        int m = ev_agent_of_cause(c, cd, tgt);
        if (m >= 0) {
            *rule = "agent-of-cause";
            return m;
        }
    }
    {
        int m = ev_doer_after(c, cd, tgt);
        if (m >= 0) {
            *rule = "agent-of-relative";
            return m;
        }
    }
    if (ev_root(r->cameo) >= 18) {
        int m = ev_claimer_after(c, cd, tgt);
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
        int m = ev_announcer_of_passive(c, i, tgt);
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
        int m = ev_subject_of_participle(c, i);
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
