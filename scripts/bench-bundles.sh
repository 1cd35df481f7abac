#!/usr/bin/env bash
# Bộ nhớ và thời gian khi nhận gói: một gói thật 5.000 hồ sơ và hai tệp xấu.
# Peak memory and time of `bundle import`: a genuine 5,000-case bundle and two
# hostile files, written as their own section of bench-report.md (issue 28).
#
# Run from a clone:
#     scripts/bench-bundles.sh
# The folders live under target/bench-data/bundles and are made afresh.
set -euo pipefail

cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/trolyso"
report="bench-report.md"
work="$(realpath -m "${TROLYSO_BENCH_DIR:-$target/bench-data}/bundles")"
export TROLYSO_PASSPHRASE="mật khẩu văn phòng"

cargo build --release --quiet --bin trolyso --example keys_during_import
command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is missing" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/usb"

# The office keeps the shipped key derivation (its Argon2 memory counts);
# the laptop is only the bundle's maker.
"$bin" dev seed --cases 0 --data-dir "$work/office" >/dev/null
"$bin" dev seed --cases 5000 --light-kdf --data-dir "$work/laptop" >/dev/null
"$bin" office export-key --out "$work/usb/khoa.txt" --data-dir "$work/office" >/dev/null
"$bin" office join "$work/usb/khoa.txt" --data-dir "$work/laptop" >/dev/null
"$bin" office enrol "$work"/usb/yeu-cau-*.txt --yes --data-dir "$work/office" >/dev/null
"$bin" office join "$work"/usb/chap-nhan-*.txt --data-dir "$work/laptop" >/dev/null
"$bin" bundle export --out "$work/usb" --since all --data-dir "$work/laptop" >/dev/null
genuine="$(ls "$work"/usb/goi-*.trolyso)"

# Hostile files keep the genuine header (an enrolled machine's, so they
# are read past it): one line of 1 GiB, and 40 million one-letter lines.
head -n 2 "$genuine" >"$work/one-line.trolyso"
head -c $((1024 * 1024 * 1024)) /dev/zero | tr '\0' 'A' >>"$work/one-line.trolyso"
head -n 2 "$genuine" >"$work/letters.trolyso"
awk 'BEGIN { for (i = 0; i < 40000000; i++) print "x" }' >>"$work/letters.trolyso"

row() {
    local name="$1" file="$2" timed="$work/time.txt"
    rm -rf "$work/office-copy"
    cp -r "$work/office" "$work/office-copy"
    /usr/bin/time -v -o "$timed" "$bin" bundle import "$file" --data-dir "$work/office-copy" >/dev/null 2>&1 || true
    local kib wall code size
    kib="$(awk -F': ' '/Maximum resident/ {print $2}' "$timed")"
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$timed")"
    code="$(awk -F': ' '/Exit status/ {print $2}' "$timed")"
    size="$(du -h "$file" | cut -f1)"
    echo "| $name | $size | $(awk -v k="$kib" 'BEGIN { printf "%.1f MiB", k / 1024 }') | $wall | $code |"
}

# A key pressed while the genuine bundle is imported beside the screen, in
# a pseudo-terminal: F1 until the help shows, F1 until it is gone.
mkdir -p "$work/stick"
cp "$genuine" "$work/stick/"
rm -rf "$work/office-copy"
cp -r "$work/office" "$work/office-copy"
keys="không đo được / not measured"
if read -r n p50 max < <(TROLYSO_PASSPHRASE= "$target/release/examples/keys_during_import" "$TROLYSO_PASSPHRASE" \
    "$work/stick" "$(realpath "$bin")" --data-dir "$work/office-copy"); then
    keys="p50 $p50 ms, max $max ms ($n presses)"
fi

section="$(mktemp)"
trap 'rm -f "$section"' EXIT
{
    echo "<!-- bundles -->"
    echo "## Nhận gói / bundle import (issue 28)"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), \`scripts/bench-bundles.sh\`, one run."
    echo "Target: peak memory of an import ≤ 200 MB for any file (Argon2's 64 MiB included)."
    echo
    echo "| file | size | peak memory | wall | exit |"
    echo "| --- | --- | --- | --- | --- |"
    row "genuine bundle, 5,000 new cases" "$genuine"
    row "hostile: genuine header, one line of 1 GiB" "$work/one-line.trolyso"
    row "hostile: genuine header, 40 million one-letter lines" "$work/letters.trolyso"
    echo
    echo "A key pressed while 5,000 cases are imported beside the screen, answered on screen (pty, 80×24; target ≤ 50 ms): $keys."
    echo "<!-- /bundles -->"
} >"$section"

# The section replaces its earlier run, or goes at the end.
if grep -q '^<!-- bundles -->' "$report" 2>/dev/null; then
    awk -v file="$section" '
        /^<!-- bundles -->/ { while ((getline line < file) > 0) print line; skip = 1; next }
        /^<!-- \/bundles -->/ { skip = 0; next }
        !skip { print }
    ' "$report" >"$report.new"
    mv "$report.new" "$report"
else
    { echo; cat "$section"; } >>"$report"
fi
cat "$section"
