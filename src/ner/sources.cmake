# Sources of the name tagger (owned by src/ner/). Included by the top-level
# CMakeLists.txt: RASD_NER_SOURCES go into librasd, RASD_NER_CLI_SOURCES into
# the rasd command.
set(RASD_NER_SOURCES)
set(RASD_NER_CLI_SOURCES ${CMAKE_SOURCE_DIR}/src/cli/cmd_ner.c)
