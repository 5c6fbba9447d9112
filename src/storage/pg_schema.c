/*
 * pg_schema.c: the store's PostgreSQL schema, step by step (pg_schema.h).
 *
 * The same tables and columns as schema.c, in PostgreSQL's types: ids are
 * bigint, blobs bytea, and ids come from a sequence rather than max(id)+1
 * so that several ingest processes never hand out the same id. The
 * full-text index is a tsvector column of documents holding rasd's own
 * terms (terms.c) with the title's positions weighted A and the text's D,
 * under a GIN index; PostgreSQL never analyses the text itself (see
 * docs/store-postgres.md).
 */
#include "storage/pg_schema.h"

#include "core/internal.h"
#include "storage/schema.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct pg_migration {
    int version;
    const char *summary;
    const char *sql;
} pg_migration;

static const pg_migration STEPS[] = {
    {1, "documents and the full-text index",
     "CREATE SEQUENCE documents_id_seq;\n"
     "CREATE TABLE documents(\n"
     "  id bigint PRIMARY KEY DEFAULT nextval('documents_id_seq'),\n"
     "  hash text NOT NULL UNIQUE,\n"
     "  text_id text NOT NULL,\n"
     "  origin text NOT NULL,\n"
     "  url text, title text, source text, author text,\n"
     "  published text,\n"
     "  ingested_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
     "  text text NOT NULL,\n"
     "  analysis text,\n"
     "  duplicate_of bigint REFERENCES documents(id),\n"
     "  dup_kind text CHECK (dup_kind IN ('exact', 'near')),\n"
     "  similarity double precision,\n"
     "  story bigint,\n"
     "  story_similarity double precision,\n"
     "  terms tsvector,\n"
     "  n_terms integer NOT NULL DEFAULT 0  -- the index's term count of title and text (BM25's length)\n"
     ");\n"
     "ALTER SEQUENCE documents_id_seq OWNED BY documents.id;\n"
     "CREATE INDEX documents_by_source ON documents(source, published);\n"
     "CREATE INDEX documents_by_published ON documents(published);\n"
     "CREATE INDEX documents_by_text_id ON documents(text_id);\n"
     "CREATE INDEX documents_by_original ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;\n"
     "CREATE INDEX documents_terms ON documents USING gin(terms);\n"
     "CREATE TABLE state(name text PRIMARY KEY, data bytea NOT NULL);\n"},
    {2, "the analysis as tables",
     "CREATE TABLE entities(doc bigint NOT NULL REFERENCES documents(id), entity text NOT NULL, name text,\n"
     "  type text, country text, mention_count bigint NOT NULL, mentions text NOT NULL);\n"
     "CREATE INDEX entities_by_doc ON entities(doc);\n"
     "CREATE INDEX entities_by_entity ON entities(entity, doc);\n"
     "CREATE TABLE places(doc bigint NOT NULL REFERENCES documents(id), place text NOT NULL, name text,\n"
     "  lat double precision, lon double precision, country text, mention_count bigint NOT NULL,\n"
     "  mentions text NOT NULL);\n"
     "CREATE INDEX places_by_doc ON places(doc);\n"
     "CREATE INDEX places_by_place ON places(place, doc);\n"
     "CREATE TABLE quotes(doc bigint NOT NULL REFERENCES documents(id), speaker text, speaker_text text,\n"
     "  verb text, direct integer NOT NULL, span_start bigint, span_end bigint, text text);\n"
     "CREATE INDEX quotes_by_doc ON quotes(doc);\n"
     "CREATE INDEX quotes_by_speaker ON quotes(speaker) WHERE speaker IS NOT NULL;\n"
     "CREATE TABLE events(doc bigint NOT NULL REFERENCES documents(id), source text, target text, cameo text,\n"
     "  plover text, acled text, place text, date text, flags text, span_start bigint, span_end bigint);\n"
     "CREATE INDEX events_by_doc ON events(doc);\n"
     "CREATE TABLE framing(doc bigint NOT NULL REFERENCES documents(id), actor text, term text, label text,\n"
     "  polarity bigint, span_start bigint, span_end bigint);\n"
     "CREATE INDEX framing_by_doc ON framing(doc);\n"
     "CREATE TABLE numbers(doc bigint NOT NULL REFERENCES documents(id), text text, value double precision,\n"
     "  unit text, unit_code text, span_start bigint, span_end bigint);\n"
     "CREATE INDEX numbers_by_doc ON numbers(doc);\n"
     "CREATE TABLE dates(doc bigint NOT NULL REFERENCES documents(id), text text, value text,\n"
     "  granularity text, span_start bigint, span_end bigint);\n"
     "CREATE INDEX dates_by_doc ON dates(doc);\n"
     "CREATE TABLE paragraphs(doc bigint NOT NULL REFERENCES documents(id), idx bigint NOT NULL,\n"
     "  span_start bigint, span_end bigint, pkey bigint, repeated_of bigint,\n"
     "  PRIMARY KEY (doc, idx));\n"
     "CREATE INDEX paragraphs_by_key ON paragraphs(pkey, doc) WHERE pkey IS NOT NULL;\n"
     "CREATE TABLE fingerprints(doc bigint PRIMARY KEY REFERENCES documents(id), data bytea NOT NULL);\n"},
    {3, "stories",
     "CREATE TABLE stories(id bigint PRIMARY KEY,\n"
     "  title text, first_seen text, last_seen text, n_articles bigint NOT NULL, outlets text);\n"
     "CREATE TABLE story_labels(story bigint NOT NULL REFERENCES stories(id), outlet text NOT NULL,\n"
     "  actor text NOT NULL, label text NOT NULL, count bigint NOT NULL,\n"
     "  PRIMARY KEY (story, outlet, actor, label));\n"
     "CREATE INDEX documents_by_story ON documents(story) WHERE story IS NOT NULL;\n"},
    {4, "repeated paragraphs within a document, removed boilerplate lines",
     "ALTER TABLE paragraphs ADD COLUMN repeats bigint;\n"
     "ALTER TABLE paragraphs ADD COLUMN repeat_similarity double precision;\n"
     "CREATE INDEX paragraphs_repeating ON paragraphs(doc) WHERE repeats IS NOT NULL;\n"
     "CREATE TABLE boilerplate(doc bigint NOT NULL REFERENCES documents(id), idx bigint NOT NULL,\n"
     "  at bigint NOT NULL, input_start bigint NOT NULL, input_end bigint NOT NULL,\n"
     "  reason text NOT NULL, text text NOT NULL,\n"
     "  PRIMARY KEY (doc, idx));\n"},
    {5, "what the events table lacks for the event export",
     "ALTER TABLE events ADD COLUMN detail text;\n"},
    {6, "covering indexes for the read routes",
     "CREATE INDEX documents_meta ON documents(id, published, source, story, dup_kind, duplicate_of);\n"
     "CREATE INDEX entities_totals ON entities(entity, mention_count, type, country, name, doc);\n"
     "CREATE INDEX events_by_source ON events(source) WHERE source IS NOT NULL;\n"
     "CREATE INDEX events_by_target ON events(target) WHERE target IS NOT NULL;\n"
     "CREATE INDEX framing_by_actor ON framing(actor) WHERE actor IS NOT NULL;\n"
     "CREATE INDEX documents_story_source ON documents(story, source) WHERE story IS NOT NULL;\n"},
    /* SQLite's steps 7 and 8 keep sums and copies of document columns
     * for its read routes (schema.c); PostgreSQL's queries (queries_pg.c)
     * answer from the rows themselves, with its parallel scans and hash
     * aggregates, so here the steps add nothing and only keep the two
     * schemas' numbers in step. */
    {7, "the actors list's sums (SQLite only)", "SELECT 1;\n"},
    {8, "each row's document day and outlet (SQLite only)", "SELECT 1;\n"},
    {9, "the stories list in its order; duplicates counted without a scan",
     "CREATE INDEX stories_rank ON stories(n_articles DESC, last_seen DESC, id DESC);\n"
     "CREATE INDEX documents_dups ON documents(dup_kind, duplicate_of) WHERE dup_kind IS NOT NULL;\n"},
    /* the indexes of SQLite's step 10 serve statements built from the
     * filters given and tables PostgreSQL does not have (actor_days); its
     * planner combines the indexes of step 2 and 6 itself */
    {10, "indexes for the lists' filters (SQLite only)", "SELECT 1;\n"},
    {11, "each actor's days, with the day before (SQLite only)", "SELECT 1;\n"},
    {12, "each outlet's actors (SQLite only)", "SELECT 1;\n"},
};

static const size_t N_STEPS = sizeof STEPS / sizeof STEPS[0];

static rasd_status run(PGconn *db, const char *name, const char *sql, rasd_error *err) {
    PGresult *r = PQexec(db, sql);
    ExecStatusType t = PQresultStatus(r);
    rasd_status st = RASD_OK;
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
        st = rasd_fail(err, RASD_ERR_DB, "%s: %s", name, PQerrorMessage(db));
    PQclear(r);
    return st;
}

rasd_status rasd_pg_schema_migrate(PGconn *db, const char *name, rasd_error *err) {
    _Static_assert(sizeof STEPS / sizeof STEPS[0] == 12, "the PostgreSQL schema has SQLite's steps");
    int latest = STEPS[N_STEPS - 1].version;
    if (latest != rasd_schema_version())
        return rasd_fail(err, RASD_ERR_DB, "%s: PostgreSQL schema %d does not match SQLite schema %d", name, latest,
                         rasd_schema_version());
    /* One transaction under an advisory lock: two processes opening a new
     * database at once do not both create it; messages stay quiet. */
    char lock[160];
    snprintf(lock, sizeof lock,
             "SET client_min_messages = warning; BEGIN; SELECT pg_advisory_xact_lock(%lld);"
             " CREATE TABLE IF NOT EXISTS rasd_schema(version integer NOT NULL)",
             (long long)RASD_PG_LOCK_SCHEMA);
    rasd_status st = run(db, name, lock, err);
    if (st != RASD_OK) {
        run(db, name, "ROLLBACK", NULL);
        return st;
    }
    PGresult *r = PQexec(db, "SELECT max(version) FROM rasd_schema");
    int version = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
        version = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    if (version > latest) {
        run(db, name, "ROLLBACK", NULL);
        return rasd_fail(err, RASD_ERR_DB, "%s: schema version %d is newer than this rasd's (%d)", name, version,
                         latest);
    }
    for (size_t i = 0; i < N_STEPS && st == RASD_OK; i++) {
        const pg_migration *m = &STEPS[i];
        if (m->version <= version) continue;
        char set[96];
        snprintf(set, sizeof set, "DELETE FROM rasd_schema; INSERT INTO rasd_schema VALUES (%d)", m->version);
        if ((st = run(db, name, m->sql, err)) != RASD_OK || (st = run(db, name, set, err)) != RASD_OK) {
            char saved[sizeof err->message];
            snprintf(saved, sizeof saved, "%s", err ? err->message : "");
            run(db, name, "ROLLBACK", NULL);
            return rasd_fail(err, RASD_ERR_DB, "migration to schema %d (%s) failed: %s", m->version, m->summary,
                             saved);
        }
    }
    if ((st = run(db, name, "COMMIT", err)) != RASD_OK) run(db, name, "ROLLBACK", NULL);
    return st;
}
