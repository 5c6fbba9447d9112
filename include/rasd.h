/*
 * rasd.h: the one public header of librasd, an engine that reads Arabic news.
 *
 * The library is layered: the text core (UTF-8, normalization, tokens,
 * clitics and stems, segmentation) sits under the document layer (reading an
 * article, its title and id) and the analysis writer (the JSON contract of
 * `rasd analyze`, documented in docs/analyze.schema.json). Every offset the
 * library reports is a [start, end) byte range into the text it was given:
 * normalization builds matching keys beside the text, never in place of it.
 *
 * Conventions, borrowed from libpostal and SQLite: every name is prefixed
 * rasd_; every object has _new/_load and _destroy; every fallible call
 * returns an rasd_status and, when given one, fills an rasd_error with a
 * message that names the file and the byte offset where they are known.
 */
#ifndef RASD_H
#define RASD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RASD_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

/* Stable codes: scripts may depend on them, so never renumber. */
typedef enum rasd_status {
    RASD_OK = 0,
    RASD_ERR_NOMEM = 1,       /* out of memory */
    RASD_ERR_IO = 2,          /* cannot open or read a file */
    RASD_ERR_IS_DIR = 3,      /* a directory where a file was expected */
    RASD_ERR_EMPTY = 4,       /* no text at all */
    RASD_ERR_BINARY = 5,      /* NUL bytes or control characters */
    RASD_ERR_UTF8 = 6,        /* invalid UTF-8 (only an error in strict mode) */
    RASD_ERR_TOO_LARGE = 7,   /* over the configured size limit */
    RASD_ERR_NOT_ARABIC = 8,  /* letters, but hardly any Arabic ones */
    RASD_ERR_DATA = 9,        /* a malformed data file (lexicon, lists) */
    RASD_ERR_USAGE = 10,      /* a bad argument to an API call */
    RASD_ERR_FORMAT = 11,     /* malformed input format (JSON, XML, HTML, zip) */
    RASD_ERR_NETWORK = 12,    /* a fetch failed (DNS, TLS, HTTP status) */
    RASD_ERR_DB = 13,         /* the store failed (SQLite, PostgreSQL) */
    RASD_ERR_NOT_FOUND = 14   /* no such record */
} rasd_status;

typedef struct rasd_error {
    rasd_status code;
    bool has_offset;          /* offset below is meaningful */
    size_t offset;            /* byte offset into the input, when known */
    char message[512];        /* complete, human-readable, names the file */
} rasd_error;

/* Short stable name of a status ("io", "utf8", ...), for JSON and logs. */
const char *rasd_status_name(rasd_status status);

/* ------------------------------------------------------------------ UTF-8 */

typedef struct rasd_utf8_report {
    size_t invalid_count;     /* invalid sequences replaced by U+FFFD */
    size_t first_invalid;     /* byte offset (in the input) of the first one */
    size_t chars;             /* code points in the output */
} rasd_utf8_report;

/* Validates `in` and writes a valid copy to *out (malloc'd, NUL-terminated),
 * each invalid sequence replaced by U+FFFD. In strict mode the first invalid
 * sequence is an RASD_ERR_UTF8 error carrying its byte offset. A leading
 * byte-order mark is dropped. */
rasd_status rasd_utf8_sanitize(const char *in, size_t len, bool strict, char **out, size_t *out_len,
                               rasd_utf8_report *report, rasd_error *err);

/* Decodes one code point at s[0..len); returns its byte length (>= 1) and
 * stores it in *cp, or U+FFFD with length 1 for an invalid sequence. */
size_t rasd_utf8_decode(const char *s, size_t len, int32_t *cp);

/* ---------------------------------------------------------- normalization */

/* Appends the matching key of s[0..len) to out (at most cap bytes, always
 * NUL-terminated when cap > 0) and returns the key's full length, which may
 * exceed cap (then the key was truncated, as with snprintf). The rules are in
 * src/text/normalize.c and docs/text.md. */
size_t rasd_normalize(const char *s, size_t len, char *out, size_t cap);

#define RASD_NORM_MAX_EXPANSION 32

/* Maps one code point to its key: returns the number of code points written
 * to out (0 when it is dropped, more than one for a ligature). */
int rasd_normalize_char(int32_t cp, int32_t out[RASD_NORM_MAX_EXPANSION]);

/* ----------------------------------------------------------------- tokens */

typedef enum rasd_token_type {
    RASD_TOK_WORD = 0,    /* Arabic-script word (letters, diacritics, tatweel) */
    RASD_TOK_LATIN,       /* word in any other script */
    RASD_TOK_NUMBER,      /* digits in any script, with internal . , ٫ ٬ */
    RASD_TOK_PUNCT,       /* punctuation; a run such as ... or !! is one token */
    RASD_TOK_URL,
    RASD_TOK_EMAIL,
    RASD_TOK_HASHTAG,
    RASD_TOK_MENTION,
    RASD_TOK_SYMBOL,      /* anything else that is visible (emoji, currency) */
    RASD_TOK_TYPE_COUNT
} rasd_token_type;

typedef struct rasd_token {
    size_t start, end;    /* [start, end) byte offsets into the text */
    rasd_token_type type;
} rasd_token;

const char *rasd_token_type_name(rasd_token_type type);

/* A tokenizer is a cursor over a caller-owned buffer; it allocates nothing. */
typedef struct rasd_tokenizer {
    const char *text;
    size_t len, pos;
} rasd_tokenizer;

void rasd_tokenizer_init(rasd_tokenizer *tz, const char *text, size_t len);
/* Fills *tok with the next token; returns false at the end of the text.
 * Whitespace (line breaks included) separates tokens and is never one. */
bool rasd_tokenizer_next(rasd_tokenizer *tz, rasd_token *tok);

/* --------------------------------------------------- lexicon and analyzer */

/* Word statistics and closed word lists the clitic splitter consults:
 * data/lexicon/ar-words.tsv (key TAB count), function-words.txt and
 * abbreviations.txt. Read-only after loading: share one across threads. */
typedef struct rasd_lexicon rasd_lexicon;

/* dir: the data directory (NULL: $RASD_DATA, else the built-in path). */
rasd_lexicon *rasd_lexicon_load(const char *dir, rasd_error *err);
void rasd_lexicon_destroy(rasd_lexicon *lex);
uint32_t rasd_lexicon_count(const rasd_lexicon *lex, const char *key, size_t len);
bool rasd_lexicon_is_function_word(const rasd_lexicon *lex, const char *key, size_t len);
bool rasd_lexicon_is_abbreviation(const rasd_lexicon *lex, const char *key, size_t len);
/* The data directory actually used (for messages). */
const char *rasd_lexicon_dir(const rasd_lexicon *lex);

#define RASD_MAX_PROCLITICS 3

/* The analysis of one word token. Strings point into the analyzer and stay
 * valid until its next call. Spans are byte offsets into the analysed text. */
typedef struct rasd_word {
    const char *norm;   size_t norm_len;    /* matching key of the whole word */
    int n_proclitics;
    const char *proclitic[RASD_MAX_PROCLITICS]; /* keys: "و", "ال", "لل", ... */
    size_t proclitic_len[RASD_MAX_PROCLITICS];
    const char *base;   size_t base_len;    /* key of the word less its clitics */
    size_t base_start, base_end;            /* the base's span in the text */
    const char *enclitic; size_t enclitic_len; /* key, or NULL */
    const char *stem;   size_t stem_len;    /* Snowball Arabic stem, as a key */
    uint64_t norm_hash, base_hash;          /* XXH3-64 of norm and of base, taken once per form */
} rasd_word;

/* One analyzer per thread: it owns a Snowball stemmer and a bounded cache. */
typedef struct rasd_analyzer rasd_analyzer;

rasd_analyzer *rasd_analyzer_new(const rasd_lexicon *lex, rasd_error *err);
void rasd_analyzer_destroy(rasd_analyzer *an);
/* Starts loading the cache line that text[start, end) will look up, so a
 * caller that knows the next few words can overlap their memory latency
 * (the cache is larger than the processor's; a lookup is one miss). */
void rasd_analyzer_prefetch(const rasd_analyzer *an, const char *text, size_t start, size_t end);
/* Analyses text[start, end), a token of type RASD_TOK_WORD or LATIN. */
rasd_status rasd_analyze_word(rasd_analyzer *an, const char *text, size_t start, size_t end,
                              rasd_word *out);

/* ----------------------------------------------------------- segmentation */

typedef struct rasd_span {
    size_t start, end;
} rasd_span;

typedef struct rasd_span_list {
    rasd_span *items;
    size_t count, cap;
} rasd_span_list;

void rasd_span_list_free(rasd_span_list *list);

/* Called for every token in text order, with the index of its sentence. */
typedef void (*rasd_token_fn)(void *ctx, const rasd_token *tok, size_t sentence);

/* Splits text into paragraphs (non-blank lines) and sentences, and counts
 * tokens. on_token may be NULL. The rules are in src/text/segment.c. */
rasd_status rasd_segment(rasd_analyzer *an, const char *text, size_t len, rasd_span_list *paragraphs,
                         rasd_span_list *sentences, size_t *n_tokens, rasd_token_fn on_token,
                         void *ctx);

/* -------------------------------------------------------------- documents */

typedef struct rasd_read_options {
    bool strict_utf8;         /* invalid UTF-8 is an error, not a warning */
    bool allow_non_arabic;    /* accept text with hardly any Arabic letters */
    size_t max_bytes;         /* 0: RASD_DEFAULT_MAX_BYTES */
} rasd_read_options;

#define RASD_DEFAULT_MAX_BYTES ((size_t)16 << 20)

typedef struct rasd_document {
    char *path;               /* as given; "-" for standard input */
    char *text;               /* valid UTF-8, NUL-terminated; all offsets refer to it */
    size_t len;
    rasd_span title;          /* the first non-blank line */
    char id[33];              /* XXH3-128 of text, lowercase hex */
    rasd_utf8_report utf8;    /* what sanitizing replaced */
} rasd_document;

/* Reads and checks one plain-text article. path "-" reads standard input. */
rasd_status rasd_document_read(const char *path, const rasd_read_options *opt, rasd_document *doc,
                               rasd_error *err);
/* Same checks over a buffer already in memory (name is used in messages). */
rasd_status rasd_document_from_buffer(const char *name, const char *data, size_t len,
                                      const rasd_read_options *opt, rasd_document *doc,
                                      rasd_error *err);
void rasd_document_destroy(rasd_document *doc);

/* -------------------------------------------------------------- knowledge */

/* Actors (data/kb/), places (data/gazetteer/, and a GeoNames dump if given),
 * titles and disambiguation rules, compiled into one name trie. Read-only
 * once loaded: share one across threads. */
typedef struct rasd_knowledge rasd_knowledge;

typedef struct rasd_knowledge_options {
    const char *data_dir; /* NULL: $RASD_DATA, else the built-in path */
    const char *geonames; /* a GeoNames dump (19 columns) to add, or NULL */
} rasd_knowledge_options;

rasd_knowledge *rasd_knowledge_load(const rasd_knowledge_options *opt, rasd_error *err);
void rasd_knowledge_destroy(rasd_knowledge *kn);

/* The trained name tagger (src/ner/ner.h): names no dictionary holds. */
typedef struct rasd_ner_model rasd_ner_model;
/* Number and date readers (src/extract/numbers.h, dates.h). */
typedef struct rasd_numbers rasd_numbers;
typedef struct rasd_dates rasd_dates;

/* --------------------------------------------------------------- analysis */

/* The extractions beyond the text core, as bits of
 * rasd_analysis_options.extract. Entities (actors, people, places and the
 * byline) come with any of the others, which refer to them; events also
 * need the numbers and dates of their sentence, which they read whether or
 * not those are asked for. */
enum {
    RASD_EXTRACT_ENTITIES = 1u << 0,
    RASD_EXTRACT_QUOTES = 1u << 1,
    RASD_EXTRACT_FRAMING = 1u << 2,
    RASD_EXTRACT_EVENTS = 1u << 3,
    RASD_EXTRACT_NUMBERS = 1u << 4,
    RASD_EXTRACT_DATES = 1u << 5,
    RASD_EXTRACT_ALL = (1u << 6) - 1
};

typedef struct rasd_analysis_options {
    const rasd_knowledge *knowledge; /* entities and places; NULL: none */
    const rasd_ner_model *tagger;    /* names no dictionary holds; NULL: none */
    const rasd_numbers *numbers;     /* numbers with their units; NULL: none */
    const rasd_dates *dates;         /* dates, resolved against `published`; NULL: none */
    const char *source;       /* outlet name, or NULL */
    const char *published;    /* YYYY-MM-DD, or NULL */
    bool with_tokens;         /* full token list instead of a count */
    /* RASD_EXTRACT_* bits: what to extract (0: everything the resources
     * above allow). What is not extracted is left out of the JSON, so that
     * "none found" and "not looked for" differ. */
    unsigned extract;
} rasd_analysis_options;

/* Returns true when s is a real calendar date written YYYY-MM-DD. */
bool rasd_valid_date(const char *s);

/* Analyses a document and returns its JSON line (malloc'd, ending in '\n'),
 * following docs/analyze.schema.json: rasd_analyze_document, then
 * rasd_analysis_write_json, then rasd_analysis_destroy. */
rasd_status rasd_analysis_json(rasd_analyzer *an, const rasd_document *doc,
                               const rasd_analysis_options *opt, char **json, size_t *json_len,
                               rasd_error *err);

/* ------------------------------------------------------ analysis results */

/* The facts of one analysed document, read through the typed views below
 * without any JSON. The analysis borrows the document's text and the
 * resources of its options (knowledge, number and date readers): keep them
 * until rasd_analysis_destroy. Read-only once made; every string a view
 * gives stays valid until then, and NULL means "none" (as null in JSON).
 * Offsets are byte ranges into the document's text, as everywhere. */
typedef struct rasd_analysis rasd_analysis;

rasd_status rasd_analyze_document(rasd_analyzer *an, const rasd_document *doc,
                                  const rasd_analysis_options *opt, rasd_analysis **out,
                                  rasd_error *err);
void rasd_analysis_destroy(rasd_analysis *a);
/* The analysis as the JSON line of docs/analyze.schema.json (malloc'd,
 * ending in '\n'): the one encoder of the facts below. */
rasd_status rasd_analysis_write_json(const rasd_analysis *a, char **line, size_t *len, rasd_error *err);

/* The document's text the spans below index (the borrowed text). */
const char *rasd_analysis_text(const rasd_analysis *a, size_t *len);

/* What was looked for (RASD_EXTRACT_* bits): "none found" differs from
 * "not looked for" (then the views below count 0). */
unsigned rasd_analysis_extracted(const rasd_analysis *a);

typedef struct rasd_analysis_stats {
    size_t bytes, chars, paragraphs, sentences, tokens, words, invalid_utf8;
} rasd_analysis_stats;

void rasd_analysis_get_stats(const rasd_analysis *a, rasd_analysis_stats *out);
/* Paragraph and sentence spans, in text order. */
const rasd_span_list *rasd_analysis_paragraphs(const rasd_analysis *a);
const rasd_span_list *rasd_analysis_sentences(const rasd_analysis *a);

/* Where the text names an entity or a place. */
typedef struct rasd_fact_mention {
    size_t start, end, sentence;
    const char *rule;   /* what found it: "kb", a rule's name, "event-participant" */
    const char *loaded; /* the loaded-label category of a loaded name, or NULL */
} rasd_fact_mention;

/* An actor, person or organization; the participants of events that no
 * dictionary names come last (ids agent:..., country:..., phrase:...). */
typedef struct rasd_fact_entity {
    const char *id, *type;          /* type: state, person, agent, unresolved, ... */
    const char *name_ar, *name_en, *country; /* country: ISO3 */
    const char *cameo;              /* CAMEO actor code */
    const char *parent, *affiliation; /* entity ids */
    const char *title, *role, *byline; /* a person's title and its role; author, editor */
    size_t n_mentions;              /* listed, rasd_analysis_entity_mention */
    size_t mention_count;           /* all of them (the list is capped) */
} rasd_fact_entity;

size_t rasd_analysis_entity_count(const rasd_analysis *a);
/* Fills *out with entity i; false when i is out of range. */
bool rasd_analysis_entity(const rasd_analysis *a, size_t i, rasd_fact_entity *out);
bool rasd_analysis_entity_mention(const rasd_analysis *a, size_t i, size_t k, rasd_fact_mention *out);

typedef struct rasd_fact_place {
    const char *id;      /* gazetteer id, country:ISO3, or unresolved:<name> */
    const char *name_ar, *name_en, *country, *admin1, *feature;
    bool has_coords;     /* a country has its capital's */
    double lat, lon;     /* rounded to six decimals, as written in the JSON */
    bool dateline;       /* the place of the article's dateline */
    size_t n_mentions, mention_count;
} rasd_fact_place;

size_t rasd_analysis_place_count(const rasd_analysis *a);
bool rasd_analysis_place(const rasd_analysis *a, size_t i, rasd_fact_place *out);
bool rasd_analysis_place_mention(const rasd_analysis *a, size_t i, size_t k, rasd_fact_mention *out);

typedef struct rasd_fact_quote {
    rasd_span text, verb; /* the words quoted, the reporting verb */
    rasd_span speaker;    /* the words naming the speaker (empty: none) */
    const char *speaker_id; /* the speaker's entity id, or NULL */
    size_t sentence;
    bool direct, anonymous, continuation;
    const char *channel, *rule;
} rasd_fact_quote;

size_t rasd_analysis_quote_count(const rasd_analysis *a);
bool rasd_analysis_quote(const rasd_analysis *a, size_t i, rasd_fact_quote *out);

typedef struct rasd_fact_framing {
    const char *actor_id; /* the entity the term is about, or NULL */
    rasd_span term;
    size_t sentence;
    const char *label, *source;
    int polarity;         /* -1, 0, +1 */
} rasd_fact_framing;

size_t rasd_analysis_framing_count(const rasd_analysis *a);
bool rasd_analysis_framing(const rasd_analysis *a, size_t i, rasd_fact_framing *out);

/* One side of an event (present false: the text does not say). */
typedef struct rasd_fact_participant {
    bool present;
    const char *entity;   /* an entity id of rasd_analysis_entity */
    const char *agent;    /* a generic agent's English name, or NULL */
    const char *name_ar, *name_en, *type, *affiliation, *parent;
    const char *code;     /* CAMEO actor code */
    const char *country;
    rasd_span span;       /* the words naming it (empty: none) */
    const char *rule;
} rasd_fact_participant;

enum {
    RASD_EVENT_SYMMETRIC = 1u << 0, RASD_EVENT_NEGATED = 1u << 1, RASD_EVENT_FUTURE = 1u << 2,
    RASD_EVENT_HYPOTHETICAL = 1u << 3, RASD_EVENT_CLAIMED = 1u << 4, RASD_EVENT_IN_QUOTE = 1u << 5
};

typedef struct rasd_fact_event {
    rasd_span trigger;
    const char *lemma, *cue;
    size_t sentence;
    rasd_span sentence_span;
    const char *cameo;    /* event code, e.g. "190" */
    int quad_class;
    double goldstein;
    const char *plover_type, *plover_mode, *acled;
    double confidence;    /* rounded to two decimals, as written in the JSON */
    rasd_fact_participant source, target;
    unsigned flags;       /* RASD_EVENT_* */
    const char *place_id, *place_name; /* NULL: no place */
    bool place_has_coords, place_from_dateline;
    double place_lat, place_lon;
    const char *date;     /* YYYY-MM-DD, YYYY-MM or YYYY; NULL: none */
    const char *date_granularity;
    bool date_from_publication;
    double killed, wounded, arrested, money; /* -1: not given */
    const char *currency;
} rasd_fact_event;

size_t rasd_analysis_event_count(const rasd_analysis *a);
bool rasd_analysis_event(const rasd_analysis *a, size_t i, rasd_fact_event *out);

typedef struct rasd_fact_number {
    rasd_span text;
    size_t sentence;
    bool integral;        /* then ivalue holds the exact value */
    int64_t ivalue;
    double value;
    const char *unit, *unit_code, *unit_kind;
    bool approximate, more_than, less_than, percent, year, in_words;
} rasd_fact_number;

size_t rasd_analysis_number_count(const rasd_analysis *a);
bool rasd_analysis_number(const rasd_analysis *a, size_t i, rasd_fact_number *out);

typedef struct rasd_fact_date {
    rasd_span text;
    size_t sentence;
    const char *value;    /* ISO date by granularity, or NULL when unresolved */
    const char *granularity;
    bool relative, hijri, unresolved, approximate, mismatch;
} rasd_fact_date;

size_t rasd_analysis_date_count(const rasd_analysis *a);
bool rasd_analysis_date(const rasd_analysis *a, size_t i, rasd_fact_date *out);

/* ----------------------------------------------------------------- ingest */

/* Articles into a store (src/ingest/): each one read, analysed as
 * rasd_analysis_json does, flattened into the store's rows, linked to its
 * duplicate and its story, and written in batches of one transaction each;
 * a bulk import (or opt.settle) ends by settling duplicates and stories in
 * a canonical order (docs/store.md). `rasd ingest`, `rasd ingest
 * --from-jsonl`, `rasd watch --db` and POST /api/ingest all go through
 * rasd_ingest, so an article is stored alike whichever way it comes. */
typedef struct rasd_store rasd_store;        /* src/storage/store.h */
struct rasd_reader_options;                  /* src/corpus/reader.h */
struct rasd_boilerplate;                     /* src/corpus/boilerplate.h */
struct rasd_article;                         /* src/corpus/article.h */

/* What a rasd_ingest call keeps for the next one into the same database
 * (through any of its connections): the duplicate index and the story
 * clusterer (rebuilt from the store when a session is new, or after a
 * database error), and the analyzers. For a caller that ingests a few
 * articles at a time (a server); one call at a time per session. */
typedef struct rasd_ingest_session rasd_ingest_session;
rasd_ingest_session *rasd_ingest_session_new(void);
void rasd_ingest_session_destroy(rasd_ingest_session *s);

/* What became of one record, in input order (rasd_ingest_options.on_record). */
typedef struct rasd_ingest_record {
    const char *origin;  /* file, member, line or record, as the reader names it */
    rasd_status status;  /* RASD_OK: stored or already stored; else why it was skipped */
    const char *error;   /* the message when skipped (RASD_ERR_EMPTY: a record without text, no failure) */
    int64_t id;          /* the document's id when stored or already stored */
    bool already;        /* it was stored before */
} rasd_ingest_record;

/* Counts so far (the progress callback) or in the end (rasd_ingest's report). */
typedef struct rasd_ingest_report {
    size_t read, stored, already, exact, near, skipped, empty;
    size_t skipped_by[RASD_ERR_NOT_FOUND + 1];
    /* what the last commit made durable: after a database error the store
     * holds these, not what was sent to the writer */
    size_t committed, committed_exact, committed_near;
    size_t repeated, repeating_docs, boilerplate_lines, boilerplate_docs;
    uint64_t bytes_total, bytes_done, text_bytes; /* input bytes (estimated, then read); stored text */
    size_t produced;     /* records read so far (the reader runs ahead of the writer) */
    double t_store, t_link, t_commit, t_settle; /* wall seconds of the writer (the calling thread) */
    double story_cpu;    /* CPU seconds of the story thread */
    size_t story_failures, reloads;
    bool shared;         /* other processes may write too (PostgreSQL) */
    bool settled;        /* the store was settled at the end */
    size_t settled_articles, settled_duplicates, settled_stories;
    bool db_failed;      /* stopped by a database or resource error (rasd_ingest then returns it) */
    /* an earlier ingest was stopped before its settle committed (the store
     * keeps the settle owed): this run ends by finishing it, after storing
     * what is new, unless no_settle (it then stays owed); only runs that
     * read files or --from-jsonl, or settle, look */
    bool settle_owed;
} rasd_ingest_report;

typedef struct rasd_ingest_options {
    const rasd_lexicon *lex;                   /* required */
    rasd_analysis_options analysis;            /* knowledge, tagger, numbers, dates (source and published: per article) */
    rasd_read_options read;                    /* checks of each document (allow_non_arabic) */
    const struct rasd_reader_options *reader;  /* formats, --source, --map, symlinks; NULL: defaults */
    const struct rasd_boilerplate *boilerplate; /* filters plain-text and JSON bodies; NULL: keep every line */
    size_t jobs;                               /* worker threads (0: 1) */
    size_t batch;                              /* articles per transaction (0: 1000) */
    bool keep_json;                            /* also store each article's analysis line */
    bool settle;                               /* settle at the end, even with no input */
    bool no_settle;                            /* never settle, not even after a bulk import */
    /* the inputs, read in this order: */
    const char *jsonl;                         /* `rasd analyze` output to store as it is ("-": stdin), or NULL */
    const char *const *paths;                  /* files, directories, archives, URLs */
    size_t n_paths;
    struct rasd_article *articles;             /* in memory (their fields are taken over) */
    size_t n_articles;
    rasd_ingest_session *session;              /* NULL: one for this call only */
    /* Called on the calling thread: on_record for each record, in input
     * order; progress after each (the caller decides when to show it). */
    void (*on_record)(void *ctx, const rasd_ingest_record *record);
    void (*progress)(void *ctx, const rasd_ingest_report *so_far);
    void *ctx;
} rasd_ingest_options;

/* Ingests opt's inputs into store and fills *report. Skipped records are
 * no failure (on_record names them); returns an error when the store
 * failed (RASD_ERR_DB, RASD_ERR_NOMEM: the last batch is rolled back, what
 * was committed before is kept) or the ingest could not start. */
rasd_status rasd_ingest(rasd_store *store, const rasd_ingest_options *opt, rasd_ingest_report *report,
                        rasd_error *err);

/* Whether the store owes a settle: an ingest was stopped (killed, disk
 * full) after its first batch of a run that was to settle and before the
 * settle committed, so its stories and duplicate links still depend on the
 * order articles came in. The next rasd_ingest of files, or one with
 * opt.settle, finishes it; a server says so at start. */
rasd_status rasd_ingest_settle_owed(rasd_store *store, bool *owed, rasd_error *err);

#ifdef __cplusplus
}
#endif
#endif /* RASD_H */
