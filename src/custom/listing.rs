//! The custom items as MCP list entries (`tools/list`, `prompts/list`, `resources/list`).

use serde_json::{Value, json};

use super::params;
use super::set::CustomSet;

impl CustomSet {
    /// MCP `Tool` objects: `{name, description, inputSchema}`.
    pub(crate) fn tools(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(|t| {
                let mut v = json!({ "name": t.name });
                if let Some(d) = &t.description {
                    v["description"] = d.as_str().into();
                }
                v["inputSchema"] = params::input_schema(&t.params);
                v
            })
            .collect()
    }

    /// MCP `Prompt` objects: `{name, description, arguments}`.
    pub(crate) fn prompts(&self) -> Vec<Value> {
        self.prompts
            .iter()
            .map(|p| {
                let mut v = json!({ "name": p.name });
                if let Some(d) = &p.description {
                    v["description"] = d.as_str().into();
                }
                let args: Vec<Value> = p
                    .arguments
                    .iter()
                    .map(|a| {
                        let mut arg = json!({ "name": a.name, "required": a.is_required() });
                        if let Some(d) = &a.description {
                            arg["description"] = d.as_str().into();
                        }
                        arg
                    })
                    .collect();
                v["arguments"] = Value::Array(args);
                v
            })
            .collect()
    }

    /// MCP `Resource` objects: `{uri, name, description, mimeType}`.
    pub(crate) fn resources(&self) -> Vec<Value> {
        self.resources
            .iter()
            .map(|r| {
                let mut v = json!({ "uri": r.uri, "name": r.name });
                if let Some(d) = &r.description {
                    v["description"] = d.as_str().into();
                }
                if let Some(m) = &r.mime_type {
                    v["mimeType"] = m.as_str().into();
                }
                v
            })
            .collect()
    }

    /// Whether `name` is a custom tool of this vMCP.
    pub(crate) fn has_tool(&self, name: &str) -> bool {
        self.tools.iter().any(|t| t.name == name)
    }
}
