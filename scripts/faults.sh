#!/usr/bin/env bash
# Lặp lại các lỗi của issue 32 (khôi phục bị ngắt, ổ đĩa đầy lúc mở) nhiều
# lần và in "N tried, N held".
# Repeats issue 32's faults (a restore killed at any moment, a full disk at
# open) twenty times each (or FAULT_ROUNDS) and prints "N tried, N held".
#
# The full-disk sequence mounts a small tmpfs: run as root on Linux, else
# it says it was not run.
set -euo pipefail
cd "$(dirname "$0")/.."
export TROLYSO_FAULT_ROUNDS="${FAULT_ROUNDS:-20}"
cargo test --quiet --test it faults:: -- --nocapture --test-threads=1 2>&1 |
    grep -E "tried, .* held|was not run|panicked|FAILED" | sed "s/^\\.*//" || true
