//! Paging for every list binding: [`PageIterator`] (what `iterResults`, `iterResultPages` and
//! `iterClassifyJobs` wrap) over any `PageFetcher`, and [`page_exchange`], the one future type a
//! page fetcher's fetch returns (send the page's request, check the answer, read its token).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::promise;
use crate::config::{CallSettings, ClientConfig};
use crate::error::Error;
use crate::pagination::{Page, PageFetcher, PageFuture, Pager};
use crate::request::Request;
use crate::transport::send;

/// One page's request and the check that reads its token: one future type for both lists.
pub fn page_exchange(
    config: &Rc<ClientConfig>,
    call: &CallSettings,
    request: Request,
    check: fn(JsValue) -> Result<Page, Error>,
) -> PageFuture {
    let config = config.clone();
    let call = call.clone();
    Box::pin(async move { check(send(&config, &call, &request).await?) })
}

/// The state of one iteration, taken out while a page is in flight.
type SharedPager = Rc<RefCell<Option<Pager<Box<dyn PageFetcher>>>>>;

/// A page-at-a-time iterator (results of a job, or jobs). Wrapped by `iterResults`,
/// `iterResultPages` and `iterClassifyJobs`; not constructed directly.
#[wasm_bindgen]
pub struct PageIterator {
    pager: SharedPager,
}

impl PageIterator {
    /// Iterates `fetcher` from `first` (or its first page), stopping after `max_pages` if set.
    pub fn new(
        fetcher: Box<dyn PageFetcher>,
        first: Option<String>,
        max_pages: Option<u32>,
    ) -> Self {
        PageIterator {
            pager: Rc::new(RefCell::new(Some(Pager::new(fetcher, first, max_pages)))),
        }
    }
}

#[wasm_bindgen]
impl PageIterator {
    /// The next page, or `undefined` after the last one. Calls are serialized by the JS
    /// wrapper, which turns this into iterator results.
    #[wasm_bindgen(unchecked_return_type = "Promise<{ items: unknown[] } | undefined>")]
    pub fn next(&self) -> Promise {
        let pager = self.pager.clone();
        promise(Box::pin(async move {
            // The pager is taken out while a page is in flight, so no borrow spans an await.
            let Some(mut taken) = pager.borrow_mut().take() else {
                return Err(Error::invalid(
                    "next",
                    "called before the previous call settled",
                ));
            };
            let page = taken.next_page().await;
            *pager.borrow_mut() = Some(taken);
            Ok(page?.unwrap_or(JsValue::UNDEFINED))
        }))
    }
}
