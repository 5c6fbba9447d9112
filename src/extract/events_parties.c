/*
 * events_parties.c: the subject rules, who did a coded trigger's act and
 * to whom, read from the sentence's structure: both sides of بين، a
 * nationality adjective, a genitive's agent or victim for a noun; for a
 * verb its subject before or after it, a relative's antecedent, counted
 * victims, the speaker of a quotation; then the fallbacks of
 * events_sources.c and the target by the row's preposition. Separate from
 * the coder (events.c), which decides whether the trigger is an event and
 * what it carries: these rules only name its two participants, each with
 * the rule that found it.
 */
#include "events_internal.h"

#include <string.h>

#define ISSUE_WINDOW 25 /* tokens after a speech trigger searched for its content */

/* The first word of what a speech trigger at token u asks, charges or
 * warns of: after its issue preposition (دعا إلى **وقف**، طالب **بالإفراج**).
 * That word is content, not an event; what it governs (وقف **القتال** بين
 * X و Y، التحقيق في **اغتيال** فلان) is a reported fact. Returns n if none. */
size_t ev_issue_head(const rasd_event_coder *c, const cand *u) {
    const rasd_trigger *r = &c->d->triggers[u->row];
    if (!r->issue_mask) return c->n;
    size_t from = (u->cue_j ? u->cue_j : u->tj) + 1;
    for (size_t k = from; k < c->n && k < from + ISSUE_WINDOW; k++) {
        int mark = ev_mark(c, k);
        if (mark == EV_MARK_BOUNDARY || mark == EV_MARK_RELATIVE) break;
        bool in_mention = false;
        for (size_t z = 0; z < c->n_ms && !in_mention; z++) in_mention = c->ms[z].ti <= k && k <= c->ms[z].tj;
        if (in_mention) continue;
        if (mark && (r->issue_mask & EV_PREP_MARK(mark))) {
            size_t h = k + 1;
            while (h < c->n && (ev_is_punct(c, h) || c->x->t[h].skip)) h++;
            return h;
        }
        if (((r->issue_mask & EV_PREP_B) && ev_has_prep_clitic(c, k, 'b')) ||
            ((r->issue_mask & EV_PREP_L) && ev_has_prep_clitic(c, k, 'l')))
            return k;
    }
    return c->n;
}

/* Is the participant the people of a protest (protesters, sit-in protesters)? */
static bool by_protesters(const rasd_event_coder *c, const rasd_event_actor *a) {
    return ev_agent_is_protesters(c->d, a->agent);
}

static bool first_person(const rasd_event_coder *c, size_t i, const rasd_trigger *r) {
    const tinfo *t = &c->x->t[i];
    const char *b = ex_key(c->x, t->base_off);
    size_t bl = t->base_len;
    if (bl > 4 && (memcmp(b, "\xD9\x88", 2) == 0 || memcmp(b, "\xD9\x81", 2) == 0)) b += 2, bl -= 2; /* و ف kept */
    if (bl < 6 || memcmp(b, "\xD9\x86", 2) != 0) return false; /* ن */
    if (memcmp(b + 2, "\xD9\x86", 2) == 0) return true;        /* نن: ننفي، نناشد */
    return memcmp(r->lemma, "\xD9\x86", 2) != 0;
}

/* قصفنا، وقعنا: a verb ending in the 1st person plural نا (the analyzer
 * may have split it as an object pronoun: both readings are the speaker's side). */
static bool first_plural_suffix(const rasd_event_coder *c, size_t i) {
    const tinfo *t = &c->x->t[i];
    const char *k = ex_key(c->x, t->key_off);
    return t->key_len >= 8 && memcmp(k + t->key_len - 4, "\xD9\x86\xD8\xA7", 4) == 0;
}


/* Only quotation marks or punctuation before token i in its sentence. */
static bool opens_sentence(const rasd_event_coder *c, size_t i) {
    for (size_t k = 0; k < i; k++)
        if (c->x->t[k].word) return false;
    return true;
}

/* A verb with no subject of its own goes on with the one who spoke before
 * only when no noun follows it as its subject: «وأشاد بدور»، «وحذر من»، not
 * «واتفق الجانبان». */
static bool continues(const rasd_event_coder *c, const cand *cd) {
    size_t k = cd->tj + 1;
    while (k < c->n && c->x->t[k].skip) k++;
    if (k >= c->n || ev_is_punct(c, k)) return true;
    int m = ev_mark(c, k);
    return (m && m != EV_MARK_EACH && m != EV_MARK_BOUNDARY && m != EV_MARK_HEAD) || ev_has_prep_clitic(c, k, 'b') ||
           ev_has_prep_clitic(c, k, 'l');
}

/* The source and the target of the trigger cd (row r) into e->source and
 * e->target (e->flags may gain RASD_EV_SYMMETRIC). quoted, speaker and
 * q_first: the quotation the trigger stands in; *after: the first word
 * after the trigger and its subject (the target is looked for from there);
 * *src_rule: the rule that named the source, if any. */
void ev_read_parties(const rasd_event_coder *c, const cand *cd, const rasd_number_list *nums, size_t nb, bool quoted,
                     int speaker, size_t q_first, bool ambiguous, rasd_event *e, size_t *after_io,
                     const char **src_rule_out) {
    const rasd_entity_extractor *x = c->x;
    const rasd_trigger *r = &c->d->triggers[cd->row];
    size_t i = cd->i, n = c->n;
    size_t after = *after_io;
    int src = -1, tgt = -1;
    const char *src_rule = NULL, *tgt_rule = NULL;
    bool victim = ev_is_victim_row(r);

    if (cd->noun) {
        /* «الاشتباكات (المستمرة) بين X و Y»: both sides; «اجتماع بين X، مع Y»: X meets Y */
        /* (a place may come between: «اشتباكات في ولاية ديالى شرق العراق بين ...») */
        for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 7; k++) {
            if (k > cd->tj + 3 && (ev_is_punct(c, k) || ev_mark(c, k) == EV_MARK_BOUNDARY ||
                                   ev_mark(c, k) == EV_MARK_RELATIVE || (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1))))
                break;
            if (ev_mark(c, k) != EV_MARK_BETWEEN || x->t[k].key_len != x->t[k].base_len) continue; /* not بينهم */
            int with = -1;
            for (size_t z = k + 1; z < n && z < k + 16; z++) {
                if (ev_mark(c, z) == EV_MARK_BOUNDARY || ev_mark(c, z) == EV_MARK_RELATIVE) break;
                if (ev_mark(c, z) == EV_MARK_WITH) {
                    with = (int)z;
                    break;
                }
            }
            if (with >= 0) {
                /* the one named between بين and مع: a person first (the
                 * envoy after his titles), else the first party */
                int w = ev_mention_after(c, (size_t)with + 1, n, 3, true);
                for (size_t z = 0; w >= 0 && z < c->n_ms && c->ms[z].ti < (size_t)with; z++) {
                    if (c->ms[z].ti <= k || c->ms[z].attr) continue;
                    if (src < 0 || (c->ms[z].person && !c->ms[src].person)) src = (int)z;
                }
                if (src < 0 || c->ms[src].entity == c->ms[w].entity) break;
                tgt = w;
                src_rule = "between-party";
                tgt_rule = "with-party";
                break;
            }
            int a = ev_mention_after(c, k + 1, n, 3, false);
            if (a < 0) break;
            int b = ev_mention_after(c, c->ms[a].tj + 1, n, 1, false);
            /* «بين قوات الجيش المدعومة بالعشائر وتحالف الحوثيين»: the second
             * side is the next party joined by و, past the first's words */
            for (size_t z = c->ms[a].tj + 1; b < 0 && z < n && z <= c->ms[a].tj + 6; z++) {
                if (ev_mark(c, z) == EV_MARK_BOUNDARY || ev_mark(c, z) == EV_MARK_RELATIVE ||
                    (ev_is_punct(c, z) && !x->t[z].skip))
                    break;
                int m = x->t[z].conj ? ev_mention_after(c, z, n, 1, false) : -1;
                if (m >= 0 && c->ms[m].ti <= z + 1) b = m;
            }
            if (b < 0 && c->ms[a].entity >= 0) {
                /* «الصدامات بين داعش والأكراد»: a side no dictionary names;
                 * the named one is the source */
                src = a;
                src_rule = "between-pair";
                break;
            }
            if (b >= 0) {
                src = a;
                tgt = b;
                src_rule = tgt_rule = "between-pair";
                e->flags |= RASD_EV_SYMMETRIC;
            }
            break;
        }
        if (src < 0 && tgt < 0) {
            /* القصف التركي، هجمات تركية: the nationality is the source */
            size_t k = cd->tj + 1;
            if (k < n && ev_has(c, k, EV_NATION, -1) && !victim) {
                size_t cnt;
                const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[k].node, &cnt);
                for (size_t z = 0; z < cnt; z++)
                    if (p[z].target.kind == EV_NATION) memcpy(e->source.country, c->d->nations[p[z].target.index], 4);
                e->source.start = x->t[k].tok.start;
                e->source.end = x->t[k].tok.end;
                e->source.rule = "nationality-adjective";
            } else {
                int g = ev_mention_after(c, cd->tj + 1, n, 0, false);
                if (g >= 0 && victim) tgt = g, tgt_rule = "genitive-victim";
                else if (g >= 0 && ((r->verb && !ev_genitive_is_object(c, r, g)) || ev_object_after_genitive(c, g)))
                    src = g, src_rule = "genitive-agent"; /* قصف قوات النظام، تدمير المتطرفين أضرحة */
            }
        }
    } else {
        size_t clause = quoted ? q_first : 0;
        bool enclitic = x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len;
        size_t next = cd->tj + 1;
        while (next < n && x->t[next].skip) next++;
        bool counted = next < n && ex_is_number(&x->t[next]);
        for (size_t k = nb; !counted && next < n && k < nums->count; k++) /* ثلاثة: a number in words */
            counted = nums->items[k].start <= x->t[next].tok.start && x->t[next].tok.start < nums->items[k].end;
        if (victim && counted) {
            /* «قُتل ثلاثة مدنيين»: a count right after a killing verb is its
             * victims, the verb passive (unvowelled, it reads like قَتل) */
            int v = ev_mention_after(c, next, n, 2, false);
            /* (not the agent after على أيدي، من قبل، برصاص: «قتل عشرة أشخاص على
             * أيدي مسلحين» names the killers there) */
            for (size_t k = next + 1; v >= 0 && k < c->ms[v].ti; k++)
                if (ev_mark(c, k)) v = -1;
            if (v >= 0) tgt = v, tgt_rule = "victims-after-passive";
        } else if (r->speech && first_person(c, i, r)) {
            if (speaker >= 0) { /* outside a quotation ندين may be a noun (نشيد: anthem) */
                e->source.entity = speaker;
                src_rule = "speaker-of-quote";
            }
        } else if ((src = ev_subject_of_verb_before(c, i, clause)) >= 0) {
            src_rule = "subject-of-verb-before"; /* «حاولت السعودية واستقبلت الشيخ» */
        } else if (ev_already_before(c, i) != SIZE_MAX) {
            /* «النظام سبق واعتقل الناشط»: the subject stands before سبق */
            if ((src = ev_mention_before(c, ev_already_before(c, i), clause)) >= 0) src_rule = "subject-before-verb";
        } else if (enclitic && (src = ev_subject_after(c, cd->tj + 1, r->speech ? 4 : 3)) >= 0 &&
                   !ev_oblique_plural(c, src)) {
            /* «شيرين مكاوي قد خطفها مسلحون»، «النشطاء الذين اختطفهم الحوثيون»:
             * a verb with an object pronoun has its subject after it, and the
             * pronoun is the noun before */
            src_rule = "subject-after-verb";
            if ((tgt = ev_mention_before(c, i > 0 && ev_mark(c, i - 1) == EV_MARK_RELATIVE ? i - 1 : i, clause)) >= 0)
                tgt_rule = "object-before-verb";
        } else if (i > 0 && ev_mark(c, i - 1) == EV_MARK_RELATIVE && !enclitic && !ev_resumptive(c, cd->tj + 1)) {
            /* (a verb with an object pronoun, النشطاء الذين اختطفهم الحوثيون,
             * has its subject after it) */
            /* «قسد التي هاجمت ...»: the noun the relative clause is about;
             * none named (الاغتيالات التي استهدفت) is no source */
            if ((src = ev_mention_before(c, i - 1, clause)) >= 0) src_rule = "antecedent-of-relative";
        } else if (victim && (tgt = ev_counted_victims_before(c, cd, clause)) >= 0) {
            tgt_rule = "victims-before-passive"; /* the doer: the fallback rules (the cause's agent) */
        } else if (!x->t[i].conj && (src = ev_mention_before(c, i, clause)) >= 0) {
            /* وتواصل، واستهدفت: a verb after و opens its own clause; the
             * name before it belongs to the clause before */
            src_rule = "subject-before-verb";
        } else if (ev_plural_agreement(c, i)) {
            /* «العشرات من مستوطني براخة هاجموا المواطنين»: a verb agrees in
             * number only with a subject before it (in VSO it stays
             * singular), so the noun after هاجموا is its object; the subject
             * is the party before (a fallback rule below) or a pronoun */
        } else if ((src = ev_subject_after(c, cd->tj + 1, r->speech ? 4 : 3)) >= 0 && victim &&
                   c->ms[src].entity < 0 && memcmp(ex_key(x, x->t[i].base_off), "\xD9\x82", 2) == 0 &&
                   !ev_has_object_after(c, src)) {
            /* «قتل ضابط شرطة»، «وقُتلت عائلة»: a past killing verb before an
             * unnamed noun is passive; the noun is the victim */
            tgt = src;
            tgt_rule = "victims-after-passive";
            src = -1;
        } else if (src >= 0 && ev_oblique_plural(c, src) && enclitic) {
            src = -1; /* «خطفها مقاتلين»: a verbal noun and its object; its owner did it */
        } else if (src >= 0) {
            src_rule = "subject-after-verb";
            if (c->ms[src].tj + 1 > after) after = c->ms[src].tj + 1;
        } else if (r->speech && !ambiguous && x->t[i].conj && opens_sentence(c, i) && continues(c, cd)) {
            /* «طالبت X ...، وحمّلته المسؤولية»، «يدين ...، ويحث»: the same act
             * goes on, one event; «وأشاد ب...» in a sentence of its own: the
             * one who spoke before */
            if (x->last_speaker >= 0) {
                e->source.entity = x->last_speaker;
                src_rule = "continues-last-speaker";
            }
        } else if (r->speech && !ambiguous) {
            /* «أعرب فلان ... أن الأمين العام يدين»: the person a reporting verb
             * introduces speaks, when the trigger opens the reported clause */
            size_t that = n, say = n;
            for (size_t k = i; k-- > 0 && i - k <= 6;)
                if (ev_mark(c, k) == EV_MARK_THAT) {
                    that = k;
                    break;
                }
            /* (not «أشار إلى أن اللقاء يرفض»: a subject of its own between) */
            for (size_t k = that + 1; that < n && k < i; k++)
                if (!x->t[k].skip && ev_mark(c, k) != EV_MARK_AUX) that = n;
            for (size_t k = 0; that < n && k < that; k++)
                if (x->t[k].say) {
                    say = k;
                    break;
                }
            for (size_t z = c->n_ms; say < n && z-- > 0;)
                if (c->ms[z].tj < that && c->ms[z].ti > say && c->ms[z].person) {
                    src = (int)z;
                    src_rule = "speaker-of-sentence";
                    break;
                }
        }
        if (src >= 0 && c->ms[src].tj >= after) after = c->ms[src].tj + 1;
    }
    /* «قالت قسد إنها قصفت»، «وقعنا على اتفاق» in a quotation: a verb that
     * opens what a speaker reports, or one in the first person, is the speaker's */
    bool we = !cd->noun && (first_person(c, i, r) || first_plural_suffix(c, i));
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && !cd->noun && quoted && speaker >= 0 &&
        (we || i == q_first)) {
        e->source.entity = speaker;
        src_rule = "speaker-of-quote";
    }
    /* «أبو فاعور: نرفض المساس ...» (a headline): the one named before the colon */
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && we && (src = ev_speaker_before_colon(c, i)) >= 0)
        src_rule = "speaker-before-colon";
    /* a subject before the verb that no dictionary names (events_unnamed.c) */
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && !cd->noun && !we &&
        ev_np_before_verb(c, i, quoted ? q_first : 0, victim, &e->source))
        src_rule = e->source.rule;
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && !e->source.end &&
        ev_speaker_of_statement(c, cd, quoted, speaker, &e->source))
        src_rule = e->source.rule;
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && !e->source.end)
        src = ev_fallback_source(c, cd, r, victim, tgt, i, quoted ? q_first : 0, &src_rule);
    if (src >= 0) ev_set_actor(c, src, &e->source, src_rule);
    else if (src_rule) e->source.rule = src_rule;
    if (src < 0 && e->source.entity < 0 && e->source.agent < 0 && !e->source.country[0] && !e->source.end)
        ev_unnamed_agent(c, cd, &e->source); /* على يد متطرف، منفذ التفجير (events_unnamed.c) */
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && !e->source.end && !cd->noun && !we) /* (after ندعو: the addressee) */
        ev_np_after_verb(c, cd, victim, &e->source);
    if (src < 0 && e->source.entity < 0 && !e->source.country[0] && !e->source.end) ev_previous_source(c, &e->source);
    if (e->source.entity < 0 && e->source.agent < 0 && !e->source.country[0] && !e->source.end && !victim)
        ev_previous_mention(c, &e->source);

    /* the target, by the row's preposition */
    if (tgt < 0 && !(e->flags & RASD_EV_SYMMETRIC)) {
        uint32_t tp = r->target_mask;
        if ((tp & EV_PREP_DIRECT) && (tgt = ev_mention_after(c, after, n, 2, false)) >= 0) tgt_rule = "direct-object";
        if ((tp & EV_PREP_DIRECT) && tgt < 0) {
            /* «قصفت مواقع لداعش»، «استهدفت مقرات للحوثيين»: the owner, after ل, of the object */
            int m = ev_mention_after(c, after, n, 2, true);
            if (m >= 0 && c->ms[m].ti > after && ev_has_prep_clitic(c, c->ms[m].ti, 'l') &&
                !ev_has_prep_clitic(c, c->ms[m].ti, 'b') && !ev_mark(c, c->ms[m].ti - 1))
                tgt = m, tgt_rule = "owner-of-object";
        }
        for (size_t k = after; tgt < 0 && (tp & ~(uint32_t)EV_PREP_DIRECT) && k < n && k < after + 12; k++) {
            int mark = ev_mark(c, k);
            if (mark == EV_MARK_BOUNDARY || mark == EV_MARK_RELATIVE) break;
            /* «...، وألقت القبض»: a comma and و open the next clause */
            if (k + 1 < n && ev_is_punct(c, k) && x->t[k + 1].conj && k > after) break;
            int m = -1;
            if (mark && (tp & EV_PREP_MARK(mark))) m = ev_mention_after(c, k + 1, n, 3, false);
            else if (((tp & EV_PREP_B) && ev_has_prep_clitic(c, k, 'b')) || ((tp & EV_PREP_L) && ev_has_prep_clitic(c, k, 'l')))
                m = ev_mention_after(c, k, n, 3, true);
            if (m >= 0) {
                tgt = m;
                tgt_rule = "object-of-preposition";
            }
        }
        if (tgt < 0 && !*r->target_prep) {
            /* أشاد بدور قسد، رحب بقرار مجلس الأمن: the party named in what is
             * praised; else a direct object */
            size_t h = ev_issue_head(c, cd);
            if (h < n && h <= after + 2) tgt = ev_mention_after(c, h, n, 2, true);
            else tgt = ev_mention_after(c, after, n, 2, false);
            if (tgt >= 0) tgt_rule = "nearest-after-trigger";
        }
        int root = ev_root(r->cameo);
        if (tgt < 0 && r->speech && (root == 2 || root == 10)) {
            /* «دعا إلى وقف القتال بين X و Y»: the call is to both sides */
            size_t h = ev_issue_head(c, cd);
            for (size_t k = h; k < n && k < h + 6; k++)
                if (ev_mark(c, k) == EV_MARK_BETWEEN) {
                    if ((tgt = ev_mention_after(c, k + 1, n, 1, false)) >= 0) tgt_rule = "party-in-issue";
                    break;
                }
        }
    }
    if (tgt >= 0) ev_set_actor(c, tgt, &e->target, tgt_rule);
    /* «مواجهات بين الشرطة والمتظاهرين»: of a protest's two sides, the
     * protesters are its source */
    if (ev_root(r->cameo) == 14 && (e->flags & RASD_EV_SYMMETRIC) && by_protesters(c, &e->target) &&
        !by_protesters(c, &e->source)) {
        rasd_event_actor t = e->source;
        e->source = e->target;
        e->target = t;
    }
    /* the same actor on both sides is no event between two */
    if ((e->target.entity >= 0 && e->target.entity == e->source.entity) ||
        (e->target.end && e->target.start == e->source.start && e->target.end == e->source.end))
        ev_set_actor(c, -1, &e->target, NULL);
    *after_io = after;
    *src_rule_out = src_rule;
}
