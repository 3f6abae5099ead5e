//! The browser entry point: mounts the editor into the page.

fn main() {
    bao_cao_cchc::app::start();
}
