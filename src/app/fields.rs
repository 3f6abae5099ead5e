//! One labelled input per field of the report, and the buttons that edit
//! lists. Every input is named by its JSON path, shows its issues beside it
//! (`aria-invalid`, `aria-describedby`) and writes its one field back.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Editor;
use cchc_core::edit;
use cchc_core::entry::{self, Entry};
use cchc_core::report::Report;
use cchc_core::rules::Issue;
use cchc_core::template::{Value, ValueKind};
use cchc_core::text::Text;

/// The element id of the input at `path`: `f-figures-applications-received`.
pub fn field_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

/// Writes a value into the report.
pub type Setter<T> = Box<dyn Fn(&mut Report, T) + Send + Sync>;
/// Stores what was typed and says whether it was a value.
pub type Writer = Box<dyn Fn(&mut Report, &str) -> bool + Send + Sync>;
/// The text to show once the user leaves a valid input.
pub type Tidier = Box<dyn Fn(&str) -> Option<String>>;
/// Stores the chosen option of a select.
pub type ChoiceSetter = Box<dyn Fn(&mut Report, &str) + Send + Sync>;

/// How an input looks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A one-line text.
    Line,
    /// A paragraph.
    Area,
    /// A number: numeric keyboard, right-aligned.
    Number,
    /// A date `dd/mm/yyyy`.
    Date,
}

/// The issues at `path`, as a signal that changes only when they do, so
/// that a keystroke elsewhere redraws nothing here.
pub fn issues_at(editor: Editor, path: &str) -> ArcRwSignal<Vec<Issue>> {
    editor
        .issues
        .with_untracked(|issues| editor.slots.at(path, issues))
}

/// The issue messages, drawn under an input when it has any; `id` is what
/// the input's `aria-describedby` points to then. (No element while there
/// are none: most fields never have one.)
pub fn messages(here: ArcRwSignal<Vec<Issue>>, id: String) -> impl IntoView {
    move || {
        let issues = here.get();
        (!issues.is_empty()).then(|| {
            let items = issues
                .into_iter()
                .map(|issue| {
                    let class = format!("message {}", issue.severity.class());
                    view! {
                        <p class=class>
                            <span class="visually-hidden">{issue.severity.word()}": "</span>
                            {issue.message}
                        </p>
                    }
                })
                .collect_view();
            view! { <div id=id.clone() class="messages">{items}</div> }
        })
    }
}

/// `aria-invalid` and `aria-describedby` for an input with issues `here`.
fn issue_attributes(
    here: ArcRwSignal<Vec<Issue>>,
    message_id: &str,
) -> (
    impl Fn() -> Option<&'static str> + Send + Sync + Clone + 'static,
    impl Fn() -> Option<String> + Send + Sync + Clone + 'static,
) {
    let invalid = {
        let here = here.clone();
        move || {
            here.with(|issues| {
                issues
                    .iter()
                    .any(|i| i.severity == cchc_core::rules::Severity::Error)
            })
            .then_some("true")
        }
    };
    let message_id = message_id.to_owned();
    let described = move || {
        here.with(|issues| !issues.is_empty())
            .then(|| message_id.clone())
    };
    (invalid, described)
}

/// How an input is labelled: by its own `<label>`, or by other elements
/// (an appendix row's code and label cells).
#[derive(Clone)]
pub enum Label {
    Text(String),
    By(String),
}

/// The `<label>` element, or the `aria-labelledby` ids.
fn label_parts(label: Label, id: &str) -> (Option<impl IntoView>, Option<String>) {
    match label {
        Label::Text(text) => (
            Some(view! { <label for=id.to_owned()>{text}</label> }),
            None,
        ),
        Label::By(ids) => (None, Some(ids)),
    }
}

/// A labelled input for the value at `path`, read with `get` and written
/// with `set`. What does not parse is kept as a pending input.
pub fn field<T: Entry + 'static>(
    editor: Editor,
    path: String,
    label: String,
    look: Look,
    get: impl Fn(&Report) -> T,
    set: impl Fn(&mut Report, T) + Send + Sync + 'static,
) -> AnyView {
    let initial = editor.doc.with_untracked(|doc| get(&doc.report).show());
    field_with(editor, path, label, look, initial, Box::new(set))
}

/// [`field`] once the field's own closures are boxed: one copy of this
/// code per kind of value, not per field, keeps the wasm small.
fn field_with<T: Entry + 'static>(
    editor: Editor,
    path: String,
    label: String,
    look: Look,
    initial: String,
    set: Setter<T>,
) -> AnyView {
    let write = move |report: &mut Report, typed: &str| match T::parse(typed) {
        Some(value) => {
            set(report, value);
            true
        }
        None => {
            if let Some(empty) = T::cleared() {
                set(report, empty);
            }
            false
        }
    };
    let tidy = |typed: &str| T::parse(typed).map(|value| value.show());
    input(
        editor,
        path,
        Label::Text(label),
        look,
        initial,
        None,
        Box::new(write),
        Box::new(tidy),
    )
}

/// A labelled input for a value of the template's `kind` at `path`,
/// showing `current` and writing what was typed with `set`. A coded
/// choice is a select.
pub fn value_field(
    editor: Editor,
    path: String,
    label: Label,
    code: Option<String>,
    kind: ValueKind,
    current: Value,
    set: Setter<Value>,
) -> AnyView {
    if let ValueKind::Choice(options) = &kind {
        let mut choices = vec![(String::new(), "— chưa chọn —".to_owned())];
        choices.extend(options.iter().map(|option| {
            (
                option.code.to_string(),
                format!("{} ({})", option.label, option.code),
            )
        }));
        let shown = entry::show(&current);
        return select(
            editor,
            path,
            label,
            code,
            choices,
            shown,
            Box::new(move |report, chosen| {
                set(
                    report,
                    entry::parse(&kind, chosen).unwrap_or(Value::Missing),
                )
            }),
        );
    }
    let look = match kind {
        ValueKind::Count | ValueKind::Money | ValueKind::Percent => Look::Number,
        ValueKind::Date => Look::Date,
        _ => Look::Line,
    };
    let tidy_kind = kind.clone();
    input(
        editor,
        path,
        label,
        look,
        entry::show(&current),
        code,
        Box::new(move |report, typed| match entry::parse(&kind, typed) {
            Ok(value) => {
                set(report, value);
                true
            }
            Err(_) => {
                set(report, Value::Missing);
                false
            }
        }),
        Box::new(move |typed| {
            entry::parse(&tidy_kind, typed)
                .ok()
                .map(|v| entry::show(&v))
        }),
    )
}

/// A select of the values of a small enum (`all`, named by `name`), the
/// chosen one written with `set`.
pub fn enum_select<T: Copy + PartialEq + Send + Sync + 'static>(
    editor: Editor,
    path: &str,
    label: &str,
    all: &'static [T],
    name: fn(T) -> String,
    current: T,
    set: fn(&mut Report, T),
) -> AnyView {
    let options = all
        .iter()
        .enumerate()
        .map(|(index, value)| (index.to_string(), name(*value)))
        .collect();
    let current = all
        .iter()
        .position(|value| *value == current)
        .unwrap_or(0)
        .to_string();
    select(
        editor,
        path.to_owned(),
        Label::Text(label.to_owned()),
        None,
        options,
        current,
        Box::new(move |report, chosen| {
            if let Some(value) = chosen.parse::<usize>().ok().and_then(|i| all.get(i)) {
                set(report, *value);
            }
        }),
    )
}

/// The input behind [`field`]: `write` stores what was typed and says
/// whether it was a value; `tidy` gives the text to show once the user
/// leaves a valid input (`16091000` becomes `16.091.000`).
#[allow(clippy::too_many_arguments)]
pub fn input(
    editor: Editor,
    path: String,
    label: Label,
    look: Look,
    initial: String,
    code: Option<String>,
    write: Writer,
    tidy: Tidier,
) -> AnyView {
    let id = field_id(&path);
    let message_id = format!("{id}-msg");
    let initial = editor
        .doc
        .with_untracked(|doc| doc.pending.get(&path).cloned())
        .unwrap_or(initial);
    let here = issues_at(editor, &path);
    let (invalid, described) = issue_attributes(here.clone(), &message_id);
    let on_input = {
        let path = path.clone();
        move |event: leptos::ev::Event| {
            let typed = event_target_value(&event);
            editor.modify(|doc| {
                if write(&mut doc.report, &typed) {
                    doc.pending.remove(&path);
                } else {
                    doc.pending.insert(path.clone(), typed);
                }
            });
        }
    };
    let on_change = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(shown) = tidy(&input.value()) {
            if shown != input.value() {
                input.set_value(&shown);
            }
        }
    };
    let own_label = matches!(label, Label::Text(_));
    let (label_view, labelled_by) = label_parts(label, &id);
    let control = match look {
        Look::Area => view! {
            <textarea
                id=id.clone()
                name=path.clone()
                rows="3"
                prop:value=initial
                aria-labelledby=labelled_by
                aria-invalid=invalid
                aria-describedby=described
                data-code=code
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        _ => {
            let (class, mode, placeholder) = match look {
                Look::Number => ("number", Some("decimal"), None),
                Look::Date => ("date", None, Some("ngày/tháng/năm")),
                _ => ("line", None, None),
            };
            view! {
                <input
                    class=class
                    id=id.clone()
                    name=path.clone()
                    inputmode=mode
                    placeholder=placeholder
                    autocomplete="off"
                    value=initial
                    aria-labelledby=labelled_by
                    aria-invalid=invalid
                    aria-describedby=described
                    data-code=code
                    on:input=on_input
                    on:change=on_change
                />
            }
            .into_any()
        }
    };
    let messages = messages(here, message_id);
    if own_label {
        view! {
            <div class="field">
                {label_view}
                {control}
                {messages}
            </div>
        }
        .into_any()
    } else {
        // Labelled by other elements (an appendix row's cells): the cell is
        // the input's box, no wrapper needed.
        view! { {control} {messages} }.into_any()
    }
}

/// A select for a value with a few named options; `options` are
/// `(value, label)` and `set` receives the chosen value.
pub fn select(
    editor: Editor,
    path: String,
    label: Label,
    code: Option<String>,
    options: Vec<(String, String)>,
    current: String,
    set: ChoiceSetter,
) -> AnyView {
    let id = field_id(&path);
    let message_id = format!("{id}-msg");
    let here = issues_at(editor, &path);
    let (invalid, described) = issue_attributes(here.clone(), &message_id);
    let on_change = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event);
        editor.modify(|doc| set(&mut doc.report, &chosen));
    };
    let (label_view, labelled_by) = label_parts(label, &id);
    view! {
        <div class="field">
            {label_view}
            <select
                id=id
                name=path.clone()
                aria-labelledby=labelled_by
                aria-invalid=invalid
                aria-describedby=described
                data-code=code
                on:change=on_change
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {messages(here, message_id)}
        </div>
    }
    .into_any()
}

/// A list of the report that the item buttons edit.
pub type ListAccess<T> = Arc<dyn Fn(&mut Report) -> Option<&mut Vec<T>> + Send + Sync>;

/// The id of an item's button, so that focus follows a moved item.
pub fn button_id(prefix: &str, action: &str, index: usize) -> String {
    format!("b-{action}-{}-{index}", prefix.replace('.', "-"))
}

/// `Lên`, `Xuống` and `Xóa` for item `index` of the list at `prefix`
/// (`recipients.lines`); `what` names the item for screen readers.
pub fn item_buttons<T: 'static>(
    editor: Editor,
    prefix: String,
    index: usize,
    len: usize,
    what: String,
    list: ListAccess<T>,
) -> impl IntoView {
    let shift = {
        let (list, prefix) = (list.clone(), prefix.clone());
        move |offset: isize, action: &'static str| {
            let list = list.clone();
            let prefix = prefix.clone();
            move |_| {
                let target = index.saturating_add_signed(offset);
                let focus = Some(button_id(&prefix, action, target));
                editor.restructure(focus, |doc| {
                    if let Some(items) = list(&mut doc.report) {
                        edit::move_item(items, index, offset);
                    }
                    forget_pending_under(doc, &prefix);
                });
            }
        }
    };
    let remove = {
        let prefix = prefix.clone();
        move |_| {
            let focus = Some(if index + 1 < len {
                button_id(&prefix, "remove", index)
            } else if index > 0 {
                button_id(&prefix, "remove", index - 1)
            } else {
                prefix.clone()
            });
            editor.restructure(focus, |doc| {
                if let Some(items) = list(&mut doc.report) {
                    edit::remove_item(items, index);
                }
                forget_pending_under(doc, &prefix);
            });
        }
    };
    view! {
        <div class="item-buttons">
            <button
                type="button"
                id=button_id(&prefix, "up", index)
                disabled=index == 0
                aria-label=format!("Chuyển {what} lên")
                title="Chuyển lên"
                on:click=shift(-1, "up")
            >
                "↑"
            </button>
            <button
                type="button"
                id=button_id(&prefix, "down", index)
                disabled={index + 1 >= len}
                aria-label=format!("Chuyển {what} xuống")
                title="Chuyển xuống"
                on:click=shift(1, "down")
            >
                "↓"
            </button>
            <button
                type="button"
                class="remove"
                id=button_id(&prefix, "remove", index)
                aria-label=format!("Xóa {what}")
                on:click=remove
            >
                "Xóa"
            </button>
        </div>
    }
}

/// An add button for the list at `prefix` of `len` items: appends `item()`
/// and focuses the new item's first input, `{prefix}.{len}{first_field}`.
pub fn add_button<T: 'static>(
    editor: Editor,
    prefix: String,
    len: usize,
    text: String,
    first_field: String,
    list: ListAccess<T>,
    item: impl Fn() -> T + Send + Sync + 'static,
) -> AnyView {
    let on_click = {
        let prefix = prefix.clone();
        move |_| {
            let focus = Some(field_id(&format!("{prefix}.{len}{first_field}")));
            editor.restructure(focus, |doc| {
                if let Some(items) = list(&mut doc.report) {
                    items.push(item());
                }
            });
        }
    };
    view! {
        <button type="button" class="add" data-path=prefix on:click=on_click>
            {text}
        </button>
    }
    .into_any()
}

/// Typed texts under a list that was reordered no longer name their item.
fn forget_pending_under(doc: &mut super::Doc, prefix: &str) {
    let prefix = format!("{prefix}.");
    doc.pending.retain(|path, _| !path.starts_with(&prefix));
}

/// An editable list of one-line texts (recipients, next tasks).
pub fn text_list(
    editor: Editor,
    prefix: &'static str,
    item_label: &'static str,
    look: Look,
    items: Vec<Text>,
    list: ListAccess<Text>,
) -> impl IntoView {
    let len = items.len();
    let rows = (0..len)
        .map(|index| {
            let path = format!("{prefix}.{index}");
            let value = items[index].clone();
            let input = field(
                editor,
                path.clone(),
                format!("{item_label} {}", index + 1),
                look,
                move |_: &Report| value.clone(),
                {
                    let list = list.clone();
                    move |report: &mut Report, value| {
                        if let Some(item) = list(report).and_then(|items| items.get_mut(index)) {
                            *item = value;
                        }
                    }
                },
            );
            view! {
                <li class="list-item">
                    {input}
                    {item_buttons(
                        editor,
                        prefix.to_owned(),
                        index,
                        len,
                        format!("{} {}", cchc_core::text::lower(item_label), index + 1),
                        list.clone(),
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="text-list">{rows}</ol>
        {add_button(
            editor,
            prefix.to_owned(),
            len,
            format!("Thêm {}", cchc_core::text::lower(item_label)),
            String::new(),
            list,
            Text::default,
        )}
    }
}
