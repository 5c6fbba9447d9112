# The cmocka tests of the event coder (tests/test_events.c): the fixture
# knowledge base of tests/fixtures/data for actors and places, the real
# data/ for the event dictionary, numbers and dates.
add_executable(test_events test_events.c)
target_link_libraries(test_events PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_events PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(test_events PRIVATE FIXTURE_DATA="${CMAKE_CURRENT_SOURCE_DIR}/fixtures/data"
                           RASD_DATA_DIR_FOR_TESTS="${CMAKE_SOURCE_DIR}/data")
add_test(NAME events COMMAND test_events)
