//! The browser shell of the CCHC report editor: Leptos components over the
//! pure core ([`cchc_core`]), mounted into the page.

mod app;

fn main() {
    app::start();
}
