//! Keys per layer, each with the words that describe it on the key bar and
//! the help screen. One table is the only source of what a key does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Where the key goes first: a text field takes printable keys before the
/// screen's own bindings see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    TextField,
    /// A choice or yes/no field: left and right pick.
    Choice,
    /// A multiple choice: left and right move, Space ticks.
    MultiChoice,
    /// A commune field: Space or → opens the commune picker.
    Pick,
    /// The procedure picker: Tab and Shift+Tab narrow the list.
    Browse,
    /// The unlock screen: F4 for a forgotten passphrase.
    Unlock,
    /// Finishing or pausing a visit: F8 asks for a slip.
    Finish,
    /// The review: End or PgDn to the finishing actions.
    Review,
    /// The restore offer: Enter restores, F4 sets up anew.
    Restore,
    Home,
    /// A person's cases: F3 a new case for them, Delete a draft, F6 join
    /// a look-alike record.
    Person,
    List,
    /// Moving between the fields of a form.
    Form,
    /// The filing view: Enter copies.
    Filing,
    /// A checklist: Space or → ticks, ← unticks.
    Checklist,
    Wizard,
    /// A case's fields and steps: Tab and PgDn, first on its bar.
    Walk,
    /// A step that sends the resident to another procedure: F3 opens it.
    Refer,
    /// Training, while an exercise runs: ask the resident.
    Trainee,
    /// The training list: F6 presents the scenario.
    Lessons,
    /// The training list on its own (`trolyso train`): Esc for the next
    /// trainee's name.
    NextTrainee,
    /// The presenter's captions.
    Present,
    /// The first-run tour's pages.
    Tour,
    /// The report: ← → months, F8 keeps its files.
    Report,
    /// Bundles: F8 writes one, F4 the office key, PgUp/PgDn folders.
    Exchange,
    /// Choosing among kept values: PgUp/PgDn cards.
    Conflicts,
    /// Enter, where it does something.
    Confirm,
    /// Esc, where there is somewhere to go back to.
    Leave,
    /// Esc while long work runs that may stop between its steps.
    StopWork,
    /// Help and quit: everywhere.
    Global,
}

pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// Shown on the key bar.
    pub label: &'static str,
    /// The i18n key of what it does.
    pub what: &'static str,
}

const fn key(code: KeyCode, action: Action, label: &'static str, what: &'static str) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::NONE,
        action,
        label,
        what,
    }
}

const fn ctrl(c: char, action: Action, label: &'static str, what: &'static str) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        action,
        label,
        what,
    }
}

pub fn bindings(layer: Layer) -> Vec<Binding> {
    match layer {
        Layer::TextField => vec![
            key(KeyCode::Backspace, Action::DeleteBack, "⌫", "ui.key.backspace"),
            key(KeyCode::Delete, Action::DeleteForward, "Del", "ui.key.delete"),
            key(KeyCode::Left, Action::CaretLeft, "←", "ui.key.left"),
            key(KeyCode::Right, Action::CaretRight, "→", "ui.key.right"),
            key(KeyCode::Home, Action::CaretHome, "Home", "ui.key.home"),
            key(KeyCode::End, Action::CaretEnd, "End", "ui.key.end"),
            ctrl('w', Action::DeleteWord, "Ctrl+W", "ui.key.delete_word"),
            ctrl('u', Action::ClearField, "Ctrl+U", "ui.key.clear_field"),
            key(
                KeyCode::F(2),
                Action::ToggleInputMethod,
                "F2",
                "ui.key.input_method",
            ),
        ],
        Layer::Choice => vec![
            key(KeyCode::Left, Action::PrevChoice, "←", "ui.key.choice_prev"),
            key(KeyCode::Right, Action::NextChoice, "→", "ui.key.choice_next"),
            key(
                KeyCode::Char(' '),
                Action::NextChoice,
                "Space",
                "ui.key.choice_next",
            ),
        ],
        Layer::MultiChoice => vec![
            key(KeyCode::Char(' '), Action::Toggle, "Space", "ui.key.tick"),
            key(KeyCode::Left, Action::PrevChoice, "←", "ui.key.option_prev"),
            key(KeyCode::Right, Action::NextChoice, "→", "ui.key.option_next"),
        ],
        Layer::Pick => vec![
            key(
                KeyCode::Char(' '),
                Action::OpenCommunePicker,
                "Space",
                "ui.key.pick_commune",
            ),
            key(
                KeyCode::Right,
                Action::OpenCommunePicker,
                "→",
                "ui.key.pick_commune",
            ),
        ],
        Layer::Browse => vec![
            key(
                KeyCode::Tab,
                Action::NextFieldOfWork,
                "Tab",
                "ui.key.filter_field",
            ),
            // Shift+Tab goes back, as everywhere; the level has a key of its
            // own (issue 30, item 8).
            key(
                KeyCode::BackTab,
                Action::PrevFieldOfWork,
                "Shift+Tab",
                "ui.key.filter_field_back",
            ),
            key(KeyCode::F(4), Action::NextLevel, "F4", "ui.key.filter_level"),
        ],
        Layer::Unlock => vec![key(
            KeyCode::F(4),
            Action::ForgotPassphrase,
            "F4",
            "ui.key.forgot",
        )],
        Layer::Finish => vec![key(KeyCode::F(8), Action::ToggleSlip, "F8", "ui.key.slip")],
        Layer::Review => vec![
            key(KeyCode::End, Action::ToFinish, "End", "ui.key.to_finish"),
            key(KeyCode::PageDown, Action::ToFinish, "PgDn", "ui.key.to_finish"),
            key(KeyCode::Home, Action::ToTop, "Home", "ui.key.to_top"),
            key(KeyCode::PageUp, Action::ToTop, "PgUp", "ui.key.to_top"),
        ],
        Layer::Restore => vec![
            key(KeyCode::Enter, Action::Submit, "Enter", "ui.key.restore"),
            key(KeyCode::F(4), Action::SetUpAnew, "F4", "ui.key.set_up_anew"),
        ],
        // In the order the bar shows them: the office's screens first, the
        // search's Esc last (its words say what it does where it shows).
        Layer::Home => vec![
            key(KeyCode::F(3), Action::NewCase, "F3", "ui.key.new_case"),
            ctrl('n', Action::NewCase, "Ctrl+N", "ui.key.new_case"),
            key(KeyCode::F(7), Action::OpenReport, "F7", "ui.key.report"),
            key(KeyCode::F(8), Action::OpenExchange, "F8", "ui.key.exchange"),
            key(KeyCode::F(9), Action::Settings, "F9", "ui.key.settings"),
            key(KeyCode::F(6), Action::OpenTraining, "F6", "ui.key.training"),
            key(KeyCode::F(5), Action::RecordResult, "F5", "ui.key.record_result"),
            key(KeyCode::F(4), Action::OpenPerson, "F4", "ui.key.person"),
            key(KeyCode::F(10), Action::OpenConflicts, "F10", "ui.key.conflicts"),
            key(KeyCode::Esc, Action::Back, "Esc", "ui.key.clear_search"),
        ],
        Layer::Person => vec![
            key(KeyCode::F(3), Action::NewCase, "F3", "ui.key.new_case_for_person"),
            key(
                KeyCode::Delete,
                Action::DeleteDraft,
                "Delete",
                "ui.key.delete_draft",
            ),
            key(KeyCode::F(6), Action::JoinPerson, "F6", "ui.key.join_person"),
        ],
        Layer::List => vec![
            key(KeyCode::Up, Action::Up, "↑", "ui.key.up"),
            key(KeyCode::Down, Action::Down, "↓", "ui.key.down"),
        ],
        Layer::Form => vec![
            key(KeyCode::Tab, Action::NextField, "Tab", "ui.key.next_field"),
            key(
                KeyCode::BackTab,
                Action::PrevField,
                "Shift+Tab",
                "ui.key.prev_field",
            ),
            key(KeyCode::Down, Action::NextField, "↓", "ui.key.next_field"),
            key(KeyCode::Up, Action::PrevField, "↑", "ui.key.prev_field"),
        ],
        Layer::Checklist => vec![
            key(KeyCode::Char(' '), Action::Toggle, "Space", "ui.key.tick"),
            key(KeyCode::Right, Action::Tick, "→", "ui.key.tick"),
            key(KeyCode::Left, Action::Untick, "←", "ui.key.untick"),
        ],
        Layer::Filing => vec![
            key(KeyCode::Enter, Action::Submit, "Enter", "ui.key.copy"),
            key(KeyCode::Up, Action::Up, "↑", "ui.key.prev_value"),
            key(KeyCode::Down, Action::Down, "↓", "ui.key.next_value"),
        ],
        // Moving through a case, first on its bar: the next field, the next
        // step (the bar never showed them; issue 30, item 7).
        Layer::Walk => vec![
            key(KeyCode::Tab, Action::NextField, "Tab", "ui.key.next_field"),
            key(KeyCode::PageDown, Action::NextStep, "PgDn", "ui.key.next_step"),
        ],
        // In the order a visit needs them: the bar shows as many as fit.
        Layer::Wizard => vec![
            key(KeyCode::F(5), Action::Review, "F5", "ui.key.review"),
            key(KeyCode::F(4), Action::Pause, "F4", "ui.key.pause"),
            key(KeyCode::F(7), Action::Documents, "F7", "ui.key.documents"),
            key(KeyCode::F(6), Action::Filing, "F6", "ui.key.filing"),
            key(KeyCode::PageUp, Action::PrevStep, "PgUp", "ui.key.prev_step"),
            ctrl('s', Action::Back, "Ctrl+S", "ui.key.save_leave"),
            key(KeyCode::F(9), Action::OpenPerson, "F9", "ui.key.person"),
        ],
        Layer::Refer => vec![key(
            KeyCode::F(3),
            Action::OpenReferred,
            "F3",
            "ui.key.open_referred",
        )],
        Layer::Trainee => vec![
            key(KeyCode::F(10), Action::AskResident, "F10", "ui.key.ask_resident"),
            ctrl('r', Action::AskResident, "Ctrl+R", "ui.key.ask_resident"),
        ],
        Layer::Lessons => vec![key(KeyCode::F(6), Action::Present, "F6", "ui.key.present")],
        Layer::NextTrainee => vec![key(
            KeyCode::Esc,
            Action::NextTrainee,
            "Esc",
            "ui.key.next_trainee",
        )],
        Layer::Present => vec![
            key(
                KeyCode::Enter,
                Action::NextCaption,
                "Enter",
                "ui.key.next_caption",
            ),
            key(
                KeyCode::PageDown,
                Action::NextCaption,
                "PgDn",
                "ui.key.next_caption",
            ),
            key(
                KeyCode::PageUp,
                Action::PrevCaption,
                "PgUp",
                "ui.key.prev_caption",
            ),
            key(KeyCode::Right, Action::NextCaption, "→", "ui.key.next_caption"),
            key(
                KeyCode::Char(' '),
                Action::NextCaption,
                "Space",
                "ui.key.next_caption",
            ),
            key(KeyCode::Left, Action::PrevCaption, "←", "ui.key.prev_caption"),
        ],
        // PgDn first: the bar leaves out ← and →, which everyone knows
        // from text fields.
        Layer::Tour => vec![
            key(KeyCode::PageDown, Action::NextCaption, "PgDn", "ui.key.next_page"),
            key(KeyCode::PageUp, Action::PrevCaption, "PgUp", "ui.key.prev_page"),
            key(KeyCode::Right, Action::NextCaption, "→", "ui.key.next_page"),
            key(KeyCode::Left, Action::PrevCaption, "←", "ui.key.prev_page"),
            key(KeyCode::Esc, Action::Back, "Esc", "ui.key.skip_tour"),
        ],
        // PgUp / PgDn first: the key bar leaves out ← →, which everyone
        // knows as the caret's keys (they work here too).
        Layer::Report => vec![
            key(KeyCode::PageUp, Action::PrevPeriod, "PgUp", "ui.key.prev_month"),
            key(KeyCode::PageDown, Action::NextPeriod, "PgDn", "ui.key.next_month"),
            key(KeyCode::Left, Action::PrevPeriod, "←", "ui.key.prev_month"),
            key(KeyCode::Right, Action::NextPeriod, "→", "ui.key.next_month"),
            key(KeyCode::F(8), Action::SaveReport, "F8", "ui.key.save_report"),
        ],
        Layer::Exchange => vec![
            key(KeyCode::F(8), Action::ExportBundle, "F8", "ui.key.export_bundle"),
            key(KeyCode::Enter, Action::Submit, "Enter", "ui.key.open_bundle"),
            key(KeyCode::F(4), Action::ExportOfficeKey, "F4", "ui.key.export_key"),
            key(KeyCode::F(6), Action::ShowMachines, "F6", "ui.key.machines"),
            key(KeyCode::PageDown, Action::NextPlace, "PgDn", "ui.key.next_place"),
            key(KeyCode::PageUp, Action::PrevPlace, "PgUp", "ui.key.prev_place"),
        ],
        Layer::Conflicts => vec![
            key(KeyCode::Enter, Action::Submit, "Enter", "ui.key.choose_value"),
            key(KeyCode::PageDown, Action::NextCard, "PgDn", "ui.key.next_card"),
            key(KeyCode::PageUp, Action::PrevCard, "PgUp", "ui.key.prev_card"),
        ],
        Layer::Confirm => vec![key(KeyCode::Enter, Action::Submit, "Enter", "ui.key.submit")],
        Layer::Leave => vec![key(KeyCode::Esc, Action::Back, "Esc", "ui.key.back")],
        Layer::StopWork => vec![key(KeyCode::Esc, Action::StopWork, "Esc", "ui.key.stop_work")],
        Layer::Global => vec![
            key(KeyCode::F(1), Action::Help, "F1", "ui.key.help"),
            ctrl('q', Action::Quit, "Ctrl+Q", "ui.key.quit"),
        ],
    }
}

/// Backspace however it arrives: input methods (UniKey, EVKey) rewrite a
/// word by sending backspaces, as 0x08 on some machines (read as Ctrl+H, or
/// as the control character itself) and 0x7F on others. All are one key.
pub fn same_backspace(key: KeyEvent) -> KeyEvent {
    let is_backspace = match key.code {
        KeyCode::Char('\u{8}' | '\u{7f}') => true,
        KeyCode::Char('h') => key.modifiers == KeyModifiers::CONTROL,
        _ => false,
    };
    if is_backspace {
        KeyEvent::new_with_kind(KeyCode::Backspace, KeyModifiers::NONE, key.kind)
    } else {
        key
    }
}

/// The action for a key, looking through `layers` top first; a printable key
/// in a text field is typed.
pub fn action_for(key: KeyEvent, layers: &[Layer]) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let key = same_backspace(key);
    for layer in layers {
        if *layer == Layer::TextField
            && let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Type(c));
        }
        let found = bindings(*layer).into_iter().find(|b| {
            b.code == key.code
                && (b.mods == key.modifiers || (b.mods.is_empty() && key.modifiers == KeyModifiers::SHIFT))
        });
        if let Some(b) = found {
            return Some(b.action);
        }
        // On a choice, a letter picks the option it begins.
        if *layer == Layer::Choice
            && let KeyCode::Char(c) = key.code
            && c.is_alphanumeric()
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Type(c));
        }
    }
    None
}
