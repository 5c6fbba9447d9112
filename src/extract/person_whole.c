/*
 * person_whole.c: a person's name cut short (issue 15, branch junkcut).
 * On the last strict sample, 13 of 22 junk persons were real names with a
 * word left out: the tagger, trained on Arabic names, ends a name before
 * a foreign word it does not know ([جيم] لوف، الحارس ميشيل [X]); the
 * analyzer takes ب off a foreign name as a preposition (وقال ب[رايان]);
 * the title reader reads ابن as "son of" before a name that is itself
 * ابن X (ابن خلدون). Each rule reads the words beside the name.
 */
#include "extractor.h"

#include <string.h>

/* A word of a foreign name is rare in news: a common word beside a name
 * is the sentence's. The same bound as the title reader's rare words. */
#define FOREIGN_WORD_COUNT 50

/* A word of Arabic the dictionary lists, or one news writes often. */
#define ARABIC_REST_COUNT 20

static bool arabic_word(const rasd_lexicon *lex, const char *k, size_t len) {
    return len >= 4 && (rasd_lexicon_word_class(lex, k, len) || rasd_lexicon_count(lex, k, len) >= ARABIC_REST_COUNT);
}

/* Pronouns and endings of number a word of Arabic carries at its end. */
static const ex_word ENDINGS[] = {EX_WORD("ه"),  EX_WORD("ها"), EX_WORD("هم"), EX_WORD("هما"), EX_WORD("هن"),
                                  EX_WORD("ك"),  EX_WORD("كم"), EX_WORD("ني"), EX_WORD("نا"),  EX_WORD("ان"),
                                  EX_WORD("ين"), EX_WORD("ون"), EX_WORD("ات"), EX_WORD("تين"), EX_WORD("تان")};

static bool arabic_with_ending(const rasd_lexicon *lex, const char *k, size_t len) {
    if (arabic_word(lex, k, len)) return true;
    /* a plural in construct (محامو، معجبو، فدائيو), asked of the
     * dictionary alone: the news has ماري and فرانك, and ماريو، فرانكو
     * are names */
    if (len >= 8 && memcmp(k + len - 2, "\xD9\x88", 2) == 0 && rasd_lexicon_word_class(lex, k, len - 2)) return true;
    for (size_t i = 0; i < sizeof ENDINGS / sizeof *ENDINGS; i++) {
        size_t e = ENDINGS[i].len;
        if (len >= e + 4 && memcmp(k + len - e, ENDINGS[i].w, e) == 0 && arabic_word(lex, k, len - e)) return true;
    }
    return false;
}

/* The analyzer leaves a word it does not know whole: a verb or a noun
 * with a clitic or a pronoun still on it (فغزاهم، رصيدك، بالتساوي،
 * ارتياحه) looks as rare as a foreign name. It is Arabic when what is
 * left without و، ف، ب، ل، ك (and the article after them) or without an
 * ending is a word of the dictionary or of the news. */
static bool arabic_under_clitics(const rasd_lexicon *lex, const char *k, size_t len) {
    if (arabic_with_ending(lex, k, len)) return true;
    if (len < 8) return false;
    unsigned char a = (unsigned char)k[0], b = (unsigned char)k[1];
    bool proclitic = (a == 0xD9 && (b == 0x88 || b == 0x81 || b == 0x84 || b == 0x83)) || (a == 0xD8 && b == 0xA8);
    if (!proclitic) return false;
    if (arabic_with_ending(lex, k + 2, len - 2)) return true;
    return len >= 12 && memcmp(k + 2, AL, 4) == 0 && arabic_with_ending(lex, k + 6, len - 6);
}

bool ex_foreign_name_word(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k) {
    const tinfo *t = &x->t[k];
    /* bare: a clitic, the article or a pronoun make it a word of Arabic
     * (وخالد، بالأمس، كتابه), as does a list's و */
    if (!t->word || x->covered[k] || t->match >= 0 || t->conj || t->art_len || ex_has_prefix(t) || ex_has_enclitic(t))
        return false;
    if (t->key_len < 6 || ex_unnamelike_word(x, t) || ex_adverbial_alif(x, t)) return false;
    const char *k0 = ex_key(x, t->key_off);
    if (memcmp(k0, AL, 4) == 0) return false; /* the article the analyzer left on an unknown word */
    if (ex_tagged_at(tags, k)) return false;  /* the tagger read it as another name */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    bool function_word = false;
    uint32_t count = rasd_lexicon_info(lex, k0, t->key_len, &function_word);
    if (function_word || count >= FOREIGN_WORD_COUNT) return false;
    /* a word of Arabic the dictionary knows: a noun, a verb, a particle,
     * with its clitics */
    if (arabic_under_clitics(lex, k0, t->key_len)) return false;
    /* the news never has it inside a name, or mostly inside a place's or
     * an organisation's (a town, a club beside a player) */
    return !ex_never_in_names(x, t) && !ex_mostly_named(x, t, RASD_NER_LOC) && !ex_mostly_named(x, t, RASD_NER_ORG);
}

static const ex_word IBN[] = {EX_WORD("ابن")};

/* Kin words after ابن (ابن عم، ابن خالة، ابن أخ، ابن لأب). */
static const ex_word KIN[] = {EX_WORD("عم"),   EX_WORD("عمه"),   EX_WORD("عمي"),   EX_WORD("عمك"),  EX_WORD("عمها"),
                              EX_WORD("عمتي"), EX_WORD("عمته"),  EX_WORD("خال"),   EX_WORD("خاله"), EX_WORD("خالي"),
                              EX_WORD("خالتي"), EX_WORD("خالته"), EX_WORD("خالك"), EX_WORD("اخ"),   EX_WORD("اخي"),
                              EX_WORD("اخيه"), EX_WORD("اخت"),   EX_WORD("اختي"),  EX_WORD("اخته"), EX_WORD("اختها"),
                              EX_WORD("اخيها"), EX_WORD("اب"),    EX_WORD("لاب"),   EX_WORD("ام"),   EX_WORD("لام")};

bool ex_ibn_name(const rasd_entity_extractor *x, size_t title, size_t a, size_t n) {
    if (a >= n || title + 1 != a) return false;
    const tinfo *t = &x->t[title], *first = &x->t[a];
    if (!t->word || t->art_len || ex_has_enclitic(t)) return false;
    const char *b = ex_key(x, t->base_off);
    if (t->base_len != IBN[0].len || memcmp(b, IBN[0].w, IBN[0].len) != 0) return false;
    /* ابن محمد، ابن سلمان: the son of a man named by his first name, a
     * relative as the title says (or a name of its own: no telling). The
     * tagger's profile decides, not the lists: they hold تيمية and حزم
     * whole, as one-word names */
    if (!first->word || first->conj || ex_has_prefix(first) || ex_has_enclitic(first) || ex_first_name(x, first))
        return false;
    /* ابن عمه، ابن أخ فلان، ابن خالتي: a kinsman; ابن الـ15: an age */
    return !ex_key_is(x, first, KIN) && first->key_len >= 6;
}

bool ex_name_keeps_letter(const rasd_entity_extractor *x, size_t a) {
    const tinfo *t = &x->t[a];
    if (!t->word || t->art_len || t->conj || t->base_off != t->key_off + 2 || ex_has_enclitic(t)) return false;
    const char *k = ex_key(x, t->key_off);
    bool ba = memcmp(k, "\xD8\xA8", 2) == 0;                                       /* ب */
    if (!ba && memcmp(k, "\xD9\x84", 2) != 0 && memcmp(k, "\xD9\x83", 2) != 0) return false; /* ل، ك */
    if (memcmp(x->text + t->tok.start, k, 2) != 0) return false; /* written as the letter, no tatweel or mark */
    /* وقال ب[رايان]: no preposition follows a verb of saying directly;
     * its subject does (ل may: قال لمحمد "said to") */
    if (ba && a > 0 && x->t[a - 1].word) {
        tinfo said = x->t[a - 1];
        ex_quote_kinds(x, &said);
        if (said.say) return true;
    }
    /* the whole word is a name the news knows (بيار، لويك) and no word of
     * Arabic, and what is left is no name of its own (يار، ويك) */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (rasd_lexicon_word_class(lex, k, t->key_len)) return false;
    return ex_whole_word_named(x, t, RASD_NER_PERS) && !ex_first_name(x, t) && !ex_mostly_named(x, t, RASD_NER_PERS);
}
