/*
 * queries_pg.h: the PostgreSQL answers to queries.h, over a connection to
 * a database with the store's schema (src/storage/pg_schema.c). queries.c
 * calls them with the connection of an open PostgreSQL store; each answer
 * is the very JSON text the SQLite answer (queries_sqlite.h) gives for the
 * same rows: same keys in the same order, same value types, same numbers,
 * same ordering and paging (docs/store-postgres.md).
 */
#ifndef RASD_QUERIES_PG_H
#define RASD_QUERIES_PG_H

#include "storage/pg_store.h"
#include "storage/queries.h"

rasd_status rasd_pg_query_stories(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_story(PGconn *db, int64_t id, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_article(PGconn *db, int64_t id, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_actors(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
/* kb_json: the knowledge base's record of the actor as JSON, or NULL. */
rasd_status rasd_pg_query_actor(PGconn *db, const char *id, const char *kb_json, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_events(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_timeline(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_event_places(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_quotes(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_pg_query_outlets(PGconn *db, const rasd_query *q, rasd_buf *out, rasd_error *err);

/* How many documents match a search exactly, and the facets of the first
 * RASD_FACET_SCAN of them by id (as rasd_sqlite_search_facets). an: the
 * store's analyzer, which turns the query text into the tsquery the
 * store's search uses (pg_fts.h). */
rasd_status rasd_pg_search_facets(PGconn *db, rasd_analyzer *an, const rasd_query *q, int64_t *total,
                                  rasd_buf *facets, rasd_error *err);

/* Reader settings for a connection that serves queries: no writes at all
 * when read_only (default_transaction_read_only). Every question already
 * runs in a read-only transaction of its own under a statement timeout. */
rasd_status rasd_pg_reader_setup(PGconn *db, bool read_only, rasd_error *err);

/* Export through a server-side cursor, fetched a few hundred rows at a
 * time, inside one read-only transaction (one snapshot) until closed. */
typedef struct rasd_pg_export rasd_pg_export;
rasd_pg_export *rasd_pg_export_open(PGconn *db, const rasd_query *q, rasd_export_format f, rasd_error *err);
rasd_status rasd_pg_export_next(rasd_pg_export *x, rasd_buf *out, bool *done, rasd_error *err);
void rasd_pg_export_close(rasd_pg_export *x);

/* PostgreSQL's JSON text with the whitespace outside strings taken out
 * (json_build_object writes "a" : 1, json_agg a newline between items;
 * SQLite writes none): appends to out. Exposed for the fuzz target. */
void rasd_pg_json_compact(const char *json, size_t len, rasd_buf *out);

#endif
