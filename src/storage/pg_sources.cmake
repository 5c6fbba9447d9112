# The PostgreSQL backend of the store (src/storage/pg_*.c), on libpq.
# Included by src/storage/sources.cmake.
pkg_check_modules(RASD_PQ REQUIRED IMPORTED_TARGET libpq)
list(APPEND RASD_STORE_SOURCES
  ${CMAKE_SOURCE_DIR}/src/storage/pg_store.c
  ${CMAKE_SOURCE_DIR}/src/storage/pg_schema.c
  ${CMAKE_SOURCE_DIR}/src/storage/pg_fts.c
  ${CMAKE_SOURCE_DIR}/src/storage/pg_search.c
  ${CMAKE_SOURCE_DIR}/src/storage/analysis_line.c
)
if(TARGET rasd_lib)
  target_link_libraries(rasd_lib PUBLIC PkgConfig::RASD_PQ)
endif()
# rasd migrate: a store copied between SQLite and PostgreSQL.
list(APPEND RASD_STORE_CLI_SOURCES ${CMAKE_SOURCE_DIR}/src/cli/cmd_migrate.c)
