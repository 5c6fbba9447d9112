# src/extract/: what each sentence says: entities and their disambiguation,
# people, the tagger's names, quotes, framing, numbers, dates and events.
# numbers.c uses libm (floor, fmod).
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/entities.c
  ${CMAKE_CURRENT_LIST_DIR}/disambiguate.c
  ${CMAKE_CURRENT_LIST_DIR}/people.c
  ${CMAKE_CURRENT_LIST_DIR}/tagged_names.c
  ${CMAKE_CURRENT_LIST_DIR}/untagged_names.c
  ${CMAKE_CURRENT_LIST_DIR}/name_shape.c
  ${CMAKE_CURRENT_LIST_DIR}/verse_lines.c
  ${CMAKE_CURRENT_LIST_DIR}/person_shape.c
  ${CMAKE_CURRENT_LIST_DIR}/person_evidence.c
  ${CMAKE_CURRENT_LIST_DIR}/person_span.c
  ${CMAKE_CURRENT_LIST_DIR}/person_whole.c
  ${CMAKE_CURRENT_LIST_DIR}/person_nouns.c
  ${CMAKE_CURRENT_LIST_DIR}/place_context.c
  ${CMAKE_CURRENT_LIST_DIR}/place_evidence.c
  ${CMAKE_CURRENT_LIST_DIR}/quotes.c
  ${CMAKE_CURRENT_LIST_DIR}/quotes_speaker.c
  ${CMAKE_CURRENT_LIST_DIR}/quotes_attribution.c
  ${CMAKE_CURRENT_LIST_DIR}/framing.c
  ${CMAKE_CURRENT_LIST_DIR}/events.c
  ${CMAKE_CURRENT_LIST_DIR}/events_match.c
  ${CMAKE_CURRENT_LIST_DIR}/events_parties.c
  ${CMAKE_CURRENT_LIST_DIR}/events_modality.c
  ${CMAKE_CURRENT_LIST_DIR}/events_attach.c
  ${CMAKE_CURRENT_LIST_DIR}/events_actors.c
  ${CMAKE_CURRENT_LIST_DIR}/events_morph.c
  ${CMAKE_CURRENT_LIST_DIR}/events_clues.c
  ${CMAKE_CURRENT_LIST_DIR}/events_agency.c
  ${CMAKE_CURRENT_LIST_DIR}/events_sources.c
  ${CMAKE_CURRENT_LIST_DIR}/events_unnamed.c
  ${CMAKE_CURRENT_LIST_DIR}/events_assault.c
  ${CMAKE_CURRENT_LIST_DIR}/phrases.c
  ${CMAKE_CURRENT_LIST_DIR}/numbers.c
  ${CMAKE_CURRENT_LIST_DIR}/dates.c
  ${CMAKE_CURRENT_LIST_DIR}/dates_dict.c
)
target_link_libraries(rasd_lib PUBLIC m)
