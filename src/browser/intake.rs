//! How the reader hands Lectern files: dropped anywhere on the page (files, folders), or
//! pasted. File inputs live in the header; all of them end as a [`Given`].

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Event;
use yew::{Callback, UseStateSetter};

use crate::browser::{files, folder_drop};

/// What the reader gives Lectern: files (taken from the event at once, as inputs and drops
/// empty their lists afterwards; named later, `files::named`), a dropped folder's entries, or
/// pasted text.
pub enum Given {
    Files(files::Chosen),
    Entries(Vec<web_sys::FileSystemEntry>),
    Text(String),
}

/// A name for pasted text: `pasted-2026-11-29-153000.md`.
pub fn pasted_name() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "pasted-{:04}-{:02}-{:02}-{:02}{:02}{:02}.md",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

/// Listens for files dragged over and dropped anywhere on the page, and for pasted Markdown.
pub fn drop_listeners(
    window: &web_sys::Window,
    dragging: UseStateSetter<bool>,
    add_files: Callback<Given>,
) -> [EventListener; 4] {
    // `dragover` and `drop` must cancel the browser's default, which opens the file.
    let active = EventListenerOptions::enable_prevent_default();
    let over = {
        let dragging = dragging.clone();
        EventListener::new_with_options(window, "dragover", active, move |event| {
            if carries_files(event) {
                event.prevent_default();
                dragging.set(true);
            }
        })
    };
    let leave = {
        let dragging = dragging.clone();
        EventListener::new(window, "dragleave", move |event| {
            // Leaving for another element of the page is not leaving the page.
            let left_page = event
                .dyn_ref::<web_sys::MouseEvent>()
                .is_some_and(|e| e.related_target().is_none());
            if left_page {
                dragging.set(false);
            }
        })
    };
    let drop = {
        let add_files = add_files.clone();
        EventListener::new_with_options(window, "drop", active, move |event| {
            event.prevent_default();
            dragging.set(false);
            let Some(transfer) = event
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|e| e.data_transfer())
            else {
                return;
            };
            // Entries must be taken now; a script-made drop has none, so fall back to files.
            let entries = folder_drop::entries(&transfer);
            add_files.emit(if entries.is_empty() {
                Given::Files(files::from_list(transfer.files()))
            } else {
                Given::Entries(entries)
            });
        })
    };
    let paste = EventListener::new(window, "paste", move |event| {
        let typing = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        let Some(clipboard) = event
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|e| e.clipboard_data())
        else {
            return;
        };
        if typing {
            return;
        }
        if clipboard.files().is_some_and(|f| f.length() > 0) {
            add_files.emit(Given::Files(files::from_list(clipboard.files())));
        } else if let Ok(text) = clipboard.get_data("text/plain") {
            if !text.trim().is_empty() {
                add_files.emit(Given::Text(text));
            }
        }
    });
    [over, leave, drop, paste]
}

fn carries_files(event: &Event) -> bool {
    event
        .dyn_ref::<web_sys::DragEvent>()
        .and_then(|e| e.data_transfer())
        .is_some_and(|t| {
            t.types()
                .iter()
                .any(|ty| ty.as_string().as_deref() == Some("Files"))
        })
}
