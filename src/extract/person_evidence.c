/*
 * person_evidence.c: whether a person of two words or more that the name
 * tagger found, and no list or title supports, is stored (issue 15,
 * persons' part). The tagger reads one sentence and a word's shape: two
 * words of a verse or an idiom (غفور رحيم، خذ حقيبتي), a product or a firm
 * (آيباد ميني، كورنينج غوريلا), a club (تغريز أونال) or a village after
 * its noun read to it as a person's name does. A real person's name the
 * news gives is nearly always shown as one: it begins with a first name
 * the news knows (محمد، كريستيان) or a kunya (أبو بكر), or a word beside
 * it says person: a title or a role before or after it (الدكتور، اللاعب،
 * ، عضو الكنيست), a nationality (الإيطالي), a word the news often has a
 * name after (الشاعر، النائبة), a reporting verb (وقالت)،
 * يدعى، or another person of the same list. A mention with none of these
 * is left out, unless the article named the person already.
 */
#include "extractor.h"

#include <string.h>

/* The tagger's profile has the word inside persons' names half the time,
 * seen five times at least: a first name the news knows (whether or not
 * it mostly begins names: a compound's second part, a foreign name). */
static bool person_word(const rasd_entity_extractor *x, uint64_t hash) {
    rasd_ner_word_profile p;
    return x->tagger && rasd_ner_profile_of(x->tagger, hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
           p.share >= .5f && p.count_step >= 1;
}

/* Words a kunya or a compound name begins with (أبو بكر، أم كلثوم، عبد
 * الله، آل سعود): the name is shown by the word after them. */
static const ex_word OPENERS[] = {EX_WORD("ابو"), EX_WORD("ام"), EX_WORD("ابن"), EX_WORD("بن"),
                                  EX_WORD("عبد"), EX_WORD("ال"), EX_WORD("آل"),  EX_WORD("بنت")};

static const ex_word SON[] = {EX_WORD("بن"), EX_WORD("بنت"), EX_WORD("ابن")};

/* Words that say a name follows: "called", "his name is" (يدعى، اسمه). */
static const ex_word NAMED[] = {EX_WORD("يدعي"), EX_WORD("تدعي"), EX_WORD("المدعو"), EX_WORD("المدعوه"),
                                EX_WORD("اسمه"), EX_WORD("اسمها"), EX_WORD("يدعي"),  EX_WORD("بالسيد"),
                                EX_WORD("السيد"), EX_WORD("السيده")};

/* Ordinals and words of time in a nisba's shape, which stand before a
 * prize's or a list's item rather than a person (الجائزة الثانية ...). */
static const ex_word NOT_NISBA[] = {EX_WORD("الثاني"), EX_WORD("الثانيه"), EX_WORD("الحالي"), EX_WORD("الحاليه"),
                                    EX_WORD("الماضي"), EX_WORD("الماضيه"), EX_WORD("التالي"), EX_WORD("التاليه"),
                                    EX_WORD("الحادي"), EX_WORD("الحاديه")};

/* A word with the article and a nisba's ending as written (الإيطالي،
 * الأسكتلندية، الإعلامي): a nationality or a trade before a name. */
static bool nisba_word(const rasd_entity_extractor *x, const tinfo *t) {
    /* the article as written too: a word inside a name of the lists may
     * keep it in its key (حزب العمال الكردستاني) */
    bool al = t->art_len || (t->key_len > 4 && memcmp(ex_key(x, t->key_off), AL, 4) == 0);
    if (!t->word || !al || t->key_len < 8 || ex_key_is(x, t, NOT_NISBA)) return false;
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t len = t->tok.end - t->tok.start;
    if (len >= 2 && s[len - 2] == 0xD9 && s[len - 1] == 0x8A) return true;                        /* ي */
    return len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x8A && s[len - 2] == 0xD8 && s[len - 1] == 0xA9; /* ية */
}

static bool is_title(const rasd_entity_extractor *x, const tinfo *t) {
    return t->match >= 0 && x->m[t->match].title >= 0;
}

/* Token k is a person's: a person of the lists, or of the tagger. */
static bool person_at(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k) {
    const tinfo *t = &x->t[k];
    if (t->match >= 0 && x->m[t->match].entity >= 0) {
        const rasd_entity *e = &x->out.items[x->m[t->match].entity];
        if (e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "person") == 0) return true;
    }
    for (size_t i = 0; i < tags->n_entities; i++) {
        const rasd_ner_entity *ne = &tags->entities[i];
        if (ne->first_token > k) break;
        if (k < ne->end_token) return ne->type == RASD_NER_PERS;
    }
    return false;
}

static bool is_separator(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->tok.type != RASD_TOK_PUNCT) return false;
    const char *p = x->text + t->tok.start;
    size_t n = t->tok.end - t->tok.start;
    return (n == 1 && (*p == ',' || *p == '-')) || (n == 2 && memcmp(p, "\xD8\x8C", 2) == 0); /* ، */
}

/* Quotation marks and brackets around a name are passed over. */
static bool quote_mark(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->tok.type != RASD_TOK_PUNCT) return t->skip;
    unsigned char c = (unsigned char)x->text[t->tok.start];
    return t->skip || c == '"' || c == '(' || c == ')' || c == 0xC2 /* « » */ || c == 0xE2 /* “ ” */;
}

bool ex_known_person(rasd_entity_extractor *x, const char *surface, size_t n) {
    char key[512], id[600];
    size_t kl = rasd_normalize(surface, n, key, sizeof key);
    if (kl >= sizeof key) return false;
    for (size_t i = 0; i < kl; i++)
        if (key[i] == ' ') key[i] = '_';
    rasd_put_str(id, sizeof id, rasd_put_str(id, sizeof id, rasd_put_str(id, sizeof id, 0, "person"), ":"), key);
    return ex_entity_by_id(x, id, false) >= 0;
}

/* A word of Arabic the news uses as a common word: met with the article
 * too (آيباد، غفور: الآيباد، الغفور), or never inside a name, and not a name
 * the news has inside persons' names a quarter of the time (هدى، نورة,
 * names that are also words). A foreign name's first word is none: a
 * rare word tells nothing of a product's name and a person's apart. */
static bool common_first_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || ex_mostly_named(x, t, RASD_NER_PERS)) return false;
    /* a word the tagger's news reads as a name's first now and then
     * (أندي، هالة), whatever else it is */
    rasd_ner_word_profile p;
    if (x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
        p.begins && p.share >= .1f)
        return false;
    if (x->tagger && rasd_ner_listed_first_name(x->tagger, t->base_hash)) return false;
    if (ex_never_in_names(x, t)) return true;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    /* with the article already, a word met often (السلامون والمكاريل); a
     * bare word only when the news writes it with the article too, as it
     * does a common noun and not a foreign first name (فرانسيسكو، أندي) */
    if (t->art_len) return rasd_lexicon_count(lex, ex_key(x, t->art_off), t->art_len) >= 20;
    /* a conjunction or a preposition still on a word met often without
     * it (فشربت كأسين): a word of the sentence */
    if (ex_has_prefix(t) && rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) >= 20) return true;
    char buf[260];
    if (t->base_len + 4 > sizeof buf) return false;
    memcpy(buf, AL, 4);
    memcpy(buf + 4, ex_key(x, t->base_off), t->base_len);
    return rasd_lexicon_count(lex, buf, t->base_len + 4) >= 3;
}

/* The first word begins names the news knows: a first name of the lists
 * or of the tagger's profile (now and then first, or inside persons' names
 * a quarter of the time), a kunya's or a compound's opener, or a word
 * before a compound's second part or a nasab (خير الدين، كعب بن زهير). */
static bool known_first_word(const rasd_entity_extractor *x, size_t a) {
    const tinfo *t = &x->t[a];
    if (!t->word) return false;
    if (ex_mostly_named(x, t, RASD_NER_PERS) || person_word(x, t->base_hash) || person_word(x, t->key_hash)) return true;
    rasd_ner_word_profile p;
    if (x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
        p.begins && p.share >= .1f)
        return true;
    if (x->tagger && rasd_ner_listed_first_name(x->tagger, t->base_hash)) return true;
    if (ex_key_is(x, t, OPENERS)) return true;
    const tinfo *second = &x->t[a + 1];
    return second->word && (ex_begins_with_second_word(x, second) || ex_key_is(x, second, SON));
}

/* Years after a name (، 35 عاما؛ (40 عاما)): a person's age. */
static const ex_word YEARS[] = {EX_WORD("عاما"), EX_WORD("عام"), EX_WORD("سنه"), EX_WORD("سنوات")};

/* Whether the last word of the name over [a, b) stands alone elsewhere in
 * the article (a second mention by the surname: «... وأضاف سميث»), not
 * after the same first word (the whole span again says nothing). */
static bool surname_elsewhere(const rasd_entity_extractor *x, size_t a, size_t b) {
    const tinfo *last = &x->t[b - 1], *first = &x->t[a];
    if (!last->word || ex_has_prefix(last)) return false;
    const char *w = x->text + last->tok.start, *f = x->text + first->tok.start;
    size_t wl = last->tok.end - last->tok.start, fl = first->tok.end - first->tok.start;
    if (wl < 6) return false; /* three letters at least */
    for (size_t at = 1; at + wl <= x->len; at++) {
        const char *s = x->text + at;
        if (x->text[at - 1] != ' ' || *s != *w || s == w || memcmp(s, w, wl) != 0) continue;
        /* a longer word, unless an Arabic comma, semicolon or question
         * mark follows (سميث، ...) */
        const unsigned char *after = (const unsigned char *)x->text + at + wl;
        if (at + wl < x->len && *after >= 0x80 &&
            !(at + wl + 1 < x->len && after[0] == 0xD8 && (after[1] == 0x8C || after[1] == 0x9B || after[1] == 0x9F)))
            continue;
        /* the same first word right before it: the span again */
        if (at >= fl + 1 && memcmp(x->text + at - fl - 1, f, fl) == 0) continue;
        return true;
    }
    return false;
}

/* A first name that is also a common noun (إيمان "faith", نور "light",
 * أمل "hope"), with at most و or ف on it, before a bare word of the
 * dictionary that the news does not read in persons' names (راسخ، ساطع،
 * صاخب): a noun and its adjective or its complement (بإيمان راسخ، نور
 * ساطع), as often as a woman's name and a family name. Then a word
 * beside must say person, as for a common first word; a family name the
 * news knows (إيمان صادق، هدى حسن) is none of these. */
static bool noun_then_adjective(const rasd_entity_extractor *x, size_t a) {
    const tinfo *first = &x->t[a], *second = &x->t[a + 1];
    if (!first->word || first->art_len || first->base_off - first->key_off > 2 || !second->word || second->art_len ||
        second->conj || ex_has_prefix(second) || ex_has_enclitic(second))
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (!(rasd_lexicon_word_class(lex, ex_key(x, first->base_off), first->base_len) & RASD_WORD_NOUN)) return false;
    if (!(rasd_lexicon_word_class(lex, ex_key(x, second->key_off), second->key_len) & RASD_WORD_NOUN)) return false;
    if (ex_mostly_named(x, second, RASD_NER_PERS) || person_word(x, second->key_hash)) return false;
    return !(x->tagger && rasd_ner_listed_first_name(x->tagger, second->base_hash));
}

bool ex_person_evidence(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t a, size_t b, size_t n) {
    const tinfo *first = &x->t[a];
    if (b <= a + 1) return true; /* one word is judged by its shape (person_words) */
    /* a common word first (غفور رحيم), or one no name the news knows
     * begins with (a foreign or rare word: a film's, a firm's, a car's
     * name as often as a person's) needs a word beside it */
    bool common = common_first_word(x, first) || (b == a + 2 && noun_then_adjective(x, a));
    if (!common && known_first_word(x, a)) return true;
    /* the first word a first name the news knows, alone or with its
     * clitics (محمد، وخالد; the whole word: برايان) */
    if (person_word(x, first->base_hash) || person_word(x, first->key_hash)) return true;
    if (first->word && ex_key_is(x, first, OPENERS) && person_word(x, x->t[a + 1].base_hash)) return true;
    /* a compound first name or a nasab (خير الدين، كعب بن زهير) */
    const tinfo *second = &x->t[a + 1];
    if (second->word && (ex_begins_with_second_word(x, second) || ex_key_is(x, second, SON))) return true;
    /* a family name the news knows, with its article, last (هالة
     * العتيبي): the first word is then a first name the lists miss */
    const tinfo *last = &x->t[b - 1];
    if (last->word && last->art_len && !ex_has_prefix(last) && person_word(x, last->base_hash)) return true;
    /* before it: a title, a nationality, a reporting verb, يدعى, or a
     * person of the same list (past a comma or with و on the first word) */
    size_t p = a;
    while (p > 0 && quote_mark(x, &x->t[p - 1])) p--;
    if (p > 0) {
        const tinfo *t = &x->t[p - 1];
        /* an apposition after a comma (الصحافي الكردي ...، فلان): the word
         * before the comma says it */
        if (is_separator(x, t) && p > 1 && x->t[p - 2].word && !first->conj) t = &x->t[p - 2];
        if (is_title(x, t) || nisba_word(x, t) || (t->word && ex_key_is(x, t, NAMED))) return true;
        /* a word the news often has a person's name after (الشاعر، النائبة) */
        if (t->word && x->tagger && rasd_ner_person_cue(x->tagger, t->key_hash)) return true;
        if (t->word) {
            tinfo said = *t;
            ex_quote_kinds(x, &said);
            if (said.say) return true;
        }
        size_t q = t - x->t;
        if (is_separator(x, t) && q > 0) q--;
        else if (!first->conj) q = SIZE_MAX;
        while (q != SIZE_MAX && q > 0 && quote_mark(x, &x->t[q])) q--;
        if (q != SIZE_MAX && person_at(x, tags, q)) return true;
    }
    /* after it: a title or a role (، عضو المكتب؛ مدرب الفريق), a person of
     * the same list */
    size_t q = b;
    while (q < n && (quote_mark(x, &x->t[q]) || is_separator(x, &x->t[q]))) q++;
    if (q < n && is_title(x, &x->t[q])) return true;
    if (q < n && x->t[q].conj && person_at(x, tags, q) && (q > b || x->t[q].word)) return true;
    if (!common) {
        /* a list of persons past a comma (فلان، علان وفلان; علان، فلان) */
        if (q > b && q < n && person_at(x, tags, q)) return true;
        if (p > 1 && is_separator(x, &x->t[p - 1]) && person_at(x, tags, p - 2)) return true;
        /* a colon after it, before the words it said (فلان: «...») */
        if (b < n && x->t[b].tok.type == RASD_TOK_PUNCT && x->text[x->t[b].tok.start] == ':') return true;
        /* a reporting verb right after it (فلان قال، فلان أكد) */
        if (b < n && x->t[b].word) {
            tinfo said = x->t[b];
            ex_quote_kinds(x, &said);
            if (said.say) return true;
        }
        /* an age (فلان، 35 عاما؛ فلان 35 عاما) */
        if (q + 1 < n && x->t[q].tok.type == RASD_TOK_NUMBER && x->t[q + 1].word &&
            ex_key_is(x, &x->t[q + 1], YEARS))
            return true;
        if (surname_elsewhere(x, a, b)) return true;
    }
    return false;
}

/* A state's word, which is also an honorific before a prime minister's
 * name (دولة الرئيس): no noun of place there. */
static const ex_word STATE[] = {EX_WORD("دوله")};

bool ex_after_place_noun(const rasd_entity_extractor *x, size_t a) {
    size_t p = a;
    while (p > 0 && x->t[p - 1].tok.type == RASD_TOK_PUNCT && quote_mark(x, &x->t[p - 1])) p--;
    if (p == 0 || x->t[a].conj) return false;
    const tinfo *t = &x->t[p - 1];
    /* مدني is no مدن + ي (هيثم مدني)، أبو جبل a name */
    if (!t->word || t->art_len || ex_has_enclitic(t) || !ex_place_noun(x, t) || ex_key_is(x, t, STATE)) return false;
    return !(p > 1 && x->t[p - 2].word && ex_key_is(x, &x->t[p - 2], OPENERS));
}

/* First words of a kunya or a compound a name begins with after a word
 * run on to it (الجزائري أبو محمد، الإعلامي عبد الله ...). */
static const ex_word NAME_OPENERS[] = {EX_WORD("ابو"), EX_WORD("عبد"), EX_WORD("ام")};

/* Token a is a nisba with the article and nothing else attached, and the
 * word after it a bare word: a nationality or a trade run on to a name.
 * By its shape: the profile cannot tell it, for it reads the base without
 * the article (جزائري، أيمن are inside names too). */
static bool nisba_before_bare_word(const rasd_entity_extractor *x, size_t a) {
    const tinfo *t = &x->t[a], *next = &x->t[a + 1];
    return nisba_word(x, t) && !ex_has_prefix(t) && next->word && !next->art_len && !ex_has_prefix(next);
}

bool ex_article_word_before_name(const rasd_entity_extractor *x, size_t a, size_t b) {
    if (b < a + 3 || !nisba_before_bare_word(x, a)) return false; /* the name left has two words at least */
    const tinfo *next = &x->t[a + 1];
    return ex_first_name(x, next) || ex_key_is(x, next, NAME_OPENERS);
}

/* A bare word of news that no dictionary lists: a family name's shape
 * (بلمختار), not «في», «يقول» or a common noun. */
static bool bare_unlisted_word(const rasd_entity_extractor *x, size_t k) {
    const tinfo *f = &x->t[k];
    if (!f->word || x->covered[k] || f->conj || ex_has_prefix(f) || ex_has_enclitic(f) || f->art_len || f->key_len < 6)
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    bool function_word = false;
    rasd_lexicon_info(lex, ex_key(x, f->key_off), f->key_len, &function_word);
    return !function_word && rasd_lexicon_word_class(lex, ex_key(x, f->key_off), f->key_len) == 0;
}

/* [الجزائري مختار] بلمختار: the tagger took a run-on nisba and the word
 * after it and left the family name out. The name is the two words after
 * the nisba when the second is bare and no dictionary word. */
bool ex_article_word_before_first_name(const rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    if (b != a + 2 || b >= n || !nisba_before_bare_word(x, a) || ex_has_enclitic(&x->t[a + 1])) return false;
    return bare_unlisted_word(x, b);
}

/* A family name rarer in news than this is seldom in the tagger's profile. */
#define NASAB_FAMILY_COUNT 50

/* A word with the article, rare in news, that no dictionary lists and
 * the news does not read as a place's or an organisation's name, nor
 * never inside a name (a nationality, a trade and a common noun are
 * frequent or listed: البريطاني، المبتعثين). */
static bool rare_family_word(const rasd_entity_extractor *x, const tinfo *f) {
    if (f->match >= 0 || ex_never_in_names(x, f) || ex_mostly_named(x, f, RASD_NER_LOC) ||
        ex_mostly_named(x, f, RASD_NER_ORG))
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    bool function_word = false;
    if (rasd_lexicon_info(lex, ex_key(x, f->key_off), f->key_len, &function_word) >= NASAB_FAMILY_COUNT || function_word)
        return false;
    return rasd_lexicon_word_class(lex, ex_key(x, f->base_off), f->base_len) == 0 &&
           rasd_lexicon_word_class(lex, ex_key(x, f->key_off), f->key_len) == 0;
}

/* [ماجد بن فهد الصميلي] السبيعي، [علي عبدالله] الغانم: a family or a
 * tribe's name with the article that the tagger left out after a person
 * it found. The word after the span is the name's when it is bare but for
 * the article, the news mostly reads it inside persons' names, and no
 * dictionary lists it (not an adjective or a trade: الرسمي، الإعلامي). */
bool ex_family_name_after(const rasd_entity_extractor *x, size_t b, size_t n, bool covered) {
    if (b >= n || b == 0 || !x->t[b - 1].word) return false;
    const tinfo *f = &x->t[b];
    /* the article as written too: the analyzer leaves it on a word it
     * does not know bare (السبيعي) */
    bool al = f->art_len || (f->key_len > 8 && memcmp(ex_key(x, f->key_off), AL, 4) == 0);
    if (!f->word || !al || (covered && x->covered[b]) || f->conj || f->bi || f->li || ex_has_enclitic(f) || f->base_len < 6)
        return false;
    if (ex_family_word(x, f)) return true;
    /* فلان بن فلان [الصيقل]: after a nasab, a family name too rare for
     * the tagger's profile to know, which no dictionary lists */
    return ex_nasab_end(x, b) && rare_family_word(x, f);
}

static const ex_word FAMILY_OF[] = {EX_WORD("آل"), EX_WORD("ال")};

bool ex_al_family_after(const rasd_entity_extractor *x, size_t b, size_t n, bool covered) {
    if (b == 0 || b + 1 >= n || !x->t[b - 1].word) return false;
    const tinfo *al = &x->t[b], *f = &x->t[b + 1];
    if (!al->word || al->conj || al->match >= 0 || ex_has_prefix(al) || !ex_key_is(x, al, FAMILY_OF)) return false;
    if (covered && (x->covered[b] || x->covered[b + 1])) return false;
    /* the family's word, as written: the analyzer cuts a family's name
     * it reads as a word with a clitic (آل فايد، آل غرامه), so only و,
     * the conjunction of a list, tells; no other name of a list (a
     * place, an organisation) but a title (آل الشيخ) */
    if (!f->word || ex_unnamelike_word(x, f) || memcmp(x->text + f->tok.start, "\xD9\x88", 2) == 0) return false;
    if (f->match >= 0 && x->m[f->match].title < 0) return false;
    bool function_word = false;
    rasd_lexicon_info(rasd_analyzer_lexicon(x->an), ex_key(x, f->key_off), f->key_len, &function_word);
    return !function_word;
}

bool ex_nasab_end(const rasd_entity_extractor *x, size_t b) {
    return b >= 3 && x->t[b - 2].word && !x->t[b - 2].conj && ex_key_is(x, &x->t[b - 2], SON) && x->t[b - 1].word &&
           !x->t[b - 1].art_len;
}

/* A word with the article the news mostly reads inside persons' names and
 * no dictionary lists (السبيعي، الجبرين), not a participle or a noun the
 * tagger often runs on to a name (المولود، الحمد). */
bool ex_family_word(const rasd_entity_extractor *x, const tinfo *f) {
    if (!ex_mostly_named(x, f, RASD_NER_PERS)) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_word_class(lex, ex_key(x, f->base_off), f->base_len) == 0 &&
           rasd_lexicon_word_class(lex, ex_key(x, f->key_off), f->key_len) == 0;
}

bool ex_first_name_before(const rasd_entity_extractor *x, size_t a) {
    if (a == 0 || x->covered[a - 1] || x->t[a].conj || !ex_mostly_named(x, &x->t[a], RASD_NER_PERS)) return false;
    const tinfo *p = &x->t[a - 1];
    /* the article as written too (السباح، القديس: a trade, a saint's title) */
    if (!p->word || p->match >= 0 || p->art_len || ex_has_prefix(p) || ex_has_enclitic(p) || !ex_first_name(x, p) ||
        (p->key_len > 4 && memcmp(ex_key(x, p->key_off), AL, 4) == 0))
        return false;
    /* one word only: a chain of first names before is a list or a title */
    return !(a > 1 && x->t[a - 2].word && !x->t[a - 2].art_len && ex_first_name(x, &x->t[a - 2]));
}
