//! The browser shell: Leptos components over the pure core.

use leptos::prelude::*;

pub fn start() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let count = RwSignal::new(0);
    view! { <button on:click=move |_| *count.write() += 1>"Báo cáo mới " {count}</button> }
}
