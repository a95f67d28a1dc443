//! The routing map: where each exposed tool, prompt, resource and template goes, built with the
//! catalog it belongs to. Requests are routed by looking names up here; exposed names are never
//! parsed back apart.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::glob::Glob;
use crate::protocol::param_headers::ParamHeader;

/// What serves an exposed item: one of the session's upstreams (its index in the plan), or the
/// vMCP's own custom items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Upstream(usize),
    Custom,
}

/// Where an exposed tool or prompt goes, and its name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub target: Target,
    pub raw: String,
}

/// A visible resource template and who serves the URIs it matches.
#[derive(Debug, Clone)]
pub(crate) struct TemplateRoute {
    /// The `uriTemplate` as listed.
    pub template: String,
    pub glob: Glob,
    pub target: Target,
}

/// The routing map of one catalog.
#[derive(Debug, Default)]
pub(crate) struct Routes {
    /// Exposed tool name → route.
    pub tools: HashMap<String, Route>,
    /// Exposed prompt name → route.
    pub prompts: HashMap<String, Route>,
    /// Listed resource URI → target (URIs are exposed unchanged).
    pub resources: HashMap<String, Target>,
    /// Visible templates, in list order (the first match wins).
    pub templates: Vec<TemplateRoute>,
    /// Exposed tool name → the `Mcp-Param-*` headers its exposed schema declares (only tools
    /// that declare some, validly).
    pub param_headers: HashMap<String, Arc<[ParamHeader]>>,
}

impl Routes {
    /// Who serves `uri`: the server that lists it, else the first visible template matching it.
    pub(crate) fn uri(&self, uri: &str) -> Option<Target> {
        self.resources.get(uri).copied().or_else(|| {
            self.templates
                .iter()
                .find(|t| t.glob.matches(uri))
                .map(|t| t.target)
        })
    }

    /// Who serves the template listed as `template` (completion refers to templates by it).
    pub(crate) fn template(&self, template: &str) -> Option<Target> {
        self.templates
            .iter()
            .find(|t| t.template == template)
            .map(|t| t.target)
    }
}
