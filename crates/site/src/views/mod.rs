//! What templates see: the view structs (`structs`), made from the resolved site by [`Views`]
//! (`make`), which reads bodies through [`Bodies`]. Templates never touch the domain's types;
//! every href is relative to the site root (templates prefix it with `root`).

mod bodies;
pub mod follow;
pub mod make;
mod structs;
mod trail;

pub use bodies::{Bodies, Unread};
pub use make::Views;
pub use structs::*;
