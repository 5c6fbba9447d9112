/*
 * queries_sqlite.h: the SQLite answers to queries.h, over a connection to
 * a database with the store's schema (src/storage/schema.c). queries.c
 * calls them with the connection of an open SQLite store.
 */
#ifndef RASD_QUERIES_SQLITE_H
#define RASD_QUERIES_SQLITE_H

#include "storage/queries.h"

#include <sqlite3.h>

rasd_status rasd_sqlite_query_stories(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_story(sqlite3 *db, int64_t id, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_article(sqlite3 *db, int64_t id, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_actors(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
/* kb_json: the knowledge base's record of the actor as JSON, or NULL. */
rasd_status rasd_sqlite_query_actor(sqlite3 *db, const char *id, const char *kb_json, rasd_buf *out,
                                    rasd_error *err);
rasd_status rasd_sqlite_query_events(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_quotes(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_outlets(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_timeline(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
rasd_status rasd_sqlite_query_event_places(sqlite3 *db, const rasd_query *q, rasd_buf *out, rasd_error *err);

typedef struct rasd_sqlite_export rasd_sqlite_export;
rasd_sqlite_export *rasd_sqlite_export_open(sqlite3 *db, const rasd_query *q, rasd_export_format f,
                                            rasd_error *err);
rasd_status rasd_sqlite_export_next(rasd_sqlite_export *x, rasd_buf *out, bool *done, rasd_error *err);
void rasd_sqlite_export_close(rasd_sqlite_export *x);

/* How many documents match a search (q->text and its filters), exactly,
 * and the facets of the first RASD_FACET_SCAN of them (by id). */
rasd_status rasd_sqlite_search_facets(sqlite3 *db, const rasd_query *q, int64_t *total, rasd_buf *facets,
                                      rasd_error *err);

/* Reader settings for a connection that serves queries: a smaller page
 * cache per connection (the server holds several), and no writes at all
 * when read_only (PRAGMA query_only). */
rasd_status rasd_sqlite_reader_setup(sqlite3 *db, bool read_only, rasd_error *err);

/* Provided by the SQLite backend (sqlite_store.c, sqlite_search.c): the
 * connection of an SQLite store, or NULL for another backend; and the FTS5
 * MATCH expression its search uses for a query text (malloc'd). */
sqlite3 *rasd_sqlite_store_db(rasd_store *s);
char *rasd_sqlite_fts_query(const char *text);

#endif
