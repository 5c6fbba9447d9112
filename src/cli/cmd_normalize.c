/*
 * cmd_normalize.c: `rasd normalize [TEXT...]`: prints the matching key of
 * each argument, or of each line of standard input.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void print_key(const char *s, size_t len) {
    size_t cap = rasd_normalize(s, len, NULL, 0) + 1; /* first pass: the key's length */
    char *key = malloc(cap);
    if (!key) return;
    rasd_normalize(s, len, key, cap);
    puts(key);
    free(key);
}

int cmd_normalize(int argc, char **argv) {
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: rasd normalize [TEXT...]\n"
             "  Prints the matching key of each TEXT, or of each line of standard input: letter\n"
             "  variants folded, diacritics and tatweel removed, digits made ASCII.\n"
             "Exit status: 0 printed, 2 usage error\n"
             "Example:\n"
             "  rasd normalize \"«الأميركيّة» ٢٠٢٣\"");
        return EXIT_ALL_OK;
    }
    if (argc > 1) {
        for (int i = 1; i < argc; i++) print_key(argv[i], strlen(argv[i]));
        return EXIT_ALL_OK;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, stdin)) >= 0) {
        if (got > 0 && line[got - 1] == '\n') line[--got] = '\0';
        print_key(line, (size_t)got);
    }
    free(line);
    return EXIT_ALL_OK;
}
