/*
 * cmd_wordfreq.c: `rasd wordfreq`: counts the matching keys of the Arabic
 * words of plain-text files and prints "key TAB count", most frequent
 * first. scripts/build-lexicon.sh runs it over a news corpus to make
 * data/lexicon/ar-words.tsv, the statistics the clitic splitter uses.
 */
#include "cli.h"
#include "core/strtab.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct counted {
    const char *key;
    uint32_t count;
} counted;

static int by_count_desc(const void *a, const void *b) {
    const counted *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->key, y->key);
}

static bool count_file(rasd_strtab *tab, const char *path, const rasd_read_options *opt) {
    rasd_document doc;
    rasd_error err = {0};
    if (rasd_document_read(path, opt, &doc, &err) != RASD_OK) {
        cli_error("%s", err.message);
        return false;
    }
    rasd_tokenizer tz;
    rasd_token t;
    char key[1024];
    rasd_tokenizer_init(&tz, doc.text, doc.len);
    bool ok = true;
    while (rasd_tokenizer_next(&tz, &t)) {
        if (t.type != RASD_TOK_WORD) continue;
        size_t kl = rasd_normalize(doc.text + t.start, t.end - t.start, key, sizeof key);
        if (kl == 0 || kl >= sizeof key) continue;
        rasd_strtab_entry *e = rasd_strtab_get(tab, key, kl, true);
        if (!e) {
            cli_error("out of memory counting %s", path);
            ok = false;
            break;
        }
        if (e->count < UINT32_MAX) e->count++;
    }
    rasd_document_destroy(&doc);
    return ok;
}

int cmd_wordfreq(int argc, char **argv) {
    static const struct option LONG[] = {
        {"min-count", required_argument, 0, 'm'}, {"max-bytes", required_argument, 0, 'b'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    size_t min_count = 1;
    rasd_read_options opt = {.allow_non_arabic = true, .max_bytes = (size_t)1 << 30};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", LONG, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (!cli_parse_size("--min-count", optarg, &min_count)) return EXIT_USAGE;
            break;
        case 'b':
            if (!cli_parse_size("--max-bytes", optarg, &opt.max_bytes)) return EXIT_USAGE;
            break;
        case 'h':
            puts("usage: rasd wordfreq [--min-count N] [--max-bytes N] PATH... | -\n"
                 "  Counts the word keys of text files (or standard input) and prints key TAB count,\n"
                 "  most frequent first: how data/lexicon/ar-words.tsv is built.\n"
                 "  --min-count N  leave out keys seen fewer than N times (default 1)\n"
                 "  --max-bytes N  largest file read (default 1G)\n"
                 "Exit status: 0 counted, 1 some file could not be read (named on stderr), 2 usage error\n"
                 "Example:\n"
                 "  rasd wordfreq --min-count 2 corpus/*.txt > words.tsv");
            return EXIT_ALL_OK;
        default: return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("wordfreq: no input");
        return EXIT_USAGE;
    }
    rasd_strtab tab = {0};
    int status = EXIT_ALL_OK;
    for (int i = optind; i < argc; i++)
        if (!count_file(&tab, argv[i], &opt)) status = EXIT_INPUT_FAILED;
    counted *sorted = malloc((tab.used + 1) * sizeof *sorted);
    if (!sorted) {
        rasd_strtab_free(&tab);
        cli_error("out of memory");
        return EXIT_INPUT_FAILED;
    }
    size_t n = 0;
    for (size_t i = 0; tab.slots && i <= tab.mask; i++)
        if (tab.slots[i].hash && tab.slots[i].count >= min_count)
            sorted[n++] = (counted){rasd_strtab_key(&tab, &tab.slots[i]), tab.slots[i].count};
    qsort(sorted, n, sizeof *sorted, by_count_desc);
    for (size_t i = 0; i < n; i++) printf("%s\t%u\n", sorted[i].key, sorted[i].count);
    free(sorted);
    rasd_strtab_free(&tab);
    return status;
}
