# Fails when db_integration_tests has a GoogleTest suite that CMakeLists.txt
# does not register with CTest (it would silently never run).
#   cmake -DBINARY=<test binary> -DSUITES=A,B,C -P check_suites.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${BINARY} --gtest_list_tests OUTPUT_VARIABLE _out RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} --gtest_list_tests failed (${_rc})")
endif()
string(REPLACE "," ";" _registered "${SUITES}")
string(REPLACE "\n" ";" _lines "${_out}")
foreach(_line IN LISTS _lines)
  if(_line MATCHES "^([A-Za-z0-9_]+)\\.$")
    if(NOT CMAKE_MATCH_1 IN_LIST _registered)
      message(FATAL_ERROR "suite ${CMAKE_MATCH_1} is not registered in tests/integration/db/CMakeLists.txt")
    endif()
  endif()
endforeach()
message(STATUS "all suites registered")
