/*
 * schema.c: the store's SQLite schema, step by step (see schema.h).
 *
 * Step 1 holds the documents and their full-text index; step 2 the
 * analysis as tables; step 3 stories; step 4 the within-document
 * paragraph repeats and the boilerplate lines removed at ingest; step 5
 * each event's detail (event_detail.h) for the event export; step 6
 * covering indexes that keep the server's lists from reading whole rows;
 * step 7 the actors list's sums, kept by a trigger; step 8 each event's,
 * quote's and label's day and outlet copied into its row; step 9 indexes
 * for the stories page and the duplicate counts; step 10 indexes for the
 * lists' filters, the actors of a range of days and the search facets;
 * step 11 each actor's days with the day before, and step 12 each
 * outlet's actors, to count them. Offsets (span_start, span_end) are
 * byte offsets into documents.text, as everywhere in rasd. The full-text
 * index is an external-content FTS5 table over documents (title, text), so
 * the text is stored once; it uses rasd's own tokenizer (fts_rasd.c), which
 * must be registered on the connection before the table is touched.
 */
#include "storage/schema.h"

#include "core/internal.h"
#include <stdio.h>

/* The actors' sums of step 7 from every entity row at once: the step's
 * first fill, and the settle's rebuild (rasd_sqlite_sums_rebuild_sql). */
#define SUMS_OF_ALL                                                                                                   \
    "INSERT INTO actor_totals SELECT entity, max(name), max(type), max(country), sum(mention_count), count(*)\n"     \
    "  FROM entities GROUP BY entity;\n"                                                                              \
    "INSERT INTO actor_type_totals SELECT type, entity, max(name), max(country), sum(mention_count), count(*)\n"     \
    "  FROM entities WHERE type IS NOT NULL GROUP BY type, entity;\n"                                                 \
    "INSERT INTO actor_days SELECT d.published, d.source, e.entity, e.type, max(e.name), max(e.country),\n"         \
    "  sum(e.mention_count), count(*) FROM entities e JOIN documents d ON d.id = e.doc\n"                            \
    "  GROUP BY d.published, d.source, e.entity, e.type;\n"

/* Steps 11's and 12's lists from every row of actor_days: the steps' first
 * fill, and the settle's rebuild after SUMS_OF_ALL. */
#define DAY_LIST_OF_ALL                                                                                               \
    "INSERT INTO actor_day_list SELECT entity, published, lag(published) OVER (PARTITION BY entity\n"                \
    "  ORDER BY published) FROM (SELECT DISTINCT entity, published FROM actor_days WHERE published IS NOT NULL);\n"
#define OUTLETS_OF_ALL                                                                                                \
    "INSERT INTO actor_outlets SELECT DISTINCT source, entity, coalesce(type, '') FROM actor_days\n"               \
    "  WHERE source IS NOT NULL;\n"

const rasd_migration rasd_migrations[] = {
    {1, "documents and the full-text index",
     "CREATE TABLE documents(\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  hash TEXT NOT NULL UNIQUE,        -- identity: XXH3-128 of url + text, re-ingest finds it\n"
     "  text_id TEXT NOT NULL,            -- XXH3-128 of text (the analysis' doc.id)\n"
     "  origin TEXT NOT NULL,             -- file, archive member or record it came from\n"
     "  url TEXT, title TEXT, source TEXT, author TEXT,\n"
     "  published TEXT,                   -- YYYY-MM-DD\n"
     "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
     "  text TEXT NOT NULL,\n"
     "  analysis TEXT,                    -- the analysis JSON line, when kept\n"
     "  duplicate_of INTEGER REFERENCES documents(id),\n"
     "  dup_kind TEXT CHECK (dup_kind IN ('exact', 'near')),\n"
     "  similarity REAL,\n"
     "  story INTEGER,\n"
     "  story_similarity REAL\n"
     ");\n"
     "CREATE INDEX documents_by_source ON documents(source, published);\n"
     "CREATE INDEX documents_by_published ON documents(published);\n"
     "CREATE INDEX documents_by_text_id ON documents(text_id);\n"
     "CREATE INDEX documents_by_original ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;\n"
     "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id',\n"
     "  tokenize='rasd');\n"
     "INSERT INTO documents_fts(documents_fts, rank) VALUES('rank', 'bm25(4.0, 1.0)');\n"
     "CREATE TABLE state(name TEXT PRIMARY KEY, data BLOB NOT NULL);\n"},
    {2, "the analysis as tables",
     "CREATE TABLE entities(doc INTEGER NOT NULL REFERENCES documents(id), entity TEXT NOT NULL, name TEXT,\n"
     "  type TEXT, country TEXT, mention_count INTEGER NOT NULL, mentions TEXT NOT NULL);\n"
     "CREATE INDEX entities_by_doc ON entities(doc);\n"
     "CREATE INDEX entities_by_entity ON entities(entity, doc);\n"
     "CREATE TABLE places(doc INTEGER NOT NULL REFERENCES documents(id), place TEXT NOT NULL, name TEXT,\n"
     "  lat REAL, lon REAL, country TEXT, mention_count INTEGER NOT NULL, mentions TEXT NOT NULL);\n"
     "CREATE INDEX places_by_doc ON places(doc);\n"
     "CREATE INDEX places_by_place ON places(place, doc);\n"
     "CREATE TABLE quotes(doc INTEGER NOT NULL REFERENCES documents(id), speaker TEXT, speaker_text TEXT,\n"
     "  verb TEXT, direct INTEGER NOT NULL, span_start INTEGER, span_end INTEGER, text TEXT);\n"
     "CREATE INDEX quotes_by_doc ON quotes(doc);\n"
     "CREATE INDEX quotes_by_speaker ON quotes(speaker) WHERE speaker IS NOT NULL;\n"
     "CREATE TABLE events(doc INTEGER NOT NULL REFERENCES documents(id), source TEXT, target TEXT, cameo TEXT,\n"
     "  plover TEXT, acled TEXT, place TEXT, date TEXT, flags TEXT, span_start INTEGER, span_end INTEGER);\n"
     "CREATE INDEX events_by_doc ON events(doc);\n"
     "CREATE TABLE framing(doc INTEGER NOT NULL REFERENCES documents(id), actor TEXT, term TEXT, label TEXT,\n"
     "  polarity INTEGER, span_start INTEGER, span_end INTEGER);\n"
     "CREATE INDEX framing_by_doc ON framing(doc);\n"
     "CREATE TABLE numbers(doc INTEGER NOT NULL REFERENCES documents(id), text TEXT, value REAL, unit TEXT,\n"
     "  unit_code TEXT, span_start INTEGER, span_end INTEGER);\n"
     "CREATE INDEX numbers_by_doc ON numbers(doc);\n"
     "CREATE TABLE dates(doc INTEGER NOT NULL REFERENCES documents(id), text TEXT, value TEXT,\n"
     "  granularity TEXT, span_start INTEGER, span_end INTEGER);\n"
     "CREATE INDEX dates_by_doc ON dates(doc);\n"
     "CREATE TABLE paragraphs(doc INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,\n"
     "  span_start INTEGER, span_end INTEGER,\n"
     "  pkey INTEGER,                      -- repeated-paragraph key (dedup.h), NULL when too short\n"
     "  repeated_of INTEGER,               -- earliest document with the same paragraph\n"
     "  PRIMARY KEY (doc, idx)) WITHOUT ROWID;\n"
     "CREATE INDEX paragraphs_by_key ON paragraphs(pkey, doc) WHERE pkey IS NOT NULL;\n"
     "CREATE TABLE fingerprints(doc INTEGER PRIMARY KEY REFERENCES documents(id), data BLOB NOT NULL);\n"},
    {3, "stories",
     "CREATE TABLE stories(id INTEGER PRIMARY KEY,  -- the id of its first document\n"
     "  title TEXT, first_seen TEXT, last_seen TEXT, n_articles INTEGER NOT NULL, outlets TEXT);\n"
     "CREATE TABLE story_labels(story INTEGER NOT NULL REFERENCES stories(id), outlet TEXT NOT NULL,\n"
     "  actor TEXT NOT NULL, label TEXT NOT NULL, count INTEGER NOT NULL,\n"
     "  PRIMARY KEY (story, outlet, actor, label)) WITHOUT ROWID;\n"
     "CREATE INDEX documents_by_story ON documents(story) WHERE story IS NOT NULL;\n"},
    {4, "repeated paragraphs within a document, removed boilerplate lines",
     "ALTER TABLE paragraphs ADD COLUMN repeats INTEGER;  -- idx of an earlier paragraph of the same doc it restates\n"
     "ALTER TABLE paragraphs ADD COLUMN repeat_similarity REAL;  -- 1 for an exact repeat (dedup.h)\n"
     "CREATE INDEX paragraphs_repeating ON paragraphs(doc) WHERE repeats IS NOT NULL;\n"
     "CREATE TABLE boilerplate(doc INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,\n"
     "  at INTEGER NOT NULL,               -- byte offset in documents.text where the line stood\n"
     "  input_start INTEGER NOT NULL, input_end INTEGER NOT NULL, -- its span in the text as read\n"
     "  reason TEXT NOT NULL, text TEXT NOT NULL,\n"
     "  PRIMARY KEY (doc, idx)) WITHOUT ROWID;\n"},
    {5, "what the events table lacks for the event export",
     "ALTER TABLE events ADD COLUMN detail TEXT;  -- JSON: names, codes, magnitudes, sentence span (event_detail.h)\n"},
    {6, "covering indexes for the read routes",
     /* a document's row holds its text, so each lookup of its date or
      * outlet by id read a whole page: this index answers those alone */
     "CREATE INDEX documents_meta ON documents(id, published, source, story, dup_kind, duplicate_of);\n"
     /* the actors list sums every entity row: from the index, not the
      * rows with their mention spans */
     "CREATE INDEX entities_totals ON entities(entity, mention_count, type, country, name, doc);\n"
     /* an actor's page and the events/framing filters by actor scanned
      * every event and framing row */
     "CREATE INDEX events_by_source ON events(source) WHERE source IS NOT NULL;\n"
     "CREATE INDEX events_by_target ON events(target) WHERE target IS NOT NULL;\n"
     "CREATE INDEX framing_by_actor ON framing(actor) WHERE actor IS NOT NULL;\n"
     /* a story's outlets, and the stories of an outlet, without the rows */
     "CREATE INDEX documents_story_source ON documents(story, source) WHERE story IS NOT NULL;\n"},
    {7, "the actors list's sums, kept up to date as entities are stored",
     /* /api/actors summed every entity row (1.3 s on the full SaudiNewsNet
      * store) and, under a date or outlet filter, looked up each row's
      * document too. These tables hold the sums: per entity (the list
      * without filters), per type and entity (the type filter), and per
      * publication date, outlet, entity and type (the date and outlet
      * filters, summed over the days asked for). Every column is one
      * that composes: sum(), count() as a sum, and max() for the name,
      * type and country the list shows (max of maxes is the max), so the
      * answers are those of the entity rows themselves.
      * An entity row is only ever inserted, and a document's published
      * and source are set once, when it is stored; adding each batch's
      * rows at its commit (rasd_sqlite_sums_sql below) is therefore all
      * the upkeep (a command that rewrote either would have to rebuild
      * these tables with the INSERTs of this step). */
     "CREATE TABLE actor_totals(entity TEXT PRIMARY KEY, name TEXT, type TEXT, country TEXT,\n"
     "  mentions INTEGER NOT NULL, articles INTEGER NOT NULL) WITHOUT ROWID;\n"
     "CREATE INDEX actor_totals_rank ON actor_totals(mentions DESC, entity);\n"
     /* entity rows without a type are left out: no type filter names them */
     "CREATE TABLE actor_type_totals(type TEXT NOT NULL, entity TEXT NOT NULL, name TEXT, country TEXT,\n"
     "  mentions INTEGER NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (type, entity)) WITHOUT ROWID;\n"
     "CREATE INDEX actor_type_totals_rank ON actor_type_totals(type, mentions DESC, entity);\n"
     /* published and source may be NULL, which a primary key would not
      * match; rows are found with IS instead, through these indexes (which
      * also cover the filtered list's sums) */
     "CREATE TABLE actor_days(published TEXT, source TEXT, entity TEXT NOT NULL, type TEXT, name TEXT,\n"
     "  country TEXT, mentions INTEGER NOT NULL, articles INTEGER NOT NULL);\n"
     "CREATE INDEX actor_days_by_day ON actor_days(published, source, entity, type, mentions, articles, name,\n"
     "  country);\n"
     "CREATE INDEX actor_days_by_source ON actor_days(source, published, entity, type, mentions, articles, name,\n"
     "  country);\n"
     SUMS_OF_ALL},
    {8, "each event's, quote's and label's day and outlet in its own row",
     /* The events and quotes lists are ordered by a day that is the
      * document's (an event's own date, else its article's publication
      * date), and they, the timeline, the events map and the outlets'
      * labels filter on the document's outlet and date: with both on the
      * row, an index gives the lists in their order (the page is the
      * first rows of an index scan, not a sort of every row joined to its
      * document) and the counts come from an index alone. Documents are
      * never deleted and their published and source never change once
      * stored, so the copies are set once, when a row is stored (its
      * document is stored first): by the store's own INSERTs
      * (sqlite_docs.c), and by the triggers below for a writer that
      * leaves them out (`rasd migrate` into SQLite), which is when both
      * are NULL (a row whose document has neither redoes the lookup:
      * harmless). */
     "ALTER TABLE events ADD COLUMN doc_day TEXT;     -- coalesce(date, the document's published)\n"
     "ALTER TABLE events ADD COLUMN doc_source TEXT;  -- the document's source (its outlet)\n"
     "ALTER TABLE quotes ADD COLUMN doc_published TEXT;\n"
     "ALTER TABLE quotes ADD COLUMN doc_source TEXT;\n"
     "ALTER TABLE framing ADD COLUMN doc_published TEXT;\n"
     "ALTER TABLE framing ADD COLUMN doc_source TEXT;\n"
     "UPDATE events SET (doc_day, doc_source) = (SELECT coalesce(events.date, d.published), d.source\n"
     "  FROM documents d WHERE d.id = events.doc);\n"
     "UPDATE quotes SET (doc_published, doc_source) = (SELECT d.published, d.source FROM documents d\n"
     "  WHERE d.id = quotes.doc);\n"
     "UPDATE framing SET (doc_published, doc_source) = (SELECT d.published, d.source FROM documents d\n"
     "  WHERE d.id = framing.doc);\n"
     "CREATE TRIGGER events_doc AFTER INSERT ON events WHEN NEW.doc_day IS NULL AND NEW.doc_source IS NULL\n"
     "BEGIN\n"
     "  UPDATE events SET (doc_day, doc_source) = (SELECT coalesce(NEW.date, d.published), d.source\n"
     "    FROM documents d WHERE d.id = NEW.doc) WHERE rowid = NEW.rowid;\n"
     "END;\n"
     "CREATE TRIGGER quotes_doc AFTER INSERT ON quotes WHEN NEW.doc_published IS NULL AND NEW.doc_source IS NULL\n"
     "BEGIN\n"
     "  UPDATE quotes SET (doc_published, doc_source) = (SELECT d.published, d.source FROM documents d\n"
     "    WHERE d.id = NEW.doc) WHERE rowid = NEW.rowid;\n"
     "END;\n"
     "CREATE TRIGGER framing_doc AFTER INSERT ON framing WHEN NEW.doc_published IS NULL AND NEW.doc_source IS NULL\n"
     "BEGIN\n"
     "  UPDATE framing SET (doc_published, doc_source) = (SELECT d.published, d.source FROM documents d\n"
     "    WHERE d.id = NEW.doc) WHERE rowid = NEW.rowid;\n"
     "END;\n"
     /* the events list in its order, with every column its filters read */
     "CREATE INDEX events_by_day ON events(doc_day DESC, doc DESC, span_start, span_end, source, target, cameo,\n"
     "  plover, acled, place, doc_source);\n"
     /* the events map: places in order, counted from the index */
     "CREATE INDEX events_by_place ON events(place, doc_day, cameo, doc_source) WHERE place IS NOT NULL;\n"
     "CREATE INDEX quotes_by_day ON quotes(doc_published DESC, doc DESC, span_start, span_end, speaker,\n"
     "  doc_source);\n"
     /* an outlet's labels, as the outlets list groups them ('' for none) */
     "CREATE INDEX framing_by_outlet ON framing(coalesce(doc_source, ''), actor, label, term, doc_published)\n"
     "  WHERE actor IS NOT NULL;\n"
     /* an actor's days (the timeline of one actor) */
     /* (keys only: a stored entity changes the sums of its row, and an
      * index holding them would be rewritten too) */
     "CREATE INDEX actor_days_by_entity ON actor_days(entity, published, source, type);\n"},
    {9, "the stories list in its order; duplicates counted without a scan",
     /* the stories page is the first stories of this index, not a sort of
      * all of them */
     "CREATE INDEX stories_rank ON stories(n_articles DESC, last_seen DESC, id DESC);\n"
     /* /api/health counts the exact and near duplicates and the groups of
      * the exact ones: a few rows of this index, not every document's */
     "CREATE INDEX documents_dups ON documents(dup_kind, duplicate_of) WHERE dup_kind IS NOT NULL;\n"},
    {10, "indexes for the lists' filters, the actors of a range of days and the search facets",
     /* The lists build their WHERE from the filters given (queries_sqlite.c),
      * so a filter can read an index: an outlet's events and quotes in the
      * lists' order (the page is their first rows, the count a range of
      * the index), the events of a CAMEO prefix (counted from a range) */
     "CREATE INDEX events_by_outlet ON events(doc_source, doc_day DESC, doc DESC, span_start, span_end, source,\n"
     "  target, cameo, plover, acled, place);\n"
     "CREATE INDEX events_by_cameo ON events(cameo, doc_day, doc_source);\n"
     "CREATE INDEX quotes_by_outlet ON quotes(doc_source, doc_published DESC, doc DESC, span_start, span_end,\n"
     "  speaker);\n"
     /* an actor's sums over a range of days, from the index alone: the
      * actors list under a date filter ranks the actors whose totals can
      * still reach its page, actor by actor, and counts the actors of the
      * range in one pass over this index in actor order (no sort); it
      * holds what actor_days_by_entity held, first */
     "CREATE INDEX actor_days_sums ON actor_days(entity, published, source, type, mentions, articles, name,\n"
     "  country);\n"
     "DROP INDEX actor_days_by_entity;\n"
     /* a search's facets group the entities and places of its first
      * thousand matches: from these, not from the rows with their mention
      * spans (they begin as entities_by_doc and places_by_doc did) */
     "CREATE INDEX entities_by_doc_names ON entities(doc, entity, name);\n"
     "DROP INDEX entities_by_doc;\n"
     "CREATE INDEX places_by_doc_names ON places(doc, place, name);\n"
     "DROP INDEX places_by_doc;\n"},
    {11, "each actor's days, with the day before, for counting the actors of a range of days",
     /* The actors list under a date filter counts the actors with a row
      * in the range: grouping actor_days' rows cost 17 ms on the full
      * SaudiNewsNet store, whatever the range. Each actor's days with the
      * one before (prev, NULL for its first) count them as a range of the
      * index: an actor is counted once, on its first day in the range,
      * the one whose day before is outside it. A batch's new days are
      * added at its commit and the day before recomputed for its actors'
      * later days (rasd_sqlite_sums_sql below); undated rows are left
      * out, since no range holds them. */
     "CREATE TABLE actor_day_list(entity TEXT NOT NULL, published TEXT NOT NULL, prev TEXT,\n"
     "  PRIMARY KEY (entity, published)) WITHOUT ROWID;\n"
     "CREATE INDEX actor_day_list_by_day ON actor_day_list(published, prev);\n"
     DAY_LIST_OF_ALL},
    {12, "each outlet's actors, for counting the actors of an outlet",
     /* As step 11 for an outlet: the actors list under an outlet filter
      * counts the outlet's actors (of a type) as a range of this key, not
      * by grouping its rows of actor_days. A row's type is '' when the
      * entity row has none (no type filter names it); rows of no outlet
      * are left out, since no outlet filter matches them. Added at each
      * batch's commit with the sums of step 7. */
     "CREATE TABLE actor_outlets(source TEXT NOT NULL, entity TEXT NOT NULL, type TEXT NOT NULL,\n"
     "  PRIMARY KEY (source, entity, type)) WITHOUT ROWID;\n"
     OUTLETS_OF_ALL},
};

const size_t rasd_n_migrations = sizeof rasd_migrations / sizeof rasd_migrations[0];

/* The entity rows of the documents listed in temp.batch_docs added to the
 * sums of step 7 and the lists of steps 11 and 12, set-based: the writer runs it once per batch, before
 * the commit. A trigger per entity row did the same work row by row and
 * tripled the writer thread's time (three upserts for each of a
 * document's thirty-odd entity rows, each rewriting index entries).
 * max(a, b) is NULL when either is: coalesce keeps the other, as the
 * aggregate max() skips NULLs. actor_days has no key that NULLs would
 * match, so its rows are updated first and the missing ones inserted. */
#define BATCH_ENTITIES "SELECT doc FROM temp.batch_docs"
#define BATCH_DAYS                                                                                                    \
    "(SELECT d.published AS published, d.source AS source, e.entity AS entity, e.type AS type, max(e.name) AS name," \
    " max(e.country) AS country, sum(e.mention_count) AS mentions, count(*) AS articles FROM entities e"             \
    " JOIN documents d ON d.id = e.doc WHERE e.doc IN (" BATCH_ENTITIES ") GROUP BY 1, 2, 3, 4)"
const char rasd_sqlite_sums_sql[] =
    "INSERT INTO actor_totals SELECT entity, max(name), max(type), max(country), sum(mention_count), count(*)"
    " FROM entities WHERE doc IN (" BATCH_ENTITIES ") GROUP BY entity"
    " ON CONFLICT(entity) DO UPDATE SET name = coalesce(max(name, excluded.name), name, excluded.name),"
    " type = coalesce(max(type, excluded.type), type, excluded.type),"
    " country = coalesce(max(country, excluded.country), country, excluded.country),"
    " mentions = mentions + excluded.mentions, articles = articles + excluded.articles;\n"
    "INSERT INTO actor_type_totals SELECT type, entity, max(name), max(country), sum(mention_count), count(*)"
    " FROM entities WHERE doc IN (" BATCH_ENTITIES ") AND type IS NOT NULL GROUP BY type, entity"
    " ON CONFLICT(type, entity) DO UPDATE SET name = coalesce(max(name, excluded.name), name, excluded.name),"
    " country = coalesce(max(country, excluded.country), country, excluded.country),"
    " mentions = mentions + excluded.mentions, articles = articles + excluded.articles;\n"
    "UPDATE actor_days SET name = coalesce(max(actor_days.name, b.name), actor_days.name, b.name),"
    " country = coalesce(max(actor_days.country, b.country), actor_days.country, b.country),"
    " mentions = actor_days.mentions + b.mentions, articles = actor_days.articles + b.articles"
    " FROM " BATCH_DAYS " AS b WHERE actor_days.published IS b.published AND actor_days.source IS b.source"
    " AND actor_days.entity = b.entity AND actor_days.type IS b.type;\n"
    "INSERT INTO actor_days SELECT b.published, b.source, b.entity, b.type, b.name, b.country, b.mentions,"
    " b.articles FROM " BATCH_DAYS " AS b WHERE NOT EXISTS (SELECT 1 FROM actor_days a"
    " WHERE a.published IS b.published AND a.source IS b.source AND a.entity = b.entity AND a.type IS b.type);\n"
    /* the batch's dated days, then the day before of each of its actors'
     * days from its earliest new one on (a day stored out of order
     * changes the day before of the actor's next day) */
    "INSERT OR IGNORE INTO actor_day_list(entity, published) SELECT DISTINCT e.entity, d.published FROM entities e"
    " JOIN documents d ON d.id = e.doc WHERE e.doc IN (" BATCH_ENTITIES ") AND d.published IS NOT NULL;\n"
    "UPDATE actor_day_list SET prev = (SELECT max(p.published) FROM actor_day_list p WHERE p.entity ="
    " actor_day_list.entity AND p.published < actor_day_list.published) FROM (SELECT e.entity AS entity,"
    " min(d.published) AS since FROM entities e JOIN documents d ON d.id = e.doc WHERE e.doc IN (" BATCH_ENTITIES ")"
    " AND d.published IS NOT NULL GROUP BY e.entity) AS b WHERE actor_day_list.entity = b.entity"
    " AND actor_day_list.published >= b.since;\n"
    "INSERT OR IGNORE INTO actor_outlets SELECT DISTINCT d.source, e.entity, coalesce(e.type, '') FROM entities e"
    " JOIN documents d ON d.id = e.doc WHERE e.doc IN (" BATCH_ENTITIES ") AND d.source IS NOT NULL;\n"
    "DELETE FROM temp.batch_docs;\n";

/* The sums and lists made again from every entity row: the grouped
 * INSERTs of step 7 give exactly what the batches' upserts add up to (sum
 * and count compose, max of maxes is the max, GROUP BY puts NULLs together
 * as IS matches them), and steps 11 and 12 read what those leave, for less
 * than the batches' upkeep over a whole import: each row is written once,
 * not updated (with its indexes) at every batch that touches it. */
const char rasd_sqlite_sums_rebuild_sql[] =
    "DELETE FROM actor_totals; DELETE FROM actor_type_totals; DELETE FROM actor_days; DELETE FROM actor_day_list;\n"
    "DELETE FROM actor_outlets; DELETE FROM temp.batch_docs;\n" SUMS_OF_ALL DAY_LIST_OF_ALL OUTLETS_OF_ALL;

int rasd_schema_version(void) { return rasd_migrations[rasd_n_migrations - 1].version; }

static rasd_status exec(sqlite3 *db, const char *name, const char *sql, rasd_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return RASD_OK;
    rasd_status st = rasd_fail(err, RASD_ERR_DB, "%s: %s", name, msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return st;
}

rasd_status rasd_schema_migrate(sqlite3 *db, const char *name, int target, rasd_error *err) {
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return rasd_fail(err, RASD_ERR_DB, "%s: %s", name, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > rasd_schema_version())
        return rasd_fail(err, RASD_ERR_DB, "%s: schema version %d is newer than this rasd's (%d)", name, version,
                         rasd_schema_version());
    for (size_t i = 0; i < rasd_n_migrations; i++) {
        const rasd_migration *m = &rasd_migrations[i];
        if (m->version <= version || m->version > target) continue;
        rasd_status s = exec(db, name, "BEGIN IMMEDIATE", err);
        if (s != RASD_OK) return s;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if ((s = exec(db, name, m->sql, err)) != RASD_OK || (s = exec(db, name, pragma, err)) != RASD_OK ||
            (s = exec(db, name, "COMMIT", err)) != RASD_OK) {
            char saved[sizeof err->message];
            snprintf(saved, sizeof saved, "%s", err ? err->message : "");
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return rasd_fail(err, RASD_ERR_DB, "migration to schema %d (%s) failed: %s", m->version, m->summary,
                             saved);
        }
    }
    return RASD_OK;
}
