/*
 * fuzz_feed.c: libFuzzer target for the feed reader (src/corpus/feed.c)
 * over libxml2, for the content sniffers and for web dates. Checks on
 * every input: items are numbered in order, their fields are valid UTF-8,
 * their dates real; an entity declaration is always refused; a date that
 * parses is a real YYYY-MM-DD.
 */
#include "rasd.h"
#include "corpus/feed.h"
#include "corpus/html.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int cond) {
    if (!cond) abort();
}

static void check_utf8(const char *s) {
    if (!s) return;
    char *out = NULL;
    size_t n;
    rasd_utf8_report rep;
    check(rasd_utf8_sanitize(s, strlen(s), true, &out, &n, &rep, NULL) == RASD_OK);
    free(out);
}

static bool on_item(void *ctx, rasd_article *a) {
    size_t *n = ctx;
    (*n)++;
    check(a->origin && !strncmp(a->origin, "fuzz.xml#", 9));
    check(a->text || a->url);
    if (a->text) check(a->len == strlen(a->text));
    check_utf8(a->text);
    check_utf8(a->title);
    check_utf8(a->author);
    check_utf8(a->source);
    if (a->published) check(rasd_valid_date(a->published));
    return true;
}

static void on_skip(void *ctx, const rasd_error *e) {
    (void)ctx;
    check(e->message[0] != '\0');
}

static bool has_entity_decl(const uint8_t *d, size_t n) {
    for (size_t i = 0; i + 8 <= n; i++)
        if (!memcmp(d + i, "<!ENTITY", 8)) return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t n = 0, handed = 0;
    rasd_error err = {0};
    rasd_feed_options opt = {.keep_empty = size % 2 == 0, .max_items = 50};
    rasd_status st = rasd_feed_read("fuzz.xml", (const char *)data, size, &opt, on_item, on_skip, &n, &handed, &err);
    if (has_entity_decl(data, size)) check(st == RASD_ERR_FORMAT && n == 0);
    if (st == RASD_OK) check(handed == n);
    else check(err.message[0] != '\0');
    (void)rasd_looks_like_feed((const char *)data, size);
    (void)rasd_looks_like_html((const char *)data, size);
    char s[64], d[11];
    size_t k = size < sizeof s - 1 ? size : sizeof s - 1;
    memcpy(s, data, k);
    s[k] = '\0';
    if (rasd_web_date(s, d)) check(rasd_valid_date(d));
    return 0;
}
