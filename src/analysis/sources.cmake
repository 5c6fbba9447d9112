# src/analysis/: the JSON contract of `rasd analyze` (docs/analyze.schema.json).
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/analysis_json.c
  ${CMAKE_CURRENT_LIST_DIR}/analysis_events.c
  ${CMAKE_CURRENT_LIST_DIR}/analysis_facts.c
  ${CMAKE_CURRENT_LIST_DIR}/json_write.c
)
target_link_libraries(rasd_lib PUBLIC PkgConfig::JANSSON PkgConfig::YAJL)
