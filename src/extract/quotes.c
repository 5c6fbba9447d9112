/*
 * quotes.c: who said what. Per sentence:
 *  - direct quotations: words between quotation marks (three or more, so a
 *    name in quotes such as “قسد” is not a quotation);
 *  - reporting verbs (data/quotes/verbs.tsv): a quotation after the verb is
 *    its quotation, and so are the quotations that follow it before the next
 *    verb (قال: «...» و«...»); a quotation with no verb before it takes the
 *    next verb (post-attribution: «...»، قال فلان); a verb followed by إن/أن
 *    and no quotation reports its clause (indirect); a verb with neither
 *    reports its object (أكد فلان دعمه ...، أشار إلى ...);
 *  - circumstantial participles (قائلا، مؤكدة، مشيرا إلى أن) report with the
 *    subject of their sentence;
 *  - "according to" (وفق، بحسب، حسبما أفاد): the clause before, or the clause
 *    after فإن, is the words of the source named after it;
 *  - a headline or paragraph that opens with a name and a colon (فلان: ...);
 *  - the speaker: the first person named after the verb, else the first
 *    actor (قال المتحدث باسم التحالف الدولي، العقيد ... : the colonel), else
 *    a title with no name (قال المحافظ), else one named before it; never the
 *    outlet spoken to (لـ«الوطن»، لوكالة); a document as subject (وذكر
 *    البيان) speaks for its issuer, an unnamed one (مسؤول، مصدر) is flagged
 *    anonymous with the actor it belongs to, and a verb with no subject
 *    (وأضاف، وتابع) continues the last speaker, named or not;
 *  - the channel: a statement (بيان) or a post (تغريدة، منشور على منصة).
 * Spans are byte offsets; the speaker's words are kept verbatim.
 */
#include "extractor.h"

#include <string.h>

#define MIN_QUOTE_WORDS 3
#define SUBJECT_WINDOW 20 /* tokens after the verb searched for its subject */
/* Without a quotation or إن/أن to end it, the subject must stand close to
 * the verb: a name further on belongs to what is reported (أكد المحافظ دعم
 * الأمير فلان). A title and a name take up to this many tokens. */
#define OBJECT_SUBJECT_WINDOW 9
#define HEADLINE_WORDS 6 /* words before the colon of «فلان: ...» */

typedef struct mention_ref {
    size_t start, end;
    size_t ti; /* the token it starts in */
    int entity;
    bool person;
    bool addressee; /* spoken to, not speaking: لـ«الوطن»، لوكالة الأنباء */
} mention_ref;

/* Index of the token holding byte pos (the last one starting at or before it). */
static size_t token_at(const rasd_entity_extractor *x, size_t n, size_t pos) {
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->t[mid].tok.start <= pos) lo = mid;
        else hi = mid;
    }
    return lo;
}

static bool key_is(const rasd_entity_extractor *x, const tinfo *t, const char *word) {
    return t->word && t->key_len == strlen(word) && memcmp(ex_key(x, t->key_off), word, t->key_len) == 0;
}

static bool base_is(const rasd_entity_extractor *x, const tinfo *t, const char *word) {
    return t->word && t->base_len == strlen(word) && memcmp(ex_key(x, t->base_off), word, t->base_len) == 0;
}

/* The entity mentions of this sentence, in text order. */
static size_t sentence_mentions(const rasd_entity_extractor *x, size_t n, size_t sentence, mention_ref *out,
                                size_t cap) {
    size_t nm = 0;
    size_t from = x->out.count > RECENT ? x->out.count - RECENT : 0;
    for (size_t e = from; e < x->out.count; e++) {
        const rasd_entity *en = &x->out.items[e];
        bool person = en->actor == UINT32_MAX ? (!en->type || strcmp(en->type, "person") == 0)
                                              : strcmp(x->kn->actors[en->actor].type, "person") == 0;
        for (size_t m = en->n_mentions; m-- > 0 && en->mentions[m].sentence == sentence;) {
            if (nm == cap) break;
            out[nm++] = (mention_ref){en->mentions[m].start, en->mentions[m].end, 0, (int)e, person, false};
        }
    }
    for (size_t i = 1; i < nm; i++) /* insertion sort: a sentence has few mentions */
        for (size_t j = i; j > 0 && out[j - 1].start > out[j].start; j--) {
            mention_ref t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    for (size_t i = 0; i < nm && n; i++) {
        size_t ti = token_at(x, n, out[i].start);
        out[i].ti = ti;
        /* ل on the name itself, or لـ standing before it (quotation marks between) */
        size_t p = ti;
        while (p > 0 && x->t[p - 1].skip) p--;
        out[i].addressee = x->t[ti].li || (p > 0 && key_is(x, &x->t[p - 1], "\xD9\x84")); /* ل */
    }
    return nm;
}

static uint32_t lookup(const rasd_strtab *table, const uint64_t bits[1024], const char *key, size_t len,
                       uint64_t hash) {
    if (!rasd_bits_may_hold_hashed(bits, hash)) return 0;
    const rasd_strtab_entry *e = rasd_strtab_get_hashed((rasd_strtab *)table, key, len, hash, false);
    return e ? e->count : 0;
}

/* Forced inline: it runs twice for every word of every article, and its
 * call's entry and exit (the registers it saves) were 40% of its cost
 * (callgrind, 2,000 articles: 19M of 46M instructions; 500 articles:
 * ex_quote_kinds 17.0M -> 12.1M, analyze -0.35%). */
static inline __attribute__((always_inline)) uint32_t kind_of(const rasd_strtab *table, const uint64_t bits[1024],
                                                              const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word) return 0;
    uint32_t k = lookup(table, bits, ex_key(x, t->base_off), t->base_len, t->base_hash);
    if (!k && t->key_len != t->base_len) k = lookup(table, bits, ex_key(x, t->key_off), t->key_len, t->key_hash);
    /* و or ف the clitic splitter kept (وأضاف is so frequent that the
     * lexicon cannot tell it from a word): these lists hold no word that
     * starts with و or ف followed by one of their own entries */
    const char *key = ex_key(x, t->key_off);
    if (!k && t->key_len > 4 && (memcmp(key, "\xD9\x88", 2) == 0 || memcmp(key, "\xD9\x81", 2) == 0))
        k = lookup(table, bits, key + 2, t->key_len - 2, rasd_hash_bytes(key + 2, t->key_len - 2));
    return k;
}

void ex_quote_kinds(const rasd_entity_extractor *x, tinfo *t) {
    t->say = t->word && !t->art_len ? (uint8_t)kind_of(&x->kn->say_verbs, x->kn->say_bits, x, t) : 0;
    /* with ل or ب it is a verbal noun (لكشف، بتأكيد), save بقوله */
    if (t->say && (t->li || t->bi) && !base_is(x, t, "قول")) t->say = 0;
    t->source = t->word ? (uint8_t)kind_of(&x->kn->quote_sources, x->kn->source_bits, x, t) : 0;
    /* فحسب (only) is not حسب (according to) */
    if (t->source == RASD_SOURCE_ACCORDING && key_is(x, t, "\xD9\x81\xD8\xAD\xD8\xB3\xD8\xA8")) t->source = 0;
}

static bool is_quote_mark(const tinfo *t) { return t->skip && t->tok.type == RASD_TOK_PUNCT; }

static bool is_punct(const rasd_entity_extractor *x, const tinfo *t, const char *p) {
    return t->tok.type == RASD_TOK_PUNCT && strcmp(ex_key(x, t->key_off), p) == 0;
}

/* إن or أن (with or without a pronoun attached: إنه، أنهم، بأن، فإن) */
static bool is_an(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word) return false;
    const char *b = ex_key(x, t->base_off);
    return t->base_len == 4 && memcmp(b, "\xD8\xA7\xD9\x86", 4) == 0; /* ان */
}

/* أن after بعد، قبل، منذ ... is a conjunction of time or cause (بعد أن
 * اقتحم مسلحون), not what a verb reports. */
static bool after_conjunction(const rasd_entity_extractor *x, size_t k) {
    static const char *const WORDS[] = {"بعد", "قبل", "منذ", "دون", "بدون", "رغم", "لاجل", "اجل", "حتي",
                                        "غير", "الا", "بيد", NULL}; /* ... and غير أن: however */
    if (k == 0) return false;
    for (const char *const *w = WORDS; *w; w++)
        if (key_is(x, &x->t[k - 1], *w)) return true;
    return false;
}

/* A preposition that opens what a verb reports: أشار إلى، شدد على، كشف عن */
static bool is_object_preposition(const rasd_entity_extractor *x, const tinfo *t) {
    return key_is(x, t, "الي") || key_is(x, t, "علي") || key_is(x, t, "عن");
}

/* Verbs that report only what follows أن, a colon or a quotation: with a
 * bare object they mean something else (أضاف إلى: added to; نقل: carried;
 * إبان: during, spelt as أبان; جاء: came; توقع: signs). Keys, clitics off. */
static bool no_object(const rasd_entity_extractor *x, const tinfo *t) {
    static const char *const WORDS[] = {"اضاف", "اضافت", "يضيف", "تضيف", "نقل", "نقلت", "ينقل", "ابان", "ابانت",
                                        "جاء", "نشر", "نشرت", "كتب", "كتبت", "توقع", NULL};
    for (const char *const *w = WORDS; *w; w++)
        if (base_is(x, t, *w)) return true;
    return false;
}

/* أعلن with a bare object announces a deed (أعلنت قسد تحرير المدينة): an
 * event the event coder reads, with its agent; what it says follows عن. */
static bool announces(const rasd_entity_extractor *x, const tinfo *t) {
    return base_is(x, t, "اعلن") || base_is(x, t, "اعلنت") || base_is(x, t, "يعلن") || base_is(x, t, "تعلن");
}

static void remember_speaker(rasd_entity_extractor *x, const rasd_quote *q) {
    if (q->speaker < 0 && q->speaker_end <= q->speaker_start) return;
    x->said_entity = q->speaker + 1;
    x->said_start = q->speaker_start;
    x->said_end = q->speaker_end;
    x->said_anonymous = q->anonymous;
    if (q->speaker >= 0) x->last_speaker = q->speaker;
}

static void add_quote(rasd_entity_extractor *x, rasd_quote q) {
    if (!rasd_grow((void **)&x->out.quotes, &x->out.cap_quotes, x->out.n_quotes, sizeof q)) {
        x->failed = true;
        return;
    }
    x->out.quotes[x->out.n_quotes++] = q;
    if (!q.continuation) remember_speaker(x, &q);
}

/* Has a quote had a speaker, named or not? */
static bool said_known(const rasd_entity_extractor *x) { return x->said_entity || x->said_end > x->said_start; }

/* The last speaker goes on (وأضاف، وتابع ...), with the words that named it. */
static void continue_speaker(const rasd_entity_extractor *x, rasd_quote *q) {
    q->speaker = said_known(x) ? x->said_entity - 1 : x->last_speaker;
    if (said_known(x)) {
        q->speaker_start = x->said_start;
        q->speaker_end = x->said_end;
        q->anonymous = x->said_anonymous;
    }
    q->continuation = true;
    q->rule = "continues-last-speaker";
}

/* A title with no name right after the verb (قال المحافظ، أعلن وزير
 * الكهرباء، المتحدث باسم الشرطة): its words, through the places and actors
 * it is joined to. Returns false when the verb is not followed by a title. */
static bool title_subject(const rasd_entity_extractor *x, size_t k, size_t limit, rasd_quote *q) {
    if (k >= limit || x->t[k].match < 0 || x->m[x->t[k].match].title < 0) return false;
    const match *m = &x->m[x->t[k].match];
    size_t end = m->end, i = m->tj + 1;
    while (i < limit && i < m->tj + 7) {
        const tinfo *t = &x->t[i];
        if (t->match >= 0 && x->t[i].tok.start == x->m[t->match].start) {
            end = x->m[t->match].end;
            i = x->m[t->match].tj + 1;
        } else if (key_is(x, t, "باسم") || key_is(x, t, "في")) {
            i++;
        } else if (t->word && t->art_len && !t->say && !t->source && !t->li && !t->bi) {
            end = t->tok.end; /* الناطق باسم المجلس المحلي */
            i++;
        } else {
            break;
        }
    }
    q->speaker = -1;
    q->speaker_start = x->t[k].tok.start;
    q->speaker_end = end;
    q->rule = "title-without-name";
    return true;
}

/* Words that end an unnamed subject, or stand before it: times (قال أمس
 * فلان), pronouns with ل (أكد لي فلان), the particles a subject never holds. */
static bool not_subject_word(const rasd_entity_extractor *x, const tinfo *t) {
    static const char *const WORDS[] = {"امس", "اليوم", "الليله", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
                                        "الخميس", "الجمعه", "السبت", "مساء", "صباح", "لاحقا", "ايضا", "كذلك",
                                        "بدوره", "بدورها", "لي", "له", "لها", "لهم", "لنا", "ان", "انه", "انها",
                                        "قد", "لقد", "ما", "لا", "لم", "لن", "عنه", "عنها", "عنهم", "فيه", "فيها",
                                        "الاسبوع", "الشهر", "العام", "الماضي", "المقبل", "الجاري", "هو", "هي",
                                        "وهو", "وهي", "كمن", "\xD9\x84", NULL};
    if (!t->word || t->say || t->source || t->li || t->bi || is_an(x, t)) return true;
    const char *k = ex_key(x, t->key_off);
    if (rasd_lexicon_is_function_word(rasd_analyzer_lexicon(x->an), k, t->key_len)) return true;
    for (const char *const *w = WORDS; *w; w++)
        if (key_is(x, t, *w)) return true;
    return false;
}

/* A subject the knowledge base and the tagger do not name (أبان التركي أن،
 * قالت الشرطة الهندية إن، وقال متحدث باسم الوزارة لوكالة ...): its words,
 * kept as the speaker without an entity. With definite, the first word
 * must carry the article: after a verb with a bare object the words might
 * be that object (أكد تطلع المقاومة). */
static bool subject_words(const rasd_entity_extractor *x, size_t v, size_t limit, size_t n, bool definite,
                          rasd_quote *q) {
    size_t i = v + 1;
    for (;;) { /* what is said to whom first: لـ«الوطن»، لي */
        while (i < limit && i < n && x->t[i].skip) i++;
        if (i < limit && i < n && key_is(x, &x->t[i], "\xD9\x84")) { /* لـ «...» */
            i++;
            while (i < limit && i < n && x->t[i].skip) i++;
            while (i < limit && i < n && x->t[i].word && !x->t[i].skip) i++;
            continue;
        }
        if (i < limit && i < n && (x->t[i].li || key_is(x, &x->t[i], "لي") || key_is(x, &x->t[i], "له") ||
                                   key_is(x, &x->t[i], "امس") || key_is(x, &x->t[i], "اليوم"))) {
            i++;
            continue;
        }
        break;
    }
    size_t a = i, words = 0;
    while (i < limit && i < n && words < 6 && !not_subject_word(x, &x->t[i])) i++, words++;
    if (!words || (definite && !x->t[a].art_len)) return false;
    /* a noun with a pronoun is the object (جدد تأكيده على ...، أكد دعمه) */
    if (x->t[a].base_off + x->t[a].base_len < x->t[a].key_off + x->t[a].key_len) return false;
    q->speaker = -1;
    q->speaker_start = x->t[a].tok.start;
    q->speaker_end = x->t[i - 1].tok.end;
    q->rule = "unnamed-subject";
    return true;
}

/* Are the tokens [a, b) titles, marks and punctuation, with at most two
 * other words (ساكن يدعى فلان، مهندس متطوع يدعى فلان)? */
static bool titles_only(const rasd_entity_extractor *x, size_t a, size_t b) {
    size_t others = 0;
    for (size_t i = a; i < b; i++) {
        const tinfo *t = &x->t[i];
        if (t->skip || t->tok.type == RASD_TOK_PUNCT) continue;
        if ((t->match < 0 || x->m[t->match].title < 0) && ++others > 2) return false;
    }
    return true;
}

/* Where find_speaker looks: after the verb, before it, the last speaker;
 * ADDRESSEE: a name with ل may speak (وفقا لوزارة الصحة); DEFINITE: an
 * unnamed subject must carry the article (subject_words); NAMED: no
 * unnamed subject (وفق خطة المشروع: a plan, not a source); ADJACENT: the
 * subject follows the verb with only titles between (أكد المدير العام فلان). */
enum { SUBJECT_AFTER = 1, SUBJECT_BEFORE = 2, SUBJECT_CONTINUE = 4, SUBJECT_ANY = 7, SUBJECT_ADDRESSEE = 8,
       SUBJECT_DEFINITE = 16, SUBJECT_NAMED = 32, SUBJECT_ADJACENT = 64 };

/* Fills the speaker of a quote reported by the verb at token v, the subject
 * searched among the tokens (v, limit). */
static void find_speaker(rasd_entity_extractor *x, size_t v, size_t limit, size_t n, const mention_ref *ms, size_t nm,
                         unsigned how, rasd_quote *q) {
    size_t end = v + 1 + SUBJECT_WINDOW < limit ? v + 1 + SUBJECT_WINDOW : limit;
    if (end > n) end = n;
    size_t vend = x->t[v].tok.end;
    q->speaker = -1;
    q->rule = NULL;
    /* what stands right after the verb: a document, a post, an unnamed source */
    size_t k = v + 1;
    while (k < n && (x->t[k].skip || x->t[k].tok.type == RASD_TOK_PUNCT)) k++;
    if (k + 1 < n && x->t[k].word && x->t[k].key_len == 4 && memcmp(ex_key(x, x->t[k].key_off), "\xD9\x81\xD9\x8A", 4) == 0)
        k++; /* وجاء في البيان */
    uint32_t source = k < n ? x->t[k].source : 0;
    /* «نقلت الصحيفة عن فلان»، «ونقل عنه قوله»: the one quoted speaks, not
     * the outlet; عنه is the speaker of before */
    if (base_is(x, &x->t[v], "نقل") || base_is(x, &x->t[v], "نقلت") || base_is(x, &x->t[v], "ينقل") ||
        base_is(x, &x->t[v], "نقلا")) {
        for (size_t i = v + 1; i < end; i++) {
            if (key_is(x, &x->t[i], "عن")) {
                vend = x->t[i].tok.end;
                k = i + 1;
                source = k < n ? x->t[k].source : 0;
                break;
            }
            if (key_is(x, &x->t[i], "عنه") || key_is(x, &x->t[i], "عنها")) {
                if (how & SUBJECT_CONTINUE) continue_speaker(x, q);
                return;
            }
        }
    }
    for (size_t i = v + 1; i < end; i++) {
        uint32_t s = x->t[i].source;
        if (s == RASD_SOURCE_POST) q->channel = "post";
        if (s == RASD_SOURCE_DOCUMENT && !q->channel) q->channel = "statement";
    }
    /* «أصدر X بياناً جاء فيه أن ...»: a statement named just before the verb
     * speaks for the actor named before it */
    if ((how & SUBJECT_BEFORE) && v > 0 && x->t[v - 1].source == RASD_SOURCE_DOCUMENT) {
        for (size_t i = nm; i-- > 0;) {
            if (ms[i].end > x->t[v - 1].tok.start || ms[i].addressee) continue;
            q->speaker = ms[i].entity;
            q->speaker_start = ms[i].start;
            q->speaker_end = ms[i].end;
            q->channel = "statement";
            q->rule = "document-speaks-for-its-issuer";
            return;
        }
    }
    if (source == RASD_SOURCE_DOCUMENT && k < end) {
        q->speaker = x->last_issuer >= 0 ? x->last_issuer : x->last_speaker;
        q->speaker_start = x->t[k].tok.start;
        q->speaker_end = x->t[k].tok.end;
        q->channel = "statement";
        q->rule = "document-speaks-for-its-issuer";
        return;
    }
    if (source == RASD_SOURCE_ANONYMOUS && k < end) q->anonymous = true;
    /* the subject after the verb: a person first, else the first actor */
    int actor = -1, person = -1;
    size_t a_start = 0, a_end = 0, p_start = 0, p_end = 0;
    for (size_t i = 0; i < nm; i++) {
        if (ms[i].start < vend || ms[i].ti >= end || (ms[i].addressee && !(how & SUBJECT_ADDRESSEE))) continue;
        if ((how & SUBJECT_ADJACENT) && !titles_only(x, v + 1, ms[i].ti)) continue;
        if (ms[i].person && person < 0) person = ms[i].entity, p_start = ms[i].start, p_end = ms[i].end;
        if (!ms[i].person && actor < 0) actor = ms[i].entity, a_start = ms[i].start, a_end = ms[i].end;
    }
    if (person >= 0 && !q->anonymous) {
        q->speaker = person;
        q->speaker_start = p_start;
        q->speaker_end = p_end;
        q->rule = "subject-after-verb";
        return;
    }
    if (actor >= 0) {
        q->speaker = actor;
        q->speaker_start = q->anonymous ? x->t[k].tok.start : a_start;
        q->speaker_end = a_end;
        q->rule = q->anonymous ? "anonymous-member-of" : "subject-after-verb";
        return;
    }
    if (q->anonymous) {
        q->speaker_start = x->t[k].tok.start;
        q->speaker_end = x->t[k].tok.end;
        q->rule = "anonymous";
        if (x->t[k].art_len && (said_known(x) || x->last_speaker >= 0)) { /* المسؤول: the official of before */
            q->speaker = said_known(x) ? x->said_entity - 1 : x->last_speaker;
            q->rule = "the-source-named-before";
        }
        return;
    }
    if (title_subject(x, k, end, q)) return;
    if ((how & SUBJECT_AFTER) && !(how & SUBJECT_NAMED) && subject_words(x, v, end, n, how & SUBJECT_DEFINITE, q))
        return;
    /* a subject before the verb (SVO): the sentence opens with it, as in
     * «المسؤول في التحالف ... قال:»; an unnamed source opening the sentence
     * makes the quotation anonymous, with the actor it belongs to */
    if (how & SUBJECT_BEFORE) {
        size_t first = 0;
        while (first < v && !x->t[first].word) first++;
        /* «أما الإعلامي فلان، فقد كتب»، «لكن فلان أضاف» */
        if (first + 1 < v && (key_is(x, &x->t[first], "اما") || key_is(x, &x->t[first], "لكن") ||
                              key_is(x, &x->t[first], "بينما") || key_is(x, &x->t[first], "فيما")))
            first++;
        if (first < v && (x->t[first].match >= 0 || x->t[first].source == RASD_SOURCE_ANONYMOUS)) {
            bool anon = x->t[first].source == RASD_SOURCE_ANONYMOUS;
            for (size_t i = 0; i < nm; i++) {
                if (ms[i].end > x->t[v].tok.start) break;
                if ((anon && ms[i].person) || ms[i].addressee) continue;
                q->speaker = ms[i].entity;
                q->speaker_start = x->t[first].tok.start;
                q->speaker_end = ms[i].end;
                q->anonymous = anon;
                q->rule = anon ? "anonymous-member-of" : "subject-before-verb";
                return;
            }
        }
    }
    /* no subject: the last speaker goes on (وأضاف، وتابع ...) */
    if (how & SUBJECT_CONTINUE) continue_speaker(x, q);
}

/* A quotation far from its verb opens what the verb reports only after a
 * colon, a comma or أن (قال فلان ... لـ«الوطن»: «...»); otherwise its marks
 * are the writer's (ولفت إلى مقتل ... أبرزهم فلان «والي ولاية ...»). */
#define QUOTE_REACH 12
static bool opens_reported(const rasd_entity_extractor *x, size_t v, size_t qa) {
    size_t words = 0;
    for (size_t i = v + 1; i < qa; i++) words += x->t[i].word;
    if (words <= QUOTE_REACH || qa < 2) return true;
    const tinfo *before = &x->t[qa - 2];
    return is_punct(x, before, ":") || is_punct(x, before, "\xD8\x8C") || is_punct(x, before, ",") || is_an(x, before);
}

/* A reporting verb: in the verb list, not part of a name, without the
 * article (الكشف is a noun), and not inside a quotation (a verb in the
 * speaker's own words reports nothing). */
static bool is_reporting_verb(const rasd_entity_extractor *x, size_t v, size_t n, const size_t *qa, const size_t *qb,
                              size_t nq) {
    const tinfo *t = &x->t[v];
    if (t->match >= 0 || !t->say) return false;
    /* «قال إن الدراسة كشفت ...»: a verb with no و right after أن and its
     * subject is the reported clause's own */
    if (!t->conj && t->say != RASD_SAY_PARTICIPLE)
        for (size_t k = v; k-- > 0 && v - k <= 4;) {
            if (x->t[k].tok.type == RASD_TOK_PUNCT && !x->t[k].skip) break;
            if (x->t[k].say) break;
            if (is_an(x, &x->t[k]) && !x->t[k].conj && !after_conjunction(x, k)) return false; /* وإن كان أكد */
        }
    /* إبان (during) is spelt أبان (stated) once its hamza is folded */
    if (base_is(x, t, "ابان") && memcmp(x->text + t->base_start, "\xD8\xA5", 2) == 0) return false;
    /* جاء reports only a text (جاء في البيان، جاء فيه): otherwise it came */
    if (base_is(x, t, "جاء") && !(v + 1 < n && (key_is(x, &x->t[v + 1], "في") || key_is(x, &x->t[v + 1], "فيه") ||
                                                       key_is(x, &x->t[v + 1], "فيها"))))
        return false;
    if (v > 0 && is_an(x, &x->t[v - 1]))
        return false; /* «قال إنه يتوقع ...»، «أن توقع اتفاقا»: the clause's own verb */
    for (size_t q = 0; q < nq; q++)
        if (v >= qa[q] && v < qb[q]) return false;
    return true;
}

/* Speech without quotation marks: after a colon (قال: ...), or after a
 * comma when the clause speaks in the first person (قال فلان، نشعر ...،
 * نحن ...، إننا ...). Returns the first token of the speech, or n. */
static size_t unmarked_speech(const rasd_entity_extractor *x, size_t v, size_t next_verb, size_t n) {
    size_t limit = v + 1 + SUBJECT_WINDOW < next_verb ? v + 1 + SUBJECT_WINDOW : next_verb;
    for (size_t k = v + 1; k + 1 < limit && k + 1 < n; k++) {
        const tinfo *t = &x->t[k];
        if (t->tok.type != RASD_TOK_PUNCT) continue;
        const char *p = ex_key(x, t->key_off);
        const tinfo *w = &x->t[k + 1];
        size_t words = 0;
        for (size_t i = k + 1; i < next_verb && i < n; i++) words += x->t[i].word;
        if (words < MIN_QUOTE_WORDS || !w->word) continue;
        if (strcmp(p, ":") == 0) return k + 1;
        const char *b = ex_key(x, w->base_off);
        static const char NAHNU[] = "\xD9\x86\xD8\xAD\xD9\x86", INNANA[] = "\xD8\xA7\xD9\x86\xD9\x86\xD8\xA7";
        bool first_person = (w->base_len >= 6 && memcmp(b, "\xD9\x86", 2) == 0 && !w->art_len) || /* نشعر، ندعو */
                            (w->base_len == sizeof NAHNU - 1 && memcmp(b, NAHNU, w->base_len) == 0) ||     /* نحن */
                            (w->key_len == sizeof INNANA - 1 && memcmp(ex_key(x, w->key_off), INNANA, w->key_len) == 0);
        if (strcmp(p, "\xD8\x8C") == 0 && first_person) return k + 1;
    }
    return n;
}

/* A sentence that mentions a statement (في بيان، بيان صادر عن) names its
 * issuer: the first actor it mentions. */
static void note_issuer(rasd_entity_extractor *x, size_t n, const mention_ref *ms, size_t nm) {
    for (size_t i = 0; i < n; i++) {
        if (x->t[i].source != RASD_SOURCE_DOCUMENT || x->t[i].art_len) continue;
        for (size_t k = 0; k < nm; k++)
            if (!ms[k].person || k + 1 == nm) {
                x->last_issuer = ms[k].entity;
                return;
            }
    }
}

/* The span [a, b) of tokens without the punctuation at either end; false
 * when it holds fewer than MIN_QUOTE_WORDS words. */
static bool clause_span(const rasd_entity_extractor *x, size_t a, size_t b, rasd_quote *q) {
    while (a < b && !x->t[a].word && x->t[a].tok.type != RASD_TOK_NUMBER) a++;
    while (b > a && x->t[b - 1].tok.type == RASD_TOK_PUNCT) b--;
    size_t words = 0;
    for (size_t i = a; i < b; i++) words += x->t[i].word;
    if (words < MIN_QUOTE_WORDS) return false;
    q->start = x->t[a].tok.start;
    q->end = x->t[b - 1].tok.end;
    return true;
}

/* The sentence's statement: the speaker its first reporting verb found, or
 * the first person or actor it names before token v (ودافع فلان عن ...،
 * قائلا); what a circumstantial participle reports is that speaker's. */
static void sentence_subject(rasd_entity_extractor *x, size_t v, const rasd_quote *said, const mention_ref *ms,
                             size_t nm, rasd_quote *q) {
    if (said) {
        q->speaker = said->speaker;
        q->speaker_start = said->speaker_start;
        q->speaker_end = said->speaker_end;
        q->anonymous = said->anonymous;
        q->continuation = said->continuation;
        q->rule = "participle-of-the-speaker";
        return;
    }
    /* the subject of the sentence's verb stands right after it (ودافع فلان،
     * علق فيها فلان): a name further on is an object */
    size_t first = 0, words = 0;
    while (first < v && !x->t[first].word) first++;
    for (size_t i = 0; i < nm && ms[i].ti < v; i++) {
        words = 0;
        for (size_t k = first; k < ms[i].ti; k++) words += x->t[k].word;
        if (words > 2) break;
        if (ms[i].addressee) continue;
        q->speaker = ms[i].entity;
        q->speaker_start = ms[i].start;
        q->speaker_end = ms[i].end;
        q->rule = "participle-of-the-subject";
        return;
    }
    continue_speaker(x, q);
}

/* «وفق الناطق باسم ...»، «بحسب مصادر أمنية فإن ...»، «حسبما أفاد سكان»: the
 * clause before the attribution (or after فإن) is the source's. Returns the
 * token the attribution's own verb stands at (حسبما أفاد), or n. */
static size_t according_to(rasd_entity_extractor *x, size_t a, size_t n, size_t sentence, const mention_ref *ms,
                           size_t nm, const size_t *qa, const size_t *qb, size_t nq) {
    size_t s = a + 1, verb = n;
    if (s < n && (key_is(x, &x->t[s], "ما") || key_is(x, &x->t[s], "عن"))) s++; /* حسب ما، نقلا عن */
    if (s < n && x->t[s].say) verb = s++;
    while (s < n && (x->t[s].skip || key_is(x, &x->t[s], "\xD9\x84"))) s++; /* وفقا لـ«...» */
    if (s >= n || !x->t[s].word) return verb;
    for (size_t i = 0; i < a; i++)
        if (x->t[i].say && is_reporting_verb(x, i, n, qa, qb, nq) && x->t[i].say != RASD_SAY_PARTICIPLE)
            return verb; /* قال فلان ... بحسب الوكالة: the agency only carries it */
    rasd_quote q = {0};
    q.sentence = sentence;
    q.verb_start = x->t[a].tok.start;
    q.verb_end = x->t[verb < n ? verb : a].tok.end;
    /* the source stands right after: وفق الناطق باسم المقاومة، بحسب المرصد */
    size_t limit = s + 3 < n ? s + 3 : n;
    find_speaker(x, s - 1, limit, n, ms, nm, SUBJECT_AFTER | SUBJECT_ADDRESSEE | SUBJECT_NAMED, &q);
    if (!q.rule && verb < n) {
        /* «حسبما أفاد سكان»: a source the text does not name */
        size_t e = s;
        while (e + 1 < n && e < s + 3 && x->t[e + 1].word && !x->t[e + 1].say) e++;
        q.speaker_start = x->t[s].tok.start;
        q.speaker_end = x->t[e].tok.end;
        q.anonymous = true;
        q.rule = "anonymous";
    }
    if (!q.rule) return verb; /* وفق برنامج زمني: no source named */
    size_t words_before = 0;
    for (size_t i = 0; i < a; i++) words_before += x->t[i].word;
    bool ok = false;
    if (words_before >= MIN_QUOTE_WORDS) {
        ok = clause_span(x, 0, a, &q);
    } else {
        for (size_t i = s; i < n && i < s + SUBJECT_WINDOW; i++)
            if (is_an(x, &x->t[i])) {
                ok = clause_span(x, i + 1, n, &q);
                break;
            }
    }
    if (!ok) return verb;
    q.rule = q.rule && strcmp(q.rule, "subject-after-verb") == 0 ? "according-to" : q.rule;
    add_quote(x, q);
    return verb;
}

/* Does pos stand on the document's first line (its title)? */
static bool first_line(const rasd_entity_extractor *x, size_t pos) {
    return memchr(x->text, '\n', pos) == NULL;
}

/* One or two words before a headline's colon that may be a name: no
 * function word, no label of the page (عاجل:، تنويه:، بالصور:). */
static bool headline_name(const rasd_entity_extractor *x, size_t c) {
    static const char *const LABELS[] = {"عاجل", "تنويه", "ملاحظه", "المصدر", "تحديث", "شاهد", "فيديو", "صور",
                                         "بالصور", "بالفيديو", "اعداد", "تحرير", "تقرير", "متابعه", "خاص",
                                         "حصري", "السؤال", "الجواب", "س", "ج", "المحرر", "رابط", "العنوان",
                                         "المشهد", "الكلمه", "تويتر", "قصه", "مذكرات", "اولا", "ثانيا",
                                         "ثالثا", "رابعا", "خامسا", "سادسا", "ملخص", "خلاصه", "النتيجه",
                                         NULL};
    for (size_t i = 0; i < c; i++) {
        const tinfo *t = &x->t[i];
        if (t->skip) continue;
        if (!t->word || rasd_lexicon_is_function_word(rasd_analyzer_lexicon(x->an), ex_key(x, t->key_off), t->key_len))
            return false;
        for (const char *const *w = LABELS; *w; w++)
            if (key_is(x, t, *w)) return false;
    }
    return true;
}

/* «فلان: ...» opening a paragraph (a headline, an interview's answer): no
 * reporting verb before the colon, a person or an actor named there (not a
 * place: «الرياض: ...» is a dateline). Returns true when it made a quote. */
static bool name_and_colon(rasd_entity_extractor *x, size_t n, size_t sentence, const mention_ref *ms, size_t nm,
                           const size_t *qa, size_t nq, bool *quote_used) {
    if (!n || !ex_opens_line(x, x->t[0].tok.start)) return false;
    size_t c = 0, words = 0;
    bool post = false;
    for (; c < n && words <= HEADLINE_WORDS; c++) {
        const tinfo *t = &x->t[c];
        if (is_punct(x, t, ":")) break;
        if (t->say || (t->match >= 0 && x->m[t->match].place >= 0)) return false;
        /* only words and quotation marks: «خامسا (2):»، «* قلعة:»، a link */
        if (!t->word && !t->skip && !is_punct(x, t, "\xD8\x8C") && !is_punct(x, t, ",")) return false;
        post |= t->source == RASD_SOURCE_POST;
        words += t->word;
    }
    if (c >= n || words > HEADLINE_WORDS || words == 0) return false;
    rasd_quote q = {0};
    q.sentence = sentence;
    q.direct = true;
    q.verb_start = q.verb_end = x->t[c].tok.start;
    if (!clause_span(x, c + 1, n, &q)) return false;
    q.speaker = -1;
    /* the name opens the line, after a title at most, and ends it but for
     * a word (مذكرات فلان: is a series, not a speaker) */
    for (size_t i = 0; i < nm && ms[i].ti < c; i++) {
        size_t after = 0;
        for (size_t k = token_at(x, n, ms[i].end - 1) + 1; k < c; k++) after += x->t[k].word;
        if (ms[i].addressee || !titles_only(x, 0, ms[i].ti) || after > 1) continue;
        q.speaker = ms[i].entity;
        q.speaker_start = x->t[0].tok.start;
        q.speaker_end = x->t[c - 1].tok.end;
        q.rule = "name-and-colon";
        break;
    }
    if (q.speaker < 0 && !title_subject(x, 0, c, &q)) {
        if (x->t[0].source == RASD_SOURCE_ANONYMOUS) {
            q.anonymous = true;
            q.speaker_start = x->t[0].tok.start;
            q.speaker_end = x->t[c - 1].tok.end;
            q.rule = "name-and-colon";
        } else if (post && (said_known(x) || x->last_speaker >= 0)) { /* وفي تغريدة أخرى: ... */
            continue_speaker(x, &q);
            q.channel = "post";
        } else if (words <= 2 && first_line(x, x->t[0].tok.start) && headline_name(x, c)) {
            /* a name no list holds, in the title: «فلان: ...» */
            q.speaker_start = x->t[0].tok.start;
            q.speaker_end = x->t[c - 1].tok.end;
            q.rule = "name-and-colon";
        } else {
            return false;
        }
    }
    for (size_t k = 0; k < nq; k++)
        if (qa[k] > c) quote_used[k] = true;
    add_quote(x, q);
    return true;
}

void ex_find_quotes(rasd_entity_extractor *x, size_t n, size_t sentence) {
    if (!n) return;
    /* most sentences hold no reporting word, quotation mark, colon or
     * statement: nothing to read, and their mentions are not gathered */
    bool any = false;
    for (size_t i = 0; i < n && !any; i++) {
        const tinfo *t = &x->t[i];
        any = t->say || t->source == RASD_SOURCE_ACCORDING || (t->source == RASD_SOURCE_DOCUMENT && !t->art_len) ||
              is_quote_mark(t) || (t->tok.type == RASD_TOK_PUNCT && t->key_len == 1 && ex_key(x, t->key_off)[0] == ':');
    }
    if (!any) return;
    mention_ref ms[128];
    size_t nm = sentence_mentions(x, n, sentence, ms, 128);
    note_issuer(x, n, ms, nm);
    /* quotation spans: between a mark and the next mark */
    size_t qa[64], qb[64], nq = 0;
    for (size_t i = 0; i < n && nq < 64; i++) {
        if (!is_quote_mark(&x->t[i])) continue;
        size_t j = i + 1, words = 0;
        while (j < n && !is_quote_mark(&x->t[j])) words += x->t[j++].word;
        /* «ل«بيرو فان دايك»»: a name after ل, not a quotation */
        bool named = i > 0 && (key_is(x, &x->t[i - 1], "\xD9\x84") || (x->t[i - 1].word && x->t[i - 1].key_len == 2 &&
                                                                         x->t[i - 1].li));
        if (j < n && words >= MIN_QUOTE_WORDS && !named) {
            qa[nq] = i + 1;
            qb[nq] = j; /* tokens [qa, qb) */
            nq++;
        }
        i = j; /* the closing mark is not the next opening one */
    }
    bool quote_used[64] = {false};
    if (name_and_colon(x, n, sentence, ms, nm, qa, nq, quote_used)) return;
    /* attributions first: the verb of «حسبما أفاد» is theirs */
    size_t taken_verb[8], n_taken = 0, before = x->out.n_quotes;
    for (size_t a = 0; a < n; a++) {
        if (x->t[a].source != RASD_SOURCE_ACCORDING || x->t[a].match >= 0) continue;
        bool inside = false;
        for (size_t q = 0; q < nq; q++) inside |= a >= qa[q] && a < qb[q];
        if (inside) continue;
        size_t verb = according_to(x, a, n, sentence, ms, nm, qa, qb, nq);
        if (verb < n && n_taken < 8) taken_verb[n_taken++] = verb;
    }
    /* the speaker of this sentence's last statement, for its participles */
    rasd_quote said = {.speaker = -1};
    bool sentence_said = x->out.n_quotes > before;
    if (sentence_said) said = x->out.quotes[x->out.n_quotes - 1];
    bool any_verb = false;
    for (size_t v = 0; v < n; v++) {
        if (!x->t[v].say || !is_reporting_verb(x, v, n, qa, qb, nq)) continue; /* (the test of nearly every word, without a call) */
        any_verb = true;
        bool taken = false;
        for (size_t k = 0; k < n_taken; k++) taken |= taken_verb[k] == v;
        if (taken) continue;
        const tinfo *vt = &x->t[v];
        /* «يذكر أن»: it is worth noting, no one speaks; «ما أكده»، «مما
         * كتبه»: a relative clause, what was said is said elsewhere */
        if (base_is(x, vt, "يذكر") && v + 1 < n && is_an(x, &x->t[v + 1])) continue;
        if (v > 0 && (key_is(x, &x->t[v - 1], "ما") || key_is(x, &x->t[v - 1], "مما"))) continue;
        if (v > 0 && (key_is(x, &x->t[v - 1], "التي") || key_is(x, &x->t[v - 1], "الذي")) &&
            vt->key_len > vt->base_len && !vt->conj)
            continue; /* «العوامل التي أوردها التحليل» */
        /* after a preposition the form is a verbal noun (بعد كشف، لعرقلة كشف) */
        if (v > 0 && (key_is(x, &x->t[v - 1], "بعد") || key_is(x, &x->t[v - 1], "قبل") ||
                      key_is(x, &x->t[v - 1], "عقب") || key_is(x, &x->t[v - 1], "في") ||
                      key_is(x, &x->t[v - 1], "من") || key_is(x, &x->t[v - 1], "عن") ||
                      key_is(x, &x->t[v - 1], "علي") || key_is(x, &x->t[v - 1], "الي") ||
                      key_is(x, &x->t[v - 1], "عدم") ||
                      (x->t[v - 1].li && !x->t[v - 1].art_len)))
            continue; /* ... and after عن، على، إلى، عدم (عن رأي، عدم ذكر اسمه) */
        /* «بيان نشر على موقعه»: a statement published, not a new one */
        if (vt->say == RASD_SAY_POST && v > 0 && x->t[v - 1].source) continue;
        bool participle = vt->say == RASD_SAY_PARTICIPLE;
        /* the quotation this verb reports: the first one after it, before
         * the next verb; else (post-attribution) the last unused one before */
        size_t next_verb = n;
        for (size_t k = v + 1; k < n; k++)
            if (x->t[k].say && is_reporting_verb(x, k, n, qa, qb, nq)) {
                next_verb = k;
                break;
            }
        int use = -1;
        for (size_t q = 0; q < nq; q++)
            if (!quote_used[q] && qa[q] > v && qa[q] < next_verb && opens_reported(x, v, qa[q])) {
                use = (int)q;
                break;
            }
        bool post_attribution = false;
        if (use < 0 && !participle)
            for (size_t q = nq; q-- > 0;)
                if (!quote_used[q] && qb[q] < v) {
                    use = (int)q;
                    post_attribution = true;
                    break;
                }
        /* إن/أن between the verb and the quotation: the clause is reported
         * (indirect), and the quotation marks inside it are the writer's,
         * unless the quotation opens right after أن (قال إن "..."). */
        size_t an = n;
        for (size_t k = v + 1; k < next_verb && k < v + 1 + SUBJECT_WINDOW; k++)
            if (is_an(x, &x->t[k]) && !after_conjunction(x, k)) {
                an = k;
                break;
            }
        if (use >= 0 && !post_attribution && an < qa[use] && qa[use] > an + 2) use = -1;
        rasd_quote q = {0};
        q.sentence = sentence;
        q.verb_start = vt->tok.start;
        q.verb_end = vt->tok.end;
        size_t said_at = use < 0 ? unmarked_speech(x, v, next_verb, n) : n;
        if (said_at < n && an < said_at) said_at = n; /* قال إن ...: the clause, not a colon inside it */
        size_t content = n; /* the first token of what is reported */
        bool object = false;
        if (said_at < n) {
            content = said_at;
            q.direct = true;
            if (!clause_span(x, said_at, next_verb, &q)) continue;
        } else if (use >= 0) {
            quote_used[use] = true;
            q.direct = true;
            q.start = x->t[qa[use]].tok.start;
            q.end = x->t[qb[use] - 1].tok.end;
            content = post_attribution ? next_verb : (an < qa[use] ? an : qa[use]);
        } else if (an < n) {
            /* indirect: إن/أن soon after the verb, and its clause */
            content = an;
            if (!clause_span(x, an + 1, next_verb, &q)) continue;
        } else {
            object = true;
        }
        if (!participle && object) {
            size_t limit = v + 1 + OBJECT_SUBJECT_WINDOW < next_verb ? v + 1 + OBJECT_SUBJECT_WINDOW : next_verb;
            /* the subject comes before the object's preposition (كشف
             * المحافظ عن تشكيل ...: a name after عن is what is reported) */
            for (size_t k = v + 1; k < limit; k++)
                if (is_object_preposition(x, &x->t[k]) || x->t[k].bi) { /* أشاد بدور «قسد» */
                    limit = k;
                    break;
                }
            find_speaker(x, v, limit, n, ms, nm, SUBJECT_ANY | SUBJECT_DEFINITE | SUBJECT_ADJACENT, &q);
            /* «أعلنت وزارة الداخلية عن ...»: the words between the verb and
             * the preposition are its subject, named or not */
            if (q.continuation && vt->say != RASD_SAY_CONTINUE && limit > v + 1 && limit < next_verb &&
                is_object_preposition(x, &x->t[limit]) && subject_words(x, v, limit, n, false, &q))
                q.continuation = false;
        } else if (!participle) {
            find_speaker(x, v, content, n, ms, nm, SUBJECT_ANY, &q);
            if (post_attribution && q.rule) q.rule = "attribution-after-quote";
        }
        if (object) {
            /* no quotation, no إن/أن: the verb's object is what it reports
             * (أكد فلان دعمه ...، أشار إلى ...، كشفت مصادر عن ...) */
            size_t s = v + 1;
            if (!participle && q.speaker_end > vt->tok.end && !q.continuation) s = token_at(x, n, q.speaker_end - 1) + 1;
            /* «كما تؤكد الوزارة - ...»: an aside, its object is elsewhere */
            size_t after_subject = s;
            while (after_subject < next_verb && x->t[after_subject].skip) after_subject++;
            bool aside = after_subject < next_verb && (ex_is_dash(x, &x->t[after_subject]) ||
                                                       is_punct(x, &x->t[after_subject], ")"));
            while (s < next_verb && (x->t[s].tok.type == RASD_TOK_PUNCT || x->t[s].skip)) s++;
            /* «جدد تأكيده على ...»، «أعرب عن ...»: a verbal noun with its
             * pronoun may stand before the preposition */
            const tinfo *w = &x->t[s];
            if (s + 1 < next_verb && w->word && w->base_off + w->base_len < w->key_off + w->key_len &&
                is_object_preposition(x, &x->t[s + 1]) && !announces(x, vt)) /* أعلنت مسؤوليتها عن: a claim */
                s++;
            bool prep = s < next_verb && is_object_preposition(x, &x->t[s]);
            if (prep) s++;
            /* verbs that go on (تابع، شدد، جدد) and a post report an object
             * only after a preposition: «شددت القوات الخناق» is not speech */
            bool needs_prep = vt->say == RASD_SAY_CONTINUE || vt->say == RASD_SAY_POST || announces(x, vt) ||
                              base_is(x, vt, "لافتا"); /* لافتا: also "remarkable" */
            /* «علق فيها فلان، قائلا: ...»: قائلا says it, the words before
             * are who speaks */
            bool saying_next = next_verb < n && (base_is(x, &x->t[next_verb], "قائلا") ||
                                                 base_is(x, &x->t[next_verb], "قائله"));
            if ((needs_prep && !prep) || saying_next || aside || no_object(x, vt) || !clause_span(x, s, next_verb, &q)) {
                /* a reporting verb with nothing reported: its subject still
                 * becomes the speaker that وأضاف and وذكر البيان refer to */
                if (!participle) {
                    if (!q.continuation) remember_speaker(x, &q);
                    said = q;
                    sentence_said = true;
                }
                continue;
            }
            if (q.rule && strcmp(q.rule, "subject-after-verb") == 0) q.rule = "object-of-verb";
        }
        if (participle) {
            sentence_subject(x, v, sentence_said ? &said : NULL, ms, nm, &q);
        } else if (!base_is(x, vt, "قول")) { /* استشهد بقول فلان: «...»، مضيفا: the one who cites goes on */
            said = q;
            sentence_said = true;
        }
        add_quote(x, q);
        /* the quotations that follow before the next verb are the same
         * speaker's (قال: «...» و«...») */
        if (use >= 0 && !post_attribution)
            for (size_t k = (size_t)use + 1; k < nq && qa[k] < next_verb; k++) {
                if (quote_used[k]) continue;
                quote_used[k] = true;
                rasd_quote more = q;
                more.start = x->t[qa[k]].tok.start;
                more.end = x->t[qb[k] - 1].tok.end;
                add_quote(x, more);
            }
    }
    /* a sentence that is a quotation with no verb at all: the last speaker
     * goes on («...». «...»، قال) */
    if (!any_verb && nq && qa[0] <= 2 && !quote_used[0] && (said_known(x) || x->last_speaker >= 0)) {
        rasd_quote q = {0};
        q.sentence = sentence;
        q.direct = true;
        q.start = x->t[qa[0]].tok.start;
        q.end = x->t[qb[0] - 1].tok.end;
        q.verb_start = q.verb_end = q.start;
        continue_speaker(x, &q);
        add_quote(x, q);
    }
}
