//! The `Số liệu` card: every figure of the draft's template, grouped as the
//! template groups them, each typed once, with the ratios shown under its
//! group and, after `Tạo kỳ sau`, the last period's value beside it. A list
//! figure (staff titles) is a list of items with add, move and remove.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value as Json;

use super::fields::{self, value_field, Label, ListAccess};
use super::sections::card;
use super::Editor;
use cchc_core::figures;
use cchc_core::next_period::compared_with_previous;
use cchc_core::template::{Column, Figure, FigureKind, FigureSection, Template, Value, ValueKind};

/// The input of one figure (`id` in the template) holding one value.
fn figure_input(editor: Editor, template: &Template, id: usize) -> AnyView {
    let figure = &template.figures[id];
    let Some(kind) = figure.value_kind().cloned() else {
        return ().into_any();
    };
    let label = match kind {
        ValueKind::Money => format!("{} (đồng)", figure.label),
        _ => figure.label.clone(),
    };
    let current = editor.values.with_untracked(|values| values.one(id));
    let key = figure.key.clone();
    let encode_kind = kind.clone();
    let input = value_field(
        editor,
        figure.path(),
        Label::Text(label),
        None,
        kind.clone(),
        current,
        Box::new(move |report, value| {
            report
                .figures
                .set(&key, figures::encode(&encode_kind, &value))
        }),
    );
    if kind.unit().is_none() {
        return input;
    }
    let previous_of = {
        let (key, kind) = (figure.key.clone(), kind.clone());
        move |previous: &cchc_core::report::Figures| {
            previous
                .get(&key)
                .and_then(|json| figures::decode(&kind, json).ok())
        }
    };
    let compared = move || {
        let previous = editor
            .previous
            .with(|previous| previous.as_ref().and_then(&previous_of))?;
        let current = editor.values.with(|values| values.one(id));
        compared_with_previous(&previous, &current)
    };
    let has_previous = move || editor.previous.with(Option::is_some);
    let path = figure.path();
    view! {
        <div class="figure">
            {input}
            <Show when=has_previous>
                <p class="previous" data-previous=path.clone()>{compared.clone()}</p>
            </Show>
        </div>
    }
    .into_any()
}

/// One column of one item of a list figure.
fn column_input(
    editor: Editor,
    figure: &Figure,
    index: usize,
    column: &Column,
    item: &Json,
) -> AnyView {
    let current = figures::decode(&column.kind, item.get(&column.key).unwrap_or(&Json::Null))
        .unwrap_or(Value::Missing);
    let (key, column_key, kind) = (figure.key.clone(), column.key.clone(), column.kind.clone());
    value_field(
        editor,
        format!("{}.{index}.{}", figure.path(), column.key),
        Label::Text(format!("{} {}", column.label, index + 1)),
        None,
        column.kind.clone(),
        current,
        Box::new(move |report, value| {
            let item = report
                .figures
                .items_mut(&key)
                .and_then(|items| items.get_mut(index))
                .and_then(serde_json::Value::as_object_mut);
            if let Some(item) = item {
                item.insert(column_key.clone(), figures::encode(&kind, &value));
            }
        }),
    )
}

/// A list figure: its items, each with its columns and buttons, and `Thêm`.
fn list_figure(editor: Editor, figure: &Figure, item_name: &str, columns: &[Column]) -> AnyView {
    let key = figure.key.clone();
    let items: Vec<Json> = editor.doc.with_untracked(|doc| {
        doc.report
            .figures
            .get(&key)
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default()
    });
    let prefix = figure.path();
    let list: ListAccess<Json> = {
        let key = key.clone();
        Arc::new(move |report| report.figures.items_mut(&key))
    };
    let len = items.len();
    let rows = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let inputs = columns
                .iter()
                .map(|column| column_input(editor, figure, index, column, item))
                .collect_view();
            view! {
                <li class="list-item columns">
                    {inputs}
                    {fields::item_buttons(
                        editor,
                        prefix.clone(),
                        index,
                        len,
                        format!("{item_name} {}", index + 1),
                        list.clone(),
                    )}
                </li>
            }
        })
        .collect_view();
    let empty_item = {
        let columns = columns.to_vec();
        move || {
            Json::Object(
                columns
                    .iter()
                    .map(|c| (c.key.clone(), figures::encode(&c.kind, &Value::Missing)))
                    .collect(),
            )
        }
    };
    let first = columns
        .first()
        .map(|c| format!(".{}", c.key))
        .unwrap_or_default();
    view! {
        <div class="list-figure">
            <h4>{figure.label.clone()}</h4>
            <ol class="text-list">{rows}</ol>
            {fields::add_button(editor, prefix.clone(), len, format!("Thêm {item_name}"), first, list, empty_item)}
            {fields::messages(fields::issues_at(editor, &prefix), format!("{}-msg", fields::field_id(&prefix)))}
        </div>
    }
    .into_any()
}

/// A value derived from the figures, shown live beside them.
fn derived(
    label: String,
    key: String,
    value: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("d-{}", key.replace('.', "-"));
    view! {
        <p class="derived">
            <span id=id.clone()>{label}": "</span>
            <output data-derived=key aria-labelledby=id>{value}</output>
        </p>
    }
}

/// One group of figures: runs of single values in a grid, lists apart.
fn section(
    editor: Editor,
    template: &Arc<Template>,
    section: &FigureSection,
    class: &'static str,
) -> AnyView {
    let mut parts: Vec<AnyView> = Vec::new();
    let mut grid: Vec<AnyView> = Vec::new();
    let flush = |grid: &mut Vec<AnyView>, parts: &mut Vec<AnyView>| {
        if !grid.is_empty() {
            let inputs = std::mem::take(grid);
            parts.push(view! { <div class="grid">{inputs}</div> }.into_any());
        }
    };
    for &id in &section.figures {
        let figure = &template.figures[id];
        match &figure.kind {
            FigureKind::One(_) => grid.push(figure_input(editor, template, id)),
            FigureKind::List { item, columns } => {
                flush(&mut grid, &mut parts);
                parts.push(list_figure(editor, figure, item, columns));
            }
        }
    }
    flush(&mut grid, &mut parts);
    let inner = section
        .sections
        .iter()
        .map(|inner| self::section(editor, template, inner, "staff-group"))
        .collect_view();
    let ratios = section
        .ratios
        .iter()
        .map(|&index| {
            let ratio = &template.ratios[index];
            derived(ratio.label.clone(), ratio.key.clone(), move || {
                editor
                    .with_facts(|facts| facts.ratio_text(facts.template.ratios.get(index)?))
                    .unwrap_or_default()
            })
        })
        .collect_view();
    view! {
        <fieldset class=class>
            <legend>{section.title.clone()}</legend>
            {parts}
            {inner}
            <div class="derived-list">{ratios}</div>
        </fieldset>
    }
    .into_any()
}

pub fn figures(editor: Editor) -> impl IntoView {
    let template = editor.template.get_untracked();
    let groups = template
        .sections
        .iter()
        .map(|group| section(editor, &template, group, "figure-group"))
        .collect_view();
    card("so-lieu", "Số liệu", groups)
}
