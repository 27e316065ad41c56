# A Debian package of everything `cmake --install` puts in place: `cpack -G DEB` in the build
# directory writes vttkit_VERSION_ARCH.deb (README.md, "Install"; CI installs and removes it).
# One package: the program, the static library with its headers, CMake package and pkg-config
# file, the man page, the completions and the documents.
set(CPACK_PACKAGE_NAME vttkit)
set(CPACK_PACKAGE_VENDOR vttkit)
set(CPACK_PACKAGE_CONTACT "vttkit maintainers <vttkit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY vttkit)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "The vtt program (convert, merge, stitch, speakers, lint, fmt) and the C++20 library
 vttkit::vttkit, with its headers, CMake package and pkg-config file.")
# The shared libraries `vtt` links (libc6, libstdc++6, libgcc-s1, libfmt9, ...) come from
# dpkg-shlibdeps (package dpkg-dev). The library is static, so a program built against it
# also links fmt: its CMake package and .pc file look for fmt, which libfmt-dev provides.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libfmt-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "g++, cmake, pkg-config")
include(CPack)
