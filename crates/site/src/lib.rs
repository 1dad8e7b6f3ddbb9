//! What every output of motebok shares, and nothing that reads or writes: `site.toml`
//! ([`config`]), the theme ([`theme`]), Norwegian dates ([`dates`]) and counted words
//! ([`words`]), the one escaper ([`escape`]), the one XML writer ([`xml_out`]) and the one
//! media-type table ([`mime`]). Pure: `site.toml` and the theme's overrides come from the
//! builder as text, and no function here reads the clock, the file system or git.

pub mod config;
mod config_urls;
pub mod dates;
pub mod escape;
pub mod mime;
pub mod theme;
pub mod words;
pub mod xml_out;

pub use config::SiteConfig;
