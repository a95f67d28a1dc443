//! Trust in what upstream servers say about their tools: pins (what each tool looked like when
//! its server was approved, to show what changed since), screening for the marks of tool
//! poisoning (instructions aimed at the model, hidden characters, oversized descriptions), and
//! the one reading of a definition every command shares (`definition`: a tool too deep to
//! screen is refused, never skipped). Pins and screening report; nothing here rewrites a
//! definition.

pub mod command;
pub mod definition;
pub mod pin;
pub mod screen;

pub use command::ServerRef;
pub use definition::Unscreenable;
pub use pin::{Comparison, PinnedTool};
pub use screen::{Flag, screen_tool};
