//! The domain of motebok: bodies, meetings, cases, documents, references, threads and the
//! publication window. Pure: no file system, no git, no clock; "today" and the trail come in.

pub mod trail;

pub use trail::{Change, FileTrail, TrailEntry, Trails};
