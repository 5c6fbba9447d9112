/*
 * cmd_ner.c: `rasd train-ner` and `rasd eval-ner` (the name tagger).
 * Being written; see src/ner/.
 */
#include "cli.h"

int cmd_train_ner(int argc, char **argv) {
    (void)argc;
    (void)argv;
    cli_error("train-ner: the name tagger is not built yet");
    return EXIT_USAGE;
}

int cmd_eval_ner(int argc, char **argv) {
    (void)argc;
    (void)argv;
    cli_error("eval-ner: the name tagger is not built yet");
    return EXIT_USAGE;
}
