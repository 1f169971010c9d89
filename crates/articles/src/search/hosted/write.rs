//! Writing the hosted index: articles are added in catalog order, then the whole is cut into
//! files (see the module's documentation for the format).

use foldhash::HashMap;

use super::varint::put;
use super::{stream_file, terms_file, Meta, Stream, CHUNK, LABEL_HIT, OTHER_HITS, TERMS_PER_SHARD};
use super::{TITLE_HIT, VERSION};
use crate::search::fold::canonical_into;
use crate::search::index::Document;
use crate::search::tokens::{touching, Positions, Token};

/// The index being written.
#[derive(Debug, Default)]
pub struct Writer {
    terms: HashMap<Box<str>, Postings>,
    documents: u32,
}

/// One term's postings so far, encoded as they come.
#[derive(Debug, Default)]
struct Postings {
    count: u32,
    last: u32,
    docs: Vec<u8>,
    scores: Vec<u8>,
    lengths: Vec<u8>,
    positions: Vec<u8>,
}

/// A term's hits in the article being added.
#[derive(Debug, Default)]
struct Hits {
    score: u8,
    positions: Vec<u32>,
}

/// Where in an article a field is, for its hits' score.
#[derive(Clone, Copy)]
enum Field {
    Title,
    Label,
    Other,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Adds the next article (numbered in the order added).
    pub fn add(&mut self, document: &Document) {
        let mut fields = vec![(Field::Title, document.title)];
        fields.extend(document.labels.iter().map(|l| (Field::Label, *l)));
        fields.push((Field::Other, document.summary));
        fields.push((Field::Other, document.body));
        let texts: Vec<(Field, String)> = fields
            .into_iter()
            .map(|(field, text)| {
                let mut canonical = String::new();
                canonical_into(text, &mut canonical);
                (field, canonical)
            })
            .collect();
        let mut hits: HashMap<&str, Hits> = HashMap::default();
        let mut walk = Positions::default();
        for (field, text) in &texts {
            let mut tokens = Vec::new();
            walk.field(text, |at, token| tokens.push((at, token)));
            // The previous token, if a CJK letter touching this one: with it, a pair.
            let mut letter: Option<(u32, &str)> = None;
            for (at, token) in tokens {
                let here = token.text();
                add_hit(&mut hits, here, *field, Some(at));
                let Token::Letter(_) = token else {
                    letter = None;
                    continue;
                };
                // A pair is where its first letter is.
                if let Some((first, before)) = letter.filter(|&(before, _)| touching(before, at)) {
                    add_hit(&mut hits, joined(text, before, here), *field, Some(first));
                }
                letter = Some((at, here));
            }
        }
        let doc = self.documents;
        for (key, hits) in hits {
            let postings = match self.terms.get_mut(key) {
                Some(postings) => postings,
                None => self.terms.entry(key.into()).or_default(),
            };
            postings.push(doc, hits);
        }
        self.documents += 1;
    }

    /// The index's files (name, bytes) and what the catalog says of them.
    pub fn finish(self) -> (Meta, Vec<(String, Vec<u8>)>) {
        let mut terms: Vec<(Box<str>, Postings)> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut files = Vec::new();
        let mut meta = Meta {
            version: VERSION,
            documents: self.documents,
            chunk: CHUNK as u32,
            ..Meta::default()
        };
        let (mut postings, mut positions) = (Vec::new(), Vec::new());
        for (number, shard) in terms.chunks(TERMS_PER_SHARD).enumerate() {
            let mut out = Vec::new();
            put(&mut out, postings.len() as u64);
            put(&mut out, positions.len() as u64);
            let mut previous: &str = "";
            for (key, term) in shard {
                let shared = shared_prefix(previous, key);
                put(&mut out, shared as u64);
                let rest = &key.as_bytes()[shared..];
                put(&mut out, rest.len() as u64);
                out.extend_from_slice(rest);
                put(&mut out, u64::from(term.count));
                let before = (postings.len(), positions.len());
                term.encode(&mut postings, &mut positions);
                put(&mut out, (postings.len() - before.0) as u64);
                put(&mut out, (positions.len() - before.1) as u64);
                previous = key;
            }
            if let Some((first, _)) = shard.first() {
                meta.terms.push(first.to_string());
            }
            files.push((terms_file(number), out));
        }
        for (stream, bytes) in [(Stream::Postings, postings), (Stream::Positions, positions)] {
            let chunks = bytes.chunks(CHUNK);
            let count = chunks.len() as u32;
            files.extend(
                chunks
                    .enumerate()
                    .map(|(n, chunk)| (stream_file(stream, n), chunk.to_vec())),
            );
            match stream {
                Stream::Postings => meta.postings = count,
                Stream::Positions => meta.positions = count,
            }
        }
        (meta, files)
    }
}

impl Postings {
    fn push(&mut self, doc: u32, hits: Hits) {
        put(
            &mut self.docs,
            u64::from(doc - if self.count == 0 { 0 } else { self.last }),
        );
        self.last = doc;
        self.count += 1;
        self.scores.push(hits.score);
        let before = self.positions.len();
        let mut last = 0;
        for at in hits.positions {
            put(&mut self.positions, u64::from(at - last));
            last = at;
        }
        put(&mut self.lengths, (self.positions.len() - before) as u64);
    }

    fn encode(&self, postings: &mut Vec<u8>, positions: &mut Vec<u8>) {
        postings.extend_from_slice(&self.docs);
        postings.extend_from_slice(&self.scores);
        postings.extend_from_slice(&self.lengths);
        positions.extend_from_slice(&self.positions);
    }
}

/// Counts a hit of `key` in `field`, at `position` if the term keeps positions.
fn add_hit<'a>(
    hits: &mut HashMap<&'a str, Hits>,
    key: &'a str,
    field: Field,
    position: Option<u32>,
) {
    let entry = hits.entry(key).or_default();
    entry.score = scored(entry.score, field);
    entry.positions.extend(position);
}

/// Two touching slices of `text` as one.
fn joined<'a>(text: &'a str, first: &'a str, second: &'a str) -> &'a str {
    let start = first.as_ptr() as usize - text.as_ptr() as usize;
    text.get(start..start + first.len() + second.len())
        .unwrap_or(first)
}

/// A score byte with one more hit in `field`.
fn scored(score: u8, field: Field) -> u8 {
    match field {
        Field::Title => score | TITLE_HIT,
        Field::Label => score | LABEL_HIT,
        Field::Other if score & OTHER_HITS < OTHER_HITS => score + 1,
        Field::Other => score,
    }
}

fn shared_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}
