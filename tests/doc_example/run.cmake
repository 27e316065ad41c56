# Runs the example of docs/library.md with INPUT on standard input and compares its exit status
# with EXPECTED.status, its standard error (the diagnostics) with EXPECTED.err and, when there
# is an EXPECTED.out, its standard output. Run by ctest:
#   cmake -DPROGRAM=... -DINPUT=... -DEXPECTED=... -P run.cmake
execute_process(COMMAND ${PROGRAM} INPUT_FILE ${INPUT} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${EXPECTED}.status want_status)
string(STRIP "${want_status}" want_status)
file(READ ${EXPECTED}.err want_err)
set(compared status err)
if(EXISTS ${EXPECTED}.out)
  file(READ ${EXPECTED}.out want_out)
  list(APPEND compared out)
endif()
set(failed OFF)
foreach(what IN LISTS compared)
  if(NOT "${${what}}" STREQUAL "${want_${what}}")
    message(SEND_ERROR "${what} differs.\n--- expected:\n${want_${what}}\n--- got:\n${${what}}")
    set(failed ON)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "the example of docs/library.md gives other results on ${INPUT}")
endif()
