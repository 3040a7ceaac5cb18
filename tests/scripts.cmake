# scripts.cmake - tests that are scripts rather than Check suites (included by
# tests/CMakeLists.txt):
#   python_binding   the ctypes binding's unittest suite, against this build
#   cli_<name>       tests/cli/test_[cli_]<name>.sh, given the conflictev tool
#   eval_seeds       extraction quality on the seed corpus (label `eval`;
#                    leave it out with `ctest -LE eval`)
#   eval_plover, eval_petrarch, eval_geowebnews
#                    real-data gold sets of ../shared/data (label `eval`)

find_program(CEV_PYTHON3 NAMES python3 DOC "Python 3 for the binding and eval tests")

# ---- Python binding ------------------------------------------------------------
set(CEV_PY_ENV
  "CONFLICTEV_LIB=$<TARGET_FILE:conflictev>"
  "PYTHONPATH=${PROJECT_SOURCE_DIR}/python"
  "PYTHONDONTWRITEBYTECODE=1"
  "CEV_EXPECT_VERSION=${PROJECT_VERSION}")
set(CEV_PY_SKIP "")
if(CEV_SANITIZE)
  # An instrumented library can only be loaded into python when the
  # sanitizer runtime is preloaded; Python itself leaks by design.
  if(CMAKE_C_COMPILER_ID MATCHES "Clang")
    set(_cev_asan_name libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so)
  else()
    set(_cev_asan_name libasan.so)
  endif()
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=${_cev_asan_name}
                  OUTPUT_VARIABLE _cev_asan_rt OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
  if(_cev_asan_rt AND IS_ABSOLUTE "${_cev_asan_rt}" AND EXISTS "${_cev_asan_rt}")
    list(APPEND CEV_PY_ENV "LD_PRELOAD=${_cev_asan_rt}"
         "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0"
         "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  else()
    set(CEV_PY_SKIP "the sanitizer runtime (${_cev_asan_name}) was not found to preload")
  endif()
endif()
if(NOT CEV_PYTHON3)
  set(CEV_PY_SKIP "python3 not found")
endif()

if(CEV_PY_SKIP)
  message(STATUS "conflictev: python_binding test skipped: ${CEV_PY_SKIP}")
  add_test(NAME python_binding
    COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: ${CEV_PY_SKIP}")
  set_tests_properties(python_binding PROPERTIES
    SKIP_REGULAR_EXPRESSION "SKIPPED:" LABELS "python")
else()
  add_test(NAME python_binding
    COMMAND ${CEV_PYTHON3} -m unittest discover -v
            -s ${PROJECT_SOURCE_DIR}/python/tests -t ${PROJECT_SOURCE_DIR}/python/tests)
  set_tests_properties(python_binding PROPERTIES
    ENVIRONMENT "${CEV_PY_ENV}" TIMEOUT 300 LABELS "python")
endif()

# ---- command-line tool ---------------------------------------------------------
file(GLOB CEV_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli/*.sh)
list(SORT CEV_CLI_TESTS)
foreach(script ${CEV_CLI_TESTS})
  get_filename_component(_cev_name ${script} NAME_WE)
  string(REGEX REPLACE "^test_(cli_)?" "cli_" _cev_name "${_cev_name}")
  set(_cev_env ${CEV_TEST_ENV} "CEV_VERSION=${PROJECT_VERSION}")
  if(CEV_PYTHON3)
    list(APPEND _cev_env "PYTHON3=${CEV_PYTHON3}")
  endif()
  add_test(NAME ${_cev_name}
    COMMAND sh ${script} $<TARGET_FILE:conflictev_cli> ${PROJECT_VERSION})
  set_tests_properties(${_cev_name} PROPERTIES
    ENVIRONMENT "${_cev_env}" TIMEOUT 300 LABELS "cli")
endforeach()

# ---- extraction quality on the seed corpus ---------------------------------------
# Thresholds are the project's current targets; the test runs the shared
# evaluation exactly as a developer would, from the project root.
if(EXISTS ${PROJECT_SOURCE_DIR}/../shared/eval/run.sh)
  if(CEV_PYTHON3)
    add_test(NAME eval_seeds
      COMMAND bash ../shared/eval/run.sh ../shared/corpus/seeds
              ../shared/eval/gold/seeds.jsonl
              --min-f1 0.80
              --min-field type=0.80 --min-field killed=0.85 --min-field injured=0.85
              --min-field location=0.70 --min-field date=0.70
              --min-field actor=0.65 --min-field target=0.55
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(eval_seeds PROPERTIES
      ENVIRONMENT "CONFLICTEV=$<TARGET_FILE:conflictev_cli>;${CEV_TEST_ENV}"
      TIMEOUT 600 LABELS "eval")
  else()
    message(STATUS "conflictev: eval_seeds test skipped: python3 not found")
  endif()
endif()

# ---- real-data gold sets (tests/eval/README.md) ---------------------------------------
# PLOVER and PETRARCH-2 sentences (violent-event detection, roles, figures) and
# GeoWebNews toponyms (gazetteer resolution).  The floors sit a little under
# the measured numbers: they catch regressions, the README keeps the numbers.
# Exit status 2 (gold data absent) is a skip.
if(CEV_PYTHON3)
  set(_cev_eval ${PROJECT_SOURCE_DIR}/tests/eval)
  add_test(NAME eval_plover
    COMMAND ${CEV_PYTHON3} ${_cev_eval}/plover.py --conflictev $<TARGET_FILE:conflictev_cli>
            --min detection_strict.f1=0.70 --min killed_on_detected.accuracy=0.85
            --min location_on_records_with_event.accuracy=0.85)
  add_test(NAME eval_petrarch
    COMMAND ${CEV_PYTHON3} ${_cev_eval}/petrarch.py --conflictev $<TARGET_FILE:conflictev_cli>
            --min detection_strict.f1=0.70)
  add_test(NAME eval_geowebnews
    COMMAND ${CEV_PYTHON3} ${_cev_eval}/geowebnews.py --lib $<TARGET_FILE:conflictev>
            --no-geonames --min configs.builtin.literal_metonymic.acc161=0.55
            --min recognition_builtin.f1=0.65)
  set_tests_properties(eval_plover eval_petrarch eval_geowebnews PROPERTIES
    ENVIRONMENT "${CEV_TEST_ENV}" SKIP_RETURN_CODE 2 TIMEOUT 600 LABELS "eval")
endif()

# ---- examples ------------------------------------------------------------------------
# The example programs run on the example articles (and the store example on a
# scratch database in the build tree).
if(TARGET extract_events)
  add_test(NAME example_extract_events
    COMMAND extract_events --published 2017-09-19
            ${PROJECT_SOURCE_DIR}/examples/articles/syria_mayadin_shelling.txt)
  set_tests_properties(example_extract_events PROPERTIES
    ENVIRONMENT "${CEV_TEST_ENV}" TIMEOUT 120 LABELS "examples")
endif()
if(TARGET store_query)
  set(_cev_db ${CMAKE_CURRENT_BINARY_DIR}/example_store.db)
  add_test(NAME example_store_query
    COMMAND sh -c "rm -f '${_cev_db}' && exec '$<TARGET_FILE:store_query>' '${_cev_db}' '${PROJECT_SOURCE_DIR}/examples/articles'")
  set_tests_properties(example_store_query PROPERTIES
    ENVIRONMENT "${CEV_TEST_ENV}" TIMEOUT 120 LABELS "examples")
endif()
