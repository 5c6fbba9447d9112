/*
 * events_morph.c: from an inflected word back to the forms the trigger
 * dictionary lists. The dictionary names each verb by its lemma and the
 * conjugator of scripts/build-triggers.py writes its 3rd person forms
 * (قتل قتلت قتلوا يقتل تقتل يقتلون); news also writes every other person,
 * number and mood, the passive (unvowelled, the same letters) and object
 * pronouns: قتلوهم، استهدفتها، نستهدف، قصفنا، تستهدفان، اعتقلتهم. Nouns take
 * possessive pronouns (اعتقاله، مقتلهم، مطالبته) and the accusative alif.
 *
 * Why by hand: no library in Debian analyses Arabic verbs (Snowball's
 * Arabic stemmer strips affixes but does not tell a present prefix from a
 * root letter, so its stems of one verb differ: يقصفون → يقصف, قصفت → قصف).
 * Undoing a closed set of affixes towards forms the dictionary already
 * holds keeps the matcher exact: a candidate counts only when the trie
 * holds it as a trigger, so an over-eager strip costs a look-up, never a
 * false event.
 */
#include "events_internal.h"

#include <string.h>

#define L2(p, s) (memcmp((p), (s), 2) == 0)

typedef struct cands {
    ev_form *out;
    size_t n, max;
} cands;

static void push(cands *c, const char *s, size_t len, uint8_t kind) {
    if (c->n >= c->max || len < 6 || len > EV_FORM_BYTES) return; /* at least 3 letters */
    for (size_t i = 0; i < c->n; i++)
        if (c->out[i].len == len && memcmp(c->out[i].key, s, len) == 0) {
            c->out[i].kind |= kind; /* قصفا: a past dual and an accusative */
            return;
        }
    memcpy(c->out[c->n].key, s, len);
    c->out[c->n].len = len;
    c->out[c->n].kind = kind;
    c->n++;
}

static void push2(cands *c, const char *a, size_t alen, const char *b, size_t blen, uint8_t kind) {
    char buf[EV_FORM_BYTES + 8];
    if (alen + blen > EV_FORM_BYTES) return;
    memcpy(buf, a, alen);
    memcpy(buf + alen, b, blen);
    push(c, buf, alen + blen, kind);
}

/* A suffix with its length, given once: ends() runs a dozen times for
 * every word the trigger trie does not know, and a strlen and a memcmp
 * call per suffix were two thirds of ev_inflections. */
typedef struct suffix {
    const char *s;
    size_t len;
} suffix;
#define SUF(lit) {lit, sizeof lit - 1}

static inline bool ends_with(const char *s, size_t len, suffix suf) {
    if (len < suf.len + 6) return false;
    for (size_t i = 0; i < suf.len; i++) /* 2 to 6 bytes: no call */
        if (s[len - suf.len + i] != suf.s[i]) return false;
    return true;
}
#define ends(s, len, lit) ends_with((s), (len), (suffix)SUF(lit))

/* ي ت ن ا: the prefixes of the present (ا is أ folded: أقصف). */
static bool present_prefix(const char *s) {
    return L2(s, "\xD9\x8A") || L2(s, "\xD8\xAA") || L2(s, "\xD9\x86") || L2(s, "\xD8\xA7");
}

/* A verb stem without its object pronoun: the subject suffixes and the
 * present prefix brought back to the 3rd person forms. */
static void verb_forms(cands *c, const char *s, size_t len) {
    static const suffix PAST_TO_T[] = {SUF("\xD8\xAA\xD9\x85\xD8\xA7"), /* تما */
                                       SUF("\xD8\xAA\xD9\x85"),         /* تم */
                                       SUF("\xD8\xAA\xD9\x86"),         /* تن */
                                       SUF("\xD8\xAA\xD8\xA7")};        /* تا: they two (f.) */
    for (size_t k = 0; k < sizeof PAST_TO_T / sizeof *PAST_TO_T; k++)
        if (ends_with(s, len, PAST_TO_T[k])) push2(c, s, len - PAST_TO_T[k].len, "\xD8\xAA", 2, EV_MORPH_VERB);
    if (ends(s, len, "\xD9\x86\xD8\xA7")) push(c, s, len - 4, EV_MORPH_VERB); /* قصفنا */
    /* التقيت، دعوت، نفيت: I or you of a verb whose last letter is weak; the
     * 3rd person's ى is folded to ي (التقى → التقي), دعا keeps its و */
    if (ends(s, len, "\xD9\x8A\xD8\xAA")) push(c, s, len - 2, EV_MORPH_VERB);
    if (ends(s, len, "\xD9\x88\xD8\xAA")) push2(c, s, len - 4, "\xD8\xA7", 2, EV_MORPH_VERB);
    if (ends(s, len, "\xD9\x88")) push2(c, s, len, "\xD8\xA7", 2, EV_MORPH_VERB); /* قتلو(ه) → قتلوا */
    bool pres = len >= 8 && present_prefix(s);
    if (ends(s, len, "\xD8\xA7") && !ends(s, len, "\xD9\x88\xD8\xA7")) push(c, s, len - 2, EV_MORPH_VERB); /* قصفا */
    if (!pres) return;
    /* present: نستهدف، أستهدف، تستهدف → يستهدف; duals, 2nd f. and f. plural */
    char y[EV_FORM_BYTES + 8];
    if (len > EV_FORM_BYTES) return;
    memcpy(y, "\xD9\x8A", 2);
    memcpy(y + 2, s + 2, len - 2);
    push(c, y, len, EV_MORPH_VERB);
    static const suffix PRES_SUF[] = {SUF("\xD8\xA7\xD9\x86"), /* ان */
                                      SUF("\xD9\x8A\xD9\x86"), /* ين */
                                      SUF("\xD9\x86")};        /* ن */
    for (size_t k = 0; k < sizeof PRES_SUF / sizeof *PRES_SUF; k++)
        if (ends_with(y, len, PRES_SUF[k])) push(c, y, len - PRES_SUF[k].len, EV_MORPH_VERB);
    if (ends(y, len, "\xD9\x88\xD8\xA7")) push2(c, y, len - 2, "\xD9\x86", 2, EV_MORPH_VERB); /* يقتلوا → يقتلون */
    if (ends(y, len, "\xD9\x88")) push2(c, y, len, "\xD9\x86", 2, EV_MORPH_VERB);             /* يقتلو(هم) */
}

size_t ev_inflections(const char *base, size_t len, ev_form *out, size_t max) {
    cands c = {out, 0, max};
    if (len < 6 || len > EV_FORM_BYTES) return 0;
    const char *s = base;
    /* the future س the splitter left: سيقصف، ستدعو */
    bool fut = len >= 10 && L2(s, "\xD8\xB3") && present_prefix(s + 2);
    for (int f = 0; f <= (int)fut; f++) {
        const char *w = s + 2 * f;
        size_t wl = len - 2 * f;
        uint8_t fk = f ? EV_MORPH_FUTURE : 0;
        size_t before = c.n;
        /* object or possessive pronouns */
        static const suffix PRON[] = {SUF("\xD9\x87\xD9\x85\xD8\xA7"), /* هما */
                                      SUF("\xD9\x83\xD9\x85\xD8\xA7"), /* كما */
                                      SUF("\xD9\x87\xD9\x85"),         /* هم */
                                      SUF("\xD9\x87\xD9\x86"),         /* هن */
                                      SUF("\xD9\x87\xD8\xA7"),         /* ها */
                                      SUF("\xD9\x83\xD9\x85"),         /* كم */
                                      SUF("\xD9\x86\xD9\x8A"),         /* ني */
                                      SUF("\xD9\x86\xD8\xA7"),         /* نا */
                                      SUF("\xD9\x87"),                 /* ه */
                                      SUF("\xD9\x83")};                /* ك */
        if (f) push(&c, w, wl, EV_MORPH_VERB);
        verb_forms(&c, w, wl);
        for (size_t k = 0; k < sizeof PRON / sizeof *PRON; k++) {
            if (!ends_with(w, wl, PRON[k])) continue;
            size_t from = c.n;
            size_t r = wl - PRON[k].len;
            push(&c, w, r, EV_MORPH_ANY);
            if (r >= 6 && L2(w + r - 2, "\xD8\xAA")) /* مطالبت(ه): the ة before a pronoun */
                push2(&c, w, r - 2, "\xD9\x87", 2, EV_MORPH_NOUN);
            if (r >= 6 && L2(w + r - 2, "\xD8\xA7")) /* دعا(هم)، ألقا(ه): alif maqsura before a pronoun */
                push2(&c, w, r - 2, "\xD9\x8A", 2, EV_MORPH_VERB);
            verb_forms(&c, w, r);
            for (size_t q = from; q < c.n; q++) out[q].kind |= EV_MORPH_PRONOUN;
            break; /* the longest pronoun only: هما is not ه + ما */
        }
        /* the accusative alif of a noun: هجوما، قصفا */
        if (!f && ends(w, wl, "\xD8\xA7")) push(&c, w, wl - 2, EV_MORPH_NOUN);
        for (size_t k = before; k < c.n; k++) out[k].kind |= fk;
    }
    return c.n;
}
