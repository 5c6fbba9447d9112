# rasd serve (src/server/): the dispatcher from the inside
# (tests/test_server_dispatch.c), and the server from the outside with
# libcurl, split by what it tests (tests/test_server*.c over
# test_server_helpers.h): the routes and the hostile text, the views'
# routes, the guards of a server left running. Included by
# tests/CMakeLists.txt; their runs on PostgreSQL are in store_pg_tests.cmake.
pkg_check_modules(RASD_TEST_CURL REQUIRED IMPORTED_TARGET libcurl)
foreach(name server_dispatch server server_views server_guards)
  add_executable(test_${name} test_${name}.c)
  target_link_libraries(test_${name} PRIVATE rasd_server PkgConfig::CMOCKA PkgConfig::RASD_TEST_CURL PkgConfig::RASD_PQ)
  target_compile_definitions(test_${name} PRIVATE RASD_BIN="$<TARGET_FILE:rasd>")
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  add_dependencies(test_${name} rasd)
  add_test(NAME ${name} COMMAND test_${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endforeach()
