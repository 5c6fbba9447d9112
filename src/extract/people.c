/*
 * people.c: people and references. After a chain of titles, affiliations
 * and adjectives (المتحدث باسم التحالف الدولي، العقيد ...) come one to three
 * name words; credits and datelines (إعداد: ...، المدينة – الكاتب – الوكالة)
 * give authors, editors and the outlet; short references (التنظيم، الشيخ)
 * and titles without a name link back to the one entity they can mean.
 */
#include "extractor.h"

#include <string.h>

/* --------------------------------------------------------------- people */

/* Remembers the last word of a person's name (مايلز كاكينز -> كاكينز) so
 * that a later bare surname in the document means that person. A surname
 * that two people share is forgotten (it could mean either). */
void ex_note_surname(rasd_entity_extractor *x, int person, size_t start, size_t end) {
    if (person < 0) return;
    const char *s = x->text + start;
    size_t n = end - start, last = n;
    while (last > 0 && s[last - 1] != ' ') last--;
    if (last == 0) return; /* one word: nothing to shorten */
    /* فلان بن [سليمان]: the last word after بن is a father's name, which
     * other men's nasabs in the article hold too (الملك سلمان بن
     * عبدالعزيز; على, keyed as علي, after زين العابدين بن علي), not a
     * surname */
    static const char *const SON_OF_WORDS[] = {"\xD8\xA8\xD9\x86 ", "\xD8\xA8\xD9\x86\xD8\xAA "}; /* "بن ", "بنت " */
    for (size_t i = 0; i < 2; i++) {
        size_t w = strlen(SON_OF_WORDS[i]);
        if (last >= w && memcmp(s + last - w, SON_OF_WORDS[i], w) == 0 && (last == w || s[last - w - 1] == ' ')) return;
    }
    char key[256];
    size_t kl = rasd_normalize(s + last, n - last, key, sizeof key);
    if (kl == 0 || kl >= sizeof key) return;
    rasd_strtab_entry *e = rasd_strtab_get(&x->surnames, key, kl, true);
    if (!e) return;
    if (e->count == 0) e->count = (uint32_t)person + 1;
    else if (e->count != (uint32_t)person + 1) e->count = UINT32_MAX; /* shared: ambiguous */
}

bool ex_key_in(const rasd_entity_extractor *x, const tinfo *t, const ex_word *list, size_t n) {
    const char *k = ex_key(x, t->key_off);
    for (size_t i = 0; i < n; i++)
        if (t->key_len == list[i].len && memcmp(k, list[i].w, list[i].len) == 0) return true;
    return false;
}

/* Words that join titles, roles and affiliations before a name. */
static const ex_word CONNECTORS[] = {EX_WORD("باسم"), EX_WORD("في"), EX_WORD("الي"), EX_WORD("لدي"), EX_WORD("عن"),
                                     EX_WORD("لشؤون"), EX_WORD("الخاص"), EX_WORD("الخاصه"), EX_WORD("العام"),
                                     EX_WORD("العامه"), EX_WORD("الرفيع"), EX_WORD("الاعلي"), EX_WORD("السابق"),
                                     EX_WORD("السابقه"), EX_WORD("الجديد"), EX_WORD("المكلف"), EX_WORD("لمحاربه"),
                                     EX_WORD("لمكافحه"), EX_WORD("ضد")};

static const ex_word AFFILIATION_CONNECTORS[] = {EX_WORD("باسم"), EX_WORD("في"), EX_WORD("لدي"), EX_WORD("عن")};

/* Nouns of a body a title belongs to (رئيس مجلس النواب، الناطق باسم
 * المجلس المحلي، المدير العام لمؤسسة ...), compared without clitics: they
 * and the words with the article after them are the affiliation, never the
 * person's name. */
static const ex_word BODY_WORDS[] = {EX_WORD("مجلس"), EX_WORD("هيئه"), EX_WORD("لجنه"), EX_WORD("وزاره"),
                                     EX_WORD("مؤسسه"), EX_WORD("شركه"), EX_WORD("جمعيه"), EX_WORD("منظمه"),
                                     EX_WORD("مركز"), EX_WORD("غرفه"), EX_WORD("جامعه"), EX_WORD("اتحاد"),
                                     EX_WORD("حزب"), EX_WORD("مكتب"), EX_WORD("اداره"), EX_WORD("مديريه"),
                                     EX_WORD("محكمه"), EX_WORD("بلديه"), EX_WORD("دائره"), EX_WORD("جهاز")};

static bool is_body_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word) return false;
    const char *b = ex_key(x, t->base_off);
    for (size_t i = 0; i < sizeof BODY_WORDS / sizeof *BODY_WORDS; i++)
        if (t->base_len == BODY_WORDS[i].len && memcmp(b, BODY_WORDS[i].w, t->base_len) == 0) return true;
    return false;
}

/* An adjective of nationality or scope: the article and a nisba ending. */
static bool is_nisba(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->key_len < 8) return false;
    const char *k = ex_key(x, t->key_off);
    size_t n = t->key_len;
    bool al = memcmp(k, AL, 4) == 0;
    bool ya = memcmp(k + n - 2, "\xD9\x8A", 2) == 0;                             /* ي */
    bool yah = n >= 4 && memcmp(k + n - 4, "\xD9\x8A\xD9\x87", 4) == 0;           /* يه */
    return al && (ya || yah);
}

/* The first name علي written with its ya, which keys the same as the
 * preposition على: news spells the preposition with alif maqsura, the
 * name with ya, so the written form tells them apart. */
static bool is_name_ali(const rasd_entity_extractor *x, const tinfo *t) {
    return t->tok.end - t->tok.start == 6 && memcmp(x->text + t->tok.start, "\xD8\xB9\xD9\x84\xD9\x8A", 6) == 0;
}

static bool can_be_name_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->match >= 0 || t->conj) return false;
    const char *k = ex_key(x, t->key_off);
    if (is_name_ali(x, t)) return true;
    if (rasd_lexicon_is_function_word(rasd_analyzer_lexicon(x->an), k, t->key_len)) return false;
    if (rasd_strtab_get((rasd_strtab *)&x->kn->not_names, k, t->key_len, false)) return false;
    return !ex_key_is(x, t, CONNECTORS);
}

static bool is_comma(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->tok.type != RASD_TOK_PUNCT) return false;
    const char *k = ex_key(x, t->key_off);
    return (t->key_len == 1 && k[0] == ',') || (t->key_len == 2 && memcmp(k, "\xD8\x8C", 2) == 0); /* , ، */
}

/* The person an unnamed title refers to: the one earlier person with that
 * role (and affiliation, when both are known). */
static int person_by_role(const rasd_entity_extractor *x, const char *role, uint32_t affiliation) {
    int found = -1;
    for (size_t i = x->out.count > RECENT ? x->out.count - RECENT : 0; i < x->out.count; i++) {
        const rasd_entity *e = &x->out.items[i];
        if (!e->role || strcmp(e->role, role) != 0) continue;
        if (affiliation != UINT32_MAX && e->affiliation != UINT32_MAX && e->affiliation != affiliation) continue;
        if (found >= 0) return -1; /* two candidates: not unambiguous */
        found = (int)i;
    }
    return found;
}

const rasd_ner_entity *ex_tagged_at(const rasd_ner_result *tags, size_t k) {
    if (!tags) return NULL;
    for (size_t i = 0; i < tags->n_entities; i++) {
        const rasd_ner_entity *ne = &tags->entities[i];
        if (ne->first_token > k) break;
        if (k < ne->end_token) return ne;
    }
    return NULL;
}

/* A family name with the article and nothing else attached (الخلف،
 * الزاملي), rarer in news than `below` times when below is not 0. */
static bool family_name(const rasd_entity_extractor *x, const tinfo *t, uint32_t below) {
    if (!t->art_len || t->bi || t->li || !can_be_name_word(x, t)) return false;
    if (t->art_off + t->art_len != t->key_off + t->key_len) return false; /* a prefix before ال, or an enclitic */
    return !below || rasd_lexicon_count(rasd_analyzer_lexicon(x->an), ex_key(x, t->key_off), t->key_len) < below;
}

/* A family name the tagger may not know is rarer than this in news. */
#define RARE_FAMILY_COUNT 50

/* A word too rare in news to be a common word (موشيه، يعالون) and without
 * the article or a preposition: the kind of word a foreign or uncommon name
 * is made of, which the tagger, trained on other names, may not read. */
#define RARE_WORD_COUNT 50

static bool rare_bare_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!can_be_name_word(x, t) || t->art_len || t->bi || t->li) return false;
    if (is_name_ali(x, t)) return true;
    if (t->base_off + t->base_len != t->key_off + t->key_len) return false; /* an enclitic: نظيرتها */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) < RARE_WORD_COUNT;
}

/* How many words from a make a name the tagger did not read: two or three
 * rare bare words (وزير الدفاع موشيه يعالون), or one and a family name with
 * the article (وقريبه دعار الخلف); never a common word first. One rare
 * word alone is as often a verb or a noun in an uncommon form (التزم،
 * خاطبت) as a name. */
static size_t rare_name_words(const rasd_entity_extractor *x, size_t a, size_t n) {
    size_t b = a;
    while (b < n && b - a < MAX_NAME_WORDS && rare_bare_word(x, &x->t[b])) b++;
    /* a verb's imperfect (يحترم المواثيق) looks the same: not a first word
     * with its prefix ي */
    if (b == a + 1 && b < n && family_name(x, &x->t[b], 0) && memcmp(ex_key(x, x->t[a].key_off), "\xD9\x8A", 2) != 0)
        b++;
    return b - a >= 2 ? b - a : 0;
}

/* Verbs and participles that introduce a name: "an engineer called ..."
 * (مهندس يدعى علي مطر، الشاب المدعو ...). */
static const ex_word NAMED_CUES[] = {EX_WORD("يدعي"), EX_WORD("تدعي"), EX_WORD("المدعو"), EX_WORD("المدعوه"),
                                     EX_WORD("ويدعي"), EX_WORD("وتدعي")};
/* ما يدعى: "the so-called", before a thing (ما يدعى بالتحالف) */
static const ex_word SO_CALLED[] = {EX_WORD("ما"), EX_WORD("بما"), EX_WORD("لما")};

/* Nouns of a thing or a group a name after يدعى، تدعى is the name of
 * (مجلة أميركية تدعى ...، فرقة تدعى ...، قرية صغيرة تدعى ...). */
static const ex_word THING_CALLED[] = {EX_WORD("مجله"),  EX_WORD("صحيفه"), EX_WORD("شركه"),  EX_WORD("مجموعه"),
                                       EX_WORD("جماعه"), EX_WORD("فرقه"),  EX_WORD("قريه"),  EX_WORD("بلده"),
                                       EX_WORD("مدينه"), EX_WORD("منطقه"), EX_WORD("جزيره"), EX_WORD("سفينه"),
                                       EX_WORD("منظمه"), EX_WORD("حركه"),  EX_WORD("جمعيه"), EX_WORD("مؤسسه"),
                                       EX_WORD("عصابه"), EX_WORD("تطبيق"), EX_WORD("لعبه"),  EX_WORD("طابعه"),
                                       EX_WORD("شبكه"),  EX_WORD("قناه"),  EX_WORD("مدرسه"), EX_WORD("كتيبه")};

static const ex_word FEMININE_CUES[] = {EX_WORD("تدعي"), EX_WORD("وتدعي")};

/* The words after the cue at token i, from token a, are no person's: the
 * cue is the verb "claims" before a particle or a common noun (تدعي أنها
 * ...، يدعي الإسلام الحقيقي, which the dictionary lists as no name), or
 * the thing before the cue is a group's, a periodical's or a place's. */
static bool named_not_a_person(const rasd_entity_extractor *x, size_t i, size_t a) {
    const tinfo *first = &x->t[a];
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t c = rasd_lexicon_word_class(lex, ex_key(x, first->base_off), first->base_len);
    if ((c & RASD_WORD_FUNCTION) && !(c & RASD_WORD_NOUN)) return true;
    if (first->art_len && (c & RASD_WORD_NOUN) && !ex_mostly_named(x, first, RASD_NER_PERS)) return true;
    /* the noun right before the cue, or before its feminine adjective
     * when the cue is feminine (مجلة أميركية تدعى; not مدينة أديامان يدعى:
     * a man from the town) */
    if (i == 0 || !x->t[i - 1].word) return false;
    if (ex_key_is(x, &x->t[i - 1], THING_CALLED)) return true;
    const tinfo *adj = &x->t[i - 1];
    const char *k = ex_key(x, adj->key_off);
    return i >= 2 && x->t[i - 2].word && ex_key_is(x, &x->t[i], FEMININE_CUES) && adj->key_len >= 4 &&
           memcmp(k + adj->key_len - 2, "\xD9\x87", 2) == 0 /* ة as normalized */ && ex_key_is(x, &x->t[i - 2], THING_CALLED);
}

/* The one to three name words after such a cue. */
static void find_named(rasd_entity_extractor *x, size_t n, size_t sentence) {
    for (size_t i = 0; i + 1 < n; i++) {
        /* every cue is 6 to 14 bytes: the length first, the lists only then */
        if (!x->t[i].word || x->t[i].key_len < 6 || x->t[i].key_len > 14 || !ex_key_is(x, &x->t[i], NAMED_CUES)) continue;
        if (i > 0 && x->t[i - 1].word && ex_key_is(x, &x->t[i - 1], SO_CALLED)) continue;
        size_t a = i + 1, b = a;
        while (b < n && b - a < MAX_NAME_WORDS && can_be_name_word(x, &x->t[b]) && !x->t[b].bi && !x->t[b].li &&
               x->t[b].base_len >= 4)
            b++;
        if (b == a) continue;
        /* يدعي العصمة "claims infallibility": a common word, no name */
        if (b == a + 1 && (ex_title_word_not_name(x, &x->t[a]) || ex_article_noun_not_name(x, &x->t[a]))) continue;
        if (named_not_a_person(x, i, a)) continue;
        size_t start = x->t[a].tok.start, end = x->t[b - 1].tok.end;
        int person = ex_entity_for_person(x, x->text + start, end - start, RASD_FROM_TITLE);
        ex_mention_entity(x, person, (rasd_mention){start, end, sentence, "named", 0});
        ex_note_surname(x, person, start, end);
        i = b - 1;
    }
}

/* An accusative of state or manner (متأثرا، مشيرا): a long word ending in
 * alif, which names seldom are. */
static bool adverbial(const rasd_entity_extractor *x, const tinfo *t) {
    const char *k = ex_key(x, t->key_off);
    return t->key_len >= 10 && memcmp(k + t->key_len - 2, "\xD8\xA7", 2) == 0;
}

static const ex_word SON_OF[] = {EX_WORD("بن"), EX_WORD("بنت"), EX_WORD("ابن")};

/* Where a name whose علي is token i begins: علي is as often a father's
 * or a compound's part as a first name (محمد علي فلان، يوسف بن علي
 * فلان، فهد بن علي فلان), and the name then begins at the first name
 * before it, with بن between. */
static size_t ali_name_start(const rasd_entity_extractor *x, size_t i) {
    size_t s = i;
    while (s > 0 && i - s < 4) {
        const tinfo *p = &x->t[s - 1];
        if (!p->word || p->match >= 0 || ex_has_prefix(p)) break;
        if (ex_key_is(x, p, SON_OF) && s >= 2 && ex_name_before_son(x, &x->t[s - 2])) {
            s -= 2;
            continue;
        }
        if (!p->art_len && ex_first_name(x, p) && !is_name_ali(x, p)) {
            s--;
            continue;
        }
        break;
    }
    return s;
}

/* علي written with ya and followed by a name: news writes the preposition
 * على with alif maqsura (in SaudiNewsNet, 3,476 علي to 117,068 على), and the
 * tagger, trained on text where both were spelt alike, misses the name. */
static void find_ali(rasd_entity_extractor *x, size_t n, size_t sentence) {
    for (size_t i = 0; i + 1 < n; i++) {
        const tinfo *t = &x->t[i];
        if (!t->word || t->match >= 0 || !is_name_ali(x, t)) continue;
        size_t b = i + 1;
        while (b < n && b - i < MAX_NAME_WORDS) {
            const tinfo *w = &x->t[b];
            if (!can_be_name_word(x, w) || w->bi || w->li || is_name_ali(x, w)) break;
            if (w->base_off + w->base_len != w->key_off + w->key_len) break; /* an enclitic: a noun, not a name */
            if (adverbial(x, w)) break;
            /* a common word seldom in a name ends it (علي فلان مجموعة من) */
            if (b > i + 1 && ex_common_word_not(x, w, RASD_NER_PERS)) break;
            /* the family name ends it; after a second name, only one shaped
             * as one (علي أحمد الغامدي, not علي دوابشة البالغ) */
            if (w->art_len && b > i + 1 && !is_nisba(x, w) && !family_name(x, w, RARE_FAMILY_COUNT) &&
                !ex_family_word(x, w))
                break;
            b++;
            if (w->art_len) break;
        }
        b = ex_name_end(x, i, b); /* not a verb after it (علي صالح استمر يحكم) */
        if (b - i < 2 || b - i > MAX_NAME_WORDS) continue;
        size_t from = ali_name_start(x, i);
        /* وافق علي الطلب: the preposition after a verb */
        if (from == i && ex_preposition_after_verb(x, i, b)) continue;
        size_t start = x->t[from].tok.start, end = x->t[b - 1].tok.end;
        int person = ex_entity_for_person(x, x->text + start, end - start, RASD_FROM_TAGGER);
        ex_mention_entity(x, person, (rasd_mention){start, end, sentence, "name:ali", 0});
        ex_note_surname(x, person, start, end);
        i = b - 1;
    }
}

/* After a title, an organisation no list holds and the tagger did not
 * read either (رئيس هيئة الموانئ، خليل داود؛ المدير العام لمؤسسة النور
 * للإعلام فريد منصور): a word, then words with the article or a
 * preposition, connectors, names of lists and at most one comma, up to a
 * person the tagger found. Returns that person's first token, or k. */
#define MAX_AFFILIATION_WORDS 6

static size_t skip_unknown_affiliation(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k, size_t n) {
    if (!tags || k >= n || !x->t[k].word || x->t[k].match >= 0 || !can_be_name_word(x, &x->t[k])) return k;
    size_t commas = 0;
    for (size_t j = k + 1; j < n && j - k <= MAX_AFFILIATION_WORDS; j++) {
        const tinfo *t = &x->t[j];
        const rasd_ner_entity *ne = ex_tagged_at(tags, j);
        if (ne && ne->first_token == j && ne->type == RASD_NER_PERS) return j;
        if (is_comma(x, t) && commas++ == 0) continue;
        if (t->match >= 0) {
            const match *m = &x->m[t->match];
            if (m->title >= 0) return k; /* another title: its own chain */
            j = m->tj;
            continue;
        }
        if (!t->word || !(t->art_len || t->li || t->bi || ex_key_is(x, t, CONNECTORS))) return k;
    }
    return k;
}

/* A long name after a title (عبدالرحمن بن صالح العطيشان) when the tagger
 * reads it so; without the tagger, MAX_NAME_WORDS. */
#define MAX_TAGGED_NAME_WORDS 5

void ex_find_people(rasd_entity_extractor *x, size_t n, size_t sentence) {
    /* The words after a title are a name only when the tagger reads a
     * person there: after رئيس، مدير، المتحدث باسم come organisations
     * (منظمة الطاقة الذرية، لمؤسسة ...)، verbs and common nouns far more
     * often than a name the title chain could tell apart by itself. */
    const rasd_ner_result *tags = NULL;
    for (size_t mi = 0; mi < x->n_m && !tags && x->tagger; mi++)
        if (x->m[mi].title >= 0) tags = ex_sentence_tags(x, n);
    find_named(x, n, sentence);
    find_ali(x, n, sentence);
    for (size_t mi = 0; mi < x->n_m; mi++) {
        match *first = &x->m[mi];
        if (first->title < 0) continue;
        const rasd_title *role_title = &x->kn->titles[first->title];
        const match *last_title = first;
        uint32_t affiliation = UINT32_MAX;
        size_t k = first->tj + 1, commas = 0;
        int person_actor = -1;
        /* After باسم، في، لدى the words describe whom the person serves:
         * a title there (المتحدث باسم الأمين العام) is not the person's own,
         * until a comma opens an apposition (، العقيد ...). */
        bool in_affiliation = false;
        while (k < n) {
            tinfo *t = &x->t[k];
            if (t->skip) { k++; continue; }
            if (is_comma(x, t) && commas < 2) { commas++; k++; in_affiliation = false; continue; }
            if (t->match >= 0) {
                match *mm = &x->m[t->match];
                if (mm->title >= 0 && mm->entity < 0) {
                    if (!in_affiliation) last_title = mm;
                    k = mm->tj + 1;
                    mi = (size_t)t->match;
                    continue;
                }
                if (mm->entity >= 0) {
                    const rasd_entity *e = &x->out.items[mm->entity];
                    if (e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "person") == 0) {
                        person_actor = mm->entity;
                        break;
                    }
                    if (affiliation == UINT32_MAX) affiliation = (uint32_t)mm->entity;
                    k = mm->tj + 1;
                    continue;
                }
                if (mm->place >= 0) { k = mm->tj + 1; continue; }
            }
            if (is_body_word(x, t) && t->match < 0) {
                /* «... المدير العام لمؤسسة كذا»: the body's own name follows,
                 * the person was named before the title */
                if (t->li) {
                    k = n;
                    break;
                }
                for (k++; k < n && x->t[k].word && (x->t[k].art_len || x->t[k].bi) && x->t[k].match < 0; k++) {}
                continue;
            }
            if (t->word && t->key_len == 2 && memcmp(ex_key(x, t->key_off), "\xD9\x84", 2) == 0) { /* لـ«...» */
                k++;
                continue;
            }
            if (t->word && ex_key_is(x, t, AFFILIATION_CONNECTORS)) in_affiliation = true;
            if (t->word && (ex_key_is(x, t, CONNECTORS) || is_nisba(x, t))) { k++; continue; }
            /* an organisation or a place the tagger found and no list holds
             * (رئيس منظمة الطاقة الذرية، علي ...): the affiliation */
            const rasd_ner_entity *ne = ex_tagged_at(tags, k);
            if (ne && ne->first_token == k && (ne->type == RASD_NER_ORG || ne->type == RASD_NER_LOC)) {
                k = ne->end_token;
                continue;
            }
            break;
        }
        int person = person_actor;
        bool ibn = false;
        if (person < 0) {
            size_t a = k, b = k, most = MAX_NAME_WORDS;
            if (tags) {
                const rasd_ner_entity *ne = ex_tagged_at(tags, k);
                if (!ne && rare_name_words(x, k, n) == 0) {
                    k = skip_unknown_affiliation(x, tags, k, n);
                    a = b = k;
                    ne = ex_tagged_at(tags, k);
                }
                most = ne && ne->type == RASD_NER_PERS ? ne->end_token - k : ne ? 0 : rare_name_words(x, k, n);
                /* a first name and a family name the tagger did not read
                 * (المتحدث باسم النادي رأفت الحمادي): the title says person */
                if (!ne && most == 0) most = ex_untagged_person_after_title(x, tags, k, n);
                /* a first name the tagger knows before a family name it
                 * does not (عبدالعزيز الخنين) */
                if (most == 1 && ne && k + 1 < n && family_name(x, &x->t[k + 1], RARE_FAMILY_COUNT)) most = 2;
                /* and rare words after the part it read (موسوني واكابا),
                 * not a verb the news never has inside a name (طلال الفهد صدم) */
                if (ne && ne->type == RASD_NER_PERS)
                    while (k + most < n && most < MAX_NAME_WORDS && rare_bare_word(x, &x->t[k + most]) &&
                           !ex_never_in_names(x, &x->t[k + most]))
                        most++;
                if (most > MAX_TAGGED_NAME_WORDS) most = MAX_TAGGED_NAME_WORDS;
            }
            /* a name after a title carries no preposition ل (المقدم لي لعودتي:
             * "offered to me for my return"; الملك عبدالعزيز للعلوم). Not ب:
             * the analyzer reads it off foreign names (باهيمي). */
            while (b < n && b - a < most && can_be_name_word(x, &x->t[b]) && !(tags && x->t[b].li)) b++;
            if (tags && b > a) b = ex_name_end(x, a, b); /* not a verb or a noun after it (العوفي مساعد) */
            /* [علي عبدالله] الغانم: a family name with the article the
             * news reads inside persons' names, left after the name */
            if (tags && b > a && (b - a < MAX_NAME_WORDS || ex_nasab_end(x, b)) && ex_family_name_after(x, b, n, false)) b++;
            /* [سعد بن محمد] آل فلان: or a family's name with آل */
            else if (tags && b > a && ex_al_family_after(x, b, n, false)) b += 2;
            /* one word that no name is made of (الأمير استقال، ابن أخته) */
            if (tags && b == a + 1 && ex_title_word_not_name(x, &x->t[a])) b = a;
            /* الملك الصالح سلمان، لهذا الأمير النبيل: the title's epithet */
            if (tags && b == a + 1 && ex_title_epithet(x, a, n)) b = a;
            /* مدير تعاقدات الأهلي، شركة جريلوك بارتنرز: a department or a
             * firm; ابنة أختي لينا: a kin word with "my", the speaker's
             * relative, whose name the title does not give */
            if (tags && b > a && (ex_plural_noun(x, a, b) || ex_org_word_in_name(x, a, b))) b = a;
            size_t ka = a, kb = b;
            if (tags && b > a && ex_kin_cut(x, &ka, &kb)) b = a;
            /* فندق الملك داود، طريق الملك عبدالله: the title and the name
             * name a building or a road, not a mention of the person */
            if (b > a && ex_named_after(x, first->ti)) continue;
            /* رئيس جمعية ...، مدير فندق «...»: the body's name, not a person's */
            if (b > a && ex_work_title(x, a)) b = a;
            /* شيخ قبيلة بني ظبيان: the tribe's name; بآلتن: a preposition
             * glued to a word */
            if (b > a && (ex_tribe_before(x, a) || ex_glued_hamza(x, &x->t[a]))) b = a;
            /* ابن [خلدون]: ابن before a word that is no first name is the
             * name's own, not a relative's title */
            ibn = b > a && last_title->ti == last_title->tj && ex_ibn_name(x, last_title->tj, a, n);
            if (b > a) {
                size_t start = ibn ? x->t[a - 1].base_start : x->t[a].tok.start, end = x->t[b - 1].tok.end;
                person = ex_entity_for_person(x, x->text + start, end - start, RASD_FROM_TITLE);
                ex_mention_entity(x, person, (rasd_mention){start, end, sentence, "title+name", 0});
                /* ابن مانع: مانع alone later is as often a nasab's part
                 * (سعيد بن مانع) as this man */
                if (!ibn) ex_note_surname(x, person, start, end);
            } else {
                /* a title with no name: the one earlier person who holds it */
                int ref = person_by_role(x, role_title->role, affiliation);
                if (ref >= 0)
                    ex_mention_entity(x, ref, (rasd_mention){first->start, last_title->end, sentence, "coref:title", 0});
                continue;
            }
        }
        if (person < 0) {
            x->failed = true;
            return;
        }
        rasd_entity *e = &x->out.items[person];
        if (ibn && first == last_title) continue; /* ابن خلدون: no title before the name */
        /* الإمام ابن حزم: the title is the one before ابن */
        const match *shown = ibn ? first : last_title;
        if (!e->title) e->title = ex_dup(x->text + shown->start, shown->end - shown->start);
        if (!e->role) e->role = ex_dup(role_title->role, strlen(role_title->role));
        if (e->affiliation == UINT32_MAX && affiliation != UINT32_MAX && (int)affiliation != person)
            e->affiliation = affiliation;
    }
}

/* ------------------------------------------------------------- bylines */

static const ex_word CREDIT_AUTHOR[] = {EX_WORD("اعداد"), EX_WORD("كتابه"), EX_WORD("بقلم"), EX_WORD("تقرير"),
                                        EX_WORD("اعداد:")};
static const ex_word CREDIT_EDITOR[] = {EX_WORD("تحرير"), EX_WORD("مراجعه"), EX_WORD("تدقيق")};

static void set_byline_person(rasd_entity_extractor *x, size_t a, size_t b, size_t sentence, const char *role) {
    size_t start = x->t[a].tok.start, end = x->t[b - 1].tok.end;
    int p = ex_entity_for_person(x, x->text + start, end - start, RASD_FROM_BYLINE);
    ex_mention_entity(x, p, (rasd_mention){start, end, sentence, "byline", 0});
    if (p >= 0 && !x->out.items[p].byline_role) x->out.items[p].byline_role = ex_dup(role, strlen(role));
}

/* Credits (إعداد: فلان - تحرير: فلان) and datelines with a byline
 * (المدينة – الكاتب – الوكالة) in a short paragraph. */
void ex_find_byline(rasd_entity_extractor *x, size_t n, size_t sentence) {
    size_t words = 0;
    for (size_t i = 0; i < n; i++) words += x->t[i].word;
    if (words == 0 || words > 10) return;
    for (size_t i = 0; i + 1 < n; i++) {
        const tinfo *t = &x->t[i];
        /* the colon first: it is rare, the credit words are eight strcmp */
        if (x->t[i + 1].tok.type != RASD_TOK_PUNCT || strcmp(ex_key(x, x->t[i + 1].key_off), ":") != 0) continue;
        const char *role = ex_key_is(x, t, CREDIT_AUTHOR) ? "author" : ex_key_is(x, t, CREDIT_EDITOR) ? "editor" : NULL;
        if (!role) continue;
        size_t a = i + 2, b = a;
        while (b < n && b - a < MAX_NAME_WORDS && can_be_name_word(x, &x->t[b]) && !ex_key_is(x, &x->t[b], CREDIT_AUTHOR) &&
               !ex_key_is(x, &x->t[b], CREDIT_EDITOR))
            b++;
        /* «تقرير: تراجع الإيرادات»: a headline after the word, no author */
        if (b > a && ex_title_word_not_name(x, &x->t[a])) continue;
        if (b > a) set_byline_person(x, a, b, sentence, role);
    }
    /* PLACE – NAME – OUTLET */
    size_t dash[4], nd = 0;
    for (size_t i = 0; i < n && nd < 4; i++)
        if (ex_is_dash(x, &x->t[i])) dash[nd++] = i;
    if (nd == 2 && dash[1] > dash[0] + 1 && x->t[0].match >= 0 && x->m[x->t[0].match].place >= 0) {
        size_t a = dash[0] + 1, b = a;
        while (b < dash[1] && can_be_name_word(x, &x->t[b])) b++;
        if (b == dash[1] && b - a <= MAX_NAME_WORDS) set_byline_person(x, a, b, sentence, "author");
    }
    /* NAME – OUTLET, a line of its own under the headline: two or three
     * words no list holds before the only dash, one to three after it. A
     * place first (الرياض – واس) is a dateline, matched and so no name. */
    if (nd == 1 && dash[0] >= 2 && dash[0] <= MAX_NAME_WORDS && n - dash[0] - 1 >= 1 && n - dash[0] - 1 <= 3 &&
        ex_opens_line(x, x->t[0].tok.start)) {
        size_t b = 0;
        while (b < dash[0] && can_be_name_word(x, &x->t[b])) b++;
        if (b == dash[0]) set_byline_person(x, 0, b, sentence, "author");
    }
    if (nd >= 1) { /* the outlet after the last dash */
        size_t i = dash[nd - 1] + 1;
        while (i < n && x->t[i].skip) i++;
        if (i < n && x->t[i].match >= 0 && x->m[x->t[i].match].entity >= 0) {
            const rasd_entity *e = &x->out.items[x->m[x->t[i].match].entity];
            if (e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "media") == 0)
                x->out.outlet = (uint32_t)x->m[x->t[i].match].entity;
        }
    }
}

/* ---------------------------------------------------------- references */

/* Short references (التنظيم، الشيخ، الوزير) to the one earlier entity they
 * can mean: data/kb/references.tsv says what each word refers to. */
void ex_link_references(rasd_entity_extractor *x, size_t n, size_t sentence) {
    const rasd_knowledge *kn = x->kn;
    for (size_t i = 0; i < n; i++) {
        const tinfo *t = &x->t[i];
        if (!t->word || t->match >= 0 || x->covered[i]) continue;
        /* a bare surname of a person named in full earlier (لـكاكينز too) */
        const rasd_strtab_entry *sn =
            x->surnames.used ? rasd_strtab_get_hashed(&x->surnames, ex_key(x, t->base_off), t->base_len, t->base_hash, false)
                             : NULL;

        if (sn && sn->count != UINT32_MAX) {
            ex_mention_entity(x, (int)sn->count - 1, (rasd_mention){t->base_start, t->tok.end, sentence, "coref:surname", 0});
            continue;
        }
        const char *k = t->art_len ? ex_key(x, t->art_off) : ex_key(x, t->key_off);
        size_t kl = t->art_len ? t->art_len : t->key_len;
        uint64_t kh = t->art_len ? t->art_hash : t->key_hash;
        if (!rasd_bits_may_hold_hashed(kn->ref_bits, kh)) continue; /* rasd_knowledge_may_refer, hashed */
        const rasd_strtab_entry *r = rasd_strtab_get_hashed((rasd_strtab *)&kn->ref_words, k, kl, kh, false);
        if (!r) continue;
        const rasd_reference *ref = &kn->refs[r->count - 1];
        int found = -1;
        bool two = false;
        for (size_t e = x->out.count > RECENT ? x->out.count - RECENT : 0; e < x->out.count && !two; e++) {
            const rasd_entity *en = &x->out.items[e];
            bool ok;
            if (ref->what == RASD_REF_TYPE)
                ok = en->actor != UINT32_MAX && strcmp(kn->actors[en->actor].type, ref->value) == 0;
            else if (ref->what == RASD_REF_ROLE)
                ok = en->role && strcmp(en->role, ref->value) == 0;
            else
                ok = en->title && strstr(en->title, ref->value) != NULL;
            if (!ok || en->n_mentions == 0 || en->mentions[0].start > t->tok.start) continue;
            if (found >= 0) two = true;
            else found = (int)e;
        }
        if (found >= 0 && !two) {
            size_t start = t->art_len ? t->art_start : t->tok.start;
            ex_mention_entity(x, found, (rasd_mention){start, t->tok.end, sentence, "coref:reference", 0});
        }
    }
}
