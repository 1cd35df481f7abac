// The assets are compiled in (include_dir); rebuild when any of them changes.
fn main() {
    println!("cargo:rerun-if-changed=../../assets");
}
