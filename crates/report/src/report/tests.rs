use super::*;
use trolyso_core::domain::date::day_start_ms;
use trolyso_store::store::{Mark, Reason};

const HOUR: i64 = 3_600_000;

fn at(d: u8, m: u8) -> i64 {
    day_start_ms(Date::new(2026, m, d).unwrap()) + 9 * HOUR
}

fn facts(n: u8, procedure: &str, created: i64, marks: &[(Status, i64, Option<Reason>)]) -> Facts {
    let status = marks.last().map_or(Status::Preparing, |m| m.0);
    Facts {
        case: Id([n; 16]),
        procedure: procedure.into(),
        helper: "Lan".into(),
        resident: Some(Id([n / 2; 16])),
        status,
        reason: marks.last().and_then(|m| m.2),
        next_visit: None,
        created_ms: created,
        marks: marks
            .iter()
            .map(|(to, at_ms, reason)| Mark {
                to: *to,
                at_ms: *at_ms,
                reason: *reason,
                helper: "Tuấn".into(),
            })
            .collect(),
        registered_ms: None,
        activated_ms: None,
        // As the helper recorded it when marking the case filed: procedures
        // "a" went through the portal whole, "b" in part.
        level: marks
            .iter()
            .any(|m| m.0 == Status::Filed)
            .then_some(match procedure {
                "a" => Level::Full,
                "b" => Level::Partial,
                _ => Level::Unknown,
            }),
        revision: 1,
    }
}

#[test]
fn counts_follow_the_period_to_the_day() {
    let nov = Period::parse_month("2026-11").unwrap();
    let worked = [
        // Started in October, filed on 1 November (its first hour in Vietnam).
        facts(
            2,
            "a",
            at(20, 10),
            &[(Status::Filed, day_start_ms(Date::new(2026, 11, 1).unwrap()), None)],
        ),
        // Started and filed in November: 4 days.
        facts(3, "a", at(3, 11), &[(Status::Filed, at(7, 11), None)]),
        // Filed on 1 December (too late), started 30 November.
        facts(4, "b", at(30, 11), &[(Status::Filed, at(1, 12), None)]),
        // Paused twice for different reasons, once in the period.
        facts(
            5,
            "b",
            at(2, 11),
            &[
                (Status::Paused, at(2, 11), Some(Reason::NoOtp)),
                (Status::Preparing, at(5, 11), None),
                (Status::Paused, at(1, 12), Some(Reason::NoChipCard)),
            ],
        ),
    ];
    let r = compute(nov, &worked, &[], at(29, 11));
    assert_eq!(r.value(Metric::CasesWorked, ""), Some(4));
    // Cases 2 and 3 have resident 1; 4 and 5 have resident 2.
    assert_eq!(r.value(Metric::ResidentsHelped, ""), Some(2));
    assert_eq!(r.value(Metric::Started, ""), Some(3));
    assert_eq!(r.value(Metric::Filed, ""), Some(2));
    assert_eq!(r.value(Metric::Filed, "procedure:a"), Some(2));
    assert_eq!(r.value(Metric::Filed, "procedure:b"), None);
    assert_eq!(r.value(Metric::FiledByLevel, "level:toan_trinh"), Some(2));
    assert_eq!(r.value(Metric::FullShare, ""), Some(100));
    assert_eq!(r.value(Metric::Paused, ""), Some(1));
    assert_eq!(r.value(Metric::StopReasons, "reason:no_otp"), Some(1));
    assert_eq!(r.value(Metric::StopReasons, "reason:no_chip_card"), None);
    // 12 days (20/10 → 1/11) and 4 days: the lower middle of two is 4.
    assert_eq!(r.value(Metric::MedianDaysToFile, ""), Some(4));
    assert_eq!(r.value(Metric::StartedByDay, "day:2026-11-03"), Some(1));
    assert_eq!(r.rows_of(Metric::StartedByDay).count(), 30);
    assert_eq!(r.value(Metric::HelperFiled, "helper:Tuấn"), Some(2));
}

#[test]
fn accounts_count_by_the_day_each_stage_was_reached() {
    let nov = Period::parse_month("2026-11").unwrap();
    let mut a = facts(1, "vneid-muc-1", at(28, 10), &[]);
    a.registered_ms = Some(at(30, 10));
    a.activated_ms = Some(at(4, 11));
    let mut b = facts(2, "vneid-muc-1", at(10, 11), &[]);
    b.registered_ms = Some(at(10, 11));
    let other = facts(3, "a", at(10, 11), &[]);
    let r = compute(nov, &[a, b, other], &[], at(29, 11));
    assert_eq!(r.value(Metric::Accounts, "stage:prepared"), Some(1));
    assert_eq!(r.value(Metric::Accounts, "stage:registered"), Some(1));
    assert_eq!(r.value(Metric::Accounts, "stage:activated"), Some(1));
}

#[test]
fn waiting_cases_and_next_visits_are_as_of_the_day_made() {
    let nov = Period::parse_month("2026-11").unwrap();
    let now = at(20, 11);
    let mut overdue = facts(
        1,
        "a",
        at(1, 9),
        &[(Status::Paused, at(1, 9), Some(Reason::NoOtp))],
    );
    overdue.next_visit = Some("19/11/2026".into());
    let mut soon = facts(
        2,
        "a",
        at(1, 9),
        &[(Status::Paused, at(1, 9), Some(Reason::NoOtp))],
    );
    soon.next_visit = Some("27/11/2026".into());
    let more = facts(3, "a", at(1, 9), &[(Status::NeedsMore, at(1, 9), None)]);
    let r = compute(nov, &[], &[overdue, soon, more], now);
    assert_eq!(r.value(Metric::WaitingNow, ""), Some(3));
    assert_eq!(r.value(Metric::WaitingNow, "reason:no_otp"), Some(2));
    assert_eq!(r.value(Metric::WaitingNow, "status:needs_more"), Some(1));
    assert_eq!(r.value(Metric::NextVisits, "due:overdue"), Some(1));
    assert_eq!(r.value(Metric::NextVisits, "due:within_7_days"), Some(1));
}

#[test]
fn the_dataset_hash_follows_the_data() {
    let nov = Period::parse_month("2026-11").unwrap();
    let one = [facts(1, "a", at(3, 11), &[])];
    let r1 = compute(nov, &one, &[], at(29, 11));
    let r2 = compute(nov, &one, &[], at(30, 11));
    assert_eq!(r1.dataset, r2.dataset, "when it is made does not change it");
    let mut edited = one.clone();
    edited[0].revision = 2;
    assert_ne!(r1.dataset, compute(nov, &edited, &[], at(29, 11)).dataset);
    let dec = nov.step_month(1);
    assert_ne!(r1.dataset, compute(dec, &one, &[], at(29, 11)).dataset);
}

/// Issue 29: the share counts the level recorded when each case was marked
/// filed, never the guide's; filings with none recorded are counted apart.
#[test]
fn the_full_share_counts_what_was_recorded() {
    let nov = Period::parse_month("2026-11").unwrap();
    let filed = |n, level| {
        let mut f = facts(n, "a", at(3, 11), &[(Status::Filed, at(7, 11), None)]);
        f.level = level;
        f
    };
    let worked = [
        filed(1, Some(Level::Full)),
        filed(2, Some(Level::Partial)),
        filed(3, Some(Level::Partial)),
        filed(4, None),
    ];
    let r = compute(nov, &worked, &[], at(29, 11));
    assert_eq!(r.value(Metric::FiledByLevel, "level:toan_trinh"), Some(1));
    assert_eq!(r.value(Metric::FiledByLevel, "level:mot_phan"), Some(2));
    assert_eq!(r.value(Metric::FiledByLevel, "level:chua_ro"), Some(1));
    // One in three of those whose level is known.
    assert_eq!(r.value(Metric::FullShare, ""), Some(33));
    assert_eq!(r.row(Metric::FullShare, "").unwrap().base, 3);
}

/// Issue 29: a busy month still prints on one A4 page: a section shows its
/// largest rows, and the rest as one row with their sum (the CSV has all).
#[test]
fn the_page_shows_a_sections_largest_rows_and_sums_the_rest() {
    let nov = Period::parse_month("2026-11").unwrap();
    // Twelve procedures started, procedure "p0" three times.
    let mut worked: Vec<Facts> = (0..12u8)
        .map(|n| facts(n * 2, &format!("p{n}"), at(3, 11), &[]))
        .collect();
    worked.push(facts(100, "p0", at(4, 11), &[]));
    worked.push(facts(102, "p0", at(5, 11), &[]));
    let r = compute(nov, &worked, &[], at(29, 11));
    let catalogue = trolyso_core::domain::procedure::Catalogue::default();
    let labels = format::Labels {
        catalogue: &catalogue,
        lang: trolyso_core::i18n::Lang::Vi,
        place: None,
    };
    let page = format::html(&r, &labels);
    let started = page
        .matches("data-metric=\"started\" data-breakdown=\"procedure:")
        .count();
    assert_eq!(started, 5, "the five largest");
    assert!(
        page.contains("data-breakdown=\"procedure:p0\">3<"),
        "the largest first"
    );
    assert!(
        page.contains("data-metric=\"started\" data-breakdown=\"\">14<"),
        "the total"
    );
    assert!(
        page.contains("<td>7 mục khác</td><td class=\"n\">7</td>"),
        "{page}"
    );
    // The CSV keeps every row.
    let csv = format::csv(&r, &labels);
    assert_eq!(csv.matches("procedure:p").count(), 12);
}

/// Issue 29: the account funnel counts people: a first try stopped at the
/// OTP and a second that went through are one resident's one account.
#[test]
fn the_account_funnel_counts_people() {
    let nov = Period::parse_month("2026-11").unwrap();
    let mut first = facts(4, "vneid-muc-1", at(3, 11), &[]);
    first.registered_ms = Some(at(3, 11));
    let mut again = facts(5, "vneid-muc-1", at(10, 11), &[]);
    again.registered_ms = Some(at(10, 11));
    again.activated_ms = Some(at(11, 11));
    assert_eq!(first.resident, again.resident, "one person");
    let r = compute(nov, &[first, again], &[], at(29, 11));
    assert_eq!(r.value(Metric::Accounts, "stage:prepared"), Some(1));
    assert_eq!(r.value(Metric::Accounts, "stage:registered"), Some(1));
    assert_eq!(r.value(Metric::Accounts, "stage:activated"), Some(1));
}
