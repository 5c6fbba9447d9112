# src/knowledge/: the knowledge base of data/kb/ and data/gazetteer/ (one
# name trie), CAMEO codes, and the event dictionary of data/events/.
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/tsv.c
  ${CMAKE_CURRENT_LIST_DIR}/names.c
  ${CMAKE_CURRENT_LIST_DIR}/loader.c
  ${CMAKE_CURRENT_LIST_DIR}/knowledge.c
  ${CMAKE_CURRENT_LIST_DIR}/gazetteer.c
  ${CMAKE_CURRENT_LIST_DIR}/cameo.c
  ${CMAKE_CURRENT_LIST_DIR}/event_dict.c
)
