//! What every output of motebok shares, and nothing that reads or writes: `site.toml`
//! ([`config`]), the theme ([`theme`]), Norwegian dates ([`dates`]) and counted words
//! ([`words`]), the one escaper ([`escape`]), the one XML writer ([`xml_out`]), the one
//! media-type table ([`mime`]) and the checksums the output carries ([`checksum`]); the
//! site's URLs ([`urls`], [`paper_files`]), the view structs the templates see and their
//! maker ([`views`]), the accessibility statement's findings ([`accessibility`]) and an output
//! file ([`out`]). Pure: `site.toml`, the theme's overrides and the bodies' texts come from the
//! builder, and no function here reads the clock, the file system or git.

pub mod accessibility;
pub mod checksum;
pub mod config;
mod config_urls;
pub mod dates;
pub mod escape;
pub mod mime;
pub mod out;
pub mod paper_files;
#[cfg(test)]
mod testkit;
pub mod theme;
pub mod urls;
pub mod views;
pub mod words;
pub mod xml_out;

pub use config::SiteConfig;
