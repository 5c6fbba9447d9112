/*
 * fuzz_html.c: libFuzzer target for the HTML reader (src/corpus/html.c):
 * charset sniffing and conversion, gumbo's parse, the content score, the
 * metadata look-ups (JSON-LD included) and the fragment reader. Besides
 * "no crash, no leak, no hang" it checks on every input that what comes
 * out is valid UTF-8, that a date is a real YYYY-MM-DD, and that the body
 * never holds a blank line run longer than one.
 */
#include "rasd.h"
#include "default_flags.h"
#include "corpus/html.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rasd_boilerplate *bp;

/* aborts naming the failed condition, so a crash file says what broke */
#define check(cond) ((cond) ? (void)0 : (fprintf(stderr, "fuzz_html: check failed: %s (line %d)\n", #cond, __LINE__), abort()))

static bool valid_utf8(const char *s) {
    if (!s) return true;
    char *out = NULL;
    size_t n;
    rasd_utf8_report rep;
    bool ok = rasd_utf8_sanitize(s, strlen(s), true, &out, &n, &rep, NULL) == RASD_OK;
    free(out);
    return ok;
}
#define check_utf8(s) check(valid_utf8(s))

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    /* the entropic schedule took a quarter of the time; the content score
     * walks each element's text again (text_len_of), so a page's cost grows
     * faster than its size: 1 KB pages (head, a few paragraphs) keep the
     * target near 1,000 runs/s */
    static const char *const flags[] = {"-entropic=0", "-max_len=1024"};
    fuzz_default_flags(argc, argv, flags, 2);
    bp = rasd_boilerplate_load(NULL, NULL);
    if (!bp) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_article a;
    rasd_html_options opt = {.bp = size % 2 ? bp : NULL,
                             .charset = size % 5 == 0 ? "windows-1256" : NULL,
                             .url = size % 3 ? "https://example.org/news/a.html" : NULL};
    rasd_error err = {0};
    if (rasd_html_read("fuzz.html", (const char *)data, size, &opt, &a, &err) == RASD_OK) {
        check(a.text && a.len == strlen(a.text) && a.len > 0);
        check(!strstr(a.text, "\n\n\n"));
        check_utf8(a.text);
    } else {
        check(err.message[0] != '\0');
    }
    check_utf8(a.title);
    check_utf8(a.author);
    check_utf8(a.url);
    if (a.url) check(!strncmp(a.url, "http://", 7) || !strncmp(a.url, "https://", 8));
    check_utf8(a.source);
    if (a.published) check(rasd_valid_date(a.published));
    rasd_article_clear(&a);
    char *t = NULL;
    size_t tl = 0;
    if (rasd_html_text((const char *)data, size, &t, &tl, NULL) == RASD_OK) {
        check(t && tl == strlen(t));
        check_utf8(t);
    }
    free(t);
    return 0;
}
