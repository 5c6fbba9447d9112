/*
 * charclass.h: what kind of character a code point is, for the tokenizer
 * and the segmenter. The Arabic and ASCII blocks, which are almost all of
 * an Arabic article, are classified by hand-written ranges on the hot path;
 * everything else asks utf8proc for its Unicode general category.
 */
#ifndef RASD_CHARCLASS_H
#define RASD_CHARCLASS_H

#include <stdint.h>

typedef enum rasd_cc {
    CC_SPACE,         /* whitespace, line breaks included */
    CC_ARABIC,        /* Arabic-script letter */
    CC_ARABIC_MARK,   /* diacritic, Quranic mark or tatweel: continues a word */
    CC_DIGIT,         /* 0-9, Arabic-Indic, Persian */
    CC_LETTER,        /* a letter of another script */
    CC_MARK,          /* a combining mark of another script */
    CC_FORMAT,        /* zero-width and bidi controls: join or vanish */
    CC_PUNCT,
    CC_SYMBOL
} rasd_cc;

rasd_cc rasd_charclass_slow(int32_t cp);

/* Inline for the letters that make up most of an Arabic article. */
static inline rasd_cc rasd_charclass(int32_t cp) {
    if ((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A)) return CC_ARABIC;
    if (cp == ' ') return CC_SPACE;
    return rasd_charclass_slow(cp);
}

static inline int rasd_digit_value(int32_t cp) {
    if (cp >= '0' && cp <= '9') return cp - '0';
    if (cp >= 0x0660 && cp <= 0x0669) return cp - 0x0660;
    if (cp >= 0x06F0 && cp <= 0x06F9) return cp - 0x06F0;
    return -1;
}

#endif
