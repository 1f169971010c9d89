//! Components mounted in a real browser (headless Chromium, through wasm-bindgen-test): what a
//! reader and a screen reader get from each one.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use articles::search::Query;
use articles::{parse, Article, ParseOptions, Summary};
use lectern::i18n::Lang;
use lectern::shared::Shared;
use lectern::state::{BodyText, Entry, Loadable, Origin};
use lectern::ui::card::{Card, CardProps};
use lectern::ui::header::{Header, HeaderProps};
use lectern::ui::library::{Library, LibraryProps};
use lectern::ui::reader::{Reader, ReaderProps};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::{BaseComponent, Callback};

wasm_bindgen_test_configure!(run_in_browser);

const REFERENCE: &[u8] =
    include_bytes!("../crates/articles/tests/fixtures/seed/000_6ceb1ec26c302d42.md");

fn reference() -> Shared<Article> {
    Shared::new(parse(
        "news/000_6ceb1ec26c302d42.md",
        REFERENCE,
        &ParseOptions::default(),
    ))
}

/// A mounted component and what it wrote to `console.error` (a panic in wasm lands there).
struct Mounted {
    root: Element,
    console_errors: js_sys::Array,
}

impl Mounted {
    fn assert_console_clean(&self) {
        let errors: Vec<String> = self
            .console_errors
            .iter()
            .filter_map(|e| e.as_string())
            .collect();
        assert!(errors.is_empty(), "console errors: {errors:?}");
    }
}

/// Renders a component into a fresh element of the page, recording `console.error` from now on,
/// and waits for it to settle.
async fn mount<C: BaseComponent>(props: C::Properties) -> Mounted {
    let console_errors = js_sys::Array::new();
    let recorder = js_sys::Function::new_with_args(
        "list",
        "return (...args) => { list.push(args.map(String).join(' ')); };",
    )
    .call1(&JsValue::NULL, &console_errors)
    .expect("a recorder");
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).expect("console");
    js_sys::Reflect::set(&console, &"error".into(), &recorder).expect("console.error replaced");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("an element");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        console_errors,
    }
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("nothing matches {selector} in {}", root.inner_html()))
}

fn count_of(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

fn summary(path: &str, text: &str) -> Rc<Summary> {
    Rc::new(Summary::of(
        path,
        &parse(path, text.as_bytes(), &ParseOptions::default()),
    ))
}

#[wasm_bindgen_test]
async fn card_links_to_the_article_and_shows_its_metadata() {
    let mounted = mount::<Card>(yew::props!(CardProps {
        summary: Rc::new(Summary::of("news/000_6ceb1ec26c302d42.md", &reference())),
        lang: Lang::En,
    }))
    .await;
    let root = &mounted.root;
    let link = find(root, "article h2 a");
    assert_eq!(
        link.text_content().as_deref(),
        Some("人民日报：夯实脱贫群众就业增收基本盘")
    );
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#/read/news/000_6ceb1ec26c302d42")
    );
    let time = find(root, "time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2022-02-17T23:32:20Z")
    );
    let categories = find(root, ".categories").text_content().unwrap_or_default();
    assert_eq!(categories, "金融 › 新浪财经 › 新浪财经－国內");
    let cover = find(root, ".card-cover img");
    assert_eq!(
        cover.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(cover.get_attribute("loading").as_deref(), Some("lazy"));
    assert!(find(root, ".byline")
        .text_content()
        .unwrap_or_default()
        .contains("新浪财经"));
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn card_without_cover_has_no_image() {
    let mounted = mount::<Card>(yew::props!(CardProps {
        summary: summary("notes/plain.md", "---\ntitle: Plain\n---\nText."),
        lang: Lang::En,
    }))
    .await;
    let root = &mounted.root;
    assert_eq!(count_of(root, "img"), 0);
    assert_eq!(count_of(root, "article.card-plain"), 1);
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn library_announces_its_count_and_lists_cards() {
    let entries: Vec<Entry> = ["a", "b", "c"]
        .iter()
        .map(|name| Entry {
            summary: summary(&format!("{name}.md"), &format!("# {name}\n\ntext")),
            article: None,
            origin: Origin::Hosted,
        })
        .collect();
    let mounted = mount::<Library>(yew::props!(LibraryProps {
        entries: Shared::new(entries),
        shown: Shared::new(vec![0, 1, 2]),
        library_size: 3,
        catalog: Loadable::Ready(()),
        lang: Lang::En,
        dropped: 2,
    }))
    .await;
    let root = &mounted.root;
    assert_eq!(
        find(root, "[role=status]").text_content().as_deref(),
        Some("3 articles")
    );
    assert_eq!(count_of(root, "article"), 3);
    assert_eq!(
        count_of(root, ".library-tools button"),
        3,
        "export, publish and remove-all for dropped files"
    );
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn the_reader_marks_the_hits_of_the_search_it_was_opened_from() {
    let mounted = mount::<Reader>(yew::props!(ReaderProps {
        article: Loadable::Ready(reference()),
        lang: Lang::En,
        query: Some(Rc::new(Query::parse("脱贫 -nothing"))),
    }))
    .await;
    let root = &mounted.root;
    assert!(count_of(root, ".reader-body mark") > 0);
    let first = find(root, ".reader-body mark").text_content();
    assert_eq!(first.as_deref(), Some("脱贫"));
    assert_eq!(
        count_of(root, "h1 mark"),
        0,
        "the title is the article's own"
    );
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn a_card_marks_what_the_search_found() {
    let mounted = mount::<Card>(yew::props!(CardProps {
        summary: summary("n.md", "---\ntitle: 脱贫攻坚 and Café\n---\nOpening words."),
        lang: Lang::En,
        query: Some(Rc::new(Query::parse("cafe 攻坚 deep"))),
        body: Some(BodyText(Shared::new(parse(
            "n.md",
            b"Opening words. Much later, deep in the body, the word.",
            &ParseOptions::default(),
        )))),
    }))
    .await;
    let root = &mounted.root;
    let marks: Vec<String> = (0..count_of(root, "mark"))
        .filter_map(|i| {
            root.query_selector_all("mark")
                .ok()
                .and_then(|l| l.item(i))
                .and_then(|n| n.text_content())
        })
        .collect();
    assert_eq!(marks, ["攻坚", "Café", "deep"]);
    let excerpt = find(root, ".card-excerpt")
        .text_content()
        .unwrap_or_default();
    assert!(excerpt.contains("deep in the body"), "{excerpt}");
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn a_large_library_lists_a_page_of_cards_at_a_time() {
    let entries: Vec<Entry> = (0..60)
        .map(|n| Entry {
            summary: summary(&format!("{n}.md"), &format!("# Article {n}\n\ntext")),
            article: None,
            origin: Origin::Hosted,
        })
        .collect();
    // Every other article matches: the list shows those, a page at a time.
    let shown: Vec<usize> = (0..60).step_by(2).collect();
    let mounted = mount::<Library>(yew::props!(LibraryProps {
        entries: Shared::new(entries),
        shown: Shared::new(shown),
        library_size: 60,
        catalog: Loadable::Ready(()),
        lang: Lang::En,
        dropped: 0,
    }))
    .await;
    let root = &mounted.root;
    assert_eq!(
        find(root, "[role=status]").text_content().as_deref(),
        Some("30 articles")
    );
    assert_eq!(count_of(root, "article"), 24);
    assert_eq!(
        find(root, "article h2").text_content().as_deref(),
        Some("Article 0")
    );
    let more = find(root, "button.show-more");
    assert_eq!(
        more.text_content().as_deref(),
        Some("Show 6 more (6 not shown yet)")
    );
    more.unchecked_ref::<web_sys::HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(count_of(root, "article"), 30);
    assert_eq!(count_of(root, "button.show-more"), 0);
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn the_filter_panel_counts_values_and_ticks_them_into_the_view() {
    use articles::facets::{count, Facts, Filters};
    use lectern::ui::filters::{FilterPanel, FiltersProps};
    use lectern::view::View;
    let paths = [vec!["金融".to_owned(), "新浪财经".to_owned()]];
    let tags = ["rust".to_owned()];
    let articles = [
        Facts {
            categories: &paths,
            tags: &tags,
            month: Some((2022, 2)),
            source: "hosted",
            ..Facts::default()
        },
        Facts {
            source: "dropped",
            month: Some((2022, 4)),
            ..Facts::default()
        },
    ];
    let (_, counts) = count(articles.iter().cloned(), &Filters::default());
    let chosen: Rc<std::cell::RefCell<Option<View>>> = Rc::default();
    let on_view = {
        let chosen = chosen.clone();
        Callback::from(move |view: View| *chosen.borrow_mut() = Some(view))
    };
    let mounted = mount::<FilterPanel>(FiltersProps {
        view: View::default(),
        counts: Shared::new(counts.clone()),
        lang: Lang::En,
        on_view: on_view.clone(),
        partial: false,
    })
    .await;
    let root = &mounted.root;
    // A library listed whole says nothing of its counts.
    assert_eq!(count_of(root, ".filters-note"), 0);
    let labels: Vec<String> = (0..count_of(root, ".facet li"))
        .filter_map(|i| {
            root.query_selector_all(".facet li")
                .ok()?
                .item(i)?
                .text_content()
        })
        .collect();
    for expected in [
        "金融1",
        "新浪财经1",
        "(none)1",
        "rust1",
        "This site1",
        "My files1",
        "20222",
    ] {
        assert!(
            labels.iter().any(|l| l == expected),
            "{expected} in {labels:?}"
        );
    }
    // Three months from February to April: three bars, the empty March too.
    assert_eq!(count_of(root, ".histogram .bar"), 3);
    let rust = root
        .query_selector_all(".facet li")
        .ok()
        .and_then(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .find(|li| li.text_content().as_deref() == Some("rust1"))
        })
        .and_then(|li| li.dyn_into::<Element>().ok())
        .expect("the rust tag");
    find(&rust, "input")
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    let view = chosen.borrow().clone().expect("a view was chosen");
    assert_eq!(view.filters.tags, ["rust"]);
    mounted.assert_console_clean();
    // A library listed in part counts only what is listed, and says so.
    let partial = mount::<FilterPanel>(FiltersProps {
        view: View::default(),
        counts: Shared::new(counts.clone()),
        lang: Lang::En,
        on_view,
        partial: true,
    })
    .await;
    assert_eq!(
        find(&partial.root, ".filters-note")
            .text_content()
            .as_deref(),
        Some("Counts are of the articles listed so far.")
    );
    partial.assert_console_clean();
}

#[wasm_bindgen_test]
async fn a_library_still_indexing_says_a_search_may_find_more_and_is_busy() {
    let entries = vec![Entry {
        summary: summary("a.md", "# a\n\ntext"),
        article: None,
        origin: Origin::Hosted,
    }];
    let props = |query: Option<&str>| {
        yew::props!(LibraryProps {
            entries: Shared::new(entries.clone()),
            shown: Shared::new(vec![0]),
            query: query.map(|q| Rc::new(Query::parse(q))),
            library_size: 1,
            catalog: Loadable::Ready(()),
            lang: Lang::En,
            indexing: true,
        })
    };
    let searching = mount::<Library>(props(Some("text"))).await;
    let status = find(&searching.root, "[role=status]").text_content();
    assert!(
        status
            .as_deref()
            .is_some_and(|s| s.starts_with("1 article ") && s.contains("still reading")),
        "{status:?}"
    );
    assert_eq!(
        count_of(&searching.root, "section.library[aria-busy=true]"),
        1
    );
    searching.assert_console_clean();
    // Without a search, the whole list is there: only the busy mark tells indexing goes on.
    let listing = mount::<Library>(props(None)).await;
    assert_eq!(
        find(&listing.root, "[role=status]")
            .text_content()
            .as_deref(),
        Some("1 article")
    );
    assert_eq!(
        count_of(&listing.root, "section.library[aria-busy=true]"),
        1
    );
    listing.assert_console_clean();
}

#[wasm_bindgen_test]
async fn empty_library_tells_the_ways_in() {
    let mounted = mount::<Library>(yew::props!(LibraryProps {
        entries: Shared::default(),
        shown: Shared::default(),
        library_size: 0,
        catalog: Loadable::Ready(()),
        lang: Lang::Zh,
        dropped: 0,
    }))
    .await;
    let root = &mounted.root;
    assert_eq!(
        find(root, "[role=status]").text_content().as_deref(),
        Some("0 篇文章")
    );
    let help = find(root, ".empty").text_content().unwrap_or_default();
    assert!(help.contains("打开文件"), "{help}");
    assert_eq!(count_of(root, ".library-tools"), 0);
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn reader_shows_the_reference_article_as_meant() {
    let mounted = mount::<Reader>(yew::props!(ReaderProps {
        article: Loadable::Ready(reference()),
        lang: Lang::En,
    }))
    .await;
    let root = &mounted.root;
    let article = find(root, "article.reader");
    assert_eq!(
        find(&article, "h1").text_content().as_deref(),
        Some("人民日报：夯实脱贫群众就业增收基本盘")
    );
    assert_eq!(
        find(&article, "time").get_attribute("datetime").as_deref(),
        Some("2022-02-17T23:32:20Z")
    );
    let body = find(&article, ".reader-body");
    assert!(count_of(&body, "p") >= 8);
    assert_eq!(count_of(&body, "pre, code, style, script"), 0);
    let text = body.text_content().unwrap_or_default();
    assert!(
        !text.contains("&#123;") && !text.contains("appendQr"),
        "{text}"
    );
    assert_eq!(count_of(&article, ".diagnostics"), 0);
    assert_eq!(
        count_of(root, ".reader-nav button"),
        0,
        "hosted articles cannot be removed"
    );
    assert_eq!(
        find(root, ".reader-nav a").get_attribute("href").as_deref(),
        Some("#/")
    );
    mounted.assert_console_clean();
}

#[wasm_bindgen_test]
async fn reader_lists_diagnostics_in_plain_words() {
    let article = Shared::new(parse(
        "broken.md",
        b"---\ntitle: [unclosed\n---\nBody still here.",
        &ParseOptions::default(),
    ));
    let removed = Rc::new(std::cell::Cell::new(false));
    let on_remove = {
        let removed = removed.clone();
        Callback::from(move |_| removed.set(true))
    };
    let mounted = mount::<Reader>(yew::props!(ReaderProps {
        article: Loadable::Ready(article),
        lang: Lang::En,
        on_remove: Some(on_remove),
    }))
    .await;
    let root = &mounted.root;
    let notes = find(root, ".diagnostics")
        .text_content()
        .unwrap_or_default();
    assert!(notes.contains("invalid YAML on line"), "{notes}");
    assert!(find(root, ".reader-body")
        .text_content()
        .unwrap_or_default()
        .contains("Body still here."));
    let button = find(root, ".reader-nav button");
    assert_eq!(
        button.text_content().as_deref(),
        Some("Remove from library")
    );
    button
        .dyn_into::<web_sys::HtmlElement>()
        .expect("a button element")
        .click();
    assert!(removed.get(), "the removal was reported");
    mounted.assert_console_clean();
}

/// A huge article of the reader's own is searched in its first half megabyte (the index stays
/// quick to build): the reader is told so, and not for an article of ordinary length.
#[wasm_bindgen_test]
async fn a_huge_article_of_my_own_says_search_reads_its_first_part() {
    let long = format!(
        "# Dump\n\n{}",
        "A line of a very long dump.\n\n".repeat(25_000)
    );
    let article = Shared::new(parse("dump.md", long.as_bytes(), &ParseOptions::default()));
    let mounted = mount::<Reader>(yew::props!(ReaderProps {
        article: Loadable::Ready(article),
        lang: Lang::En,
        on_remove: Some(Callback::noop()),
    }))
    .await;
    let notes = find(&mounted.root, ".diagnostics")
        .text_content()
        .unwrap_or_default();
    assert!(
        notes.contains(
            "This article is long: search looks through the first 0.5 MB of its text, of 0.7 MB."
        ),
        "{notes}"
    );
    mounted.assert_console_clean();
    let ordinary = mount::<Reader>(yew::props!(ReaderProps {
        article: Loadable::Ready(reference()),
        lang: Lang::En,
        on_remove: Some(Callback::noop()),
    }))
    .await;
    assert_eq!(count_of(&ordinary.root, ".diagnostics"), 0);
    ordinary.assert_console_clean();
}

#[wasm_bindgen_test]
async fn header_follows_the_interface_contract() {
    let mounted = mount::<Header>(yew::props!(HeaderProps {
        query: String::new(),
        lang: Lang::En,
        on_search: Callback::noop(),
        on_files: Callback::noop(),
    }))
    .await;
    let root = &mounted.root;
    let search = find(root, "input[type=search]");
    assert_eq!(
        search.get_attribute("aria-label").as_deref(),
        Some("Search")
    );
    // Open folder first, as on screen, then Open files.
    for (input, name) in [
        (
            "label input[type=file][multiple][webkitdirectory]",
            "Open folder",
        ),
        (
            "label input[type=file][multiple]:not([webkitdirectory])",
            "Open files",
        ),
    ] {
        let label = find(root, input).parent_element().expect("a label");
        assert_eq!(label.text_content().as_deref().map(str::trim), Some(name));
    }
    let first = find(root, "label").text_content();
    assert_eq!(first.as_deref().map(str::trim), Some("Open folder"));
    mounted.assert_console_clean();
}

/// A reader typing in the first screen's search field as the app takes the page over is in the
/// app's field within the same task: a key pressed before the app's effects run lands there,
/// not on the page's body.
#[wasm_bindgen_test]
fn taking_the_first_screen_over_moves_the_reader_into_the_apps_search_field() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let body = document.body().expect("a body");
    // As the page stands: the screen first, the app's own screen after it.
    let screen = document.create_element("div").expect("an element");
    screen.set_id("first-paint");
    screen.set_inner_html("<input class=\"search\" type=\"search\">");
    let app = document.create_element("div").expect("an element");
    app.set_inner_html("<input class=\"search\" type=\"search\">");
    body.prepend_with_node_1(&app).expect("prepended");
    body.prepend_with_node_1(&screen).expect("prepended");
    let screen_field: web_sys::HtmlInputElement = find(&screen, "input.search").unchecked_into();
    screen_field.set_value("脱贫");
    screen_field.focus().expect("focused");

    let left = lectern::browser::first_paint::take_over().expect("the screen was taken over");

    assert_eq!(left.typed.as_deref(), Some("脱贫"));
    assert!(left.in_search);
    assert!(document.get_element_by_id("first-paint").is_none());
    let app_field = find(&app, "input.search");
    assert_eq!(document.active_element(), Some(app_field.clone()));
    app_field
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value("x");
    assert_eq!(
        lectern::browser::first_paint::typed_since().as_deref(),
        Some("x")
    );
    app.remove();
}
