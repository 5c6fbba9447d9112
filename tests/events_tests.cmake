# The cmocka tests of the event coder (tests/test_events*.c, split by what
# they test: what is an event, what it carries, its named sources, the
# doers no dictionary names): the fixture knowledge base of
# tests/fixtures/data for actors and places, the real data/ for the event
# dictionary, numbers and dates (tests/test_events_helpers.h).
foreach(name events events_detail events_sources events_doers)
  add_executable(test_${name} test_${name}.c)
  target_link_libraries(test_${name} PRIVATE rasd_lib PkgConfig::CMOCKA)
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_compile_definitions(test_${name} PRIVATE FIXTURE_DATA="${CMAKE_CURRENT_SOURCE_DIR}/fixtures/data"
                             RASD_DATA_DIR_FOR_TESTS="${CMAKE_SOURCE_DIR}/data")
  add_test(NAME ${name} COMMAND test_${name})
endforeach()
