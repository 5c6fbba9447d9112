/*
 * util.c: error printing (escaped for the terminal) and option parsing
 * shared by the subcommands.
 */
#include "cli.h"

#include "core/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A message to stderr: its file names and the input bytes a parser quotes
 * ("invalid token near ...") may hold escape sequences, so it goes through
 * the terminal escaper (term_text.c) like article text does. */
static void message(const char *prefix, const char *fmt, va_list ap) {
    char small[1024];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    char *text = small;
    if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL) vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!text) text = small; /* out of memory: the message cut short */
    size_t len = n < 0 ? 0 : text == small && (size_t)n >= sizeof small ? sizeof small - 1 : (size_t)n;
    rasd_buf b = {0};
    cli_term_text(&b, text, len, false);
    fputs(prefix, stderr);
    if (b.data) fwrite(b.data, 1, b.len, stderr);
    fputc('\n', stderr);
    rasd_buf_free(&b);
    if (text != small) free(text);
}

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    message("rasd: ", fmt, ap);
    va_end(ap);
}

void cli_warning(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    message("rasd: warning: ", fmt, ap);
    va_end(ap);
}

bool cli_parse_extract(const char *opt, const char *list, unsigned *out) {
    /* places, people and the byline come from the entity pass: one bit */
    static const struct {
        const char *name;
        unsigned bits;
    } NAMES[] = {{"entities", RASD_EXTRACT_ENTITIES}, {"places", RASD_EXTRACT_ENTITIES},
                 {"people", RASD_EXTRACT_ENTITIES},   {"byline", RASD_EXTRACT_ENTITIES},
                 {"quotes", RASD_EXTRACT_QUOTES},     {"framing", RASD_EXTRACT_FRAMING},
                 {"events", RASD_EXTRACT_EVENTS},     {"numbers", RASD_EXTRACT_NUMBERS},
                 {"dates", RASD_EXTRACT_DATES}};
    unsigned bits = 0;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ",");
        bool known = false;
        for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0] && !known; i++)
            if (strlen(NAMES[i].name) == n && strncmp(NAMES[i].name, p, n) == 0) {
                bits |= NAMES[i].bits;
                known = true;
            }
        if (!known) {
            cli_error("%s: \"%.*s\" is none of entities, places, people, byline, quotes, framing, events, "
                      "numbers, dates",
                      opt, (int)(n > 40 ? 40 : n), p);
            return false;
        }
        if (!p[n]) break;
        p += n + 1;
    }
    *out = bits;
    return true;
}

bool cli_parse_size(const char *opt, const char *value, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    size_t mult = 1;
    if (end != value && (*end == 'k' || *end == 'K')) mult = 1024, end++;
    else if (end != value && (*end == 'M' || *end == 'm')) mult = 1024 * 1024, end++;
    if (end == value || *end || errno || v == 0 || value[0] == '-' || v > SIZE_MAX / mult) {
        cli_error("%s: expected a positive number, got \"%s\"", opt, value);
        return false;
    }
    *out = (size_t)v * mult;
    return true;
}

rasd_lexicon *cli_load_lexicon(const char *data_dir) {
    rasd_error err = {0};
    rasd_lexicon *lex = rasd_lexicon_load(data_dir, &err);
    if (!lex) cli_error("%s", err.message);
    return lex;
}

size_t cli_cores(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

bool cli_phrase_args(int argc, char **argv, const char *usage, const char **data_dir, int *first, int *status) {
    *data_dir = NULL;
    *first = 1;
    if (argc > 2 && strcmp(argv[1], "--data") == 0) {
        *data_dir = argv[2];
        *first = 3;
    }
    if (argc > *first && strcmp(argv[*first], "--help") != 0) return true;
    bool help = argc > *first;
    fputs(usage, help ? stdout : stderr);
    *status = help ? EXIT_ALL_OK : EXIT_USAGE;
    return false;
}
