//! `client.webhookConfigs`: LlamaCloud's saved webhook configurations
//! (`/api/v1/beta/webhook-configs`), which a classify job names in `webhook_configuration_ids`.

use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use super::{exchange, per_call, settle, Call};
use crate::config::{check_id, ClientConfig};
use crate::error::Error;
use crate::options::{names_of, Snapshot};
use crate::providers::llamacloud::endpoints;
use crate::providers::llamacloud::models::WebhookConfigInput;
use crate::request::Request;

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

    /// A request with no parameters (`request`, already built), its per-call options read.
    /// Not generic: one copy serves `list`, `get` and `delete`.
    fn simple(
        &self,
        options: &Option<JsValue>,
        request: Result<Request, Error>,
        check: fn(JsValue) -> Result<JsValue, Error>,
    ) -> Result<Call, Error> {
        let call = self.config.call(per_call(options, &[])?.get()?)?;
        Ok(exchange(self.config.clone(), call, request?, check))
    }

    /// A create (`id` absent) or a replacement of `id`: per-call options, then the parameters
    /// checked.
    fn write(
        &self,
        id: Option<&JsValue>,
        params: &JsValue,
        options: &Option<JsValue>,
    ) -> Result<Call, Error> {
        let call = self.config.call(per_call(options, &[])?.get()?)?;
        let id = id.map(|id| check_id("id", id)).transpose()?;
        let snapshot = Snapshot::read_params(
            params,
            &Array::of1(names_of::<WebhookConfigInput>()),
            "params",
            None,
        )?;
        if snapshot.value().is_undefined() {
            return Err(Error::invalid("params", "required"));
        }
        let checked: WebhookConfigInput = snapshot.params()?;
        endpoints::check_webhook_config(&checked)?;
        let request = match id {
            Some(id) => endpoints::update_webhook_config(&id, snapshot.value()),
            None => endpoints::create_webhook_config(snapshot.value()),
        };
        Ok(exchange(
            self.config.clone(),
            call,
            request,
            endpoints::webhook_config,
        ))
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
        settle(self.simple(
            &options,
            Ok(endpoints::list_webhook_configs()),
            endpoints::webhook_configs,
        ))
    }

    /// One saved configuration by id.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookConfig>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = check_id("id", &id).map(|id| endpoints::get_webhook_config(&id));
        settle(self.simple(&options, request, endpoints::webhook_config))
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
        settle(self.write(None, &params, &options))
    }

    /// Replaces a saved configuration (`PUT`), checked as `create` is.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookConfig>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WebhookConfigInput")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        settle(self.write(Some(&id), &params, &options))
    }

    /// Deletes a saved configuration; resolves with `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = check_id("id", &id).map(|id| endpoints::delete_webhook_config(&id));
        settle(self.simple(&options, request, |_| Ok(JsValue::UNDEFINED)))
    }
}
