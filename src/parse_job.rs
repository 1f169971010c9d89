//! What the page and its worker say to each other, in plain Rust (no browser APIs), so both
//! sides share one definition and it is tested natively.
//!
//! The workers do all the work on the bytes of files, so the page need not carry the code:
//! parsing (`lectern-worker`), unpacking and packing `.zip` archives (`lectern-archiver`) and
//! publishing a site (`lectern-publisher`). A job ([`Job`]) is a batch of files and a [`Task`],
//! each task one program's; a worker says [`FromWorker::Ready`] once it listens, then answers:
//! the files of a parse a few at a time with [`FromWorker::Parsed`] (each article's metadata as
//! JSON, its HTML and text beside the message in one UTF-8 buffer handed over without a copy),
//! each archive of an unpack with [`FromWorker::Unpacked`], a pack with one
//! [`FromWorker::Packed`], and (the parsing workers') a read of a drop's files with one
//! [`FromWorker::Read`]. Each message is its
//! header (one of these types, as JSON) and a payload (the job's files; a reply's
//! body); `wire` puts them into and takes them out of browser messages for both sides.

use std::collections::BTreeMap;
use std::sync::Arc;

use articles::{parse, Article, Location, ParseOptions};
use serde::{Deserialize, Serialize};

mod decoder;
pub mod wire;

pub use decoder::BodyDecoder;

/// A batch of files for the worker. The files (bytes, or a large file's blob) travel beside
/// this header, in the order of `paths`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: u32,
    pub task: Task,
    pub paths: Vec<String>,
}

/// What the worker does with a job's files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Task {
    /// Parse each file as an article, answering a few at a time ([`FromWorker::Parsed`]).
    Parse(Context),
    /// Parse each file as an article, answering each as soon as it is parsed: files sent again
    /// after a worker stopped on one of them (it crashed or stalled), so the page learns which
    /// one it was.
    ParseEach(Context),
    /// Read the files (a drop's, as the browser gave them) into one buffer, their bytes one
    /// after another: the page's reading of a large drop was its longest part (making a blob of
    /// many files costs the thread that makes it some 0.1 ms a file), and the parsing workers
    /// are idle until the drop is read.
    Read,
    /// Unpack each file, a `.zip` archive.
    Unpack,
    /// Pack every file into one `.zip` archive.
    Pack,
    /// Publish a static site: pack the files (the app's own, and the reader's under
    /// `site::SITE_LIBRARY`) with the catalog the engine writes for the reader's articles
    /// (`articles::catalog::library_catalog`, as `cargo xtask index` writes it) beside them.
    Publish,
    /// Parse a few sample articles while no other job has come, answering nothing: WebAssembly
    /// runs fast only once it has run (the worker's `warm_up`). Sent once the page is idle.
    WarmUp,
}

/// What the worker says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// It listens: jobs may come.
    Ready,
    /// The files of job `job` from the one at `first` on are parsed, as many as `articles`:
    /// their articles travel beside this header one after another, each as one run of UTF-8,
    /// its metadata as JSON, its HTML, then its text ([`Lengths`]). In the body, not here: a
    /// header is JSON, and the metadata in it was escaped by the worker and taken apart again
    /// by the page (a 21 MB article's is 3.4 MB). A few articles to a message, as many as the
    /// worker parsed in some milliseconds (a message costs both sides: 500 small articles,
    /// one message each, kept each worker posting for a fifth of its time); one for
    /// [`Task::ParseEach`].
    Parsed {
        job: u32,
        first: usize,
        articles: Vec<Lengths>,
    },
    /// The archive at `index` of job `job` is unpacked: the path and length of each of its
    /// files, whose bytes travel beside this header one after another; or why it could not be.
    Unpacked {
        job: u32,
        index: usize,
        files: Result<Vec<(String, usize)>, String>,
    },
    /// The files of job `job` are packed: the archive travels beside this header; or why not.
    Packed {
        job: u32,
        result: Result<(), String>,
    },
    /// The files of job `job` are read: their bytes travel beside this header, one file's after
    /// another; or why they could not be.
    Read {
        job: u32,
        result: Result<(), String>,
    },
}

impl FromWorker {
    /// The job and the file (or, for a pack, the whole job: 0) an answer is about.
    pub fn answers(&self) -> Option<(u32, usize)> {
        match *self {
            FromWorker::Ready => None,
            FromWorker::Parsed {
                job, first: index, ..
            }
            | FromWorker::Unpacked { job, index, .. } => Some((job, index)),
            FromWorker::Packed { job, .. } | FromWorker::Read { job, .. } => Some((job, 0)),
        }
    }
}

/// Where one parsed article's parts end in a [`FromWorker::Parsed`] answer's body, from its
/// start: its metadata, its HTML, and its text (`total`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lengths {
    pub meta: usize,
    pub html: usize,
    pub total: usize,
}

/// Where the files of a job belong: the same for every file of a drop or of the hosted library.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The URL prefix files beside an article are fetched from (hosted library), if any.
    pub asset_root: Option<String>,
    /// The prefix of the articles' ids (`dropped/` for the reader's files).
    pub id_root: String,
    /// Files brought in beside the articles, by path, and the `blob:` URL of each.
    pub assets: BTreeMap<String, String>,
    /// An encoding the reader chose, overriding detection.
    pub encoding: Option<String>,
}

impl Context {
    /// A parser for the files of this context; the assets are shared by all of them.
    pub fn parser(&self) -> impl Fn(&str, &[u8]) -> Article + '_ {
        let assets = Arc::new(self.assets.clone());
        move |path, bytes| {
            let mut location = Location::of(self.asset_root.as_deref(), &self.id_root, path);
            location.assets = assets.clone();
            let options = ParseOptions {
                location,
                encoding: self.encoding.clone(),
                ..ParseOptions::default()
            };
            parse(path, bytes, &options)
        }
    }
}

/// One parsed file on its way from the worker to the page (and kept with the file it came
/// from, so a reload need not parse it again).
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The article without its HTML and text, as JSON.
    pub meta: String,
    pub html: String,
    pub text: String,
}

impl Parsed {
    pub fn of(mut article: Article) -> Parsed {
        let html = std::mem::take(&mut article.html);
        let text = std::mem::take(&mut article.text);
        // An article is plain data (strings, numbers, lists): serializing it cannot fail, and
        // the fallback still names the file.
        let meta = serde_json::to_string(&article).unwrap_or_else(|error| {
            serde_json::to_string(&Article::unreadable(&article.name, &error.to_string()))
                .unwrap_or_default()
        });
        Parsed { meta, html, text }
    }

    /// `article`'s, its metadata as written already (by the worker, or read back from storage):
    /// writing a large one out again is a long task.
    pub fn written(meta: String, article: &Article) -> Parsed {
        Parsed {
            meta,
            html: article.html.clone(),
            text: article.text.clone(),
        }
    }

    /// Writes the metadata, the HTML and the text at the end of `body`, as one run of UTF-8 to
    /// hand over whole (taken back by [`BodyDecoder`]), and says where they end.
    pub fn write_to(&self, body: &mut Vec<u8>) -> Lengths {
        for part in [&self.meta, &self.html, &self.text] {
            body.extend_from_slice(part.as_bytes());
        }
        Lengths {
            meta: self.meta.len(),
            html: self.html.len(),
            total: self.meta.len() + self.html.len() + self.text.len(),
        }
    }

    /// The article again, and its metadata as written (to store it without writing it out
    /// again); an error when the metadata is not an article's.
    pub fn article(self) -> Result<(Article, String), String> {
        let mut article: Article =
            serde_json::from_str(&self.meta).map_err(|error| error.to_string())?;
        article.html = self.html;
        article.text = self.text;
        Ok((article, self.meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_crosses_to_the_page_unchanged() {
        let context = Context {
            id_root: "dropped/".into(),
            assets: BTreeMap::from([("posts/a.png".into(), "blob:x/1".into())]),
            ..Context::default()
        };
        let parse = context.parser();
        let article = parse(
            "posts/hello.md",
            "---\ntitle: Hello\ntags: [a, b]\nextra: {n: 1.5, odd: [.nan, .inf, -.inf]}\n---\n\n![a](a.png)\n\nText 文字."
                .as_bytes(),
        );
        assert!(article.html.contains("blob:x/1"), "{}", article.html);
        let parsed = Parsed::of(article.clone());
        assert!(!parsed.meta.contains("blob:x/1"), "the body travels apart");
        let mut body = b"before".to_vec();
        let lengths = parsed.write_to(&mut body);
        let body = &body[6..];
        assert_eq!(lengths.total, body.len());
        let mut decoder = BodyDecoder::new(lengths.meta, lengths.html, lengths.total);
        let parsed = decoder.push(body).and_then(|()| decoder.finish());
        let crossed = parsed.and_then(Parsed::article).map(|(article, _)| article);
        assert_eq!(crossed, Ok(article));
    }

    #[test]
    fn numbers_json_cannot_write_still_cross() {
        let article = Context::default().parser()("a.md", b"+++\nx = nan\ny = -inf\n+++\n\nBody");
        let fields = format!("{:?}", Parsed::of(article).article().map(|(a, _)| a.fields));
        assert!(
            fields.contains("NaN") && fields.contains("-inf"),
            "{fields}"
        );
    }

    #[test]
    fn the_readers_encoding_is_used() {
        let context = Context {
            encoding: Some("gbk".into()),
            ..Context::default()
        };
        // "中文" in GBK.
        let article = context.parser()("a.md", &[0xD6, 0xD0, 0xCE, 0xC4]);
        assert_eq!(article.text, "中文");
    }

    #[test]
    fn messages_round_trip() {
        let parse = Task::Parse(Context {
            id_root: "dropped/".into(),
            encoding: Some("GBK".into()),
            ..Context::default()
        });
        for task in [
            parse,
            Task::ParseEach(Context::default()),
            Task::Read,
            Task::Unpack,
            Task::Pack,
            Task::Publish,
            Task::WarmUp,
        ] {
            let job = Job {
                id: 7,
                task,
                paths: vec!["a.md".into(), "文/b.md".into()],
            };
            let text = serde_json::to_string(&job).expect("a job is plain data");
            assert_eq!(serde_json::from_str::<Job>(&text).ok(), Some(job));
        }
        for reply in [
            FromWorker::Ready,
            FromWorker::Parsed {
                job: 7,
                first: 1,
                articles: vec![
                    Lengths {
                        meta: 15,
                        html: 12,
                        total: 40,
                    },
                    Lengths::default(),
                ],
            },
            FromWorker::Unpacked {
                job: 7,
                index: 0,
                files: Ok(vec![("a.md".into(), 3), ("图/b.png".into(), 0)]),
            },
            FromWorker::Unpacked {
                job: 7,
                index: 1,
                files: Err("not a readable zip archive".into()),
            },
            FromWorker::Packed {
                job: 7,
                result: Ok(()),
            },
            FromWorker::Read {
                job: 7,
                result: Err("a file was removed".into()),
            },
        ] {
            let text = serde_json::to_string(&reply).expect("a reply is plain data");
            assert_eq!(serde_json::from_str::<FromWorker>(&text).ok(), Some(reply));
        }
    }

    #[test]
    fn metadata_that_is_not_an_article_is_an_error() {
        let parsed = Parsed {
            meta: "{}".into(),
            html: String::new(),
            text: String::new(),
        };
        assert!(parsed.article().is_err());
    }
}
