# Sources of the name tagger (owned by src/ner/). Included by the top-level
# CMakeLists.txt: RASD_NER_SOURCES go into librasd, RASD_NER_CLI_SOURCES into
# the rasd command.
set(RASD_NER_SOURCES
  ${CMAKE_SOURCE_DIR}/src/ner/context.c
  ${CMAKE_SOURCE_DIR}/src/ner/features.c
  ${CMAKE_SOURCE_DIR}/src/ner/model.c
  ${CMAKE_SOURCE_DIR}/src/ner/tagger.c
  ${CMAKE_SOURCE_DIR}/src/ner/weights.c
  ${CMAKE_SOURCE_DIR}/src/ner/data.c
  ${CMAKE_SOURCE_DIR}/src/ner/clusters.c
  ${CMAKE_SOURCE_DIR}/src/ner/profile.c
  ${CMAKE_SOURCE_DIR}/src/ner/memory.c
)
set(RASD_NER_CLI_SOURCES ${CMAKE_SOURCE_DIR}/src/cli/cmd_ner.c ${CMAKE_SOURCE_DIR}/src/cli/cmd_train_ner.c ${CMAKE_SOURCE_DIR}/src/cli/cmd_eval_ner.c)
# The tagger and the cluster builder use libm (exp, log, sqrt); the rest of
# librasd does not, so the tagger asks for it here.
if(TARGET rasd_lib)
  target_link_libraries(rasd_lib PUBLIC m)
endif()
