/*
 * cmd_ner.h: what `rasd train-ner` (cmd_train_ner.c) and `rasd eval-ner`
 * (cmd_eval_ner.c) share (cmd_ner.c): the dev split, option parsing, and
 * tagging and scoring ANERcorp-style data.
 */
#ifndef RASD_CMD_NER_H
#define RASD_CMD_NER_H

#include "cli.h"
#include "ner/ner_internal.h"

#include <stdio.h>

typedef struct ner_cli_tagged {
    ner_counts counts;
    size_t sentences;
    /* for calibrating entity scores: each predicted entity's margin and
     * whether it was right */
    float *margin;
    uint8_t *right;
    size_t n_ent, cap_ent;
} ner_cli_tagged;

extern size_t ner_cli_dev_block;
extern size_t ner_cli_dev_fold;
extern bool ner_cli_check_reference;
double ner_cli_now(void);
bool ner_cli_is_dev(size_t sentence, size_t every);
bool ner_cli_file_exists(const char *path);
bool ner_cli_parse_count(const char *opt, const char *value, size_t *out);
void ner_cli_record_entities(ner_cli_tagged *t, const rasd_ner_result *res, const uint8_t *gold, size_t n);
bool ner_cli_tag_data(const rasd_ner_model *m, rasd_analyzer *an, const ner_data *d, size_t dev_every, bool dev_only,
                     FILE *out, ner_cli_tagged *t);
void ner_cli_free_tagged(ner_cli_tagged *t);
void ner_cli_print_report(FILE *f, const ner_counts *c);
void ner_cli_calibrate(rasd_ner_model *m, const ner_cli_tagged *t);

#endif
