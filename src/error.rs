//! The one error type of the crate and its one conversion into a JavaScript `Error`.
//!
//! Every rejection a caller sees is built by [`Error::into_js`], which hands the class name,
//! message and properties to `createError` in `js/support.js`. Messages are assembled from
//! static pieces and the API's own text; the API key is never part of any of them.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::js::{self, create_api_error, create_error};

/// What went wrong, in the terms a caller branches on.
#[derive(Debug)]
pub enum Error {
    /// Bad input caught before any request (`InvalidArgumentError`).
    InvalidArgument {
        /// The option or argument at fault, e.g. `page_size` or `jobId`.
        argument: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The API answered with a non-success status (`ApiError` and its per-status names).
    Api(Box<ApiFailure>),
    /// No HTTP answer was received (`ConnectionError`).
    Connection {
        /// The runtime's description of the failure.
        cause: String,
        /// Attempts made, retries included.
        attempts: u32,
    },
    /// An attempt, or a wait, ran out of time (`TimeoutError`).
    Timeout {
        /// What timed out, as a sentence fragment.
        what: &'static str,
        /// Attempts made (requests) or polls made (waits).
        attempts: u32,
        /// The last job seen, for polling timeouts.
        job: Option<JsValue>,
    },
    /// The caller's `AbortSignal` fired (`AbortError`).
    Abort,
    /// The response did not have the promised shape (`DecodeError`).
    Decode {
        /// Path of the field that did not match, e.g. `items[3].result.confidence`;
        /// empty for the body as a whole.
        field: String,
        /// What was wrong with it.
        problem: String,
    },
    /// The server's pagination misbehaved (`PaginationError`).
    Pagination {
        /// What happened.
        problem: &'static str,
        /// The offending page token, when there is one.
        page_token: Option<String>,
    },
    /// A polled job ended FAILED or CANCELLED (`JobFailedError`).
    JobFailed {
        /// The terminal status.
        status: String,
        /// The whole job as the API returned it.
        job: JsValue,
    },
}

/// The details of a non-success HTTP answer.
#[derive(Debug)]
pub struct ApiFailure {
    /// The HTTP status code.
    pub status: u16,
    /// The error's other properties, built by `apiErrorParts` in `js/support.js`: `body` (the
    /// parsed `detail` of a JSON body, else the parsed body, else its text), `code`,
    /// `requestId`, `headers` (credential headers left out), the key scrubbed from all, and
    /// `detail`, the text for the message (capped, key scrubbed).
    pub parts: JsValue,
    /// Attempts made, retries included.
    pub attempts: u32,
}

impl Error {
    /// An `InvalidArgumentError` about `argument`.
    pub fn invalid(argument: &str, problem: &str) -> Self {
        Error::InvalidArgument {
            argument: argument.into(),
            problem: problem.into(),
        }
    }

    /// Records how many attempts were made before this error was final.
    pub fn with_attempts(mut self, count: u32) -> Self {
        match &mut self {
            Error::Api(failure) => failure.attempts = count,
            Error::Connection { attempts, .. } | Error::Timeout { attempts, .. } => {
                *attempts = count
            }
            _ => {}
        }
        self
    }

    /// The JS class name this error becomes (an API error's class follows its status, in
    /// `createApiError`).
    pub fn name(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "InvalidArgumentError",
            Error::Api(_) => "ApiError",
            Error::Connection { .. } => "ConnectionError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Abort => "AbortError",
            Error::Decode { .. } => "DecodeError",
            Error::Pagination { .. } => "PaginationError",
            Error::JobFailed { .. } => "JobFailedError",
        }
    }

    /// An API error's parts (its request id, …) for the observer; `undefined` for others.
    pub fn api_parts(&self) -> &JsValue {
        static NONE: JsValue = JsValue::UNDEFINED;
        match self {
            Error::Api(failure) => &failure.parts,
            _ => &NONE,
        }
    }

    /// Builds the JavaScript `Error` a caller sees.
    pub fn into_js(self) -> JsValue {
        let name = self.name();
        let props = Object::new();
        let mut message = String::new();
        match self {
            Error::InvalidArgument { argument, problem } => {
                message.push_str(&argument);
                message.push_str(": ");
                message.push_str(&problem);
                js::set(&props, "argument", &argument.into());
            }
            // Its class by status, and its message, come from `createApiError`.
            Error::Api(failure) => {
                return create_api_error(failure.status, failure.attempts, &failure.parts)
            }
            Error::Connection { cause, attempts } => {
                message.push_str("connection failed");
                if !cause.is_empty() {
                    message.push_str(": ");
                    message.push_str(&cause);
                }
                js::set(&props, "attempts", &JsValue::from(attempts));
            }
            Error::Timeout {
                what,
                attempts,
                job,
            } => {
                message.push_str(what);
                message.push_str(" timed out");
                js::set(&props, "attempts", &JsValue::from(attempts));
                if let Some(job) = job {
                    js::set(&props, "job", &job);
                }
            }
            Error::Abort => message.push_str("the request was aborted by its signal"),
            Error::Decode { field, problem } => {
                message.push_str("unexpected response");
                if !field.is_empty() {
                    message.push_str(" at `");
                    message.push_str(&field);
                    message.push('`');
                }
                message.push_str(": ");
                message.push_str(&problem);
                js::set(&props, "field", &field.into());
            }
            Error::Pagination {
                problem,
                page_token,
            } => {
                message.push_str(problem);
                js::set(&props, "pageToken", &opt_str(page_token));
            }
            Error::JobFailed { status, job } => {
                message.push_str("the job ended ");
                message.push_str(&status);
                js::set(&props, "status", &status.into());
                js::set(&props, "job", &job);
            }
        }
        create_error(name, &message, &props)
    }
}

impl From<Error> for JsValue {
    fn from(error: Error) -> Self {
        error.into_js()
    }
}

fn opt_str(value: Option<String>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, JsValue::from)
}
