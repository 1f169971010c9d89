//! The filter panel: order, date range with a histogram, and the facets (categories as a tree,
//! tags, authors, years, languages, source), each value with how many articles it would give.
//!
//! Every change produces a new [`View`] for the address; the panel holds no filter state of its
//! own. On narrow screens it folds behind a button.

use articles::facets::{Counts, Facet, Filters, Month, NONE};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::shared::Shared;
use crate::state::{DROPPED, HOSTED};
use crate::view::{month_text, parse_month, Sort, View};

/// Values a facet lists before "Show all".
const SHORT_LIST: usize = 8;

/// Months in a histogram before it shows years instead.
const MAX_BARS: usize = 60;

#[derive(Properties, PartialEq)]
pub struct FiltersProps {
    pub view: View,
    pub counts: Shared<Counts>,
    pub lang: Lang,
    pub on_view: Callback<View>,
    /// Whether the library is listed in part (a large hosted one): the counts are of the
    /// listed articles only, and the panel says so.
    #[prop_or_default]
    pub partial: bool,
}

#[function_component]
pub fn FilterPanel(props: &FiltersProps) -> Html {
    let text = props.lang.text();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let active = active_count(&props.view.filters);
    // Clears the filters; the search and the order are not filters.
    let clear_all = edit_view(&props.view, &props.on_view, |view, _: MouseEvent| {
        view.filters = Filters::default()
    });
    let sort = edit_view(&props.view, &props.on_view, |view, event: Event| {
        if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
            view.sort = Sort::from_name(&select.value());
        }
    });
    let unread = edit_view(&props.view, &props.on_view, |view, _: Event| {
        view.unread = !view.unread
    });
    let counts = &props.counts;
    let lists = Facet::LISTED.map(|facet| {
        html! {
            <FacetList facet={facet} view={props.view.clone()} counts={counts.clone()}
                lang={props.lang} on_view={props.on_view.clone()} />
        }
    });
    html! {
        <aside class={classes!("filters", open.then_some("filters-open"))} aria-label={text.filters}>
            <button type="button" class="button button-quiet filters-toggle" aria-expanded={open.to_string()}
                onclick={toggle}>
                { text.show_filters }
                if active > 0 { { format!(" ({active})") } }
            </button>
            <div class="filters-body">
                <div class="filters-head">
                    <h2>{ text.filters }</h2>
                    if active > 0 {
                        <button type="button" class="link-button" onclick={clear_all}>{ text.clear_all }</button>
                    }
                </div>
                <label class="filters-sort">{ text.sort_by }
                    <select onchange={sort}>
                        { for [Sort::Auto, Sort::Newest, Sort::Oldest, Sort::Title, Sort::Relevance].iter().map(|&s| html! {
                            <option value={s.name()} selected={props.view.sort == s}>{ sort_label(props.lang, s) }</option>
                        }) }
                    </select>
                </label>
                <label class="unread-only">
                    <input type="checkbox" checked={props.view.unread} onchange={unread} />
                    { text.unread_only }
                </label>
                if props.partial {
                    <p class="filters-note">{ text.counts_of_listed }</p>
                }
                <DateRange view={props.view.clone()} months={counts.months.clone()} lang={props.lang}
                    on_view={props.on_view.clone()} />
                { for lists }
            </div>
        </aside>
    }
}

/// A callback that emits the view as `edit` leaves it. Every control of the panel is one, so
/// none keeps filter state of its own and each says only what it changes.
fn edit_view<E: 'static>(
    view: &View,
    on_view: &Callback<View>,
    edit: impl Fn(&mut View, E) + 'static,
) -> Callback<E> {
    let (view, on_view) = (view.clone(), on_view.clone());
    Callback::from(move |event: E| {
        let mut next = view.clone();
        edit(&mut next, event);
        on_view.emit(next);
    })
}

fn sort_label(lang: Lang, sort: Sort) -> &'static str {
    let text = lang.text();
    match sort {
        Sort::Auto => text.sort_auto,
        Sort::Newest => text.sort_newest,
        Sort::Oldest => text.sort_oldest,
        Sort::Title => text.sort_title,
        Sort::Relevance => text.sort_relevance,
    }
}

/// How many selections are active.
fn active_count(filters: &Filters) -> usize {
    Facet::LISTED
        .iter()
        .map(|facet| facet.selected(filters).len())
        .sum::<usize>()
        + usize::from(filters.from.is_some() || filters.to.is_some())
}

/// A facet's name in the panel.
fn title(facet: Facet, lang: Lang) -> &'static str {
    let text = lang.text();
    match facet {
        Facet::Category => text.categories,
        Facet::Folder => text.folders,
        Facet::Tag => text.tags,
        Facet::Author => text.authors,
        Facet::Year => text.years,
        Facet::Lang => text.languages,
        Facet::Source => text.source,
        Facet::Dates => text.dates,
    }
}

/// How a folder reads in the tree and the breadcrumbs: its own name; the reader's files (all
/// below `dropped/`) are "My files"; articles in no folder are in the top folder.
pub fn folder_name(path: &[String], lang: Lang) -> String {
    let text = lang.text();
    match path {
        [] => text.top_folder.to_owned(),
        // The reader's files' paths start with their source's name (`dropped/…`).
        [only] if only == DROPPED => text.dropped.to_owned(),
        path => path.last().cloned().unwrap_or_default(),
    }
}

/// How a value reads.
fn label(facet: Facet, value: &[String], lang: Lang) -> String {
    let text = lang.text();
    match (facet, value) {
        (Facet::Category, []) => text.none_value.to_owned(),
        (Facet::Category, path) => path.last().cloned().unwrap_or_default(),
        (Facet::Folder, path) => folder_name(path, lang),
        (Facet::Source, [v]) if v == HOSTED => text.hosted.to_owned(),
        (Facet::Source, [v]) if v == DROPPED => text.dropped.to_owned(),
        (_, [v]) if v == NONE => text.none_value.to_owned(),
        (_, [v]) => v.clone(),
        _ => String::new(),
    }
}

#[derive(Properties, PartialEq)]
struct FacetListProps {
    facet: Facet,
    view: View,
    counts: Shared<Counts>,
    lang: Lang,
    on_view: Callback<View>,
}

#[function_component]
fn FacetList(props: &FacetListProps) -> Html {
    let text = props.lang.text();
    let all = use_state(|| false);
    let facet = props.facet;
    let selected = facet.selected(&props.view.filters);
    let mut values = facet.counted(&props.counts);
    // Selected values stay listed (to be unticked) even when nothing has them now.
    for chosen in &selected {
        if !values.iter().any(|(v, _)| v == chosen) {
            values.push((chosen.clone(), 0));
        }
    }
    if values.is_empty() {
        return html! {};
    }
    let total = values.len();
    // Categories keep their tree order; other facets list the largest first.
    if !facet.is_tree() && facet != Facet::Year {
        values.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    let shown = if *all { total } else { SHORT_LIST.min(total) };
    let toggle = |value: Vec<String>| {
        let selected = selected.clone();
        edit_view(&props.view, &props.on_view, move |view, _: Event| {
            let mut values = selected.clone();
            match values.iter().position(|v| *v == value) {
                Some(at) => {
                    values.remove(at);
                }
                None => values.push(value.clone()),
            }
            facet.select(&mut view.filters, values);
        })
    };
    let clear = edit_view(&props.view, &props.on_view, move |view, _: MouseEvent| {
        facet.select(&mut view.filters, Vec::new())
    });
    let title = title(facet, props.lang);
    html! {
        <fieldset class="facet">
            <legend>{ title }</legend>
            if !selected.is_empty() {
                <button type="button" class="link-button facet-clear" onclick={clear}
                    aria-label={format!("{} {title}", text.clear)}>{ text.clear }</button>
            }
            <ul>
                { for values.iter().take(shown).map(|(value, count)| {
                    let depth = if facet.is_tree() { value.len().saturating_sub(1) } else { 0 };
                    html! {
                        <li style={format!("--depth: {depth}")}>
                            <label>
                                <input type="checkbox" checked={selected.contains(value)}
                                    onchange={toggle(value.clone())} />
                                <span class="facet-value">{ label(facet, value, props.lang) }</span>
                                <span class="facet-count">{ count }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if total > SHORT_LIST {
                <button type="button" class="link-button" aria-expanded={all.to_string()}
                    onclick={{ let all = all.clone(); Callback::from(move |_: MouseEvent| all.set(!*all)) }}>
                    { if *all { text.clear.to_owned() } else { format!("{} ({total})", text.show_all) } }
                </button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct DateRangeProps {
    view: View,
    months: std::collections::BTreeMap<Month, usize>,
    lang: Lang,
    on_view: Callback<View>,
}

/// From and to months, and a histogram of articles per month (per year for long spans) whose
/// bars select their period.
#[function_component]
fn DateRange(props: &DateRangeProps) -> Html {
    let text = props.lang.text();
    let set = |to: bool| {
        edit_view(&props.view, &props.on_view, move |view, event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let month = parse_month(&input.value());
            if to {
                view.filters.to = month;
            } else {
                view.filters.from = month;
            }
        })
    };
    let filters = &props.view.filters;
    let bars = histogram(&props.months);
    let highest = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    html! {
        <fieldset class="facet dates">
            <legend>{ text.dates }</legend>
            <div class="date-inputs">
                <label>{ text.date_from }
                    <input type="month" value={filters.from.map(month_text).unwrap_or_default()} onchange={set(false)} />
                </label>
                <label>{ text.date_to }
                    <input type="month" value={filters.to.map(month_text).unwrap_or_default()} onchange={set(true)} />
                </label>
            </div>
            if bars.len() > 1 {
                <div class="histogram">
                    { for bars.into_iter().map(|Bar { from, to, count, label }| {
                        let pick = edit_view(&props.view, &props.on_view, move |view, _: MouseEvent| {
                            view.filters.from = Some(from);
                            view.filters.to = Some(to);
                        });
                        let chosen = filters.from.is_some_and(|f| f <= from) && filters.to.is_some_and(|t| t >= to);
                        html! {
                            <button type="button" class={classes!("bar", chosen.then_some("bar-chosen"))}
                                style={format!("--height: {}%", 8 + count * 92 / highest)}
                                title={props.lang.period_count(&label, count)}
                                aria-label={props.lang.period_count(&label, count)} onclick={pick}></button>
                        }
                    }) }
                </div>
            }
        </fieldset>
    }
}

/// One bar of the date histogram: the period it stands for (and selects), and its articles.
struct Bar {
    from: Month,
    to: Month,
    count: usize,
    label: String,
}

/// The histogram's bars: every month of the span (empty ones too), or every year when the span
/// is long.
fn histogram(months: &std::collections::BTreeMap<Month, usize>) -> Vec<Bar> {
    let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
        return Vec::new();
    };
    let span = (last.0 - first.0) * 12 + i32::from(last.1) - i32::from(first.1) + 1;
    if usize::try_from(span).unwrap_or(usize::MAX) <= MAX_BARS {
        let mut bars = Vec::new();
        let mut month = first;
        while month <= last {
            let count = months.get(&month).copied().unwrap_or(0);
            bars.push(Bar {
                from: month,
                to: month,
                count,
                label: month_text(month),
            });
            month = if month.1 == 12 {
                (month.0 + 1, 1)
            } else {
                (month.0, month.1 + 1)
            };
        }
        bars
    } else {
        (first.0..=last.0)
            .map(|year| {
                let count = months.range((year, 1)..=(year, 12)).map(|(_, n)| n).sum();
                Bar {
                    from: (year, 1),
                    to: (year, 12),
                    count,
                    label: year.to_string(),
                }
            })
            .collect()
    }
}
