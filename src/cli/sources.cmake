# src/cli/: the rasd command, a table of subcommands (one file each) over
# librasd and rasd_server.
add_executable(rasd
  ${CMAKE_CURRENT_LIST_DIR}/main.c
  ${CMAKE_CURRENT_LIST_DIR}/util.c
  ${CMAKE_CURRENT_LIST_DIR}/term_text.c
  ${CMAKE_CURRENT_LIST_DIR}/engine.c
  ${CMAKE_CURRENT_LIST_DIR}/web_input.c
  ${CMAKE_CURRENT_LIST_DIR}/cli_query.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_analyze.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_normalize.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_words.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_wordfreq.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_actors.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_lookup.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_watch.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_ner.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_train_ner.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_eval_ner.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_ingest.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_search.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_repair.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_migrate.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_stories.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_story.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_events.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_quotes.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_outlets.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_export.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_serve.c
)
target_include_directories(rasd PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(rasd PRIVATE rasd_server rasd_lib Threads::Threads)
set_target_properties(rasd PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
