//! Leaf utilities any layer may use; nothing domain-specific.

pub(crate) mod batch;
pub(crate) mod clock;
pub(crate) mod env_vars;
#[cfg(test)]
pub(crate) mod fuzz_inputs;
pub(crate) mod hash;
pub(crate) mod json_kind;
pub(crate) mod paths;
pub(crate) mod program;
pub(crate) mod secret;
pub(crate) mod shell;
pub(crate) mod url;
