//! Home's search line: what is typed says what is looked for.

use trolyso_store::store::{CaseRow, Store, StoreError};

use super::runtime::RECENT_PAGE;

/// Searches by what the query looks like: 9 or 12 digits an identification
/// number, 10 or 11 a phone, 4 to 8 the end of either, anything else a name.
pub fn search(store: &Store, query: &str) -> Result<Vec<CaseRow>, StoreError> {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let only_number = query.chars().all(|c| c.is_ascii_digit() || " .+-".contains(c));
    let page = match digits.len() {
        9 | 12 if only_number => store.search_id_number(&digits, RECENT_PAGE, None)?,
        10 | 11 if only_number => store.search_phone(query, RECENT_PAGE, None)?,
        4..=8 if only_number => store.search_number_end(&digits, RECENT_PAGE, None)?,
        _ => {
            // The resident's name, then anyone else the case names (the
            // child, a parent), each case once.
            let mut rows = store.search_name(query, RECENT_PAGE, None)?.items;
            for row in store.search_people(query, RECENT_PAGE)? {
                if rows.len() < RECENT_PAGE && !rows.iter().any(|r| r.case.id == row.case.id) {
                    rows.push(row);
                }
            }
            return Ok(rows);
        }
    };
    Ok(page.items)
}
