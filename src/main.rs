//! Mounts Lectern on the page.

fn main() {
    yew::Renderer::<lectern::App>::new().render();
}
