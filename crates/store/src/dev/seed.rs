//! Made-up residents and cases that look like a commune's, for
//! `trolyso dev seed` and the benchmarks: Vietnamese names with marks,
//! identification numbers consistent with birth date and sex, valid mobile
//! numbers, real communes, every status, five years of dates, and the guided
//! procedures answered as the wizard would accept. The same seed gives the
//! same data.

use std::path::Path;
use trolyso_core::assets::AssetSource;
use trolyso_core::domain::Date;
use trolyso_core::domain::procedure::{
    Answers, Field, FieldKind, GENERIC_ID, Level, Procedure, ResidentFields, check_answer, load_all,
};
use trolyso_core::domain::units::Units;
use trolyso_core::domain::validate::{Sex, parse_date};

use zeroize::Zeroizing;

use crate::store::{Case, Id, KdfParams, Reason, Resident, Settings, Status, Store, StoreError, now_ms};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Mai", "Trịnh", "Đinh", "Lương",
];
const MIDDLE_MALE: &[&str] = &[
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Đình", "Công", "Ngọc",
];
const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Bích", "Diệu",
];
const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quang", "Sơn", "Thành",
    "Tuấn", "Việt", "Hiếu", "Thắng", "Trung", "Đạt", "Khoa",
];
const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Phương", "Thảo", "Trang", "Yến", "Hà",
    "Hằng", "Loan", "Nhung", "Oanh", "Quyên", "Tâm", "Vy",
];
const PHONE_PREFIXES: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "070", "077", "079", "081", "083", "085", "086",
    "088", "090", "091", "093", "094", "096", "097", "098", "052", "056", "058",
];
/// Pre-2025 province codes that open identification numbers: mostly the
/// office's own province (Thanh Hóa, 038), some from elsewhere.
const BIRTH_PROVINCES: &[u16] = &[38, 38, 38, 38, 38, 38, 1, 40, 37, 36, 79, 26, 30, 42];
/// The office's province: most residents live in one of its communes.
const HOME_PROVINCE: u32 = 38;
const HELPERS: &[&str] = &["Chị Hoa", "Anh Tuấn", "Chị Lan", "Anh Dũng"];
const NOTES: &[&str] = &[
    "Đã gọi điện hẹn lại",
    "Mang thêm bản chụp giấy khai sinh",
    "Chờ tin nhắn kích hoạt",
    "Người thân đi cùng",
];
const DAY_MS: i64 = 86_400_000;
/// Dates spread over five years of a helper's work.
const YEARS_MS: i64 = 5 * 365 * DAY_MS;

/// SplitMix64: small, fast, and the same everywhere.
pub struct Generator {
    state: u64,
    home_communes: Vec<u32>,
    all_communes: Vec<u32>,
    procedures: std::rc::Rc<[Procedure]>,
    /// Which answers a case is found by, for the case indexes.
    found_by: trolyso_core::domain::procedure::FoundBy,
    /// Which procedures a resident of each sex (or none given) can be the
    /// subject of, by index: a mother's number is a woman's.
    fitting: [Vec<usize>; 3],
}

/// The slot of `fitting` for a resident's sex.
fn sex_slot(sex: Option<Sex>) -> usize {
    match sex {
        Some(Sex::Male) => 0,
        Some(Sex::Female) => 1,
        None => 2,
    }
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let units = Units::embedded();
        let all_communes: Vec<u32> = units
            .provinces()
            .iter()
            .flat_map(|p| p.communes.iter().map(|c| c.code))
            .collect();
        let home_communes: Vec<u32> = units
            .province(HOME_PROVINCE)
            .map(|p| p.communes.iter().map(|c| c.code).collect())
            .unwrap_or_default();
        // Every guided procedure but the general guide, which cases reach
        // only through a catalogue entry.
        let catalogue = AssetSource::Embedded
            .procedure_files()
            .map(|files| load_all(&files))
            .unwrap_or_default();
        let found_by = catalogue.found_by();
        let procedures = catalogue
            .procedures
            .into_iter()
            .filter(|p| p.id != GENERIC_ID)
            .collect::<Vec<_>>();
        let holder_sex = |p: &Procedure| {
            p.steps
                .iter()
                .flat_map(|s| &s.fields)
                .find(|f| p.resident.id_number.as_deref() == Some(f.id.as_str()))
                .and_then(|f| f.id_checks.sex_is)
        };
        let fitting = [Some(Sex::Male), Some(Sex::Female), None].map(|sex| {
            (0..procedures.len())
                .filter(|&i| holder_sex(&procedures[i]).is_none_or(|h| sex == Some(h)))
                .collect()
        });
        Self {
            state: seed,
            home_communes,
            all_communes,
            procedures: procedures.into(),
            found_by,
            fitting,
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len() as u64) as usize]
    }

    fn id(&mut self, ms: i64) -> Id {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&(ms as u64).to_be_bytes());
        b[8..].copy_from_slice(&self.next().to_be_bytes());
        Id(b)
    }

    /// A commune of the office's province, one time in five anywhere.
    pub fn commune(&mut self) -> u32 {
        let anywhere = self.home_communes.is_empty() || self.chance(5);
        let len = if anywhere {
            self.all_communes.len()
        } else {
            self.home_communes.len()
        };
        let at = self.below(len as u64) as usize;
        let list = if anywhere {
            &self.all_communes
        } else {
            &self.home_communes
        };
        list.get(at).copied().unwrap_or(0)
    }

    fn sex(&mut self) -> Sex {
        if self.chance(2) { Sex::Male } else { Sex::Female }
    }

    fn name(&mut self, sex: Sex) -> String {
        let (middle, given) = match sex {
            Sex::Male => (MIDDLE_MALE, GIVEN_MALE),
            Sex::Female => (MIDDLE_FEMALE, GIVEN_FEMALE),
        };
        format!("{} {} {}", self.pick(FAMILY), self.pick(middle), self.pick(given))
    }

    fn date_in(&mut self, first_year: i32, years: u64) -> Date {
        let year = first_year + self.below(years) as i32;
        Date::new(year, 1 + self.below(12) as u8, 1 + self.below(28) as u8).unwrap_or(Date {
            year,
            month: 1,
            day: 1,
        })
    }

    /// An identification number whose century-and-sex digit and year match
    /// the birth date and sex.
    fn id_number(&mut self, birth: Date, sex: Sex) -> String {
        let century_digit = ((birth.year - 1900) / 100) as u64 * 2 + u64::from(sex == Sex::Female);
        format!(
            "{:03}{}{:02}{:06}",
            self.pick(BIRTH_PROVINCES),
            century_digit,
            birth.year % 100,
            self.below(1_000_000)
        )
    }

    fn phone(&mut self) -> String {
        format!("{}{:07}", self.pick(PHONE_PREFIXES), self.below(10_000_000))
    }

    /// A resident born between 1940 and 2024, first seen in the last five
    /// years.
    pub fn resident(&mut self, now_ms: i64) -> Resident {
        let sex = self.sex();
        let full_name = self.name(sex);
        let birth = self.date_in(1940, 85);
        let id_number = self.id_number(birth, sex);
        let phone = self.phone();
        let first_seen = now_ms - self.below(YEARS_MS as u64) as i64;
        let commune = self.commune();
        Resident {
            id: self.id(first_seen),
            full_name,
            id_number: Some(id_number),
            birth_date: Some(birth.to_string()),
            sex: Some(sex),
            phone: Some(phone),
            commune_code: Some(commune),
            address: None,
            notes: String::new(),
        }
    }

    /// An answer of the field's kind that its check accepts; the
    /// resident's own facts for the fields that describe the resident, and
    /// an identification number that matches the birth date and sex already
    /// answered.
    fn answer(
        &mut self,
        field: &Field,
        who: &ResidentFields,
        r: &Resident,
        answers: &Answers,
        today: Date,
    ) -> Option<String> {
        let own = |f: &Option<String>| f.as_deref() == Some(field.id.as_str());
        if own(&who.name) {
            return Some(r.full_name.clone());
        }
        if own(&who.id_number) {
            return r.id_number.clone();
        }
        if own(&who.birth_date) {
            return r.birth_date.clone();
        }
        if own(&who.phone) {
            return r.phone.clone();
        }
        if own(&who.sex) {
            let sex = r.sex?;
            return field
                .choices
                .iter()
                .find(|c| Sex::from_answer(&c.value) == Some(sex))
                .map(|c| c.value.clone());
        }
        Some(match field.kind {
            FieldKind::PersonName => {
                let sex = self.sex();
                self.name(sex)
            }
            FieldKind::IdNumber => {
                let checks = &field.id_checks;
                let given = |f: &Option<String>| f.as_ref().and_then(|f| answers.get(f));
                let birth = given(&checks.birth_date).and_then(|d| parse_date(d).ok());
                let sex = checks
                    .sex_is
                    .or_else(|| given(&checks.sex).and_then(|s| Sex::from_answer(s)));
                let birth = birth.unwrap_or_else(|| self.date_in(1950, 70));
                let sex = sex.unwrap_or_else(|| self.sex());
                self.id_number(birth, sex)
            }
            FieldKind::OldId => format!("{:09}", 100_000_000 + self.below(900_000_000)),
            FieldKind::Phone => self.phone(),
            FieldKind::Date => {
                // Old enough for the field's age (to marry), within 40 years more.
                let at_least = i64::from(field.constraint.min_age.unwrap_or(0)) * 366;
                let back = at_least + self.below(if field.not_future { 40 * 365 } else { 365 }) as i64;
                Date::from_days_since_epoch(today.days_since_epoch() - back).to_string()
            }
            FieldKind::Number => {
                let min = field.constraint.min.unwrap_or(1);
                let max = field.constraint.max.unwrap_or(min + 2).max(min);
                (min + self.below((max - min + 1) as u64) as i64).to_string()
            }
            FieldKind::Choice if !field.choices.is_empty() => self.pick(&field.choices).value.clone(),
            FieldKind::MultiChoice if !field.choices.is_empty() => {
                let chosen: Vec<&str> = field
                    .choices
                    .iter()
                    .filter(|_| self.chance(2))
                    .map(|c| c.value.as_str())
                    .collect();
                if chosen.is_empty() {
                    field.choices[0].value.clone()
                } else {
                    chosen.join(",")
                }
            }
            FieldKind::Choice | FieldKind::MultiChoice => return None,
            FieldKind::YesNo => if self.chance(4) { "no" } else { "yes" }.to_owned(),
            FieldKind::Commune => self.commune().to_string(),
            FieldKind::Code => format!("G22.99-{:06}", self.below(1_000_000)),
            FieldKind::Email => format!("nguoidan{}@gmail.com", self.below(100_000)),
            FieldKind::TaxCode | FieldKind::SocialInsurance => {
                format!("{:010}", 1_000_000_000 + self.below(8_999_999_999))
            }
            FieldKind::Text | FieldKind::Note => (*self.pick(NOTES)).to_owned(),
        })
    }

    /// A case for `resident` on one of the guided procedures, started in the
    /// last five years, in any status: answered field by field as the
    /// wizard would show them (a case still being prepared stops part way),
    /// with the documents brought ticked.
    pub fn case(&mut self, resident: &Resident, now_ms: i64) -> Case {
        // Not before the resident was born.
        let born_ms = resident
            .birth_date
            .as_deref()
            .and_then(|d| parse_date(d).ok())
            .map_or(0, |d| d.days_since_epoch() * DAY_MS);
        let created = now_ms - self.below(YEARS_MS.min(now_ms - born_ms - DAY_MS).max(1) as u64) as i64;
        let updated = (created + self.below(30 * DAY_MS as u64) as i64).min(now_ms);
        let status = *self.pick(&Status::ALL);
        let today = Date::from_days_since_epoch(created / DAY_MS);
        let slot = sex_slot(resident.sex);
        let at = self.below(self.fitting[slot].len() as u64) as usize;
        let procedures = std::rc::Rc::clone(&self.procedures);
        let mut procedure = &procedures[self.fitting[slot][at]];
        // Too young for it (to marry): another one the resident can ask for.
        if !old_enough(procedure, resident, today) {
            let fits: Vec<usize> = (self.fitting[slot].iter().copied())
                .filter(|&i| old_enough(&procedures[i], resident, today))
                .collect();
            if !fits.is_empty() {
                procedure = &procedures[fits[self.below(fits.len() as u64) as usize]];
            }
        }
        let mut answers = Answers::new();
        let total: usize = procedure.steps.iter().map(|s| s.fields.len()).sum();
        let mut left = if status == Status::Preparing {
            self.below(total as u64 + 1) as usize
        } else {
            total
        };
        'steps: for step in &procedure.steps {
            if !step.is_relevant(&answers) {
                continue;
            }
            for field in &step.fields {
                if left == 0 {
                    break 'steps;
                }
                left -= 1;
                if !field.is_relevant(&answers) {
                    continue;
                }
                if let Some(value) = self.answer(field, &procedure.resident, resident, &answers, today) {
                    answers.insert(field.id.clone(), value);
                }
            }
        }
        let documents = procedure
            .documents
            .iter()
            .filter(|d| d.is_relevant(&answers))
            .map(|d| (d.id.clone(), status != Status::Preparing || self.chance(2)))
            .collect();
        let readiness = procedure
            .readiness
            .iter()
            .map(|r| (r.id.clone(), !self.chance(5)))
            .collect();
        let paused = matches!(status, Status::Paused | Status::Cancelled);
        let filed = matches!(status, Status::Filed | Status::Done | Status::NeedsMore);
        Case {
            id: self.id(created),
            procedure_id: procedure.id.clone(),
            procedure_version: procedure.version,
            resident_id: Some(resident.id),
            helper: (*self.pick(HELPERS)).to_owned(),
            status,
            answers,
            documents,
            readiness,
            reason: paused.then(|| *self.pick(&Reason::ALL)),
            next_visit: paused
                .then(|| Date::from_days_since_epoch(now_ms / DAY_MS + self.below(14) as i64).to_string()),
            hoso_code: filed
                .then(|| format!("G22.99-{:06}-{:04}", self.below(1_000_000), self.below(10_000))),
            // As helpers record it: mostly một phần, some toàn trình, a few
            // not told.
            named: Default::default(),
            filed_level: filed
                .then(|| {
                    [Level::Partial, Level::Partial, Level::Full, Level::Unknown][self.below(4) as usize]
                })
                .filter(|l| *l != Level::Unknown),
            pause_note: None,
            last_field: None,
            created_at_ms: created,
            updated_at_ms: updated,
            revision: 1 + self.below(20),
            clocks: Default::default(),
            rivals: Default::default(),
            written: 0,
        }
    }
}

/// Cases written per opening of the store: sled keeps much of what a long
/// run of inserts touched in memory until the database is closed (about
/// 50 MB per 1,000 cases), so the seed closes and reopens it (seeding
/// 100,000 cases peaked at 8.5 GB in one opening, 1.2 GB this way).
const PER_OPENING: usize = 10_000;

/// Sets up a new data folder holding `cases` made-up residents and cases,
/// with the office's helper and commune named; returns the recovery code.
/// Written in batches with one flush each (a seed, not a helper's edits).
pub fn seed_folder(
    dir: &Path,
    passphrase: &str,
    cases: usize,
    seed: u64,
    kdf: KdfParams,
) -> Result<Zeroizing<String>, StoreError> {
    let (store, code) = Store::create(dir, passphrase, kdf)?;
    let mut g = Generator::new(seed);
    let now = now_ms();
    store.save_settings(&Settings {
        helper: HELPERS[0].to_owned(),
        home_commune: g.home_communes.first().copied(),
        ..Settings::default()
    })?;
    let mut open = Some(store);
    let mut done = 0;
    while done < cases {
        let store = match open.take() {
            Some(s) => s,
            None => Store::open(dir, passphrase)?,
        };
        let n = PER_OPENING.min(cases - done);
        fill(&store, &mut g, n, now)?;
        done += n;
    }
    Ok(code)
}

/// Writes `cases` made-up residents, one case each, into an open store.
pub fn fill(store: &Store, g: &mut Generator, cases: usize, now: i64) -> Result<(), StoreError> {
    // Large: each batch rewrites the blocks of the name words it lists.
    const BATCH: usize = 5_000;
    let mut batch = Vec::with_capacity(BATCH.min(cases));
    for i in 0..cases {
        let r = g.resident(now);
        let c = g.case(&r, now);
        batch.push((r, c));
        if batch.len() == BATCH || i + 1 == cases {
            store.insert_many(&batch, &g.found_by)?;
            batch.clear();
        }
    }
    Ok(())
}

/// Whether the procedure's field for the resident's own birth date accepts
/// it as the wizard would (old enough to marry).
fn old_enough(procedure: &Procedure, resident: &Resident, today: Date) -> bool {
    let field = procedure
        .resident
        .birth_date
        .as_deref()
        .and_then(|f| procedure.field(f));
    match (field, resident.birth_date.as_deref()) {
        (Some(field), Some(born)) => check_answer(field, born, &Answers::new(), today).is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trolyso_core::domain::provinces::OldProvinces;
    use trolyso_core::domain::validate::{IdFacts, id_number, person_name, phone};

    #[test]
    fn made_up_people_pass_the_validators_and_repeat_for_a_seed() {
        let now = 1_800_000_000_000;
        let mut g = Generator::new(7);
        let first: Vec<Resident> = (0..200).map(|_| g.resident(now)).collect();
        for r in &first {
            assert_eq!(person_name(&r.full_name).unwrap().value, r.full_name);
            let facts = IdFacts {
                birth_date: Some(parse_date(r.birth_date.as_deref().unwrap()).unwrap()),
                sex: r.sex,
                today: Date::new(2026, 11, 28).unwrap(),
            };
            id_number(r.id_number.as_deref().unwrap(), &facts, OldProvinces::embedded()).unwrap();
            phone(r.phone.as_deref().unwrap()).unwrap();
        }
        let mut again = Generator::new(7);
        let second: Vec<Resident> = (0..200).map(|_| again.resident(now)).collect();
        assert_eq!(first, second);
    }

    #[test]
    fn made_up_cases_answer_real_procedures_as_the_wizard_would_accept() {
        let now = 1_800_000_000_000;
        let mut g = Generator::new(11);
        let files = AssetSource::Embedded.procedure_files().unwrap();
        let catalogue = load_all(&files);
        let mut seen_procedures = std::collections::BTreeSet::new();
        let mut seen_status = std::collections::BTreeSet::new();
        for _ in 0..600 {
            let r = g.resident(now);
            let c = g.case(&r, now);
            let procedure = catalogue.get(&c.procedure_id).expect("a real procedure");
            seen_procedures.insert(c.procedure_id.clone());
            seen_status.insert(c.status.code());
            if c.status == Status::Preparing {
                continue;
            }
            let today = Date::from_days_since_epoch(c.created_at_ms / DAY_MS);
            let problems = trolyso_core::domain::procedure::problems(procedure, &c.answers, today);
            assert!(
                problems.is_empty(),
                "{}: {:?}",
                c.procedure_id,
                problems
                    .iter()
                    .map(|(f, m)| (f, m.render(trolyso_core::i18n::Lang::En)))
                    .collect::<Vec<_>>()
            );
        }
        assert_eq!(seen_status.len(), Status::ALL.len());
        assert!(seen_procedures.len() >= 20, "{seen_procedures:?}");
    }
}
