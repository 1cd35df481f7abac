use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A calendar day, written `dd/mm/yyyy` as on Vietnamese papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A real day on the calendar, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Self { year, month, day })
    }

    /// Today in Vietnam (UTC+7), where every office using the app is.
    pub fn today() -> Self {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        local_time(ms).0
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole years from `self` (a birth date) to `on`: the age on that day.
    pub fn years_until(self, on: Date) -> i32 {
        let before_birthday = (on.month, on.day) < (self.month, self.day);
        on.year - self.year - i32::from(before_birthday)
    }

    pub fn add_days(self, n: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + n)
    }
}

const VIETNAM_OFFSET_SECS: i64 = 7 * 3600;

/// The day in Vietnam (UTC+7) of a moment (milliseconds since 1970), as
/// days since 1970-01-01: what reports count by.
pub fn local_day(ms: i64) -> i64 {
    (ms.div_euclid(1000) + VIETNAM_OFFSET_SECS).div_euclid(86_400)
}

/// The first moment (milliseconds since 1970) of a day in Vietnam.
pub fn day_start_ms(day: Date) -> i64 {
    (day.days_since_epoch() * 86_400 - VIETNAM_OFFSET_SECS) * 1000
}

/// A moment (milliseconds since 1970) as the day and `HH:MM` in Vietnam
/// (UTC+7).
pub fn local_time(ms: i64) -> (Date, String) {
    let secs = ms.div_euclid(1000) + VIETNAM_OFFSET_SECS;
    let date = Date::from_days_since_epoch(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    (date, format!("{:02}:{:02}", of_day / 3600, of_day % 3600 / 60))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_days_start_at_midnight_in_vietnam() {
        let d = Date::new(2026, 11, 1).unwrap();
        let start = day_start_ms(d);
        assert_eq!(local_day(start), d.days_since_epoch());
        assert_eq!(local_day(start - 1), d.days_since_epoch() - 1);
        // 17:00 UTC is already the next day in Vietnam.
        assert_eq!(local_time(start).1, "00:00");
    }

    #[test]
    fn leap_years() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 4, 31).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::new(2023, 1, 0).is_none());
    }

    #[test]
    fn epoch_conversion() {
        assert_eq!(Date::from_days_since_epoch(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(Date::new(2024, 12, 31).unwrap().to_string(), "31/12/2024");
        assert_eq!(
            Date::new(2024, 2, 28).unwrap().add_days(1),
            Date::new(2024, 2, 29).unwrap()
        );
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -200_000i64..200_000) {
            let d = Date::from_days_since_epoch(days);
            prop_assert_eq!(d.days_since_epoch(), days);
            prop_assert!(Date::new(d.year, d.month, d.day).is_some());
        }
    }
}
