# The PostgreSQL backend's tests: tests/test_store_pg.c runs the store's
# operations against SQLite and PostgreSQL, the latter on a throwaway
# server started by tests/pg_harness.sh (skipped, exit 77, without one).
add_executable(test_store_pg test_store_pg.c)
target_link_libraries(test_store_pg PRIVATE rasd_lib PkgConfig::CMOCKA PkgConfig::RASD_PQ)
target_include_directories(test_store_pg PRIVATE ${CMAKE_SOURCE_DIR}/src)
add_test(NAME store_pg COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_harness.sh $<TARGET_FILE:test_store_pg>)
set_tests_properties(store_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# Four ingest processes into one PostgreSQL database against one SQLite
# ingest, and a worker killed mid-ingest (tests/test_ingest_pg.sh; needs
# ../shared/corpora/saudinewsnet, skipped without it).
add_test(NAME ingest_pg COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_harness.sh
         bash ${CMAKE_CURRENT_SOURCE_DIR}/test_ingest_pg.sh ${CMAKE_BINARY_DIR} 300)
set_tests_properties(ingest_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)

# rasd ingest --from-jsonl against ingesting the same files, on both
# backends (tests/test_from_jsonl.sh).
add_test(NAME from_jsonl COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_harness.sh
         bash ${CMAKE_CURRENT_SOURCE_DIR}/test_from_jsonl.sh ${CMAKE_BINARY_DIR})
set_tests_properties(from_jsonl PROPERTIES TIMEOUT 300)

# rasd migrate: SQLite -> PostgreSQL -> SQLite unchanged (tests/test_migrate.sh).
add_test(NAME migrate_pg COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_harness.sh
         bash ${CMAKE_CURRENT_SOURCE_DIR}/test_migrate.sh ${CMAKE_BINARY_DIR})
set_tests_properties(migrate_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# The query layer on both backends (tests/test_queries_pg.c): every
# question asked of a SQLite store and of its copy in PostgreSQL, the
# answers byte-identical.
add_executable(test_queries_pg test_queries_pg.c)
target_link_libraries(test_queries_pg PRIVATE rasd_server PkgConfig::CMOCKA PkgConfig::RASD_PQ PkgConfig::JANSSON)
target_include_directories(test_queries_pg PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_queries_pg PRIVATE RASD_BIN="$<TARGET_FILE:rasd>"
                           FIXTURES="${CMAKE_CURRENT_SOURCE_DIR}/fixtures"
                           SEEDS_DIR="${CMAKE_SOURCE_DIR}/../shared/seeds"
                           CORPUS_DAY="${CMAKE_SOURCE_DIR}/../shared/corpora/saudinewsnet/2015-07-21.zip")
add_dependencies(test_queries_pg rasd)
add_test(NAME queries_pg COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_harness.sh $<TARGET_FILE:test_queries_pg>)
set_tests_properties(queries_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)

# rasd serve and the query commands on PostgreSQL: the outside tests of
# server_tests.cmake again, over a PostgreSQL copy of their store
# (test_server* --pg).
foreach(name server server_views server_guards)
  add_test(NAME ${name}_pg COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_harness.sh $<TARGET_FILE:test_${name}> --pg)
  set_tests_properties(${name}_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
