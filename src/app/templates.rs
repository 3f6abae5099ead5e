//! The templates of this browser: the built-in ones and those installed
//! from a file (`Mở tệp mẫu báo cáo`) or that came inside an opened report,
//! kept in browser storage under their checksum; and the one `Báo cáo mới`
//! uses (the select named `template`). A template with mistakes is refused
//! whole, its mistakes listed; reading and checking it is the core's work.

use std::sync::Arc;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use cchc_core::draft;
use cchc_core::template::{self, Template};

use super::{files, storage, Editor, Notice};

/// Every template this browser has, read once at start, and what could
/// not be read among those stored (a damaged copy, or one a newer app
/// wrote), said in Vietnamese.
pub fn installed() -> (Vec<Arc<Template>>, Vec<String>) {
    let prefix = draft::template_key("");
    let mut templates: Vec<Arc<Template>> = template::built_in().to_vec();
    let mut problems = Vec::new();
    for (key, json) in storage::stored_with_prefix(&prefix) {
        match template::read(json.as_bytes()) {
            Ok(template) => templates.push(Arc::new(template)),
            Err(errors) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                problems.push(format!(
                    "Mẫu báo cáo lưu trong trình duyệt ({}) không đọc được: {first}",
                    key.trim_start_matches(&prefix)
                ));
            }
        }
    }
    (template::arrange(templates), problems)
}

/// The template `Báo cáo mới` uses: the one chosen last, else the sample's.
pub fn chosen(templates: &[Arc<Template>]) -> Arc<Template> {
    let chosen = LocalStorage::raw()
        .get_item(&draft::chosen_template_key())
        .ok()
        .flatten();
    templates
        .iter()
        .find(|template| Some(&template.sha256) == chosen.as_ref())
        .cloned()
        .unwrap_or_else(template::legacy)
}

fn choose(sha256: &str) {
    let _ = LocalStorage::raw().set_item(&draft::chosen_template_key(), sha256);
}

/// Keeps `template` in storage (if it is not built in) and in the list;
/// says whether it is new here.
pub fn keep(editor: Editor, template: &Arc<Template>) -> Result<bool, String> {
    let known = editor
        .templates
        .with_untracked(|list| list.iter().any(|t| t.sha256 == template.sha256));
    if known {
        return Ok(false);
    }
    storage::write_text(&draft::template_key(&template.sha256), &template.to_json())?;
    editor.templates.update(|list| {
        list.push(template.clone());
        *list = template::arrange(std::mem::take(list));
    });
    Ok(true)
}

/// Installs the template file `name`, or lists what is wrong with it.
fn install(editor: Editor, name: String, bytes: files::ReadBytes) {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => {
            editor.say(Notice::error(format!(
                "Không cài được mẫu báo cáo «{name}»: {}",
                error.message()
            )));
            return;
        }
    };
    let template = match template::read(&bytes) {
        Ok(template) => Arc::new(template),
        Err(errors) => {
            editor.say(Notice {
                text: format!(
                    "Không cài được mẫu báo cáo «{name}»: tệp có {} lỗi, cần sửa rồi mở lại. Các bản nháp và mẫu đang có không thay đổi.",
                    errors.len()
                ),
                is_error: true,
                details: errors.iter().map(ToString::to_string).collect(),
            });
            return;
        }
    };
    let older: Vec<String> = editor.templates.with_untracked(|list| {
        list.iter()
            .filter(|t| t.id == template.id && t.sha256 != template.sha256)
            .map(|t| t.version.clone())
            .collect()
    });
    // Chosen first, so that the list drawn again when it is kept shows it.
    choose(&template.sha256);
    let already = match keep(editor, &template) {
        Ok(new) => !new,
        Err(message) => return editor.say(Notice::error(message)),
    };
    if already {
        // The list is the same, but the chosen template may not be.
        editor.templates.update(|_| {});
    }
    let mut text = if already {
        format!("Mẫu báo cáo «{}» đã có sẵn.", template.display_name())
    } else {
        format!("Đã cài mẫu báo cáo «{}».", template.display_name())
    };
    text.push_str(" Bấm «Báo cáo mới» để lập báo cáo theo mẫu này.");
    if !older.is_empty() && !already {
        text.push_str(&format!(
            " Các phiên bản khác của mẫu này ({}) vẫn được giữ để mở các báo cáo đã lập theo chúng.",
            older.join(", ")
        ));
    }
    editor.say(Notice::info(text));
}

/// The select of the template for new reports, and `Mở tệp mẫu báo cáo`.
pub fn picker(editor: Editor) -> impl IntoView {
    let options = move || {
        let list = editor.templates.get();
        let current = chosen(&list).sha256.clone();
        list.iter()
            .map(|template| {
                let selected = template.sha256 == current;
                view! {
                    <option value=template.sha256.clone() selected=selected>
                        {template.display_name()}
                    </option>
                }
            })
            .collect_view()
    };
    let picked = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            files::read_file(file, move |name, bytes| install(editor, name, bytes));
        }
        input.set_value("");
    };
    view! {
        <div class="templates" role="group" aria-label="Mẫu báo cáo">
            <label for="template">"Mẫu báo cáo mới: "</label>
            <select
                id="template"
                name="template"
                title="Mẫu dùng khi bấm «Báo cáo mới»"
                on:change=move |event| choose(&event_target_value(&event))
            >
                {options}
            </select>
            <label class="file-button">
                "Mở tệp mẫu báo cáo"
                <input type="file" id="template-file" accept=".json,application/json" on:change=picked />
            </label>
        </div>
    }
}
