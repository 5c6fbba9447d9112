/*
 * cmd_words.c: `rasd words TEXT...`: shows how rasd reads each token of a
 * text: its type, key, clitics, base and stem. A window on the text core.
 */
#include "cli.h"

#include <string.h>

static void print_tokens(rasd_analyzer *an, const char *text) {
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, text, strlen(text));
    while (rasd_tokenizer_next(&tz, &t)) {
        int n = (int)(t.end - t.start);
        printf("%-8s %.*s", rasd_token_type_name(t.type), n, text + t.start);
        rasd_word w;
        if ((t.type == RASD_TOK_WORD || t.type == RASD_TOK_LATIN) &&
            rasd_analyze_word(an, text, t.start, t.end, &w) == RASD_OK) {
            printf("\tkey=%.*s\t", (int)w.norm_len, w.norm);
            for (int i = 0; i < w.n_proclitics; i++) printf("%.*s+", (int)w.proclitic_len[i], w.proclitic[i]);
            printf("%.*s", (int)w.base_len, w.base);
            if (w.enclitic) printf("+%.*s", (int)w.enclitic_len, w.enclitic);
            printf("\tstem=%.*s", (int)w.stem_len, w.stem);
        }
        putchar('\n');
    }
}

static const char USAGE[] =
    "usage: rasd words [--data DIR] TEXT...\n"
    "  Shows how rasd reads each word of TEXT: its type, matching key, clitics (+) and stem.\n"
    "  --data DIR  rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "Exit status: 0 shown, 2 usage error or no data\n"
    "Example:\n"
    "  rasd words \"وقسد لداعش بدير\"\n";

int cmd_words(int argc, char **argv) {
    const char *data_dir;
    int first, status;
    if (!cli_phrase_args(argc, argv, USAGE, &data_dir, &first, &status)) return status;
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    if (!lex) return EXIT_USAGE;
    rasd_error err = {0};
    rasd_analyzer *an = rasd_analyzer_new(lex, &err);
    if (!an) {
        cli_error("%s", err.message);
        rasd_lexicon_destroy(lex);
        return EXIT_USAGE;
    }
    for (int i = first; i < argc; i++) print_tokens(an, argv[i]);
    rasd_analyzer_destroy(an);
    rasd_lexicon_destroy(lex);
    return EXIT_ALL_OK;
}
