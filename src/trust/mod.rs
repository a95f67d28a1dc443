//! Trust in what upstream servers say about their tools. For now: screening tool definitions for
//! the marks of tool poisoning (instructions aimed at the model, hidden characters, oversized
//! descriptions), which `vmcp check` reports. Flags only: nothing is rewritten.

pub mod screen;

pub use screen::{Flag, screen_tool};
