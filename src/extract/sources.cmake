# Sources of number and date extraction (src/extract/numbers.c, dates.c).
# Included by the top-level CMakeLists.txt, which adds RASD_EXTRACT_SOURCES
# to librasd. numbers.c uses libm (floor, fmod); the name tagger already
# asks for it, and asking twice is harmless.
set(RASD_EXTRACT_SOURCES
  ${CMAKE_SOURCE_DIR}/src/extract/phrases.c
  ${CMAKE_SOURCE_DIR}/src/extract/numbers.c
  ${CMAKE_SOURCE_DIR}/src/extract/dates.c
  ${CMAKE_SOURCE_DIR}/src/extract/dates_dict.c
)
if(TARGET rasd_lib)
  target_link_libraries(rasd_lib PUBLIC m)
endif()
