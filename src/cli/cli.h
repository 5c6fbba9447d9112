/*
 * cli.h: what the subcommands of the rasd command share: the command
 * table's entry type, exit codes, and the data-directory option.
 */
#ifndef RASD_CLI_H
#define RASD_CLI_H

#include "rasd.h"

#include <stdio.h>

/* Exit codes, the same for every subcommand (docs/cli.md): all done or
 * results found; some input skipped or, for a query, nothing found; a
 * usage error or no database; stopped by a database or resource error
 * (disk full) with only what was committed kept. */
enum { EXIT_ALL_OK = 0, EXIT_INPUT_FAILED = 1, EXIT_USAGE = 2, EXIT_ABORTED = 3 };

typedef struct rasd_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} rasd_command;

int cmd_analyze(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_words(int argc, char **argv);
int cmd_wordfreq(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_train_ner(int argc, char **argv);
int cmd_eval_ner(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_watch(int argc, char **argv);
/* reading the store (cli_query.h) and serving it */
int cmd_stories(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_outlets(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_repair(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* "rasd: " + message on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a positive integer option value or reports a usage error. */
bool cli_parse_size(const char *opt, const char *value, size_t *out);
/* --only LIST: comma-separated extraction names (entities, places, people,
 * byline, quotes, framing, events, numbers, dates) as RASD_EXTRACT_* bits;
 * prints a usage error naming the unknown word and returns false. */
bool cli_parse_extract(const char *opt, const char *list, unsigned *out);
/* Loads the lexicon from --data / $RASD_DATA / the built-in path, or
 * prints why it could not. */
rasd_lexicon *cli_load_lexicon(const char *data_dir);
/* For commands that take phrases: `[--data DIR] TEXT...`. Sets *data_dir and
 * *first (the first phrase); returns false, with *status set, when the
 * command should stop there (no phrase: usage error; --help: usage, ok). */
bool cli_phrase_args(int argc, char **argv, const char *usage, const char **data_dir, int *first, int *status);
/* Text from the store for a terminal (term_text.c): control characters
 * but line break and tab (C0, DEL, C1) and bytes that are not UTF-8 are
 * written visibly (\x1b, \u009b), so an article cannot send escape
 * sequences to the reader's terminal. one_line: line breaks, CR and tabs
 * become spaces. For human output only: JSON and CSV keep the exact text. */
struct rasd_buf;
void cli_term_text(struct rasd_buf *b, const char *s, size_t len, bool one_line);
void cli_term_puts(FILE *out, const char *s, bool one_line);
/* Number of online processors, at least 1. */
size_t cli_cores(void);

/* web_input.c: HTML pages and feeds given to `rasd analyze`, and the
 * articles `rasd watch` finds. cli_web_init loads the boilerplate phrase
 * list (data/corpus/boilerplate.txt), once, before any thread starts. */
struct rasd_article;
struct rasd_boilerplate;
bool cli_web_init(const char *data_dir);
void cli_web_done(void);
const struct rasd_boilerplate *cli_web_boilerplate(void);
/* An http(s) URL; a .html .htm .xhtml .xml .rss .atom file, a collection
 * of records (.json .jsonl .ndjson .zip), or (not .txt) a file whose first
 * bytes look like HTML or a feed. */
bool cli_is_web_input(const char *path);
/* Analyses every article of an HTML page, a feed (file or URL) or a
 * collection of records: JSON lines, concatenated, in *json; items that
 * failed in *warning and counted in *skipped (records without text are
 * named there but not counted: an empty record is no failure); false (and
 * *error) when nothing could be analysed. filter_records: records' bodies
 * go through the boilerplate filter. */
bool cli_analyze_web(rasd_analyzer *an, const char *path, const rasd_read_options *read,
                     const rasd_analysis_options *aopt, bool filter_records, char **json, size_t *json_len,
                     char **warning, size_t *skipped, char **error);
/* One article's analysis line (its title as the document's first line). */
rasd_status cli_article_json(rasd_analyzer *an, const struct rasd_article *a, const rasd_read_options *read,
                             const rasd_analysis_options *aopt, char **json, size_t *json_len, rasd_error *err);

#endif
