/*
 * engine.c: loading the analysis engine for the commands (engine.h); the
 * one place that knows which resources the analysis needs and in what
 * order they load.
 */
#include "cli/engine.h"

#include "extract/dates.h"
#include "extract/numbers.h"
#include "ner/ner.h"

#include <string.h>

bool cli_engine_load(cli_engine *e, const cli_engine_options *opt, rasd_analysis_options *analysis) {
    memset(e, 0, sizeof *e);
    if (!(e->lex = cli_load_lexicon(opt->data_dir))) return false;
    if (!opt->entities) return true;
    rasd_error err = {0};
    rasd_knowledge_options kopt = {opt->data_dir, opt->geonames};
    if (!(e->knowledge = rasd_knowledge_load(&kopt, &err))) {
        cli_error("%s", err.message);
        return false;
    }
    analysis->knowledge = e->knowledge;
    if (opt->tagger && !(e->tagger = rasd_ner_load(e->lex, NULL, &err))) {
        cli_error("%s (--no-tagger runs without it)", err.message);
        return false;
    }
    analysis->tagger = e->tagger;
    if (!(e->numbers = rasd_numbers_load(opt->data_dir, &err)) || !(e->dates = rasd_dates_load(opt->data_dir, &err))) {
        cli_error("%s", err.message);
        return false;
    }
    analysis->numbers = e->numbers;
    analysis->dates = e->dates;
    return true;
}

void cli_engine_destroy(cli_engine *e) {
    rasd_ner_destroy(e->tagger);
    rasd_numbers_destroy(e->numbers);
    rasd_dates_destroy(e->dates);
    rasd_knowledge_destroy(e->knowledge);
    rasd_lexicon_destroy(e->lex);
    memset(e, 0, sizeof *e);
}
