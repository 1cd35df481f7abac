//! Lists and search: pages read through the index, never every case.

use super::postings::{List, WordWalk};
use super::records::{Id, Resident, Status};
use super::{CaseRow, Page, Store, StoreError, index, watch};
use trolyso_core::domain::Date;
use trolyso_core::domain::procedure::FoundBy;
use trolyso_core::domain::validate::parse_date;

impl Store {
    fn row(&self, case_id: &[u8]) -> Result<Option<CaseRow>, StoreError> {
        let Some(id) = Id::from_slice(case_id) else {
            return Ok(None);
        };
        let Some(case) = self.case(&id)? else {
            return Ok(None);
        };
        let resident = match &case.resident_id {
            Some(r) => self.resident(r)?,
            None => None,
        };
        Ok(Some(CaseRow { case, resident }))
    }

    /// Newest-changed first, from an index: reads only the page it returns.
    pub fn recent(&self, limit: usize, after: Option<&[u8]>) -> Result<Page<CaseRow>, StoreError> {
        self.page_desc(&[index::RECENT], limit, after)
    }

    /// Paused cases whose next visit falls from `from` to `days` days
    /// after it, soonest first (the report screen's list).
    pub fn next_visits(&self, from: Date, days: i64) -> Result<Vec<(Date, CaseRow)>, StoreError> {
        let until = from.add_days(days);
        let mut out = Vec::new();
        for kv in self.idx.scan_prefix([index::STATUS, Status::Paused.code()]) {
            let (k, _) = kv?;
            watch::progress();
            let Some(row) = self.row(&k[k.len().saturating_sub(16)..])? else {
                continue;
            };
            let Some(when) = row.case.next_visit.as_deref().and_then(|d| parse_date(d).ok()) else {
                continue;
            };
            if (from..=until).contains(&when) {
                out.push((when, row));
            }
        }
        out.sort_by_key(|(when, row)| (*when, row.case.id));
        Ok(out)
    }

    /// Every case of the person `resident`, newest-changed first.
    pub fn cases_of(&self, resident: &Id) -> Result<Vec<CaseRow>, StoreError> {
        self.rows_newest_first(&index::cases_of_resident_prefix(resident))
    }

    /// The cases listed under `prefix`, newest-changed first.
    pub(super) fn rows_newest_first(&self, prefix: &[u8]) -> Result<Vec<CaseRow>, StoreError> {
        let mut rows = Vec::new();
        for id in self.ids_under(prefix)? {
            if let Some(row) = self.row(&id.0)? {
                rows.push(row);
            }
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.case.updated_at_ms));
        Ok(rows)
    }

    /// The ids listed under `prefix` (index keys of a prefix, then an id),
    /// in key order.
    pub(super) fn ids_under(&self, prefix: &[u8]) -> Result<Vec<Id>, StoreError> {
        let mut ids = Vec::new();
        for k in self.idx.scan_prefix(prefix).keys() {
            let k = k?;
            watch::progress();
            ids.extend(Id::from_slice(&k[prefix.len()..]));
        }
        Ok(ids)
    }

    /// Cases with one status, newest-changed first.
    pub fn by_status(
        &self,
        status: Status,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        self.page_desc(&[index::STATUS, status.code()], limit, after)
    }

    fn page_desc(
        &self,
        prefix: &[u8],
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let iter = match after {
            Some(cursor) => self.idx.range(prefix.to_vec()..cursor.to_vec()),
            None => self.idx.scan_prefix(prefix),
        };
        let mut items = Vec::with_capacity(limit);
        let mut next = None;
        for kv in iter.rev() {
            let (k, _) = kv?;
            if !k.starts_with(prefix) {
                break;
            }
            if items.len() == limit {
                next = Some(last_key(&items, &k));
                break;
            }
            if let Some(row) = self.row(&k[k.len() - 16..])? {
                items.push((k.to_vec(), row));
            }
        }
        Ok(finish_page(items, next))
    }

    /// Cases whose resident's name has every typed word as the start of one
    /// of its words, accents or not ("nguyen van a" finds "Nguyễn Văn An").
    pub fn search_name(
        &self,
        query: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let (q, mut walk) = self.word_walk(query, index::NAME_WORD);
        let name_matches =
            |r: &Resident| trolyso_core::text::fold_matches(&trolyso_core::text::fold(&r.full_name), &q);
        let mut next = |target: &[u8]| walk.first_at_or_after(&self.idx, target);
        self.search_residents(&mut next, limit, after, name_matches)
    }

    /// Cases of the resident with this identification number.
    pub fn search_id_number(
        &self,
        number: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let prefix = index::exact_key(&self.index_key, index::ID_NUMBER, &digits);
        let same = |r: &Resident| r.id_number.as_deref() == Some(digits.as_str());
        self.search_list(prefix, limit, after, same)
    }

    /// Cases of residents whose identification number or phone ends with
    /// these digits (four or more: what a resident remembers of a number).
    pub fn search_number_end(
        &self,
        digits: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
        let Some(suffix) = index::number_suffix(&digits) else {
            return Ok(finish_page(Vec::new(), None));
        };
        let prefix = index::exact_key(&self.index_key, index::NUMBER_SUFFIX, &suffix);
        let ends = |r: &Resident| {
            r.id_number.as_deref().is_some_and(|n| n.ends_with(&digits))
                || r.phone
                    .as_deref()
                    .is_some_and(|p| index::normal_phone(p).ends_with(&digits))
        };
        self.search_list(prefix, limit, after, ends)
    }

    /// Cases of the resident with this phone number (any way it is written).
    pub fn search_phone(
        &self,
        phone: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let normal = index::normal_phone(phone);
        let prefix = index::exact_key(&self.index_key, index::PHONE, &normal);
        let same =
            |r: &Resident| r.phone.as_deref().map(index::normal_phone).as_deref() == Some(normal.as_str());
        self.search_list(prefix, limit, after, same)
    }

    /// Cases of the residents listed under the index prefix `prefix` and
    /// accepted by `confirm` (as [`Store::search_residents`]).
    fn search_list(
        &self,
        prefix: Vec<u8>,
        limit: usize,
        after: Option<&[u8]>,
        confirm: impl Fn(&Resident) -> bool,
    ) -> Result<Page<CaseRow>, StoreError> {
        let mut list = List::new(prefix);
        let mut next = |target: &[u8]| list.first_at_or_after(&self.idx, target);
        self.search_residents(&mut next, limit, after, confirm)
    }

    /// Cases of the residents that `next` finds, in order, accepted by
    /// `confirm` on the decrypted record (a keyed hash can collide; the
    /// record has the last word). `next` gives the first position at or
    /// after the one asked for, ending with a resident's id; the cursor is
    /// the position of the last resident given.
    fn search_residents(
        &self,
        next: &mut Positions,
        limit: usize,
        after: Option<&[u8]>,
        confirm: impl Fn(&Resident) -> bool,
    ) -> Result<Page<CaseRow>, StoreError> {
        // Positions are compared as bytes; a 0 after one is the smallest
        // position past it.
        let mut target: Vec<u8> = match after {
            Some(cursor) => [cursor, &[0]].concat(),
            None => Vec::new(),
        };
        let mut items: Vec<(Vec<u8>, CaseRow)> = Vec::new();
        let mut cursor = None;
        while let Some(found) = next(&target)? {
            target = found;
            let key = target.clone();
            if items.len() >= limit {
                cursor = Some(last_key(&items, &key));
                break;
            }
            if let Some(id) = Id::from_slice(&target[target.len().saturating_sub(16)..])
                && let Some(resident) = self.resident(&id)?
                && confirm(&resident)
            {
                for ck in self.idx.scan_prefix(index::cases_of_resident_prefix(&id)) {
                    let (ck, _) = ck?;
                    if let Some(row) = self.row(&ck[ck.len() - 16..])? {
                        items.push((key.clone(), row));
                    }
                }
            }
            target.push(0);
        }
        Ok(finish_page(items, cursor))
    }

    /// Cases naming someone other than their resident (a child, a parent)
    /// whose name matches `query` word by word, confirmed on the case.
    pub fn search_people(&self, query: &str, limit: usize) -> Result<Vec<CaseRow>, StoreError> {
        let (q, mut walk) = self.word_walk(query, index::PERSON_WORD);
        let mut rows = Vec::new();
        let mut target = Vec::new();
        while rows.len() < limit
            && let Some(found) = walk.first_at_or_after(&self.idx, &target)?
        {
            if let Some(row) = self.row(&found[1..])?
                && row
                    .case
                    .answers
                    .values()
                    .any(|v| trolyso_core::text::fold_matches(&trolyso_core::text::fold(v), &q))
            {
                rows.push(row);
            }
            target = found;
            target.push(0);
        }
        Ok(rows)
    }

    /// Cases holding a number or code that ends with these digits (four or
    /// more): a parent's identification number or phone, the hồ sơ code, or
    /// any part of its end. Confirmed on the case (`found_by` says which of
    /// its answers are numbers), oldest case first, each once.
    pub fn search_case_numbers(
        &self,
        digits: &str,
        found_by: &FoundBy,
        limit: usize,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
        let Some(suffix) = index::number_suffix(&digits) else {
            return Ok(Vec::new());
        };
        let ends = |number: &str| {
            let own: String = number.chars().filter(char::is_ascii_digit).collect();
            own.ends_with(&digits)
        };
        let mut ids = std::collections::BTreeSet::new();
        for kind in [index::CASE_NUMBER, index::HOSO_NUMBER] {
            ids.extend(self.ids_under(&index::exact_key(&self.index_key, kind, &suffix))?);
        }
        let mut rows = Vec::new();
        for id in ids {
            if rows.len() == limit {
                break;
            }
            let Some(row) = self.row(&id.0)? else {
                continue;
            };
            let case = &row.case;
            let numbers = found_by
                .of(&case.procedure_id)
                .map(|f| f.numbers_in(&case.answers));
            if numbers
                .into_iter()
                .flatten()
                .chain(case.hoso_code.as_deref())
                .any(ends)
            {
                rows.push(row);
            }
        }
        Ok(rows)
    }

    /// The folded query, and the records under `kind` (name or person
    /// words) with, for each typed word, a word it starts (a word typed
    /// twice counts once).
    fn word_walk(&self, query: &str, kind: u8) -> (String, WordWalk) {
        let q = trolyso_core::text::fold(query);
        let lists = index::name_words(&q)
            .iter()
            .map(|w| {
                let ids = self.vocab.starting_with(w);
                ids.iter().map(|id| index::word_prefix(kind, id)).collect()
            })
            .collect();
        (q, WordWalk::new(lists))
    }

    /// The records under `kind` with exactly the words of `name` (each
    /// word's own list, not those of longer words it starts).
    pub(super) fn exact_word_walk(&self, name: &str, kind: u8) -> WordWalk {
        let lists = index::name_words(name)
            .iter()
            .map(|w| vec![index::word_prefix(kind, &index::word_id(&self.index_key, w))])
            .collect();
        WordWalk::new(lists)
    }
}

/// Given a position, the first one at or after it that a search finds.
type Positions<'a> = dyn FnMut(&[u8]) -> Result<Option<Vec<u8>>, StoreError> + 'a;

/// The cursor of a full page: the index key of its last item.
fn last_key(items: &[(Vec<u8>, CaseRow)], fallback: &[u8]) -> Vec<u8> {
    items.last().map_or_else(|| fallback.to_vec(), |(k, _)| k.clone())
}

fn finish_page(items: Vec<(Vec<u8>, CaseRow)>, next: Option<Vec<u8>>) -> Page<CaseRow> {
    Page {
        items: items.into_iter().map(|(_, r)| r).collect(),
        next,
    }
}
