//! The running text: parts, sections and points numbered as they will print
//! (I, 1, a), their paragraphs and the sentences the template writes from
//! the figures, the tasks for the next period, with add, remove and move for
//! each. Headings follow their titles as they are typed.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{self, field, ListAccess, Look};
use super::Editor;
use cchc_core::edit::{section_path, BlockList};
use cchc_core::report::{section_number as number, Block, Report, Section, TextBlock};
use cchc_core::sentences;
use cchc_core::text::Text;
use cchc_core::vi;

/// How many paragraphs of one list are drawn at first, and at each
/// `Hiện thêm đoạn`.
const DRAWN_AT_ONCE: usize = 100;

pub fn narrative(editor: Editor) -> impl IntoView {
    let narrative = editor
        .doc
        .with_untracked(|doc| doc.report.narrative.clone());
    let next_number = vi::roman(narrative.parts.len() as u32 + 1);
    let next_title = Memo::new(move |_| {
        editor
            .doc
            .with(|doc| doc.report.narrative.next_tasks.title.to_string())
    });
    let tasks: ListAccess<Text> = Arc::new(|report| Some(&mut report.narrative.next_tasks.items));
    let body = view! {
        <h3>"Mở đầu"</h3>
        {blocks(editor, BlockList::Preamble, &narrative.preamble)}
        {section_list(editor, Vec::new(), &narrative.parts)}
        <section class="narrative-section depth-1" aria-label="Nhiệm vụ thời gian tới">
            <h3>{next_number}". "{move || next_title.get()}</h3>
            {field(
                editor,
                "narrative.next_tasks.title".to_owned(),
                "Tiêu đề phần nhiệm vụ".to_owned(),
                Look::Line,
                |report: &Report| report.narrative.next_tasks.title.clone(),
                |report: &mut Report, value| report.narrative.next_tasks.title = value,
            )}
            {fields::text_list(
                editor,
                "narrative.next_tasks.items",
                "Nhiệm vụ",
                Look::Area,
                narrative.next_tasks.items.clone(),
                tasks,
            )}
        </section>
        <h3>"Kết thúc"</h3>
        {blocks(editor, BlockList::Closing, &narrative.closing)}
    };
    view! {
        <section id="noi-dung" class="card" aria-labelledby="h-noi-dung">
            <h2 id="h-noi-dung">"Nội dung báo cáo"</h2>
            {body}
        </section>
    }
}

/// The sections under `parent` (the parts when `parent` is empty).
fn section_list(editor: Editor, parent: Vec<usize>, sections: &[Section]) -> AnyView {
    let len = sections.len();
    let items = sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let mut path = parent.clone();
            path.push(index);
            section_view(editor, path, section, len)
        })
        .collect_view();
    let prefix = if parent.is_empty() {
        "narrative.parts".to_owned()
    } else {
        format!("{}.subsections", section_path(&parent))
    };
    let what = match parent.len() {
        0 => "phần",
        1 => "mục",
        _ => "điểm",
    };
    let list: ListAccess<Section> = {
        let parent = parent.clone();
        Arc::new(move |report| {
            if parent.is_empty() {
                Some(&mut report.narrative.parts)
            } else {
                report
                    .narrative
                    .section_mut(&parent)
                    .map(|section| &mut section.subsections)
            }
        })
    };
    view! {
        {items}
        {fields::add_button(
            editor,
            prefix,
            len,
            format!("Thêm {what}"),
            ".title".to_owned(),
            list,
            Section::default,
        )}
    }
    .into_any()
}

fn section_view(editor: Editor, path: Vec<usize>, section: &Section, siblings: usize) -> AnyView {
    let number = number(&path);
    let depth = path.len();
    let prefix = section_path(&path);
    let parent_prefix = prefix
        .rsplit_once('.')
        .map(|(list, _)| list.to_owned())
        .unwrap_or_default();
    let index = path.last().copied().unwrap_or(0);
    let title = section.title.clone();
    let heading = {
        let (path, number) = (path.clone(), number.clone());
        let title = Memo::new(move |_| {
            editor.doc.with(|doc| {
                doc.report
                    .narrative
                    .section(&path)
                    .map(|section| section.title.to_string())
                    .unwrap_or_default()
            })
        });
        move || format!("{number} {}", title.get())
    };
    let title_input = {
        let path = path.clone();
        field(
            editor,
            format!("{prefix}.title"),
            format!("Tiêu đề mục {number}"),
            Look::Line,
            move |_: &Report| title.clone(),
            move |report: &mut Report, value| {
                if let Some(section) = report.narrative.section_mut(&path) {
                    section.title = value;
                }
            },
        )
    };
    let siblings_list: ListAccess<Section> = {
        let path = path.clone();
        Arc::new(move |report| report.narrative.siblings_mut(&path))
    };
    let heading_view = match depth {
        1 => view! { <h3>{heading}</h3> }.into_any(),
        2 => view! { <h4>{heading}</h4> }.into_any(),
        _ => view! { <h5>{heading}</h5> }.into_any(),
    };
    view! {
        <section class=format!("narrative-section depth-{depth}") aria-label=format!("Mục {number}")>
            {heading_view}
            <div class="section-head">
                {title_input}
                {fields::item_buttons(
                    editor,
                    parent_prefix,
                    index,
                    siblings,
                    format!("mục {number}"),
                    siblings_list,
                )}
            </div>
            {blocks(editor, BlockList::Section(path.clone()), &section.blocks)}
            {section_list(editor, path, &section.subsections)}
        </section>
    }
    .into_any()
}

fn text_block(editor: Editor, list: &BlockList, index: usize, block: &TextBlock) -> AnyView {
    let prefix = format!("{}.{index}", list.path());
    let with_block = {
        let list = list.clone();
        move |report: &mut Report, change: &dyn Fn(&mut TextBlock)| {
            if let Some(Block::Text(block)) = report
                .narrative
                .blocks_mut(&list)
                .and_then(|blocks| blocks.get_mut(index))
            {
                change(block);
            }
        }
    };
    let text = block.text.clone();
    let footnote = block.footnote.clone();
    let kind = if block.bullet {
        "Ý (gạch đầu dòng)"
    } else {
        "Đoạn"
    };
    let bullet_id = fields::field_id(&format!("{prefix}.bullet"));
    let on_bullet = {
        let with_block = with_block.clone();
        move |event: leptos::ev::Event| {
            let checked = event_target_checked(&event);
            editor.modify(|doc| with_block(&mut doc.report, &|block| block.bullet = checked));
        }
    };
    view! {
        {field(
            editor,
            format!("{prefix}.text"),
            format!("{kind} {}", index + 1),
            Look::Area,
            move |_: &Report| text.clone(),
            {
                let with_block = with_block.clone();
                move |report: &mut Report, value: Text| {
                    with_block(report, &|block| block.text = value.clone())
                }
            },
        )}
        <div class="block-options">
            <input
                type="checkbox"
                id=bullet_id.clone()
                name=format!("{prefix}.bullet")
                checked=block.bullet
                on:change=on_bullet
            />
            <label for=bullet_id>"In thành gạch đầu dòng"</label>
        </div>
        <details class="footnote" open=!block.footnote.is_blank()>
            <summary>"Chú thích cuối trang"</summary>
            {field(
                editor,
                format!("{prefix}.footnote"),
                format!("Chú thích cuối trang của đoạn {}", index + 1),
                Look::Line,
                move |_: &Report| footnote.clone(),
                move |report: &mut Report, value: Text| {
                    with_block(report, &|block| block.footnote = value.clone())
                },
            )}
        </details>
    }
    .into_any()
}

fn generated_block(editor: Editor, list: &BlockList, index: usize, sentence: String) -> AnyView {
    let key = format!("{}.{index}", list.path());
    let title = editor
        .template
        .with_untracked(|template| sentences::title(template, &sentence));
    let lines = {
        let sentence = sentence.clone();
        move || editor.with_facts(|facts| sentences::lines(facts, &sentence).join("\n"))
    };
    let title_id = format!("t-{}", key.replace('.', "-"));
    view! {
        <p class="generated-title" id=title_id.clone()>{title}</p>
        <output class="generated preformatted" data-derived=key data-sentence=sentence aria-labelledby=title_id>
            {lines}
        </output>
    }
    .into_any()
}

/// The paragraphs of one list, with their buttons and the two ways to add.
fn blocks(editor: Editor, list: BlockList, blocks: &[Block]) -> impl IntoView {
    let prefix = list.path();
    let len = blocks.len();
    let access: ListAccess<Block> = {
        let list = list.clone();
        Arc::new(move |report| report.narrative.blocks_mut(&list))
    };
    // A list is drawn [`DRAWN_AT_ONCE`] paragraphs at a time: a file with
    // thousands of them (sent by mistake, or made to freeze the page) opens
    // at once, and the rest are drawn on request.
    let all: Arc<[Block]> = blocks.into();
    let drawn = RwSignal::new(DRAWN_AT_ONCE.min(len));
    let item = {
        let list = list.clone();
        let prefix = prefix.clone();
        let access = access.clone();
        move |index: usize, block: &Block| {
            let (content, what) = match block {
                Block::Text(text) => (
                    text_block(editor, &list, index, text),
                    format!("đoạn {}", index + 1),
                ),
                Block::Generated { sentence } => (
                    generated_block(editor, &list, index, sentence.clone()),
                    format!("câu tự động {}", index + 1),
                ),
            };
            view! {
                <li class="block">
                    {content}
                    {fields::item_buttons(editor, prefix.clone(), index, len, what, access.clone())}
                </li>
            }
        }
    };
    let items = (0..len)
        .step_by(DRAWN_AT_ONCE)
        .map(move |start| {
            let all = all.clone();
            let item = item.clone();
            move || {
                (drawn.get() > start).then(|| {
                    let end = (start + DRAWN_AT_ONCE).min(len);
                    (start..end)
                        .map(|index| item(index, &all[index]))
                        .collect_view()
                })
            }
        })
        .collect_view();
    let draw_more = move |_| drawn.update(|drawn| *drawn = (*drawn + DRAWN_AT_ONCE).min(len));
    let more = move || {
        (drawn.get() < len).then(|| {
            let label = format!(
                "Hiện thêm đoạn (đang hiện {}/{} đoạn)",
                vi::group_digits(drawn.get() as u64),
                vi::group_digits(len as u64)
            );
            view! { <button type="button" class="draw-more" on:click=draw_more>{label}</button> }
        })
    };
    let select_id = fields::field_id(&format!("{prefix}.add-sentence"));
    let add_sentence = {
        let access = access.clone();
        let prefix = prefix.clone();
        move |event: leptos::ev::Event| {
            let sentence = event_target_value(&event);
            if sentence.is_empty() {
                return;
            }
            let focus = Some(fields::button_id(&prefix, "remove", len));
            editor.restructure(focus, |doc| {
                if let Some(blocks) = access(&mut doc.report) {
                    blocks.push(Block::Generated { sentence });
                }
            });
        }
    };
    // The sentences to choose from are drawn when the select is first
    // reached (focus or click, before it opens): a report has one such
    // select per list of paragraphs, and few are ever used.
    let reached = RwSignal::new(false);
    let fill = move || reached.set(true);
    let template = editor.template.get_untracked();
    let sentence_options = move || {
        reached.get().then(|| {
            template
                .sentences
                .iter()
                .map(|sentence| {
                    view! { <option value=sentence.key.clone()>{sentence.title.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <ol class="blocks">{items}</ol>
        {more}
        <div class="add-row">
            {fields::add_button(
                editor,
                prefix.clone(),
                len,
                "Thêm đoạn văn".to_owned(),
                ".text".to_owned(),
                access,
                || Block::Text(TextBlock::default()),
            )}
            <label for=select_id.clone()>"Thêm câu tự động: "</label>
            <select id=select_id on:change=add_sentence on:focus=move |_| fill() on:mousedown=move |_| fill()>
                <option value="" selected=true>"— chọn câu —"</option>
                {sentence_options}
            </select>
        </div>
    }
}
