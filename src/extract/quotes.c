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
 *    after فإن, is the words of the source named after it
 *    (quotes_attribution.c);
 *  - a headline or paragraph that opens with a name and a colon (فلان: ...)
 *    (quotes_attribution.c);
 *  - the speaker (quotes_speaker.c): the first person named after the verb,
 *    else the first actor (قال المتحدث باسم التحالف الدولي، العقيد ... : the
 *    colonel), else a title with no name (قال المحافظ), else one named
 *    before it; never the outlet spoken to (لـ«الوطن»، لوكالة); a document
 *    as subject (وذكر البيان) speaks for its issuer, an unnamed one (مسؤول،
 *    مصدر) is flagged anonymous with the actor it belongs to, and a verb
 *    with no subject (وأضاف، وتابع) continues the last speaker, named or
 *    not;
 *  - the channel: a statement (بيان) or a post (تغريدة، منشور على منصة).
 * Spans are byte offsets; the speaker's words are kept verbatim. This file
 * reads the sentence's quotation spans and reporting verbs and decides what
 * each verb reports.
 */
#include "quotes_internal.h"

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
bool qt_is_reporting_verb(const rasd_entity_extractor *x, size_t v, size_t n, const size_t *qa, const size_t *qb,
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
bool qt_clause_span(const rasd_entity_extractor *x, size_t a, size_t b, rasd_quote *q) {
    while (a < b && !x->t[a].word && x->t[a].tok.type != RASD_TOK_NUMBER) a++;
    while (b > a && x->t[b - 1].tok.type == RASD_TOK_PUNCT) b--;
    size_t words = 0;
    for (size_t i = a; i < b; i++) words += x->t[i].word;
    if (words < MIN_QUOTE_WORDS) return false;
    q->start = x->t[a].tok.start;
    q->end = x->t[b - 1].tok.end;
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
    if (qt_name_and_colon(x, n, sentence, ms, nm, qa, nq, quote_used)) return;
    /* attributions first: the verb of «حسبما أفاد» is theirs */
    size_t taken_verb[8], n_taken = 0, before = x->out.n_quotes;
    for (size_t a = 0; a < n; a++) {
        if (x->t[a].source != RASD_SOURCE_ACCORDING || x->t[a].match >= 0) continue;
        bool inside = false;
        for (size_t q = 0; q < nq; q++) inside |= a >= qa[q] && a < qb[q];
        if (inside) continue;
        size_t verb = qt_according_to(x, a, n, sentence, ms, nm, qa, qb, nq);
        if (verb < n && n_taken < 8) taken_verb[n_taken++] = verb;
    }
    /* the speaker of this sentence's last statement, for its participles */
    rasd_quote said = {.speaker = -1};
    bool sentence_said = x->out.n_quotes > before;
    if (sentence_said) said = x->out.quotes[x->out.n_quotes - 1];
    bool any_verb = false;
    for (size_t v = 0; v < n; v++) {
        if (!x->t[v].say || !qt_is_reporting_verb(x, v, n, qa, qb, nq)) continue; /* (the test of nearly every word, without a call) */
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
            if (x->t[k].say && qt_is_reporting_verb(x, k, n, qa, qb, nq)) {
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
            if (!qt_clause_span(x, said_at, next_verb, &q)) continue;
        } else if (use >= 0) {
            quote_used[use] = true;
            q.direct = true;
            q.start = x->t[qa[use]].tok.start;
            q.end = x->t[qb[use] - 1].tok.end;
            content = post_attribution ? next_verb : (an < qa[use] ? an : qa[use]);
        } else if (an < n) {
            /* indirect: إن/أن soon after the verb, and its clause */
            content = an;
            if (!qt_clause_span(x, an + 1, next_verb, &q)) continue;
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
            qt_find_speaker(x, v, limit, n, ms, nm, SUBJECT_ANY | SUBJECT_DEFINITE | SUBJECT_ADJACENT, &q);
            /* «أعلنت وزارة الداخلية عن ...»: the words between the verb and
             * the preposition are its subject, named or not */
            if (q.continuation && vt->say != RASD_SAY_CONTINUE && limit > v + 1 && limit < next_verb &&
                is_object_preposition(x, &x->t[limit]) && qt_subject_words(x, v, limit, n, false, &q))
                q.continuation = false;
        } else if (!participle) {
            qt_find_speaker(x, v, content, n, ms, nm, SUBJECT_ANY, &q);
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
            if ((needs_prep && !prep) || saying_next || aside || no_object(x, vt) || !qt_clause_span(x, s, next_verb, &q)) {
                /* a reporting verb with nothing reported: its subject still
                 * becomes the speaker that وأضاف and وذكر البيان refer to */
                if (!participle) {
                    if (!q.continuation) qt_remember_speaker(x, &q);
                    said = q;
                    sentence_said = true;
                }
                continue;
            }
            if (q.rule && strcmp(q.rule, "subject-after-verb") == 0) q.rule = "object-of-verb";
        }
        if (participle) {
            qt_sentence_subject(x, v, sentence_said ? &said : NULL, ms, nm, &q);
        } else if (!base_is(x, vt, "قول")) { /* استشهد بقول فلان: «...»، مضيفا: the one who cites goes on */
            said = q;
            sentence_said = true;
        }
        qt_add_quote(x, q);
        /* the quotations that follow before the next verb are the same
         * speaker's (قال: «...» و«...») */
        if (use >= 0 && !post_attribution)
            for (size_t k = (size_t)use + 1; k < nq && qa[k] < next_verb; k++) {
                if (quote_used[k]) continue;
                quote_used[k] = true;
                rasd_quote more = q;
                more.start = x->t[qa[k]].tok.start;
                more.end = x->t[qb[k] - 1].tok.end;
                qt_add_quote(x, more);
            }
    }
    /* a sentence that is a quotation with no verb at all: the last speaker
     * goes on («...». «...»، قال) */
    if (!any_verb && nq && qa[0] <= 2 && !quote_used[0] && (qt_said_known(x) || x->last_speaker >= 0)) {
        rasd_quote q = {0};
        q.sentence = sentence;
        q.direct = true;
        q.start = x->t[qa[0]].tok.start;
        q.end = x->t[qb[0] - 1].tok.end;
        q.verb_start = q.verb_end = q.start;
        qt_continue_speaker(x, &q);
        qt_add_quote(x, q);
    }
}
