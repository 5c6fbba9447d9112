/*
 * fuzz_charset.c: libFuzzer target for the charset layer (src/corpus/charset.c)
 * and the web date reader (src/corpus/webdate.c), the two small parsers a
 * fetched page goes through before its HTML or feed reader.
 *
 * The input's first line names a charset (or is empty: sniffed from a BOM
 * or <meta charset>); the rest is the page. Whatever the bytes, the output
 * must be valid UTF-8 without NUL of the length said, or an error with a
 * message. The whole input, as a C string, is also read as a date
 * (RFC 822, ISO 8601, ...): a date read must be a real YYYY-MM-DD.
 */
#include "core/internal.h"
#include "corpus/html.h"
#include "text/utf8_inline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    char day[11];
    if (rasd_web_date(s, day)) check(strlen(day) == 10 && rasd_valid_date(day));

    char *nl = memchr(s, '\n', size);
    const char *page = nl ? nl + 1 : s;
    size_t page_len = nl ? size - (size_t)(nl + 1 - s) : size;
    if (nl) *nl = 0;
    const char *charset = nl && *s ? s : NULL;
    char *out = NULL;
    size_t out_len = 0;
    rasd_error err = {0};
    if (rasd_html_to_utf8("page", page, page_len, charset, &out, &out_len, &err) == RASD_OK) {
        check(out && rasd_utf8_valid_prefix((const uint8_t *)out, out_len) == out_len);
        free(out);
    } else {
        check(err.message[0] != 0);
    }
    if (charset) {
        out = NULL;
        if (rasd_charset_to_utf8("page", charset, page, page_len, &out, &out_len, &err) == RASD_OK) {
            check(out && rasd_utf8_valid_prefix((const uint8_t *)out, out_len) == out_len);
            free(out);
        }
    }
    free(s);
    return 0;
}
