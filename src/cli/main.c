/*
 * main.c: the rasd command. One table of subcommands, each in its own
 * cmd_*.c file (after git's git.c and builtin/).
 */
#include "cli.h"

#include <string.h>

static const rasd_command COMMANDS[] = {
    {"analyze", cmd_analyze, "analyse plain-text articles into JSON lines"},
    {"actors", cmd_actors, "list the knowledge base's actors"},
    {"watch", cmd_watch, "poll RSS/Atom feeds and read each new article (docs/ingest-formats.md)"},
    {"lookup", cmd_lookup, "show what a name resolves to, and why"},
    {"words", cmd_words, "show how rasd reads each word of a text (key, clitics, stem)"},
    {"normalize", cmd_normalize, "print the matching key of text"},
    {"wordfreq", cmd_wordfreq, "count word keys in text files (builds the lexicon)"},
    {"train-ner", cmd_train_ner, "train the name tagger on token-TAG data"},
    {"eval-ner", cmd_eval_ner, "score the name tagger on token-TAG data (CoNLL style)"},
    {"ingest", cmd_ingest, "store articles (files, directories, JSON, zip) with their analysis"},
    {"search", cmd_search, "full-text search of the stored articles"},
    /* reading the store (src/storage/queries.h) and serving it */
    {"stories", cmd_stories, "list the store's stories, largest first"},
    {"story", cmd_story, "show one story: articles by outlet, labels, quotes, events, places"},
    {"events", cmd_events, "list coded events (--actor --target --cameo --since)"},
    {"quotes", cmd_quotes, "list quotes with their speakers (--speaker)"},
    {"outlets", cmd_outlets, "list outlets and how each labels the actors"},
    {"export", cmd_export, "write the store's articles, or its event and quote tables, as JSON Lines or CSV"},
    {"repair", cmd_repair, "rebuild a store whose texts hold HTML character references"},
    {"serve", cmd_serve, "serve the JSON API and the web interface"},
    {"migrate", cmd_migrate, "copy a store between SQLite and PostgreSQL"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: rasd COMMAND [options] [args]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(out, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\n'rasd COMMAND --help' shows a command's options. rasd %s\n", RASD_VERSION);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_ALL_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("rasd %s\n", RASD_VERSION);
        return EXIT_ALL_OK;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0) return COMMANDS[i].run(argc - 1, argv + 1);
    cli_error("unknown command \"%s\"", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
