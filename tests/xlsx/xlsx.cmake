# tests/xlsx/xlsx.cmake: the spreadsheet ledger read back by openpyxl. The Check test test_xlsx
# (tests/unit) writes the workbooks and their JSON into AM_XLSX_OUT; xlsx_openpyxl reads them, so
# ctest runs test_xlsx first (fixture xlsx_files), also for `ctest -R xlsx_openpyxl`; then the
# same JSON through `advmatch report --xlsx`.
# Include after the unit tests' foreach in tests/CMakeLists.txt (test_xlsx must exist).
set(AM_XLSX_OUT ${CMAKE_CURRENT_BINARY_DIR}/xlsx_work)
set_property(TEST test_xlsx APPEND PROPERTY ENVIRONMENT "AM_XLSX_OUT=${AM_XLSX_OUT}")
set_property(TEST test_xlsx APPEND PROPERTY FIXTURES_SETUP xlsx_files)
add_test(NAME xlsx_openpyxl
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/xlsx_openpyxl_test.sh ${AM_XLSX_OUT}
                 $<TARGET_FILE:advmatch> ${PROJECT_SOURCE_DIR})
set_tests_properties(xlsx_openpyxl PROPERTIES FIXTURES_REQUIRED xlsx_files SKIP_RETURN_CODE 77)
