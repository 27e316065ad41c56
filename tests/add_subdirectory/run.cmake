# Configures the parent project of tests/add_subdirectory twice: with a build type of its own
# (Debug), then builds and runs it; and with none, which must stay none. Each time, installing
# it must install nothing (vttkit defines no install rules as a subproject). Run by ctest:
#   cmake -DSOURCE_DIR=... -DWORK_DIR=... -DCXX=... -P run.cmake
function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${step} failed (${code}):\n${out}\n${err}")
  endif()
endfunction()

foreach(parent IN ITEMS Debug none)
  set(build ${WORK_DIR}/${parent})
  set(build_type ${parent})
  if(parent STREQUAL "none")
    set(build_type "")
  endif()
  file(REMOVE_RECURSE ${build} ${WORK_DIR}/prefix)
  run("configure (${parent})" ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR} -B ${build} -DCMAKE_CXX_COMPILER=${CXX}
      -DVTTKIT_SOURCE_DIR=${SOURCE_DIR} -DPARENT_BUILD_TYPE=${build_type})
  # A second run sees the cache the first one left: the parent's build type is still its own.
  run("reconfigure (${parent})" ${CMAKE_COMMAND} ${build})
  if(parent STREQUAL "Debug")
    run(build ${CMAKE_COMMAND} --build ${build} -j2)
    run(run ${build}/parent)
  endif()
  run("install (${parent})" ${CMAKE_COMMAND} --install ${build} --prefix ${WORK_DIR}/prefix)
  file(GLOB_RECURSE installed ${WORK_DIR}/prefix/*)
  if(installed)
    message(FATAL_ERROR "vttkit installed files as a subproject: ${installed}")
  endif()
endforeach()
message(STATUS "vttkit works through add_subdirectory and leaves the parent's settings alone")
