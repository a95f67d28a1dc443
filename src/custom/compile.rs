//! Compiling templates when a definition loads: syntax errors and unsupported kinds become
//! located issues naming the vMCP, the item and the line.

use crate::config::custom::{CustomTool, ToolKind};
use crate::config::{Issue, Seg};

use super::template::{CompileError, Engine};
use super::tool_template;

pub(super) fn compile_tool(
    engine: &mut Engine,
    vmcp: &str,
    t: &CustomTool,
    here: impl Fn(&str) -> Vec<Seg>,
) -> Result<(), Issue> {
    match (t.kind, &t.template) {
        (ToolKind::Prompt, Some(source)) => {
            engine
                .add(&tool_template(&t.name), source)
                .map_err(|e| Issue {
                    path: here("template"),
                    at_key: false,
                    message: template_message(vmcp, "tool", &t.name, &e),
                    hint: None,
                })
        }
        // Reported by validation.
        (ToolKind::Prompt, None) => Ok(()),
        (kind, _) => Err(Issue {
            path: here("kind"),
            at_key: false,
            message: format!("custom tools of kind `{kind}` are not supported yet"),
            hint: Some("use `kind: prompt` for now".into()),
        }),
    }
}

pub(super) fn template_message(vmcp: &str, what: &str, name: &str, e: &CompileError) -> String {
    match e.line {
        Some(line) => format!(
            "template of {what} `{name}` (vMCP `{vmcp}`), line {line}: {}",
            e.message
        ),
        None => format!("template of {what} `{name}` (vMCP `{vmcp}`): {}", e.message),
    }
}
