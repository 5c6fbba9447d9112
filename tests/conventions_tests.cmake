# One set of conventions for every command (docs/cli.md, issue 15):
# tests/test_conventions.c (every --help; --json, --jsonl, --csv, --limit,
# --offset and the total of every list; exit statuses) and
# tests/test_readme_tour.sh (README.md's tour run as written).
add_executable(test_conventions test_conventions.c)
target_link_libraries(test_conventions PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_conventions PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_conventions PRIVATE RASD_BIN="$<TARGET_FILE:rasd>" RASD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_dependencies(test_conventions rasd)
add_test(NAME conventions COMMAND test_conventions)
set_tests_properties(conventions PROPERTIES TIMEOUT 300)
add_test(NAME readme_tour COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_readme_tour.sh ${CMAKE_SOURCE_DIR}
                                   $<TARGET_FILE_DIR:rasd>)
set_tests_properties(readme_tour PROPERTIES TIMEOUT 300)
