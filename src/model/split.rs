//! scikit-learn's data splits, reproduced index for index: `train_test_split` (through numpy's
//! legacy `RandomState.permutation`) and `StratifiedKFold(shuffle=True)`.
//!
//! The generator is numpy's legacy `RandomState`: MT19937 seeded by `init_genrand`
//! (`mt19937_seed`), 32-bit draws with the standard tempering, and the legacy shuffle, which walks
//! `i = n-1 .. 1` and swaps `i` with `random_interval(i)` (a masked rejection draw). Verified
//! against numpy 2.4.6 and scikit-learn 1.9.1 by `tests/model_golden.rs` on the cases written by
//! `tools/reference/diff_split.py`.

use super::ModelError;

/// Number of 32-bit words in the MT19937 state.
const N: usize = 624;
/// MT19937's middle word offset.
const M: usize = 397;
/// MT19937's twist matrix constant.
const MATRIX_A: u32 = 0x9908_b0df;
/// Most significant bit of a word.
const UPPER_MASK: u32 = 0x8000_0000;
/// The 31 least significant bits.
const LOWER_MASK: u32 = 0x7fff_ffff;

/// numpy's legacy `np.random.RandomState(seed)` for an integer seed: the MT19937 generator and
/// the draws scikit-learn's splitters use.
#[derive(Debug, Clone)]
pub struct RandomState {
    /// The 624-word state.
    key: [u32; N],
    /// Next word to temper; `N` means the state must be regenerated first.
    pos: usize,
}

impl RandomState {
    /// `RandomState(seed)`: numpy's `mt19937_seed` (Matsumoto and Nishimura's `init_genrand`).
    pub fn new(seed: u32) -> Self {
        let mut key = [0u32; N];
        let mut s = seed;
        for (i, k) in key.iter_mut().enumerate() {
            *k = s;
            // Wrapping arithmetic is the reference's `& 0xffffffff`; i + 1 < 625 fits in u32.
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(i as u32 + 1);
        }
        Self { key, pos: N }
    }

    /// Regenerates the state (`mt19937_gen`).
    fn generate(&mut self) {
        for i in 0..N {
            let y = (self.key[i] & UPPER_MASK) | (self.key[(i + 1) % N] & LOWER_MASK);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            self.key[i] = self.key[(i + M) % N] ^ (y >> 1) ^ mag;
        }
        self.pos = 0;
    }

    /// The next 32-bit output (`mt19937_next32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.generate();
        }
        let mut y = self.key[self.pos % N];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// The next 64-bit output: two 32-bit outputs, the first in the high half
    /// (`mt19937_next64`).
    pub fn next_u64(&mut self) -> u64 {
        let hi = u64::from(self.next_u32());
        let lo = u64::from(self.next_u32());
        (hi << 32) | lo
    }

    /// `random_sample()`: a uniform double in [0, 1) with 53 random bits
    /// (`mt19937_next_double`).
    pub fn random_sample(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// numpy's `random_interval(max)`: a uniform integer in `[0, max]` by masked rejection,
    /// from 32-bit draws when `max` fits in 32 bits.
    pub fn random_interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mut mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        loop {
            let value = if max <= 0xffff_ffff {
                u64::from(self.next_u32()) & mask
            } else {
                self.next_u64() & mask
            };
            if value <= max {
                return value;
            }
        }
    }

    /// `RandomState.shuffle(x)` for a 1-D array: for `i` from `len-1` down to 1, swap `x[i]` with
    /// `x[random_interval(i)]`.
    pub fn shuffle<T>(&mut self, values: &mut [T]) {
        for i in (1..values.len()).rev() {
            // usize -> u64 is lossless on every target; the draw is <= i, so it fits back.
            let j = self.random_interval(i as u64) as usize;
            values.swap(i, j.min(i));
        }
    }

    /// `RandomState.permutation(n)`: `0..n` shuffled.
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut values: Vec<usize> = (0..n).collect();
        self.shuffle(&mut values);
        values
    }
}

/// Row indices of a train/test split, in the order scikit-learn returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainTest {
    /// Train rows.
    pub train: Vec<usize>,
    /// Test rows.
    pub test: Vec<usize>,
}

/// The split sizes `(n_train, n_test)` scikit-learn's `_validate_shuffle_split` derives from a
/// fractional `test_size`: `n_test = ceil(test_size * n)` in float64, `n_train = n - n_test`.
pub fn split_sizes(n: usize, test_size: f64) -> Result<(usize, usize), ModelError> {
    if !(test_size > 0.0 && test_size < 1.0) {
        return Err(ModelError::InvalidParameter {
            name: "test_size",
            message: format!("{test_size} is not in the open interval (0, 1)"),
        });
    }
    // n as f64 is exact below 2^53; the product is below n, so the ceiling fits in usize.
    let n_test = (test_size * n as f64).ceil() as usize;
    let n_train = n.saturating_sub(n_test);
    if n_train == 0 {
        return Err(ModelError::InvalidParameter {
            name: "test_size",
            message: format!(
                "with {n} samples and test_size={test_size} the train set would be empty"
            ),
        });
    }
    Ok((n_train, n_test))
}

/// `sklearn.model_selection.train_test_split` of `n` rows with a fractional `test_size` and an
/// integer `random_state` (`shuffle=True`, no stratification): `ShuffleSplit` takes
/// `perm = RandomState(seed).permutation(n)`, test rows `perm[..n_test]`, train rows
/// `perm[n_test..]`.
pub fn train_test_split(n: usize, test_size: f64, seed: u32) -> Result<TrainTest, ModelError> {
    let (_, n_test) = split_sizes(n, test_size)?;
    let mut perm = RandomState::new(seed).permutation(n);
    let train = perm.split_off(n_test);
    Ok(TrainTest { train, test: perm })
}

/// The seed project's split: `train_test_split(n rows, test_size=0.2, random_state=42)`.
pub fn seed_split(n: usize) -> Result<TrainTest, ModelError> {
    train_test_split(n, 0.2, 42)
}

/// A forecast's split: the newest `test_size` of rows (by `times`, ties in row order) are the
/// test rows, the older ones the train rows, each in time order.
pub fn time_split(times: &[i64], test_size: f64) -> Result<TrainTest, ModelError> {
    let (_, n_test) = split_sizes(times.len(), test_size)?;
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by_key(|&i| (times.get(i).copied().unwrap_or(i64::MAX), i));
    let test = order.split_off(times.len() - n_test);
    Ok(TrainTest { train: order, test })
}

/// A seeded stratified split: of each class (in order of first appearance), a shuffled
/// `ceil(test_size × n_k)` rows are test rows; both parts are returned in row order.
pub fn stratified_split(y: &[usize], test_size: f64, seed: u32) -> Result<TrainTest, ModelError> {
    split_sizes(y.len(), test_size)?;
    let mut rng = RandomState::new(seed);
    let mut is_test = vec![false; y.len()];
    let mut classes: Vec<usize> = Vec::new();
    for &label in y {
        if !classes.contains(&label) {
            classes.push(label);
        }
    }
    for class in classes {
        let mut rows: Vec<usize> = (0..y.len()).filter(|&i| y.get(i) == Some(&class)).collect();
        rng.shuffle(&mut rows);
        let n_test = (test_size * rows.len() as f64).ceil() as usize;
        for &i in rows.iter().take(n_test) {
            if let Some(t) = is_test.get_mut(i) {
                *t = true;
            }
        }
    }
    let (test, train): (Vec<usize>, Vec<usize>) = (0..y.len()).partition(|&i| is_test[i]);
    if train.is_empty() {
        return Err(ModelError::InvalidParameter {
            name: "test_size",
            message: format!("with {} rows the train set would be empty", y.len()),
        });
    }
    Ok(TrainTest { train, test })
}

/// `StratifiedKFold(n_splits, shuffle=True, random_state=seed)` on labels `y`: the fold (in
/// `0..n_splits`) in which each row is a test row, as `_make_test_folds` assigns them.
///
/// Classes are numbered by first appearance; fold sizes per class come from dealing the sorted
/// labels round robin; for each class in turn, its block of fold numbers
/// (`arange(n_splits).repeat(allocation)`) is shuffled by one shared generator and handed out
/// to the class's rows in row order.
pub fn stratified_kfold<T: PartialEq>(
    y: &[T],
    n_splits: usize,
    seed: u32,
) -> Result<Vec<usize>, ModelError> {
    if n_splits < 2 {
        return Err(ModelError::InvalidParameter {
            name: "n_splits",
            message: format!("{n_splits}; at least 2 folds are needed"),
        });
    }
    if y.is_empty() {
        return Err(ModelError::EmptyData { what: "labels" });
    }
    if n_splits > y.len() {
        return Err(ModelError::InvalidParameter {
            name: "n_splits",
            message: format!("{n_splits} folds for only {} samples", y.len()),
        });
    }
    // Encode by order of first appearance.
    let mut classes: Vec<&T> = Vec::new();
    let mut encoded = Vec::with_capacity(y.len());
    for label in y {
        let k = match classes.iter().position(|c| *c == label) {
            Some(k) => k,
            None => {
                classes.push(label);
                classes.len() - 1
            }
        };
        encoded.push(k);
    }
    let n_classes = classes.len();
    let mut counts = vec![0usize; n_classes];
    for &k in &encoded {
        if let Some(c) = counts.get_mut(k) {
            *c += 1;
        }
    }
    if counts.iter().all(|&c| n_splits > c) {
        return Err(ModelError::InvalidParameter {
            name: "n_splits",
            message: format!("{n_splits} is greater than the number of members in each class"),
        });
    }
    // allocation[fold][class]: the count of class k among sorted labels at positions
    // fold, fold + n_splits, ...
    let mut sorted = encoded.clone();
    sorted.sort_unstable();
    let mut allocation = vec![vec![0usize; n_classes]; n_splits];
    for (pos, &k) in sorted.iter().enumerate() {
        if let Some(cell) = allocation
            .get_mut(pos % n_splits)
            .and_then(|row| row.get_mut(k))
        {
            *cell += 1;
        }
    }
    let mut rng = RandomState::new(seed);
    let mut folds = vec![0usize; y.len()];
    for k in 0..n_classes {
        let mut block: Vec<usize> = allocation
            .iter()
            .enumerate()
            .flat_map(|(fold, row)| std::iter::repeat_n(fold, row.get(k).copied().unwrap_or(0)))
            .collect();
        rng.shuffle(&mut block);
        let rows = encoded
            .iter()
            .zip(folds.iter_mut())
            .filter(|(c, _)| **c == k);
        for ((_, fold), assigned) in rows.zip(block) {
            *fold = assigned;
        }
    }
    Ok(folds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mt19937_matches_the_reference_outputs() {
        // init_genrand(5489) is the reference implementation's default seed; its first outputs
        // are 3499211612, 581869302, 3890346734 (mt19937ar.c, genrand_int32).
        let mut rng = RandomState::new(5489);
        assert_eq!(
            [rng.next_u32(), rng.next_u32(), rng.next_u32()],
            [3_499_211_612, 581_869_302, 3_890_346_734]
        );
    }

    #[test]
    fn numpy_seed_42_first_draws() {
        // numpy 2.4.6: bg = np.random.MT19937(); bg._legacy_seeding(42); bg.random_raw(3)
        // (the generator behind RandomState(42)) gives 1608637542, 3421126067, 4083286876.
        let mut rng = RandomState::new(42);
        assert_eq!(
            [rng.next_u32(), rng.next_u32(), rng.next_u32()],
            [1_608_637_542, 3_421_126_067, 4_083_286_876]
        );
        // np.random.RandomState(42).random_sample() == 0.3745401188473625
        assert_eq!(RandomState::new(42).random_sample(), 0.3745401188473625);
        // np.random.RandomState(42).permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]
        assert_eq!(
            RandomState::new(42).permutation(10),
            [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]
        );
    }

    #[test]
    fn split_sizes_follow_float_ceil() {
        assert_eq!(split_sizes(10, 0.2), Ok((8, 2)));
        assert_eq!(split_sizes(8469, 0.2), Ok((6775, 1694)));
        assert_eq!(split_sizes(2, 0.2), Ok((1, 1)));
        assert!(split_sizes(1, 0.2).is_err());
        assert!(split_sizes(0, 0.2).is_err());
        assert!(split_sizes(10, 1.0).is_err());
        assert!(split_sizes(10, f64::NAN).is_err());
    }

    #[test]
    fn time_and_stratified_splits() {
        let t = time_split(&[5, 1, 9, 3, 9, 0, 7, 2, 8, 4], 0.2).unwrap();
        assert_eq!(t.test, [2, 4]);
        assert_eq!(t.train, [5, 1, 7, 3, 9, 0, 6, 8]);
        let y = [0, 1, 0, 0, 1, 0, 0, 1, 0, 0];
        let s = stratified_split(&y, 0.2, 42).unwrap();
        let positives = s.test.iter().filter(|&&i| y[i] == 1).count();
        assert_eq!((s.test.len(), positives), (3, 1));
        assert!(s.train.windows(2).all(|w| w[0] < w[1]));
        assert!(stratified_split(&[0], 0.2, 1).is_err());
    }

    #[test]
    fn stratified_kfold_rejects_impossible_requests() {
        assert!(stratified_kfold(&[0, 1, 0, 1], 1, 0).is_err());
        assert!(stratified_kfold(&[0, 1, 0, 1], 5, 0).is_err());
        assert!(stratified_kfold::<u8>(&[], 2, 0).is_err());
        assert!(stratified_kfold(&[0, 0, 0, 1, 1, 1], 4, 0).is_err());
        assert!(stratified_kfold(&[0, 0, 0, 0, 1, 1], 3, 0).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn train_test_split_partitions_the_rows(n in 2usize..3000, seed in proptest::prelude::any::<u32>()) {
            let tt = train_test_split(n, 0.2, seed).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            let mut all: Vec<usize> = tt.train.iter().chain(&tt.test).copied().collect();
            all.sort_unstable();
            proptest::prop_assert_eq!(all, (0..n).collect::<Vec<_>>());
            proptest::prop_assert_eq!(tt.test.len(), (0.2 * n as f64).ceil() as usize);
        }

        #[test]
        fn stratified_folds_balance_each_class(labels in proptest::collection::vec(0u8..3, 10..400), seed in proptest::prelude::any::<u32>()) {
            if let Ok(folds) = stratified_kfold(&labels, 5, seed) {
                for class in 0..3u8 {
                    let mut per_fold = [0usize; 5];
                    for (l, f) in labels.iter().zip(&folds) {
                        if *l == class {
                            per_fold[*f] += 1;
                        }
                    }
                    let lo = per_fold.iter().min().copied().unwrap_or(0);
                    let hi = per_fold.iter().max().copied().unwrap_or(0);
                    proptest::prop_assert!(hi - lo <= 1, "class {} folds {:?}", class, per_fold);
                }
            }
        }
    }
}
