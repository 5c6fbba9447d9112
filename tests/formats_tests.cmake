# The web readers' tests: test_formats (boilerplate, HTML, feeds, dates,
# charsets; offline) and test_formats_net (fetch and watch against
# tests/http_test_server.py on 127.0.0.1, and `rasd watch`). Included by
# tests/CMakeLists.txt.
foreach(name formats formats_net)
  add_executable(test_${name} test_${name}.c)
  target_link_libraries(test_${name} PRIVATE rasd_lib PkgConfig::CMOCKA)
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_compile_definitions(test_${name} PRIVATE
    FIXTURES="${CMAKE_CURRENT_SOURCE_DIR}/fixtures"
    DATA_DIR="${CMAKE_SOURCE_DIR}/data"
    SEEDS_DIR="${CMAKE_SOURCE_DIR}/../shared/seeds"
    SERVER_PY="${CMAKE_CURRENT_SOURCE_DIR}/http_test_server.py"
    RASD_BIN="$<TARGET_FILE:rasd>")
  add_test(NAME ${name} COMMAND test_${name})
endforeach()
add_dependencies(test_formats_net rasd)
set_tests_properties(formats_net PROPERTIES TIMEOUT 300)
