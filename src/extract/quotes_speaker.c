/*
 * quotes_speaker.c: who speaks a quote. After the verb, a person first,
 * else the first actor (قال المتحدث باسم التحالف، العقيد ...: the
 * colonel), else a title with no name (قال المحافظ), else the words of a
 * subject no list names; before the verb, the name the sentence opens
 * with; a document as subject (وذكر البيان) speaks for its issuer, an
 * unnamed source (مسؤول، مصدر) is flagged anonymous with the actor it
 * belongs to, and a verb with no subject (وأضاف، وتابع) continues the last
 * speaker, named or not, which this file remembers from quote to quote.
 * Separate from quotes.c, which finds what is reported and asks here who
 * reports it.
 */
#include "quotes_internal.h"

void qt_remember_speaker(rasd_entity_extractor *x, const rasd_quote *q) {
    if (q->speaker < 0 && q->speaker_end <= q->speaker_start) return;
    x->said_entity = q->speaker + 1;
    x->said_start = q->speaker_start;
    x->said_end = q->speaker_end;
    x->said_anonymous = q->anonymous;
    if (q->speaker >= 0) x->last_speaker = q->speaker;
}

void qt_add_quote(rasd_entity_extractor *x, rasd_quote q) {
    if (!rasd_grow((void **)&x->out.quotes, &x->out.cap_quotes, x->out.n_quotes, sizeof q)) {
        x->failed = true;
        return;
    }
    x->out.quotes[x->out.n_quotes++] = q;
    if (!q.continuation) qt_remember_speaker(x, &q);
}

/* Has a quote had a speaker, named or not? */
bool qt_said_known(const rasd_entity_extractor *x) { return x->said_entity || x->said_end > x->said_start; }

/* The last speaker goes on (وأضاف، وتابع ...), with the words that named it. */
void qt_continue_speaker(const rasd_entity_extractor *x, rasd_quote *q) {
    q->speaker = qt_said_known(x) ? x->said_entity - 1 : x->last_speaker;
    if (qt_said_known(x)) {
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
bool qt_title_subject(const rasd_entity_extractor *x, size_t k, size_t limit, rasd_quote *q) {
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
bool qt_subject_words(const rasd_entity_extractor *x, size_t v, size_t limit, size_t n, bool definite,
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
bool qt_titles_only(const rasd_entity_extractor *x, size_t a, size_t b) {
    size_t others = 0;
    for (size_t i = a; i < b; i++) {
        const tinfo *t = &x->t[i];
        if (t->skip || t->tok.type == RASD_TOK_PUNCT) continue;
        if ((t->match < 0 || x->m[t->match].title < 0) && ++others > 2) return false;
    }
    return true;
}

/* Fills the speaker of a quote reported by the verb at token v, the subject
 * searched among the tokens (v, limit). */
void qt_find_speaker(rasd_entity_extractor *x, size_t v, size_t limit, size_t n, const mention_ref *ms, size_t nm,
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
                if (how & SUBJECT_CONTINUE) qt_continue_speaker(x, q);
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
        if ((how & SUBJECT_ADJACENT) && !qt_titles_only(x, v + 1, ms[i].ti)) continue;
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
        if (x->t[k].art_len && (qt_said_known(x) || x->last_speaker >= 0)) { /* المسؤول: the official of before */
            q->speaker = qt_said_known(x) ? x->said_entity - 1 : x->last_speaker;
            q->rule = "the-source-named-before";
        }
        return;
    }
    if (qt_title_subject(x, k, end, q)) return;
    if ((how & SUBJECT_AFTER) && !(how & SUBJECT_NAMED) && qt_subject_words(x, v, end, n, how & SUBJECT_DEFINITE, q))
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
    if (how & SUBJECT_CONTINUE) qt_continue_speaker(x, q);
}

/* The sentence's statement: the speaker its first reporting verb found, or
 * the first person or actor it names before token v (ودافع فلان عن ...،
 * قائلا); what a circumstantial participle reports is that speaker's. */
void qt_sentence_subject(rasd_entity_extractor *x, size_t v, const rasd_quote *said, const mention_ref *ms,
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
    qt_continue_speaker(x, q);
}
