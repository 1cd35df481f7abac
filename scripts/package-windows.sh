#!/usr/bin/env bash
# Builds trolyso.exe for Windows (x86_64, mingw) and a zip with the
# Vietnamese install guide: dist/trolyso-windows-<version>.zip.
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu
command -v x86_64-w64-mingw32-gcc >/dev/null || {
    echo "Thiếu mingw: apt-get install gcc-mingw-w64-x86-64 / mingw is missing" >&2; exit 1; }
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --release --target "$TARGET"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
out="dist/trolyso-windows-$version"
rm -rf "$out" "$out.zip"
mkdir -p "$out"
cp "target/$TARGET/release/trolyso.exe" "$out/"
# Notepad reads the guide right with a byte-order mark and CRLF line ends.
python3 - "$out" <<'PY'
import sys, pathlib, zipfile
out = pathlib.Path(sys.argv[1])
text = pathlib.Path("scripts/windows/HUONG-DAN-CAI-DAT.txt").read_text(encoding="utf-8")
(out / "HUONG-DAN-CAI-DAT.txt").write_bytes("\ufeff".encode() + text.replace("\n", "\r\n").encode("utf-8"))
with zipfile.ZipFile(f"{out}.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(out.iterdir()):
        z.write(f, f"{out.name}/{f.name}")
print(f"{out}.zip")
PY
