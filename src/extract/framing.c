/*
 * framing.c: how an outlet colours each actor. Two sources:
 *  - loaded names of the knowledge base (ميليشيات قنديل for the SDF,
 *    الاحتلال الأميركي for the United States): already mentions of their
 *    actor, with the label's category;
 *  - the framing lexicon (data/framing/labels.tsv): a loaded term found by
 *    the same trie walk and attached to the actor it qualifies, as the
 *    lexicon says: before it (مليشيا “قسد”، ما يسمى بـ“التحالف الدولي”), after
 *    it (قسد الإرهابية), or, for words of death (شهيد، قتيل، هلاك), to the
 *    victims named after them; a term with no actor near stays unattached.
 */
#include "extractor.h"

#include <string.h>

#define ATTACH_DISTANCE 3 /* words between a term and its actor */

static void add_framing(rasd_entity_extractor *x, rasd_framing f) {
    if (!rasd_grow((void **)&x->out.framing, &x->out.cap_framing, x->out.n_framing, sizeof f)) {
        x->failed = true;
        return;
    }
    x->out.framing[x->out.n_framing++] = f;
}

/* Prepositions (keys) that end a term's reach forwards: the actor after
 * them is what the term acts on or is placed against, not what it names
 * (المقاومة ضد الحوثيين، القتال مع داعش). بـ is not one of them: ما يسمى
 * بـ«التحالف» names its actor. */
static const ex_word PREPOSITIONS[] = {EX_WORD("ضد"), EX_WORD("علي"), EX_WORD("في"), EX_WORD("من"), EX_WORD("مع"),
                                       EX_WORD("بين"), EX_WORD("عن"), EX_WORD("الي"), EX_WORD("لدي"), EX_WORD("حول"),
                                       EX_WORD("امام"), EX_WORD("خلال"), EX_WORD("عبر"), EX_WORD("تجاه"),
                                       EX_WORD("بعد"), EX_WORD("قبل"), EX_WORD("منذ"), EX_WORD("لصالح"),
                                       EX_WORD("ل")};

/* The entity of the first match after token j (or before token i, when
 * backwards), skipping quotation marks, punctuation and بـ, at most
 * `distance` words away. For a label (qualifies: not for the victims of a
 * word of death, who follow من), a preposition or a word joined by و or ف
 * (the actor's own included) ends the search forwards: بين المقاومة
 * والحوثيين names two sides, not a label of the second; so does ل on the
 * actor (مقاومة للحوثيين: resistance to them). A definite term is only
 * followed by definite words (its adjectives) before its actor: المقاومة
 * الشعبية تقصف مواقع الحوثيين has a clause in between, not a name. */
static int nearby_actor(const rasd_entity_extractor *x, size_t i, size_t j, size_t n, bool backwards, size_t distance,
                        bool qualifies) {
    size_t words = 0;
    if (!backwards) {
        bool definite = x->t[i].art_len > 0;
        for (size_t k = j + 1; k < n && words <= distance; k++) {
            const tinfo *t = &x->t[k];
            if (qualifies && t->word && (t->conj || t->li || ex_key_is(x, t, PREPOSITIONS))) return -1;
            if (t->match >= 0 && x->m[t->match].entity >= 0) return x->m[t->match].entity;
            if (qualifies && definite && t->word && !t->art_len) return -1;
            if (t->word && !(t->key_len == 2 && memcmp(ex_key(x, t->key_off), "\xD8\xA8", 2) == 0)) words++; /* بـ */
        }
    } else {
        for (size_t k = i; k-- > 0 && words <= distance;) {
            const tinfo *t = &x->t[k];
            if (t->match >= 0 && x->m[t->match].entity >= 0) return x->m[t->match].entity;
            if (t->word) words++;
        }
    }
    return -1;
}

void ex_find_framing(rasd_entity_extractor *x, size_t n, size_t sentence) {
    for (size_t mi = 0; mi < x->n_m; mi++) {
        const match *m = &x->m[mi];
        /* a loaded name of an actor */
        if (m->entity >= 0) {
            const rasd_entity *e = &x->out.items[m->entity];
            if (e->n_mentions && e->mentions[e->n_mentions - 1].label && e->mentions[e->n_mentions - 1].start == m->start)
                add_framing(x, (rasd_framing){m->entity, m->start, m->end, sentence,
                                              x->kn->labels[e->mentions[e->n_mentions - 1].label], -1,
                                              "kb:loaded-label"});
            continue;
        }
        if (m->frame < 0) continue;
        const rasd_frame_term *ft = &x->kn->frames[m->frame];
        int actor = -1;
        /* a definite term (المليشيا) refers back to the actor the article
         * already gave this label to */
        if (x->t[m->ti].art_len && ft->attaches != RASD_ATTACH_DEATH) {
            for (size_t f = x->out.n_framing; f-- > 0;)
                if (x->out.framing[f].actor >= 0 && strcmp(x->out.framing[f].label, ft->label) == 0) {
                    actor = x->out.framing[f].actor;
                    break;
                }
            if (actor >= 0) {
                add_framing(x, (rasd_framing){actor, m->start, m->end, sentence, ft->label, ft->polarity, "lexicon:refers-back"});
                continue;
            }
        }
        /* the ways this term attaches, tried in order */
        if (actor < 0 && (ft->attaches & (RASD_ATTACH_BEFORE | RASD_ATTACH_OF)))
            actor = nearby_actor(x, m->ti, m->tj, n, false, ATTACH_DISTANCE, true);
        if (actor < 0 && (ft->attaches & RASD_ATTACH_AFTER)) actor = nearby_actor(x, m->ti, m->tj, n, true, 1, true);
        if (actor < 0 && (ft->attaches & RASD_ATTACH_DEATH))
            actor = nearby_actor(x, m->ti, m->tj, n, false, 2 * ATTACH_DISTANCE, false);
        add_framing(x, (rasd_framing){actor, m->start, m->end, sentence, ft->label, ft->polarity, "lexicon"});
    }
}
