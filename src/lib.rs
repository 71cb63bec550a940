//! classify-sdk: a typed, small WebAssembly client for LlamaCloud and Unsiloed document
//! classification jobs.
//!
//! This file only declares the modules; each concern lives in its own one:
//! `options` (the caller's option objects), `config` (validated settings), `request` (a
//! request as data), `transport` (the one request path), `error`, `validation` (engine-parsed
//! values checked against the types' tables), `text` (percent-encoding and number formatting),
//! `checks` (ids, URLs and names handed on), `multipart` (form bodies), `providers` (each
//! provider's wire types, endpoints and statuses; no I/O), `normalized` (one view of either
//! provider's job), `pagination`, `polling`, `js` (every import from `js/support.js`) and
//! `bindings` (what JavaScript sees). Imports run one way, from `bindings` down to the leaves:
//! `scripts/module-graph.mjs` fails on a cycle.

#![deny(missing_docs)]

pub mod bindings;
mod checks;
mod config;
mod error;
mod js;
mod multipart;
mod normalized;
mod options;
mod pagination;
mod polling;
mod providers;
mod request;
mod text;
mod transport;
mod validation;

/// A small free-list allocator (coalescing, single-threaded like every wasm instance here)
/// in place of std's dlmalloc: the SDK's allocations are few and short-lived.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread per instance.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
