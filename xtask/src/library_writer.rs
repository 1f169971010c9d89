//! A hosted library's catalog written as its articles come, in list order, memory bounded: each
//! shard of summaries is written as it fills, and the search index's postings are spilled to
//! disk past a budget (`hosted::SpillingWriter`). For libraries too large to hold (a million
//! articles is some 5 GB of text): `cargo xtask index` on a large folder and `bench scale`.
//!
//! Its files are byte for byte those of [`articles::catalog::split`] for the same articles (a
//! test holds it), build name included: the name is FNV-1a over the files in the order
//! `name_build` hashes them, and that is the order they are written in here. It writes no
//! connections (backlinks and related articles need the whole library's text in memory).

use std::path::{Path, PathBuf};

use articles::catalog::{id_files, Catalog, Shard, Summary, SCHEMA_VERSION, SHARD_DIR};
use articles::search::hosted::{Meta, SpillingWriter};

use crate::run::Result;

/// Where the files go while the build's name is not known yet.
const STAGING: &str = "index/building/";
/// Where the index writer spills its runs of postings.
const RUNS: &str = "index/runs/";

pub struct LibraryWriter {
    dir: PathBuf,
    shard_size: usize,
    /// Summaries of the shard being filled.
    shard: Vec<Summary>,
    /// The names of the shards written, in order.
    shards: Vec<String>,
    /// Every article's id and title, in list order (for the files saying which shard holds
    /// each, by id and by the names a link may use).
    ids: Vec<(String, String)>,
    search: SpillingWriter,
    /// FNV-1a of the files so far, as `name_build` mixes them.
    hash: u64,
    count: usize,
    catalog_bytes: usize,
}

/// What a [`LibraryWriter`] wrote.
pub struct Written {
    pub count: usize,
    /// The search index's description, as the catalog has it.
    pub meta: Meta,
    /// The build's folder, relative to the library.
    pub build: String,
    /// Bytes and files of the search index.
    pub index_bytes: usize,
    pub index_files: usize,
    /// Bytes of the catalog's shards.
    pub catalog_bytes: usize,
    /// Runs of postings the index writer spilled to disk.
    pub runs: usize,
}

impl LibraryWriter {
    /// A writer into `dir` (its `index/` is replaced), with shards of `shard_size` articles
    /// and at most `budget` bytes of postings held in memory.
    pub fn new(dir: &Path, shard_size: usize, budget: usize) -> Result<LibraryWriter> {
        let index = dir.join(SHARD_DIR);
        if index.exists() {
            std::fs::remove_dir_all(&index).map_err(|e| format!("{}: {e}", index.display()))?;
        }
        let staging = dir.join(STAGING).join("search");
        std::fs::create_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
        Ok(LibraryWriter {
            dir: dir.to_owned(),
            shard_size: shard_size.max(1),
            shard: Vec::new(),
            shards: Vec::new(),
            ids: Vec::new(),
            search: SpillingWriter::new(&dir.join(RUNS), budget),
            hash: FNV_OFFSET,
            count: 0,
            catalog_bytes: 0,
        })
    }

    /// The next article in list order: its summary and its text.
    pub fn add(&mut self, summary: Summary, text: &str) -> Result {
        // A full shard is written when the next article comes: a library of exactly one shard
        // is listed in `index.json` itself, as `split` lists it.
        if self.shard.len() == self.shard_size {
            self.write_shard()?;
        }
        self.search.add(&summary.document(&summary.labels(), text));
        self.ids.push((summary.id.clone(), summary.title.clone()));
        self.shard.push(summary);
        self.count += 1;
        Ok(())
    }

    fn write_shard(&mut self) -> Result {
        let name = format!("articles-{:04}.json", self.shards.len());
        let shard = Shard {
            articles: std::mem::take(&mut self.shard),
        };
        let bytes = serde_json::to_vec(&shard).map_err(|e| e.to_string())?;
        self.hash = mix(self.hash, &format!("{SHARD_DIR}{name}"), &bytes);
        self.catalog_bytes += bytes.len();
        write(&self.dir.join(STAGING).join(&name), &bytes)?;
        self.shards.push(name);
        Ok(())
    }

    /// Writes the rest: the last shard, the search index, the build's folder under its name
    /// and `index.json`. A library of one shard or less is listed in `index.json` itself.
    pub fn finish(mut self) -> Result<Written> {
        let inline = self.shards.is_empty();
        let articles = if inline {
            std::mem::take(&mut self.shard)
        } else {
            if !self.shard.is_empty() {
                self.write_shard()?;
            }
            Vec::new()
        };
        let staging = self.dir.join(STAGING);
        let (mut hash, mut index_bytes, mut index_files) = (self.hash, 0, 0);
        let runs = self.search.runs();
        let mut meta = self
            .search
            .finish_into(|name, bytes| {
                hash = mix(hash, &format!("{SHARD_DIR}{name}"), &bytes);
                index_bytes += bytes.len();
                index_files += 1;
                std::fs::write(staging.join(&name), bytes)
            })
            .map_err(|e| format!("writing the search index into {}: {e}", staging.display()))?;
        let (id_count, ids) = if inline {
            (0, Vec::new())
        } else {
            id_files(
                self.ids
                    .iter()
                    .map(|(id, title)| (id.as_str(), title.as_str())),
                self.shard_size,
            )
        };
        for (path, bytes) in &ids {
            hash = mix(hash, path, bytes);
            let file = staging.join(path.strip_prefix(SHARD_DIR).unwrap_or(path));
            if let Some(folder) = file.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| format!("{}: {e}", folder.display()))?;
            }
            write(&file, bytes)?;
        }
        let runs_dir = self.dir.join(RUNS);
        if runs_dir.exists() {
            std::fs::remove_dir_all(&runs_dir)
                .map_err(|e| format!("{}: {e}", runs_dir.display()))?;
        }
        let build = format!("{SHARD_DIR}{hash:016x}/");
        let built = self.dir.join(&build);
        std::fs::rename(&staging, &built).map_err(|e| format!("{}: {e}", built.display()))?;
        meta.dir = build.clone();
        let catalog = Catalog {
            schema: SCHEMA_VERSION,
            count: self.count,
            articles,
            shards: self
                .shards
                .iter()
                .map(|name| format!("{build}{name}"))
                .collect(),
            shard_size: if inline { 0 } else { self.shard_size },
            id_files: id_count,
            search_index: Some(meta.clone()),
            build: build.clone(),
            ..Catalog::default()
        };
        let json = serde_json::to_vec(&catalog).map_err(|e| e.to_string())?;
        write(&self.dir.join("index.json"), &json)?;
        Ok(Written {
            count: self.count,
            meta,
            build,
            index_bytes,
            index_files,
            catalog_bytes: self.catalog_bytes,
            runs,
        })
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// `hash` with a file mixed in as `articles::catalog::name_build` mixes it: its path, its
/// length (8 bytes, little-endian), its bytes.
fn mix(hash: u64, path: &str, bytes: &[u8]) -> u64 {
    let len = (bytes.len() as u64).to_le_bytes();
    [path.as_bytes(), &len, bytes]
        .iter()
        .flat_map(|part| part.iter())
        .fold(hash, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate;

    /// Every file under `dir`, by path relative to it.
    fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut all = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(at) = stack.pop() {
            for entry in std::fs::read_dir(&at).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    let name = path.strip_prefix(dir).unwrap_or(&path);
                    all.push((name.to_string_lossy().into_owned(), bytes));
                }
            }
        }
        all.sort();
        all
    }

    #[test]
    fn writes_what_split_writes_with_postings_spilled() {
        let root =
            std::env::temp_dir().join(format!("lectern-library-writer-{}", std::process::id()));
        for (count, shard_size) in [(7, 10), (25, 10)] {
            let articles = generate::catalog(count).expect("the corpora are in the repository");
            let (whole, streamed) = (root.join("whole"), root.join("streamed"));
            std::fs::create_dir_all(&whole).expect("a temporary folder");
            crate::index::write_split(&whole, articles.clone(), shard_size).expect("written");
            // A budget of one byte spills a run after every article.
            let mut writer = LibraryWriter::new(&streamed, shard_size, 1).expect("a writer");
            for (summary, text) in articles {
                writer.add(summary, &text).expect("added");
            }
            let written = writer.finish().expect("finished");
            assert_eq!(written.count, count);
            let (streamed, whole) = (files(&streamed), files(&whole));
            let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
                files.iter().map(|(name, _)| name.clone()).collect()
            };
            assert_eq!(names(&streamed), names(&whole), "{count} articles");
            for ((name, a), (_, b)) in streamed.iter().zip(&whole) {
                assert!(a == b, "{name} differs ({count} articles)");
            }
            std::fs::remove_dir_all(&root).expect("cleaned up");
        }
    }
}
