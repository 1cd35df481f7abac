//! Issue 31: the December 2026 review of the content, each correction a test
//! can hold — the routing questions and where they lead, the exemptions
//! beside every late fee, the facts corrected, and the new guides.

use trolyso::assets::AssetSource;
use trolyso::domain::date::Date;
use trolyso::domain::procedure::{Answers, Certainty, Level, Procedure, check_answer, load_all};
use trolyso::i18n::Lang;

fn shipped() -> Vec<Procedure> {
    let files = AssetSource::Embedded.procedure_files().unwrap();
    let catalogue = load_all(&files);
    assert!(catalogue.problems.is_empty());
    catalogue.procedures
}

fn find<'a>(all: &'a [Procedure], id: &str) -> &'a Procedure {
    all.iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The procedures the steps shown for these answers send the resident to.
fn referred<'a>(p: &'a Procedure, a: &'a Answers) -> Vec<&'a str> {
    p.visible_steps(a).filter_map(|s| s.refer.as_deref()).collect()
}

fn shown_fields<'a>(p: &'a Procedure, a: &'a Answers) -> Vec<&'a str> {
    p.visible_fields(a).map(|f| f.id.as_str()).collect()
}

fn position(p: &Procedure, field: &str) -> usize {
    p.fields().position(|f| f.id == field).unwrap()
}

#[test]
fn unmarried_parents_are_sent_to_the_combined_registration() {
    let all = shipped();
    for id in ["dang-ky-khai-sinh", "lien-thong-khai-sinh-thuong-tru-bhyt"] {
        let p = find(&all, id);
        // Asked before any of the father's fields.
        assert!(position(p, "cha_me_ket_hon") < position(p, "ho_ten_cha"), "{id}");
        let unmarried = answers(&[("co_thong_tin_cha", "yes"), ("cha_me_ket_hon", "no")]);
        assert_eq!(referred(p, &unmarried), ["khai-sinh-nhan-cha-me-con"], "{id}");
        let fields = shown_fields(p, &unmarried);
        assert!(
            !fields.contains(&"ho_ten_cha"),
            "{id}: the father is typed where it would be refused"
        );
        assert!(
            p.documents
                .iter()
                .find(|d| d.id == "can_cuoc_cha")
                .is_some_and(|d| !d.is_relevant(&unmarried)),
            "{id}"
        );
        let married = answers(&[("co_thong_tin_cha", "yes"), ("cha_me_ket_hon", "yes")]);
        assert!(referred(p, &married).is_empty(), "{id}");
        assert!(shown_fields(p, &married).contains(&"so_dinh_danh_cha"), "{id}");
        // Mother only: no question about marriage, no detour.
        let mother_only = answers(&[("co_thong_tin_cha", "no")]);
        assert!(!shown_fields(p, &mother_only).contains(&"cha_me_ket_hon"), "{id}");
        assert!(referred(p, &mother_only).is_empty(), "{id}");
    }
}

#[test]
fn a_child_under_six_is_offered_the_bundle() {
    let all = shipped();
    let birth = find(&all, "dang-ky-khai-sinh");
    let today = Date::new(2026, 12, 3).unwrap();
    let none = Answers::new();
    let said = |day: &str| {
        check_answer(birth.field("ngay_sinh_tre").unwrap(), day, &none, today)
            .unwrap()
            .warning
            .map(|m| m.render(Lang::Vi))
            .unwrap_or_default()
    };
    // A baby: the bundle, no late fee. A late registration under 6: both.
    // Over 6: the fee only.
    assert!(said("20/11/2026").contains("liên thông"));
    assert!(!said("20/11/2026").contains("quá hạn"));
    let late = said("01/03/2024");
    assert!(late.contains("liên thông") && late.contains("quá hạn"), "{late}");
    let older = said("01/03/2019");
    assert!(
        older.contains("quá hạn") && !older.contains("liên thông"),
        "{older}"
    );
    assert_eq!(
        referred(birth, &answers(&[("can_lien_thong", "yes")])),
        ["lien-thong-khai-sinh-thuong-tru-bhyt"]
    );
    assert!(referred(birth, &answers(&[("can_lien_thong", "no")])).is_empty());
    // A child under 6 asking for a health card during the birth: the bundle too.
    let card = find(&all, "the-bhyt");
    let during_birth = answers(&[("viec", "tre_duoi_6"), ("dang_khai_sinh", "yes")]);
    assert_eq!(
        referred(card, &during_birth),
        ["lien-thong-khai-sinh-thuong-tru-bhyt"]
    );
}

#[test]
fn older_people_reach_the_social_pension_first() {
    let all = shipped();
    let allowance = find(&all, "tro-cap-xa-hoi-hang-thang");
    assert_eq!(
        referred(allowance, &answers(&[("doi_tuong", "nguoi_cao_tuoi")])),
        ["tro-cap-huu-tri-xa-hoi"]
    );
    assert!(referred(allowance, &answers(&[("doi_tuong", "khuyet_tat")])).is_empty());

    let pension = find(&all, "tro-cap-huu-tri-xa-hoi");
    let steps = |a: &Answers| pension.visible_steps(a).map(|s| s.id.clone()).collect::<Vec<_>>();
    let filed = |pairs: &[(&str, &str)]| steps(&answers(pairs)).contains(&"nop".to_string());
    let refused = |pairs: &[(&str, &str)]| steps(&answers(pairs)).contains(&"khong_thuoc_dien".to_string());
    assert!(refused(&[("luong_huu", "yes")]) && !filed(&[("luong_huu", "yes")]));
    assert!(filed(&[("luong_huu", "no"), ("do_tuoi", "tu_75")]));
    let poor = [
        ("luong_huu", "no"),
        ("do_tuoi", "tu_70_duoi_75"),
        ("ho_ngheo", "yes"),
    ];
    assert!(filed(&poor) && !refused(&poor));
    let not_poor = [
        ("luong_huu", "no"),
        ("do_tuoi", "tu_70_duoi_75"),
        ("ho_ngheo", "no"),
    ];
    assert!(refused(&not_poor) && !filed(&not_poor));
    // An answer left behind by a changed age does not refuse a 75-year-old.
    let changed = [("luong_huu", "no"), ("do_tuoi", "tu_75"), ("ho_ngheo", "no")];
    assert!(filed(&changed) && !refused(&changed));
    // Under 70 is not this procedure: said, in words naming the other one.
    let today = Date::new(2026, 12, 3).unwrap();
    let birth = pension.field("ngay_sinh").unwrap();
    let young = check_answer(birth, "01/01/1960", &Answers::new(), today).unwrap_err();
    assert!(young.render(Lang::Vi).contains("trợ cấp xã hội hằng tháng"));
    assert!(check_answer(birth, "01/01/1950", &Answers::new(), today).is_ok());
}

#[test]
fn every_referral_names_another_shipped_procedure() {
    let all = shipped();
    let mut referrals = 0;
    for p in &all {
        for s in &p.steps {
            if let Some(to) = &s.refer {
                referrals += 1;
                assert_ne!(to, &p.id, "{}: {} refers to itself", p.id, s.id);
                find(&all, to);
                assert!(s.relevant.is_some(), "{}: {} sends everyone away", p.id, s.id);
                // The key is the screen's to say (one source for a binding).
                let words = s.instructions.as_ref().map(|t| t.vi.as_str()).unwrap_or_default();
                assert!(!words.is_empty() && !words.contains("F3"), "{}: {}", p.id, s.id);
            }
        }
    }
    assert!(referrals >= 9, "{referrals} referrals");
    // A child's account needs the card first, by age.
    let child = find(&all, "vneid-tai-khoan-tre-duoi-14");
    assert_eq!(
        referred(child, &answers(&[("the_tre", "chua_duoi_6")])),
        ["can-cuoc-tre-duoi-6"]
    );
    assert_eq!(
        referred(child, &answers(&[("the_tre", "chua_tu_6")])),
        ["can-cuoc-cap-lan-dau"]
    );
    assert!(referred(child, &answers(&[("the_tre", "co")])).is_empty());
}

/// Every civil-status fee said late says who stays exempt.
#[test]
fn every_late_fee_carries_the_exemption() {
    let all = shipped();
    let exempt = |vi: &str, en: &str| {
        ["người có công", "hộ nghèo", "khuyết tật"]
            .iter()
            .all(|w| vi.contains(w))
            && ["merit", "poor households", "disabilities"]
                .iter()
                .all(|w| en.contains(w))
    };
    let mut seen = 0;
    for p in &all {
        if let Some(fee) = &p.fee
            && (fee.vi.contains("quá hạn")
                || p.field_of_work.as_deref() == Some("ho_tich") && fee.vi.contains("tỉnh quy định"))
        {
            seen += 1;
            assert!(exempt(&fee.vi, fee.get(Lang::En)), "{}: {}", p.id, fee.vi);
        }
        for f in p.fields() {
            if let Some(late) = f.late.as_ref().filter(|l| l.words.vi.contains("lệ phí")) {
                seen += 1;
                assert!(
                    exempt(&late.words.vi, late.words.get(Lang::En)),
                    "{}: {}",
                    p.id,
                    f.id
                );
            }
        }
    }
    assert!(seen >= 8, "{seen} late fees");
    for id in [
        "dang-ky-khai-sinh",
        "dang-ky-khai-tu",
        "lien-thong-khai-tu",
        "xac-nhan-tinh-trang-hon-nhan",
    ] {
        let fee = find(&all, id).fee.as_ref().unwrap();
        assert!(exempt(&fee.vi, fee.get(Lang::En)), "{id}");
    }
}

#[test]
fn no_file_marks_the_old_child_account_rule_as_checked() {
    for p in shipped() {
        for s in &p.sources {
            if s.contains("59/2022") || s.contains("dưới 14 tuổi do cha") {
                assert!(
                    !Certainty::marks_in(s).contains(&Certainty::Confirmed),
                    "{}: {s}",
                    p.id
                );
            }
        }
    }
    let all = shipped();
    let child = find(&all, "vneid-tai-khoan-tre-duoi-14");
    assert!(child.readiness.iter().any(|r| r.id == "the_tre"));
}

#[test]
fn facts_corrected() {
    let all = shipped();
    let sources = |id: &str| find(&all, id).sources.join("\n");
    let fee = |id: &str| find(&all, id).fee.as_ref().unwrap().vi.clone();

    // The child's residence: 60 days from the birth's registration.
    let bundle = sources("lien-thong-khai-sinh-thuong-tru-bhyt");
    assert!(bundle.contains("60 ngày kể từ ngày đăng ký khai sinh"));
    assert!(!bundle.contains("60 ngày kể từ ngày sinh"));
    // Card fees with their dated reduction; the merger's new card is cấp đổi.
    for id in ["can-cuoc-cap-doi", "can-cuoc-cap-lai", "can-cuoc-cap-lan-dau"] {
        assert!(
            fee(id).contains("31/12/2026") && fee(id).contains("Thông tư 64/2025/TT-BTC"),
            "{id}"
        );
    }
    let merger = find(&all, "can-cuoc-cap-lai-sap-xep-dvhc");
    assert!(merger.title.vi.starts_with("Cấp đổi"));
    // Criminal record: the reduced rate's groups, and the fee to check.
    let record = fee("ly-lich-tu-phap-vneid");
    assert!(record.contains("thân nhân liệt sĩ") && record.contains("sinh viên"));
    assert!(!record.contains("học sinh") && record.to_lowercase().contains("kiểm tra lại"));
    // Renewal of temporary residence: proof of residence; no article for the 15 days.
    let renew = find(&all, "gia-han-tam-tru");
    assert!(renew.documents.iter().any(|d| d.id == "cho_o_hop_phap"));
    for s in renew.sources.iter().filter(|s| s.contains("15 ngày")) {
        assert!(!s.contains("Điều 27") && !s.contains("Điều 28"), "{s}");
    }
    // Both partners or both sides in person: part online.
    for id in ["dang-ky-ket-hon", "khai-sinh-nhan-cha-me-con", "nhan-cha-me-con"] {
        assert_eq!(find(&all, id).level, Level::Partial, "{id}");
    }
    // The hotline is a step of its own.
    for id in ["vneid-doi-so-dien-thoai", "khoa-mo-khoa-can-cuoc-dien-tu"] {
        assert!(
            find(&all, id)
                .steps
                .iter()
                .any(|s| s.title.vi.contains("1900.0368")),
            "{id}"
        );
    }
    let lost = find(&all, "khoa-mo-khoa-can-cuoc-dien-tu");
    let lost_phone = answers(&[("viec", "khoa"), ("ly_do_khoa", "mat_may")]);
    assert!(lost.visible_steps(&lost_phone).any(|s| s.id == "tong_dai"));
    // One procedure at the commune for changes, corrections, additions, ethnicity.
    let change = find(&all, "thay-doi-cai-chinh-ho-tich");
    assert!(change.title.vi.contains("xác định lại dân tộc"));
    assert!(change.agency.as_ref().unwrap().vi.contains("cấp xã"));
    assert!(sources("thay-doi-cai-chinh-ho-tich").contains("Nghị định 120/2025/NĐ-CP"));
    // Temporary absence: only the groups the law names; none of them, nothing to file.
    let absence = find(&all, "khai-bao-tam-vang");
    assert!(absence.summary.as_ref().unwrap().vi.contains("bốn nhóm"));
    let nobody = answers(&[("nhom", "khong_thuoc")]);
    assert!(!absence.visible_steps(&nobody).any(|s| s.id == "nop"));
    assert!(
        absence
            .visible_steps(&answers(&[("nhom", "di_khoi_tinh")]))
            .any(|s| s.id == "nop")
    );
    // Household split: the fee and the head's agreement.
    let split = find(&all, "tach-ho");
    assert!(fee("tach-ho").contains("10.000 đ") && fee("tach-ho").contains("5.000 đ"));
    assert!(
        split
            .readiness
            .iter()
            .any(|r| r.text.vi.contains("Chủ hộ đồng ý"))
    );
    // Certification charges name their circular.
    for id in [
        "chung-thuc-ban-sao-giay",
        "chung-thuc-ban-sao-dien-tu",
        "chung-thuc-chu-ky",
    ] {
        assert!(fee(id).contains("Thông tư 226/2016/TT-BTC"), "{id}");
    }
    // The CMND was valid through the last day of 2024.
    let vi = std::fs::read_to_string("assets/i18n/vi.toml").unwrap();
    let en = std::fs::read_to_string("assets/i18n/en.toml").unwrap();
    assert!(!vi.contains("hết hạn từ 31/12/2024") && vi.contains("đến hết ngày 31/12/2024"));
    assert!(!en.contains("expired since 31/12/2024") && !en.contains("expired on 31/12/2024"));
}

#[test]
fn scenarios_and_slips_say_what_holds() {
    let training = AssetSource::Embedded.training_files().unwrap();
    let text = |prefix: &str| {
        training
            .iter()
            .find(|f| {
                f.name
                    .rsplit(['/', '\\'])
                    .next()
                    .is_some_and(|n| n.starts_with(prefix))
            })
            .map(|f| f.text.clone())
            .unwrap()
    };
    // The police approve level 2 directly.
    let dung = text("07-");
    assert!(!dung.contains("làm mức 1 trước") && !dung.contains("do level 1 first"));
    // The SIM in one's own name: the usual cause, not a rule.
    assert!(text("01-").contains("nguyên nhân thường gặp") || text("01-").contains("thường gặp"));
    // A resident with no card is sent to the police for one.
    let slip = trolyso::i18n::Message::new("slip.advice.no_chip_card");
    assert!(slip.render(Lang::Vi).contains("công an cấp xã làm thẻ"));
    assert!(slip.render(Lang::En).contains("commune police"));
}

#[test]
fn one_english_term_and_one_spelling() {
    let files = AssetSource::Embedded.procedure_files().unwrap();
    let en = std::fs::read_to_string("assets/i18n/en.toml").unwrap();
    // Toàn trình is "full process" everywhere.
    assert!(!en.to_lowercase().contains("full online"));
    assert!(!en.contains("commune or ward"));
    for p in shipped() {
        let english: Vec<&str> = p
            .fee
            .iter()
            .chain(&p.summary)
            .chain(p.steps.iter().flat_map(|s| s.instructions.iter().chain(&s.tips)))
            .chain(p.documents.iter().map(|d| &d.text))
            .filter_map(|t| t.en.as_deref())
            .collect();
        for e in english {
            if e.contains("người có công") {
                assert!(e.contains("merit"), "{}: untranslated: {e}", p.id);
            }
            if e.to_lowercase().contains("divorce ruling") {
                assert!(e.contains("or decision"), "{}: {e}", p.id);
            }
        }
        for f in p.fields() {
            let label = f.label.get(Lang::En);
            if label.contains("Commune") && label.contains("ward") {
                assert!(label.contains("special zone"), "{}: {label}", p.id);
            }
        }
    }
    for f in files {
        assert!(!f.text.contains("uỷ") && !f.text.contains("Uỷ"), "{}", f.name);
    }
    let liên_thông_khai_tử = shipped()
        .into_iter()
        .find(|p| p.id == "lien-thong-khai-tu")
        .unwrap();
    assert!(
        liên_thông_khai_tử
            .summary
            .as_ref()
            .unwrap()
            .get(Lang::En)
            .contains("survivor")
    );
}

/// At least eight new guides, each with its stuck points and a checklist.
#[test]
fn the_new_guides_are_there_with_their_stuck_points() {
    let all = shipped();
    let guided = all.iter().filter(|p| p.id != "thu-tuc-chung").count();
    assert!(guided >= 46, "{guided} guided");
    for id in [
        "tro-cap-huu-tri-xa-hoi",
        "can-cuoc-cap-lan-dau",
        "the-bhyt",
        "xac-dinh-muc-do-khuyet-tat",
        "dang-ky-giam-ho",
        "nhan-cha-me-con",
        "xac-nhan-thong-tin-cu-tru",
        "ghi-chu-ket-hon-ly-hon-nuoc-ngoai",
        "khai-sinh-nguoi-lon",
    ] {
        let p = find(&all, id);
        assert!(!p.readiness.is_empty(), "{id}: no checklist");
        assert!(
            p.steps.iter().any(|s| !s.tips.is_empty()),
            "{id}: no stuck points"
        );
        assert!(
            p.resident.name.is_some() && p.resident.id_number.is_some(),
            "{id}"
        );
    }
}
