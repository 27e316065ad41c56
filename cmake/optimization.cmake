# Link-time optimisation for optimised g++ builds: the hot path crosses translation units
# (reader -> cue text -> writer), and LTO inlines across them (about 10% on the benchmark).
# The library's objects stay "fat" (real code besides the LTO bytecode), so the installed
# static library links into programs built without LTO or with another compiler.
set(VTTKIT_LTO_DEFAULT OFF)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT VTTKIT_SANITIZE AND NOT VTTKIT_FUZZ)
  set(VTTKIT_LTO_DEFAULT ON)
endif()
option(VTTKIT_LTO "Link-time optimisation in Release builds (g++)" ${VTTKIT_LTO_DEFAULT})

function(vttkit_optimize target)
  if(VTTKIT_LTO)
    target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-flto=auto -ffat-lto-objects>)
    target_link_options(${target} PRIVATE $<$<CONFIG:Release>:-flto=auto>)
  endif()
endfunction()
