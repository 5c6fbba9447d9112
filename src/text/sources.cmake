# src/text/: the text core (UTF-8, normalization, tokens, clitics and stems
# with Snowball, paragraphs and sentences).
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/utf8.c
  ${CMAKE_CURRENT_LIST_DIR}/charclass.c
  ${CMAKE_CURRENT_LIST_DIR}/normalize.c
  ${CMAKE_CURRENT_LIST_DIR}/tokenize.c
  ${CMAKE_CURRENT_LIST_DIR}/lexicon.c
  ${CMAKE_CURRENT_LIST_DIR}/morph.c
  ${CMAKE_CURRENT_LIST_DIR}/segment.c
)
target_include_directories(rasd_lib PRIVATE ${STEMMER_INCLUDE})
target_link_libraries(rasd_lib PUBLIC PkgConfig::UTF8PROC ${STEMMER_LIB})
