# SPDX-License-Identifier: MIT
# Hardening tests (included from Makefile.am): YAML Test Suite conformance,
# the hostile-input corpus and allocation failure.  Their helpers are
# EXTRA_PROGRAMS built as check_DATA, so plain 'make' leaves them alone.

TESTS += tests/yts.sh tests/adversarial.sh tests/oom.sh

EXTRA_PROGRAMS += tests/yaml_errline tests/gen_adversarial
tests_yaml_errline_SOURCES = tests/yaml_errline.c
tests_yaml_errline_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
tests_yaml_errline_LDADD = $(YAML_LIBS)
tests_gen_adversarial_SOURCES = tests/gen_adversarial.c

# The allocation-failure shim (LD_PRELOAD; never sanitised).
check_DATA += tests/yaml_errline$(EXEEXT) tests/gen_adversarial$(EXEEXT) \
	tests/failmalloc.so
tests/failmalloc.so: $(srcdir)/tests/failmalloc.c
	$(AM_V_CC)$(CC) -shared -fPIC -O1 -o $@ $(srcdir)/tests/failmalloc.c -ldl
CLEANFILES += tests/yaml_errline$(EXEEXT) tests/gen_adversarial$(EXEEXT) \
	tests/failmalloc.so

EXTRA_DIST += tests/yts.sh tests/adversarial.sh tests/oom.sh \
	tests/failmalloc.c tests/yaml-test-suite
