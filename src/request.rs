//! A request as an endpoint describes it: plain data (method, path, query, body, headers and
//! whether it may be sent twice), built synchronously by `providers` and sent by `transport`.

use wasm_bindgen::JsValue;

use crate::error::Error;

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

/// An endpoint addressed by one id (a job, a saved configuration), described once beside its
/// provider's other endpoints so that its binding is one line (`bindings::by_id`): the name
/// the id argument has in errors, the request for a checked id, and the check of the answer,
/// which is told the id so it can refuse an answer about another.
pub struct IdEndpoint {
    /// The id argument's name, as an `InvalidArgumentError` names it (`jobId`, `id`).
    pub id_name: &'static str,
    /// The request for a checked id.
    pub request: fn(&str) -> Request,
    /// Checks the answer (its shape, and whatever it must say about the id); resolves with
    /// what the caller gets.
    pub check: fn(JsValue, &str) -> Result<JsValue, Error>,
}

/// An endpoint that sends the caller's parameters (`T`, read as API parameters: a deep plain
/// copy, nested keys checked), described once beside its provider's other endpoints so that
/// its binding is one line (`bindings::with_params`).
pub struct ParamsEndpoint<T> {
    /// The parameters' argument name (`params`), as an `InvalidArgumentError` names it.
    pub argument: &'static str,
    /// The id argument's name when the endpoint is addressed by one too (a replacement).
    pub id_name: &'static str,
    /// Checks the parameters beyond their type and builds the request: `id` is the checked
    /// id (when the binding takes one), `params` the checked parameters and `body` the plain
    /// copy they were read from, sent as given.
    pub request: fn(id: Option<&str>, params: &T, body: &JsValue) -> Result<Request, Error>,
    /// Checks the answer; resolves with what the caller gets.
    pub check: fn(JsValue) -> Result<JsValue, Error>,
}
