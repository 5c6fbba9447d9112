# Sources of the web readers (src/corpus/boilerplate.c, html.c, feed.c,
# fetch.c, watch.c) and the article record. Included by the top-level
# CMakeLists.txt, which adds RASD_FORMATS_SOURCES to librasd; the readers
# need gumbo (HTML), libxml2 (feeds) and libcurl (http).
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)
set(RASD_FORMATS_SOURCES
  ${CMAKE_SOURCE_DIR}/src/corpus/article.c
  ${CMAKE_SOURCE_DIR}/src/corpus/boilerplate.c
  ${CMAKE_SOURCE_DIR}/src/corpus/html.c
  ${CMAKE_SOURCE_DIR}/src/corpus/html_meta.c
  ${CMAKE_SOURCE_DIR}/src/corpus/charset.c
  ${CMAKE_SOURCE_DIR}/src/corpus/charref.c
  ${CMAKE_SOURCE_DIR}/src/corpus/webdate.c
  ${CMAKE_SOURCE_DIR}/src/corpus/feed.c
  ${CMAKE_SOURCE_DIR}/src/corpus/fetch.c
  ${CMAKE_SOURCE_DIR}/src/corpus/watch.c
)
if(TARGET rasd_lib)
  target_link_libraries(rasd_lib PUBLIC PkgConfig::GUMBO PkgConfig::LIBXML2 PkgConfig::LIBCURL)
endif()
