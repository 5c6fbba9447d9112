/*
 * engine.h: what a command loads before it can analyse articles (the
 * lexicon, the knowledge base, the name tagger, number and date readers),
 * shared by `rasd analyze` and `rasd ingest` so both analyse alike.
 */
#ifndef RASD_CLI_ENGINE_H
#define RASD_CLI_ENGINE_H

#include "cli.h"

typedef struct cli_engine_options {
    const char *data_dir; /* --data, or NULL */
    const char *geonames; /* --geonames, or NULL */
    bool entities;        /* actors, people, places, numbers, dates (false: --no-entities) */
    bool tagger;          /* the trained name tagger (false: --no-tagger) */
} cli_engine_options;

typedef struct cli_engine {
    rasd_lexicon *lex;
    rasd_knowledge *knowledge;
    rasd_ner_model *tagger;
    rasd_numbers *numbers;
    rasd_dates *dates;
} cli_engine;

/* Loads what opt asks for into *e, and points the analysis options at it.
 * On failure prints why and returns false (*e is then safe to destroy). */
bool cli_engine_load(cli_engine *e, const cli_engine_options *opt, rasd_analysis_options *analysis);
void cli_engine_destroy(cli_engine *e);

#endif
