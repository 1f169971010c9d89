//! Mounts Lectern on the page.

use gloo_timers::callback::Timeout;
use lectern::browser::first_paint;

fn main() {
    // The first render in a task of its own, not in the one that instantiated the
    // WebAssembly: together they were one long task (60–110 ms) before the library could paint.
    Timeout::new(0, || {
        first_paint::keeping_screen(|| {
            yew::Renderer::<lectern::App>::new().render();
        });
    })
    .forget();
}
