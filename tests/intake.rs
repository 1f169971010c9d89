//! Files as a reader's browser hands them to the page (a file input, a drop), read in a real
//! browser (headless Chromium, through wasm-bindgen-test): what is kept, in order, byte for byte.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use lectern::browser::files::{from_list, named, read, Import};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).expect("the browser makes a file")
}

/// Files are read several at a time, as one blob made of them, and cut apart again by their
/// sizes: every file must come back whole, under its own name, in the order given, whichever
/// group it fell in (a large one is read alone).
#[wasm_bindgen_test]
async fn files_read_together_come_back_whole_and_in_order() {
    let mut given = Vec::new();
    let mut expected = Vec::new();
    for n in 0..150 {
        let (name, bytes) = match n {
            // A picture (kept beside the articles), an empty article, a file Lectern skips, and
            // one larger than a group's bytes.
            40 => ("pic.png".to_owned(), (0..=255).collect::<Vec<u8>>()),
            41 => ("empty.md".to_owned(), Vec::new()),
            42 => ("notes.bin".to_owned(), vec![1, 2, 3]),
            90 => ("large.md".to_owned(), "大".repeat(2_000_000).into_bytes()),
            n => (
                format!("folder/{n}.md"),
                format!("# 文章 {n}\n\n{}", "字".repeat(n * 37)).into_bytes(),
            ),
        };
        if name != "notes.bin" {
            expected.push((name.clone(), bytes.clone()));
        }
        given.push((name.clone(), file(&name, &bytes)));
    }
    let import = Import {
        cancelled: Rc::new(Cell::new(false)),
        progress: yew::Callback::noop(),
    };
    let picked = read(given, &import).await.expect("not cancelled");
    assert_eq!(picked.skipped, vec!["notes.bin".to_owned()]);
    assert!(picked.beside.is_empty());
    let kept: Vec<(String, Vec<u8>)> = picked
        .kept
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect();
    assert_eq!(kept.len(), expected.len());
    for (got, want) in kept.iter().zip(&expected) {
        assert_eq!(got.0, want.0);
        assert!(got.1 == want.1, "the bytes of {} differ", want.0);
    }
}

/// A file input's or a drop's list is taken with one call while its event lasts and named
/// later: every file comes back, in order, under its name.
#[wasm_bindgen_test]
async fn a_file_list_is_taken_whole_and_named_in_order() {
    let transfer = web_sys::DataTransfer::new().expect("the browser makes a data transfer");
    let names: Vec<String> = (0..300).map(|n| format!("note-{n}.md")).collect();
    for name in &names {
        let added = transfer.items().add_with_file(&file(name, name.as_bytes()));
        added.expect("the browser adds a file");
    }
    let given = named(from_list(transfer.files())).await;
    let paths: Vec<&str> = given.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(paths, names);
    assert!(given.iter().all(|(path, file)| file.name() == *path));
    assert!(named(from_list(None)).await.is_empty());
}

/// Going to a place in an article moves the focus there, so a keyboard's next Tab goes on from
/// it: a heading is made focusable from script only, and a link keeps its place in the Tab
/// order.
#[wasm_bindgen_test]
fn a_place_gone_to_takes_the_focus_and_a_link_stays_in_the_tab_order() {
    use wasm_bindgen::JsCast;

    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let body = document.body().expect("a body");
    let holder = document.create_element("div").expect("an element");
    holder.set_inner_html(
        r##"<h2 id="place-heading">A section</h2><a id="place-link" href="#x">A link</a>"##,
    );
    body.append_child(&holder).expect("appended");
    let focused = || document.active_element().map(|e| e.id());

    assert!(lectern::browser::page::scroll_to_id("place-heading"));
    assert_eq!(focused().as_deref(), Some("place-heading"));
    let heading = document
        .get_element_by_id("place-heading")
        .expect("the heading");
    assert_eq!(heading.get_attribute("tabindex").as_deref(), Some("-1"));

    assert!(lectern::browser::page::scroll_to_id("place-link"));
    assert_eq!(focused().as_deref(), Some("place-link"));
    let link = document
        .get_element_by_id("place-link")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("the link");
    assert_eq!(link.get_attribute("tabindex"), None);
    assert_eq!(link.tab_index(), 0);

    assert!(!lectern::browser::page::scroll_to_id("no-such-place"));
    holder.remove();
}
