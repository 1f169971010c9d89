//! Marking a search's hits in an article already on the page, and bringing the first into view.

use articles::search::highlight::hits;
use articles::search::Query;
use web_sys::{Element, Node};

/// `NodeFilter.SHOW_TEXT`.
const SHOW_TEXT: u32 = 4;

/// Wraps every hit of `query` in the text under `root` in `<mark>`; returns the first mark.
pub fn mark_hits(root: &Element, query: &Query) -> Option<Element> {
    let document = root.owner_document()?;
    let walker = document
        .create_tree_walker_with_what_to_show(root, SHOW_TEXT)
        .ok()?;
    // Collected first: replacing nodes while walking would derail the walker.
    let mut texts: Vec<Node> = Vec::new();
    while let Ok(Some(node)) = walker.next_node() {
        texts.push(node);
    }
    let mut first = None;
    for node in texts {
        let text = node.text_content().unwrap_or_default();
        let found = hits(&text, query);
        let (Some(parent), false) = (node.parent_node(), found.is_empty()) else {
            continue;
        };
        let fragment = document.create_document_fragment();
        let mut at = 0;
        for hit in found {
            if hit.start > at {
                let _ = fragment.append_child(&document.create_text_node(&text[at..hit.start]));
            }
            let Ok(mark) = document.create_element("mark") else {
                continue;
            };
            mark.set_text_content(Some(&text[hit.clone()]));
            let _ = fragment.append_child(&mark);
            first.get_or_insert(mark);
            at = hit.end;
        }
        if at < text.len() {
            let _ = fragment.append_child(&document.create_text_node(&text[at..]));
        }
        let _ = parent.replace_child(&fragment, &node);
    }
    first
}
