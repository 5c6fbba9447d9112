# The store's tests: tests/test_store.c (the library: schema, migrations,
# the index's tokenizer against unicode61, search filters, the readers'
# bad input) and tests/test_store_cli.c (rasd ingest and rasd search as a
# user runs them, a killed ingest included), tests/test_inputs.c (inputs
# that cannot hang ingest, bad records in an array, exit statuses, escaped
# terminal output), tests/test_settle_kill.c (ingests killed at several
# points, inside the settle too, then run again: the store must equal an
# uninterrupted run's), tests/test_store_sums.c (the summary tables the
# read routes answer from, kept equal to the rows they sum).
foreach(name store store_cli inputs settle_kill)
  add_executable(test_${name} test_${name}.c)
  target_link_libraries(test_${name} PRIVATE rasd_lib PkgConfig::CMOCKA)
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_compile_definitions(test_${name} PRIVATE RASD_BIN="$<TARGET_FILE:rasd>" RASD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND test_${name})
endforeach()
add_dependencies(test_store_cli rasd)
add_dependencies(test_inputs rasd)
add_dependencies(test_settle_kill rasd)
target_link_libraries(test_inputs PRIVATE util) # forkpty: rasd search on a terminal
set_tests_properties(store_cli PROPERTIES TIMEOUT 600)
set_tests_properties(inputs PROPERTIES TIMEOUT 300)
set_tests_properties(settle_kill PROPERTIES TIMEOUT 300)

# Issue 5's acceptance on the seeds (tests/test_seeds_cli.c): rasd ingest of
# ../shared/seeds beside the source tree, then SQL; skips without the seeds.
add_executable(test_seeds_cli test_seeds_cli.c)
target_link_libraries(test_seeds_cli PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_seeds_cli PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_seeds_cli PRIVATE RASD_BIN="$<TARGET_FILE:rasd>"
                           SEEDS_DIR="${CMAKE_SOURCE_DIR}/../shared/seeds")
add_dependencies(test_seeds_cli rasd)
add_test(NAME seeds_cli COMMAND test_seeds_cli)
set_tests_properties(seeds_cli PROPERTIES TIMEOUT 300)

# The summary tables (tests/test_store_sums.c): with the query layer, which
# lives in the server's library.
add_executable(test_store_sums test_store_sums.c)
target_link_libraries(test_store_sums PRIVATE rasd_server PkgConfig::CMOCKA)
target_include_directories(test_store_sums PRIVATE ${CMAKE_SOURCE_DIR}/src)
add_test(NAME store_sums COMMAND test_store_sums)

# Rows from the typed analysis against rows from its JSON line
# (tests/test_rows_analysis.c); the seeds and a SaudiNewsNet day from
# ../shared when there, skipped otherwise.
add_executable(test_rows_analysis test_rows_analysis.c)
target_link_libraries(test_rows_analysis PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_rows_analysis PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_rows_analysis PRIVATE SHARED_DIR="${CMAKE_SOURCE_DIR}/../shared")
add_test(NAME rows_analysis COMMAND test_rows_analysis)
set_tests_properties(rows_analysis PROPERTIES TIMEOUT 300)
