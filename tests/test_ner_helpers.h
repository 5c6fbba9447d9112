/*
 * test_ner_helpers.h: what the tagger's two test files share: a sentence
 * written as "word/TAG ..." made into tokens and gold tags, and a tiny
 * training set of made-up names (nothing in it is known from the name
 * lists or the clusters) built from a few fixed patterns.
 */
#ifndef RASD_TEST_NER_HELPERS_H
#define RASD_TEST_NER_HELPERS_H

#include "ner/ner_internal.h"

typedef struct sentence {
    char text[1024];
    rasd_token tokens[64];
    uint8_t tags[64];
    size_t n;
} sentence;

/* Builds a sentence from "word/TAG word word/TAG ..." (no tag: O). */
static inline void make_sentence(sentence *s, const char *spec) {
    memset(s, 0, sizeof *s);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    size_t len = 0;
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        char *slash = strchr(w, '/');
        uint8_t tag = RASD_NER_O;
        if (slash) {
            *slash = '\0';
            assert_true(rasd_ner_tag_parse(slash + 1, strlen(slash + 1), &tag));
        }
        if (len) s->text[len++] = ' ';
        rasd_tokenizer tz;
        rasd_token t;
        rasd_tokenizer_init(&tz, w, strlen(w));
        assert_true(rasd_tokenizer_next(&tz, &t));
        s->tokens[s->n] = (rasd_token){len, len + strlen(w), t.type};
        memcpy(s->text + len, w, strlen(w));
        len += strlen(w);
        s->tags[s->n++] = tag;
    }
    s->text[len] = '\0';
}

/* Made-up names in fixed frames: a person after السيد, a place after
 * مدينة, an organisation after شركة. */
static const char *const PERSONS[] = {"زهوان", "قيدار", "نوفلان", "بردان", "سلهوب", "دعبوس", "فرهود", "جلنار"};
static const char *const SURNAMES[] = {"الكرموني", "البزاعي", "الطرشاني", "الجلوفي"};
static const char *const PLACES[] = {"تلكيفان", "زنبقة", "مرجانة", "قرطيلة", "بسمالة", "دوحانة", "سنبلون", "عرمانة"};
static const char *const FIRMS[] = {"رواسي", "نجمات", "أفلاك", "سدوم"};

static inline size_t build_training(sentence *out, size_t cap) {
    size_t n = 0;
    char spec[512];
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < 8 && n + 4 <= cap; i++) {
            snprintf(spec, sizeof spec, "قال السيد %s/B-PERS إن الاجتماع كان مثمرا .", PERSONS[i]);
            make_sentence(&out[n++], spec);
            snprintf(spec, sizeof spec, "وصل الوفد إلى مدينة %s/B-LOC صباح اليوم .", PLACES[i]);
            make_sentence(&out[n++], spec);
            snprintf(spec, sizeof spec, "التقى السيد %s/B-PERS %s/I-PERS وفدا من مدينة %s/B-LOC أمس .",
                     PERSONS[(i + 3) % 8], SURNAMES[i % 4], PLACES[(i + 5) % 8]);
            make_sentence(&out[n++], spec);
            snprintf(spec, sizeof spec, "وأعلنت شركة %s/B-ORG أرباحها في مدينة %s/B-LOC .", FIRMS[i % 4],
                     PLACES[(i + 2) % 8]);
            make_sentence(&out[n++], spec);
        }
    return n;
}

#endif
