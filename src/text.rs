//! Small text helpers shared by every request: percent-encoding and integer formatting,
//! written out so no `format!` machinery lands in the module.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `value` percent-encoded (RFC 3986 unreserved characters kept as they are) to `out`.
/// Used for path segments and query values alike, so `../x` or `a/b?c` can never change the path.
pub fn push_percent_encoded(out: &mut String, value: &str) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

/// `parts` joined into one string (a plain loop: `[..].concat()` brings in a generic joiner
/// several times larger).
pub fn joined(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The number of characters (Unicode scalar values) in `text`: the bytes that do not continue
/// a UTF-8 sequence. A plain loop, smaller at each call site than `chars().count()`, whose
/// unrolled counter is built for long texts; these are short parameter checks.
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|byte| byte & 0xC0 != 0x80).count()
}

/// Appends the decimal digits of `value` to `out`.
pub fn push_u32(out: &mut String, value: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = value;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 || len >= digits.len() {
            break;
        }
    }
    for digit in digits.iter().take(len).rev() {
        out.push(char::from(*digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn percent_encodes_everything_but_unreserved() {
        let mut out = String::new();
        push_percent_encoded(&mut out, "../a b/é?x=1&y");
        assert_eq!(out, "..%2Fa%20b%2F%C3%A9%3Fx%3D1%26y");
    }

    #[wasm_bindgen_test]
    fn counts_characters_as_chars_count_does() {
        for text in ["", "abc", "é", "日本語", "a😀b", "\u{10FFFF}x"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
    }

    #[wasm_bindgen_test]
    fn formats_integers() {
        for n in [0u32, 7, 10, 429, 4_294_967_295] {
            let mut out = String::new();
            push_u32(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
