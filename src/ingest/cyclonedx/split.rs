//! Reading one large JSON document on several cores.
//!
//! The top-level `components` array is cut into contiguous shares, one per thread. Every
//! thread runs the ordinary reader over the whole text; thread `i` skips, at serde_json's
//! skipping speed, everything before its share, builds the components of its share, and stops
//! where the share of thread `i + 1` begins. Thread `i + 1` finds that place itself (the first
//! element that starts at or after its target byte offset) and publishes it as an element index,
//! so the threads agree on the cut exactly. What lies before the array belongs to thread 0, what
//! lies after it to the thread that owns the array's last element. Appending the shares in
//! order gives what a single reader would have built, whatever the number of threads.
//! `docs/adr/0002-parallel-json-reading.md` explains the choice.

use std::sync::{Condvar, Mutex};

/// Documents smaller than this are read by one thread: below it, starting threads costs more
/// than it saves.
const PARALLEL_THRESHOLD: usize = 4 << 20;

/// At most this many threads read one document: each thread also skips the shares before its
/// own, so more threads give less and less.
const MAX_THREADS: usize = 4;

/// How much slower building components is than skipping them, per byte (measured on
/// `gen-sbom.py` output with two threads sharing memory bandwidth: about 3). Used to place the
/// cuts so that all threads finish together.
const BUILD_COST: f64 = 3.0;

/// How many threads should work on `bytes` bytes of input.
pub(crate) fn threads_for(bytes: usize) -> usize {
    if bytes < PARALLEL_THRESHOLD {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    }
}

/// One thread's part of a parallel read.
pub(crate) struct Share<'c> {
    pub index: usize,
    pub count: usize,
    /// This share begins with the first element of `components` that starts at or after this
    /// byte offset (0 for the first share).
    pub target: usize,
    cuts: &'c Cuts,
}

impl<'c> Share<'c> {
    /// All shares of a document of `len` bytes. Thread `i` skips `target(i)` bytes and builds
    /// `target(i+1) - target(i)`; with building `BUILD_COST` times as dear as skipping, equal
    /// work for every thread puts `target(i)` at `len * (1 - q^i) / (1 - q^n)`, `q = 1 - 1/BUILD_COST`.
    pub fn all(cuts: &'c Cuts, len: usize) -> Vec<Share<'c>> {
        let n = cuts.slots.len();
        let q = 1.0 - 1.0 / BUILD_COST;
        (0..n)
            .map(|i| {
                let fraction = (1.0 - q.powi(i as i32)) / (1.0 - q.powi(n as i32));
                Share {
                    index: i,
                    count: n,
                    target: (len as f64 * fraction) as usize,
                    cuts,
                }
            })
            .collect()
    }

    pub fn is_first(&self) -> bool {
        self.index == 0
    }

    pub fn is_last(&self) -> bool {
        self.index + 1 == self.count
    }

    /// Announces the element index at which this share begins (`None`: the array ended before
    /// the target, so this share is empty). Only the first announcement counts.
    pub fn publish(&self, first_element: Option<usize>) {
        self.cuts.publish(self.index, first_element);
    }

    /// Where the next share begins, if that is known yet. `Some(None)`: the next share is empty.
    pub fn next_cut(&self) -> Option<Option<usize>> {
        if self.is_last() {
            Some(None)
        } else {
            self.cuts.peek(self.index + 1)
        }
    }

    /// Where the next share begins, waiting for its thread to find out.
    pub fn wait_next_cut(&self) -> Option<usize> {
        if self.is_last() {
            None
        } else {
            self.cuts.wait(self.index + 1)
        }
    }
}

/// The element indices at which the shares begin, as their threads publish them.
pub(crate) struct Cuts {
    slots: Vec<(Mutex<Option<Option<usize>>>, Condvar)>,
}

impl Cuts {
    pub fn new(count: usize) -> Self {
        Cuts {
            slots: (0..count)
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

    fn peek(&self, i: usize) -> Option<Option<usize>> {
        *self.slots[i].0.lock().unwrap_or_else(|e| e.into_inner())
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
/// `components` array, or panicked), so that the thread before it never waits forever.
pub(crate) struct PublishOnExit<'s, 'c>(pub &'s Share<'c>);

impl Drop for PublishOnExit<'_, '_> {
    fn drop(&mut self) {
        self.0.publish(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_balance_skipping_and_building() {
        let cuts = Cuts::new(2);
        let shares = Share::all(&cuts, 3000);
        assert_eq!(shares[0].target, 0);
        // Thread 0 builds 1800 bytes (cost 1800 × 3 = 5400); thread 1 skips 1800 (1800) and
        // builds 1200 (3600): the same.
        assert_eq!(shares[1].target, 1800);
    }

    #[test]
    fn publication_is_seen_once_and_waited_for() {
        let cuts = Cuts::new(2);
        let shares = Share::all(&cuts, 100);
        assert_eq!(shares[0].next_cut(), None);
        std::thread::scope(|s| {
            s.spawn(|| shares[1].publish(Some(7)));
            assert_eq!(shares[0].wait_next_cut(), Some(7));
        });
        shares[1].publish(Some(9));
        assert_eq!(shares[0].next_cut(), Some(Some(7)));
        assert_eq!(shares[1].next_cut(), Some(None));
    }
}
