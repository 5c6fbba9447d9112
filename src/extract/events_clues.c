/*
 * events_clues.c: what the words around a mention say of its role, asked
 * by the source rules (events_sources.c) and the coder (events.c): is it a
 * force, the object of an event noun's genitive, introduced by a
 * preposition, the subject a plural verb agrees with, the victims counted
 * before a passive, the speaker before a colon. Each answers one question
 * of the sentence's shape and decides nothing by itself.
 */
#include "events_internal.h"

#include <string.h>

bool ev_agent_is_protesters(const rasd_event_dict *d, int agent) {
    return agent >= 0 && strstr(d->agents[agent].name_en, "protesters") != NULL;
}

/* Does the mention m stand for a force: an armed group, an army, police,
 * a government or a state, or an armed generic agent (gunmen, soldiers)? */
bool ev_is_force(const rasd_event_coder *c, int m) {
    const ev_mention *mn = &c->ms[m];
    if (mn->entity >= 0) {
        const rasd_entity *en = &c->x->out.items[mn->entity];
        if (en->actor == UINT32_MAX) return false;
        const char *type = c->kn->actors[en->actor].type;
        return strcmp(type, "armed_group") == 0 || strcmp(type, "military") == 0 || strcmp(type, "government") == 0 ||
               strcmp(type, "state") == 0 || strcmp(type, "agency") == 0 || strcmp(type, "igo") == 0;
    }
    if (mn->agent < 0) return false;
    const char *code = c->d->agents[mn->agent].code;
    return strstr(code, "MIL") || strstr(code, "COP") || strstr(code, "UAF") || strstr(code, "REB") ||
           strstr(code, "SPY") || strstr(code, "RAD");
}

/* The genitive of a verbal noun is its agent or its object (قصف النظام: the
 * regime shells; اعتقال الناشط: the activist is arrested). Coercion and
 * assault fall on people, a fight is made by forces: the genitive of such a
 * noun is the object unless it is a force. */
bool ev_genitive_is_object(const rasd_event_coder *c, const rasd_trigger *r, int m) {
    int root = ev_root(r->cameo);
    /* مساعدات للحوثيين، دعوة للأطراف: a ل party of a request, aid or a
     * concession is who receives it */
    if (root < 14 && ev_has_prep_clitic(c, c->ms[m].ti, 'l')) return true;
    /* إطلاق سراح المعتقلين، الإفراج عن: who is released (CAMEO 084) */
    if (strncmp(r->cameo, "084", 3) == 0) return true;
    /* verbs whose noun's genitive is the one acted on, whatever it is: who
     * is driven out (لطرد المسلحين), armed (تسليح المقاتلين), accused
     * (اتهام الوزير بـ), granted (منح القوات حرية), seized or kidnapped
     * (أسر الجنود، خطف الصحافيين); a force there is no agent either */
    static const char *const OBJECT_GENITIVE[] = {"طرد", "تسليح", "اتهام", "منح", "أسر", "خطف"};
    for (size_t k = 0; k < sizeof OBJECT_GENITIVE / sizeof *OBJECT_GENITIVE; k++)
        if (strcmp(r->lemma, OBJECT_GENITIVE[k]) == 0) return true;
    /* the verbal noun of a derived verb (استهداف، ملاحقة، اعتقال، تدمير)
     * takes its object as genitive; غارات، هجوم، قصف their agent */
    const char *l = r->lemma;
    size_t len = strlen(l);
    bool derived = len >= 10 && (memcmp(l, "\xD8\xA7", 2) == 0 || memcmp(l, "\xD8\xA5", 2) == 0 ||  /* ا إ */
                                 memcmp(l, "\xD8\xAA", 2) == 0 || memcmp(l, "\xD9\x85", 2) == 0);   /* ت م */
    if (derived && !strchr(l, ' ') && root >= 17) return true;
    if (root < 17) return false;
    return !ev_is_force(c, m);
}

/* «تدمير المتطرفين أضرحة أثرية»، «اعتقال الشرطة مشتبهين»: a verbal noun
 * followed by a definite genitive and then an indefinite noun in the
 * accusative has its agent as the genitive and its object after it. Not an
 * adverb in -ا (قتل المدنيين عمدا، حرقا) or a time (اعتقال الناشطين أمس). */
bool ev_object_after_genitive(const rasd_event_coder *c, int g) {
    /* a time, an adverb or a word that governs a noun as a preposition does
     * (خلال، بعد، قرب), a conjunction: no object */
    static const ev_word NOT_OBJECT[] = {
        EV_WORD("امس"),  EV_WORD("اليوم"), EV_WORD("مساء"), EV_WORD("صباح"), EV_WORD("فجر"),  EV_WORD("ليله"),
        EV_WORD("ظهر"),  EV_WORD("عصر"),   EV_WORD("عام"),  EV_WORD("يوم"),  EV_WORD("شهر"),  EV_WORD("سنه"),
        EV_WORD("اسبوع"), EV_WORD("خلال"), EV_WORD("بعد"),  EV_WORD("قبل"),  EV_WORD("منذ"),  EV_WORD("اثناء"),
        EV_WORD("عند"),  EV_WORD("حين"),   EV_WORD("داخل"), EV_WORD("خارج"), EV_WORD("قرب"),  EV_WORD("وسط"),
        EV_WORD("حول"),  EV_WORD("نحو"),   EV_WORD("دون"),  EV_WORD("ضمن"),  EV_WORD("عبر"),  EV_WORD("لدي"),
        EV_WORD("او"),   EV_WORD("ام"),    EV_WORD("بل"),   EV_WORD("كامله"), EV_WORD("كافه"), EV_WORD("فقط"),
        EV_WORD("مباشره"), EV_WORD("جراء"), EV_WORD("اثر"), EV_WORD("عقب"),  EV_WORD("بسبب"), EV_WORD("رغم")};
    const rasd_entity_extractor *x = c->x;
    /* (a state after the noun is its object: تحرير اليمن كاملة) */
    if (!x->t[c->ms[g].ti].art_len || c->ms[g].person || c->ms[g].state) return false;
    /* a generic noun in the singular is followed by a name in apposition
     * (الإعلامي فلان): only a plural one (المتطرفين، المسلحون) or a group */
    if (c->ms[g].entity < 0) {
        const tinfo *h = &x->t[c->ms[g].ti];
        const char *b = ex_key(x, h->base_off);
        if (h->base_len < 6 || (memcmp(b + h->base_len - 4, "\xD9\x8A\xD9\x86", 4) != 0 &&  /* ين */
                                memcmp(b + h->base_len - 4, "\xD9\x88\xD9\x86", 4) != 0))   /* ون */
            return false;
    }
    size_t k = c->ms[g].tj + 1;
    while (k < c->n && x->t[k].skip) k++;
    if (k >= c->n) return false;
    const tinfo *t = &x->t[k];
    const char *key = ex_key(x, t->key_off);
    if (!t->word || t->art_len || t->conj || t->match >= 0 || ev_mark(c, k) || /* (a name: الإعلامي فلان) */ ev_has_prep_clitic(c, k, 'b') ||
        ev_has_prep_clitic(c, k, 'l') || ev_has_prep_clitic(c, k, 'k') || ex_is_number(t) || ev_is_count(c, k) ||
        ev_mention_starting(c, k) >= 0 || (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)) ||
        ev_word_in(c, k, false, NOT_OBJECT, sizeof NOT_OBJECT / sizeof *NOT_OBJECT))
        return false;
    if (t->base_off + t->base_len < t->key_off + t->key_len) return false; /* (a pronoun: no accusative noun) */
    return t->key_len >= 4 && memcmp(key + t->key_len - 2, "\xD8\xA7", 2) != 0; /* not ...ا */
}

/* Is the mention m introduced by a preposition other than a genitive ل? */
bool ev_after_preposition(const rasd_event_coder *c, int m) {
    /* the adverbs that govern a noun as prepositions do (لدى الأمم المتحدة،
     * أمام المحكمة، حول إيران، بشأن الاتفاق): what follows is no subject */
    static const ev_word ADVERB[] = {EV_WORD("لدي"),  EV_WORD("امام"), EV_WORD("حول"),  EV_WORD("نحو"),
                                     EV_WORD("تجاه"), EV_WORD("ازاء"), EV_WORD("بشان"), EV_WORD("حيال"),
                                     EV_WORD("عند"),  EV_WORD("قرب"),  EV_WORD("وسط"),  EV_WORD("داخل"),
                                     EV_WORD("خارج"), EV_WORD("لصالح"), EV_WORD("دون"), EV_WORD("برفقه")};
    size_t ti = c->ms[m].ti;
    if (ev_has_prep_clitic(c, ti, 'b') || ev_has_prep_clitic(c, ti, 'k')) return true;
    if (ti > 0 && ev_word_in(c, ti - 1, false, ADVERB, sizeof ADVERB / sizeof *ADVERB)) return true;
    /* «لـ"الوطن"»: a ل written apart (with a tatweel, before quotes) */
    static const ev_word LI[] = {EV_WORD("ل"), EV_WORD("لـ")};
    for (size_t p = ti; p-- > 0 && ti - p <= 3;) {
        if (c->x->t[p].skip || (ev_is_punct(c, p) && !strchr(",.:", ex_key(c->x, c->x->t[p].key_off)[0]))) continue;
        if (ev_word_in(c, p, false, LI, sizeof LI / sizeof *LI)) return true;
        break;
    }
    int before = ti > 0 ? ev_mark(c, ti - 1) : 0;
    /* العشرات من مستوطني، 15 من عناصر: a partitive من after a count heads the group */
    if (before == EV_MARK_FROM && ti >= 2 && (ev_is_count(c, ti - 2) || ev_is_quantity(c, ti - 2))) return false;
    /* a word that opens a clause (لكن، بينما، فيما، ثم), a negation or a
     * future (لم، سوف) comes before a subject, not a complement */
    return before && before != EV_MARK_HEAD && before != EV_MARK_AUX && before != EV_MARK_THAT &&
           before != EV_MARK_EACH && before != EV_MARK_BY && before != EV_MARK_BOUNDARY && before != EV_MARK_NEG &&
           before != EV_MARK_NEG_FUT && before != EV_MARK_FUT && before != EV_MARK_STILL;
}


/* The mention whose last token is k, or -1. */
int ev_mention_ending(const rasd_event_coder *c, size_t k) {
    for (size_t z = 0; z < c->n_ms; z++)
        if (c->ms[z].tj == k) return (int)z;
    return -1;
}

/* A verb in the masculine plural (هاجموا، قتلوا، يقاتلون): full agreement,
 * which Arabic gives a verb only when its subject comes first. */
bool ev_plural_agreement(const rasd_event_coder *c, size_t i) {
    const tinfo *t = &c->x->t[i];
    const char *k = ex_key(c->x, t->key_off);
    size_t len = t->key_len;
    if (len < 8) return false;
    return memcmp(k + len - 4, "\xD9\x88\xD8\xA7", 4) == 0 || /* وا */
           (memcmp(k + len - 4, "\xD9\x88\xD9\x86", 4) == 0 &&  /* ون after a present prefix: يقاتلون */
            (memcmp(k, "\xD9\x8A", 2) == 0 || memcmp(k, "\xD8\xAA", 2) == 0 ||
             ((memcmp(k, "\xD9\x88", 2) == 0 || memcmp(k, "\xD9\x81", 2) == 0) && len >= 10 &&
              (memcmp(k + 2, "\xD9\x8A", 2) == 0 || memcmp(k + 2, "\xD8\xAA", 2) == 0))));
}

/* «يؤكد خطفها مقاتلين سوريين»: a generic plural in -ين (مقاتلين، مسلحين) is
 * accusative or genitive; the subject after a verb is nominative (خطفها
 * مسلحون), so that noun is the object of a verbal noun, never the subject. */
bool ev_oblique_plural(const rasd_event_coder *c, int m) {
    const ev_mention *mn = &c->ms[m];
    if (mn->agent < 0 || mn->entity >= 0) return false;
    const tinfo *t = &c->x->t[mn->ti];
    const char *b = ex_key(c->x, t->base_off);
    /* five letters at least: not a singular that ends so (سجين، أمين) */
    return t->base_len >= 10 && memcmp(b + t->base_len - 4, "\xD9\x8A\xD9\x86", 4) == 0; /* ين */
}

/* «قتلت قوات الأمن 10 مسلحين»، «قتل الجنود المهاجمين»: a count or a party
 * right after the noun that follows a killing verb is its object, so that
 * noun was the subject and the verb active (unvowelled, قتل reads both ways). */
bool ev_has_object_after(const rasd_event_coder *c, int m) {
    size_t k = c->ms[m].tj + 1;
    while (k < c->n && c->x->t[k].skip) k++;
    if (k >= c->n || ev_is_punct(c, k)) return false;
    if (ev_is_count(c, k)) return true;
    for (size_t z = 0; z < c->n_ms; z++)
        if (c->ms[z].ti == k && !ev_has_prep_clitic(c, k, 'b') && !ev_has_prep_clitic(c, k, 'l')) return true;
    return false;
}

/* «العشرات من المسلحين وقوات النظام قتلوا في المواجهات»، «وقال إن 173 مدنيا
 * قتلوا»: counted people right before a killing verb that has nothing after
 * it but a preposition or the end are its victims (unvowelled, قُتلوا reads
 * like قَتلوا). The victims' mention, or -1. */
int ev_counted_victims_before(const rasd_event_coder *c, const cand *cd, size_t clause) {
    const rasd_entity_extractor *x = c->x;
    size_t i = cd->i, k = cd->tj + 1;
    while (k < c->n && x->t[k].skip) k++;
    bool passive = k >= c->n || ev_is_punct(c, k) || (ev_mark(c, k) && ev_mark(c, k) != EV_MARK_HEAD) ||
                   ev_has_prep_clitic(c, k, 'b');
    if (!passive || x->t[i].conj) return -1;
    size_t e = i;
    while (e > clause && x->t[e - 1].skip) e--;
    int m = e > clause ? ev_mention_ending(c, e - 1) : -1; /* (after من too: العشرات من عناصر) */
    if (m < 0 || c->ms[m].ti < clause) return -1;
    /* a count before the group, or before its first conjunct (a few words back) */
    for (size_t p = c->ms[m].ti; p-- > clause && c->ms[m].ti - p <= 8;) {
        if (ev_is_punct(c, p) && !x->t[p].skip) return -1;
        if (ev_is_count(c, p) || ev_is_quantity(c, p)) return m;
    }
    return -1;
}

/* «النظام سبق واعتقل الناشط»، «الحركة سبق أن خطفت»: سبق (و/أن) before a
 * verb says it had done it before; the subject is the one before سبق, and
 * the name after the verb is its object. The token of سبق, or SIZE_MAX. */
size_t ev_already_before(const rasd_event_coder *c, size_t i) {
    static const ev_word ALREADY[] = {EV_WORD("سبق"), EV_WORD("سبقت"), EV_WORD("وسبق"), EV_WORD("وسبقت")};
    static const ev_word THAT[] = {EV_WORD("ان"), EV_WORD("وان")};
    const rasd_entity_extractor *x = c->x;
    if (i == 0) return SIZE_MAX;
    if (x->t[i].conj && ev_word_in(c, i - 1, false, ALREADY, sizeof ALREADY / sizeof *ALREADY)) return i - 1;
    if (i >= 2 && ev_word_in(c, i - 1, false, THAT, 2) && ev_word_in(c, i - 2, false, ALREADY, sizeof ALREADY / sizeof *ALREADY))
        return i - 2;
    return SIZE_MAX;
}

/* The party named last before a colon that comes before token i, or -1. */
int ev_speaker_before_colon(const rasd_event_coder *c, size_t i) {
    for (size_t k = i; k-- > 0;) {
        if (!ev_is_punct(c, k) || strcmp(ex_key(c->x, c->x->t[k].key_off), ":") != 0) continue;
        for (size_t z = c->n_ms; z-- > 0;)
            if (c->ms[z].tj < k) return (int)z;
        return -1;
    }
    return -1;
}
