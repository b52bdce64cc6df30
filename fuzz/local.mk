# SPDX-License-Identifier: MIT
# libFuzzer harnesses: built by 'make' only after ./configure CC=clang
# --enable-fuzzing (which also builds the core with ASan+UBSan and coverage
# instrumentation).  'make fuzz' seeds a corpus per harness from the test
# data and runs each for FUZZ_SECONDS (default 60); findings are written to
# fuzz/out/.  See fuzz/README.

FUZZ_PROGS = fuzz/fuzz_load fuzz/fuzz_date fuzz/fuzz_query fuzz/fuzz_edit
if ENABLE_FUZZING
noinst_PROGRAMS = $(FUZZ_PROGS)
endif
FUZZ_LDADD = src/libtlvcore.a $(YAML_LIBS)
fuzz_fuzz_load_SOURCES = fuzz/fuzz_load.c
fuzz_fuzz_load_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_load_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_date_SOURCES = fuzz/fuzz_date.c
fuzz_fuzz_date_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_date_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_query_SOURCES = fuzz/fuzz_query.c
fuzz_fuzz_query_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_query_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_edit_SOURCES = fuzz/fuzz_edit.c
fuzz_fuzz_edit_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_edit_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer

EXTRA_DIST += fuzz/README fuzz/seed.sh fuzz/yaml.dict fuzz/date.dict \
	fuzz/query.dict

FUZZ_SECONDS = 60

fuzz-seeds:
	$(SHELL) $(srcdir)/fuzz/seed.sh $(srcdir) fuzz/corpus

fuzz: fuzz-seeds
	@if test ! -x fuzz/fuzz_load$(EXEEXT); then \
	  echo "make fuzz: configure with CC=clang --enable-fuzzing first" >&2; \
	  exit 1; \
	fi
	@mkdir -p fuzz/out
	@for h in load date query edit; do \
	  case $$h in load|edit) d=yaml ;; *) d=$$h ;; esac; \
	  echo "fuzz_$$h: $(FUZZ_SECONDS) s"; \
	  fuzz/fuzz_$$h$(EXEEXT) -max_total_time=$(FUZZ_SECONDS) \
	    -dict=$(srcdir)/fuzz/$$d.dict -artifact_prefix=fuzz/out/$$h- \
	    -print_final_stats=1 fuzz/corpus/$$h || exit 1; \
	done

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/corpus fuzz/out

.PHONY: fuzz fuzz-seeds clean-fuzz
