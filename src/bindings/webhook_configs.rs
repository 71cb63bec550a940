//! `client.webhookConfigs`: LlamaCloud's saved webhook configurations
//! (`/api/v1/beta/webhook-configs`), which a classify job names in `webhook_configuration_ids`.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::{by_id, plain, with_params};
use crate::config::ClientConfig;
use crate::providers::llamacloud::endpoints;

/// Saved webhook configurations of a `ClassifyClient` (`client.webhookConfigs`). The signing
/// secret is write-only: answers carry `has_secret` instead.
#[wasm_bindgen]
pub struct WebhookConfigs {
    config: Rc<ClientConfig>,
}

impl WebhookConfigs {
    /// The configurations of the client with `config`.
    pub fn new(config: Rc<ClientConfig>) -> Self {
        WebhookConfigs { config }
    }
}

#[wasm_bindgen]
impl WebhookConfigs {
    /// Every saved configuration (`GET /api/v1/beta/webhook-configs`).
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookConfig[]>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        plain(
            &self.config,
            &options,
            endpoints::list_webhook_configs,
            endpoints::webhook_configs,
        )
    }

    /// One saved configuration by id.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookConfig>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        by_id(&self.config, &endpoints::GET_WEBHOOK_CONFIG, &id, &options)
    }

    /// Saves a configuration (`webhook_url` an http(s) URL; `webhook_events` any LlamaCloud
    /// events, all when left out, never an empty list). Checked before sending
    /// (`InvalidArgumentError` naming the field, never its value); not retried once sent,
    /// except when the server refuses it with a delay.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookConfig>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WebhookConfigInput")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        with_params(
            &self.config,
            &endpoints::CREATE_WEBHOOK_CONFIG,
            None,
            &params,
            &options,
        )
    }

    /// Replaces a saved configuration (`PUT`), checked as `create` is.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookConfig>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WebhookConfigInput")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let endpoint = &endpoints::UPDATE_WEBHOOK_CONFIG;
        with_params(&self.config, endpoint, Some(&id), &params, &options)
    }

    /// Deletes a saved configuration; resolves with `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        by_id(
            &self.config,
            &endpoints::DELETE_WEBHOOK_CONFIG,
            &id,
            &options,
        )
    }
}
