# src/storage/: the store (SQLite with FTS5, or PostgreSQL on libpq): its
# schema, rows, full-text index, and the query layer the server and the
# query commands read it through, and the copy between backends (migrate.c).
pkg_check_modules(RASD_SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(RASD_PQ REQUIRED IMPORTED_TARGET libpq)
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/store.c
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_store.c
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_docs.c
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_stories.c
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_search.c
  ${CMAKE_CURRENT_LIST_DIR}/schema.c
  ${CMAKE_CURRENT_LIST_DIR}/fts_rasd.c
  ${CMAKE_CURRENT_LIST_DIR}/terms.c
  ${CMAKE_CURRENT_LIST_DIR}/rows.c
  ${CMAKE_CURRENT_LIST_DIR}/rows_analysis.c
  ${CMAKE_CURRENT_LIST_DIR}/event_detail.c
  ${CMAKE_CURRENT_LIST_DIR}/analysis_line.c
  ${CMAKE_CURRENT_LIST_DIR}/pg_store.c
  ${CMAKE_CURRENT_LIST_DIR}/pg_schema.c
  ${CMAKE_CURRENT_LIST_DIR}/pg_fts.c
  ${CMAKE_CURRENT_LIST_DIR}/pg_search.c
  ${CMAKE_CURRENT_LIST_DIR}/queries.c
  ${CMAKE_CURRENT_LIST_DIR}/queries_sqlite.c
  ${CMAKE_CURRENT_LIST_DIR}/queries_sqlite_docs.c
  ${CMAKE_CURRENT_LIST_DIR}/queries_sqlite_actors.c
  ${CMAKE_CURRENT_LIST_DIR}/queries_sqlite_lists.c
  ${CMAKE_CURRENT_LIST_DIR}/queries_sqlite_export.c
  ${CMAKE_CURRENT_LIST_DIR}/queries_pg.c
  ${CMAKE_CURRENT_LIST_DIR}/export_events.c
  ${CMAKE_CURRENT_LIST_DIR}/migrate.c
)
target_link_libraries(rasd_lib PUBLIC PkgConfig::RASD_SQLITE PkgConfig::RASD_PQ)
