//! The words of the interface, in English and Simplified Chinese: the fixed strings ([`Text`],
//! in `en.rs` and `zh.rs`) and the messages worded here from what happened (counts, names,
//! sizes).
//!
//! The language follows the browser (`zh*` is Chinese), English by default.

use articles::connections::Related;
use articles::fidelity::Fidelity;

use crate::state::Unlisted;
use en::EN;
use zh::ZH;

mod en;
mod zh;

/// The interface languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The language for a BCP 47 tag such as `navigator.language`.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The other interface language.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The value for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// "3 articles" / "3 篇文章".
    pub fn article_count(self, count: usize) -> String {
        match (self, count) {
            (Lang::En, 1) => "1 article".to_owned(),
            (Lang::En, n) => format!("{n} articles"),
            (Lang::Zh, n) => format!("{n} 篇文章"),
        }
    }

    /// A histogram bar's name: "2021-03: 5 articles".
    pub fn period_count(self, period: &str, count: usize) -> String {
        format!("{period}: {}", self.article_count(count))
    }

    /// A date as the interface writes it: `17 Feb 2022` / `2022年2月17日`, with `, 07:32` /
    /// ` 07:32` when `with_time` and known.
    pub fn date(self, date: &Shown, with_time: bool) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let time = date
            .time
            .filter(|_| with_time)
            .map(|(h, m)| format!("{h:02}:{m:02}"));
        match self {
            Lang::En => {
                let month = MONTHS[usize::from(date.month.clamp(1, 12)) - 1];
                let day = format!("{} {month} {}", date.day, date.year);
                time.map_or(day.clone(), |t| format!("{day}, {t}"))
            }
            Lang::Zh => {
                let day = format!("{}年{}月{}日", date.year, date.month, date.day);
                time.map_or(day.clone(), |t| format!("{day} {t}"))
            }
        }
    }

    /// "Continue reading (45%)".
    pub fn continue_reading(self, fraction: f64) -> String {
        // An integer: printing the float would link Rust's float formatting (some 10 KB).
        let percent = (fraction.clamp(0.0, 1.0) * 100.0).round() as u32;
        match self {
            Lang::En => format!("Continue reading ({percent}%)"),
            Lang::Zh => format!("继续阅读（{percent}%）"),
        }
    }

    /// `today`, `yesterday`, `3 days ago` / `今天`, `昨天`, `3 天前`.
    pub fn days_ago(self, days: i64) -> String {
        match (self, days) {
            (Lang::En, 0) => "today".to_owned(),
            (Lang::En, 1) => "yesterday".to_owned(),
            (Lang::En, n) => format!("{n} days ago"),
            (Lang::Zh, 0) => "今天".to_owned(),
            (Lang::Zh, 1) => "昨天".to_owned(),
            (Lang::Zh, n) => format!("{n} 天前"),
        }
    }

    /// The button that lists more cards: "Show 60 more (of 940 left)".
    pub fn show_more(self, next: usize, remaining: usize) -> String {
        match self {
            Lang::En => format!("Show {next} more ({remaining} not shown yet)"),
            Lang::Zh => format!("再显示 {next} 篇（还有 {remaining} 篇）"),
        }
    }

    /// Said after the count of a large hosted library listed in part: how many of its articles
    /// (or of what the search found in them) are not listed yet.
    pub fn unlisted(self, unlisted: Unlisted) -> String {
        match (self, unlisted) {
            (_, Unlisted::None) => String::new(),
            (Lang::En, Unlisted::Older(n)) => format!("({n} older not listed yet)"),
            (Lang::En, Unlisted::Found(n)) => {
                format!("(and {n} found among older articles, not listed yet)")
            }
            (Lang::Zh, Unlisted::Older(n)) => format!("（另有 {n} 篇较早的文章尚未列出）"),
            (Lang::Zh, Unlisted::Found(n)) => format!("（较早的文章中另找到 {n} 篇，尚未列出）"),
        }
    }

    /// The button that lists more of a large hosted library.
    pub fn list_more(self, unlisted: Unlisted) -> &'static str {
        match (self, unlisted) {
            (Lang::En, Unlisted::Found(_)) => "List more of what was found",
            (Lang::En, _) => "List older articles",
            (Lang::Zh, Unlisted::Found(_)) => "列出更多找到的文章",
            (Lang::Zh, _) => "列出更早的文章",
        }
    }

    /// What happened to the files the reader brought in.
    pub fn files_added(
        self,
        added: usize,
        replaced: usize,
        unchanged: usize,
        skipped: &[String],
        beside: &[String],
    ) -> String {
        let mut parts = Vec::new();
        match self {
            Lang::En => {
                parts.push(format!("Added {}", plural(added, "article")));
                if replaced > 0 {
                    parts.push(format!("{replaced} replaced by a newer version"));
                }
                if unchanged > 0 {
                    parts.push(format!("{unchanged} already in the library"));
                }
                if !beside.is_empty() {
                    parts.push(format!(
                        "{} kept beside one of the same name: {}",
                        beside.len(),
                        named(self, beside)
                    ));
                }
                if !skipped.is_empty() {
                    parts.push(format!(
                        "skipped {} (not an article or an image): {}",
                        plural(skipped.len(), "file"),
                        named(self, skipped)
                    ));
                }
                parts.join("; ") + "."
            }
            Lang::Zh => {
                parts.push(format!("已添加 {added} 篇文章"));
                if replaced > 0 {
                    parts.push(format!("{replaced} 篇已替换为新版本"));
                }
                if unchanged > 0 {
                    parts.push(format!("{unchanged} 篇已在文库中"));
                }
                if !beside.is_empty() {
                    parts.push(format!(
                        "{} 个同名文件另存为：{}",
                        beside.len(),
                        named(self, beside)
                    ));
                }
                if !skipped.is_empty() {
                    parts.push(format!(
                        "跳过 {} 个非文章、非图片文件：{}",
                        skipped.len(),
                        named(self, skipped)
                    ));
                }
                parts.join("；") + "。"
            }
        }
    }

    /// What Lectern made of a large drop, at a glance.
    pub fn fidelity(self, f: &Fidelity) -> String {
        let mended = f.front_matter_repaired + f.front_matter_salvaged;
        match self {
            Lang::En => format!(
                "Titles: {} from front matter, {} from a heading, {} from the file name. Dates: {} read, {} unreadable. Front matter: {} mended or salvaged, {} refused.",
                f.titled_by_front_matter, f.titled_by_heading, f.titled_by_file_name,
                f.dated, f.dates_unreadable, mended, f.front_matter_failed,
            ),
            Lang::Zh => format!(
                "标题：{} 篇来自前言，{} 篇来自标题行，{} 篇来自文件名。日期：{} 篇已读取，{} 篇无法识别。前言：{} 篇经修补或抢救，{} 篇无法读取。",
                f.titled_by_front_matter, f.titled_by_heading, f.titled_by_file_name,
                f.dated, f.dates_unreadable, mended, f.front_matter_failed,
            ),
        }
    }

    /// "Removed “A”." / "已移除《A》。"
    pub fn removed(self, titles: &[&str]) -> String {
        match (self, titles) {
            (Lang::En, [one]) => format!("Removed “{one}”."),
            (Lang::En, many) => format!("Removed {} articles.", many.len()),
            (Lang::Zh, [one]) => format!("已移除《{one}》。"),
            (Lang::Zh, many) => format!("已移除 {} 篇文章。", many.len()),
        }
    }

    /// Storing failed; what still works.
    pub fn storage_failed(self, reason: &str) -> String {
        match self {
            Lang::En => format!(
                "These files could not be kept in this browser ({reason}). They stay readable until you close this tab; files stored earlier are safe."
            ),
            Lang::Zh => format!("无法在此浏览器中保存这些文件（{reason}）。关闭此标签页前仍可阅读；之前保存的文件不受影响。"),
        }
    }

    /// A placeholder for a picture held back: "Picture from img.example".
    pub fn picture_from(self, host: &str) -> String {
        match self {
            Lang::En => format!("Picture from {host}"),
            Lang::Zh => format!("来自 {host} 的图片"),
        }
    }

    /// The button that lets a site's pictures load.
    pub fn load_pictures_from(self, host: &str) -> String {
        match self {
            Lang::En => format!("Load pictures from {host}"),
            Lang::Zh => format!("加载来自 {host} 的图片"),
        }
    }

    /// No storage at all for this page: what still works.
    pub fn no_storage(self, reason: &str) -> String {
        match self {
            Lang::En => format!(
                "This browser keeps nothing for this page ({reason}): the files you open stay readable until you close it."
            ),
            Lang::Zh => format!("此浏览器不为此页面保存任何内容（{reason}）：打开的文件在关闭页面前都可阅读。"),
        }
    }

    /// "Your files use 1.2 MB of this browser’s storage."
    pub fn storage_used(self, bytes: f64) -> String {
        let megabytes = megabytes(bytes);
        match self {
            Lang::En => format!("Your files use {megabytes} of this browser’s storage."),
            Lang::Zh => format!("你的文件占用此浏览器 {megabytes} 存储空间。"),
        }
    }

    /// A long article of the reader's own is searched in its first part only: "This article
    /// is long: search looks through the first 0.5 MB of its text, of 21.5 MB."
    pub fn searched_part(self, searched: usize, total: usize) -> String {
        let (searched, total) = (megabytes(searched as f64), megabytes(total as f64));
        match self {
            Lang::En => format!(
                "This article is long: search looks through the first {searched} of its text, of {total}."
            ),
            Lang::Zh => format!("本文较长：搜索只查找其正文的前 {searched}（共 {total}）。"),
        }
    }

    /// "Reading files: 120 of 10000" / "正在读取文件：120 / 10000".
    pub fn importing(self, done: usize, total: usize) -> String {
        match self {
            Lang::En => format!("Reading files: {done} of {total}"),
            Lang::Zh => format!("正在读取文件：{done} / {total}"),
        }
    }

    /// Why an article is related to the open one: "2 shared tags · links · similar words: a, b".
    pub fn related_because(self, related: &Related) -> String {
        let mut reasons = Vec::new();
        if related.tags > 0 {
            reasons.push(match self {
                Lang::En => plural(related.tags, "shared tag"),
                Lang::Zh => format!("{} 个相同标签", related.tags),
            });
        }
        if related.category {
            reasons.push(self.text().same_category.to_owned());
        }
        if related.linked {
            reasons.push(self.text().linked.to_owned());
        }
        if related.alike {
            let words = related.words.join(", ");
            reasons.push(match (self, words.is_empty()) {
                (Lang::En, true) => "similar wording".to_owned(),
                (Lang::En, false) => format!("similar words: {words}"),
                (Lang::Zh, true) => "用词相近".to_owned(),
                (Lang::Zh, false) => format!("相近用词：{words}"),
            });
        }
        reasons.join(" · ")
    }

    /// "3 min read" / "3 分钟".
    pub fn reading_time(self, minutes: usize) -> String {
        match self {
            Lang::En => format!("{minutes} min read"),
            Lang::Zh => format!("{minutes} 分钟"),
        }
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A date's parts as shown: in the reader's time zone, or as written for a local date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Hour and minute, when the date has a time.
    pub time: Option<(u8, u8)>,
}

/// Fixed interface strings.
pub struct Text {
    pub app_name: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub open_files: &'static str,
    pub open_folder: &'static str,
    pub remove: &'static str,
    pub export: &'static str,
    pub remove_all: &'static str,
    pub export_failed: &'static str,
    pub import_cancelled: &'static str,
    pub updated: &'static str,
    pub cancel: &'static str,
    pub undo: &'static str,
    pub back_to_library: &'static str,
    pub loading: &'static str,
    pub loading_library: &'static str,
    /// After the count while hosted articles' text is not yet searchable.
    pub searching_library: &'static str,
    /// Said beside the count while a search may find more: text still being indexed.
    pub indexing_library: &'static str,
    pub search_failed: &'static str,
    pub no_matches: &'static str,
    pub empty_title: &'static str,
    pub empty_help: &'static str,
    pub drop_here: &'static str,
    pub not_found: &'static str,
    pub catalog_failed: &'static str,
    /// Before the origin of a library from another site.
    pub library_from: &'static str,
    pub article_failed: &'static str,
    pub notes_about_file: &'static str,
    pub by: &'static str,
    pub skip_to_content: &'static str,
    pub filters: &'static str,
    pub show_filters: &'static str,
    pub clear: &'static str,
    pub clear_all: &'static str,
    pub sort_by: &'static str,
    pub sort_auto: &'static str,
    pub sort_newest: &'static str,
    pub sort_oldest: &'static str,
    pub sort_title: &'static str,
    pub sort_relevance: &'static str,
    pub categories: &'static str,
    pub folders: &'static str,
    /// The folder facet's value for articles in no folder.
    pub top_folder: &'static str,
    /// The breadcrumbs' name for the way back to a folder.
    pub folder_path: &'static str,
    pub tags: &'static str,
    pub authors: &'static str,
    pub years: &'static str,
    pub languages: &'static str,
    pub source: &'static str,
    pub hosted: &'static str,
    pub dropped: &'static str,
    pub none_value: &'static str,
    pub dates: &'static str,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub show_all: &'static str,
    pub theme_dark: &'static str,
    pub theme_light: &'static str,
    /// The button that switches to the other language, written in that language.
    pub other_language: &'static str,
    pub other_language_label: &'static str,
    pub shortcuts: &'static str,
    pub close: &'static str,
    /// Each shortcut's keys and what it does.
    pub shortcut_list: [(&'static str, &'static str); 8],
    pub previous_article: &'static str,
    pub next_article: &'static str,
    pub contents: &'static str,
    pub about_file: &'static str,
    pub linked_from: &'static str,
    pub related_articles: &'static str,
    pub same_category: &'static str,
    pub linked: &'static str,
    pub links_not_in_library: &'static str,
    pub graph: &'static str,
    pub graph_legend: &'static str,
    pub file_source: &'static str,
    pub file_encoding: &'static str,
    pub front_matter: &'static str,
    pub unread_only: &'static str,
    pub list_layout: &'static str,
    pub publish: &'static str,
    pub publish_hint: &'static str,
    pub published: &'static str,
    pub publish_failed: &'static str,
    pub remote_images: &'static str,
    /// The choices of "Remote images": load, ask, never.
    pub remote_images_modes: [&'static str; 3],
    pub pictures_held: &'static str,
    pub pictures_never: &'static str,
    /// Under the filters of a library listed in part.
    pub counts_of_listed: &'static str,
    pub read_mark: &'static str,
    pub try_again: &'static str,
}

/// Files named in a message: the first few, then how many more, so a drop of thousands of
/// skipped files says so in a line.
fn named(lang: Lang, names: &[String]) -> String {
    const NAMED: usize = 5;
    let first = &names[..names.len().min(NAMED)];
    match (lang, names.len().saturating_sub(NAMED)) {
        (Lang::En, 0) => first.join(", "),
        (Lang::En, rest) => format!("{} and {rest} more", first.join(", ")),
        (Lang::Zh, 0) => first.join("、"),
        (Lang::Zh, rest) => format!("{} 等另外 {rest} 个", first.join("、")),
    }
}

/// Bytes as megabytes to a tenth: "1.2 MB", written with integers (see `ui/progress.rs`: no
/// float printer).
fn megabytes(bytes: f64) -> String {
    let tenths = (bytes.max(0.0) / 1e5).round() as u64;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `static/first-paint.js` draws the library before the app arrives, in the app's words:
    /// each of its fixed strings, in both languages, is the app's. (Its worded phrases, counts
    /// and dates, are compared with the app's on the page by the end-to-end tests.)
    #[test]
    fn the_first_paint_speaks_as_the_app() {
        let script = include_str!("../../static/first-paint.js");
        for (tag, text) in [("en", EN), ("zh", ZH)] {
            let start = script
                .find(&format!("    {tag}: {{\n      app_name"))
                .unwrap_or_else(|| panic!("first-paint.js has no {tag} words"));
            let block = &script[start..start + script[start..].find("\n    },").unwrap()];
            let [load, ask, never] = text.remote_images_modes;
            let words = [
                ("app_name", text.app_name),
                ("search", text.search),
                ("search_placeholder", text.search_placeholder),
                ("open_files", text.open_files),
                ("open_folder", text.open_folder),
                ("theme_dark", text.theme_dark),
                ("theme_light", text.theme_light),
                ("other_language", text.other_language),
                ("other_language_label", text.other_language_label),
                ("filters", text.filters),
                ("show_filters", text.show_filters),
                ("tags", text.tags),
                ("remote_images", text.remote_images),
                ("list_layout", text.list_layout),
            ];
            let expected = words
                .iter()
                .map(|(key, word)| format!("{key}: '{word}',"))
                .chain([format!(
                    "remote_images_modes: ['{load}', '{ask}', '{never}'],"
                )]);
            for line in expected {
                assert!(block.contains(&line), "first-paint.js ({tag}) lacks {line}");
            }
        }
    }

    #[test]
    fn chinese_for_zh_tags_english_otherwise() {
        assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("ZH"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::Zh.article_count(3), "3 篇文章");
        assert_eq!(Lang::En.article_count(1), "1 article");
    }

    #[test]
    fn storage_is_told_in_megabytes_to_a_tenth() {
        let told = |bytes| Lang::En.storage_used(bytes);
        assert!(told(1_234_567.0).contains(" 1.2 MB "));
        assert!(told(25_960_000.0).contains(" 26.0 MB "));
        assert!(told(0.0).contains(" 0.0 MB "));
    }

    #[test]
    fn a_long_article_searched_in_part_says_how_much() {
        assert_eq!(
            Lang::Zh.searched_part(1 << 19, 21_500_000),
            "本文较长：搜索只查找其正文的前 0.5 MB（共 21.5 MB）。"
        );
    }

    #[test]
    fn why_an_article_is_related() {
        let related = Related {
            id: "x".into(),
            tags: 2,
            category: true,
            linked: true,
            alike: true,
            words: vec!["roses".into(), "tulips".into()],
        };
        assert_eq!(
            Lang::En.related_because(&related),
            "2 shared tags · same category · linked · similar words: roses, tulips"
        );
        let alike = Related {
            id: "x".into(),
            alike: true,
            ..Related::default()
        };
        assert_eq!(Lang::En.related_because(&alike), "similar wording");
        assert_eq!(Lang::Zh.related_because(&alike), "用词相近");
    }

    #[test]
    fn dates_in_each_language() {
        let date = Shown {
            year: 2022,
            month: 2,
            day: 17,
            time: Some((7, 32)),
        };
        assert_eq!(Lang::En.date(&date, true), "17 Feb 2022, 07:32");
        assert_eq!(Lang::En.date(&date, false), "17 Feb 2022");
        assert_eq!(Lang::Zh.date(&date, true), "2022年2月17日 07:32");
        assert_eq!(Lang::Zh.days_ago(3), "3 天前");
        let undated_time = Shown { time: None, ..date };
        assert_eq!(Lang::En.date(&undated_time, true), "17 Feb 2022");
    }

    #[test]
    fn thousands_of_skipped_files_take_one_line() {
        let skipped: Vec<String> = (0..2000).map(|n| format!("f{n}.pdf")).collect();
        assert_eq!(
            Lang::En.files_added(1, 0, 0, &skipped, &[]),
            "Added 1 article; skipped 2000 files (not an article or an image): \
             f0.pdf, f1.pdf, f2.pdf, f3.pdf, f4.pdf and 1995 more."
        );
        assert!(Lang::Zh
            .files_added(1, 0, 0, &skipped[..2], &[])
            .ends_with("f0.pdf、f1.pdf。"));
    }
}
