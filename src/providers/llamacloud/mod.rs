//! LlamaCloud: wire types and endpoint functions.

pub mod endpoints;
pub mod models;
