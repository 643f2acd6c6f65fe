//! Prediction with a tree ensemble and its exact explanation: the margin (log-odds) of a row, and
//! per-feature contributions by exact path-dependent TreeSHAP (Lundberg, Erion and Lee, "Consistent
//! Individualized Feature Attribution for Tree Ensembles", 2018, Algorithm 2), which add up with
//! the expected value to the margin.
//!
//! TreeSHAP gives each feature the Shapley value of the tree's conditional expectation
//! `E[f(x) | x_S]`, where a split on a feature outside `S` is averaged over its two branches by
//! their training cover; per tree, `expected_value + Σ φ = tree(x)`, in O(leaves · depth²).
//!
//! Every function here terminates and stays in bounds on any ensemble (edges only go to later
//! nodes, lookups are checked); on a [validated](super::Ensemble::validate) one, whose feature
//! indices are below the row's length, the results are exact.

use super::ensemble::{Ensemble, Node, Tree};

impl Tree {
    /// The value of the leaf `x` reaches.
    #[inline]
    pub fn leaf_value(&self, x: &[f64]) -> f64 {
        let mut i = 0usize;
        loop {
            match self.nodes.get(i) {
                Some(&Node::Leaf { value, .. }) => return value,
                Some(&Node::Split {
                    feature,
                    threshold,
                    left,
                    right,
                    ..
                }) => {
                    let v = x.get(feature as usize).copied().unwrap_or(f64::NAN);
                    let next = if v <= threshold { left } else { right } as usize;
                    if next <= i {
                        return 0.0;
                    }
                    i = next;
                }
                None => return 0.0,
            }
        }
    }

    /// The tree's mean over its training rows: `Σ value · cover / cover(root)` over the leaves.
    pub fn expected_value(&self) -> f64 {
        let root = self.nodes.first().map_or(1.0, Node::cover);
        self.nodes
            .iter()
            .map(|n| match *n {
                Node::Leaf { value, cover } => value * (cover / root),
                Node::Split { .. } => 0.0,
            })
            .sum()
    }

    /// Nodes visited to reach `x`'s leaf (the cost of one prediction).
    pub fn path_length(&self, x: &[f64]) -> usize {
        let mut i = 0usize;
        let mut visited = 1;
        while let Some(&Node::Split {
            feature,
            threshold,
            left,
            right,
            ..
        }) = self.nodes.get(i)
        {
            let v = x.get(feature as usize).copied().unwrap_or(f64::NAN);
            let next = if v <= threshold { left } else { right } as usize;
            if next <= i {
                break;
            }
            i = next;
            visited += 1;
        }
        visited
    }
}

impl Ensemble {
    /// The log-odds of the positive class for one row: `base + Σ tree(x)`, summed in tree order.
    pub fn margin(&self, x: &[f64]) -> f64 {
        self.trees
            .iter()
            .fold(self.base, |acc, t| acc + t.leaf_value(x))
    }

    /// The margin after the first `k` trees, for each `k` in `stages` (ascending): the staged
    /// predictions a tuning loop scores without refitting.
    pub fn staged_margins(&self, x: &[f64], stages: &[usize]) -> Vec<f64> {
        let mut out = Vec::with_capacity(stages.len());
        let mut acc = self.base;
        let mut done = 0;
        for &k in stages {
            for t in self.trees.iter().take(k).skip(done) {
                acc += t.leaf_value(x);
            }
            done = done.max(k.min(self.trees.len()));
            out.push(acc);
        }
        out
    }

    /// The margin's expected value over the training rows: `base + Σ` each tree's.
    pub fn expected_value(&self) -> f64 {
        self.trees
            .iter()
            .fold(self.base, |acc, t| acc + t.expected_value())
    }

    /// Exact TreeSHAP: the expected value and one contribution per feature of `x` (a row of the
    /// model's features), with `expected + Σ contributions == margin(x)` up to rounding.
    pub fn explain(&self, x: &[f64]) -> (f64, Vec<f64>) {
        let mut phi = vec![0.0; x.len()];
        let mut buf = Vec::new();
        for tree in &self.trees {
            tree_shap(tree, x, &mut phi, &mut buf);
        }
        (self.expected_value(), phi)
    }
}

/// One element of a TreeSHAP path: a feature split on along the way, the share of the cover
/// that follows the path when the feature is unknown (`zero`) and whether `x` follows it
/// (`one`), and the permutation weight.
#[derive(Debug, Clone, Copy, Default)]
struct PathElement {
    feature: usize,
    zero: f64,
    one: f64,
    weight: f64,
}

/// Path elements needed for a tree `depth` deep: one path of up to `depth + 1` elements per
/// level of the recursion.
fn buffer_len(depth: usize) -> usize {
    let d = depth + 2;
    d * (d + 1) / 2 + d + 1
}

/// Adds `tree`'s TreeSHAP contributions for `x` to `phi`; `buf` is scratch space, grown to fit.
fn tree_shap(tree: &Tree, x: &[f64], phi: &mut [f64], buf: &mut Vec<PathElement>) {
    let need = buffer_len(tree.depth());
    if buf.len() < need {
        buf.resize(need, PathElement::default());
    }
    let mut walk = Walk { tree, x, phi, buf };
    walk.recurse(0, 0, 0, 1.0, 1.0, usize::MAX);
}

/// The recursion's fixed arguments.
struct Walk<'a> {
    tree: &'a Tree,
    x: &'a [f64],
    phi: &'a mut [f64],
    buf: &'a mut [PathElement],
}

impl Walk<'_> {
    /// Visits `node`, reached with the parent's path at `parent_start` (of `unique_depth + 1`
    /// elements) through an edge on `feature` with fractions `zero` and `one`.
    fn recurse(
        &mut self,
        node: usize,
        parent_start: usize,
        mut unique_depth: usize,
        zero: f64,
        one: f64,
        feature: usize,
    ) {
        // This level's path: a copy of the parent's, extended by the edge taken.
        let start = parent_start + unique_depth + 1;
        let end = start + unique_depth + 1;
        if end > self.buf.len() {
            return;
        }
        self.buf
            .copy_within(parent_start..parent_start + unique_depth + 1, start);
        let Some(path) = self.buf.get_mut(start..) else {
            return;
        };
        extend(path, unique_depth, zero, one, feature);
        match self.tree.nodes.get(node).copied() {
            None => {}
            Some(Node::Leaf { value, .. }) => {
                for i in 1..=unique_depth {
                    let w = unwound_sum(path, unique_depth, i);
                    let e = path[i];
                    if let Some(p) = self.phi.get_mut(e.feature) {
                        *p += w * (e.one - e.zero) * value;
                    }
                }
            }
            Some(Node::Split {
                feature: f,
                threshold,
                left,
                right,
                cover,
            }) => {
                let f = f as usize;
                let (l, r) = (left as usize, right as usize);
                if l <= node || r <= node {
                    return;
                }
                let v = self.x.get(f).copied().unwrap_or(f64::NAN);
                let (hot, cold) = if v <= threshold { (l, r) } else { (r, l) };
                let share = |c: usize| self.tree.nodes.get(c).map_or(0.0, Node::cover) / cover;
                let (hot_zero, cold_zero) = (share(hot), share(cold));
                let (mut in_zero, mut in_one) = (1.0, 1.0);
                // The feature was split on further up: undo that edge, and carry its fractions.
                if let Some(k) = (1..=unique_depth).find(|&k| path[k].feature == f) {
                    in_zero = path[k].zero;
                    in_one = path[k].one;
                    unwind(path, unique_depth, k);
                    unique_depth -= 1;
                }
                self.recurse(hot, start, unique_depth + 1, hot_zero * in_zero, in_one, f);
                self.recurse(cold, start, unique_depth + 1, cold_zero * in_zero, 0.0, f);
            }
        }
    }
}

/// Extends the path of `d` elements by one on `feature` (Algorithm 2's EXTEND).
fn extend(path: &mut [PathElement], d: usize, zero: f64, one: f64, feature: usize) {
    path[d] = PathElement {
        feature,
        zero,
        one,
        weight: if d == 0 { 1.0 } else { 0.0 },
    };
    for i in (0..d).rev() {
        path[i + 1].weight += one * path[i].weight * (i + 1) as f64 / (d + 1) as f64;
        path[i].weight = zero * path[i].weight * (d - i) as f64 / (d + 1) as f64;
    }
}

/// Removes element `k` from the path of `d + 1` elements (Algorithm 2's UNWIND).
fn unwind(path: &mut [PathElement], d: usize, k: usize) {
    let (one, zero) = (path[k].one, path[k].zero);
    let mut next = path[d].weight;
    for i in (0..d).rev() {
        if one != 0.0 {
            let tmp = path[i].weight;
            path[i].weight = next * (d + 1) as f64 / ((i + 1) as f64 * one);
            next = tmp - path[i].weight * zero * (d - i) as f64 / (d + 1) as f64;
        } else {
            path[i].weight = path[i].weight * (d + 1) as f64 / (zero * (d - i) as f64);
        }
    }
    for i in k..d {
        path[i].feature = path[i + 1].feature;
        path[i].zero = path[i + 1].zero;
        path[i].one = path[i + 1].one;
    }
}

/// The total permutation weight of the path with element `k` unwound, without changing it.
fn unwound_sum(path: &[PathElement], d: usize, k: usize) -> f64 {
    let (one, zero) = (path[k].one, path[k].zero);
    let mut next = path[d].weight;
    let mut total = 0.0;
    for i in (0..d).rev() {
        if one != 0.0 {
            let tmp = next * (d + 1) as f64 / ((i + 1) as f64 * one);
            total += tmp;
            next = path[i].weight - tmp * zero * (d - i) as f64 / (d + 1) as f64;
        } else if zero != 0.0 {
            total += path[i].weight / zero / ((d - i) as f64 / (d + 1) as f64);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::split::RandomState;
    use crate::model::tree::ensemble::tests::stump;

    /// `E[tree(x) | x_S]`, a split on a feature outside `S` averaged over its branches by cover:
    /// the function TreeSHAP attributes.
    fn conditional(t: &Tree, x: &[f64], s: u32, i: usize) -> f64 {
        match t.nodes[i] {
            Node::Leaf { value, .. } => value,
            Node::Split {
                feature,
                threshold,
                left,
                right,
                cover,
            } => {
                let (l, r) = (left as usize, right as usize);
                if s & (1 << feature) != 0 {
                    conditional(
                        t,
                        x,
                        s,
                        if x[feature as usize] <= threshold {
                            l
                        } else {
                            r
                        },
                    )
                } else {
                    (conditional(t, x, s, l) * t.nodes[l].cover()
                        + conditional(t, x, s, r) * t.nodes[r].cover())
                        / cover
                }
            }
        }
    }

    /// Shapley values of `conditional` by enumerating every subset of the `m` features.
    fn brute_force(t: &Tree, x: &[f64], m: usize) -> Vec<f64> {
        let fact = |k: usize| (1..=k).map(|v| v as f64).product::<f64>();
        let mut phi = vec![0.0; m];
        for (i, p) in phi.iter_mut().enumerate() {
            for s in 0u32..(1 << m) {
                if s & (1 << i) != 0 {
                    continue;
                }
                let k = s.count_ones() as usize;
                let w = fact(k) * fact(m - k - 1) / fact(m);
                *p += w * (conditional(t, x, s | (1 << i), 0) - conditional(t, x, s, 0));
            }
        }
        phi
    }

    /// A random tree up to 6 deep over `m` features that splits on a feature again below itself
    /// (the case TreeSHAP's unwinding exists for).
    fn random_tree(rng: &mut RandomState, m: usize) -> Tree {
        let mut nodes = vec![Node::Leaf {
            value: 0.0,
            cover: 0.0,
        }];
        let mut frontier = vec![(0usize, 0usize)];
        while let Some((i, depth)) = frontier.pop() {
            if depth < 6 && (depth < 2 || rng.random_interval(3) != 0) {
                let l = nodes.len() as u32;
                nodes[i] = Node::Split {
                    feature: rng.random_interval(m as u64 - 1) as u32,
                    threshold: rng.random_interval(99) as f64 / 100.0,
                    left: l,
                    right: l + 1,
                    cover: 0.0,
                };
                nodes.push(Node::Leaf {
                    value: 0.0,
                    cover: 0.0,
                });
                nodes.push(Node::Leaf {
                    value: 0.0,
                    cover: 0.0,
                });
                frontier.push((l as usize, depth + 1));
                frontier.push((l as usize + 1, depth + 1));
            } else {
                nodes[i] = Node::Leaf {
                    value: rng.random_interval(2000) as f64 / 1000.0 - 1.0,
                    cover: 1.0 + rng.random_interval(49) as f64,
                };
            }
        }
        let mut tree = Tree { nodes };
        tree.recompute_covers();
        tree
    }

    #[test]
    fn tree_shap_equals_brute_force_shapley_values_and_sums_to_the_margin() {
        let mut rng = RandomState::new(7);
        let m = 5;
        for _ in 0..200 {
            let tree = random_tree(&mut rng, m);
            let x: Vec<f64> = (0..m)
                .map(|_| rng.random_interval(99) as f64 / 100.0)
                .collect();
            let mut phi = vec![0.0; m];
            tree_shap(&tree, &x, &mut phi, &mut Vec::new());
            let want = brute_force(&tree, &x, m);
            for (a, b) in phi.iter().zip(&want) {
                assert!((a - b).abs() < 1e-9, "{phi:?} vs {want:?}");
            }
            let e = Ensemble {
                base: 0.3,
                trees: vec![tree.clone(), tree],
            };
            assert!(e.validate(m).is_ok());
            let (expected, phi) = e.explain(&x);
            let total = expected + phi.iter().sum::<f64>();
            assert!((total - e.margin(&x)).abs() < 1e-9);
        }
    }

    #[test]
    fn margins_staged_and_whole_agree() {
        let e = Ensemble {
            base: 0.25,
            trees: vec![stump(), stump(), stump()],
        };
        assert_eq!(e.margin(&[9.0, 0.5]), 0.25 - 3.0);
        assert_eq!(e.margin(&[9.0, 0.6]), 0.25 + 6.0);
        assert_eq!(
            e.staged_margins(&[9.0, 0.6], &[0, 1, 3, 5]),
            vec![0.25, 2.25, 6.25, 6.25]
        );
        assert_eq!(e.trees[0].path_length(&[0.0, 0.0]), 2);
        assert!((e.expected_value() - (0.25 + 3.0 * 0.8)).abs() < 1e-15);
        // A short row reads NaN and goes right, without a panic.
        assert_eq!(e.margin(&[]), 0.25 + 6.0);
    }
}
