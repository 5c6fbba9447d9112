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
