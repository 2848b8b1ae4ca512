//! Reading one large SPDX JSON document on several cores, the way the CycloneDX JSON reader
//! does (`docs/adr/0002-parallel-json-reading.md`).
//!
//! The top-level `packages` array is cut into contiguous shares, one per thread. Every thread
//! walks the whole text; thread `i` skips, at serde_json's skipping speed, everything before its
//! share, reads the packages of its share, and stops where the share of thread `i + 1` begins.
//! Thread `i + 1` finds that place itself (the first package that starts at or after its target
//! byte offset) and publishes it as an element index, so the threads agree on the cut exactly.
//! What lies before the array belongs to thread 0, what lies after it to the thread that owns
//! the array's last element. Appending the shares in order gives what a single reader would have
//! read, whatever the number of threads.
//!
//! Unlike the CycloneDX reader, a thread never needs to undo anything: a package is handed to
//! the builder only once the thread knows that it belongs to its share (see
//! [`Share::owns_next`]).

use std::sync::{Condvar, Mutex};

/// Documents smaller than this are read by one thread: below it, starting threads costs more
/// than it saves.
const PARALLEL_THRESHOLD: usize = 4 << 20;

/// At most this many threads read one document: each thread also skips the shares before its
/// own, so more threads give less and less.
const MAX_THREADS: usize = 4;

/// How much slower reading packages and relationships is than skipping them, per byte (measured
/// on `gen-sbom.py` output with two threads sharing memory bandwidth). Used to place the cuts so
/// that all threads finish together.
const READ_COST: f64 = 2.0;

/// How many threads should read a document of `bytes` bytes.
pub(super) fn threads_for(bytes: usize) -> usize {
    if bytes < PARALLEL_THRESHOLD {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    }
}

/// One thread's part of a read.
pub(super) struct Share<'c> {
    index: usize,
    /// This share begins with the first package that starts at or after this byte offset (0 for
    /// the first share).
    pub target: usize,
    /// The target of the next share, if there is one.
    next_target: Option<usize>,
    cuts: &'c Cuts,
}

impl<'c> Share<'c> {
    /// All shares of a document of `len` bytes. Thread `i` skips `target(i)` bytes and reads
    /// `target(i+1) - target(i)`; with reading `READ_COST` times as dear as skipping, equal work
    /// for every thread puts `target(i)` at `len * (1 - q^i) / (1 - q^n)`, `q = 1 - 1/READ_COST`.
    pub fn all(cuts: &'c Cuts, len: usize) -> Vec<Share<'c>> {
        let n = cuts.slots.len();
        let q = 1.0 - 1.0 / READ_COST;
        let target =
            |i: usize| (len as f64 * (1.0 - q.powi(i as i32)) / (1.0 - q.powi(n as i32))) as usize;
        (0..n)
            .map(|i| Share {
                index: i,
                target: target(i),
                next_target: (i + 1 < n).then(|| target(i + 1)),
                cuts,
            })
            .collect()
    }

    /// The share of a reader that reads everything.
    pub fn whole(cuts: &'c Cuts) -> Share<'c> {
        Share {
            index: 0,
            target: 0,
            next_target: None,
            cuts,
        }
    }

    pub fn is_first(&self) -> bool {
        self.index == 0
    }

    /// Announces the index of the package with which this share begins (`None`: the array ended
    /// before the target, or this thread failed, so this share is empty). Only the first
    /// announcement counts.
    pub fn publish(&self, first_package: Option<usize>) {
        self.cuts.publish(self.index, first_package);
    }

    /// Whether the package with this index, whose `{` is at `start` (when known), belongs to the
    /// next share. A package that starts before the next share's target cannot; for one that
    /// starts at or after it, or whose start is unknown, the next thread's announcement decides.
    pub fn owns_next(&self, index: usize, start: Option<usize>) -> bool {
        let Some(next_target) = self.next_target else {
            return false;
        };
        if start.is_some_and(|s| s < next_target) {
            return false;
        }
        self.cuts
            .wait(self.index + 1)
            .is_some_and(|cut| index >= cut)
    }
}

/// The package indices at which the shares begin, as their threads publish them.
pub(super) struct Cuts {
    slots: Vec<(Mutex<Option<Option<usize>>>, Condvar)>,
}

impl Cuts {
    pub fn new(count: usize) -> Self {
        Cuts {
            slots: (0..count.max(1))
                .map(|_| (Mutex::new(None), Condvar::new()))
                .collect(),
        }
    }

    fn publish(&self, i: usize, value: Option<usize>) {
        let (lock, ready) = &self.slots[i];
        let mut slot = lock.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some(value);
            ready.notify_all();
        }
    }

    fn wait(&self, i: usize) -> Option<usize> {
        let (lock, ready) = &self.slots[i];
        let mut slot = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(value) = *slot {
                return value;
            }
            slot = ready.wait(slot).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Publishes "no share" for a thread that ends without having published (it failed, found no
/// `packages` array, or panicked), so that the thread before it never waits forever.
pub(super) struct PublishOnExit<'s, 'c>(pub &'s Share<'c>);

impl Drop for PublishOnExit<'_, '_> {
    fn drop(&mut self) {
        self.0.publish(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_balance_skipping_and_reading() {
        let cuts = Cuts::new(2);
        let shares = Share::all(&cuts, 3000);
        assert_eq!(shares[0].target, 0);
        // With reading twice as dear as skipping, thread 0 reads 2000 bytes (4000) and thread 1
        // skips 2000 (2000) and reads 1000 (2000): the same.
        assert_eq!(shares[1].target, 2000);
        assert_eq!(shares[0].next_target, Some(2000));
        assert_eq!(shares[1].next_target, None);
    }

    #[test]
    fn the_next_thread_decides_only_at_or_after_its_target() {
        let cuts = Cuts::new(2);
        let shares = Share::all(&cuts, 3000);
        // Before the target: no need to wait for the next thread.
        assert!(!shares[0].owns_next(5, Some(1999)));
        std::thread::scope(|s| {
            s.spawn(|| shares[1].publish(Some(7)));
            assert!(!shares[0].owns_next(6, Some(2100)));
            assert!(shares[0].owns_next(7, None));
        });
        shares[1].publish(Some(9));
        assert!(shares[0].owns_next(7, Some(2000)));
        assert!(!shares[1].owns_next(100, None));
    }
}
