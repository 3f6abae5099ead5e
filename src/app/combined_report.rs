//! The combined report on the aggregation page: the office types its own
//! header, signer and recipients (kept in localStorage), then prints the
//! totals as its own ND 30 report (`In`, `Tải bản in (HTML)`, `Tải bản Word
//! (.docx)` written by the office module) or sends them on upward as a
//! regular report file (`Tải JSON tổng hợp`). What is built is decided by
//! [`cchc_core::combined`]; this module only types and moves.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use super::{files, focus_element, office as office_files};
use super::{storage, Editor};
use cchc_core::aggregate::Summary;
use cchc_core::combined::{self, Office};
use cchc_core::document;
use cchc_core::exchange;
use cchc_core::report::Signer;

/// Where the office's details are kept: apart from the drafts' keys.
const OFFICE_KEY: &str = "bao-cao-cchc/tong-hop/co-quan";

/// The details kept before, and what to say when they could not be read
/// (the unreadable text is set aside under another key, not lost).
fn load() -> (Office, Option<String>) {
    let Some(json) = storage::read_raw(OFFICE_KEY) else {
        return (Office::default(), None);
    };
    match Office::from_json(&json) {
        Some(office) => (office, None),
        None => {
            let aside = format!("{OFFICE_KEY}/khong-doc-duoc");
            let _ = LocalStorage::raw().set_item(&aside, &json);
            (
                Office::default(),
                Some(format!(
                    "Thông tin cơ quan đã lưu không đọc được; bản cũ được giữ riêng ở khóa «{aside}». Hãy nhập lại."
                )),
            )
        }
    }
}

const NOT_KEPT: &str = "Trình duyệt không cho lưu thông tin cơ quan (bộ nhớ đầy hoặc bị chặn): những gì đang hiện vẫn còn, nhưng lần sau phải nhập lại.";

/// One input of the office's details: its key (see [`Office::text_mut`]),
/// its label, and whether it is a paragraph.
type Field = (&'static str, &'static str, bool);

const HEADER: [Field; 7] = [
    ("parent_agency", "Cơ quan cấp trên (nếu có)", false),
    (
        "issuing_agency",
        "Cơ quan ban hành (ví dụ ỦY BAN NHÂN DÂN, nếu có)",
        false,
    ),
    ("name", "Tên cơ quan (ghi đủ, ví dụ Sở Nội vụ)", false),
    ("number", "Số văn bản", false),
    ("symbol", "Ký hiệu", false),
    ("place", "Địa danh (ở dòng ngày tháng)", false),
    ("date", "Ngày ban hành", false),
];
const FREE_LINES: [Field; 2] = [
    ("authority", "Thẩm quyền ký (TM., KT., ...)", false),
    ("title", "Chức vụ người ký (mỗi dòng một dòng in)", true),
];
const SIGNER_NAME: [Field; 1] = [("signer_name", "Họ và tên người ký", false)];
const RECIPIENTS: [Field; 2] = [
    ("recipients", "Nơi nhận (mỗi dòng một nơi)", true),
    ("archive", "Lưu (ví dụ: VT, Vương)", false),
];

/// The inputs of `fields`.
fn inputs(office: RwSignal<Office>, fields: &'static [Field]) -> AnyView {
    fields
        .iter()
        .map(|&(key, label, area)| input(office, key, label, area))
        .collect_view()
        .into_any()
}

/// One labelled input of the office's details, with the message of
/// [`Office::problems`] about its field under it.
fn input(office: RwSignal<Office>, key: &'static str, label: &'static str, area: bool) -> AnyView {
    let id = format!("co-quan-{key}");
    let message_id = format!("{id}-msg");
    let initial = office
        .try_update_untracked(|office| office.text_mut(key).cloned())
        .flatten()
        .unwrap_or_default();
    let typed = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        office.update(|office| {
            if let Some(text) = office.text_mut(key) {
                *text = value;
            }
        });
    };
    let problem = Memo::new(move |_| {
        office.with(|office| {
            office
                .problems()
                .into_iter()
                .find(|(field, _)| *field == key)
                .map(|(_, message)| message)
        })
    });
    let described = {
        let message_id = message_id.clone();
        move || problem.with(Option::is_some).then(|| message_id.clone())
    };
    let invalid = move || problem.with(Option::is_some).then_some("true");
    let name = format!("office.{key}");
    let control = if area {
        view! {
            <textarea id=id.clone() name=name rows=3 aria-invalid=invalid aria-describedby=described on:input=typed>
                {initial}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" id=id.clone() name=name value=initial aria-invalid=invalid aria-describedby=described on:input=typed />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {move || problem.get().map(|message| view! {
                <p id=message_id.clone() class="message error">{message}</p>
            })}
        </div>
    }
    .into_any()
}

/// Who signs: the editor's three choices; free lines show their two fields.
fn signer(office: RwSignal<Office>) -> impl IntoView {
    let chosen = Memo::new(move |_| office.with(|office| office.signer));
    let current = office.with_untracked(|office| office.signer);
    let options = Signer::ALL
        .iter()
        .enumerate()
        .map(|(index, signer)| {
            view! { <option value=index.to_string() selected=*signer == current>{signer.label()}</option> }
        })
        .collect_view();
    let changed = move |event: leptos::ev::Event| {
        let index = event_target_value(&event).parse::<usize>().unwrap_or(0);
        if let Some(signer) = Signer::ALL.get(index) {
            office.update(|office| office.signer = *signer);
        }
    };
    let lines = move || {
        if chosen.get() == Signer::Free {
            inputs(office, &FREE_LINES)
        } else {
            let signature = office.with_untracked(Office::signature);
            super::sections::printed_signer(&signature, "co-quan-signer-lines", None)
        }
    };
    view! {
        <div class="field">
            <label for="co-quan-signer">"Ai ký"</label>
            <select id="co-quan-signer" name="office.signer" on:change=changed>{options}</select>
        </div>
        {lines}
    }
}

/// The combined report's section of the aggregation page: the office's
/// details, `Tải JSON tổng hợp`, and the print view behind `Xem bản in tổng hợp`.
pub fn section(editor: Editor, summary: Memo<Summary>) -> impl IntoView {
    let (loaded, load_problem) = load();
    let office = RwSignal::new(loaded);
    let status = RwSignal::new(load_problem);
    // Kept on every change (not before the first one).
    Effect::new(move |first: Option<()>| {
        let json = office.with(Office::to_json);
        if first.is_some() && LocalStorage::raw().set_item(OFFICE_KEY, &json).is_err() {
            status.set(Some(NOT_KEPT.to_owned()));
        }
    });
    // Built when shown or written, not on every change: the template, the
    // combined report and the totals its appendix prints.
    let built = move || {
        summary.with(|summary| {
            let template = summary.template.clone()?;
            let report = editor.received.with(|received| {
                let units = combined::units_added(summary, received);
                office.with(|office| combined::combined_report(summary, &units, office))
            })?;
            let totals = combined::printed_totals(&template, summary);
            Some((template, report, totals))
        })
    };
    let empty = move || summary.with(|summary| summary.units.is_empty());
    let open = RwSignal::new(false);
    let show = move |_| {
        open.set(true);
        request_animation_frame(|| focus_element("tong-hop-ban-in-quay-lai"));
    };
    let close = move |_| {
        open.set(false);
        request_animation_frame(|| focus_element("xem-ban-in-tong-hop"));
    };
    let html = move || {
        if !open.get() {
            return String::new();
        }
        built()
            .map(|(template, report, totals)| {
                document::render(&combined::document(&template, &report, &totals))
            })
            .unwrap_or_default()
    };
    let download_html = move |_| {
        if let Some((template, report, totals)) = untrack(built) {
            files::download(
                &combined::print_file_name(&report),
                "text/html;charset=utf-8",
                &combined::standalone(&template, &report, &totals),
            );
        }
    };
    let download_json = move |_| {
        if let Some((_, why)) = office
            .with_untracked(Office::problems)
            .into_iter()
            .find(|(field, _)| *field == "name")
        {
            status.set(Some(format!("Chưa tải tệp JSON tổng hợp. {why}")));
            focus_element("co-quan-name");
            return;
        }
        if let Some((template, report, _)) = untrack(built) {
            let file = exchange::envelope(&template, &report, 1, &files::now_iso());
            let json = serde_json::to_string_pretty(&file).expect("an envelope always serialises");
            files::download(&combined::file_name(&report), "application/json", &json);
            status.set(None);
        }
    };
    let download_word = move |_| {
        if let Some((template, report, totals)) = untrack(built) {
            // The combined report as its exchange file, which the module
            // opens with the template inside.
            let file = exchange::envelope(&template, &report, 1, "");
            let json = serde_json::to_string(&file).expect("an envelope always serialises");
            office_files::write(office_files::Request::combined_docx(
                json,
                &totals,
                combined::docx_file_name(&report),
            ));
        }
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div id="tong-hop-bao-cao">
            <section class="combined-form aggregate-main" aria-labelledby="combined-heading" hidden=move || open.get()>
                <h2 id="combined-heading">"Báo cáo tổng hợp của cơ quan"</h2>
                <p class="hint">
                    "Thông tin dưới đây in trên báo cáo tổng hợp (phụ lục là cột Tổng hợp ở trên) và được giữ lại trên máy này cho lần sau. Tệp JSON tổng hợp là một tệp báo cáo thường, đơn vị là cơ quan này: cấp trên mở bằng trang Tổng hợp nhiều báo cáo để cộng tiếp, mỗi tên cơ quan một lần: nên ghi tên phân biệt được với các cơ quan khác cùng gửi lên (ví dụ Sở Nội vụ tỉnh Quảng Ngãi)."
                </p>
                <div class="grid">
                    {inputs(office, &HEADER)}
                </div>
                <h3>"Người ký"</h3>
                <div class="grid">
                    {signer(office)}
                    {inputs(office, &SIGNER_NAME)}
                </div>
                <h3>"Nơi nhận"</h3>
                <div class="grid">
                    {inputs(office, &RECIPIENTS)}
                </div>
                <p id="combined-status" role="status" class="message error">{move || status.get()}</p>
                <div class="print-controls" role="group" aria-label="Báo cáo tổng hợp">
                    <button type="button" id="xem-ban-in-tong-hop" on:click=show disabled=empty>
                        "Xem bản in tổng hợp"
                    </button>
                    <button type="button" on:click=download_json disabled=empty>
                        "Tải JSON tổng hợp"
                    </button>
                </div>
            </section>
            <div class="combined-view" hidden=move || !open.get()>
                <div class="print-controls" role="toolbar" aria-label="Bản in tổng hợp">
                    <button type="button" id="tong-hop-ban-in-quay-lai" on:click=close>
                        "← Quay lại bảng tổng hợp"
                    </button>
                    <button type="button" on:click=print>"In"</button>
                    <button type="button" on:click=download_html>"Tải bản in (HTML)"</button>
                    <button type="button" on:click=download_word>"Tải bản Word (.docx)"</button>
                </div>
                <div id="tong-hop-tai-lieu" inner_html=html></div>
            </div>
        </div>
    }
}
