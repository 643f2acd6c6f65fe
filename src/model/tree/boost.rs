//! Gradient boosting for log loss on binned features, as LightGBM and scikit-learn's
//! `HistGradientBoostingClassifier` do it: each round fits one tree to the gradients and
//! hessians of the current margin, grown leaf-wise (the leaf whose best split gains most is split
//! next) up to `max_leaves` leaves and `max_depth` levels, every leaf keeping `min_leaf` rows;
//! a node's histogram is built from the smaller child's rows and its sibling's by subtraction;
//! leaf values are L2-regularized Newton steps times the learning rate. Row weights (class
//! weights) enter the gradients, the hessians and the covers. No randomness: rows and features
//! are visited in order and ties go to the earliest leaf and feature, so a fit is reproducible
//! to the bit.

use serde::{Deserialize, Serialize};

use crate::model::ModelError;
use crate::model::tree::bin::Binned;
use crate::model::tree::data::Rows;
use crate::model::tree::ensemble::{self, Ensemble, Node, Tree};
use crate::model::tree::math::{logit, sigmoid};

/// The settings of a boosted ensemble.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoostParams {
    /// Boosting rounds: trees.
    pub rounds: usize,
    /// Shrinkage of every leaf value, in (0, 1].
    pub learning_rate: f64,
    /// Most leaves per tree (at least 2).
    pub max_leaves: usize,
    /// Most levels per tree (0: only `max_leaves` bounds a tree).
    pub max_depth: usize,
    /// Fewest rows a leaf keeps.
    pub min_leaf: usize,
    /// L2 penalty on leaf values (LightGBM's `lambda_l2`, scikit-learn's `l2_regularization`).
    pub l2: f64,
    /// Smallest hessian sum a leaf keeps.
    pub min_hessian: f64,
    /// Bins per feature.
    pub max_bins: usize,
}

impl Default for BoostParams {
    /// HistGradientBoostingClassifier's defaults: 100 rounds, learning rate 0.1, 31 leaves,
    /// 20 rows per leaf, no L2, 255 bins.
    fn default() -> Self {
        BoostParams {
            rounds: 100,
            learning_rate: 0.1,
            max_leaves: 31,
            max_depth: 0,
            min_leaf: 20,
            l2: 0.0,
            min_hessian: 1e-3,
            max_bins: super::bin::DEFAULT_BINS,
        }
    }
}

impl BoostParams {
    fn check(&self) -> Result<(), ModelError> {
        let bad = |name: &'static str, message: String| {
            Err(ModelError::InvalidParameter { name, message })
        };
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= 1.0)
        {
            return bad(
                "learning_rate",
                format!("{} is not in (0, 1]", self.learning_rate),
            );
        }
        if !(1..=ensemble::MAX_TREES).contains(&self.rounds) {
            return bad(
                "rounds",
                format!("{} is not in 1..={}", self.rounds, ensemble::MAX_TREES),
            );
        }
        if !(2..=1 << 16).contains(&self.max_leaves) {
            return bad(
                "max_leaves",
                format!("{} is not in 2..=65536", self.max_leaves),
            );
        }
        if self.max_depth > ensemble::MAX_DEPTH {
            return bad(
                "max_depth",
                format!("{} is above {}", self.max_depth, ensemble::MAX_DEPTH),
            );
        }
        if self.min_leaf == 0 {
            return bad("min_leaf", "0; a leaf keeps at least one row".into());
        }
        for (name, v) in [("l2", self.l2), ("min_hessian", self.min_hessian)] {
            if !(v.is_finite() && v >= 0.0) {
                return bad(name, format!("{v} is not finite and >= 0"));
            }
        }
        Ok(())
    }
}

/// Per-bin sums: gradient, hessian, weight, rows.
type Cell = [f64; 4];

fn add(a: &mut Cell, b: &Cell) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

#[derive(Debug, Clone, Copy)]
struct Split {
    gain: f64,
    feature: usize,
    bin: usize,
    left: Cell,
}

/// A leaf while the tree grows: its node, its rows (a range of the row order), its sums and
/// histogram, and its best split.
struct Leaf {
    node: usize,
    start: usize,
    end: usize,
    depth: usize,
    sums: Cell,
    hist: Vec<Cell>,
    best: Option<Split>,
}

/// Fits a boosted ensemble on `rows`, binned as `binned` (which must come from the same rows);
/// its margin is the log-odds of label 1.
pub fn fit(rows: &Rows<'_>, binned: &Binned, params: &BoostParams) -> Result<Ensemble, ModelError> {
    params.check()?;
    let n = rows.n_rows();
    if binned.n_rows() != n || binned.n_features() != rows.n_features() {
        return Err(ModelError::DimensionMismatch {
            what: "binned rows",
            expected: n,
            found: binned.n_rows(),
        });
    }
    let y = rows.labels();
    let w = rows.weights();
    let base = logit(rows.positive_share());
    let mut margin = vec![base; n];
    let mut g = vec![0.0; n];
    let mut h = vec![0.0; n];
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&i| w.get(i as usize).is_some_and(|&w| w > 0.0))
        .collect();
    let mut grower = Grower {
        binned,
        params,
        scratch: Vec::with_capacity(order.len()),
    };
    let mut trees = Vec::with_capacity(params.rounds);
    for _ in 0..params.rounds {
        for ((((g, h), &m), &y), &w) in g.iter_mut().zip(h.iter_mut()).zip(&margin).zip(y).zip(w) {
            let p = sigmoid(m);
            *g = w * (p - y);
            *h = w * (p * (1.0 - p)).max(1e-16);
        }
        order.sort_unstable();
        let (tree, leaves) = grower.grow(&g, &h, w, &mut order);
        for (value, start, end) in leaves {
            for &r in order.get(start..end).unwrap_or(&[]) {
                if let Some(m) = margin.get_mut(r as usize) {
                    *m += value;
                }
            }
        }
        trees.push(tree);
    }
    Ok(Ensemble { base, trees })
}

struct Grower<'a> {
    binned: &'a Binned,
    params: &'a BoostParams,
    scratch: Vec<u32>,
}

impl Grower<'_> {
    /// The histogram of `rows` over every feature's bins.
    fn histogram(&self, rows: &[u32], g: &[f64], h: &[f64], w: &[f64]) -> Vec<Cell> {
        let b = self.binned;
        let mut hist = vec![[0.0; 4]; b.total_bins()];
        // The rows' sums in row order once, then one pass per feature.
        let cells: Vec<Cell> = rows
            .iter()
            .map(|&r| {
                let r = r as usize;
                [g[r], h[r], w[r], 1.0]
            })
            .collect();
        for f in 0..b.n_features() {
            let column = b.column(f);
            let Some(hf) = hist.get_mut(b.cells(f)) else {
                continue;
            };
            for (&r, c) in rows.iter().zip(&cells) {
                if let Some(cell) = column.get(r as usize).and_then(|&k| hf.get_mut(k as usize)) {
                    add(cell, c);
                }
            }
        }
        hist
    }

    /// The split of a leaf with histogram `hist` and sums `sums` that gains most, if any may.
    fn best_split(&self, hist: &[Cell], sums: Cell, depth: usize) -> Option<Split> {
        let p = self.params;
        let min_leaf = p.min_leaf as f64;
        if (p.max_depth != 0 && depth >= p.max_depth) || sums[3] < 2.0 * min_leaf {
            return None;
        }
        let score = |g: f64, h: f64| g * g / (h + p.l2);
        let parent = score(sums[0], sums[1]);
        let mut best: Option<Split> = None;
        for f in 0..self.binned.n_features() {
            let hf = hist.get(self.binned.cells(f)).unwrap_or(&[]);
            let mut left = [0.0; 4];
            for (b, c) in hf.iter().enumerate().take(hf.len().saturating_sub(1)) {
                add(&mut left, c);
                if left[3] < min_leaf {
                    continue;
                }
                if sums[3] - left[3] < min_leaf {
                    break;
                }
                let (rg, rh) = (sums[0] - left[0], sums[1] - left[1]);
                if left[1] < p.min_hessian || rh < p.min_hessian {
                    continue;
                }
                let gain = score(left[0], left[1]) + score(rg, rh) - parent;
                if gain > 0.0 && best.is_none_or(|s| gain > s.gain) {
                    best = Some(Split {
                        gain,
                        feature: f,
                        bin: b,
                        left,
                    });
                }
            }
        }
        best
    }

    /// Grows one tree on the rows in `order` (reordered so that each leaf's rows are contiguous);
    /// returns it and, per leaf, its value and range of `order`.
    fn grow(
        &mut self,
        g: &[f64],
        h: &[f64],
        w: &[f64],
        order: &mut [u32],
    ) -> (Tree, Vec<(f64, usize, usize)>) {
        let p = self.params;
        let root_hist = self.histogram(order, g, h, w);
        let mut sums = [0.0; 4];
        for c in root_hist.get(self.binned.cells(0)).unwrap_or(&[]) {
            add(&mut sums, c);
        }
        let mut nodes = vec![Node::Leaf {
            value: 0.0,
            cover: sums[2],
        }];
        let best = self.best_split(&root_hist, sums, 0);
        let mut leaves = vec![Leaf {
            node: 0,
            start: 0,
            end: order.len(),
            depth: 0,
            sums,
            hist: root_hist,
            best,
        }];
        while leaves.len() < p.max_leaves {
            // The leaf that gains most; ties to the earliest (deterministic).
            let mut pick: Option<(usize, f64)> = None;
            for (i, l) in leaves.iter().enumerate() {
                if let Some(s) = l.best
                    && pick.is_none_or(|(_, gain)| s.gain > gain)
                {
                    pick = Some((i, s.gain));
                }
            }
            let Some((li, _)) = pick else { break };
            let leaf = leaves.swap_remove(li);
            let Some(s) = leaf.best else { break };
            // Stable partition of the leaf's rows by bin <= s.bin.
            let column = self.binned.column(s.feature);
            let Some(seg) = order.get_mut(leaf.start..leaf.end) else {
                break;
            };
            self.scratch.clear();
            let mut k = 0;
            for i in 0..seg.len() {
                let r = seg[i];
                if column.get(r as usize).is_some_and(|&b| b as usize <= s.bin) {
                    seg[k] = r;
                    k += 1;
                } else {
                    self.scratch.push(r);
                }
            }
            seg[k..].copy_from_slice(&self.scratch);
            let mid = leaf.start + k;
            let left_sums = s.left;
            let mut right_sums = leaf.sums;
            for (r, l) in right_sums.iter_mut().zip(&left_sums) {
                *r -= l;
            }
            right_sums[3] = (leaf.end - mid) as f64;
            // The smaller child from its rows, the larger by subtraction.
            let left_small = mid - leaf.start <= leaf.end - mid;
            let small_rows = if left_small {
                order.get(leaf.start..mid)
            } else {
                order.get(mid..leaf.end)
            }
            .unwrap_or(&[]);
            let small_hist = self.histogram(small_rows, g, h, w);
            let mut large_hist = leaf.hist;
            for (pc, sc) in large_hist.iter_mut().zip(&small_hist) {
                for (a, b) in pc.iter_mut().zip(sc) {
                    *a -= b;
                }
            }
            let (left_hist, right_hist) = if left_small {
                (small_hist, large_hist)
            } else {
                (large_hist, small_hist)
            };
            let (l, r) = (nodes.len(), nodes.len() + 1);
            if let Some(node) = nodes.get_mut(leaf.node) {
                *node = Node::Split {
                    feature: s.feature as u32,
                    threshold: self.binned.threshold(s.feature, s.bin),
                    left: l as u32,
                    right: r as u32,
                    cover: leaf.sums[2],
                };
            }
            nodes.push(Node::Leaf {
                value: 0.0,
                cover: left_sums[2],
            });
            nodes.push(Node::Leaf {
                value: 0.0,
                cover: right_sums[2],
            });
            let d = leaf.depth + 1;
            let lb = self.best_split(&left_hist, left_sums, d);
            let rb = self.best_split(&right_hist, right_sums, d);
            leaves.push(Leaf {
                node: l,
                start: leaf.start,
                end: mid,
                depth: d,
                sums: left_sums,
                hist: left_hist,
                best: lb,
            });
            leaves.push(Leaf {
                node: r,
                start: mid,
                end: leaf.end,
                depth: d,
                sums: right_sums,
                hist: right_hist,
                best: rb,
            });
        }
        let mut out = Vec::with_capacity(leaves.len());
        for l in &leaves {
            let value = -l.sums[0] / (l.sums[1] + p.l2) * p.learning_rate;
            if let Some(Node::Leaf { value: v, .. }) = nodes.get_mut(l.node) {
                *v = value;
            }
            out.push((value, l.start, l.end));
        }
        let mut tree = Tree { nodes };
        tree.recompute_covers();
        (tree, out)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::metrics::roc_auc;
    use crate::model::split::RandomState;
    use ndarray::Array2;

    /// Rows whose label follows an interaction no single split can express:
    /// `P(y) = 0.85` when `x0 > 0.5` and `x1 > 0.5`, else 0.15; `x2` is noise.
    pub(crate) fn interaction(n: usize, seed: u32) -> (Array2<f64>, Vec<usize>) {
        let mut rng = RandomState::new(seed);
        let mut x = Array2::zeros((n, 3));
        let mut y = Vec::with_capacity(n);
        for mut row in x.rows_mut() {
            for v in row.iter_mut() {
                *v = rng.random_sample();
            }
            let p = if row[0] > 0.5 && row[1] > 0.5 {
                0.85
            } else {
                0.15
            };
            y.push(usize::from(rng.random_sample() < p));
        }
        (x, y)
    }

    fn auc(e: &Ensemble, x: &Array2<f64>, y: &[usize]) -> f64 {
        let m: Vec<f64> = x
            .rows()
            .into_iter()
            .map(|r| e.margin(&r.to_vec()))
            .collect();
        let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
        roc_auc(&yf, &m).unwrap()
    }

    #[test]
    fn learns_an_interaction_validates_and_is_reproducible() {
        let (x, y) = interaction(4000, 1);
        let rows = Rows::new(x.view(), &y, None).unwrap();
        let binned = Binned::new(&rows, 255).unwrap();
        let params = BoostParams {
            rounds: 50,
            ..BoostParams::default()
        };
        let e = fit(&rows, &binned, &params).unwrap();
        let shape = e.validate(3).unwrap();
        assert_eq!(e.trees.len(), 50);
        assert!(shape.depth >= 2);
        let (xt, yt) = interaction(4000, 2);
        // The Bayes AUC of these labels is about 0.80.
        let a = auc(&e, &xt, &yt);
        assert!(a > 0.77, "{a}");
        assert_eq!(fit(&rows, &binned, &params).unwrap(), e);
        // Every leaf keeps at least min_leaf rows (cover = rows, unweighted).
        for t in &e.trees {
            for n in &t.nodes {
                if let Node::Leaf { cover, .. } = n {
                    assert!(*cover >= 20.0);
                }
            }
        }
    }

    #[test]
    fn weights_shift_the_base_and_bad_settings_are_refused() {
        let (x, y) = interaction(500, 3);
        let n1 = y.iter().filter(|&&v| v == 1).count() as f64;
        let n0 = y.len() as f64 - n1;
        let w: Vec<f64> = y
            .iter()
            .map(|&v| if v == 1 { 0.5 / n1 } else { 0.5 / n0 })
            .collect();
        let rows = Rows::new(x.view(), &y, Some(&w)).unwrap();
        let binned = Binned::new(&rows, 64).unwrap();
        let e = fit(
            &rows,
            &binned,
            &BoostParams {
                rounds: 3,
                ..BoostParams::default()
            },
        )
        .unwrap();
        assert!(e.base.abs() < 1e-9);
        for bad in [
            BoostParams {
                learning_rate: 0.0,
                ..BoostParams::default()
            },
            BoostParams {
                rounds: 0,
                ..BoostParams::default()
            },
            BoostParams {
                max_leaves: 1,
                ..BoostParams::default()
            },
            BoostParams {
                min_leaf: 0,
                ..BoostParams::default()
            },
            BoostParams {
                l2: f64::NAN,
                ..BoostParams::default()
            },
        ] {
            assert!(fit(&rows, &binned, &bad).is_err(), "{bad:?}");
        }
    }
}
