use trolyso::store::{KdfParams, Store};
fn main() {
    let root = std::path::Path::new("/tmp/c");
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root.join("usb")).unwrap();
    let pass = "mật khẩu văn phòng";
    let office = Store::create(&root.join("office"), pass, KdfParams::light_for_tests())
        .unwrap()
        .0;
    let laptop = Store::create(&root.join("laptop"), pass, KdfParams::light_for_tests())
        .unwrap()
        .0;
    let mut s = office.settings().unwrap();
    s.helper = "Anh Nam".into();
    s.toured = true;
    office.save_settings(&s).unwrap();
    let key = root.join("usb/khoa.txt");
    std::fs::write(&key, trolyso::bundle::key_file_text(&office).unwrap()).unwrap();
    trolyso::bundle::join(&laptop, &key).unwrap();
    let cat = trolyso::domain::procedure::load_all(
        &trolyso::assets::AssetSource::Embedded.procedure_files().unwrap(),
    );
    let p = cat.get("vneid-muc-1").unwrap();
    let c = laptop
        .create_case("vneid-muc-1", p.version, None, "Chị Hoa")
        .unwrap();
    for (f, v) in [
        ("ho_ten", "Nguyễn Thị Mai"),
        ("so_dinh_danh", "001203004567"),
        ("so_dien_thoai", "0912345678"),
    ] {
        laptop
            .save_answer(&c.id, f, v, "Chị Hoa", Some(&p.resident), f == "ho_ten")
            .unwrap();
    }
    let b1 = root.join("usb/1.trolyso");
    trolyso::bundle::export(&laptop, trolyso::store::exchange::Since::Last, &b1, "Chị Hoa").unwrap();
    trolyso::bundle::import(&office, &b1, &cat, false).unwrap();
    office
        .save_answer(
            &c.id,
            "so_dien_thoai",
            "0987000111",
            "Anh Nam",
            Some(&p.resident),
            false,
        )
        .unwrap();
    laptop
        .save_answer(
            &c.id,
            "so_dien_thoai",
            "0987000222",
            "Chị Hoa",
            Some(&p.resident),
            false,
        )
        .unwrap();
    let b2 = root.join("usb/2.trolyso");
    trolyso::bundle::export(&laptop, trolyso::store::exchange::Since::Last, &b2, "Chị Hoa").unwrap();
    let r = trolyso::bundle::import(&office, &b2, &cat, false).unwrap();
    println!("{:?}", r.imported);
}
