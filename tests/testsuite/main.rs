//! The integration tests of motebok, as one test binary: each module was a binary of its own
//! that linked the whole workspace again; together they link once. Run one area with
//! `cargo test --test testsuite <module>::` (e.g. `rebuild::`), one test by its name.
//!
//! Tests run in parallel threads of this one process: a test changes its environment only
//! through the `Command`s it starts, never the process's own (`std::env::set_var`, the
//! current directory), which every other test would see.

mod common;

mod archive;
mod archive_formats;
mod archive_pdfa;
mod archive_verify;
mod atomic_output;
mod attachments;
mod body_reads;
mod body_rules;
mod body_store;
mod browser_audit;
mod content_rules;
mod crate_graph;
mod damaged_tree;
mod editor;
mod every_error;
mod example_site;
mod facts_once;
mod follow;
mod git_trail;
mod gone_papers;
mod hostile_input;
mod links;
mod links_once;
mod meeting_papers;
mod module_graph;
mod newcomer;
mod oparl;
mod open_data;
mod paper_cache;
mod papers_kept;
mod pdf_checks;
mod pr_workflow;
mod progress;
mod pull_request;
mod rebuild;
mod rebuild_scope;
mod search_browser;
mod search_index;
mod search_stemmer;
mod security_files;
mod security_names;
mod security_privacy;
mod security_serve;
mod serve;
mod serve_feeds;
mod serve_papers;
mod setup_errors;
mod snapshot_damage;
mod urls_and_links_finish;
mod urls_stay;
mod yaml_positions;
