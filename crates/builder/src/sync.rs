//! Locks shared by threads: one thread that panicked while holding a lock must not take the
//! others down with it, so a poisoned lock is taken as it is.

use std::sync::{Mutex, MutexGuard};

/// `m`, locked, poisoned or not.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
