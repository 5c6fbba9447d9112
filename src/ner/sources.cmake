# src/ner/: the trained name tagger (its commands are in src/cli/). The
# tagger and the cluster builder use libm (exp, log, sqrt).
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/context.c
  ${CMAKE_CURRENT_LIST_DIR}/features.c
  ${CMAKE_CURRENT_LIST_DIR}/model.c
  ${CMAKE_CURRENT_LIST_DIR}/tagger.c
  ${CMAKE_CURRENT_LIST_DIR}/weights.c
  ${CMAKE_CURRENT_LIST_DIR}/data.c
  ${CMAKE_CURRENT_LIST_DIR}/clusters.c
  ${CMAKE_CURRENT_LIST_DIR}/profile.c
  ${CMAKE_CURRENT_LIST_DIR}/memory.c
)
target_link_libraries(rasd_lib PUBLIC m)
