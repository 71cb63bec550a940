//! Checks on text the SDK hands on to a provider: URLs (`baseUrl`, `fileUrl`, `webhook_url`)
//! and names that must show something. Used by `config` and by the providers' endpoints.

use crate::error::Error;

/// White space and the characters that show nothing (zero-width, soft hyphen, BOM).
pub fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// Characters of a URL the SDK sends on (`fileUrl`, `webhook_url`).
const MAX_URL_CHARS: usize = 2048;

/// A URL handed to a provider (`fileUrl`, `webhook_url`): an absolute `http://` or `https://`
/// URL with a host, no user info (it would travel in clear) and no control characters or
/// spaces (a CR/LF would end a multipart field), at most 2,048 characters. Named, never echoed.
pub fn check_http_url(argument: &str, url: &str) -> Result<(), Error> {
    let refuse = |problem| Err(Error::invalid(argument, problem));
    if crate::text::char_count(url) > MAX_URL_CHARS {
        return refuse("must be at most 2048 characters");
    }
    if url.chars().any(|c| c.is_control() || invisible(c)) {
        return refuse("must not contain control characters or white space");
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    // (`get`, not indexing: no slicing panic, whose formatting would cost the module ≈ 9 KB.)
    let rest = if lower.starts_with("https://") {
        url.get(8..).unwrap_or("")
    } else if lower.starts_with("http://") {
        url.get(7..).unwrap_or("")
    } else {
        return refuse("must be an http:// or https:// URL");
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or(rest);
    if authority.contains('@') {
        return refuse("must not carry user info (user:password@)");
    }
    let host = match authority.rfind(':') {
        Some(colon) if !authority.ends_with(']') => authority.get(..colon).unwrap_or(""),
        _ => authority,
    };
    if host.is_empty() || host == "[]" {
        return refuse("must name a host");
    }
    Ok(())
}
