# Install rules: headers, library, program, CMake package config.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/vttkit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/vttkit/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vttkit)
install(TARGETS vttkit EXPORT vttkitTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT vttkitTargets NAMESPACE vttkit:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vttkit)
configure_package_config_file(cmake/vttkitConfig.cmake.in ${PROJECT_BINARY_DIR}/vttkitConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vttkit)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vttkitConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/vttkitConfig.cmake ${PROJECT_BINARY_DIR}/vttkitConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vttkit)
if(VTTKIT_BUILD_APP)
  install(TARGETS vtt RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# The path from the installed .pc file up to the prefix ("../.." for lib/pkgconfig).
file(RELATIVE_PATH VTTKIT_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" VTTKIT_PC_TO_PREFIX "${VTTKIT_PC_TO_PREFIX}")
configure_file(cmake/vttkit.pc.in ${PROJECT_BINARY_DIR}/vttkit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vttkit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The manual: the man page, and the documents it points to (DOCDIR: share/doc/vttkit).
install(FILES docs/vtt.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
file(GLOB VTTKIT_DOCS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${VTTKIT_DOCS} README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Shell completions, where each shell looks for them under the prefix.
if(VTTKIT_BUILD_APP)
  install(FILES apps/vtt/completions/vtt.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME vtt)
  install(FILES apps/vtt/completions/_vtt DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
  install(FILES apps/vtt/completions/vtt.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
endif()
