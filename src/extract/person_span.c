/*
 * person_span.c: where a person the tagger found begins, and whether its
 * first word is a name at all (issue 15, persons' part, branch junkp5).
 * The tagger reads a nasab's last part as a name of its own (زيد بن [علي
 * أبو حيد]، الإمام ابن [حزم]): the name is the whole chain, and the part
 * alone is another person's id. And it reads a preposition written like a
 * first name after a verb as one (قال [لي أحد]، وافق [علي الطلب]).
 */
#include "extractor.h"

#include <string.h>

static const ex_word SON_OF[] = {EX_WORD("بن"), EX_WORD("بنت")};
static const ex_word IBN[] = {EX_WORD("ابن")};

/* A bare word: no clitic, no article, not joined by و. */
static bool bare(const tinfo *t) { return t->word && !t->conj && !t->art_len && t->key_off == t->base_off; }

bool ex_name_before_son(const rasd_entity_extractor *x, const tinfo *t) {
    /* الحسين بن علي: the article is a first name's own */
    if (!t->word || t->conj || ex_has_prefix(t)) return false;
    /* a first name a dictionary matched alone (عبدالعزيز, a king's) is
     * still this man's first name before بن; a longer match is no name */
    if (t->match >= 0 && x->m[t->match].ti != x->m[t->match].tj) return false;
    if (ex_first_name(x, t) || (x->tagger && rasd_ner_listed_first_name(x->tagger, t->base_hash))) return true;
    /* the news has the word inside persons' names a quarter of the time
     * (زيد, also a verb): before بن it is one */
    rasd_ner_word_profile p;
    return x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
           p.share >= .25f;
}

size_t ex_nasab_start(const rasd_entity_extractor *x, size_t a) {
    if (x->t[a].conj) return a; /* وعلي: a name of a list */
    size_t p = a;
    /* فلان بن فلان بن [X]: back over each بن and the first name before it */
    while (p >= 2 && !x->covered[p - 1] && !x->covered[p - 2] && bare(&x->t[p - 1]) &&
           ex_key_is(x, &x->t[p - 1], SON_OF) && ex_name_before_son(x, &x->t[p - 2]))
        p -= 2;
    if (p < a) return p;
    /* ابن [حزم]، خالد ابن [عبد العزيز]: ابن begins the name, with the
     * first name before it when there is one */
    if (p >= 1 && !x->covered[p - 1] && bare(&x->t[p - 1]) && ex_key_is(x, &x->t[p - 1], IBN)) {
        p--;
        if (p >= 1 && !x->covered[p - 1] && ex_name_before_son(x, &x->t[p - 1]))
            p--;
    }
    return p;
}

static const ex_word LI[] = {EX_WORD("لي")};
static const ex_word ALI[] = {EX_WORD("علي")};

/* The dictionary's class of a word's base (its clitics off). */
static uint32_t word_class(const rasd_entity_extractor *x, const tinfo *t) {
    return rasd_lexicon_word_class(rasd_analyzer_lexicon(x->an), ex_key(x, t->base_off), t->base_len);
}

bool ex_preposition_after_verb(const rasd_entity_extractor *x, size_t a, size_t b) {
    const tinfo *first = &x->t[a];
    if (a == 0 || b < a + 2 || !bare(first)) return false;
    bool li = ex_key_is(x, first, LI);
    if (!li && !ex_key_is(x, first, ALI)) return false; /* the dictionary is asked of these two alone */
    const tinfo *before = &x->t[a - 1], *next = &x->t[a + 1];
    if (!before->word || !(word_class(x, before) & RASD_WORD_VERB)) return false;
    /* لي "to me" after a verb (قال لي، كتبت لي الأقدار); a Chinese name
     * after a verb is rare, and after a title or a nisba no verb stands */
    if (li)
        /* not a name's two words (آلان لي روي) nor a Chinese name after a
         * verb (كتب لي جونج، قال لي كيشيانغ): its next word is Arabic */
        return !ex_first_name(x, before) && word_class(x, next) && !ex_mostly_named(x, next, RASD_NER_PERS);
    /* علي written for على after a verb, before a common noun with the
     * article (وافق علي الطلب، عرض علي السفر): not after a verb only a
     * subject follows so often (a reporting verb: أكد علي العثيم), nor
     * before a nisba or a word the news has in names (علي الزبيدي، علي
     * العساف, which the dictionary does not hold) */
    tinfo said = *before;
    ex_quote_kinds(x, &said);
    if (said.say) return false;
    if (!next->word || !next->art_len || ex_has_prefix(next)) return false;
    const unsigned char *s = (const unsigned char *)x->text + next->tok.end;
    if (s[-2] == 0xD9 && s[-1] == 0x8A) return false; /* ي: a nisba's shape */
    return (word_class(x, next) & RASD_WORD_NOUN) && !ex_mostly_named(x, next, RASD_NER_PERS);
}
