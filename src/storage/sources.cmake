# Sources of the store (src/storage/) and the article readers it ingests
# from (src/corpus/reader*.c). Included by the top-level CMakeLists.txt,
# which adds RASD_STORE_SOURCES to librasd; SQLite (with FTS5) keeps the
# store, libzip opens archives, jansson reads JSON.
pkg_check_modules(RASD_SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(RASD_ZIP REQUIRED IMPORTED_TARGET libzip)
set(RASD_STORE_SOURCES
  ${CMAKE_SOURCE_DIR}/src/storage/store.c
  ${CMAKE_SOURCE_DIR}/src/storage/sqlite_store.c
  ${CMAKE_SOURCE_DIR}/src/storage/schema.c
  ${CMAKE_SOURCE_DIR}/src/storage/fts_rasd.c
  ${CMAKE_SOURCE_DIR}/src/storage/terms.c
  ${CMAKE_SOURCE_DIR}/src/storage/rows.c
  ${CMAKE_SOURCE_DIR}/src/storage/rows_analysis.c
  ${CMAKE_SOURCE_DIR}/src/storage/event_detail.c
  ${CMAKE_SOURCE_DIR}/src/ingest/link.c
  ${CMAKE_SOURCE_DIR}/src/corpus/reader.c
  ${CMAKE_SOURCE_DIR}/src/corpus/reader_txt.c
  ${CMAKE_SOURCE_DIR}/src/corpus/reader_json.c
  ${CMAKE_SOURCE_DIR}/src/corpus/reader_zip.c
  ${CMAKE_SOURCE_DIR}/src/corpus/reader_open.c
  ${CMAKE_SOURCE_DIR}/src/corpus/reader_json_array.c
)
# The commands built on the store (src/cli/).
set(RASD_STORE_CLI_SOURCES
  ${CMAKE_SOURCE_DIR}/src/cli/engine.c
  ${CMAKE_SOURCE_DIR}/src/cli/cmd_ingest.c
  ${CMAKE_SOURCE_DIR}/src/ingest/worker.c
  ${CMAKE_SOURCE_DIR}/src/cli/cmd_search.c
  ${CMAKE_SOURCE_DIR}/src/cli/cmd_repair.c
)
if(TARGET rasd_lib)
  target_link_libraries(rasd_lib PUBLIC PkgConfig::RASD_SQLITE PkgConfig::RASD_ZIP)
endif()
# The PostgreSQL backend (src/storage/pg_*.c, libpq).
include(${CMAKE_SOURCE_DIR}/src/storage/pg_sources.cmake)
