# tests/pg/pg.cmake: the PostgreSQL tests. ctest starts a throwaway cluster before them and
# removes it after them (tools/pg-cluster.sh, the fixture "pg"); every tests/pg/test_<name>.sh
# is the test pg_<name>, a shell script that sources lib.sh and reaches that cluster through
# PGHOST/PGPORT/PGUSER. Each build tree has its own cluster, in /tmp (the postgres user must
# reach it when the tests run as root) under a name derived from the build directory.
string(MD5 am_pg_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${am_pg_hash}" 0 10 am_pg_hash)
set(AM_PG_DIR /tmp/advmatch-pg-${am_pg_hash})
set(AM_PG_LIB ${CMAKE_CURRENT_LIST_DIR}/lib.sh)

add_test(NAME pg_cluster_start
         COMMAND sh ${PROJECT_SOURCE_DIR}/tools/pg-cluster.sh start ${AM_PG_DIR})
set_tests_properties(pg_cluster_start PROPERTIES FIXTURES_SETUP pg TIMEOUT 120)
add_test(NAME pg_cluster_stop
         COMMAND sh ${PROJECT_SOURCE_DIR}/tools/pg-cluster.sh stop ${AM_PG_DIR})
set_tests_properties(pg_cluster_stop PROPERTIES FIXTURES_CLEANUP pg TIMEOUT 120)

# am_pg_test(NAME SCRIPT): the test pg_NAME runs `sh SCRIPT` against the cluster, with the
# advmatch binary in ADVMATCH and its own scratch directory in AM_WORK (see lib.sh).
function(am_pg_test name script)
  add_test(NAME pg_${name} COMMAND sh ${script})
  set_tests_properties(pg_${name} PROPERTIES
    FIXTURES_REQUIRED pg
    TIMEOUT 600
    ENVIRONMENT "PGHOST=${AM_PG_DIR};PGPORT=5432;PGUSER=postgres;PGDATABASE=postgres;ADVMATCH=$<TARGET_FILE:advmatch>;AM_SOURCE_DIR=${PROJECT_SOURCE_DIR};AM_WORK=${CMAKE_CURRENT_BINARY_DIR}/pg_work/${name};AM_PG_LIB=${AM_PG_LIB}")
endfunction()

file(GLOB AM_PG_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.sh)
foreach(script IN LISTS AM_PG_TESTS)
  get_filename_component(name ${script} NAME)
  string(REGEX REPLACE "^test_(.*)\\.sh$" "\\1" name "${name}")
  am_pg_test(${name} ${script})
endforeach()
