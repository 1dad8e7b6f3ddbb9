//! The parser of motebok: bytes of a content file in, a typed raw document out.
//!
//! Pure: no file system, no git, no clock. Positions (file, line, column) are kept so that the
//! domain's rules can point editors at the line to change.

pub mod active;
pub mod body;
pub mod control;
pub mod diagnostic;
pub mod dialect;
pub mod fields;
pub mod frontmatter;
pub mod kinds;
pub mod linkwrap;
pub mod markdown;
pub mod names;
pub mod nesting;
pub mod percent;
pub mod raw;
pub mod shown;
pub mod text;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use fields::{parse_iso_date, Spanned};
pub use frontmatter::BodyAt;
pub use kinds::{classify, AttachmentOwner, FileKind};
pub use markdown::{render, render_reserving, slugify, LinkTo, Rendered};
pub use raw::*;
pub use text::Text;
