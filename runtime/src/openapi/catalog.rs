//! The document links each documented error to its entry in an
//! [`ErrorCatalog`].

use utoipa::{
    Modify,
    openapi::{OpenApi, RefOr, external_docs::ExternalDocs, response::Response},
};

use super::{api_error::ERROR_CODES, operations};
use crate::{catalog::ErrorCatalog, render::VALIDATION_CODE};

/// Links every documented error to its entry: the document's `externalDocs`
/// is the catalog's page, and each response whose errors the catalog lists
/// (an `#[api_error]` type's `x-error-codes`, or a 422's
/// `request_validation_error`) ends its description with links to them.
///
/// ```
/// # #[cfg(feature = "openapi")] {
/// use actix_api_error::{api_error, catalog::ErrorCatalog, openapi::ErrorResponses};
/// use utoipa::{Modify, OpenApi};
///
/// #[derive(OpenApi)]
/// #[openapi(modifiers(&ErrorResponses))]
/// struct ApiDoc;
///
/// let catalog = ErrorCatalog::new("https://api.example.com/errors");
/// let mut doc = ApiDoc::openapi();
/// catalog.modify(&mut doc);
/// assert_eq!(doc.external_docs.unwrap().url, "https://api.example.com/errors");
/// # }
/// ```
impl Modify for ErrorCatalog {
    fn modify(&self, openapi: &mut OpenApi) {
        openapi.external_docs.get_or_insert_with(|| {
            let mut docs = ExternalDocs::new(self.uri());
            docs.description = Some("Every error this API sends, by its code".into());
            docs
        });
        for item in openapi.paths.paths.values_mut() {
            for operation in operations(item) {
                for (status, response) in &mut operation.responses.responses {
                    if let RefOr::T(response) = response {
                        self.link(status, response);
                    }
                }
            }
        }
    }
}

impl ErrorCatalog {
    /// Appends `See [`code`](uri).` to the description, for each code the
    /// response documents that the catalog lists.
    fn link(&self, status: &str, response: &mut Response) {
        let codes: Vec<String> = match response.extensions.as_ref().map(|e| e.get(ERROR_CODES)) {
            Some(Some(serde_json::Value::Array(codes))) => codes
                .iter()
                .filter_map(|code| code.as_str().map(str::to_owned))
                .collect(),
            _ if status == "422" => vec![VALIDATION_CODE.to_owned()],
            _ => return,
        };
        let links: Vec<String> = codes
            .iter()
            .filter_map(|code| Some(format!("[`{code}`]({})", self.type_uri(code)?)))
            .collect();
        if !links.is_empty() {
            response.description = format!("{}\n\nSee {}.", response.description, links.join(", "));
        }
    }
}
