//! The `Phụ lục thống kê` card: the template's appendix rows drawn by one
//! loop. A typed row gets an input of its kind; a computed row shows its
//! value live (grey); every row but a heading has a note.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{input, value_field, Label, Look};
use super::sections::card;
use super::Editor;
use cchc_core::appendix;
use cchc_core::entry;
use cchc_core::report::{AppendixEntry, Report};
use cchc_core::rules::{appendix_note_path, appendix_value_path};
use cchc_core::template::{Row, RowSource, Template, Value};
use cchc_core::text::Text;

/// What an appendix row shows: its value and its note, as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct RowTexts {
    pub value: String,
    pub note: String,
}

/// What every row of the appendix shows, in the template's order.
pub fn texts(facts: &cchc_core::facts::Facts) -> Vec<RowTexts> {
    appendix::cells(facts)
        .into_iter()
        .map(|cell| RowTexts {
            value: cell.value_text,
            note: cell.note,
        })
        .collect()
}

/// The text of row `index` that `pick` chooses, following the draft.
fn shown(editor: Editor, index: usize, pick: fn(&RowTexts) -> &String) -> impl Fn() -> String {
    move || {
        editor
            .appendix
            .with(|rows| rows.get(index).map(pick).cloned().unwrap_or_default())
    }
}

/// Writes an appendix row's value or note, dropping rows left empty.
fn set_appendix(report: &mut Report, code: &str, change: impl FnOnce(&mut AppendixEntry)) {
    let entry = report.appendix.entry(code.to_owned()).or_default();
    change(entry);
    if entry.value.is_none() && entry.note.is_blank() {
        report.appendix.remove(code);
    }
}

fn value_cell(editor: Editor, index: usize, row: &Row, label_id: &str) -> AnyView {
    let code = row.code.clone();
    let path = appendix_value_path(&code);
    let labelled_by = format!("col-value {label_id}");
    match &row.source {
        RowSource::Heading => ().into_any(),
        RowSource::Computed { .. } => {
            // The row by its index in the template it was drawn from; when
            // another draft's template is opened, this view is drawn anew.
            let value = shown(editor, index, |row| &row.value);
            view! {
                <output data-code=code data-derived=path aria-labelledby=labelled_by>
                    {value}
                </output>
            }
            .into_any()
        }
        RowSource::Entered(kind) => {
            let current =
                editor.with_facts_untracked(|facts| cchc_core::template::Scope::row(facts, index));
            value_field(
                editor,
                path,
                Label::By(labelled_by),
                Some(code.clone()),
                kind.clone(),
                current,
                Box::new(move |report, value: Value| {
                    set_appendix(report, &code, |entry| entry.value = entry::to_cell(&value))
                }),
            )
        }
    }
}

fn note_cell(editor: Editor, index: usize, row: &Row, label_id: &str) -> AnyView {
    if row.is_heading() {
        return ().into_any();
    }
    let code = row.code.clone();
    let typed = editor.doc.with_untracked(|doc| {
        doc.report
            .appendix
            .get(&code)
            .map(|entry| entry.note.to_string())
            .unwrap_or_default()
    });
    let printed = row.note.is_some().then(|| {
        let note = shown(editor, index, |row| &row.note);
        view! {
            <output class="printed-note" data-code=code.clone() data-derived=appendix_note_path(&code)>
                {note}
            </output>
        }
    });
    view! {
        {printed}
        {input(
            editor,
            appendix_note_path(&code),
            Label::By(format!("col-note {label_id}")),
            Look::Line,
            typed,
            Some(code.clone()),
            Box::new(move |report, typed| {
                set_appendix(report, &code, |entry| entry.note = Text::new(typed));
                true
            }),
            Box::new(|_| None),
        )}
    }
    .into_any()
}

fn row_view(editor: Editor, index: usize, row: &Row) -> impl IntoView {
    let label_id = format!("a-{}", row.code.replace('.', "-"));
    let class = if row.is_sub_row() { "sub-row" } else { "row" };
    view! {
        <tr class=class data-row=row.code.clone()>
            <td class="number">{row.printed_number()}</td>
            <td id=label_id.clone()>
                {row.label.clone()}
                <span class="code">" (mã " {row.code.clone()} ")"</span>
            </td>
            <td>{row.unit.clone()}</td>
            <td class="value">{value_cell(editor, index, row, &label_id)}</td>
            <td class="note">{note_cell(editor, index, row, &label_id)}</td>
        </tr>
    }
}

fn groups(editor: Editor, template: &Arc<Template>) -> impl IntoView {
    template
        .groups
        .iter()
        .map(|group| {
            let rows = group
                .rows
                .clone()
                .map(|index| row_view(editor, index, &template.rows[index]))
                .collect_view();
            view! {
                <tbody>
                    <tr class="group">
                        <th scope="rowgroup" colspan="3">{group.code.clone()}". "{group.label.clone()}</th>
                        <td colspan="2">{group.note.clone()}</td>
                    </tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view()
}

pub fn appendix(editor: Editor) -> impl IntoView {
    let template = editor.template.get_untracked();
    let body = view! {
        <p class="hint">
            "Ô có nền xám được tính tự động từ phần Số liệu; các ô khác nhập trực tiếp."
        </p>
        <div class="table-scroll">
            <table class="appendix">
                <thead>
                    <tr>
                        <th scope="col">"STT"</th>
                        <th scope="col">"Chỉ tiêu"</th>
                        <th scope="col">"Đơn vị tính"</th>
                        <th scope="col" id="col-value">"Số liệu"</th>
                        <th scope="col" id="col-note">"Ghi chú"</th>
                    </tr>
                </thead>
                {groups(editor, &template)}
            </table>
        </div>
    };
    card("phu-luc", "Phụ lục thống kê", body)
}
