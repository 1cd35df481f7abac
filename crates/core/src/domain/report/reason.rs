//! Why a visit stopped.

use serde::{Deserialize, Serialize};

/// Why a visit stopped: a fixed list, so the commune can count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    NoChipCard,
    SimNotOwnName,
    NoOtp,
    NoNfcPhone,
    MissingDocument,
    PortalDown,
    NoSignal,
    WaitingApproval,
    ResidentLeft,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 10] = [
        Reason::NoChipCard,
        Reason::SimNotOwnName,
        Reason::NoOtp,
        Reason::NoNfcPhone,
        Reason::MissingDocument,
        Reason::PortalDown,
        Reason::NoSignal,
        Reason::WaitingApproval,
        Reason::ResidentLeft,
        Reason::Other,
    ];

    /// The name in files and scenarios (as serde writes it).
    pub fn name(self) -> &'static str {
        self.message_key().trim_start_matches("reason.")
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Reason::NoChipCard => "reason.no_chip_card",
            Reason::SimNotOwnName => "reason.sim_not_own_name",
            Reason::NoOtp => "reason.no_otp",
            Reason::NoNfcPhone => "reason.no_nfc_phone",
            Reason::MissingDocument => "reason.missing_document",
            Reason::PortalDown => "reason.portal_down",
            Reason::NoSignal => "reason.no_signal",
            Reason::WaitingApproval => "reason.waiting_approval",
            Reason::ResidentLeft => "reason.resident_left",
            Reason::Other => "reason.other",
        }
    }
}
