//! The Content-Security-Policy of the built page: what the browser lets run even if an article
//! slipped something past the sanitizer.
//!
//! Scripts come only from the app's own files, plus its inline bootstrap scripts by their
//! SHA-256 hash (Trunk writes one, with this build's hashed file names in it, and `index.html`
//! has the theme script); never `'unsafe-inline'` or `'unsafe-eval'`. `'wasm-unsafe-eval'` is
//! what compiling WebAssembly needs. Images and media may come from anywhere an article points
//! (an image cannot run code); frames only from the video players the sanitizer keeps.
//!
//! The policy goes into the page as a `<meta http-equiv>` (every static host honours it) and
//! into `_headers` (Netlify, Cloudflare Pages) for hosts that send headers, where
//! `frame-ancestors`, which a `<meta>` cannot carry, is added.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::run::Result;

/// The hosts whose players an article may embed: the same list as the engine's sanitizer
/// (`articles::sanitize`), as origins.
const VIDEO_PLAYERS: &[&str] = &[
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://player.bilibili.com",
];

/// Writes the policy into `dist/index.html` and `dist/_headers`.
pub fn protect(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let hashes: Vec<String> = inline_scripts(&html).map(hash).collect();
    let page = with_meta(&html, &policy(&hashes, &[]))?;
    std::fs::write(&index, page).map_err(|e| format!("{}: {e}", index.display()))?;
    let headers = format!(
        "/*\n  Content-Security-Policy: {}; frame-ancestors 'self'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n",
        policy(&hashes, &[])
    );
    let file = dist.join("_headers");
    std::fs::write(&file, headers).map_err(|e| format!("{}: {e}", file.display()))
}

/// The policy, allowing the inline scripts and `<style>` elements with these hashes
/// (`'sha256-…'`): the hosted page has no `<style>`; the single file (`single_file.rs`) has its
/// style sheet inline.
pub fn policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let players = VIDEO_PLAYERS.join(" ");
    [
        "default-src 'self'".to_owned(),
        format!(
            "script-src 'self' 'wasm-unsafe-eval' {}",
            script_hashes.join(" ")
        )
        .trim_end()
        .to_owned(),
        // The app sets a few CSS variables in `style` attributes (depths, bar heights); no
        // `<style>` element of anyone's may apply.
        format!("style-src 'self' {}", style_hashes.join(" "))
            .trim_end()
            .to_owned(),
        "style-src-attr 'unsafe-inline'".to_owned(),
        "img-src 'self' https: http: data: blob:".to_owned(),
        "media-src 'self' https: http: data: blob:".to_owned(),
        "font-src 'self'".to_owned(),
        // A catalog may live on another host (`?library=`), which lets Lectern read it or not.
        "connect-src 'self' https: http:".to_owned(),
        "worker-src 'self' blob:".to_owned(),
        format!("frame-src {players}"),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'none'".to_owned(),
        "manifest-src 'self'".to_owned(),
    ]
    .join("; ")
}

/// The text of each `<script>` without a `src` that runs (not a data block such as
/// `type="application/octet-stream"`), exactly as the browser hashes it.
pub fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = rest.find("<script")?;
        let open_end = start + rest[start..].find('>')? + 1;
        let close = open_end + rest[open_end..].find("</script>")?;
        let tag = &rest[start..open_end];
        let body = &rest[open_end..close];
        rest = &rest[close..];
        let runs = !tag.contains(" type=") || tag.contains("type=\"module\"");
        if !tag.contains(" src=") && runs {
            return Some(body);
        }
    })
}

/// `'sha256-<base64>'` of a script's or style sheet's text.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page with the policy as its first `<head>` element after the charset, before any
/// script: a `<meta>` policy covers only what follows it.
pub fn with_meta(html: &str, policy: &str) -> Result<String> {
    let head = html
        .find("<head>")
        .ok_or("the built index.html has no <head>")?
        + "<head>".len();
    let charset_end = html[head..]
        .find("<meta charset")
        .and_then(|at| html[head + at..].find('>').map(|end| head + at + end + 1))
        .unwrap_or(head);
    Ok(format!(
        "{}\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />{}",
        &html[..charset_end],
        &html[charset_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_hashed_as_browsers_do() {
        let html = "<head><script src=\"a.js\"></script><script>alert(1)</script>\n<script type=\"module\">\nx()\n</script><script type=\"text/plain\">data</script></head>";
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(scripts, ["alert(1)", "\nx()\n"]);
        // The hash Chromium prints for `alert(1)` in its CSP error message.
        assert_eq!(
            hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn the_policy_comes_before_every_script() {
        let html = "<!doctype html><html><head>\n<meta charset=\"utf-8\" />\n<script>x</script></head></html>";
        let page = with_meta(html, &policy(&[hash("x")], &[])).expect("a head");
        let meta = page.find("Content-Security-Policy").expect("the policy");
        assert!(meta < page.find("<script").expect("the script"));
        assert!(page.find("<meta charset").expect("charset") < meta);
        let scripts = policy(&[], &[])
            .split("; ")
            .find(|d| d.starts_with("script-src "))
            .map(str::to_owned)
            .expect("a script-src");
        assert_eq!(scripts, "script-src 'self' 'wasm-unsafe-eval'");
    }
}
