//! Checks on text the SDK hands on to a provider: ids that go into a path, URLs (`baseUrl`,
//! `fileUrl`, `webhook_url`) and names that must show something; and the check that an
//! answer is about the id asked for. Used by `config`, the providers' endpoints and `bindings`.

use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js;

/// Longest id accepted in a path segment.
pub const MAX_ID_CHARS: u32 = 1_024;

/// Checks that an answer's `field` is `id`, the id the caller asked about: a `DecodeError`
/// at `field` otherwise (an answer for another job from a confused cache, a hostile server or
/// proxy is refused, not handed over as if it were it). Compared in JS (`===`): the answer's
/// string, however long, is not copied into wasm.
pub fn answered_for(answer: &JsValue, field: &str, id: &str) -> Result<(), Error> {
    if js::pluck(answer, field) != JsValue::from_str(id) {
        return Err(Error::Decode {
            field: field.into(),
            problem: "is not the id of the job asked for".into(),
        });
    }
    Ok(())
}

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

/// Checks an id a server answered before it goes into a later request (a path, or a job's
/// `file_input`): as a caller's id is checked ([`check_id`]), and at most `max` characters.
/// A server's fault, so a `DecodeError` at `field`, which never quotes the value.
pub fn check_answered_id(value: &JsValue, field: &str, max: usize) -> Result<String, Error> {
    match check_id(field, value) {
        Ok(id) if crate::text::char_count(&id) <= max => Ok(id),
        _ => Err(Error::Decode {
            field: field.into(),
            problem: "expected an id (non-blank well-formed text, bounded, no control characters or dot segments)".into(),
        }),
    }
}

/// Checks an id before it goes into a URL path: a non-blank string of well-formed UTF-16
/// (a lone surrogate would silently become U+FFFD), at most 1,024 characters, no control
/// characters, not a dot segment.
pub fn check_id(argument: &str, value: &JsValue) -> Result<String, Error> {
    let checked = js::id_text(value, MAX_ID_CHARS);
    let Some(id) = checked.as_string() else {
        return Err(Error::invalid(
            argument,
            match checked.as_f64().map(|code| code as u32) {
                Some(js::ID_TOO_LONG) => "must be at most 1024 characters",
                Some(js::ID_LONE_SURROGATE) => {
                    "must be well-formed text (it holds a lone surrogate)"
                }
                _ => "must be a string",
            },
        ));
    };
    if id.trim().is_empty() {
        return Err(Error::invalid(argument, "must not be empty"));
    }
    if id.chars().any(char::is_control) {
        return Err(Error::invalid(
            argument,
            "must not contain control characters",
        ));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid(argument, "must not be a dot segment"));
    }
    Ok(id)
}
