//! The domain of motebok: bodies, meetings, cases, documents, references, threads and the
//! publication window. Pure: no file system, no git, no clock; "today" and the trail come in.

pub mod accessibility;
pub mod ids;
pub mod links;
pub mod model;
pub mod privacy;
pub mod resolve;
pub mod trail;
pub mod window;

pub use ids::{CaseNumber, CaseRef, MeetingRef};
pub use model::*;
pub use resolve::{attachment_path, meetings_by_year, resolve, Inputs};
pub use trail::{Change, FileTrail, TrailEntry, Trails};
pub use window::{closing_day, Publication};
