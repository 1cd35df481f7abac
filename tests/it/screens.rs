//! Every screen at 80×24, in Vietnamese and English, as insta snapshots of
//! ratatui's TestBackend. Review changes with `cargo insta review`.

use std::collections::BTreeMap;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trolyso::app::{
    App, CommunePicker, Detail, Filing, Forgot, ForgotFocus, Found, Home, Mode, PauseForm, Picker, Recovery,
    RestoreOffer, Review, Screen, SettingsForm, SettingsRow, Setup, SetupFocus, Unlock, Wizard,
};
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::domain::units::Units;
use trolyso::i18n::{Lang, Message};
use trolyso::store::{Case, CaseRow, Id, Reason, Resident, Status};
use trolyso::text::LineEditor;
use trolyso::ui::{Palette, Theme, draw};

pub(crate) use crate::screens_report::report_view;

pub(crate) fn today() -> Date {
    Date::new(2026, 11, 28).unwrap()
}

pub(crate) fn app(lang: Lang, screen: Screen) -> App {
    let mut catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    catalogue.set_entries(trolyso::domain::catalogue::with_shipped(None));
    let mut app = App::new(catalogue, lang, true, today());
    app.screen = screen;
    app
}

pub(crate) fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            draw(f, app, &Theme::new(Palette::Plain, false));
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(crate) fn resident(id: u8, name: &str, id_number: Option<&str>) -> Resident {
    Resident {
        id: Id([id; 16]),
        full_name: name.into(),
        id_number: id_number.map(Into::into),
        birth_date: None,
        sex: None,
        phone: None,
        commune_code: None,
        address: None,
        notes: String::new(),
    }
}

/// 28/11/2026 09:30 in Vietnam.
pub(crate) const NOW_MS: i64 = 1_795_833_000_000;

pub(crate) fn case(procedure: &str, status: Status, answers: &[(&str, &str)]) -> Case {
    Case {
        id: Id([7; 16]),
        procedure_id: procedure.into(),
        procedure_version: 1,
        resident_id: None,
        helper: "Chị Hoa".into(),
        status,
        answers: answers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        documents: BTreeMap::new(),
        readiness: BTreeMap::new(),
        reason: (status == Status::Paused).then_some(Reason::SimNotOwnName),
        next_visit: (status == Status::Paused).then(|| "03/12/2026".into()),
        hoso_code: None,
        named: Default::default(),
        filed_level: None,
        pause_note: None,
        last_field: None,
        created_at_ms: NOW_MS,
        updated_at_ms: NOW_MS,
        revision: 3,
        clocks: Default::default(),
        rivals: Default::default(),
        written: 0,
    }
}

pub(crate) fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut setup = Setup::default();
    setup.passphrase.insert_str("matkhau");
    setup.error = Some(Message::new("ui.setup.too_short"));
    let unlock = Unlock {
        passphrase: LineEditor::default(),
        error: Some(Message::new("store.wrong_passphrase").arg("tries", 2)),
        forgot: None,
        preparing: None,
    };
    // A folder from an older version, being prepared after the unlock.
    let preparing = Unlock {
        preparing: Some(trolyso::store::Reached {
            step: 2,
            steps: 3,
            done: 41_000,
            total: 100_000,
            residents: false,
        }),
        ..Unlock::default()
    };
    let mut forgot = Forgot::default();
    forgot.code.insert_str("ABCD-EFGH-JKLM");
    forgot.new.insert_str("matkhau");
    forgot.focus = ForgotFocus::New;
    let forgot = Unlock {
        passphrase: LineEditor::default(),
        error: Some(Message::new("store.wrong_recovery_code")),
        forgot: Some(forgot),
        preparing: None,
    };
    let rows = vec![
        CaseRow {
            case: case("vneid-muc-1", Status::Paused, &[]),
            resident: Some(resident(1, "Lê Thọ Thành", Some("038058012123"))),
        },
        CaseRow {
            case: case(
                "dang-ky-khai-sinh",
                Status::ReadyToFile,
                &[("ho_ten_tre", "Nguyễn Văn Ân")],
            ),
            resident: None,
        },
    ];
    // Lê Thọ Thành's own screen: his account guide paused, and a draft.
    let thanh = Resident {
        birth_date: Some("12/05/1958".into()),
        phone: Some("0912345678".into()),
        ..resident(1, "Lê Thọ Thành", Some("038058012123"))
    };
    let paused = rows[0].clone();
    let person = move |deleting: bool| {
        let mut draft = case("the-bhyt", Status::Preparing, &[]);
        draft.id = Id([8; 16]);
        trolyso::app::PersonView {
            person: Some(thanh.clone()),
            rows: vec![
                paused.clone(),
                CaseRow {
                    case: draft,
                    resident: Some(thanh.clone()),
                },
            ],
            own: 2,
            selected: 1,
            asking: deleting.then_some(trolyso::app::Ask::Delete),
            // Typed on a laptop too, before the two records met.
            look_alikes: vec![(resident(2, "Lê Thọ Thành", Some("038058012123")), 1)],
            back_to: None,
        }
    };
    let mut picker = Picker::default();
    picker.query.insert_str("dang");
    let wizard_case = case(
        "dang-ky-khai-sinh",
        Status::Preparing,
        &[
            ("ho_ten_tre", "Nguyễn Văn Ân"),
            ("ngay_sinh_me", "01/02/1992"),
            ("so_dinh_danh_me", "038190012345"),
        ],
    );
    let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let wizard = Wizard::open(wizard_case.clone(), &catalogue, today());
    let mut mother = Wizard::open(wizard_case, &catalogue, today());
    mother.go_to(&catalogue, 2, 2);
    let mut search = Home::default();
    search.query.insert_str("nguyen van");
    let mut paused = Wizard::open(wizard_case_for_pause(), &catalogue, today());
    paused.mode = Mode::Pause(PauseForm {
        reason: 1,
        next_visit: LineEditor::new("03/12/2026"),
        note: LineEditor::new("bản gốc giấy chứng sinh"),
        focus: trolyso::app::PauseFocus::Note,
        error: None,
        cancel: false,
    });
    let mut review = Wizard::open(wizard_case_for_pause(), &catalogue, today());
    review.mode = Mode::Review(Review {
        selected: 2,
        ..Review::default()
    });
    let birth = catalogue
        .procedures
        .iter()
        .position(|p| p.id == "dang-ky-khai-sinh")
        .unwrap();
    let mut browse = Picker {
        field: Some("chung_thuc".into()),
        ..Picker::default()
    };
    browse.query.insert_str("chung thuc");
    let generic = catalogue
        .procedures
        .iter()
        .position(|p| p.id == "thu-tuc-chung")
        .unwrap();
    let entry_detail = Detail {
        procedure: generic,
        entry: Some(0),
        checks: vec![false; catalogue.procedures[generic].readiness.len()],
        selected: 0,
        carried: Vec::new(),
        person: None,
    };
    let detail = Detail {
        procedure: birth,
        entry: None,
        checks: vec![true, false, false],
        selected: 1,
        carried: Vec::new(),
        person: None,
    };
    let mut filing = Wizard::open(wizard_case_for_pause(), &catalogue, today());
    filing.mode = Mode::Filing(Filing {
        index: 0,
        copied: true,
    });
    // The birth registration's last-but-one step, with its commune field,
    // and the documents the mother brought.
    let units = Units::embedded();
    let quang_chieu = units.commune_by_name(38, "quang chieu").unwrap().code;
    let mut filer = case(
        "dang-ky-khai-sinh",
        Status::Preparing,
        &[("quan_he", "me"), ("noi_cu_tru", &quang_chieu.to_string())],
    );
    filer.documents.insert("giay_chung_sinh".into(), true);
    let mut commune_field = Wizard::open(filer.clone(), &catalogue, today());
    commune_field.go_to(&catalogue, 6, 2);
    let mut documents = Wizard::open(filer.clone(), &catalogue, today());
    documents.mode = Mode::Documents { selected: 1 };
    let mut commune_picker = Wizard::open(filer, &catalogue, today());
    commune_picker.go_to(&catalogue, 6, 2);
    let mut picking = CommunePicker::new(Some(quang_chieu), units);
    picking.query.insert_str("quang");
    picking.selected = 1;
    commune_picker.mode = Mode::Commune(picking);
    let mut setup_commune = Setup {
        focus: SetupFocus::Commune,
        ..Setup::default()
    };
    setup_commune.helper.insert_str("Chị Hoa");
    let mut country = CommunePicker::new(None, units);
    country.query.insert_str("thanh hoa");
    setup_commune.picker = Some(country);
    let mut settings = app(
        lang,
        Screen::Settings(SettingsForm {
            focus: SettingsRow::Idle,
            helper: LineEditor::new("Chị Hoa"),
            ..SettingsForm::default()
        }),
    );
    settings.settings.home_commune = Some(quang_chieu);
    settings.settings.idle_minutes = 10;
    let mut help = app(lang, Screen::Home(Home::default()));
    help.help = true;
    vec![
        ("setup", app(lang, Screen::Setup(setup))),
        ("setup_commune", app(lang, Screen::Setup(setup_commune))),
        ("settings", settings),
        (
            "recovery",
            app(
                lang,
                Screen::Recovery(Recovery::new("F29N-WQKQ-6JRV-HS7F-GVUM".into())),
            ),
        ),
        ("unlock", app(lang, Screen::Unlock(unlock))),
        ("unlock_preparing", app(lang, Screen::Unlock(preparing))),
        (
            "restore",
            app(
                lang,
                Screen::Restore(RestoreOffer {
                    backups: ["2026-11-28", "2026-11-27"]
                        .iter()
                        .map(|d| Found {
                            path: format!("backups/trolyso-{d}.bak").into(),
                            when: format!("{}/{}/{} 17:30", &d[8..], &d[5..7], &d[..4]),
                        })
                        .collect(),
                    selected: 0,
                    error: None,
                }),
            ),
        ),
        ("unlock_forgot", app(lang, Screen::Unlock(forgot))),
        ("home_empty", app(lang, Screen::Home(Home::default()))),
        (
            "home",
            app(
                lang,
                Screen::Home(Home {
                    rows,
                    selected: 1,
                    ..Home::default()
                }),
            ),
        ),
        ("home_search_none", app(lang, Screen::Home(search))),
        ("person", app(lang, Screen::Person(person(false)))),
        ("person_deleting", app(lang, Screen::Person(person(true)))),
        ("picker", app(lang, Screen::Picker(picker))),
        ("detail", app(lang, Screen::Detail(detail))),
        ("picker_browse", app(lang, Screen::Picker(browse))),
        ("detail_catalogue_entry", app(lang, Screen::Detail(entry_detail))),
        ("wizard", app(lang, Screen::Wizard(Box::new(wizard)))),
        ("wizard_problem", app(lang, Screen::Wizard(Box::new(mother)))),
        ("wizard_pause", app(lang, Screen::Wizard(Box::new(paused)))),
        ("wizard_review", app(lang, Screen::Wizard(Box::new(review)))),
        ("wizard_filing", app(lang, Screen::Wizard(Box::new(filing)))),
        (
            "wizard_commune",
            app(lang, Screen::Wizard(Box::new(commune_field))),
        ),
        (
            "wizard_commune_picker",
            app(lang, Screen::Wizard(Box::new(commune_picker))),
        ),
        ("wizard_documents", app(lang, Screen::Wizard(Box::new(documents)))),
        ("help", help),
        (
            "tour_first",
            app(lang, Screen::Tour(trolyso::app::Tour { page: 0 })),
        ),
        (
            "tour_last",
            app(lang, Screen::Tour(trolyso::app::Tour { page: 2 })),
        ),
        (
            "report",
            app(
                lang,
                Screen::Report(report_view(&["vneid-muc-1", "dang-ky-khai-sinh"])),
            ),
        ),
        (
            "report_counting",
            app(lang, Screen::Report(trolyso::app::ReportView::new(today()))),
        ),
        ("bundles", app(lang, Screen::Exchange(exchange_view()))),
        (
            "bundles_importing",
            app(
                lang,
                Screen::Exchange(trolyso::app::Exchange {
                    preview: None,
                    working: Some(trolyso::store::Reached {
                        step: 2,
                        steps: 2,
                        done: 1_200,
                        total: 5_000,
                        residents: false,
                    }),
                    ..exchange_view()
                }),
            ),
        ),
        (
            "bundles_machines",
            app(
                lang,
                Screen::Exchange(trolyso::app::Exchange {
                    preview: None,
                    showing_machines: true,
                    revoking: Some("kgchdcpakcnmcoep".into()),
                    ..exchange_view()
                }),
            ),
        ),
        ("conflict", app(lang, Screen::Conflicts(conflict_view()))),
    ]
}

/// The bundles screen at the office: a bundle read, not yet imported.
pub(crate) fn exchange_view() -> trolyso::app::Exchange {
    use std::path::PathBuf;
    use trolyso::i18n::Message;
    let bundle = PathBuf::from("/media/hoa/USB/goi-kgchdcpa-2026-11-28-093015-kfab.trolyso");
    trolyso::app::Exchange {
        info: Some(trolyso::app::ExchangeInfo {
            machine: "bejdffophhajboip".into(),
            here: "Chị Hoa · Xã Quang Chiểu, Thanh Hóa".into(),
            office: "dhgbfalaacijemfo".into(),
            joined: None,
            waiting_code: None,
            office_place: None,
            machines: vec![
                trolyso::app::MachineRow {
                    id: "kgchdcpakcnmcoep".into(),
                    helper: "Anh Tuấn".into(),
                    place: "Xã Quang Chiểu, Thanh Hóa".into(),
                    enrolled: "20/11/2026".into(),
                    last_bundle: Some("28/11/2026".into()),
                    cases: 41,
                    revoked: false,
                },
                trolyso::app::MachineRow {
                    id: "mfeiijadpbgnkhcl".into(),
                    helper: "Chị Lan".into(),
                    place: "Xã Quang Chiểu, Thanh Hóa".into(),
                    enrolled: "02/11/2026".into(),
                    last_bundle: None,
                    cases: 7,
                    revoked: true,
                },
            ],
            places: vec![PathBuf::from("/media/hoa/USB")],
        }),
        folder: trolyso::text::LineEditor::new("/media/hoa/USB"),
        files: vec![
            (bundle.clone(), None),
            (
                PathBuf::from("/media/hoa/USB/khoa-van-phong.txt"),
                Some(trolyso::bundle::Kind::KeyFile),
            ),
        ],
        selected: 0,
        preview: Some((
            bundle,
            vec![
                Message::new("bundle.head")
                    .arg("bundle", "eobllcekmpnnidad")
                    .arg("machine", "kgchdcpakcnmcoep")
                    .arg("made", "09:30 28/11/2026"),
                Message::new("bundle.counts")
                    .arg("new", 18)
                    .arg("updated", 2)
                    .arg("edits", 301)
                    .arg("unchanged", 0),
                Message::new("bundle.conflicts").arg("n", 1),
                Message::new("bundle.case_conflict")
                    .arg("name", "Nguyễn Thị Mai")
                    .localized(
                        "procedure",
                        "Tạo tài khoản VNeID mức 1",
                        "Create a VNeID level-1 account",
                    ),
                Message::new("bundle.case_updated")
                    .arg("name", "Trần Văn Bình")
                    .localized("procedure", "Đăng ký khai sinh", "Birth registration"),
                Message::new("bundle.more").arg("n", 19),
            ],
        )),
        said: Vec::new(),
        working: None,
        stopping: false,
        showing_machines: false,
        machine_selected: 0,
        revoking: None,
    }
}

/// A phone changed at the office and in the village: both kept.
pub(crate) fn conflict_view() -> trolyso::app::Conflicts {
    use trolyso::store::clock::{Clock, Version, reading_of_ms};
    let at = |ms: i64, machine: &str, helper: &str, value: &str| Version {
        value: Some(value.into()),
        clock: Clock::new(reading_of_ms(ms), machine, helper, Default::default()),
    };
    trolyso::app::Conflicts {
        rows: Some(vec![trolyso::app::ConflictRow {
            card: trolyso::store::merge::Card {
                case: trolyso::store::Id([7; 16]),
                field: "a:so_dien_thoai".into(),
                why: trolyso::store::merge::Why::Differs,
                versions: vec![
                    at(1_795_836_000_000, "kgchdcpakcnmcoep", "Chị Lan", "0987000222"),
                    at(1_795_826_000_000, "bejdffophhajboip", "Anh Nam", "0987000111"),
                ],
            },
            procedure: "vneid-muc-1".into(),
            name: Some("Nguyễn Thị Mai".into()),
            here: "bejdffophhajboip".into(),
        }]),
        at: 0,
        choice: 0,
    }
}

pub(crate) fn wizard_case_for_pause() -> Case {
    case(
        "vneid-muc-1",
        Status::Preparing,
        &[("nhan_duoc_otp", "no"), ("ho_ten", "Lê Thọ Thành")],
    )
}

#[test]
pub(crate) fn every_screen_in_both_languages() {
    for lang in Lang::ALL {
        for (name, app) in screens(lang) {
            let text = render(&app, 80, 24);
            // A word missing from a word list shows as its key.
            assert!(
                !text.contains("ui.")
                    && !text.contains("store.")
                    && !text.contains("validate.")
                    && !text.contains("tour.")
                    && !text.contains("report.")
                    && !text.contains("bundle.")
                    && !text.contains("exchange.")
                    && !text.contains("conflict."),
                "{name}:\n{text}"
            );
            insta::assert_snapshot!(format!("{name}_{}", lang.code()), text);
        }
    }
}
