//! Made-up residents and cases that look like a commune's: Vietnamese names
//! with marks, identification numbers consistent with birth date and sex,
//! valid mobile numbers, real communes, every status, several years of dates.
//! The same seed gives the same data.

use crate::domain::Date;
use crate::domain::units::Units;
use crate::domain::validate::Sex;
use crate::store::{Case, Id, Reason, Resident, Status, Store, StoreError, now_ms};

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
/// Pre-2025 province codes that open identification numbers (a sample).
const BIRTH_PROVINCES: &[u16] = &[38, 38, 38, 38, 1, 40, 37, 36, 79, 26, 30, 42];
const PROCEDURES: &[&str] = &["vneid-muc-1", "dang-nhap-dvc-vneid", "dang-ky-khai-sinh"];

/// SplitMix64: small, fast, and the same everywhere.
pub struct Generator {
    state: u64,
    communes: Vec<u32>,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let units = Units::embedded();
        let mut communes: Vec<u32> = units
            .province(38)
            .map(|p| p.communes.iter().map(|c| c.code).collect())
            .unwrap_or_default();
        if communes.is_empty() {
            communes.push(0);
        }
        Self {
            state: seed,
            communes,
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

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len() as u64) as usize]
    }

    fn id(&mut self, ms: i64) -> Id {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&(ms as u64).to_be_bytes());
        b[8..].copy_from_slice(&self.next().to_be_bytes());
        Id(b)
    }

    /// A resident born between 1940 and 2024.
    pub fn resident(&mut self, now_ms: i64) -> Resident {
        let sex = if self.below(2) == 0 {
            Sex::Male
        } else {
            Sex::Female
        };
        let (middle, given) = match sex {
            Sex::Male => (MIDDLE_MALE, GIVEN_MALE),
            Sex::Female => (MIDDLE_FEMALE, GIVEN_FEMALE),
        };
        let full_name = format!("{} {} {}", self.pick(FAMILY), self.pick(middle), self.pick(given));
        let year = 1940 + self.below(85) as i32;
        let birth = Date::new(year, 1 + self.below(12) as u8, 1 + self.below(28) as u8).unwrap_or(Date {
            year,
            month: 1,
            day: 1,
        });
        let century_digit = ((year - 1900) / 100) as u64 * 2 + u64::from(sex == Sex::Female);
        let id_number = format!(
            "{:03}{}{:02}{:06}",
            self.pick(BIRTH_PROVINCES),
            century_digit,
            year % 100,
            self.below(1_000_000)
        );
        let phone = format!("{}{:07}", self.pick(PHONE_PREFIXES), self.below(10_000_000));
        let first_seen = now_ms - self.below(3 * 365 * 86_400_000) as i64;
        let which = self.below(self.communes.len() as u64) as usize;
        let commune = self.communes[which];
        Resident {
            id: self.id(first_seen),
            full_name,
            id_number: Some(id_number),
            birth_date: Some(birth.to_string()),
            sex: Some(sex),
            phone: Some(phone),
            commune_code: Some(commune),
            notes: String::new(),
        }
    }

    /// A case for `resident`, started in the last three years, in any status.
    pub fn case(&mut self, resident: &Resident, now_ms: i64) -> Case {
        let created = now_ms - self.below(3 * 365 * 86_400_000) as i64;
        let updated = (created + self.below(30 * 86_400_000) as i64).min(now_ms);
        let status = *self.pick(&Status::ALL);
        let mut answers = std::collections::BTreeMap::new();
        answers.insert("ho_ten".to_owned(), resident.full_name.clone());
        if let Some(n) = &resident.id_number {
            answers.insert("so_dinh_danh".to_owned(), n.clone());
        }
        if let Some(p) = &resident.phone {
            answers.insert("so_dien_thoai".to_owned(), p.clone());
        }
        if let Some(b) = &resident.birth_date {
            answers.insert("ngay_sinh".to_owned(), b.clone());
        }
        for field in [
            "co_the_can_cuoc",
            "sim_chinh_chu",
            "da_cai_vneid",
            "nhan_duoc_otp",
        ] {
            answers.insert(
                field.to_owned(),
                if self.below(4) == 0 { "no" } else { "yes" }.to_owned(),
            );
        }
        let paused = matches!(status, Status::Paused | Status::Cancelled);
        Case {
            id: self.id(created),
            procedure_id: (*self.pick(PROCEDURES)).to_owned(),
            procedure_version: 1,
            resident_id: Some(resident.id),
            helper: (*self.pick(&["Chị Hoa", "Anh Tuấn", "Chị Lan"])).to_owned(),
            status,
            answers,
            documents: Default::default(),
            readiness: Default::default(),
            reason: paused.then(|| *self.pick(&Reason::ALL)),
            next_visit: paused.then(|| {
                Date::from_days_since_epoch(now_ms / 86_400_000 + self.below(14) as i64).to_string()
            }),
            hoso_code: matches!(status, Status::Filed | Status::Done | Status::NeedsMore)
                .then(|| format!("G22.99-{:06}-{:04}", self.below(1_000_000), self.below(10_000))),
            created_at_ms: created,
            updated_at_ms: updated,
            revision: 1 + self.below(20),
        }
    }
}

/// Fills a store with `cases` made-up residents and cases, in batches with
/// one flush each (a seed, not a helper's edits).
pub fn fill(store: &Store, cases: usize, seed: u64) -> Result<(), StoreError> {
    const BATCH: usize = 10_000;
    let mut g = Generator::new(seed);
    let now = now_ms();
    let mut batch = Vec::with_capacity(BATCH.min(cases));
    for i in 0..cases {
        let r = g.resident(now);
        let c = g.case(&r, now);
        batch.push((r, c));
        if batch.len() == BATCH || i + 1 == cases {
            store.insert_many(&batch)?;
            batch.clear();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::provinces::OldProvinces;
    use crate::domain::validate::{IdFacts, id_number, parse_date, person_name, phone};

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
}
