# tests/cli/cli.cmake: runs tests/cli/cli_test.sh once per case against the built binary.
set(AM_CLI_CASES
  version help_teaches usage_errors_exit_64 missing_file_exits_66 bad_json_exits_65_with_position
  bad_input_leaves_old_output_untouched demo_solves_and_checks_clean solve_is_byte_identical
  gen_is_byte_identical_and_valid check_flags_a_tampered_result write_lp_is_readable_by_glpsol
  time_limit_still_writes_a_checked_result demo_schedule_checks_clean_and_exports_ics
  schedule_refuses_what_it_cannot_use repair_keeps_locks_and_reports_changes
  output_into_a_pipe_stays_a_pipe)
foreach(case IN LISTS AM_CLI_CASES)
  add_test(NAME cli_${case}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cli_test.sh ${case} $<TARGET_FILE:advmatch>
                   ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/cli_work/${case})
endforeach()
