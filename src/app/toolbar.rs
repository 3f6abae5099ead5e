//! Around the editor: the actions bar (new report, sample, drafts, save
//! status), the contents, the banner for storage problems and other tabs,
//! and the summary of issues whose items lead to their fields.

use leptos::prelude::*;

use super::{fields, focus_element, storage, Editor, Notice};
use cchc_core::rules;
use cchc_core::sample;

/// `HH:MM:SS` of a time in milliseconds since 1970, in local time.
fn clock(millis: f64) -> String {
    let time = js_sys::Date::new(&millis.into());
    format!(
        "{:02}:{:02}:{:02}",
        time.get_hours(),
        time.get_minutes(),
        time.get_seconds()
    )
}

/// `06/03/2025 14:05:09`: a time in milliseconds since 1970, in local time.
pub fn date_time(millis: f64) -> String {
    let time = js_sys::Date::new(&millis.into());
    format!(
        "{:02}/{:02}/{} {}",
        time.get_date(),
        time.get_month() + 1,
        time.get_full_year(),
        clock(millis)
    )
}

fn drafts_panel(editor: Editor) -> impl IntoView {
    let open = move |event: leptos::ev::Event| {
        let id = event_target_value(&event);
        if id != editor.meta.get_untracked().id {
            editor.open_stored(&id);
        }
    };
    let rename = move |_| {
        let meta = editor.meta.get_untracked();
        let answer = window()
            .prompt_with_message_and_default("Tên mới của bản nháp:", &meta.name)
            .ok()
            .flatten();
        if let Some(name) = answer.map(|name| name.trim().to_owned()) {
            if !name.is_empty() {
                editor.rename_open(name);
            }
        }
    };
    let duplicate = move |_| editor.duplicate_open();
    let delete = move |_| {
        let meta = editor.meta.get_untracked();
        let question = format!(
            "Xóa bản nháp «{}»? Bản nháp đã xóa vẫn khôi phục được trong 30 ngày (Lịch sử → Bản nháp đã xóa).",
            meta.name
        );
        if window().confirm_with_message(&question).unwrap_or(false) {
            editor.delete_open();
        }
    };
    let show_history = move |_| {
        editor.history.shown.update(|shown| *shown = !*shown);
        editor.refresh_history();
        if editor.history.shown.get_untracked() {
            request_animation_frame(|| focus_element("lich-su-title"));
        }
    };
    let options = move || {
        let current = editor.meta.with(|meta| meta.id.clone());
        editor
            .drafts
            .get()
            .drafts
            .into_iter()
            .map(|line| {
                let selected = line.id == current;
                view! { <option value=line.id selected=selected>{line.name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="drafts" role="group" aria-label="Bản nháp">
            <label for="draft-list">"Bản nháp: "</label>
            <select id="draft-list" on:change=open>{options}</select>
            <button type="button" on:click=rename>"Đổi tên"</button>
            <button type="button" on:click=duplicate>"Nhân bản"</button>
            <button type="button" on:click=delete>"Xóa"</button>
            <button type="button" id="mo-lich-su" aria-controls="lich-su"
                aria-expanded=move || editor.history.shown.get().to_string()
                on:click=show_history>
                "Lịch sử"
            </button>
        </div>
    }
}

pub fn app_bar(editor: Editor) -> impl IntoView {
    let new_report = move |_| editor.new_report();
    let load_sample = move |_| editor.open_new(sample::sample(), None);
    let next_period = move |_| {
        editor.flush();
        let report = editor.doc.with_untracked(|doc| doc.report.clone());
        let next = editor
            .template
            .with_untracked(|template| cchc_core::next_period::next_period(template, &report));
        let Some(next) = next else {
            editor.say(Notice::error(format!(
                "Không tạo được kỳ sau: {}",
                cchc_core::rules::year_message()
            )));
            return;
        };
        editor.open_new(next, Some(report.figures));
        editor.say(Notice::info(
            "Đã tạo báo cáo kỳ sau: số liệu kỳ này hiện bên cạnh từng ô để so sánh.",
        ));
    };
    let status = move || {
        let saved = editor.saving.saved_at.get().map(clock);
        if editor.conflict.get().is_some() {
            return format!(
                "Đang có xung đột với thẻ khác: thay đổi ở đây được giữ trong Lịch sử (lúc {})",
                saved.unwrap_or_default()
            );
        }
        match (editor.saving.failed.get(), saved) {
            (true, Some(at)) => {
                format!("Chưa lưu được thay đổi mới nhất (lần lưu trước lúc {at})")
            }
            (true, None) => "Chưa lưu được".to_owned(),
            (false, Some(at)) => format!("Đã lưu lúc {at}"),
            (false, None) => "Chưa lưu".to_owned(),
        }
    };
    view! {
        <header class="app-bar">
            <h1>"Báo cáo cải cách hành chính"</h1>
            <div class="actions">
                <button type="button" on:click=new_report>"Báo cáo mới"</button>
                <button type="button" on:click=load_sample>"Nạp báo cáo mẫu"</button>
                <button type="button" on:click=next_period>"Tạo kỳ sau"</button>
                {super::files::buttons(editor)}
                {super::print::open_button(editor)}
                {super::aggregation::open_button(editor)}
            </div>
            {drafts_panel(editor)}
            {super::templates::picker(editor)}
            <p
                class="save-status"
                role="status"
                id="save-status"
                data-pending=move || {
                    (editor.saving.unsaved.get() && !editor.saving.failed.get()).then_some("1")
                }
                data-failed=move || editor.saving.failed.get().then_some("1")
            >
                {status}
            </p>
            <p id="storage-state" class="storage-state">{move || editor.storage_line.get()}</p>
        </header>
    }
}

pub fn contents() -> impl IntoView {
    let links = [
        ("thong-tin-chung", "Thông tin chung"),
        ("noi-dung", "Nội dung báo cáo"),
        ("so-lieu", "Số liệu"),
        ("phu-luc", "Phụ lục thống kê"),
        ("ky-va-noi-nhan", "Chữ ký và nơi nhận"),
    ];
    view! {
        <nav class="contents" aria-label="Mục lục">
            <ol>
                {links
                    .into_iter()
                    .map(|(id, title)| view! { <li><a href=format!("#{id}")>{title}</a></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}

pub fn notice_banner(editor: Editor) -> impl IntoView {
    let notice = notice_view(editor.notice);
    let conflict = move || {
        editor.conflict.get().is_some().then(|| {
            view! {
                <div class="banner error" role="alert" id="conflict">
                    <p>
                        "Bản nháp này vừa được sửa ở một thẻ (tab) hoặc cửa sổ khác. Để hai bên không ghi đè lên nhau, những gì gõ ở thẻ này đang được giữ riêng trong «Lịch sử». Hãy chọn giữ bản nào; bản không chọn vẫn còn trong «Lịch sử»."
                    </p>
                    <button type="button" on:click=move |_| editor.keep_mine()>"Giữ bản ở thẻ này"</button>
                    <button type="button" on:click=move |_| editor.take_theirs()>"Lấy bản ở thẻ kia"</button>
                    <button type="button" on:click=move |_| editor.keep_both()>"Giữ cả hai (thành hai bản nháp)"</button>
                </div>
            }
        })
    };
    view! { {notice}{conflict} }
}

/// The banner of `notice` (an error or a word of information, with its
/// details), with a button that closes it.
pub fn notice_view(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    move || {
        notice.get().map(|shown| {
            let class = if shown.is_error {
                "banner error"
            } else {
                "banner info"
            };
            let details = (!shown.details.is_empty()).then(|| {
                let items = shown
                    .details
                    .into_iter()
                    .map(|detail| view! { <li>{detail}</li> })
                    .collect_view();
                view! { <ul class="details">{items}</ul> }
            });
            view! {
                <div class=class role="alert">
                    <p>{shown.text}</p>
                    {details}
                    <button type="button" on:click=move |_| notice.set(None)>"Đóng"</button>
                </div>
            }
        })
    }
}

/// The damaged copies of drafts that were set aside, each to download (to
/// send to whoever can mend it): kept, never shown as drafts, never lost.
pub fn set_aside(editor: Editor) -> impl IntoView {
    // A copy is set aside together with a notice saying so.
    let copies = Memo::new(move |_| {
        editor.notice.track();
        storage::set_aside_copies()
    });
    let items = move || {
        copies
            .get()
            .into_iter()
            .map(|(id, text)| {
                let name = format!("ban-nhap-hong-{id}.json");
                let download = {
                    let name = name.clone();
                    move |_| super::files::download(&name, "application/json", &text)
                };
                view! {
                    <li>
                        <button type="button" on:click=download>
                            {format!("Tải bản hỏng «{name}»")}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="set-aside" id="ban-hong" hidden=move || copies.with(Vec::is_empty)>
            <p>
                "Bản nháp hỏng được cất riêng trong trình duyệt, không mở được nhưng không bị xóa. Có thể tải về để gửi người hỗ trợ khôi phục:"
            </p>
            <ul>{items}</ul>
        </section>
    }
}

pub fn summary(editor: Editor) -> impl IntoView {
    let counts = move || {
        let (errors, warnings) = editor.issues.with(|issues| rules::counts(issues));
        format!("{errors} lỗi, {warnings} lưu ý")
    };
    let items = move || {
        editor
            .issues
            .get()
            .into_iter()
            .map(|issue| {
                let target = fields::field_id(&issue.path);
                let fallback = issue.path.clone();
                let class = format!("issue {}", issue.severity.class());
                let word = issue.severity.word();
                let go = move |_| {
                    if document().get_element_by_id(&target).is_some() {
                        focus_element(&target);
                    } else {
                        focus_element(&fallback);
                    }
                };
                view! {
                    <li class=class>
                        <button type="button" class="link" data-issue-path=issue.path.clone() on:click=go>
                            <strong>{word}": "</strong>
                            {issue.message}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <aside class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">"Kiểm tra báo cáo"</h2>
            <p id="issue-counts" role="status">{counts}</p>
            <ul class="issues">{items}</ul>
        </aside>
    }
}
