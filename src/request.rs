//! A request as an endpoint describes it: plain data (method, path, query, body, headers and
//! whether it may be sent twice), built synchronously by `providers` and sent by `transport`.

use wasm_bindgen::JsValue;

/// One request, as an endpoint describes it (owned: an endpoint builds it synchronously, and
/// the caller's future holds it across the send, so no endpoint needs a future of its own).
pub struct Request {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path, already percent-encoded.
    pub path: String,
    /// Query pairs, the present ones only (a name may repeat).
    pub query: Vec<(&'static str, String)>,
    /// `undefined`, a JSON text (sent as `application/json`) or a `FormData` (the runtime sets
    /// the multipart boundary).
    pub body: JsValue,
    /// Headers of this request only, `[name, value, …]` (e.g. an idempotency key).
    pub headers: Option<js_sys::Array>,
    /// Whether sending it twice does no harm (a GET, a create with its idempotency key, a
    /// cancel). One that is not is retried only when the server answered 429 or 503 with a
    /// delay: then it was not processed.
    pub idempotent: bool,
    /// Whether it creates a job (a LlamaCloud create, an Unsiloed submission): `classifyMany`
    /// paces these, for all its documents at once.
    pub creates_job: bool,
}

impl Request {
    /// A GET of `path` with `query`.
    pub fn get(path: String, query: Vec<(&'static str, String)>) -> Self {
        Request {
            method: "GET",
            path,
            query,
            body: JsValue::UNDEFINED,
            headers: None,
            idempotent: true,
            creates_job: false,
        }
    }

    /// A POST of `body` to `path`.
    pub fn post(path: String, body: JsValue, idempotent: bool) -> Self {
        Request {
            method: "POST",
            body,
            idempotent,
            ..Request::get(path, Vec::new())
        }
    }

    /// A PUT of `body` to `path` (a replacement: sending it twice does no harm).
    pub fn put(path: String, body: JsValue) -> Self {
        Request {
            method: "PUT",
            body,
            ..Request::get(path, Vec::new())
        }
    }

    /// A DELETE of `path` (a second one finds nothing to delete: no harm).
    pub fn delete(path: String) -> Self {
        Request {
            method: "DELETE",
            ..Request::get(path, Vec::new())
        }
    }
}
