//! Provider-agnostic token pagination: a page iterator that holds one page at a time,
//! stops on an absent or empty token, and refuses a token it has already followed. Followed
//! tokens are remembered by a 64-bit hash (8 bytes a page, however long the tokens are).

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsValue;

use crate::error::Error;

/// One fetched page: the object to hand the caller and the token of the next page.
pub struct Page {
    /// The page as the API sent it.
    pub value: JsValue,
    /// The next page's token; `None` or empty on the last page.
    pub next_token: Option<String>,
}

/// A future that fetches one page.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<Page, Error>>>>;

/// Fetches the page for a token (`None` = the first page).
pub trait PageFetcher {
    /// Starts fetching the page at `token`.
    fn fetch(&self, token: Option<String>) -> PageFuture;
}

/// The state of one pagination run.
pub struct Pager<S: PageFetcher> {
    fetcher: S,
    next_token: Option<String>,
    seen_tokens: Vec<u64>,
    pages_fetched: u32,
    max_pages: Option<u32>,
    finished: bool,
}

impl<S: PageFetcher> Pager<S> {
    /// Starts at `first_token` (or the first page), stopping after `max_pages` when set.
    pub fn new(fetcher: S, first_token: Option<String>, max_pages: Option<u32>) -> Self {
        Pager {
            fetcher,
            next_token: first_token.filter(|token| !token.is_empty()),
            seen_tokens: Vec::new(),
            pages_fetched: 0,
            max_pages,
            finished: false,
        }
    }

    /// The next page, or `None` when there are no more. After an error the pager is finished.
    pub async fn next_page(&mut self) -> Result<Option<JsValue>, Error> {
        if self.finished || self.max_pages.is_some_and(|max| self.pages_fetched >= max) {
            self.finished = true;
            return Ok(None);
        }
        let token = self.next_token.take();
        if let Some(token) = &token {
            if self.seen_tokens.contains(&token_hash(token)) {
                self.finished = true;
                return Err(Error::Pagination {
                    problem: "the server returned a page token that was already followed; stopping instead of looping",
                    page_token: Some(token.clone()),
                });
            }
        }
        let page = match self.fetcher.fetch(token.clone()).await {
            Ok(page) => page,
            Err(error) => {
                self.finished = true;
                return Err(error);
            }
        };
        self.pages_fetched += 1;
        if let Some(token) = token {
            self.seen_tokens.push(token_hash(&token));
        }
        self.next_token = page.next_token.filter(|token| !token.is_empty());
        self.finished = self.next_token.is_none();
        Ok(Some(page.value))
    }
}

/// FNV-1a, 64 bits: a token's fingerprint (a collision would need 2^32 pages to be likely).
fn token_hash(token: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in token.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Any fetcher, behind one pointer: one iterator type serves every list.
impl PageFetcher for Box<dyn PageFetcher> {
    fn fetch(&self, token: Option<String>) -> PageFuture {
        (**self).fetch(token)
    }
}
