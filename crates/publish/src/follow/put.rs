//! How the follow feeds hand their files to the builder, keyed so a rebuild can keep them.

use motebok_site::views::Unread;

/// Makes a file's bytes; a feed's summaries read bodies, which can fail.
pub type Make<'m> = dyn Fn() -> Result<Vec<u8>, Unread> + 'm;

/// Where a file goes: its path, its key (see the builder's `remake`) and how to make its
/// bytes, called from several threads. A build never holds them all: one feed per case adds up.
pub(crate) type Put<'p, E> = dyn Fn(String, u64, &Make) -> Result<(), E> + Sync + 'p;
