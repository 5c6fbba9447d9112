# src/ingest/: rasd_ingest (rasd.h), articles into a store: the reader
# thread, the per-article pipeline on the workers, the one writer, the
# duplicate and story links and the settle. Above corpus, analysis and
# storage; called by the command line and the server.
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ingest.c
  ${CMAKE_CURRENT_LIST_DIR}/input.c
  ${CMAKE_CURRENT_LIST_DIR}/worker.c
  ${CMAKE_CURRENT_LIST_DIR}/writer.c
  ${CMAKE_CURRENT_LIST_DIR}/link.c
)
