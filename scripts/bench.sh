#!/usr/bin/env bash
# Đo tốc độ và bộ nhớ, ghi một bảng vào bench-report.md.
# Measures speed and memory and writes one table to bench-report.md.
#
# Run from a clone, after `cargo build --release`:
#     scripts/bench.sh
# Seeded folders (0, 10,000 and 100,000 made-up cases) are kept under
# target/bench-data and reused (delete it to start afresh: the benchmarks'
# edits add to them); TROLYSO_BENCH_DIR puts them on another disk.
set -euo pipefail

cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/trolyso"
report="bench-report.md"
export TROLYSO_BENCH_DIR="${TROLYSO_BENCH_DIR:-$target/bench-data}"
pass="mật khẩu văn phòng" # the benches' own (benches/common)
seed=2026

# The binary measured is the one this checkout builds (a no-op after
# `cargo build --release`), with the pty walker beside it.
cargo build --release --quiet --bin trolyso --example walk --example sled_alone --example open_memory
mkdir -p "$TROLYSO_BENCH_DIR"
rows="$(mktemp)"
trap 'rm -f "$rows"' EXIT

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# 1. Seed the folders with the release binary (as the benches would) and
#    weigh them then: the benchmarks' edits later add to them.
declare -A seeded
for n in 0 10000 100000; do
    dir="$TROLYSO_BENCH_DIR/cases-$n"
    if [[ ! -d "$dir/db" || ! -f "$dir.size" ]]; then
        echo "== seeding $n cases" >&2
        rm -rf "$dir" "$dir.partial"
        TROLYSO_PASSPHRASE="$pass" "$bin" dev seed --cases "$n" --seed "$seed" --data-dir "$dir.partial" >/dev/null
        mv "$dir.partial" "$dir"
        du -sb "$dir/db" | cut -f1 >"$dir.size"
    fi
    seeded[$n]="$(cat "$dir.size")"
done

# 2. Peak memory of the real binary: a copy of the 100,000-case folder
#    opened and one case walked end to end in a pseudo-terminal.
echo "== walking one case in the app (100,000 cases)" >&2
walk_dir="$TROLYSO_BENCH_DIR/walk-100000"
rm -rf "$walk_dir"
cp -r "$TROLYSO_BENCH_DIR/cases-100000" "$walk_dir"
peak="không đo được / not measured"
if [[ -x /usr/bin/time ]]; then
    timed="$(mktemp)"
    # The report is written whatever the walk comes to.
    if "$target/release/examples/walk" "$pass" /usr/bin/time -v -o "$timed" "$bin" --data-dir "$walk_dir"; then
        kib="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timed")"
        peak="$(mib $((kib * 1024)))"
    else
        echo "the walk did not finish: peak memory not measured" >&2
        peak="không đo được: lần đi thử không xong / not measured: the walk did not finish"
    fi
    rm -f "$timed"
else
    echo "/usr/bin/time is missing: peak memory not measured" >&2
fi
rm -rf "$walk_dir"

# 2b. Peak memory of opening the data alone: `cases list` on 100,000 cases.
list_peak="không đo được / not measured"
if [[ -x /usr/bin/time ]]; then
    timed="$(mktemp)"
    if TROLYSO_PASSPHRASE="$pass" /usr/bin/time -v -o "$timed" "$bin" --data-dir "$TROLYSO_BENCH_DIR/cases-100000" \
        cases list --limit 1 >/dev/null; then
        kib="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timed")"
        list_peak="$(mib $((kib * 1024)))"
    fi
    rm -f "$timed"
fi

# 2b'. What stays once open: the folder opened and a page of cases read,
#      then the process's resident memory (the key derivation's is freed).
once_open="không đo được / not measured"
if said="$(TROLYSO_PASSPHRASE="$pass" "$target/release/examples/open_memory" "$TROLYSO_BENCH_DIR/cases-100000")"; then
    read -r rss_kib _ <<<"$said"
    [[ "$rss_kib" =~ ^[0-9]+$ ]] && once_open="$(mib $((rss_kib * 1024)))"
fi

# 2c. The first open of a 100,000-case folder from an older version (its
#     one-time work not done: `dev seed --older`, seeded once and kept): the
#     progress line, the case list, then how soon the second open gets there.
echo "== first open of an older 100,000-case folder" >&2
older="$TROLYSO_BENCH_DIR/older-100000"
if [[ ! -d "$older/db" ]]; then
    rm -rf "$older" "$older.partial"
    TROLYSO_PASSPHRASE="$pass" "$bin" dev seed --cases 100000 --seed "$seed" --older --data-dir "$older.partial" >/dev/null
    mv "$older.partial" "$older"
fi
first_dir="$TROLYSO_BENCH_DIR/first-open-100000"
rm -rf "$first_dir"
cp -r "$older" "$first_dir"
first_open="không đo được / not measured"
said="$(mktemp)"
if "$target/release/examples/walk" --first-open "$pass" "$(realpath "$bin")" --data-dir "$first_dir" 2>"$said"; then
    prepared="$(awk '/case list after/ && /prepared/ { print $(NF-1) }' "$said")"
    again="$(awk '/second open/ { print $(NF-1) }' "$said")"
    first_open="prepared in $prepared s (progress shown); second open $again s"
else
    echo "the first open did not finish:" >&2
    cat "$said" >&2
fi
rm -f "$said"
rm -rf "$first_dir"

# 2d. The floor (issue 33): the 100,000-case folder's shape (per tree: how
#     many keys, their average sizes) written into bare sled with the app's
#     setting, then opened in a process of its own as the app opens it.
echo "== sled alone, the shape of 100,000 cases" >&2
floor="$(mktemp)"
"$target/release/examples/sled_alone" "$TROLYSO_BENCH_DIR/cases-100000" --as-app >"$floor"
# | setting | write | first open (next open) | peak memory | folder | folder ÷ data |
sled_col() { awk -F'|' -v col="$1" '/^\| default/ { gsub(/^ +| +$/, "", $col); print $col; exit }' "$floor"; }
sled_open="$(sled_col 4 | sed -E 's/.*\(([0-9]+ ms)\).*/\1/')"
sled_peak="$(sled_col 5)"
sled_ratio="$(sled_col 7)"
sled_shape="$(grep '^in all' "$floor" | sed 's/^in all: //')"
idx_shape="$(grep '^tree idx' "$floor" | sed -E 's/^tree idx +//')"
rm -f "$floor"

# 3. The benchmarks (criterion); each appends its rows to $rows.
echo "== cargo bench (a few minutes)" >&2
TROLYSO_BENCH_REPORT="$rows" cargo bench --quiet --bench store --bench render --bench search --bench report --bench bundle >&2

# 4. The report: the targets first (issues 16, 17 and 19), then every row.
# A measured row's column: 4 is p50, 5 is p99 (a note's value is in 4).
measured() {
    awk -F'|' -v name=" $1 " -v col="$2" '$2 == name { gsub(/^ +| +$/, "", $col); print $col; exit }' "$rows"
}
target() { # name, what was measured, the target, the floor under it
    echo "| $1 | ${2:-not measured} | $3 | ${4:-} |"
}
{
    echo "# trolyso: tốc độ / performance"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
    echo "$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m),"
    echo "data on $(df -P "$TROLYSO_BENCH_DIR" | awk 'NR == 2 { print $1 }')."
    echo
    echo "## Targets / mục tiêu"
    echo
    echo "| measure (issue) | now | target | floor: sled or ratatui alone |"
    echo "| --- | --- | --- | --- |"
    target "peak memory, opening 100,000 cases (\`cases list\`, /usr/bin/time -v) (33)" "$list_peak" \
        "≤ 96 MB" "sled opening the same keys: $sled_peak; Argon2id adds 64 MiB"
    target "resident memory once open (a page of cases read), 100,000 cases (33)" "$once_open" \
        "≤ 64 MB" "sled opening the same keys: $sled_peak"
    target "unlock + open p99, 100,000 cases (33)" "$(measured 'unlock + open, 100000 cases (Argon2id 64 MiB)' 5)" \
        "≤ 300 ms" "sled opening the same keys: $sled_open; key derivation alone: $(measured 'key derivation alone (Argon2id 64 MiB)' 5)"
    for n in 10000 100000; do
        target "name search \"nguyen van a\" p99, $n cases (33)" \
            "$(measured "name search \"nguyen van a\", page of 20, $n cases" 5)" "≤ 2 ms, ≤ 1.5× the 10,000 figure"
    done
    target "data folder ÷ encoded keys and values, 100,000 cases (33)" \
        "$(measured 'data folder ÷ encoded keys and values, 100000 cases' 4)" "≤ 2×" \
        "sled holding the same keys: $sled_ratio"
    target "start → first frame, 5,000 imported entries, p50 (19)" \
        "$(measured 'start to first frame, 5,000 imported entries' 4)" "≤ 8 ms"
    target "case list key + frame, 200×60, 100,000 cases, p99 (33)" \
        "$(measured 'case list, key + frame, 200×60, 100000 cases' 5)" "≤ 0.5 ms" \
        "ratatui alone, a list filling 200×60: $(measured 'bare ratatui (no app, no store): list, key + frame, 200×60' 5)"
    target "unlock + open + this month's report, all four formats, 10,000 cases, p99 (17)" \
        "$(measured "unlock + open + this month's report in table, CSV, JSON and HTML, 10,000 cases" 5)" "< 2 s"
    target "bundle export, 5,000 cases, p99 (16)" \
        "$(measured 'bundle export, 5,000 cases (encrypt, sign, write)' 5)" "< 5 s"
    target "bundle import, 5,000 new cases, p99 (16)" \
        "$(measured 'bundle import, 5,000 new cases (verify, decrypt, merge, index, flush)' 5)" "< 5 s"
    target "first open of an older 100,000-case folder, then the next open (34)" \
        "$first_open" "progress shown, Home reached; next open ≤ 2 s"
    target "peak memory, the app opens 100,000 cases and walks one (34)" "$peak" "measured (the walk finishes)"
    echo
    echo "The 100,000-case folder holds $sled_shape; its index $idx_shape."
    echo
    echo "## Every measure / mọi phép đo"
    echo
    echo "| measure | timed | p50 | p99 |"
    echo "| --- | --- | --- | --- |"
    cat "$rows"
    echo "| release binary size | | $(mib "$(stat -c %s "$bin")") | |"
    echo "| peak resident memory: app opens 100,000 cases, walks one case (/usr/bin/time -v) | | $peak | |"
    for n in 10000 100000; do
        echo "| data folder, $n cases: per 1,000 cases | | $(mib $((seeded[$n] * 1000 / n))) | |"
    done
    echo "| data folder, empty | | $(mib "${seeded[0]}") | |"
    echo
    echo "p50 and p99 are over every operation criterion timed, its warm-up included."
} >"$report"
cat "$report"
