/*
 * events_modality.c: whether a coded trigger tells of something that
 * happened. A verbal noun after a modal or a purpose, an act pointed back
 * to by a demonstrative, the place or the body a fight or an inquiry
 * names, sport's matches and fixtures, a homograph without the structure
 * of its event reading: no event (ev_no_happening). What is kept carries
 * flags for what did not, will or may happen, or is only claimed
 * (ev_flags: negation, future, hypothesis, claim). Separate from the coder
 * (events.c) and the subject rules (events_parties.c): these read the
 * words around the trigger for its mood, not for who took part.
 */
#include "events_internal.h"

#include <string.h>

/* The event nouns that sport writing uses for its own happenings. */
static bool sports_homograph(const rasd_trigger *r) {
    static const char *const LEMMAS[] = {"لقاء", "مواجهات", "معارك", "هجوم", "قتال"};
    for (size_t i = 0; i < sizeof LEMMAS / sizeof *LEMMAS; i++)
        if (strcmp(r->lemma, LEMMAS[i]) == 0) return true;
    return false;
}

/* Does the trigger cd (row r), whose participants e holds, tell of no
 * happening? ambiguous: its form is also a common word; after and
 * src_rule: as ev_read_parties left them. */
bool ev_no_happening(const rasd_event_coder *c, const cand *cd, const rasd_event *e, bool ambiguous, size_t after,
                     const char *src_rule) {
    const rasd_entity_extractor *x = c->x;
    const rasd_trigger *r = &c->d->triggers[cd->row];
    size_t i = cd->i, n = c->n;
    bool has_source = e->source.entity >= 0 || e->source.agent >= 0 || e->source.country[0];
    bool has_target = e->target.entity >= 0 || e->target.agent >= 0;
    int root = ev_root(r->cameo);
    /* a match is no meeting, a fixture no clash; a player's contract, talks
     * with a club, a visit of a team are no diplomacy (a document about sport) */
    if (c->sports_words >= 2 && (sports_homograph(r) || (ev_root(r->cameo) >= 2 && ev_root(r->cameo) <= 8))) return true;
    /* «الاتفاق النووي»، «باتفاق الطائف»، «بالاتفاق مع»: a definite agreement
     * names a document (or, with ب, means 'in agreement with'); the act of
     * agreeing is a verb (وقع، أبرم، توصل إلى) or an indefinite اتفاق بين */
    if (cd->noun && strcmp(r->cameo, "057") == 0 && !strchr(r->lemma, ' ') &&
        (x->t[i].art_len || ev_has_prep_clitic(c, i, 'b') || ev_has_prep_clitic(c, i, 'l')))
        return true;
    /* «يمكن اعتقال مشتبه به»، «ضرورة عقد جلسة»، «بهدف الدعوة»، «عرقلة عقد
     * الجلسة»: a verbal noun after a modal, a purpose or an obstruction is
     * what may, must or should happen, not what happened */
    static const ev_word MODALS[] = {EV_WORD("يمكن"),  EV_WORD("يجب"),    EV_WORD("يجوز"),  EV_WORD("ينبغي"),
                                     EV_WORD("ضروره"), EV_WORD("هدف"),    EV_WORD("عرقله"), EV_WORD("اعاقه"),
                                     EV_WORD("اجل"),   EV_WORD("امكانيه"), EV_WORD("احتمال")};
    if (i > 0 && ev_word_in(c, i - 1, true, MODALS, sizeof MODALS / sizeof *MODALS)) return true; /* (a verb comes after أن) */
    /* «استشهد بقول الروائي»: cited, not martyred */
    static const ev_word SAYINGS[] = {EV_WORD("قول"), EV_WORD("كلام"), EV_WORD("مقوله"), EV_WORD("ايه"),
                                      EV_WORD("حديث"), EV_WORD("بيت"),  EV_WORD("مثل"),   EV_WORD("كلمات")};
    if (strcmp(r->lemma, "استشهد") == 0 || strcmp(r->lemma, "استشهاد") == 0)
        for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 3; k++) /* (its subject may come between) */
            if (ev_has_prep_clitic(c, k, 'b') && ev_word_in(c, k, true, SAYINGS, sizeof SAYINGS / sizeof *SAYINGS))
                return true;
    /* «كالقتل»، «كالهجوم على»: ك compares with a kind of act, tells none */
    if (cd->noun && ev_has_prep_clitic(c, i, 'k')) return true;
    /* «هذه الهجمات»، «تلك التهديدات»: a demonstrative points back to acts
     * told before (coded there), or sums them up; no new happening */
    static const ev_word DEMONSTRATIVES[] = {EV_WORD("هذه"),  EV_WORD("هذا"),  EV_WORD("تلك"),  EV_WORD("ذلك"),
                                             EV_WORD("هاتين"), EV_WORD("هذين"), EV_WORD("هؤلاء"), EV_WORD("هذان"),
                                             EV_WORD("هاتان")};
    if (cd->noun && x->t[i].art_len && i > 0 &&
        ev_word_in(c, i - 1, false, DEMONSTRATIVES, sizeof DEMONSTRATIVES / sizeof *DEMONSTRATIVES))
        return true;
    /* «جبهة القتال»، «موقع الهجوم»، «ساحة المعركة»: the place of a fight,
     * named by it, not a fight */
    static const ev_word SITES[] = {EV_WORD("جبهه"), EV_WORD("جبهات"), EV_WORD("ساحه"), EV_WORD("ساحات"),
                                    EV_WORD("موقع"), EV_WORD("مكان"),  EV_WORD("مسرح"), EV_WORD("خطوط")};
    if (cd->noun && x->t[i].art_len && i > 0 && root >= 18 &&
        ev_word_in(c, i - 1, true, SITES, sizeof SITES / sizeof *SITES))
        return true;
    /* «رئيس لجنة التحقيق»، «أعضاء هيئة المفاوضات»: a body named by what it
     * does, after its head or members, is no act */
    static const ev_word HEADS[] = {EV_WORD("رئيس"), EV_WORD("عضو"), EV_WORD("اعضاء"), EV_WORD("رئاسه"),
                                    EV_WORD("مقر")};
    if (cd->noun && i > 0 && ev_word_in(c, i - 1, true, HEADS, sizeof HEADS / sizeof *HEADS)) return true;
    /* «اللقاء»، «المحادثات»، «المفاوضات» with nobody the sentence's structure
     * names on either side: the talks or meeting told before, or talks as a
     * process (استئناف المحادثات), not a meeting that happened here */
    static const ev_word HELD[] = {EV_WORD("عقد"),    EV_WORD("عقدت"),   EV_WORD("انعقد"), EV_WORD("انعقدت"),
                                   EV_WORD("جرى"),    EV_WORD("جرت"),    EV_WORD("بدا"),   EV_WORD("بدات"),
                                   EV_WORD("انطلق"),  EV_WORD("انطلقت"), EV_WORD("اختتم"), EV_WORD("اختتمت"),
                                   EV_WORD("استؤنف"), EV_WORD("استؤنفت"), EV_WORD("وعقد"),  EV_WORD("وعقدت"),
                                   EV_WORD("وجرى"),   EV_WORD("وجرت")}; /* (the splitter may keep و) */
    if (cd->noun && root == 4 && x->t[i].art_len && !has_target && (!has_source || ev_weak_rule(e->source.rule)) &&
        !(i > 0 && ev_word_in(c, i - 1, true, HELD, sizeof HELD / sizeof *HELD))) /* (عقد الاجتماع: held here) */
        return true;
    /* «وصلت الوزيرة إلى مالي»: an arrival in a place is a visit when a named
     * party arrives, not a plane, a convoy or a figure (وصل العدد إلى) */
    if (root == 4 && cd->cue_j && !c->hits[cd->cue_i].cue && !cd->noun &&
        (strcmp(r->lemma, "وصل") == 0 || strcmp(r->lemma, "توجه") == 0) &&
        (e->source.entity < 0 || (e->source.rule && ev_weak_rule(e->source.rule))))
        return true;
    /* «غرفة التجارة تستقبل طلبات الشركات»، «حث العاملين على الجد»: a call or a
     * meeting whose doer is a noun no dictionary knows and that reaches
     * nobody is an institution's routine, not diplomacy */
    static const ev_word HONORIFICS[] = {EV_WORD("معالي"), EV_WORD("سمو"),   EV_WORD("فخامه"),
                                         EV_WORD("سعاده"), EV_WORD("صاحب"), EV_WORD("دوله")};
    if ((root == 2 || root == 4) && !has_target && e->source.rule &&
        (strcmp(e->source.rule, "noun-after-verb") == 0 || strcmp(e->source.rule, "noun-before-verb") == 0) &&
        !(cd->tj + 1 < n && ev_word_in(c, cd->tj + 1, true, HONORIFICS, sizeof HONORIFICS / sizeof *HONORIFICS)))
        return true; /* (استقبل معالي المستشار ...: an official the title leads to) */
    /* a homograph verb whose other party comes after a preposition (بحث
     * مع: discussed with; يبحث عن: searches) needs that party */
    if (ambiguous && !cd->noun && (r->target_mask & ~(uint32_t)EV_PREP_DIRECT) && !has_target) return true;
    /* a form that is also a common word: as a verb it needs its subject, as
     * a noun some party (اعتقال الناشط، اتفاق بين الطرفين) */
    if (ambiguous && !cd->noun &&
        (!src_rule || (strncmp(src_rule, "subject", 7) != 0 && strncmp(src_rule, "between", 7) != 0)))
        return true;
    bool pronoun = c->hits[i].pronoun || x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len;
    bool party_named = has_source && !(e->source.rule && (strcmp(e->source.rule, "previous-mention") == 0 ||
                                                         strcmp(e->source.rule, "previous-source") == 0));
    if (ambiguous && cd->noun && !party_named && !has_target && !pronoun) return true; /* اعتقاله: the pronoun is a party */
    /* حقق في، طالب ب: an ambiguous verb needs its preposition right after
     * its subject (حقق مكاسب في is no inquiry) */
    if (ambiguous && !cd->noun && r->issue_mask && ev_issue_head(c, cd) > after + 1 &&
        !(cd->cue_j && cd->cue_i <= after + 1)) /* (طالب X برحيل: the cue is the content, right there) */
        return true;
    return false;
}

/* The flags of the event e at trigger token i: negated (a negation in the
 * three words before it, or نفى أن), future (سيقصف، سوف، لن), hypothetical
 * (إذا، لو، في حال), claimed (زعم، ادعى، بحسب outside a name). */
void ev_flags(const rasd_event_coder *c, size_t i, rasd_event *e) {
    const rasd_entity_extractor *x = c->x;
    size_t n = c->n;
    if (c->hits[i].future) e->flags |= RASD_EV_FUTURE;
    size_t back = 0;
    for (size_t k = i; k-- > 0 && back < 3;) {
        if (ev_is_punct(c, k) || x->t[k].skip) continue;
        int m = ev_mark(c, k);
        if (m == EV_MARK_NEG) e->flags |= RASD_EV_NEGATED;
        if (m == EV_MARK_NEG_FUT) e->flags |= RASD_EV_NEGATED | RASD_EV_FUTURE;
        if (m == EV_MARK_FUT) e->flags |= RASD_EV_FUTURE;
        if (m != EV_MARK_AUX) back++;
    }
    for (size_t k = i > 12 ? i - 12 : 0; k < i; k++) {
        int m = ev_mark(c, k);
        if (m == EV_MARK_HYP) e->flags |= RASD_EV_HYPOTHETICAL;
        /* نفى أن: what is denied did not happen (as the denier says) */
        if (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)) {
            size_t cnt;
            const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[k].node, &cnt);
            for (size_t z = 0; z < cnt; z++)
                if (p[z].target.kind == EV_TRIGGER && strcmp(c->d->triggers[p[z].target.index].lemma, "نفى") == 0)
                    e->flags |= RASD_EV_NEGATED;
        }
    }
    for (size_t k = 0; k < n; k++)
        if (ev_mark(c, k) == EV_MARK_CLAIM) {
            bool named = false; /* بحسب inside a name is no claim */
            for (size_t z = 0; z < c->n_ms; z++) named |= c->ms[z].ti <= k && k <= c->ms[z].tj;
            if (!named) e->flags |= RASD_EV_CLAIMED;
        }
}
