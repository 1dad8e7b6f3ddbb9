//! The builder of motebok: reads a site, resolves it, renders it and writes it.

pub mod trail;
