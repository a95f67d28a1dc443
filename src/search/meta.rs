//! The two meta-tools that stand in for a large catalog when search is on: `search_tools`
//! (find tools by what they do) and `call_tool` (call one by the name found). Their
//! definitions are data; the session answers them.

use serde_json::{Value, json};

pub const SEARCH_TOOLS: &str = "search_tools";
pub const CALL_TOOL: &str = "call_tool";
/// Results returned when `search_tools` is called without `limit`.
pub const DEFAULT_RESULTS: usize = 8;
/// The largest `limit` accepted.
pub const MAX_RESULTS: usize = 50;

/// The definition of `search_tools`, with the `description` made for the catalog (see
/// [`super::search_tools_description`]) and the default number of results.
pub fn search_tools_definition(description: &str, default_results: usize) -> Value {
    json!({
        "name": SEARCH_TOOLS,
        "title": "Search tools",
        "description": description,
        "inputSchema": {
            "type": "object",
            "properties": {
                "query": {
                    "type": "string",
                    "description": "What you want to do or work on, in a few words (for example \"create a github issue\" or \"stock price history\")."
                },
                "limit": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_RESULTS,
                    "description": format!("How many tools to return, best first (default {default_results}).")
                }
            },
            "required": ["query"]
        },
        "outputSchema": {
            "type": "object",
            "properties": {
                "tools": {
                    "type": "array",
                    "description": "The matching tools' full definitions, best first.",
                    "items": {"type": "object"}
                }
            },
            "required": ["tools"]
        },
        "annotations": {"readOnlyHint": true, "openWorldHint": false}
    })
}

/// The definition of `call_tool`.
pub fn call_tool_definition() -> Value {
    json!({
        "name": CALL_TOOL,
        "title": "Call a tool found by search_tools",
        "description": "Calls a tool that search_tools found, by its exact name, with arguments that follow that tool's inputSchema. Returns the tool's own result.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "name": {
                    "type": "string",
                    "description": "The tool's exact name, as search_tools returned it."
                },
                "arguments": {
                    "type": "object",
                    "description": "The tool's arguments, following its inputSchema."
                }
            },
            "required": ["name"]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_carry_the_description_and_names() {
        let search = search_tools_definition("Finds tools.", 8);
        assert_eq!(search["name"], SEARCH_TOOLS);
        assert_eq!(search["description"], "Finds tools.");
        assert_eq!(search["inputSchema"]["required"], json!(["query"]));
        assert_eq!(search["inputSchema"]["properties"]["limit"]["maximum"], 50);
        let call = call_tool_definition();
        assert_eq!(call["name"], CALL_TOOL);
        assert_eq!(call["inputSchema"]["required"], json!(["name"]));
    }
}
