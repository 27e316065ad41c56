# Warnings for the project's own targets (never forced on embedders: they are PRIVATE).
# -DVTTKIT_WERROR=ON (.ci/run) turns them into errors.
function(vttkit_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(VTTKIT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
