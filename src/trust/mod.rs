//! Trust in what upstream servers say about their tools: pins (what each tool looked like when
//! its server was approved, to show what changed since) and screening for the marks of tool
//! poisoning (instructions aimed at the model, hidden characters, oversized descriptions).
//! Both report; nothing here rewrites a definition.

pub mod pin;
pub mod screen;

pub use pin::{Comparison, PinnedTool};
pub use screen::{Flag, screen_tool};
