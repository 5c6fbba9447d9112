/*
 * tagged_names.c: names no dictionary holds, from the trained name tagger
 * (src/ner/): its persons, organisations and places are added wherever
 * they do not touch a name the knowledge base, a title or a byline found.
 * People after a title read the same tags (ex_sentence_tags).
 */
#include "extractor.h"

#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- tagger */

void rasd_entity_extractor_set_tagger(rasd_entity_extractor *x, const rasd_ner_model *model) { x->tagger = model; }

void rasd_entity_extractor_set_stages(rasd_entity_extractor *x, bool quotes, bool framing, bool events) {
    x->no_quotes = !quotes;
    x->no_framing = !framing;
    /* reporting verbs and statement sources are read by the quote finder
     * and the event coder alone: 1.8% of the instructions of an analysis
     * of entities alone went to looking every word up in their lists */
    x->no_quote_kinds = !quotes && !events;
}

/* The tagger's result for the thread's current sentence. People after a
 * title (people.c) and the names no dictionary holds (below) both read it,
 * so a sentence is tagged once: the tokens it was tagged from are kept,
 * and the same tokens at the same places give the same tags. */
typedef struct sentence_tags {
    rasd_ner_result res;
    rasd_token *toks;      /* the tokens tagged, for the next call to compare */
    uint64_t *surf_hash;
    size_t n, cap;
    const char *text;
} sentence_tags;

static void free_tags(void *p) {
    sentence_tags *c = p;
    rasd_ner_result_free(&c->res);
    free(c->toks);
    free(c->surf_hash);
    free(c);
}

/* The tagger's result lives with the thread's analyzer, not the document:
 * its word cache is set up once per thread. */
static sentence_tags *thread_tags(rasd_analyzer *an) {
    void **slot = rasd_analyzer_slot(an, RASD_SLOT_TAGGER, free_tags);
    if (!*slot) *slot = calloc(1, sizeof(sentence_tags));
    return *slot;
}

static bool same_sentence(const sentence_tags *c, const rasd_entity_extractor *x, size_t n) {
    if (c->text != x->text || c->n != n || c->n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (c->surf_hash[i] != x->surf_hash[i] || c->toks[i].start != x->t[i].tok.start ||
            c->toks[i].end != x->t[i].tok.end || c->toks[i].type != x->t[i].tok.type)
            return false;
    return true;
}

const rasd_ner_result *ex_sentence_tags(rasd_entity_extractor *x, size_t n) {
    if (!x->tagger || n == 0) return NULL;
    sentence_tags *c = thread_tags(x->an);
    if (!c) return NULL;
    if (!x->tagger_began) {
        /* the thread's result serves one document after another: its
         * article memory starts afresh with each (rasd_ner_begin_document) */
        if (rasd_ner_begin_document(&c->res) != RASD_OK) return NULL;
        x->tagger_began = true;
        c->n = 0;
    }
    if (same_sentence(c, x, n)) return &c->res;
    c->n = 0;
    if (n > c->cap) {
        rasd_token *t = realloc(c->toks, n * sizeof *t);
        if (t) c->toks = t;
        uint64_t *h = realloc(c->surf_hash, n * sizeof *h);
        if (h) c->surf_hash = h;
        if (!t || !h) return NULL;
        c->cap = n;
    }
    for (size_t i = 0; i < n; i++) c->toks[i] = x->t[i].tok;
    memcpy(c->surf_hash, x->surf_hash, n * sizeof *c->surf_hash);
    rasd_error err = {0};
    if (rasd_ner_tag_hashed(x->tagger, x->an, x->text, c->toks, c->surf_hash, n, &c->res, &err) != RASD_OK) return NULL;
    c->n = n;
    c->text = x->text;
    return &c->res;
}

/* A one-word name that is a common word of news text (ناشطون، ريف) is far
 * more often the word than a name: the tagger's finding is left out. */
#define COMMON_WORD_COUNT 50

static bool common_word(const rasd_entity_extractor *x, const tinfo *t) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) >= COMMON_WORD_COUNT;
}

static bool common_single_word(const rasd_entity_extractor *x, size_t a, size_t b) {
    return b == a + 1 && x->t[a].word && common_word(x, &x->t[a]);
}

/* Words that begin a name and are none alone: a tagger's one-word person
 * that is one of them is a fragment of a name it cut (عبد الله -> عبد). */
static const ex_word NAME_FRAGMENTS[] = {EX_WORD("عبد"), EX_WORD("ابو"), EX_WORD("ابن"), EX_WORD("بن"), EX_WORD("ام"),
                                         EX_WORD("بنت"), EX_WORD("ال"), EX_WORD("آل"), EX_WORD("عبدال"),
                                         /* second words of compound names (نور الدين، عبد الله) */
                                         EX_WORD("الدين"), EX_WORD("الله"), EX_WORD("الرحمن")};

/* Whether a person the tagger found looks like a person's name: one word
 * that carries a pronoun (قوله، يرحمه), ends in the accusative's alif
 * (صبرا) or is a fragment (عبد) is a word of the sentence, not a name. */
static bool looks_like_one_word_person(const rasd_entity_extractor *x, size_t a) {
    const tinfo *t = &x->t[a];
    if (!t->word) return false;
    if (t->base_off + t->base_len != t->key_off + t->key_len) return false; /* an enclitic pronoun */
    const char *k = ex_key(x, t->key_off);
    if (t->key_len >= 8 && memcmp(k + t->key_len - 2, "\xD8\xA7", 2) == 0 && t->tok.end - t->tok.start > t->key_len)
        return false; /* ending in alif with its tanween written: صبراً */
    if (ex_key_is(x, t, NAME_FRAGMENTS)) return false;
    /* a common word's plural or dual, a word with a pronoun (غواصين،
     * جارك), the article on a common noun (العطار), a nisba agreeing with
     * the noun before (مكيف هوائي): words the tagger read once as names */
    if (ex_person_word_is_common(x, t) || ex_adjective_not_person(x, a)) return false;
    if (ex_article_noun_not_name(x, t) && !ex_person_cue_before(x, a)) return false;
    /* one word alone (وجودي، نعبد، فاشن) is a name only when the news
     * mostly reads it as one: a surname after قال، a foreign name met
     * before; a word met once, with nothing else of a name around it, is
     * as often a verb or a noun the tagger misread */
    return ex_mostly_named(x, t, RASD_NER_PERS);
}

/* The words [a, b) of a person the tagger found that are the name, as an
 * end token (a: none). A name stops at a punctuation mark (a second name
 * after a dash) and sheds words at its end that are never part of a name
 * in the news (a verb: أحمد الفهد يترأس); it is no name
 * when a word is not Arabic or is vocalised as verse is (أفرسٌ تحتك), when
 * its first word still carries a letter of a preposition or a conjunction
 * that was not taken off as a clitic (وشوه الدين، ببيض الحبارى), or is a
 * common word seldom a name (جندي تركي، حكومي مغربي). */
static size_t person_words(const rasd_entity_extractor *x, size_t a, size_t b, bool stripped, bool in_list) {
    for (size_t k = a; k < b; k++) {
        if (x->t[k].tok.type == RASD_TOK_PUNCT && k > a) { /* زكريا سامي - نبيل بهوي: the first */
            b = k;
            break;
        }
        if (ex_unnamelike_word(x, &x->t[k])) return a;
    }
    size_t whole = b;
    b = ex_name_end(x, a, b);
    /* حسن النوايا، علي العمل: a word in construct with a common noun that
     * has the article, which no name ends in, is a phrase, not a first name */
    if (b == a + 1 && whole > b && x->t[b].art_len && ex_never_in_names(x, &x->t[b])) return a;
    const tinfo *first = &x->t[a];
    if (ex_begins_with_second_word(x, first)) return a; /* الرحمن الرحيم */
    if (ex_org_word_in_name(x, a, whole)) return a;     /* كونيا سبور، ليستر سيتي: a club */
    /* خبيران سياسيان، وزيران سابقان: a common noun's dual or plural and
     * its adjective */
    if (ex_plural_phrase(x, a, b)) return a;
    if (!stripped && ex_sure_prefix(x, first, RASD_NER_PERS)) return a;
    /* بآلتن، لأبوين، فأتمه: the rest is left too, as the tagger read the
     * span with its letter */
    if (!stripped && ex_glued_hamza(x, first)) return a;
    if (ex_glued_vocative(x, first)) return a; /* ياشيخ حمد */
    if (ex_place_noun(x, first) && !ex_has_enclitic(first)) return a; /* جبل رونغ، بحي ...: a place (مدني is no مدن + ي) */
    /* سأروي، سأرافقك: the future's prefix on a verb of the first person;
     * no name begins with سأ */
    if (x->t[a].tok.end - x->t[a].tok.start > 4 && memcmp(x->text + x->t[a].tok.start, "\xD8\xB3\xD8\xA3", 4) == 0)
        return a;
    if (ex_common_word_not(x, first, RASD_NER_PERS)) return a;
    /* وقال مراسلون، أكاديميون يطالبون: a group, not a person */
    if (ex_plural_noun(x, a, b)) return a;
    /* a first name common in news (سعد) is one in a pair of names the
     * tagger read as persons (سعد وريهام) */
    if (b == a + 1 && (!looks_like_one_word_person(x, a) || (!in_list && common_single_word(x, a, b)))) return a;
    /* one word with a letter before it that was not taken off (وجودي: و +
     * a rare name, or the adjective "existential") is too little to go on */
    if (b == a + 1 && !stripped && ex_has_prefix(first) && !ex_whole_word_named(x, first, RASD_NER_PERS)) return a;
    return b;
}

static const ex_word QUASI[] = {EX_WORD("شبه")};
static const ex_word PENINSULA[] = {EX_WORD("جزيره"), EX_WORD("الجزيره")};

/* The same of a place the tagger found: any letter of a preposition or a
 * conjunction on its first word is left out (بتيرول، وفلورنسا); one word
 * with a pronoun (خاطرك), an adverb's alif (وتثقيفا) or a common word is
 * none, and one word is a place only after a word that says so (في، مدينة،
 * a place) or when the news mostly reads it as one (شيكاغو). */
static size_t place_words(const rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    for (size_t k = a; k < b; k++)
        if (ex_unnamelike_word(x, &x->t[k])) return a;
    while (b - a > 1 && ex_never_in_names(x, &x->t[b - 1])) b--;
    const tinfo *first = &x->t[a];
    if (ex_common_word_not(x, first, RASD_NER_LOC) || ex_tagged_not_a_place(x, a, b, n)) return a;
    /* شبه "quasi" before an adjective or a noun (شبه غيبوبة، شبه منهار) is
     * a phrase; شبه جزيرة "peninsula" begins a place's name */
    if (b > a + 1 && ex_key_is(x, first, QUASI) && !ex_key_is(x, &x->t[a + 1], PENINSULA)) return a;
    /* a common noun with the article and what qualifies it (الورد الأحمر،
     * البول الإجهادي، المدينة الفاضلة) is a phrase of the sentence unless
     * the news mostly reads its first word inside places */
    if (b > a + 1 && first->word && first->art_len && common_word(x, first) && !ex_mostly_named(x, first, RASD_NER_LOC))
        return a;
    if (b == a + 1) {
        if (ex_has_enclitic(first) || ex_adverbial_alif(x, first) || common_single_word(x, a, b)) return a;
        if (!ex_place_cue(x, a, b, n) && !ex_mostly_named(x, first, RASD_NER_LOC)) return a;
    }
    return b;
}

/* A one-letter proclitic (و، ل) glued to a name: وخالد صالح in a list,
 * لعبد الحليم in «الشقيق الأكبر لعبد الحليم». The tagger's span keeps the
 * letter, and the name's id would then differ from its other mentions'.
 * The analyzer strips such a letter from names too (وليد، لطفي), so it is
 * taken as a clitic only when the word without it is far more frequent in
 * news than the word with it: خالد against وخالد, not ليد against وليد. */
#define CLITIC_RATIO 4

static bool glued_clitic(const rasd_entity_extractor *x, size_t k, bool after_name) {
    const tinfo *t = &x->t[k];
    if (ex_letter_on_first_name(x, t)) return true;
    if (ex_list_waw(x, k)) return true; /* شابلن، وسيلفستر ستالون */
    if (!t->word || t->base_off != t->key_off + 2 || t->art_len) return false;
    const char *key = ex_key(x, t->key_off);
    const char *raw = x->text + t->tok.start;
    bool waw = memcmp(key, "\xD9\x88", 2) == 0, lam = memcmp(key, "\xD9\x84", 2) == 0;
    bool fa = memcmp(key, "\xD9\x81", 2) == 0, ba = memcmp(key, "\xD8\xA8", 2) == 0; /* فمحمد، بنايف */
    if ((!waw && !lam && !fa && !ba) || memcmp(raw, key, 2) != 0) return false;
    const unsigned char *after = (const unsigned char *)raw + 2;
    if (t->tok.end - t->tok.start > 3 && after[0] == 0xD9 && (after[1] == 0x80 || (after[1] >= 0x8B && after[1] <= 0x92)))
        return false; /* a diacritic or tatweel after the letter: left as written */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t whole = rasd_lexicon_count(lex, key, t->key_len);
    uint32_t base = rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len);
    /* لوكاس: the letter is the name's own when what is left is a
     * conjunction on a word (name_shape.c), however often the news has it */
    if (ex_base_conjoined(x, t)) return false;
    if (base >= 20 && base > CLITIC_RATIO * (uint64_t)whole) return true;
    /* لهيلين، ووهيب: the letter on a first name the news knows, the word
     * with it none (not ليلى، وليد, names of their own) */
    if (!ex_whole_word_named(x, t, RASD_NER_PERS) && ex_first_name(x, t)) return true;
    /* و right after another name (بدرية المطيري وشيخة العنيز، خالد راضي
     * ودراغان) joins two names of a list: the letter goes unless the word
     * with it is the commoner one (وليد) */
    return after_name && waw && base >= whole;
}

/* The word at token k begins with و as written: after a name, the
 * conjunction of a list or of a clause (وشركاه، وصححه) that the analyzer
 * left on a word it does not know. */
static bool waw_first(const rasd_entity_extractor *x, size_t k) {
    return x->t[k].tok.end - x->t[k].tok.start > 2 && memcmp(x->text + x->t[k].tok.start, "\xD9\x88", 2) == 0;
}

/* A person's name does not go on past a word that carries the preposition
 * ل: «قال الأصمعي لزين العابدين» is one person speaking to another, and
 * the span the tagger joined is cut before it. */
static size_t person_end(const rasd_entity_extractor *x, const rasd_ner_entity *ne) {
    for (size_t k = ne->first_token + 1; k < ne->end_token; k++) {
        const tinfo *t = &x->t[k];
        if (glued_clitic(x, k, false) && memcmp(ex_key(x, t->key_off), "\xD9\x84", 2) == 0) return k;
    }
    return ne->end_token;
}

/* Whether the name found next to token k would continue a name found
 * there already (ريف before دير الزور is part of the place, not another
 * one). A person's name stands beside a title, an organisation or a place
 * as an apposition (خالد سالم المدير العام للشركة، الناطق باسم الجبهة علي
 * أحمد): only another person's words border it. */
static bool borders(const rasd_entity_extractor *x, const rasd_ner_entity *ne, size_t k) {
    if (!x->covered[k]) return false;
    if (ne->type != RASD_NER_PERS || x->t[k].match < 0) return true;
    const match *m = &x->m[x->t[k].match];
    if (m->entity < 0) return false;
    const rasd_entity *e = &x->out.items[m->entity];
    return e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "person") == 0;
}

/* Records a name the tagger found, over text[start, end). */
static void add_name(rasd_entity_extractor *x, rasd_ner_type type, size_t start, size_t end, size_t sentence) {
    if (start >= end) return;
    rasd_mention mn = {start, end, sentence, "tagger", 0};
    const char *surface = x->text + start;
    size_t len = end - start;
    if (type == RASD_NER_LOC) {
        ex_mention_place(x, ex_unknown_place(x, surface, len), mn);
    } else {
        int e = ex_entity_for_name(x, type == RASD_NER_PERS ? "person" : "org", surface, len, RASD_FROM_TAGGER);
        ex_mention_entity(x, e, mn);
        if (type == RASD_NER_PERS) ex_note_surname(x, e, start, end);
    }
}

/* Names the dictionary does not hold: the tagger's persons, organisations
 * and places, wherever they neither touch nor border a name already found
 * (ريف before دير الزور is part of the place, not another one). */
rasd_status ex_tag_names(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence) {
    if (!ex_cover_sentence(x, n, sentence)) return RASD_ERR_NOMEM;
    (void)toks; /* the same tokens as x->t's */
    const rasd_ner_result *tags = ex_sentence_tags(x, n);
    if (!tags) return RASD_ERR_NOMEM;
    for (size_t i = 0; i < tags->n_entities; i++) {
        const rasd_ner_entity *ne = &tags->entities[i];
        bool touches = false;
        for (size_t k = ne->first_token; k < ne->end_token && k < n; k++) touches |= x->covered[k];
        touches |= ne->first_token > 0 && borders(x, ne, ne->first_token - 1);
        touches |= ne->end_token < n && borders(x, ne, ne->end_token);
        if (touches || ne->type == RASD_NER_MISC) continue;
        size_t a = ne->first_token, b = ne->end_token;
        while (a < b && !x->t[a].word) a++; /* «/ عبد العزيز ...»: the mark is no part of it */
        if (a == b) continue;
        /* فيلم «...»، شركة ...: a title or a company, whatever its words */
        if (ne->type != RASD_NER_ORG && ex_work_title(x, a)) continue;
        /* مسجد عمرو بن العاص، جسر الملك فهد، بني ظبيان: a building's or a
         * tribe's name */
        if (ne->type == RASD_NER_PERS && (ex_named_after(x, a) || ex_named_after_title(x, a) || ex_tribe_before(x, a))) continue;
        /* جزيرة «...»، ولاية ...، جبال ...: a place the tagger read as a person */
        if (ne->type == RASD_NER_PERS && ex_after_place_noun(x, a)) continue;
        /* أحمد [سمير فرج]: a first name the tagger left out begins it */
        if (ne->type == RASD_NER_PERS && ex_first_name_before(x, a)) a--;
        /* [الجزائري مختار بلمختار]: the name begins after the run-on word */
        else if (ne->type == RASD_NER_PERS && ex_article_word_before_name(x, a, b)) a++;
        /* [الجزائري مختار] بلمختار: and the family name left out ends it */
        bool family_after = ne->type == RASD_NER_PERS && ex_article_word_before_first_name(x, a, b, n);
        if (family_after) a++;
        /* زيد بن [علي X]، ابن [حزم]: the nasab the part ends */
        if (ne->type == RASD_NER_PERS) a = ex_nasab_start(x, a);
        /* قال [لي أحد]، وافق [علي الطلب]: a preposition after a verb */
        if (ne->type == RASD_NER_PERS && ex_preposition_after_verb(x, a, b)) continue;
        /* ابنة [أختي لينا]، [مرام ابنتي]: a kin word with "my" is no part
         * of the name */
        bool kin = ne->type == RASD_NER_PERS && ex_kin_cut(x, &a, &b);
        if (a >= b) continue;
        /* الملك [الصالح سلمان]: the title's epithet begins no name */
        if (ne->type == RASD_NER_PERS && b > a + 1 && ex_title_epithet(x, a, n)) a++;
        /* [جيم] لوف: a word of a foreign name the tagger left out before a
         * name of one or two words with no list's و in it */
        bool short_one = ne->type == RASD_NER_PERS && b - a <= 2 && !x->t[b - 1].conj;
        /* not before a first name the news knows: the name begins there
         * (يشوت [مبارك]، محامو [جيمس هولمز]) */
        bool foreign_before = short_one && a == ne->first_token && a > 0 && !ex_first_name(x, &x->t[a]) &&
                              ex_foreign_name_word(x, tags, a - 1) &&
                              ex_person_evidence(x, tags, a - 1, b, n); /* a word beside still says person */
        if (foreign_before) a--;
        bool after_name = (i > 0 && tags->entities[i - 1].end_token == a) || (a > 0 && x->covered[a - 1]);
        /* وقال ب[رايان مايرز]: the letter is the name's */
        bool kept = ne->type == RASD_NER_PERS && ex_name_keeps_letter(x, a);
        bool stripped = !kept && glued_clitic(x, a, after_name);
        if (ne->type == RASD_NER_PERS) {
            /* a span that joins names with و or ف (تيتوم وجو مانجانيلو،
             * سعد وريهام) is one person per part, each judged alone */
            size_t last = family_after ? b + 1 : person_end(x, ne);
            /* [ماجد بن فهد] السبيعي: and a family name left out after it */
            if (last == b && ex_family_name_after(x, b, n, true)) last = b + 1;
            /* [سعد بن محمد] آل فلان: or a family's name with آل */
            else if (last == b && ex_al_family_after(x, b, n, true)) last = b + 2;
            /* ميشيل [X]: or a foreign name's word, not after a family
             * name with the article, which ends a name */
            else if (last == b && short_one && !foreign_before && b < n && !x->t[b - 1].art_len && !waw_first(x, b) &&
                     ex_foreign_name_word(x, tags, b))
                last = b + 1;
            if (kin && last > b) last = b;
            for (size_t seg = a; seg < last;) {
                size_t k = seg + 1;
                while (k < last && !x->t[k].conj) k++;
                const tinfo *t = &x->t[seg];
                bool later = seg > a;
                size_t start = later ? (t->art_len ? t->art_start : t->base_start) : t->tok.start + (stripped ? 2 : 0);
                /* a later part keeps no letter but its و or ف (وبالحارث: none) */
                size_t e = later && (t->bi || t->li) ? seg : person_words(x, seg, k, stripped || kept || later, k < last || later);
                /* two words no first name begins and nothing beside says
                 * person (غفور رحيم، آيباد ميني): not stored, unless the
                 * article named the person already */
                if (e > seg && !ex_person_evidence(x, tags, seg, e, n) &&
                    !ex_known_person(x, x->text + start, x->t[e - 1].tok.end - start))
                    e = seg;
                /* و taken off one word joins it to a name before (سعد
                 * وجودي); with none before, the word is the sentence's
                 * (تهديد وجودي "existential": و + the name جودي) */
                if (e == seg + 1 && !later && stripped && !after_name && waw_first(x, seg) && !ex_person_cue_before(x, seg))
                    e = seg;
                /* أم حمارُ in a vocalised line: verse, not a name */
                if (e > seg && ex_verse_person(x, seg, e, n)) e = seg;
                /* الملك [الصالح] سلمان: the title's epithet */
                if (e == seg + 1 && ex_title_epithet(x, seg, n)) e = seg;
                if (e > seg) add_name(x, ne->type, start, x->t[e - 1].tok.end, sentence);
                seg = k;
            }
            continue;
        }
        size_t start = x->t[a].tok.start;
        if (ne->type == RASD_NER_LOC) {
            /* places joined by و (القدس وبيت لحم) are one place each, and
             * share the evidence of the first (في نابلس والخليل) */
            bool evident = false;
            for (size_t seg = a; seg < b;) {
                size_t k = seg + 1;
                while (k < b && !x->t[k].conj) k++;
                size_t e = ex_never_a_place_after(x, seg) ? seg : place_words(x, seg, k, n);
                if (e > seg) evident = ex_tagged_place(x, seg, e, n, sentence, evident);
                seg = k;
            }
            continue;
        } else {
            if (common_single_word(x, a, b)) b = a;
            if (stripped) start += 2;
        }
        if (b > a) add_name(x, ne->type, start, x->t[b - 1].tok.end, sentence);
    }
    ex_untagged_names(x, tags, n, sentence);
    return RASD_OK;
}
