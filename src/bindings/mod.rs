//! What JavaScript sees: the exported functions and classes, and the TypeScript aliases
//! that go with them. Each export reads its options, then hands one future to [`promise`].

pub mod llamacloud;

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::error::Error;

#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &'static str = r#"
/**
 * Status of a LlamaCloud classify job. `PENDING` and `RUNNING` are in progress;
 * `COMPLETED`, `FAILED` and `CANCELLED` are terminal. Statuses the API adds later arrive
 * unchanged, so the type stays open (`string & {}` keeps editor completion for the known ones).
 */
export type ClassifyJobStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | (string & {});
/** Kind of input a classify job read. */
export type DocumentInputType = "url" | "file_id" | "parse_job_id" | (string & {});
/** Options of the one-off `getClassifyJob`: client options plus per-call options. */
export type GetClassifyJobOptions = ClientOptions & RequestOptions;
/** Options of `ClassifyClient.listResults`: per-call options plus paging. */
export type ListOptions = RequestOptions & PageParams;
/** Options of the one-off `listResults`: client options, per-call options and paging. */
export type ListResultsOptions = ClientOptions & ListOptions;
/** Options of `iterResults` / `iterResultPages`: per-call options plus where to start and stop. */
export type IterResultsOptions = RequestOptions & IterParams;
"#;

/// A call in flight, as every export hands it to [`promise`].
type Call = Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>;

/// The one place a Rust future becomes a JS promise (a single `future_to_promise`
/// instantiation for every method); errors become the SDK's JS error classes here.
fn promise(call: Call) -> Promise {
    future_to_promise(async move { call.await.map_err(Error::into_js) })
}
