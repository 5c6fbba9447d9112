# src/corpus/: articles and their readers (text, JSON, zip, HTML, feeds,
# http), the boilerplate filter, the feed watcher, duplicates and stories.
# HTML needs gumbo, feeds libxml2, http libcurl, archives libzip.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(RASD_ZIP REQUIRED IMPORTED_TARGET libzip)
target_sources(rasd_lib PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/document.c
  ${CMAKE_CURRENT_LIST_DIR}/article.c
  ${CMAKE_CURRENT_LIST_DIR}/reader.c
  ${CMAKE_CURRENT_LIST_DIR}/reader_open.c
  ${CMAKE_CURRENT_LIST_DIR}/reader_txt.c
  ${CMAKE_CURRENT_LIST_DIR}/reader_json.c
  ${CMAKE_CURRENT_LIST_DIR}/reader_json_array.c
  ${CMAKE_CURRENT_LIST_DIR}/reader_zip.c
  ${CMAKE_CURRENT_LIST_DIR}/boilerplate.c
  ${CMAKE_CURRENT_LIST_DIR}/html.c
  ${CMAKE_CURRENT_LIST_DIR}/html_meta.c
  ${CMAKE_CURRENT_LIST_DIR}/charset.c
  ${CMAKE_CURRENT_LIST_DIR}/charref.c
  ${CMAKE_CURRENT_LIST_DIR}/webdate.c
  ${CMAKE_CURRENT_LIST_DIR}/feed.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch.c
  ${CMAKE_CURRENT_LIST_DIR}/watch.c
  ${CMAKE_CURRENT_LIST_DIR}/dedup.c
  ${CMAKE_CURRENT_LIST_DIR}/stories.c
  ${CMAKE_CURRENT_LIST_DIR}/stories_state.c
)
target_link_libraries(rasd_lib PUBLIC PkgConfig::GUMBO PkgConfig::LIBXML2 PkgConfig::LIBCURL PkgConfig::RASD_ZIP)
