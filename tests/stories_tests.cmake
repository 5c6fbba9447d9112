# The cmocka tests of duplicate detection and story clustering
# (tests/test_dedup.c, tests/test_dedup_index.c, tests/test_stories.c). The seed check reads
# ../shared/seeds beside the source tree and skips when it is absent.
foreach(name dedup dedup_index stories)
  add_executable(test_${name} test_${name}.c)
  target_link_libraries(test_${name} PRIVATE rasd_lib PkgConfig::CMOCKA)
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_compile_definitions(test_${name} PRIVATE SEEDS_DIR="${CMAKE_SOURCE_DIR}/../shared/seeds")
  add_test(NAME ${name} COMMAND test_${name})
endforeach()
