//! Home's search line: what is typed says what is looked for.

use trolyso_core::domain::procedure::Catalogue;
use trolyso_store::store::{CaseRow, Store, StoreError};

use super::runtime::RECENT_PAGE;

/// Searches by what the query looks like. Digits alone: 9 or 12 an
/// identification number, 10 or 11 a phone, 4 to 8 the end of either; with
/// four digits or more, also every case holding a number or code that ends
/// so (a parent's number, the hồ sơ code typed whole or its end). Anything
/// else is a name: the resident's, then anyone else the case names.
pub fn search(store: &Store, query: &str, catalogue: &Catalogue) -> Result<Vec<CaseRow>, StoreError> {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let only_number = query.chars().all(|c| c.is_ascii_digit() || " .+-".contains(c));
    let mut rows = match digits.len() {
        9 | 12 if only_number => store.search_id_number(&digits, RECENT_PAGE, None)?.items,
        10 | 11 if only_number => store.search_phone(query, RECENT_PAGE, None)?.items,
        4..=8 if only_number => store.search_number_end(&digits, RECENT_PAGE, None)?.items,
        // A code ("G22.99-260101-0001"): no name has digits.
        4.. => Vec::new(),
        _ => {
            let mut rows = store.search_name(query, RECENT_PAGE, None)?.items;
            add(&mut rows, store.search_people(query, RECENT_PAGE)?);
            return Ok(rows);
        }
    };
    add(
        &mut rows,
        // Which answers are numbers: worked out here only, not for every
        // key typed in a name.
        store.search_case_numbers(&digits, &catalogue.found_by(), RECENT_PAGE)?,
    );
    Ok(rows)
}

/// Adds `more` to `rows` up to a page, each case once.
fn add(rows: &mut Vec<CaseRow>, more: Vec<CaseRow>) {
    for row in more {
        if rows.len() < RECENT_PAGE && !rows.iter().any(|r| r.case.id == row.case.id) {
            rows.push(row);
        }
    }
}
