//! Per-item work on every core with the results in input order: the calling thread reads the
//! input and gathers its items into batches, each batch is processed by a rayon worker or by
//! the calling thread (whichever claims it first), and the calling thread gets the results back
//! in input order. Memory is bounded by the batches in flight.
//!
//! `threads` threads work: the calling thread and `threads - 1` rayon workers. The calling
//! thread reads, hands results over, and, whenever the batches in flight reach their limit,
//! processes the oldest batch no worker has claimed yet instead of waiting; so no core is idle
//! while there is work, and one thread runs everything on the calling thread without a pool.
//! A batch's result depends only on its items, and results are handed over in order, so the
//! output is the same whatever the thread count.
//!
//! Why this and not rayon's `par_bridge` or `par_iter`: `par_bridge` hands results back in
//! whatever order the workers finish, and collecting an indexed parallel iterator needs the
//! whole input first (a `Vec` of every line or ticket), which is the memory the streaming
//! commands must not spend. Here the reader stays sequential (a CSV record or a JSON line ends
//! where only reading from the start can tell), at most [`Limits::batches_per_thread`] batches
//! per thread are in flight, and the results are re-ordered in a map of at most that many
//! entries; rayon only supplies the worker threads. Native only: the browser has no threads to
//! give it (its workers are separate module instances), so rayon is never compiled into wasm.

use std::collections::{BTreeMap, VecDeque};
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};

/// How many threads work: the calling thread and `get() - 1` rayon workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threads(NonZeroUsize);

impl Threads {
    /// One thread: everything on the calling thread, no pool.
    pub const ONE: Threads = Threads(NonZeroUsize::MIN);

    /// `n` threads.
    pub fn new(n: NonZeroUsize) -> Threads {
        Threads(n)
    }

    /// As many threads as the process may run at once (`available_parallelism`; 1 when that
    /// is unknown).
    pub fn all() -> Threads {
        Threads(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
    }

    /// The number of threads.
    pub fn get(self) -> usize {
        self.0.get()
    }
}

/// How items are gathered into batches, and how much may be in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Items per batch, at most.
    pub batch_items: usize,
    /// A batch is sent as soon as its items weigh this much (their bytes, roughly).
    pub batch_weight: usize,
    /// Batches in flight (sent and not yet handed back) per thread, at most.
    pub batches_per_thread: usize,
}

impl Limits {
    /// Batches of at most 1024 items or 1 MiB, two in flight per thread.
    pub const DEFAULT: Limits = Limits {
        batch_items: 1024,
        batch_weight: 1 << 20,
        batches_per_thread: 2,
    };
}

/// A sent batch's items, until a worker or the calling thread takes them.
type Slot<I> = Arc<Mutex<Option<Vec<I>>>>;

/// A processed batch: its sequence number and its result, or the panic that processing raised.
type Processed<O> = (u64, std::thread::Result<O>);

/// The batches of one run: [`Batches::push`] items, and the results reach the `consume`
/// function given to [`run`] in input order.
pub struct Batches<'a, 'scope, I, O, E> {
    scope: Option<&'a rayon::Scope<'scope>>,
    process: &'scope (dyn Fn(Vec<I>) -> O + Sync),
    consume: &'a mut dyn FnMut(O) -> Result<(), E>,
    limits: Limits,
    /// Batches in flight, at most.
    max_batches: u64,
    /// Weight in flight above which pushing waits (one heavier item still goes, alone).
    budget: usize,
    batch: Vec<I>,
    batch_weight: usize,
    /// Batches sent, and batches handed to `consume` (the next one's sequence number).
    sent: u64,
    consumed: u64,
    /// Sent batches (sequence number and items), oldest first, that may still hold their
    /// items.
    slots: VecDeque<(u64, Slot<I>)>,
    /// Weight of each batch in flight, oldest first.
    weights: VecDeque<usize>,
    in_flight_weight: usize,
    /// Processed batches waiting for an older one.
    ready: BTreeMap<u64, O>,
    tx: Sender<Processed<O>>,
    rx: Receiver<Processed<O>>,
    /// Set once `consume` failed: the run is over and its items are dropped.
    stopped: bool,
}

/// Runs `body` with the batches of one run on `threads` threads: every item `body` pushes is
/// processed in a batch by `process` on some thread, and each batch's result is passed to
/// `consume` on the calling thread, in input order. Returns `body`'s result once every batch
/// is consumed, or the first error of `body` or `consume`.
///
/// If the pool cannot be started (no threads can be spawned), everything runs on the calling
/// thread: the output is the same.
pub fn run<I, O, E, R>(
    threads: Threads,
    limits: Limits,
    process: impl Fn(Vec<I>) -> O + Sync,
    mut consume: impl FnMut(O) -> Result<(), E>,
    body: impl FnOnce(&mut Batches<'_, '_, I, O, E>) -> Result<R, E>,
) -> Result<R, E>
where
    I: Send,
    O: Send,
{
    let process: &(dyn Fn(Vec<I>) -> O + Sync) = &process;
    let pool = (threads.get() > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads.get() - 1)
                .thread_name(|i| format!("ticket-insights-{}", i + 1))
                .build()
                .ok()
        })
        .flatten();
    match pool {
        Some(pool) => pool.in_place_scope(|scope| {
            let mut batches = Batches::new(Some(scope), process, &mut consume, limits, threads);
            let out = body(&mut batches)?;
            batches.finish()?;
            Ok(out)
        }),
        None => {
            let mut batches = Batches::new(None, process, &mut consume, limits, threads);
            let out = body(&mut batches)?;
            batches.finish()?;
            Ok(out)
        }
    }
}

impl<'a, 'scope, I: Send, O: Send, E> Batches<'a, 'scope, I, O, E> {
    fn new(
        scope: Option<&'a rayon::Scope<'scope>>,
        process: &'scope (dyn Fn(Vec<I>) -> O + Sync),
        consume: &'a mut dyn FnMut(O) -> Result<(), E>,
        limits: Limits,
        threads: Threads,
    ) -> Self {
        let workers = if scope.is_some() { threads.get() } else { 1 };
        let max_batches = if workers == 1 {
            1
        } else {
            workers.saturating_mul(limits.batches_per_thread.max(1))
        };
        let (tx, rx) = mpsc::channel();
        Batches {
            scope,
            process,
            consume,
            limits,
            max_batches: max_batches as u64,
            budget: max_batches.saturating_mul(limits.batch_weight.max(1)),
            batch: Vec::new(),
            batch_weight: 0,
            sent: 0,
            consumed: 0,
            slots: VecDeque::new(),
            weights: VecDeque::new(),
            in_flight_weight: 0,
            ready: BTreeMap::new(),
            tx,
            rx,
            stopped: false,
        }
    }

    /// Adds one item weighing `weight` (its bytes, roughly). Sends the batch when it is full;
    /// waits (working on batches itself) while the batches in flight are at their limit, or
    /// while the item would take the weight in flight past its budget, so that an item heavier
    /// than the budget is processed alone. Returns `consume`'s error, if it fails; the run is
    /// then over, and later items are dropped.
    pub fn push(&mut self, item: I, weight: usize) -> Result<(), E> {
        if self.stopped {
            return Ok(());
        }
        if self.in_flight_weight + self.batch_weight + weight > self.budget {
            self.send()?;
            while self.in_flight() > 0 && self.in_flight_weight + weight > self.budget {
                self.step()?;
            }
        }
        self.batch.push(item);
        self.batch_weight = self.batch_weight.saturating_add(weight);
        if self.batch.len() >= self.limits.batch_items
            || self.batch_weight >= self.limits.batch_weight
        {
            self.send()?;
        }
        Ok(())
    }

    /// Waits (working on batches itself) until the weight in flight is under its budget: for a
    /// reader that should not read the next item while a heavy one is being processed.
    pub fn make_room(&mut self) -> Result<(), E> {
        while !self.stopped && self.in_flight() > 0 && self.in_flight_weight >= self.budget {
            self.step()?;
        }
        Ok(())
    }

    /// Sends what is gathered and waits until every batch is processed and consumed: the
    /// output so far is then complete (before a message that must follow it, or an error).
    pub fn finish(&mut self) -> Result<(), E> {
        self.send()?;
        while !self.stopped && self.in_flight() > 0 {
            self.step()?;
        }
        Ok(())
    }

    fn in_flight(&self) -> u64 {
        self.sent - self.consumed
    }

    /// Sends the gathered batch to be processed, then waits while too many are in flight.
    fn send(&mut self) -> Result<(), E> {
        if self.stopped || self.batch.is_empty() {
            return Ok(());
        }
        let items = std::mem::take(&mut self.batch);
        let weight = std::mem::take(&mut self.batch_weight);
        let slot: Slot<I> = Arc::new(Mutex::new(Some(items)));
        if let Some(scope) = self.scope {
            let (seq, slot, tx, process) =
                (self.sent, Arc::clone(&slot), self.tx.clone(), self.process);
            scope.spawn(move |_| {
                if let Some(items) = take(&slot) {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| process(items)));
                    // The receiver outlives the scope: a send cannot fail.
                    let _ = tx.send((seq, result));
                }
            });
        }
        self.slots.push_back((self.sent, slot));
        self.weights.push_back(weight);
        self.in_flight_weight += weight;
        self.sent += 1;
        self.collect()?;
        while !self.stopped && self.in_flight() >= self.max_batches {
            self.step()?;
        }
        Ok(())
    }

    /// One step of progress: consumes what is ready; else processes the oldest unclaimed batch
    /// on this thread; else waits for a worker to finish one.
    fn step(&mut self) -> Result<(), E> {
        let before = self.consumed;
        self.collect()?;
        if self.consumed > before || self.stopped {
            return Ok(());
        }
        while let Some((seq, slot)) = self.slots.pop_front() {
            if let Some(items) = take(&slot) {
                let result = (self.process)(items);
                self.ready.insert(seq, result);
                return self.hand_over();
            }
        }
        match self.rx.recv() {
            Ok(processed) => self.accept(processed),
            // Unreachable: this struct holds a sender.
            Err(_) => Ok(()),
        }
    }

    /// Takes every batch the workers have finished, and consumes what is in order.
    fn collect(&mut self) -> Result<(), E> {
        loop {
            match self.rx.try_recv() {
                Ok(processed) => self.accept(processed)?,
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return self.hand_over(),
            }
        }
    }

    fn accept(&mut self, (seq, result): Processed<O>) -> Result<(), E> {
        match result {
            Ok(out) => {
                self.ready.insert(seq, out);
                self.hand_over()
            }
            Err(payload) => {
                self.cancel();
                panic::resume_unwind(payload)
            }
        }
    }

    /// Passes the processed batches that are next in order to `consume`.
    fn hand_over(&mut self) -> Result<(), E> {
        while !self.stopped {
            let Some(out) = self.ready.remove(&self.consumed) else {
                break;
            };
            self.consumed += 1;
            // Slots of consumed batches (claimed by a worker) are not needed any more.
            while self
                .slots
                .front()
                .is_some_and(|(seq, _)| *seq < self.consumed)
            {
                self.slots.pop_front();
            }
            let weight = self.weights.pop_front().unwrap_or(0);
            self.in_flight_weight = self.in_flight_weight.saturating_sub(weight);
            if let Err(e) = (self.consume)(out) {
                self.cancel();
                return Err(e);
            }
        }
        Ok(())
    }

    /// Ends the run: batches no one has claimed are dropped unprocessed.
    fn cancel(&mut self) {
        self.stopped = true;
        self.batch.clear();
        for (_, slot) in self.slots.drain(..) {
            drop(take(&slot));
        }
        self.ready.clear();
    }
}

impl<I, O, E> Drop for Batches<'_, '_, I, O, E> {
    /// Leaves nothing for the workers to do when the run ends early (an error of `body`).
    fn drop(&mut self) {
        for (_, slot) in self.slots.drain(..) {
            drop(take(&slot));
        }
    }
}

/// The message of a caught panic (its `&str` or `String` payload), for a report naming the
/// item whose processing panicked.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// The items of `slot`, if no one has taken them yet.
fn take<I>(slot: &Mutex<Option<Vec<I>>>) -> Option<Vec<I>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).take()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn threads(n: usize) -> Threads {
        Threads::new(NonZeroUsize::new(n).unwrap())
    }

    /// Squares 0..n in batches, collecting the results in the order they are handed over.
    fn squares(n: u64, t: usize, limits: Limits) -> Vec<u64> {
        let mut out = Vec::new();
        run(
            threads(t),
            limits,
            |batch: Vec<u64>| batch.iter().map(|x| x * x).collect::<Vec<_>>(),
            |squares| {
                out.extend(squares);
                Ok::<(), ()>(())
            },
            |batches| {
                for i in 0..n {
                    batches.push(i, (i % 7) as usize)?;
                }
                Ok(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn results_come_back_in_input_order_on_any_thread_count() {
        let want: Vec<u64> = (0..10_000).map(|x| x * x).collect();
        for t in [1, 2, 3, 8] {
            for limits in [
                Limits::DEFAULT,
                Limits {
                    batch_items: 1,
                    batch_weight: 1,
                    batches_per_thread: 1,
                },
                Limits {
                    batch_items: 7,
                    batch_weight: 20,
                    batches_per_thread: 3,
                },
            ] {
                assert_eq!(squares(10_000, t, limits), want, "{t} threads, {limits:?}");
            }
        }
    }

    #[test]
    fn a_heavy_item_is_processed_alone() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let limits = Limits {
            batch_items: 4,
            batch_weight: 10,
            batches_per_thread: 2,
        };
        let weight = |i: usize| if i.is_multiple_of(50) { 1000 } else { 3 };
        let (in_flight, peak) = (AtomicUsize::new(0), AtomicUsize::new(0));
        run(
            threads(4),
            limits,
            |batch: Vec<usize>| {
                let w: usize = batch.iter().map(|&i| weight(i)).sum();
                let now = in_flight.fetch_add(w, Ordering::SeqCst) + w;
                peak.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros(200));
                in_flight.fetch_sub(w, Ordering::SeqCst);
                batch
            },
            |_| Ok::<(), ()>(()),
            |batches| {
                for i in 0..400 {
                    batches.push(i, weight(i))?;
                }
                Ok(())
            },
        )
        .unwrap();
        // Budget: 8 batches of 10; a heavy item never shares the machine with another batch.
        assert_eq!(peak.load(Ordering::SeqCst), 1000);
    }

    #[test]
    fn an_error_of_consume_stops_the_run() {
        let mut seen = Vec::new();
        let result = run(
            threads(2),
            Limits {
                batch_items: 10,
                batch_weight: 1 << 20,
                batches_per_thread: 2,
            },
            |batch: Vec<u32>| batch,
            |batch| {
                if batch.contains(&55) {
                    return Err(format!("stopped at {}", batch[0]));
                }
                seen.extend(batch);
                Ok(())
            },
            |batches| {
                for i in 0..1_000_000 {
                    if let Err(e) = batches.push(i, 1) {
                        return Err(format!("{e}, pushed {i}"));
                    }
                }
                Ok(())
            },
        );
        let message = result.unwrap_err();
        assert!(message.starts_with("stopped at 50, pushed "), "{message}");
        assert_eq!(seen, (0..50).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "bad item")]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let _ = run(
            threads(2),
            Limits {
                batch_items: 1,
                batch_weight: 1,
                batches_per_thread: 1,
            },
            |batch: Vec<u32>| {
                assert!(batch[0] != 3, "bad item");
                batch
            },
            |_| Ok::<(), ()>(()),
            |batches| {
                for i in 0..100 {
                    batches.push(i, 1)?;
                }
                Ok(())
            },
        );
    }
}
