# src/core/: the error path, buffers, arenas, hash tables, the calendar
# (date.c) and the ordered thread pool, under everything else in librasd.
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/error.c
  ${CMAKE_CURRENT_LIST_DIR}/buf.c
  ${CMAKE_CURRENT_LIST_DIR}/strtab.c
  ${CMAKE_CURRENT_LIST_DIR}/arena.c
  ${CMAKE_CURRENT_LIST_DIR}/date.c
  ${CMAKE_CURRENT_LIST_DIR}/pool.c
)
target_link_libraries(rasd_lib PUBLIC Threads::Threads PkgConfig::XXHASH)
