/*
 * quotes_attribution.c: statements no reporting verb introduces. «وفق
 * الناطق باسم ...»، «بحسب مصادر أمنية فإن ...»، «حسبما أفاد سكان»: the
 * clause before the attribution, or after فإن, is the source's words; a
 * headline or a paragraph that opens with a name and a colon (فلان: ...)
 * is that name's. Separate from quotes.c (a reporting verb and what it
 * reports): these have their speaker first and their words around it, and
 * are read before the verbs, which must not take them again.
 */
#include "quotes_internal.h"

#define HEADLINE_WORDS 6 /* words before the colon of «فلان: ...» */

/* «وفق الناطق باسم ...»، «بحسب مصادر أمنية فإن ...»، «حسبما أفاد سكان»: the
 * clause before the attribution (or after فإن) is the source's. Returns the
 * token the attribution's own verb stands at (حسبما أفاد), or n. */
size_t qt_according_to(rasd_entity_extractor *x, size_t a, size_t n, size_t sentence, const mention_ref *ms,
                           size_t nm, const size_t *qa, const size_t *qb, size_t nq) {
    size_t s = a + 1, verb = n;
    if (s < n && (key_is(x, &x->t[s], "ما") || key_is(x, &x->t[s], "عن"))) s++; /* حسب ما، نقلا عن */
    if (s < n && x->t[s].say) verb = s++;
    while (s < n && (x->t[s].skip || key_is(x, &x->t[s], "\xD9\x84"))) s++; /* وفقا لـ«...» */
    if (s >= n || !x->t[s].word) return verb;
    for (size_t i = 0; i < a; i++)
        if (x->t[i].say && qt_is_reporting_verb(x, i, n, qa, qb, nq) && x->t[i].say != RASD_SAY_PARTICIPLE)
            return verb; /* قال فلان ... بحسب الوكالة: the agency only carries it */
    rasd_quote q = {0};
    q.sentence = sentence;
    q.verb_start = x->t[a].tok.start;
    q.verb_end = x->t[verb < n ? verb : a].tok.end;
    /* the source stands right after: وفق الناطق باسم المقاومة، بحسب المرصد */
    size_t limit = s + 3 < n ? s + 3 : n;
    qt_find_speaker(x, s - 1, limit, n, ms, nm, SUBJECT_AFTER | SUBJECT_ADDRESSEE | SUBJECT_NAMED, &q);
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
        ok = qt_clause_span(x, 0, a, &q);
    } else {
        for (size_t i = s; i < n && i < s + SUBJECT_WINDOW; i++)
            if (is_an(x, &x->t[i])) {
                ok = qt_clause_span(x, i + 1, n, &q);
                break;
            }
    }
    if (!ok) return verb;
    q.rule = q.rule && strcmp(q.rule, "subject-after-verb") == 0 ? "according-to" : q.rule;
    qt_add_quote(x, q);
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
bool qt_name_and_colon(rasd_entity_extractor *x, size_t n, size_t sentence, const mention_ref *ms, size_t nm,
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
    if (!qt_clause_span(x, c + 1, n, &q)) return false;
    q.speaker = -1;
    /* the name opens the line, after a title at most, and ends it but for
     * a word (مذكرات فلان: is a series, not a speaker) */
    for (size_t i = 0; i < nm && ms[i].ti < c; i++) {
        size_t after = 0;
        for (size_t k = token_at(x, n, ms[i].end - 1) + 1; k < c; k++) after += x->t[k].word;
        if (ms[i].addressee || !qt_titles_only(x, 0, ms[i].ti) || after > 1) continue;
        q.speaker = ms[i].entity;
        q.speaker_start = x->t[0].tok.start;
        q.speaker_end = x->t[c - 1].tok.end;
        q.rule = "name-and-colon";
        break;
    }
    if (q.speaker < 0 && !qt_title_subject(x, 0, c, &q)) {
        if (x->t[0].source == RASD_SOURCE_ANONYMOUS) {
            q.anonymous = true;
            q.speaker_start = x->t[0].tok.start;
            q.speaker_end = x->t[c - 1].tok.end;
            q.rule = "name-and-colon";
        } else if (post && (qt_said_known(x) || x->last_speaker >= 0)) { /* وفي تغريدة أخرى: ... */
            qt_continue_speaker(x, &q);
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
    qt_add_quote(x, q);
    return true;
}
