# Issue 15's text and tables (tests/test_export.c): character references
# decoded in scraped records, the CAMEO names, the events' stored detail,
# and `rasd export --format events-csv|events-jsonl|quotes-csv` checked
# with Python's csv module against the store's tables.
add_executable(test_export test_export.c)
target_link_libraries(test_export PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_export PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_export PRIVATE RASD_BIN="$<TARGET_FILE:rasd>" RASD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_dependencies(test_export rasd)
add_test(NAME export COMMAND test_export)
set_tests_properties(export PROPERTIES TIMEOUT 300)
