//! The release build's download, measured as static hosts serve it (gzip -9 and brotli), and
//! held to a budget by `cargo xtask test`: sizes are deterministic, so unlike timings they can
//! be tests.
//!
//! The first paint's part is what the browser fetches before a hosted library can paint
//! (`index.html`, the style sheet, its icon and `first-paint.js`, which draws the newest cards
//! from the catalog); the app's (its script and wasm) is fetched beside it, and the page is
//! the two: all it takes before the library is live (searchable, filterable) and before a
//! reader's own files can show. The worker's part (its loader, script and wasm) is fetched
//! once the library is listed and the page is idle, or by the first article parsed before
//! then; the rest (the service worker, the manifest and its
//! icon) once the page has loaded. The worker's modules are fetched only when a file needs them
//! (the encoding detector for a file neither UTF-8 nor marked by a byte-order mark, TeX math
//! for an article with a formula, TOML for a file with TOML front matter), and the other worker programs only when the reader does
//! what they are for (the archiver, `.zip` archives in and out; the publisher, publishing a
//! site): they are measured, and not counted in the whole.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::run::Result;
use crate::{build, modules, single_file};

/// The most the page may weigh gzipped, in bytes: today's size and a little room. The goal is
/// 200 KB; see BENCHMARKS.md for how far the build is from it and what holds it there. Lower
/// it with every cut; raise it only with a reason in the commit message. Raised from 385 KB for
/// the hosted search index's reader (whole-text, exact search of a hosted library) and SIMD,
/// then from 392 KB for holding other sites' pictures (the reader's privacy setting), then from
/// 408 KB for connected reading (the reader's files' backlinks and related articles, worked out
/// on the page where their index is, the hosted library's connection shards, link previews
/// and the graph of an article's links: +29 KB). Lowered to 426 KB when the page stopped
/// linking Rust's float parsing and fixed-precision formatting (−13 KB); raised to 428 KB for
/// hosted search at a million articles (the union summed per article, ordered passes instead
/// of binary searches: two common words' search work 430 → 15 ms; +1.5 KB) and breathing by
/// messages rather than timers (+0.5 KB). Lowered to 416 KB when the page's sorts became
/// unstable ones (exact where keys are unique) and maps stopped being built by `collect`
/// (each stable sort linked was kilobytes: −15 KB), net of listing stored articles before
/// indexing them (+3 KB); raised to 417 KB for starting the parsing worker when the page is
/// idle and indexing a drop as it arrives (+0.8 KB: a drop searchable 3 s sooner of 13).
/// Lowered to 415 KB when Rust's float printing left the page (a percentage printed as an
/// `f64`: −7 KB), net of listing a large hosted library's shards as they are wanted and
/// finding a linked article's shard through the catalog's files of ids (+2 KB). Raised to
/// 420 KB for listing the reader's kept files from their stored summaries before reading the
/// files, and reading a drop's files several at once (+4.5 KB: 10 000 kept articles listed
/// 1.1 s sooner after a reload, of 2.6 s). Raised to 421 KB for the page's early request of
/// the catalog (its inline script, +0.2 KB: the first card ~180 ms sooner on loopback) and a
/// "remove all" during that reading staying removed, or coming back whole with an undo (+1 KB).
/// Raised to 422 KB for storing a kept library parsed again at a reload only where it is still
/// stored: a "remove all" during that parsing had every file come back (+0.4 KB). Lowered to
/// 420 KB when a drop's files were read by `Blob.arrayBuffer()` instead of gloo's FileReader
/// (−1.9 KB, and 1 000 files listed some 10 % sooner). Lowered to 419 KB when the page stored
/// the worker's own metadata of an article instead of writing it out again (no `Serialize`
/// for articles on the page: −1.4 KB, and a 21.5 MB article's longest task ~70 → under 50 ms).
/// Lowered to 418 KB when the style sheet shipped without its comments (−1.3 KB), net of a
/// hosted search of a query that comes whole (pasted, linked) not waiting for a pause in the
/// typing (+0.1 KB: a million articles' cold "other ex" 620 → some 520 ms at 9 Mbps). Raised
/// to 419.5 KB for reading a drop's files 64 at a time, as one blob made of them (+1.1 KB: 500
/// files handed to the workers some 120 ms sooner, ~190 → ~70 ms after the hand-over), then
/// to 420 KB for a huge article of the reader's own saying that search reads its first half
/// megabyte (+0.4 KB). Raised to 421 KB for the hosted index's version 6 (skips, article
/// numbers read apart from their scores: a million articles' "一個认配" 370 → 238 KB fetched,
/// 587 → 485 ms at 9 Mbps) and the filter panel saying a library listed in part is counted over
/// what is listed (+0.6 KB together). Raised to 427 KB for the first paint (`first-paint.js`,
/// 3.3 KB, and the app's side of it, taking the screen over and the responses the script
/// fetched: +2.3 KB): the library paints from 10.5 KB instead of 421 KB. Raised to 428 KB for
/// drawing the app's screen behind the first paint a part a task (+1.2 KB): the start's longest
/// task after the first card, some 130 ms, is now mostly under 50 ms. Raised to 428.5 KB for
/// the worker programs' addresses (the archiver's and the publisher's, +0.1 KB) and a reader in
/// the first screen's search field staying in a search field as the app mounts and takes over
/// (+0.3 KB: the focus was lost, and what they typed next with it). Raised to 429.5 KB for a
/// drop's files read by the parsing workers rather than the page (+1.1 KB): making a blob of
/// many files costs the thread that makes it some 0.1 ms a file, and 10 000 dropped files kept
/// the page busy for a second reading them. Raised to 432 KB for indexing a drop's articles
/// as the workers parse them (+1.4 KB: 1 000 generated files searchable some 15 % sooner) and
/// for the workers' answers a few articles to a message (+1 KB: a message costs both sides,
/// and 500 small articles, one message each, kept each worker posting for a fifth of its time).
/// Raised to 432.5 KB for a one-letter prefix's postings of its own (+0.3 KB: 100 000
/// articles' `m` 19.6 → 11.5 ms) and the facets counted over a search's matches in document
/// order (+0.3 KB: the facet table read in order, not jumping about; 100 000 articles' `mi`
/// 16.0 → 5.7 ms). Raised to 432.7 KB when html5ever's table of named character references
/// was patched (vendor/web_atoms): nothing of it is on the page, but the engine's dependencies
/// changing changes its symbols' hashes, and with them the order the optimizers see the page's
/// code in and what they inline (+0.2 KB: four functions fewer, 225 bytes more, the same
/// source). Raised to 433 KB for a reader in the first screen's search field moved into the
/// app's in the same task as the app takes the screen over (+0.2 KB: a key pressed before the
/// app's effects ran went to the page's body and was lost, as a CI run's typing once was).
/// Raised to 433.5 KB for the index's canonical form written in one pass (+0.3 KB: 500
/// articles like the reference one searchable 1.07× sooner), the service worker registered
/// once the library is listed and no drop is being read (+0.2 KB: the list live some 25 %
/// sooner at the start) and the folding of characters neither ASCII nor CJK remembered
/// (+0.3 KB: the Hexo corpus indexed natively 22 % faster). Lowered to 430.7 KB when the app
/// allocated with Talc rather than dlmalloc (−3 KB, no slower), and raised back to 433.5 KB
/// when it went back to dlmalloc (ARCHITECTURE.md, decisions: a wasm trap seen under Talc).
/// Raised to 433.7 KB for the top bar kept clear of (the style sheet's lines: the filters
/// beside the list and a heading the outline jumped to were under it; it is one row where it
/// stays in view and scrolls away on narrower screens) and a heading jumped to focused; to
/// 433.9 KB for a phone's top bar in two rows rather than three and the list's head in two
/// rather than three (the first card 366 → 280 px down a 375 px screen); to 434.2 KB for the
/// indexing of a reload's stored articles filling each idle time (`IdleDeadline`: searchable in
/// 2.2 s rather than 4.3 with 10 000).
pub const PAGE_BUDGET: usize = 434_200;

/// The most the first paint may weigh gzipped (goal: 200 KB before the library paints):
/// today's size and a little room.
pub const FIRST_PAINT_BUDGET: usize = 11_000;

/// The most the whole build may weigh, gzipped (goal: 500 KB). Raised from 1 160 KB for the
/// front matter repair and salvage and the fidelity summary in the worker, then from 1 180 KB
/// for the hosted search index's reader on the page, then from 1 190 KB for the pictures
/// setting on the page and publishing a site from the browser (the catalog and search index
/// writers in the worker), then from 1 240 KB for connected reading (on the page, and the
/// connection shards Publish… writes, in the worker); lowered to 1 274 KB with the page's cut,
/// then raised to 1 275 KB for the search index's word-pair filter (page and worker: a quoted
/// phrase over 100 000 articles 59 → 13 ms), then to 1 277 KB with the page's (above);
/// lowered to 1 265 KB with the page's, then raised to 1 266 KB with it, then lowered to
/// 1 265 KB with it; raised to 1 267 KB for the index's short-prefix entries and the names
/// in the files of ids, which Publish… writes in the worker (a million-article query's last
/// letters 4.7 MB → 0.15–0.3 MB; a wiki link by name one file, not a walk of the shards);
/// raised to 1 272 KB with the page's, then to 1 273 KB with it; raised to 1 277 KB for the
/// index's pairs of common words and its dense postings (the writer, in the worker for
/// Publish…, and the reader on the page: a million articles' "chore features" 1 073 KB →
/// 61 KB, and `syntax n` 70 files → 20); lowered to 1 275 KB with the page's; raised to
/// 1 276 KB for storing a large article without a long task (its blob made a piece a task,
/// its HTML searched for `blob:` URLs by memchr's memmem: +0.3 KB on the page; a 21.5 MB
/// article's longest task ~100 → ~70 ms); lowered to 1 275 KB with the page's, then to
/// 1 274 KB with it; raised to 1 275 KB with it, then to 1 276 KB with it, then to 1 277 KB
/// with it; raised to 1 283 KB with it (the first paint); raised to 1 292 KB for the workers'
/// warm-up (four sample articles and the code that parses them when the page is idle, +9.1 KB:
/// the Hexo corpus dropped on a page open a few seconds, some 1 200 → 750 ms, and 500 articles
/// like the reference article some 900 → 560 ms). Lowered to 1 141 KB when the worker stopped
/// carrying tables of legacy encodings: it decodes them with the browser's `TextDecoder`, and
/// their detector (chardetng) is a module of its own, fetched only for a file not in UTF-8
/// (−151 KB). Lowered to 1 097 KB when TeX math (pulldown-latex) left it for a module of its
/// own, fetched only for an article with a formula (−44 KB); then to 1 054 KB when the worker
/// stopped carrying Unicode IDNA tables (ICU4X's, through the `url` crate the sanitizer parses
/// with): the engine writes internationalised hosts in ASCII itself (−44 KB). Lowered to
/// 921 KB when `.zip` archives and Publish's catalog and search index writers left the parsing
/// worker for worker programs of their own, the archiver and the publisher, fetched only when
/// a reader drops or exports an archive or publishes a site (−133 KB); then to 889 KB when
/// TOML front matter (the `toml` crate) became a module of its own, fetched only for a file
/// that has it (−32 KB), then raised to 889.5 KB with the page's, and to 891 KB with the page's
/// and the worker's side of reading a drop's files in the workers (+1.7 KB); raised to
/// 893.5 KB with the page's (indexing a drop as it is parsed, and answers a few to a message),
/// then to 894 KB with it (a one-letter prefix's postings, the facets counted in document
/// order); raised to 894.5 KB for a search term's one posting kept in place, not in an
/// allocation of its own (+0.2 KB on the page: 500 articles like the reference one indexed
/// natively in 64–76 ms rather than 88–100, their index 16.8 → 14.3 MB); raised to 896.5 KB
/// for sanitizing Markdown's own HTML in one scan, without html5ever (+1.7 KB in the worker:
/// the engine natively 1.78 → 1.44× pulldown-cmark + ammonia's time on the corpora and
/// fixtures; the Hexo corpus dropped 714 → 632 ms, median of six, A/B in one run), then to
/// 897 KB for HTML comments left out of Markdown before it is written (+0.5 KB: a Hexo post's
/// `<!-- more -->` no longer sends it to ammonia; the Hexo corpus with one in every file parsed
/// natively in 258 ms rather than 318), then to 897.5 KB for raw inline tags (`<b>`,
/// `<a href="…">`, `<br>`…) read by that scan too (+0.3 KB: the engine natively 1.43 → 1.33×
/// pulldown-cmark + ammonia's time on the corpora and fixtures). Lowered to 830.5 KB when
/// html5ever's table of named character references became the 2 231 names sorted, searched
/// by bisection, rather than a perfect-hash map of every name and every prefix of one, 9 854
/// entries (vendor/web_atoms: −67 KB, an import's time unchanged); raised to 831 KB with the
/// page's, then to 831.7 KB for the excerpt marker found in raw HTML only (+0.6 KB in the
/// worker: a marker quoted in code no longer ends the excerpt, nor renders the body before it
/// a second time; the Hexo corpus parsed natively in 136–150 ms rather than 152–159). Lowered
/// to 830.7 KB when ammonia's output was written straight into the string's bytes rather than
/// through `Display` and a formatter, and a UTF-8 file checked once rather than twice (−1.2 KB
/// in the worker; 500 articles like the reference one parsed natively 4 % faster). Lowered to
/// 825 KB when the page and the workers allocated with Talc rather than dlmalloc (−6 KB), and
/// raised back to 830.7 KB when they went back to dlmalloc, then to 830.9 KB with the page's,
/// and to 831.1 KB with the page's (a phone's top bar) and the worker's (+0.2 KB: comments and
/// bare links read in one pass, no longer quadratic), then to 831.4 KB with the page's (a
/// reload's indexing filling each idle time).
pub const TOTAL_BUDGET: usize = 831_400;

/// A download's size: as stored, gzipped at level 9 and compressed with brotli at quality 11.
#[derive(Clone, Copy, Debug, Default)]
pub struct Size {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// The first paint's, the app's, the worker's and the rest's downloads, and the single file's
/// (which holds the page and the worker, for opening from disk; not part of the hosted
/// download).
#[derive(Clone, Copy, Debug, Default)]
pub struct Sizes {
    pub first_paint: Size,
    pub app: Size,
    pub worker: Size,
    pub rest: Size,
    /// Fetched only for a file in a legacy encoding; not in [`total`](Self::total).
    pub detector: Size,
    /// Fetched only for an article with TeX math; not in [`total`](Self::total).
    pub math: Size,
    /// Fetched only for a file with TOML front matter; not in [`total`](Self::total).
    pub toml: Size,
    /// The archiver, fetched only to unpack or make a `.zip` archive; not in
    /// [`total`](Self::total).
    pub archiver: Size,
    /// The publisher, fetched only to publish a site; not in [`total`](Self::total).
    pub publisher: Size,
    pub single_file: Size,
}

impl Sizes {
    /// The page: its first paint and the app.
    pub fn page(&self) -> Size {
        let mut page = self.first_paint;
        page += self.app;
        page
    }

    pub fn total(&self) -> Size {
        let mut total = self.page();
        total += self.worker;
        total += self.rest;
        total
    }
}

/// Files fetched once the page has loaded: the service worker, the manifest and its icon
/// (the page's own icon is hashed, `icon-<hash>.svg`).
const AFTER_LOAD: &[&str] = &["sw.js", "manifest.webmanifest", "icon.svg"];

/// Measures the build in `dist`: every file at its top level but the catalog's (`articles/`)
/// and the host's headers.
pub fn measure(dist: &Path) -> Result<Sizes> {
    let mut sizes = Sizes::default();
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() || name.starts_with('_') {
            continue;
        }
        let size = of(&path)?;
        if name == single_file::NAME {
            sizes.single_file = size;
        } else if name == modules::DETECTOR.file {
            sizes.detector = size;
        } else if name == modules::MATH.file {
            sizes.math = size;
        } else if name == modules::TOML.file {
            sizes.toml = size;
        } else if name == build::SITE_FILES {
            // Fetched only to publish a site.
            continue;
        } else if name.starts_with(single_file::ARCHIVER) {
            sizes.archiver += size;
        } else if name.starts_with(single_file::PUBLISHER) {
            sizes.publisher += size;
        } else if name.starts_with(single_file::PARSER) || name.starts_with("worker-loader") {
            sizes.worker += size;
        } else if AFTER_LOAD.contains(&name.as_ref()) {
            sizes.rest += size;
        } else if name.starts_with("lectern-") && (name.ends_with(".js") || name.ends_with(".wasm"))
        {
            sizes.app += size;
        } else {
            sizes.first_paint += size;
        }
    }
    Ok(sizes)
}

/// Fails when the build in `dist` is over budget; prints its sizes either way.
pub fn check(dist: &Path) -> Result {
    let sizes = measure(dist)?;
    let kb = |bytes: usize| bytes as f64 / 1000.0;
    eprintln!(
        "download, gzip -9: first paint {:.1} KB (budget {:.0} KB), page {:.1} KB (budget {:.0} KB), page and worker {:.1} KB (budget {:.0} KB); single file {:.0} KB ({:.0} KB raw)",
        kb(sizes.first_paint.gzip),
        kb(FIRST_PAINT_BUDGET),
        kb(sizes.page().gzip),
        kb(PAGE_BUDGET),
        kb(sizes.total().gzip),
        kb(TOTAL_BUDGET),
        kb(sizes.single_file.gzip),
        kb(sizes.single_file.raw),
    );
    if sizes.first_paint.gzip > FIRST_PAINT_BUDGET
        || sizes.page().gzip > PAGE_BUDGET
        || sizes.total().gzip > TOTAL_BUDGET
    {
        return Err("the build is over its download budget (xtask/src/bundle.rs)".into());
    }
    Ok(())
}

/// The size of the file at `path`.
pub fn of(path: &Path) -> Result<Size> {
    of_quality(path, 11)
}

/// The size of the file at `path`, brotli at `quality` (11 is what hosts precompress the app
/// with; megabytes of catalog take minutes at 11 in a debug build, so they are measured at 5).
pub fn of_quality(path: &Path, quality: i32) -> Result<Size> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    gzip.write_all(&bytes).map_err(|e| e.to_string())?;
    let gzip = gzip.finish().map_err(|e| e.to_string())?.len();
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)
        .map_err(|e| e.to_string())?;
    Ok(Size {
        raw: bytes.len(),
        gzip,
        brotli: brotli.len(),
    })
}
