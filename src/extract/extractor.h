/*
 * extractor.h: the state of entity extraction over one document, shared by
 * the files of src/extract/: entities.c (bookkeeping, matching, deciding),
 * disambiguate.c (ambiguous names and namesake places), people.c (titles,
 * bylines, references), tagged_names.c (the name tagger's additions),
 * untagged_names.c (names in constructions the tagger may miss) and
 * person_shape.c (whether a person found looks like a person's name).
 * Internal: every name here is prefixed ex_.
 */
#ifndef RASD_EXTRACTOR_H
#define RASD_EXTRACTOR_H

#include "entities.h"
#include "ner/ner.h"

#define MAX_NAME_WORDS 3
/* References look back over at most this many entities: enough for any
 * article, and no input can make the look-back quadratic. */
#define RECENT 256
#define MAX_FORM 3

typedef struct tinfo {
    rasd_token tok;
    uint32_t key_off, key_len;   /* the token's key (skip: 0) */
    uint32_t base_off, base_len; /* key of the base, clitics stripped */
    uint32_t art_off, art_len;   /* "ال" + base when the word had the article (or لل), else 0 */
    /* rasd_hash_bytes of the key, the base and the article form (0 when
     * absent), taken once: the trie, the quote lists and the reference
     * words all probe with them (hashing was a tenth of the look-ups) */
    uint64_t key_hash, base_hash, art_hash;
    size_t base_start, art_start;
    bool word, conj, skip;
    bool bi; /* carries the preposition ب (بدمشق: in Damascus) */
    bool li; /* carries the preposition ل (للحوثيين: to the Houthis; لل counts) */
    uint8_t say;    /* RASD_SAY_* when a reporting verb (data/quotes/verbs.tsv), else 0 */
    uint8_t source; /* RASD_SOURCE_* when a statement source (data/quotes/sources.tsv), else 0 */
    int match; /* index of the match covering it, or -1 */
} tinfo;

typedef struct match {
    size_t ti, tj; /* first and last token */
    uint32_t node;
    size_t start, end;
    int entity; /* entity index, or -1 */
    int place;  /* place index, or -1 */
    int title;  /* title index, or -1 */
    int frame;  /* framing-lexicon term index, or -1 */
    bool bare;  /* found only once the first word's article or pronoun was cut off (الجاسم -> جاسم، سيرتهم -> سيرت) */
} match;

struct rasd_entity_extractor {
    const rasd_knowledge *kn;
    rasd_analyzer *an;
    const char *text;
    size_t len;
    rasd_entities out;
    rasd_buf keys;   /* token keys of the current sentence */
    tinfo *t;
    size_t cap_t;
    uint64_t *surf_hash; /* per token of the sentence: its surface's hash, for the analyzer */
    size_t cap_surf_hash;
    match *m;
    size_t n_m, cap_m;
    rasd_strtab by_id;         /* entity id -> index + 1, so no input makes look-ups quadratic */
    rasd_strtab place_keys;    /* (place, actor) -> index + 1 into out.places */
    const rasd_ner_model *tagger;
    bool tagger_began;          /* the tagger was told this document began (its article memory) */
    bool no_quotes, no_framing; /* stages left out (rasd_entity_extractor_set_stages) */
    bool no_quote_kinds;        /* tinfo.say and .source not needed: left 0 */
    uint8_t *covered;          /* per token of the sentence: already part of a name */
    bool covering;             /* covered holds this sentence's (untagged_names.c) */
    size_t cap_covered;
    int last_speaker;          /* entity index of the last quote's speaker, or -1 */
    int last_issuer;           /* the actor of the last sentence about a statement (بيان), or -1 */
    /* the words naming the last quote's speaker and whether it was unnamed:
     * a continuation keeps them even when they name no entity (0, 0: none) */
    size_t said_start, said_end;
    int said_entity; /* entity index + 1 of that speaker, 0: none */
    bool said_anonymous;
    rasd_strtab surnames;      /* a person's last name -> entity index + 1, for later bare mentions */
    struct ex_pending_places *pending_places; /* tagged places waiting for evidence (place_evidence.c) */
    /* per-document preference among same-named places */
    uint32_t country_votes[8];
    const char *country_codes[8];
    bool failed;
};

#define AL "\xD8\xA7\xD9\x84" /* ال */

static inline const char *ex_key(const rasd_entity_extractor *x, uint32_t off) { return x->keys.data + off; }
static inline bool ex_is_number(const tinfo *t) { return t->tok.type == RASD_TOK_NUMBER; }

char *ex_dup(const char *s, size_t n);
/* Entities and places of the document, created on first use; -1 when out of memory. */
int ex_entity_by_id(rasd_entity_extractor *x, const char *id, bool create);
int ex_entity_for_actor(rasd_entity_extractor *x, uint32_t actor);
int ex_entity_for_name(rasd_entity_extractor *x, const char *prefix, const char *surface, size_t n,
                       rasd_entity_origin origin);
int ex_entity_for_person(rasd_entity_extractor *x, const char *surface, size_t n, rasd_entity_origin origin);
void ex_mention_entity(rasd_entity_extractor *x, int e, rasd_mention m);
int ex_place_hit(rasd_entity_extractor *x, uint32_t place, uint32_t actor);
int ex_unknown_place(rasd_entity_extractor *x, const char *surface, size_t n);
void ex_mention_place(rasd_entity_extractor *x, int p, rasd_mention m);
/* Countries the document mentions, to tell namesake places apart. */
void ex_vote_country(rasd_entity_extractor *x, const char *iso3);
uint32_t ex_votes_for(const rasd_entity_extractor *x, const char *iso3);
bool ex_opens_line(const rasd_entity_extractor *x, size_t pos);
bool ex_is_dash(const rasd_entity_extractor *x, const tinfo *t);
/* A dateline: the name opens its paragraph and a dash follows it. */
bool ex_is_dateline(const rasd_entity_extractor *x, const match *m, size_t n);

/* Fills x->covered: which tokens of this sentence a mention already covers. */
bool ex_cover_sentence(rasd_entity_extractor *x, size_t n, size_t sentence);

/* disambiguate.c */
const rasd_name_target *ex_decide_ambiguous(rasd_entity_extractor *x, const match *m, size_t n,
                                            const struct rasd_name_pair *p, size_t cnt);
uint32_t ex_best_place(const rasd_entity_extractor *x, const struct rasd_name_pair *p, size_t n);
/* The one word of m, a person's name of the knowledge base (a surname:
 * أوزيل، الأسد), follows a first name that is no word of that person's
 * names in any spelling (مسعود أوزيل، سليمان الأسد): another person of
 * the same family name. */
bool ex_person_namesake(const rasd_entity_extractor *x, const match *m, uint32_t actor);

/* people.c */
/* A word of a closed list (folded keys: ة as ه, ى as ي, أ as ا) with its
 * length, so that a key is compared only with the words of its own length:
 * a strcmp against each word of a list, for nearly every token, was 2% of
 * analyze. */
typedef struct ex_word {
    const char *w;
    size_t len;
} ex_word;
#define EX_WORD(lit) {lit, sizeof lit - 1}
/* Is token t's key one of list[0, n)? */
bool ex_key_in(const rasd_entity_extractor *x, const tinfo *t, const ex_word *list, size_t n);
/* The same for a list declared as an array here. */
#define ex_key_is(x, t, list) ex_key_in((x), (t), (list), sizeof(list) / sizeof *(list))
void ex_find_people(rasd_entity_extractor *x, size_t n, size_t sentence);
void ex_find_byline(rasd_entity_extractor *x, size_t n, size_t sentence);
void ex_link_references(rasd_entity_extractor *x, size_t n, size_t sentence);
void ex_note_surname(rasd_entity_extractor *x, int person, size_t start, size_t end);

/* framing.c */
void ex_find_framing(rasd_entity_extractor *x, size_t n, size_t sentence);

/* quotes.c (with quotes_speaker.c, quotes_attribution.c: quotes_internal.h) */
void ex_find_quotes(rasd_entity_extractor *x, size_t n, size_t sentence);
/* Fills t->say and t->source (once per token, when its words are analysed). */
void ex_quote_kinds(const rasd_entity_extractor *x, tinfo *t);

/* name_shape.c: whether the tagger's words look like a name (issue 15) */
/* The tagger's profile knows the word and it was never inside a name. */
bool ex_never_in_names(const rasd_entity_extractor *x, const tinfo *t);
/* A common word of news that is seldom or never a name of this type. */
bool ex_common_word_not(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type);
/* A word the news mostly has inside names of this type. */
bool ex_mostly_named(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type);
/* A word without the article that news writes with it half as often or
 * more: a common noun or an adjective (نائية), no town's name (عرسال). */
bool ex_article_form_common(const rasd_entity_extractor *x, const tinfo *t);
/* The whole word, clitics and all, is a name of this type the tagger knows. */
bool ex_whole_word_named(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type);
/* The base left after one letter is a conjunction on a word (see name_shape.c). */
bool ex_base_conjoined(const rasd_entity_extractor *x, const tinfo *t);
/* A proclitic that cannot be a name's first letter (two letters, before
 * the article, or before a common word). */
bool ex_sure_prefix(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type);
/* A proclitic other than the article (و، ف، ب، ل، ك) / a pronoun attached. */
bool ex_has_prefix(const tinfo *t);
bool ex_has_enclitic(const tinfo *t);
/* Not an Arabic word, or one with written case endings. */
bool ex_unnamelike_word(const rasd_entity_extractor *x, const tinfo *t);
/* A person over tokens [a, b) of a sentence of n is a line of verse or
 * scripture: a word of it carries a vowel and two words of the sentence a
 * case ending, or it lies in a poem's lines (ex_in_verse_lines); and no
 * title or word that says person stands before it. */
bool ex_verse_person(const rasd_entity_extractor *x, size_t a, size_t b, size_t n);
/* verse_lines.c: byte pos of the text lies in a run of short rhyming
 * lines, a poem printed a verse or a hemistich to a line. */
bool ex_in_verse_lines(const rasd_entity_extractor *x, size_t pos);
/* A long word ending in alif: an adverb or an accusative of state. */
bool ex_adverbial_alif(const rasd_entity_extractor *x, const tinfo *t);
/* The end of a person's name over tokens [a, b), words that end no name
 * (a particle, a verb, an adverb, a common noun) shed from its end; a
 * first word is kept. */
size_t ex_name_end(const rasd_entity_extractor *x, size_t a, size_t b);
bool ex_adverb_after_name(const rasd_entity_extractor *x, const tinfo *t);
bool ex_list_waw(const rasd_entity_extractor *x, size_t k);
bool ex_object_pronoun_after_name(const rasd_entity_extractor *x, const tinfo *t);
/* Where a place the tagger found starts in word t: after a preposition or
 * a conjunction (بتيرول، وفلورنسا), unless the word is commoner whole. */
size_t ex_place_start(const rasd_entity_extractor *x, const tinfo *t);
/* Tokens [first, end) of a sentence of n: a word before them or after them
 * says they are a place (في، مدينة، a place, التركية), or ب is on the first. */
bool ex_place_cue(const rasd_entity_extractor *x, size_t first, size_t end, size_t n);
/* Whether the name at token first follows a noun of a work, a brand or a
 * body (فيلم، شركة، فندق; اسم before a quotation mark): a title or a
 * company, never a person or a place. */
bool ex_work_title(const rasd_entity_extractor *x, size_t first);
/* Whether the person at token first follows a noun of a building, a road
 * or a prize named after someone (مسجد، طريق، جائزة): not the person. */
bool ex_named_after(const rasd_entity_extractor *x, size_t first);

/* A noun of place (مدينة، حي، ولاية), without clitics. */
bool ex_place_noun(const rasd_entity_extractor *x, const tinfo *t);
/* A noun of place or a place right before token first (past quotation
 * marks): what a word common in news needs before it is read as a place;
 * a preposition is not enough (إلى سيدة، جنوب قارة). */
bool ex_strong_place_cue(const rasd_entity_extractor *x, size_t first);
/* A preposition of place before token first, a word without the article
 * or a clitic (في مدريد). */
bool ex_place_prep_before(const rasd_entity_extractor *x, size_t first);

/* place_context.c: whether a place's name stands where a place is meant */
/* A word (its base) the news mostly reads as a person's first name. */
bool ex_first_name(const rasd_entity_extractor *x, const tinfo *t);
/* A word that is ل or و on a first name the news knows, and no name
 * itself (لهيلين، وإيفانجلين, و on a rare word whose rest is a name). */
bool ex_letter_on_first_name(const rasd_entity_extractor *x, const tinfo *t);
/* A place over tokens [first, last] that is a person's family name (after
 * a first name), a person's (before بن) or a club (after فريق، نادي). */
bool ex_not_a_place_here(const rasd_entity_extractor *x, size_t first, size_t last, size_t n);
/* A one-word name with the article that is a noun of the dictionary, before
 * an adjective of rank (الرئيسية، الوحيدة، العامة): the common noun. */
bool ex_common_noun_of_rank(const rasd_entity_extractor *x, size_t first, size_t last, size_t n);
/* A one-word name with the article ending at token last, and a word with
 * the article after it that ends as an adjective does (ة، ي): الجزيرة
 * الصغيرة، الميادين العامة. */
bool ex_adjective_after(const rasd_entity_extractor *x, size_t last, size_t n);
/* A town's name at token first names a square or a street (ميدان
 * المنشية، شارع بغداد): the gazetteer's town is not meant. */
bool ex_street_named(const rasd_entity_extractor *x, size_t first);
/* A common word of one token over [first, last] in construct with a noun
 * that carries a pronoun (مسقط رأسه): the word, not the town. */
bool ex_place_in_construct(const rasd_entity_extractor *x, size_t first, size_t last, size_t n);
/* The same for a place the tagger found over [a, b), and a name of two
 * words or more that begins with a first name and has no place cue. */
bool ex_tagged_not_a_place(const rasd_entity_extractor *x, size_t a, size_t b, size_t n);
/* المغرب over tokens [first, last] after a noun of the prayer (صلاة
 * المغرب): the sunset prayer, neither the country nor its government. */
bool ex_prayer_time(const rasd_entity_extractor *x, size_t first, size_t last);
/* A one-word place with the article and a nisba ending, after a noun with
 * the article: that noun's adjective (الأيديولوجيا الناصرية). */
bool ex_adjective_of_noun(const rasd_entity_extractor *x, size_t first, size_t last);
/* A word with a pronoun at its end that the analyzer left on it (مرقده،
 * دروبك): a common word's, no name. */
bool ex_pronoun_on_word(const rasd_entity_extractor *x, const tinfo *t);

/* A one-word place with a rare word after it that goes on its name
 * (باكينغهام شاير): the gazetteer's town is a part of another name. */
bool ex_place_cut_short(const rasd_entity_extractor *x, size_t first, size_t last, size_t n);
/* Whether the one-word place the tagger found at token a goes on into
 * the next word, a word of a foreign name it left out (بونيس أيرس، كوانج
 * نينه); opener: the word at a begins compounds (ساوث، نيو). */
bool ex_place_goes_on(rasd_entity_extractor *x, size_t a, bool opener, size_t n);
/* Whether the word before token first begins a compound name (نيو، سان،
 * ساوث) and first has no clitic: a gazetteer's place there is one word of
 * another place's name (نيو جيرزي is no Jersey). */
bool ex_after_compound_opener(const rasd_entity_extractor *x, size_t first);

/* person_evidence.c: a person of two words or more the tagger found over
 * tokens [a, b) of a sentence of n is stored when its first word is a
 * first name the news knows or a word beside it says person (a title, a
 * nationality, a reporting verb, another person of its list). */
bool ex_person_evidence(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t a, size_t b, size_t n);
/* The article has named this person already (its id is known). */
bool ex_known_person(rasd_entity_extractor *x, const char *surface, size_t n);
/* A nisba with the article before a first name inside a tagged person
 * over [a, b) (الجزائري مختار بلمختار، الإعلامي فلان): a nationality or
 * a trade run on to the name, which no name begins with. */
bool ex_article_word_before_name(const rasd_entity_extractor *x, size_t a, size_t b);
/* [الجزائري مختار] بلمختار: a run-on nisba, a word, and a family name the
 * tagger left out after them: the name is then [a + 1, b + 1). */
bool ex_article_word_before_first_name(const rasd_entity_extractor *x, size_t a, size_t b, size_t n);
/* The name the tagger found over token k (of any type), or NULL; tags may
 * be NULL (people.c). */
const rasd_ner_entity *ex_tagged_at(const rasd_ner_result *tags, size_t k);
/* [ماجد بن فهد] السبيعي: a family name with the article the tagger left out
 * after a person ending at b is token b. covered: whether x->covered holds
 * this sentence's mentions yet (not in people.c, which runs before). */
bool ex_family_name_after(const rasd_entity_extractor *x, size_t b, size_t n, bool covered);
/* [فلان بن فلان] آل فلان: the family's name with آل that the tagger or
 * the title reader left out after a person ending at b (tokens b, b + 1). */
bool ex_al_family_after(const rasd_entity_extractor *x, size_t b, size_t n, bool covered);
/* A person's name ending at token b ends in a nasab (فلان بن فلان). */
bool ex_nasab_end(const rasd_entity_extractor *x, size_t b);
/* A family name's word with the article (السبيعي): read inside persons' names,
 * in no dictionary. */
bool ex_family_word(const rasd_entity_extractor *x, const tinfo *f);
/* A noun of place without the article right before token a (جزيرة، ولاية،
 * جبال): the name after it is the place's, not a person's. */
bool ex_after_place_noun(const rasd_entity_extractor *x, size_t a);
/* The word before a tagged person at token a is a first name the tagger
 * left out (أحمد [سمير فرج]): the name begins there. */
bool ex_first_name_before(const rasd_entity_extractor *x, size_t a);

/* person_nouns.c: common nouns where a person was read */
/* A kin word with "my" inside the name over [*a, *b) (ابنة [أختي لينا]،
 * [مرام ابنتي]): the name is cut to the words after it, or before it when
 * it ends the name. False when there is none. */
bool ex_kin_cut(const rasd_entity_extractor *x, size_t *a, size_t *b);
/* The name over [a, b) begins with a sound plural (ون، ين، ات) that the
 * dictionary lists as a common noun and the news does not read as a name
 * (مراسلون، تعاقدات الأهلي), alone or before its complement: a group or
 * a department, not a person. */
bool ex_plural_noun(const rasd_entity_extractor *x, size_t a, size_t b);
/* One word with the article at token a (of a sentence of n) after a
 * title, that the dictionary lists and that stands before a name or
 * another title (الملك الصالح سلمان، الرئيس الخالد ياسر عرفات), or after a
 * demonstrative and the title (لهذا الأمير النبيل): the title's epithet. */
bool ex_title_epithet(const rasd_entity_extractor *x, size_t a, size_t n);
/* A firm's or a club's foreign word after the first word of [a, b)
 * (جريلوك بارتنرز، كونيا سبور): no person. */
bool ex_org_word_in_name(const rasd_entity_extractor *x, size_t a, size_t b);

/* person_span.c: where a tagged person begins and whether it is one */
/* The first token of the nasab a tagged person at token a ends (زيد بن
 * [علي]، ابن [حزم]): a itself when none stands before it. */
size_t ex_nasab_start(const rasd_entity_extractor *x, size_t a);
/* A word before بن that is the man's first name (زيد بن، عبدالعزيز بن). */
bool ex_name_before_son(const rasd_entity_extractor *x, const tinfo *t);
/* The tagged person over [a, b) begins with لي or علي after a verb (قال
 * لي أحد، وافق علي الطلب): the preposition, no name. */
bool ex_preposition_after_verb(const rasd_entity_extractor *x, size_t a, size_t b);

/* person_whole.c: a person's name cut short (issue 15) */
/* Token k beside a tagged person is a word of a foreign name the tagger
 * left out: bare, rare, no dictionary's word nor a function word, not
 * read as another name or mostly as a place's or an organisation's. */
bool ex_foreign_name_word(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k);
/* The title at token title is ابن right before the name at token a, which
 * is no first name: the person is ابن X (ابن خلدون), not X's son. */
bool ex_ibn_name(const rasd_entity_extractor *x, size_t title, size_t a, size_t n);
/* The ب، ل or ك the analyzer took off token a is the name's own letter
 * (وقال ب[رايان]، بيار). */
bool ex_name_keeps_letter(const rasd_entity_extractor *x, size_t a);

/* place_evidence.c: a place the tagger found and no dictionary holds is
 * stored once some mention of it in the article says it is a place */
typedef struct ex_pending_places ex_pending_places;
/* The tagged place over tokens [a, b) of a sentence of n, starting at byte
 * start (a clitic cut off), has a word around it that says place. */
bool ex_place_evidence(const rasd_entity_extractor *x, size_t a, size_t b, size_t n, size_t start, size_t sentence);
/* The dictionary (data/lexicon/ar-word-classes.tsv, from ayaspell) lists
 * the word without its clitics as a common noun, an adjective, a verb or
 * a particle (شجرة، طامحة، سنحرم). First names and a few towns are nouns
 * there too (كريم، عمان): a signal to weigh with the words around. */
bool ex_dictionary_word(const rasd_entity_extractor *x, const tinfo *t);
/* The words around the place over tokens [a, b) say place outright: a
 * noun of place before it (قرية، حي، جبل), a direction after it (شمال
 * العراق), or where it lies after it (في ريف حلب، بمحافظة أبين، في
 * لندن). Not a preposition alone, said of every noun, nor a known place
 * beside it, which may be an adjective too (هدر مالي وبشري). */
bool ex_place_said_around(const rasd_entity_extractor *x, size_t a, size_t b, size_t n, size_t sentence);
/* A noun of place with a letter of a preposition the analyzer left on it
 * (بحي، بمقاطعة). */
bool ex_glued_noun_of_place(const rasd_entity_extractor *x, const tinfo *t);
/* A noun of a club, a brand, a company or a work before token first: the
 * name after it is never a place. */
bool ex_never_a_place_after(const rasd_entity_extractor *x, size_t first);
/* A place matched from byte start, after ل on its first word (token
 * first), in a sentence about sport: a club (يلعب للقادسية، هدفين لروما). */
bool ex_team_after_li(const rasd_entity_extractor *x, size_t first, size_t start, size_t n);
/* Records the place the tagger found over tokens [a, b) of a sentence of
 * n (its first letter of a preposition cut off, the first word of a
 * compound it left out put back, an adjective run on cut off), as a
 * place when it or an earlier place of its list (evident) has evidence,
 * else waiting for a mention that has; returns whether it had. */
bool ex_tagged_place(rasd_entity_extractor *x, size_t a, size_t b, size_t n, size_t sentence, bool evident);
void ex_pending_places_free(rasd_entity_extractor *x);
/* A one-word name of a small town of the gazetteer (no capital, no
 * province) with no word around it that says place: a common word or a
 * family name that happens to name a village. */
bool ex_small_town_without_evidence(rasd_entity_extractor *x, const match *m, size_t n, size_t sentence);
/* A place's name inside a person's name of more words the tagger found. */
bool ex_inside_tagged_person(rasd_entity_extractor *x, const match *m, size_t n);

/* tagged_names.c */
/* The name tagger's tags of the sentence in x->t (tagged once, whoever asks
 * first), or NULL without a tagger or memory. */
/* person_shape.c: whether a person found looks like a person's name. */
bool ex_plural_of_common(const rasd_entity_extractor *x, const tinfo *t, bool dual);
bool ex_plural_phrase(const rasd_entity_extractor *x, size_t a, size_t b);
bool ex_person_word_is_common(const rasd_entity_extractor *x, const tinfo *t);
bool ex_title_word_not_name(const rasd_entity_extractor *x, const tinfo *t);
bool ex_article_noun_not_name(const rasd_entity_extractor *x, const tinfo *t);
bool ex_person_cue_before(const rasd_entity_extractor *x, size_t a);
bool ex_named_after_title(const rasd_entity_extractor *x, size_t a);
bool ex_imperfect_verb(const rasd_entity_extractor *x, const tinfo *t);
bool ex_glued_vocative(const rasd_entity_extractor *x, const tinfo *t);
bool ex_glued_hamza(const rasd_entity_extractor *x, const tinfo *t);
bool ex_tribe_before(const rasd_entity_extractor *x, size_t first);
bool ex_begins_with_second_word(const rasd_entity_extractor *x, const tinfo *t);
bool ex_adjective_not_person(const rasd_entity_extractor *x, size_t a);
const rasd_ner_result *ex_sentence_tags(rasd_entity_extractor *x, size_t n);
rasd_status ex_tag_names(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence);

/* untagged_names.c: a person (a cue or ل, a first name, a family name) or
 * a district (بحي، في شارع + a name) where the tagger read nothing. */
void ex_untagged_names(rasd_entity_extractor *x, const rasd_ner_result *tags, size_t n, size_t sentence);
/* After a title, a first name and a family name the tagger did not read
 * at token k (المتحدث باسم النادي رأفت الحمادي): their 2 words, or 0. */
size_t ex_untagged_person_after_title(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k, size_t n);

#endif
