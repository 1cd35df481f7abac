//! The key-derivation header beside `db/`.

use super::*;

/// Issue 19: the passphrase key is derived beside sled's open from the
/// header beside `db/`; the keyring stays what counts.
#[test]
fn the_key_derivation_header_speeds_opening_and_never_decides() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    drop(new_store(dir));
    let header = dir.join("kdf.json");
    let written = std::fs::read(&header).expect("written at setup");
    drop(Store::open(dir, PASS).unwrap());
    assert!(matches!(
        Store::open(dir, "sai mật khẩu"),
        Err(StoreError::WrongPassphrase { tries: 1, .. })
    ));
    // A header that disagrees with the keyring is ignored, then mended.
    let mut wrong: serde_json::Value = serde_json::from_slice(&written).unwrap();
    wrong["salt"] = serde_json::json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    std::fs::write(&header, serde_json::to_vec(&wrong).unwrap()).unwrap();
    drop(Store::open(dir, PASS).unwrap());
    assert_eq!(std::fs::read(&header).unwrap(), written);
    // A folder from before the header, or with a broken one, still opens.
    for damaged in [None, Some(&b"{not json"[..])] {
        match damaged {
            None => std::fs::remove_file(&header).unwrap(),
            Some(bytes) => std::fs::write(&header, bytes).unwrap(),
        }
        drop(Store::open(dir, PASS).unwrap());
        assert_eq!(std::fs::read(&header).unwrap(), written);
    }
    // A new passphrase, a new salt: the header follows.
    Store::open(dir, PASS)
        .unwrap()
        .change_passphrase(PASS, "mật khẩu mới của xã")
        .unwrap();
    assert_ne!(std::fs::read(&header).unwrap(), written);
    drop(Store::open(dir, "mật khẩu mới của xã").unwrap());
}
