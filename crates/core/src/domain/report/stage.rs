//! How far a VNeID account has come, read from the answers of the guides
//! that make one: the seed's count is of accounts *activated*, not started.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A VNeID account's stage, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// A guide started: papers and phone checked.
    Prepared,
    /// The registration was sent (or approved at the police).
    Registered,
    /// The resident activated the account and can log in.
    Activated,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Prepared, Stage::Registered, Stage::Activated];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Prepared => "prepared",
            Stage::Registered => "registered",
            Stage::Activated => "activated",
        }
    }
}

/// The guides that end in an account of the resident's own, and the yes/no
/// answers that mark its stages (registered, activated). `tests/content.rs`
/// checks each field is a yes/no question of that guide.
pub const ACCOUNT_GUIDES: [(&str, &str, &str); 2] = [
    ("vneid-muc-1", "da_gui_dang_ky", "da_kich_hoat"),
    ("vneid-kich-hoat-sau-muc-2", "da_nhan_tin_duyet", "da_kich_hoat"),
];

/// The stage of the account a case is making, or `None` when the case does
/// not make an account.
pub fn account_stage(procedure: &str, answers: &BTreeMap<String, String>) -> Option<Stage> {
    let (_, registered, activated) = ACCOUNT_GUIDES.iter().find(|(p, ..)| *p == procedure)?;
    let yes = |field: &str| answers.get(field).is_some_and(|v| v == "yes");
    Some(if yes(activated) {
        Stage::Activated
    } else if yes(registered) {
        Stage::Registered
    } else {
        Stage::Prepared
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_follow_the_answers() {
        let mut a = BTreeMap::new();
        assert_eq!(account_stage("dang-ky-khai-sinh", &a), None);
        assert_eq!(account_stage("vneid-muc-1", &a), Some(Stage::Prepared));
        a.insert("da_gui_dang_ky".into(), "yes".into());
        assert_eq!(account_stage("vneid-muc-1", &a), Some(Stage::Registered));
        a.insert("da_kich_hoat".into(), "no".into());
        assert_eq!(account_stage("vneid-muc-1", &a), Some(Stage::Registered));
        a.insert("da_kich_hoat".into(), "yes".into());
        assert_eq!(account_stage("vneid-muc-1", &a), Some(Stage::Activated));
    }
}
