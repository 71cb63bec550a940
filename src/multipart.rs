//! Multipart bodies (`FormData`): a new form, its text fields and its file parts, each
//! refused with an `InvalidArgument` when it cannot be built. Used by every upload (LlamaCloud's
//! file upload, Unsiloed's classify submission).

use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;
use crate::js;

/// A new `FormData`.
pub fn new_form() -> Result<web_sys::FormData, Error> {
    web_sys::FormData::new()
        .map_err(|_| Error::invalid("file", "FormData is not available in this runtime"))
}

/// Appends a text field.
pub fn append_text(form: &web_sys::FormData, name: &str, value: &JsValue) -> Result<(), Error> {
    let text = value.as_string().unwrap_or_default();
    form.append_with_str(name, &text)
        .map_err(|_| Error::invalid(name, "could not be added to the form"))
}

/// Appends a file part; a `File` keeps its own name, a bare `Blob` gets `default_name`.
/// Anything but a real Blob or File (checked natively, not by `instanceof`) is refused, and so
/// is one larger than `max_bytes` (its size is known without reading it; the runtime's
/// `FormData` would hold all of it in memory while it is sent).
pub fn append_file(
    form: &web_sys::FormData,
    name: &str,
    file: &JsValue,
    default_name: &str,
    max_bytes: f64,
) -> Result<(), Error> {
    let size = js::blob_size(file);
    if size < 0.0 {
        return Err(Error::invalid("file", "must be a Blob or a File"));
    }
    if size > max_bytes {
        return Err(Error::invalid(
            "file",
            "is larger than the upload limit (the provider's documented maximum, or maxUploadBytes)",
        ));
    }
    let file_name = js::blob_name(file, default_name);
    form.append_with_blob_and_filename(name, file.unchecked_ref(), &file_name)
        .map_err(|_| Error::invalid("file", "could not be added to the form"))
}
