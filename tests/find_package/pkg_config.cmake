# Installs the build to a temporary prefix (not the configured one), then compiles and runs the
# consumer with the documented line: c++ -std=c++20 app.cpp $(pkg-config --cflags --libs vttkit).
# Run by ctest: cmake -DBUILD_DIR=... -DWORK_DIR=... -DCXX=... -P pkg_config.cmake
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "install failed (${code}):\n${err}")
endif()
file(GLOB_RECURSE pc_files ${WORK_DIR}/prefix/*/vttkit.pc)
list(LENGTH pc_files n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one installed vttkit.pc, found: ${pc_files}")
endif()
get_filename_component(pc_dir ${pc_files} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
execute_process(COMMAND pkg-config --cflags --libs vttkit RESULT_VARIABLE code
                OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "pkg-config failed (${code}):\n${err}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
execute_process(COMMAND ${CXX} -std=c++20 ${CMAKE_CURRENT_LIST_DIR}/main.cpp ${flags} -o ${WORK_DIR}/consumer
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "compiling with the pkg-config flags failed (${code}): ${flags}\n${out}\n${err}")
endif()
execute_process(COMMAND ${WORK_DIR}/consumer RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the consumer failed (${code}):\n${out}")
endif()
message(STATUS "the installed library works through pkg-config from another prefix")
