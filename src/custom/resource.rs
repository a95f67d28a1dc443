//! Reading a custom resource: literal text, or a file read at each request (bounded in size;
//! text when it is UTF-8, base64 `blob` otherwise).

use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{Value, json};

use super::MAX_RESOURCE_FILE;

/// What a resource holds.
pub(super) enum Content {
    Text(String),
    File(PathBuf),
}

/// A custom resource.
pub(super) struct Resource {
    pub(super) uri: String,
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) mime_type: Option<String>,
    pub(super) content: Content,
}

/// The `contents` item of `r`.
pub(super) async fn read(r: &Resource) -> Result<Value, String> {
    let mut item = json!({ "uri": r.uri });
    match &r.content {
        Content::Text(t) => {
            item["mimeType"] = r.mime_type.as_deref().unwrap_or("text/plain").into();
            item["text"] = t.as_str().into();
        }
        Content::File(path) => {
            let len = tokio::fs::metadata(path)
                .await
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                .len();
            if len > MAX_RESOURCE_FILE {
                return Err(format!(
                    "{} is larger than {MAX_RESOURCE_FILE} bytes",
                    path.display()
                ));
            }
            let bytes = tokio::fs::read(path)
                .await
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            match String::from_utf8(bytes) {
                Ok(text) => {
                    item["mimeType"] = r.mime_type.as_deref().unwrap_or("text/plain").into();
                    item["text"] = text.into();
                }
                Err(e) => {
                    item["mimeType"] = r
                        .mime_type
                        .as_deref()
                        .unwrap_or("application/octet-stream")
                        .into();
                    item["blob"] = base64::engine::general_purpose::STANDARD
                        .encode(e.as_bytes())
                        .into();
                }
            }
        }
    }
    Ok(item)
}
