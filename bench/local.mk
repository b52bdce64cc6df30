# SPDX-License-Identifier: MIT
# Benchmarks: built by 'make bench', never by 'make' or 'make check'.
