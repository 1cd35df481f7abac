//! The days a report covers: a month, or any range of days.

use serde::{Serialize, Serializer};

use crate::domain::Date;
use crate::domain::validate::parse_date;
use crate::i18n::Message;

/// From `first` to `last`, both included, in Vietnam's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

impl Period {
    pub fn month(year: i32, month: u8) -> Option<Period> {
        let first = Date::new(year, month, 1)?;
        let last = Date::new(year, month, crate::domain::date::days_in_month(year, month))?;
        Some(Period { first, last })
    }

    /// The month `today` is in.
    pub fn month_of(day: Date) -> Period {
        Period::month(day.year, day.month).unwrap_or(Period {
            first: day,
            last: day,
        })
    }

    /// `YYYY-MM`, or `MM/YYYY` as the page itself writes it ("kỳ 12/2026").
    pub fn parse_month(text: &str) -> Result<Period, Message> {
        let bad = || Message::new("report.bad_month").arg("value", text);
        let text = text.trim();
        let (y, m) = match text.split_once('/') {
            Some((m, y)) => (y, m),
            None => text.split_once('-').ok_or_else(bad)?,
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !(1..=2).contains(&m.len()) || !digits(m, m.len()) {
            return Err(bad());
        }
        Period::month(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
    }

    /// From and to, `dd/mm/yyyy`, both included.
    pub fn parse_range(from: &str, to: &str) -> Result<Period, Message> {
        let first = parse_date(from.trim())?;
        let last = parse_date(to.trim())?;
        if last < first {
            return Err(Message::new("report.range_backwards")
                .arg("from", first)
                .arg("to", last));
        }
        Ok(Period { first, last })
    }

    /// Days since 1970 of the first and last day.
    pub fn days(&self) -> (i64, i64) {
        (self.first.days_since_epoch(), self.last.days_since_epoch())
    }

    pub fn contains_day(&self, day: i64) -> bool {
        let (first, last) = self.days();
        (first..=last).contains(&day)
    }

    pub fn is_month(&self) -> bool {
        self.first.day == 1 && *self == Period::month_of(self.first)
    }

    /// `2026-11` for a month, `2026-11-03..2026-11-20` otherwise: what files
    /// and the province's table name the period by.
    pub fn key(&self) -> String {
        let iso = |d: Date| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
        if self.is_month() {
            format!("{:04}-{:02}", self.first.year, self.first.month)
        } else {
            format!("{}..{}", iso(self.first), iso(self.last))
        }
    }

    /// As people read it: `11/2026`, or `03/11/2026 – 20/11/2026`.
    pub fn label(&self) -> String {
        if self.is_month() {
            format!("{:02}/{:04}", self.first.month, self.first.year)
        } else {
            format!("{} – {}", self.first, self.last)
        }
    }

    /// The month before (or after, `step` = 1) the month this one starts in.
    pub fn step_month(&self, step: i32) -> Period {
        let index = self.first.year * 12 + i32::from(self.first.month) - 1 + step;
        Period::month(index.div_euclid(12), (index.rem_euclid(12) + 1) as u8).unwrap_or(*self)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Period", 3)?;
        st.serialize_field("key", &self.key())?;
        st.serialize_field("from", &self.first.to_string())?;
        st.serialize_field("to", &self.last.to_string())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_ranges() {
        let nov = Period::parse_month("2026-11").unwrap();
        assert_eq!(nov.last, Date::new(2026, 11, 30).unwrap());
        assert_eq!(nov.key(), "2026-11");
        assert_eq!(nov.label(), "11/2026");
        assert_eq!(nov.step_month(2).key(), "2027-01");
        assert_eq!(nov.step_month(-11).key(), "2025-12");
        assert!(Period::parse_month("2026-13").is_err());
        // Issue 29: as the page writes the period.
        assert_eq!(Period::parse_month("11/2026").unwrap(), nov);
        assert_eq!(
            Period::parse_month("1/2027").unwrap(),
            Period::parse_month("2027-01").unwrap()
        );
        assert!(Period::parse_month("13/2026").is_err());
        assert!(Period::parse_month("2026/11").is_err());
        let r = Period::parse_range("03/11/2026", "20/11/2026").unwrap();
        assert_eq!(r.key(), "2026-11-03..2026-11-20");
        assert_eq!(
            Period::parse_range("20/11/2026", "03/11/2026").unwrap_err().key,
            "report.range_backwards"
        );
        assert!(
            Period::parse_range("01/11/2026", "30/11/2026")
                .unwrap()
                .is_month()
        );
    }
}
