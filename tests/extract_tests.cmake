# The cmocka tests of number and date extraction (tests/test_numbers.c,
# tests/test_dates.c), built like the others in tests/CMakeLists.txt. They
# load the dictionaries of data/extract/ from the source tree.
foreach(name numbers dates)
  add_executable(test_${name} test_${name}.c)
  target_link_libraries(test_${name} PRIVATE rasd_lib PkgConfig::CMOCKA)
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_compile_definitions(test_${name} PRIVATE RASD_DATA_DIR_FOR_TESTS="${CMAKE_SOURCE_DIR}/data")
  add_test(NAME ${name} COMMAND test_${name})
endforeach()

# The calendar of src/core/date.c and the analysis's check of a
# publication date (tests/test_calendar.c).
add_executable(test_calendar test_calendar.c)
target_link_libraries(test_calendar PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_calendar PRIVATE ${CMAKE_SOURCE_DIR}/src)
add_test(NAME calendar COMMAND test_calendar)

# The JSON writer of analyze's hot arrays against yajl (tests/test_json_write.c).
add_executable(test_json_write test_json_write.c)
target_link_libraries(test_json_write PRIVATE rasd_lib PkgConfig::CMOCKA)
target_include_directories(test_json_write PRIVATE ${CMAKE_SOURCE_DIR}/src)
add_test(NAME json_write COMMAND test_json_write)
