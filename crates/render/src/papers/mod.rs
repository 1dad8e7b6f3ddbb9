//! What the meeting papers say (CONTENT.md §9): `innkalling.pdf` and `protokoll.pdf` of each
//! meeting as `motebok_papers::Paper` models, assembled from the same views and resolved links
//! as the pages (`assemble`), their bodies through the Markdown converter (`markdown`), and the
//! one page left at a paper's URL whose meeting left it (`gone`). The builder decides which to
//! make, keeps them by key and typesets them.

mod assemble;
mod gone;
pub mod markdown;
#[cfg(test)]
mod tests;

pub use assemble::{is_image, paper_texts, Assembler};
