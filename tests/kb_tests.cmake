# The knowledge base of data/kb/ as shipped (tests/test_kb_region.c): the
# actors generated from UniversalPetrarch and the names the hand file keeps
# apart, on sentences written for the test.
add_executable(test_kb_region test_kb_region.c)
target_link_libraries(test_kb_region PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_kb_region PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_kb_region PRIVATE RASD_DATA_DIR_FOR_TESTS="${CMAKE_SOURCE_DIR}/data")
add_test(NAME kb_region COMMAND test_kb_region)
