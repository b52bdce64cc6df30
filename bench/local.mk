# SPDX-License-Identifier: MIT
# Benchmarks: built by 'make bench', never by 'make' or 'make check'.
# See bench/README.  The programs are EXTRA_PROGRAMS, so 'make' leaves them
# alone and 'make dist' still ships their sources.

EXTRA_PROGRAMS = bench/gen bench/floor bench/rusage bench/filter bench/lanes
bench_gen_SOURCES = bench/gen.c
bench_floor_SOURCES = bench/floor.c
bench_floor_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
bench_floor_LDADD = $(YAML_LIBS)
bench_rusage_SOURCES = bench/rusage.c
bench_filter_SOURCES = bench/filter.c
bench_filter_LDADD = src/libtlvcore.a $(YAML_LIBS)
bench_lanes_SOURCES = bench/lanes.c
bench_lanes_LDADD = src/libtlvcore.a $(YAML_LIBS)

EXTRA_DIST += bench/README bench/run.sh bench/edits.sh bench/lanes.sh bench/peer.py

BENCH_TOOLS = bench/gen$(EXEEXT) bench/floor$(EXEEXT) \
	bench/rusage$(EXEEXT) bench/filter$(EXEEXT) bench/lanes$(EXEEXT)

# Environment: TLV_BENCH_1M=1 adds the 1M-event file (~0.9 GB);
# TLV_BENCH_RUNS (default 3), TLV_BENCH_SEED (default 1).
bench: $(BENCH_TOOLS) src/tlv$(EXEEXT)
	$(SHELL) $(srcdir)/bench/run.sh -s $(srcdir) -b $(builddir)

clean-local: clean-bench
clean-bench:
	-rm -rf bench/out
	-rm -f $(BENCH_TOOLS)

.PHONY: bench clean-bench
