//! Shared by every probe: allocator, the two exports, fetch + status check.
//! Each probe's lib.rs provides `validate_job` and `validate_results`.

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static A: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

type Fut = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The one shared helper: boxes nothing generic, so `future_to_promise` is instantiated once.
fn run(f: Fut) -> Promise {
    future_to_promise(f)
}

pub(crate) fn err(msg: &str) -> JsValue {
    js_sys::Error::new(msg).into()
}

fn push_u16(s: &mut String, mut n: u16) {
    let mut buf = [0u8; 5];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}

async fn fetch_json(url: String) -> Result<JsValue, JsValue> {
    let resp = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|_| err("request failed"))?;
    if !resp.ok() {
        let mut m = String::from("HTTP status ");
        push_u16(&mut m, resp.status());
        return Err(err(&m));
    }
    // gloo-net 0.6 has no `as_raw`; `From<Response> for web_sys::Response` unwraps it.
    let raw = web_sys::Response::from(resp);
    JsFuture::from(raw.json()?).await
}

async fn get_job(url: String) -> Result<JsValue, JsValue> {
    let v = fetch_json(url).await?;
    crate::validate_job(&v)?;
    Ok(v)
}

async fn get_results(url: String) -> Result<JsValue, JsValue> {
    let v = fetch_json(url).await?;
    crate::validate_results(&v)?;
    Ok(v)
}

#[wasm_bindgen(js_name = getClassifyJob)]
pub fn get_classify_job(url: String) -> Promise {
    run(Box::pin(get_job(url)))
}

#[wasm_bindgen(js_name = listResults)]
pub fn list_results(url: String) -> Promise {
    run(Box::pin(get_results(url)))
}
