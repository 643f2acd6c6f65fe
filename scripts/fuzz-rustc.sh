#!/usr/bin/env bash
# RUSTC_WRAPPER for scripts/fuzz.sh: adds the sanitizer-coverage flags ($FUZZ_RUSTFLAGS) to the
# crate under test and the fuzz targets only. Dependencies build plainly: faster to build and to
# run, and libFuzzer is guided by the coverage of this crate's own code.
case "${CARGO_PKG_NAME:-}" in
  ticket-insights | ticket-insights-fuzz) exec "$@" $FUZZ_RUSTFLAGS ;;
  *) exec "$@" ;;
esac
