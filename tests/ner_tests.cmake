# The name tagger's cmocka tests (tests/test_ner.c), built like the others
# in tests/CMakeLists.txt. They reach into src/ner/ner_internal.h (the
# trainer, the model file, the scorer), hence the extra include directory.
add_executable(test_ner test_ner.c)
target_include_directories(test_ner PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(test_ner PRIVATE rasd_lib PkgConfig::CMOCKA)
target_compile_definitions(test_ner PRIVATE RASD_BIN="$<TARGET_FILE:rasd>" RASD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_dependencies(test_ner rasd)
add_test(NAME ner COMMAND test_ner)
set_tests_properties(ner PROPERTIES TIMEOUT 600)

# Its scorer and commands (tests/test_ner_cli.c), sharing test_ner_helpers.h.
add_executable(test_ner_cli test_ner_cli.c)
target_include_directories(test_ner_cli PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(test_ner_cli PRIVATE rasd_lib PkgConfig::CMOCKA)
target_compile_definitions(test_ner_cli PRIVATE RASD_BIN="$<TARGET_FILE:rasd>" RASD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_dependencies(test_ner_cli rasd)
add_test(NAME ner_cli COMMAND test_ner_cli)
set_tests_properties(ner_cli PROPERTIES TIMEOUT 600)

# The people and places the analysis keeps (tests/test_names.c): they run
# the rasd binary with the shipped tagger and data, sentence by sentence.
add_executable(test_names test_names.c)
target_include_directories(test_names PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(test_names PRIVATE rasd_lib PkgConfig::CMOCKA)
target_compile_definitions(test_names PRIVATE RASD_BIN="$<TARGET_FILE:rasd>" RASD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_dependencies(test_names rasd)
add_test(NAME names COMMAND test_names)
set_tests_properties(names PROPERTIES TIMEOUT 600)
