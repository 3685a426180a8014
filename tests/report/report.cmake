# tests/report/report.cmake: `advmatch report` end to end. report_chromium renders the demo's
# province preview in headless Chromium (skipped, exit 77, only when chromium is not installed;
# the screenshot stays in report_work/chromium/shot.png of the build tree); report_cli_* run
# tests/report/report_cli_test.sh once per case (help, usage, bad inputs, unwritable output,
# byte-identical pages, the spreadsheet beside the page).
add_test(NAME report_chromium
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/chromium_test.sh $<TARGET_FILE:advmatch>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/report_work/chromium)
set_tests_properties(report_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

set(AM_REPORT_CLI_CASES
  help_teaches usage_errors_exit_64 unknown_province_exits_65
  result_of_another_instance_exits_65 unwritable_output_exits_73_and_leaves_nothing
  pages_are_byte_identical xlsx_beside_the_page fixes_found_by_solving_again)
foreach(case IN LISTS AM_REPORT_CLI_CASES)
  add_test(NAME report_cli_${case}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/report_cli_test.sh ${case} $<TARGET_FILE:advmatch>
                   ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/report_work/${case})
  set_tests_properties(report_cli_${case} PROPERTIES TIMEOUT 300)
endforeach()
