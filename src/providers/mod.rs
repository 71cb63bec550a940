//! The providers: what differs between them (base URL, auth header, the org/project query,
//! terminal statuses, wire types and endpoints) lives here; `transport`, `pagination` and
//! `polling` stay provider-neutral. Nothing here does I/O: an endpoint builds a request and
//! checks an answer; `bindings` sends it.

pub mod llamacloud;
pub mod phase;
pub mod unsiloed;

use phase::Phase;

/// Which API a client speaks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// LlamaCloud (`Authorization: Bearer <key>`, `organization_id`/`project_id` query).
    LlamaCloud,
    /// Unsiloed (`api-key: <key>`).
    Unsiloed,
}

impl Provider {
    /// The production API origin.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Provider::LlamaCloud => "https://api.cloud.llamaindex.ai",
            Provider::Unsiloed => "https://prod.visionapi.unsiloed.ai",
        }
    }

    /// The largest upload the provider documents: LlamaCloud's platform-wide 512 MiB (its
    /// limitations page; a service may enforce less). Unsiloed documents none: 100 MiB.
    pub fn max_upload_bytes(self) -> f64 {
        match self {
            Provider::LlamaCloud => 512.0 * 1024.0 * 1024.0,
            Provider::Unsiloed => 100.0 * 1024.0 * 1024.0,
        }
    }

    /// The header that carries the key, and its value.
    pub fn auth_header(self, key: &str) -> (&'static str, String) {
        match self {
            Provider::LlamaCloud => ("authorization", crate::text::joined(&["Bearer ", key])),
            Provider::Unsiloed => ("api-key", key.into()),
        }
    }

    /// Whether `organization_id` / `project_id` go on every request's query.
    pub fn scoped_query(self) -> bool {
        self == Provider::LlamaCloud
    }

    /// The name callers use (`provider` option, `toClassification(...).provider`).
    pub fn name(self) -> &'static str {
        match self {
            Provider::LlamaCloud => "llamacloud",
            Provider::Unsiloed => "unsiloed",
        }
    }
}

impl Provider {
    /// Where `status` leaves a job of this provider.
    pub fn phase(self, status: &str) -> Phase {
        match self {
            Provider::LlamaCloud => llamacloud::endpoints::phase(status),
            Provider::Unsiloed => unsiloed::endpoints::phase(status),
        }
    }
}

/// The request that fetches a job of `provider`.
pub fn job_request(provider: Provider, job_id: &str) -> crate::request::Request {
    let path = match provider {
        Provider::LlamaCloud => llamacloud::endpoints::job_path(job_id, ""),
        Provider::Unsiloed => unsiloed::endpoints::job_path(job_id),
    };
    crate::request::Request::get(path, Vec::new())
}

/// A fetched job checked against its provider's wire type and to be the job asked for
/// (`id` on LlamaCloud, `job_id` on Unsiloed), with its status (for polling).
pub fn checked_job_for(
    provider: Provider,
    body: wasm_bindgen::JsValue,
    job_id: &str,
) -> Result<(wasm_bindgen::JsValue, String), crate::error::Error> {
    let (job, status, field) = match provider {
        Provider::LlamaCloud => {
            let (job, checked) = llamacloud::endpoints::checked_job(body)?;
            (job, checked.status, "id")
        }
        Provider::Unsiloed => {
            let (job, checked) = unsiloed::endpoints::checked_job(body)?;
            (job, checked.status, "job_id")
        }
    };
    crate::checks::answered_for(&job, field, job_id)?;
    Ok((job, status))
}
