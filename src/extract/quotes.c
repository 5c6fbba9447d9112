/*
 * quotes.c: who said what. Per sentence:
 *  - direct quotations: words between quotation marks (three or more, so a
 *    name in quotes such as “قسد” is not a quotation);
 *  - reporting verbs (data/quotes/verbs.tsv): a quotation after the verb is
 *    its quotation; a quotation with no verb before it takes the next verb
 *    (post-attribution: «...»، قال فلان); a verb followed by إن/أن and no
 *    quotation reports its clause (indirect);
 *  - the speaker: the first person named after the verb, else the first
 *    actor (قال المتحدث باسم التحالف الدولي، العقيد ... : the colonel), else
 *    one named before it; a document as subject (وذكر البيان) speaks for
 *    the last speaker, an unnamed one (مسؤول، مصدر) is flagged anonymous with
 *    the actor it belongs to, and a verb with no subject (وأضاف، وتابع)
 *    continues the last speaker;
 *  - the channel: a statement (بيان) or a post (تغريدة، منشور على منصة).
 * Spans are byte offsets; the speaker's words are kept verbatim.
 */
#include "extractor.h"

#include <string.h>

#define MIN_QUOTE_WORDS 3
#define SUBJECT_WINDOW 20 /* tokens after the verb searched for its subject */

typedef struct mention_ref {
    size_t start, end;
    int entity;
    bool person;
} mention_ref;

/* The entity mentions of this sentence, in text order. */
static size_t sentence_mentions(const rasd_entity_extractor *x, size_t sentence, mention_ref *out, size_t cap) {
    size_t n = 0;
    size_t from = x->out.count > RECENT ? x->out.count - RECENT : 0;
    for (size_t e = from; e < x->out.count; e++) {
        const rasd_entity *en = &x->out.items[e];
        bool person = en->actor == UINT32_MAX ? (!en->type || strcmp(en->type, "person") == 0)
                                              : strcmp(x->kn->actors[en->actor].type, "person") == 0;
        for (size_t m = en->n_mentions; m-- > 0 && en->mentions[m].sentence == sentence;) {
            if (n == cap) break;
            out[n++] = (mention_ref){en->mentions[m].start, en->mentions[m].end, (int)e, person};
        }
    }
    for (size_t i = 1; i < n; i++) /* insertion sort: a sentence has few mentions */
        for (size_t j = i; j > 0 && out[j - 1].start > out[j].start; j--) {
            mention_ref t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

static uint32_t lookup(const rasd_strtab *table, const uint64_t bits[1024], const char *key, size_t len,
                       uint64_t hash) {
    if (!rasd_bits_may_hold_hashed(bits, hash)) return 0;
    const rasd_strtab_entry *e = rasd_strtab_get_hashed((rasd_strtab *)table, key, len, hash, false);
    return e ? e->count : 0;
}

static uint32_t kind_of(const rasd_strtab *table, const uint64_t bits[1024], const rasd_entity_extractor *x,
                        const tinfo *t) {
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
    t->source = t->word ? (uint8_t)kind_of(&x->kn->quote_sources, x->kn->source_bits, x, t) : 0;
}

static bool is_quote_mark(const tinfo *t) { return t->skip && t->tok.type == RASD_TOK_PUNCT; }

/* إن or أن (with or without a pronoun attached: إنه، أنهم) */
static bool is_an(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word) return false;
    const char *b = ex_key(x, t->base_off);
    return t->base_len == 4 && memcmp(b, "\xD8\xA7\xD9\x86", 4) == 0; /* ان */
}

static void add_quote(rasd_entity_extractor *x, rasd_quote q) {
    if (!rasd_grow((void **)&x->out.quotes, &x->out.cap_quotes, x->out.n_quotes, sizeof q)) {
        x->failed = true;
        return;
    }
    x->out.quotes[x->out.n_quotes++] = q;
    if (q.speaker >= 0) x->last_speaker = q.speaker;
}

/* Fills the speaker of a quote reported by the verb at token v. */
static void find_speaker(rasd_entity_extractor *x, size_t v, size_t limit, size_t n, const mention_ref *ms, size_t nm,
                         rasd_quote *q) {
    size_t end = v + 1 + SUBJECT_WINDOW < limit ? v + 1 + SUBJECT_WINDOW : limit;
    size_t window_end = end < n ? x->t[end > v + 1 ? end - 1 : v].tok.end : x->t[n - 1].tok.end;
    size_t vend = x->t[v].tok.end;
    q->speaker = -1;
    q->rule = NULL;
    /* what stands right after the verb: a document, a post, an unnamed source */
    size_t k = v + 1;
    while (k < n && (x->t[k].skip || x->t[k].tok.type == RASD_TOK_PUNCT)) k++;
    if (k + 1 < n && x->t[k].word && x->t[k].key_len == 4 && memcmp(ex_key(x, x->t[k].key_off), "\xD9\x81\xD9\x8A", 4) == 0)
        k++; /* وجاء في البيان */
    uint32_t source = k < n ? x->t[k].source : 0;
    for (size_t i = v + 1; i < end && i < n; i++) {
        uint32_t s = x->t[i].source;
        if (s == RASD_SOURCE_POST) q->channel = "post";
        if (s == RASD_SOURCE_DOCUMENT && !q->channel) q->channel = "statement";
    }
    /* «أصدر X بياناً جاء فيه أن ...»: a statement named just before the verb
     * speaks for the actor named before it */
    if (v > 0 && x->t[v - 1].source == RASD_SOURCE_DOCUMENT) {
        for (size_t i = nm; i-- > 0;) {
            if (ms[i].end > x->t[v - 1].tok.start || ms[i].person) continue;
            q->speaker = ms[i].entity;
            q->speaker_start = ms[i].start;
            q->speaker_end = ms[i].end;
            q->channel = "statement";
            q->rule = "document-speaks-for-its-issuer";
            return;
        }
    }
    if (source == RASD_SOURCE_DOCUMENT) {
        q->speaker = x->last_issuer >= 0 ? x->last_issuer : x->last_speaker;
        q->speaker_start = x->t[k].tok.start;
        q->speaker_end = x->t[k].tok.end;
        q->channel = "statement";
        q->rule = "document-speaks-for-its-issuer";
        return;
    }
    if (source == RASD_SOURCE_ANONYMOUS) q->anonymous = true;
    /* the subject after the verb: a person first, else the first actor */
    int actor = -1, person = -1;
    size_t a_start = 0, a_end = 0, p_start = 0, p_end = 0;
    for (size_t i = 0; i < nm; i++) {
        if (ms[i].start < vend || ms[i].start >= window_end) continue;
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
        if (x->t[k].art_len && x->last_speaker >= 0) { /* المسؤول: the official of before */
            q->speaker = x->last_speaker;
            q->rule = "the-source-named-before";
        }
        return;
    }
    /* a subject before the verb (SVO): the sentence opens with it, as in
     * «المسؤول في التحالف ... قال:»; an unnamed source opening the sentence
     * makes the quotation anonymous, with the actor it belongs to */
    size_t first = 0;
    while (first < v && !x->t[first].word) first++;
    if (first < v && (x->t[first].match >= 0 || x->t[first].source == RASD_SOURCE_ANONYMOUS)) {
        bool anon = x->t[first].source == RASD_SOURCE_ANONYMOUS;
        for (size_t i = 0; i < nm; i++) {
            if (ms[i].end > x->t[v].tok.start) break;
            if (anon && ms[i].person) continue;
            q->speaker = ms[i].entity;
            q->speaker_start = x->t[first].tok.start;
            q->speaker_end = ms[i].end;
            q->anonymous = anon;
            q->rule = anon ? "anonymous-member-of" : "subject-before-verb";
            return;
        }
    }
    /* no subject: the last speaker goes on (وأضاف، وتابع ...) */
    q->speaker = x->last_speaker;
    q->continuation = true;
    q->rule = "continues-last-speaker";
}

/* A reporting verb: in the verb list, not part of a name, without the
 * article (الكشف is a noun), and not inside a quotation (a verb in the
 * speaker's own words reports nothing). */
static bool is_reporting_verb(const rasd_entity_extractor *x, size_t v, const size_t *qa, const size_t *qb, size_t nq) {
    const tinfo *t = &x->t[v];
    if (t->match >= 0 || !t->say) return false;
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

void ex_find_quotes(rasd_entity_extractor *x, size_t n, size_t sentence) {
    mention_ref ms[128];
    size_t nm = sentence_mentions(x, sentence, ms, 128);
    note_issuer(x, n, ms, nm);
    /* quotation spans: between a mark and the next mark */
    size_t qa[64], qb[64], nq = 0;
    for (size_t i = 0; i < n && nq < 64; i++) {
        if (!is_quote_mark(&x->t[i])) continue;
        size_t j = i + 1, words = 0;
        while (j < n && !is_quote_mark(&x->t[j])) words += x->t[j++].word;
        if (j < n && words >= MIN_QUOTE_WORDS) {
            qa[nq] = i + 1;
            qb[nq] = j; /* tokens [qa, qb) */
            nq++;
        }
        i = j; /* the closing mark is not the next opening one */
    }
    bool quote_used[64] = {false};
    for (size_t v = 0; v < n; v++) {
        if (!is_reporting_verb(x, v, qa, qb, nq)) continue;
        /* the quotation this verb reports: the first one after it, before
         * the next verb; else (post-attribution) the last unused one before */
        size_t next_verb = n;
        for (size_t k = v + 1; k < n; k++)
            if (is_reporting_verb(x, k, qa, qb, nq)) {
                next_verb = k;
                break;
            }
        int use = -1;
        for (size_t q = 0; q < nq; q++)
            if (!quote_used[q] && qa[q] > v && qa[q] < next_verb) {
                use = (int)q;
                break;
            }
        bool post_attribution = false;
        if (use < 0)
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
        for (size_t k = v + 1; k < n && k < v + 1 + SUBJECT_WINDOW; k++)
            if (is_an(x, &x->t[k])) {
                an = k;
                break;
            }
        if (use >= 0 && !post_attribution && an < qa[use] && qa[use] > an + 2) use = -1;
        rasd_quote q = {0};
        q.sentence = sentence;
        q.verb_start = x->t[v].tok.start;
        q.verb_end = x->t[v].tok.end;
        size_t said = use < 0 && an >= n ? unmarked_speech(x, v, next_verb, n) : n;
        if (said < n) {
            size_t end = next_verb < n ? next_verb : n;
            while (end > said + 1 && x->t[end - 1].tok.type == RASD_TOK_PUNCT) end--;
            q.direct = true;
            q.start = x->t[said].tok.start;
            q.end = x->t[end - 1].tok.end;
            find_speaker(x, v, said, n, ms, nm, &q);
            add_quote(x, q);
            continue;
        }
        if (use < 0 && an >= n) {
            /* a reporting verb with nothing reported: its subject still
             * becomes the speaker that وأضاف and وذكر البيان refer to */
            find_speaker(x, v, next_verb, n, ms, nm, &q);
            if (q.speaker >= 0 && !q.continuation) x->last_speaker = q.speaker;
            continue;
        }
        if (use >= 0) {
            quote_used[use] = true;
            q.direct = true;
            q.start = x->t[qa[use]].tok.start;
            q.end = x->t[qb[use] - 1].tok.end;
            find_speaker(x, v, post_attribution ? next_verb : (an < qa[use] ? an : qa[use]), n, ms, nm, &q);
            if (post_attribution && q.rule) q.rule = "attribution-after-quote";
        } else {
            /* indirect: إن/أن soon after the verb, and its clause */
            size_t k = an;
            if (k + 1 >= n) continue;
            size_t end = next_verb < n ? next_verb : n;
            while (end > k + 1 && (x->t[end - 1].tok.type == RASD_TOK_PUNCT)) end--;
            size_t words = 0;
            for (size_t i = k + 1; i < end; i++) words += x->t[i].word;
            if (words < MIN_QUOTE_WORDS) continue;
            q.start = x->t[k + 1].tok.start;
            q.end = x->t[end - 1].tok.end;
            find_speaker(x, v, k, n, ms, nm, &q);
        }
        add_quote(x, q);
    }
}
