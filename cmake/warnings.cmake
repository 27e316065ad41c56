# Warnings for the project's own targets (never forced on embedders: they are PRIVATE).
# -DVTTKIT_WERROR=ON (.ci/run) turns them into errors.
function(vttkit_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  # g++ 12 at -O2 reports a false -Wrestrict inside libstdc++'s std::string (GCC bug 105329).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(VTTKIT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
