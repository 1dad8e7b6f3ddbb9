//! The papers are typeset on threads of their own, not on rayon's workers.
//!
//! Typst parallelises inside one paper with rayon. A rayon worker that waits for that work
//! steals the next job meanwhile, which here is the next paper: it typesets it on top of the
//! first one's stack, and that one's half-made layout waits in memory. On the medium benchmark
//! corpus (426 papers) the two workers nested papers dozens deep: 4 GB of memory, 65 s, and in
//! a release build a stack overflow. A plain thread waiting for rayon only waits.

use std::sync::Mutex;

/// Each thread's stack: a long summons recurses deep in typst's layout (mapped lazily, so
/// only what is touched costs memory).
const STACK: usize = 64 << 20;

/// `f` of every item, on as many threads as rayon's pool has, in no particular order.
pub(super) fn each<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = rayon::current_num_threads().min(items.len());
    let queue = Mutex::new(items.into_iter());
    let out = Mutex::new(Vec::new());
    let work = || loop {
        let next = crate::write::lock(&queue).next();
        let Some(item) = next else { break };
        let r = f(item);
        crate::write::lock(&out).push(r);
    };
    std::thread::scope(|s| {
        let spawned = (0..threads)
            .filter(|_| {
                std::thread::Builder::new()
                    .name("papers".into())
                    .stack_size(STACK)
                    .spawn_scoped(s, work)
                    .is_ok()
            })
            .count();
        // No thread to be had: the work is done here all the same.
        if spawned == 0 {
            work();
        }
    });
    out.into_inner().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;
    use std::cell::Cell;
    use std::sync::atomic::{AtomicUsize, Ordering};

    thread_local!(static DEPTH: Cell<usize> = const { Cell::new(0) });

    /// Like typst: each job waits for parallel work of its own. No job may start on a thread
    /// while another is half done there (with rayon's `into_par_iter` in place of `each`,
    /// this fails: jobs nest).
    #[test]
    fn a_job_waiting_for_rayon_never_has_another_started_under_it() {
        let deepest = AtomicUsize::new(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let sums = pool.install(|| {
            super::each((0..32u64).collect(), |i| {
                let d = DEPTH.with(|c| {
                    c.set(c.get() + 1);
                    c.get()
                });
                deepest.fetch_max(d, Ordering::Relaxed);
                // Parts short enough that the other threads take some, so this one waits.
                let s: u64 = (0..64u64)
                    .into_par_iter()
                    .map(|x| {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                        x * i
                    })
                    .sum();
                DEPTH.with(|c| c.set(c.get() - 1));
                s
            })
        });
        assert_eq!(sums.len(), 32);
        assert_eq!(deepest.into_inner(), 1, "jobs nested on one thread");
    }

    #[test]
    fn every_item_is_done_once() {
        let mut v = super::each((0..100).collect(), |i: u32| i * 2);
        v.sort_unstable();
        assert_eq!(v, (0..100).map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::each(Vec::<u32>::new(), |i| i).is_empty());
    }
}
