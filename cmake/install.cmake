# `make install PREFIX=...` lays out the CANN tree (architecture.md, Build conventions).
include(GNUInstallDirs)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/acl DESTINATION runtime/include)
install(TARGETS ascendcl LIBRARY DESTINATION runtime/lib64)
# libascendcl's first-initialized helper (src/runtime/omp_defaults.c), found via $ORIGIN.
install(TARGETS openacl_omp_defaults LIBRARY DESTINATION runtime/lib64)
foreach(tool atc msame)
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION bin)
  endif()
endforeach()
if(TARGET acl_py)
  install(TARGETS acl_py LIBRARY DESTINATION python/site-packages/acl)
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/ascendcl.pc.in ${CMAKE_BINARY_DIR}/ascendcl.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/ascendcl.pc DESTINATION runtime/lib64/pkgconfig)
configure_file(${PROJECT_SOURCE_DIR}/cmake/openaclConfig.cmake.in ${CMAKE_BINARY_DIR}/openaclConfig.cmake @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/openaclConfig.cmake DESTINATION runtime/lib64/cmake/openacl)
# DVPP: libacl_dvpp.so next to libascendcl.so (header: runtime/include/acl/ops/acl_dvpp.h).
if(TARGET acl_dvpp)
  install(TARGETS acl_dvpp LIBRARY DESTINATION runtime/lib64)
endif()
# runtime/lib64/stub/: where CANN keeps its link-time libraries (sample CMakeLists link with
# NPU_HOST_LIB=$DDK_PATH/runtime/lib64/stub). Ours are links to the real libraries (so their
# $ORIGIN-relative dependencies resolve from stub/ too); apps still run with runtime/lib64.
install(CODE [[
  set(lib64 "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/runtime/lib64")
  file(MAKE_DIRECTORY "${lib64}/stub")
  file(GLOB libs RELATIVE "${lib64}" "${lib64}/libascendcl.so*" "${lib64}/libacl_dvpp.so*"
       "${lib64}/libopenacl_omp_defaults.so*")
  foreach(lib ${libs})
    file(CREATE_LINK "../${lib}" "${lib64}/stub/${lib}" SYMBOLIC)
  endforeach()
]])
