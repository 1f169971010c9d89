//! The CommonMark 0.31.2 and GFM 0.29 spec examples through the whole body pipeline (tag
//! expansion, Markdown, math, sanitizer): Lectern must give the spec's HTML, as the same
//! sanitizer would pass it, for every example except the listed, deliberate differences.

use articles::body::render;
use articles::sanitize::clean;
use articles::Location;
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    markdown: String,
    html: String,
    example: u32,
    section: String,
}

/// A title no example uses, so no leading heading is taken as the title.
const NO_TITLE: Option<&str> = Some("\u{0}");

/// What Lectern adds to every rendering on purpose: heading anchors, link and image attributes.
fn without_decorations(html: &str) -> String {
    let mut out = html.to_owned();
    for attribute in [
        " rel=\"noopener noreferrer\"",
        " loading=\"lazy\"",
        " decoding=\"async\"",
        " referrerpolicy=\"no-referrer\"",
    ] {
        out = out.replace(attribute, "");
    }
    // Heading ids: ` id="a-…"` on h1–h6.
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(" id=\"a-") {
        let is_heading = rest[..at]
            .rfind('<')
            .is_some_and(|lt| rest[lt..at].starts_with("<h"));
        result.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        let end = after.find('"').map_or(after.len(), |i| i + 1);
        if !is_heading {
            result.push_str(&rest[at..at + 7 + end]);
        }
        rest = &after[end..];
    }
    result.push_str(rest);
    let result = result
        .replace(" style=\"text-align:center\"", " align=\"center\"")
        .replace(" style=\"text-align:left\"", " align=\"left\"")
        .replace(" style=\"text-align:right\"", " align=\"right\"");
    let collapsed = result.split_whitespace().collect::<Vec<_>>().join(" ");
    sort_attributes(
        &collapsed
            .replace("> <", "><")
            .replace("<tbody></tbody>", ""),
    )
}

/// Serializers write attributes in source order; the order carries no meaning.
fn sort_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let mut parts: Vec<&str> = tag.split(' ').collect();
        if parts.len() > 2 && !tag.contains('"')
            || parts
                .iter()
                .skip(1)
                .all(|p| p.contains("=\"") && p.ends_with('"'))
        {
            parts[1..].sort_unstable();
        }
        out.push('<');
        out.push_str(&parts.join(" "));
        out.push('>');
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    out
}

/// Deliberate differences, by example number, and why.
fn known_difference(example: &Example) -> Option<&'static str> {
    let md = &example.markdown;
    if md.contains("[[") || md.contains("{%") || md.contains("{{") {
        return Some("Lectern reads wikilinks and template tags");
    }
    if md.contains('$') {
        return Some("Lectern reads $…$ as math");
    }
    if example.section == "Autolinks" && [608, 611, 612].contains(&example.example) {
        return Some("GFM's extended autolinks make bare URLs and addresses links");
    }
    if example.section.contains("Disallowed Raw HTML") {
        return Some(
            "Lectern drops <title>, <style>, <xmp>… with their content instead of escaping them",
        );
    }
    None
}

fn check(file: &str) -> (usize, Vec<String>) {
    let path = format!(
        "{}/tests/fixtures/commonmark/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("spec JSON");
    let examples: Vec<Example> = serde_json::from_str(&text).expect("valid JSON");
    let location = Location::of(Some(""), "", "");
    let mut failures = Vec::new();
    let mut checked = 0;
    for example in &examples {
        if known_difference(example).is_some() {
            continue;
        }
        checked += 1;
        let ours = without_decorations(&render(&example.markdown, NO_TITLE, &location, "").html);
        let expected = without_decorations(&clean(&example.html, &location));
        if ours != expected {
            failures.push(format!(
                "example {} ({}):\n  markdown: {:?}\n  expected: {expected}\n  lectern:  {ours}",
                example.example, example.section, example.markdown
            ));
        }
    }
    (checked, failures)
}

#[test]
fn commonmark_examples() {
    let (checked, failures) = check("commonmark.0.31.2.json");
    assert!(checked > 600, "only {checked} examples checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn gfm_examples() {
    let (checked, failures) = check("gfm.0.29.json");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
