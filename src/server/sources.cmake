# src/server/: `rasd serve`'s HTTP layer, routes, answer cache, POST
# /api/ingest, and its web interface (web/, embedded at build time with the
# npm files it vendors), as the library rasd_server on top of librasd.
pkg_check_modules(RASD_MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
pkg_check_modules(RASD_ZLIB REQUIRED IMPORTED_TARGET zlib)

# name=path: the name is the URL under /static/ (index.html is also /).
set(RASD_WEB_ASSETS
  index.html=${CMAKE_SOURCE_DIR}/web/index.html
  app.css=${CMAKE_SOURCE_DIR}/web/app.css
  app.js=${CMAKE_SOURCE_DIR}/web/app.js
  map.js=${CMAKE_SOURCE_DIR}/web/map.js
  favicon.svg=${CMAKE_SOURCE_DIR}/web/favicon.svg
  d3-array.min.js=${CMAKE_SOURCE_DIR}/node_modules/d3-array/dist/d3-array.min.js
  d3-geo.min.js=${CMAKE_SOURCE_DIR}/node_modules/d3-geo/dist/d3-geo.min.js
  topojson-client.min.js=${CMAKE_SOURCE_DIR}/node_modules/topojson-client/dist/topojson-client.min.js
  countries-50m.json=${CMAKE_SOURCE_DIR}/node_modules/world-atlas/countries-50m.json
  naskh-400.woff2=${CMAKE_SOURCE_DIR}/node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2
  naskh-700.woff2=${CMAKE_SOURCE_DIR}/node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2
)
set(rasd_web_paths)
foreach(pair IN LISTS RASD_WEB_ASSETS)
  string(REGEX REPLACE "^[^=]*=" "" p "${pair}")
  list(APPEND rasd_web_paths "${p}")
endforeach()
string(REPLACE ";" "|" rasd_web_arg "${RASD_WEB_ASSETS}")
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/web_assets.c
  COMMAND ${CMAKE_COMMAND} -DOUT=${CMAKE_BINARY_DIR}/web_assets.c "-DFILES=${rasd_web_arg}"
          -P ${CMAKE_SOURCE_DIR}/src/server/embed_assets.cmake
  DEPENDS ${rasd_web_paths} ${CMAKE_SOURCE_DIR}/src/server/embed_assets.cmake
  COMMENT "Embedding the web interface"
  VERBATIM)

add_library(rasd_server STATIC
  ${CMAKE_CURRENT_LIST_DIR}/dispatch.c
  ${CMAKE_CURRENT_LIST_DIR}/gzip.c
  ${CMAKE_CURRENT_LIST_DIR}/cache.c
  ${CMAKE_CURRENT_LIST_DIR}/access_log.c
  ${CMAKE_CURRENT_LIST_DIR}/params.c
  ${CMAKE_CURRENT_LIST_DIR}/http.c
  ${CMAKE_CURRENT_LIST_DIR}/names.c
  ${CMAKE_CURRENT_LIST_DIR}/server.c
  ${CMAKE_CURRENT_LIST_DIR}/ingest_post.c
  ${CMAKE_CURRENT_LIST_DIR}/assets.c
  ${CMAKE_BINARY_DIR}/web_assets.c
)
target_include_directories(rasd_server PUBLIC ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(rasd_server PUBLIC rasd_lib PkgConfig::RASD_MHD PkgConfig::RASD_ZLIB Threads::Threads)
