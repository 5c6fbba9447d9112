/*
 * charclass.c: classification of code points (see charclass.h).
 */
#include "charclass.h"

#include <utf8proc.h>

static rasd_cc classify_arabic_block(int32_t cp) {
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 || (cp >= 0x0610 && cp <= 0x061A) ||
        (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
        (cp >= 0x06EA && cp <= 0x06ED))
        return CC_ARABIC_MARK;
    if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) return CC_DIGIT;
    if ((cp >= 0x0620 && cp <= 0x063F) || (cp >= 0x0641 && cp <= 0x064A) || cp == 0x066E || cp == 0x066F ||
        (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 || cp == 0x06E5 || cp == 0x06E6 || cp == 0x06EE ||
        cp == 0x06EF || (cp >= 0x06FA && cp <= 0x06FC) || cp == 0x06FF)
        return CC_ARABIC;
    if (cp == 0x061C) return CC_FORMAT; /* Arabic letter mark */
    if (cp == 0x066A || cp == 0x066B || cp == 0x066C || cp == 0x060C || cp == 0x061B || cp == 0x061F ||
        cp == 0x066D || cp == 0x06D4 || cp == 0x060D || cp == 0x061E || cp == 0x0609 || cp == 0x060A)
        return CC_PUNCT;
    return CC_SYMBOL;
}

rasd_cc rasd_charclass_slow(int32_t cp) {
    if (cp < 0x80) {
        if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return CC_SPACE;
        if (cp >= '0' && cp <= '9') return CC_DIGIT;
        if ((cp | 32) >= 'a' && (cp | 32) <= 'z') return CC_LETTER;
        if (cp < 0x20 || cp == 0x7F) return CC_SPACE; /* stray controls separate tokens */
        if (cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' || cp == '^' || cp == '`' || cp == '|' ||
            cp == '~')
            return CC_SYMBOL;
        return CC_PUNCT;
    }
    if (cp >= 0x0600 && cp <= 0x06FF) return classify_arabic_block(cp);
    if ((cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08C9)) return CC_ARABIC;
    if (cp >= 0x08CA && cp <= 0x08FF) return CC_ARABIC_MARK;
    if ((cp >= 0xFB50 && cp <= 0xFD3D) || (cp >= 0xFD50 && cp <= 0xFDFB) || (cp >= 0xFE70 && cp <= 0xFEFC))
        return CC_ARABIC;
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
        cp == 0xFEFF || cp == 0x00AD)
        return CC_FORMAT;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return CC_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return CC_MARK;
    case UTF8PROC_CATEGORY_ND:
        return CC_DIGIT; /* other scripts' digits: a number, value via key */
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
        return CC_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return CC_FORMAT;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
        return CC_PUNCT;
    default:
        return CC_SYMBOL;
    }
}
