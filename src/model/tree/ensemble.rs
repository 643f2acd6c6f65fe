//! The tree ensemble as the model file stores it, and its validation: node indices in range,
//! children after their parent with one parent each (so every tree is acyclic and connected),
//! finite thresholds, finite and bounded leaf values, covers that add up, feature indices below
//! the model's feature count, and bounded depth, tree count and node count. A model file's
//! trees pass [`Ensemble::validate`] before anything predicts with them.

use serde::{Deserialize, Serialize};

/// Deepest tree accepted (bounds TreeSHAP's path buffer and its recursion).
pub const MAX_DEPTH: usize = 64;

/// Most trees in an ensemble.
pub const MAX_TREES: usize = 10_000;

/// Most nodes in one tree.
pub const MAX_NODES: usize = 1 << 20;

/// Largest |leaf value| (and |base|) accepted.
pub const MAX_VALUE: f64 = 1e6;

/// One node of a tree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Rows with `x[feature] <= threshold` go to `left`, the others to `right`; both children
    /// come after the node.
    Split {
        /// Index of the feature, in the model's feature order.
        feature: u32,
        /// The cut.
        threshold: f64,
        /// Index of the left child.
        left: u32,
        /// Index of the right child.
        right: u32,
        /// Training weight that reached the node: the sum of its children's.
        cover: f64,
    },
    /// A leaf, whose value is the tree's term in the margin.
    Leaf {
        /// Added to the margin (log-odds) of the rows that reach it.
        value: f64,
        /// Training weight that reached the leaf.
        cover: f64,
    },
}

impl Node {
    /// The training weight that reached the node (what TreeSHAP weighs branches by).
    pub fn cover(&self) -> f64 {
        match *self {
            Node::Split { cover, .. } | Node::Leaf { cover, .. } => cover,
        }
    }
}

/// One tree; `nodes[0]` is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    /// The nodes, parents before children.
    pub nodes: Vec<Node>,
}

/// A binary classifier's trees: the log-odds of the positive class is `base + Σ tree(x)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ensemble {
    /// The margin before any tree.
    pub base: f64,
    /// The trees, whose leaf values add to the margin.
    pub trees: Vec<Tree>,
}

/// What validation found out about a valid ensemble.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Depth of the deepest tree (a lone leaf: 0).
    pub depth: usize,
    /// Nodes over all trees.
    pub nodes: usize,
    /// The largest |margin| any input can reach: `|base| + Σ max |leaf|`.
    pub margin_bound: f64,
}

impl Tree {
    /// Each node's depth along its longest path from the root, following only edges to a later
    /// node (so it terminates on any input); the depth of the tree is their maximum.
    pub(crate) fn depths(&self) -> Vec<usize> {
        let mut depth = vec![0usize; self.nodes.len()];
        for i in 0..self.nodes.len() {
            if let Some(&Node::Split { left, right, .. }) = self.nodes.get(i) {
                let d = depth.get(i).copied().unwrap_or(0) + 1;
                for c in [left as usize, right as usize] {
                    if c > i
                        && let Some(slot) = depth.get_mut(c)
                    {
                        *slot = (*slot).max(d);
                    }
                }
            }
        }
        depth
    }

    /// The depth of the tree (a lone leaf: 0).
    pub fn depth(&self) -> usize {
        self.depths().into_iter().max().unwrap_or(0)
    }

    /// Sets every split's cover to the exact sum of its children's (children come after their
    /// parent), so that the covers add up to the last bit.
    pub(crate) fn recompute_covers(&mut self) {
        for i in (0..self.nodes.len()).rev() {
            if let Some(&Node::Split { left, right, .. }) = self.nodes.get(i) {
                let child = |c: u32| self.nodes.get(c as usize).map_or(0.0, Node::cover);
                let sum = child(left) + child(right);
                if let Some(Node::Split { cover, .. }) = self.nodes.get_mut(i) {
                    *cover = sum;
                }
            }
        }
    }

    /// Checks one tree against `n_features`; returns its depth and largest |leaf value|.
    fn validate(&self, n_features: usize) -> Result<(usize, f64), String> {
        let n = self.nodes.len();
        if n == 0 {
            return Err("has no nodes".into());
        }
        if n > MAX_NODES {
            return Err(format!("has {n} nodes (at most {MAX_NODES})"));
        }
        let mut parents = vec![0u8; n];
        let mut max_leaf = 0.0f64;
        for (i, node) in self.nodes.iter().enumerate() {
            let cover = node.cover();
            if !(cover.is_finite() && cover > 0.0) {
                return Err(format!("node {i} has cover {cover}"));
            }
            match *node {
                Node::Leaf { value, .. } => {
                    if !(value.is_finite() && value.abs() <= MAX_VALUE) {
                        return Err(format!("leaf {i} has value {value}"));
                    }
                    max_leaf = max_leaf.max(value.abs());
                }
                Node::Split {
                    feature,
                    threshold,
                    left,
                    right,
                    ..
                } => {
                    let (l, r) = (left as usize, right as usize);
                    if l <= i || r <= i || l >= n || r >= n || l == r {
                        return Err(format!(
                            "node {i} has children {l} and {r}, out of range or not after it \
                             ({n} nodes)"
                        ));
                    }
                    if feature as usize >= n_features {
                        return Err(format!(
                            "node {i} splits on feature {feature}, and the model has \
                             {n_features}"
                        ));
                    }
                    if !threshold.is_finite() {
                        return Err(format!("node {i} has threshold {threshold}"));
                    }
                    for c in [l, r] {
                        if let Some(p) = parents.get_mut(c) {
                            *p = p.saturating_add(1);
                            if *p > 1 {
                                return Err(format!("node {c} has two parents"));
                            }
                        }
                    }
                    let sum = self.nodes.get(l).map_or(0.0, Node::cover)
                        + self.nodes.get(r).map_or(0.0, Node::cover);
                    if (cover - sum).abs() > 1e-9 * cover {
                        return Err(format!("node {i} has cover {cover} and its children {sum}"));
                    }
                }
            }
        }
        // Children come after their parent and have one parent each, so every node but the root
        // has exactly one parent: the nodes form one tree, with no cycle.
        if let Some(orphan) = (1..n).find(|&i| parents.get(i) == Some(&0)) {
            return Err(format!("node {orphan} is not reachable from the root"));
        }
        let depth = self.depth();
        if depth > MAX_DEPTH {
            return Err(format!("is {depth} deep (at most {MAX_DEPTH})"));
        }
        Ok((depth, max_leaf))
    }
}

impl Ensemble {
    /// Checks every invariant prediction and TreeSHAP rely on, for a model of `n_features`
    /// features; the error names the tree and node.
    pub fn validate(&self, n_features: usize) -> Result<Shape, String> {
        if n_features == 0 {
            return Err("a tree model needs at least one feature".into());
        }
        if !(self.base.is_finite() && self.base.abs() <= MAX_VALUE) {
            return Err(format!("the base value is {}", self.base));
        }
        if self.trees.is_empty() || self.trees.len() > MAX_TREES {
            return Err(format!(
                "{} trees (1 to {MAX_TREES} are accepted)",
                self.trees.len()
            ));
        }
        let mut shape = Shape {
            depth: 0,
            nodes: 0,
            margin_bound: self.base.abs(),
        };
        for (t, tree) in self.trees.iter().enumerate() {
            let (depth, max_leaf) = tree
                .validate(n_features)
                .map_err(|e| format!("tree {t} {e}"))?;
            shape.depth = shape.depth.max(depth);
            shape.nodes += tree.nodes.len();
            shape.margin_bound += max_leaf;
        }
        Ok(shape)
    }

    /// Nodes over all trees.
    pub fn n_nodes(&self) -> usize {
        self.trees.iter().map(|t| t.nodes.len()).sum()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `x[1] <= 0.5 ? -1 : 2`, covers 4 and 6.
    pub(crate) fn stump() -> Tree {
        Tree {
            nodes: vec![
                Node::Split {
                    feature: 1,
                    threshold: 0.5,
                    left: 1,
                    right: 2,
                    cover: 10.0,
                },
                Node::Leaf {
                    value: -1.0,
                    cover: 4.0,
                },
                Node::Leaf {
                    value: 2.0,
                    cover: 6.0,
                },
            ],
        }
    }

    fn with(f: impl Fn(&mut Tree)) -> Result<Shape, String> {
        let mut t = stump();
        f(&mut t);
        Ensemble {
            base: 0.0,
            trees: vec![t],
        }
        .validate(2)
    }

    fn set_root(t: &mut Tree, f: impl Fn(&mut u32, &mut u32, &mut u32, &mut f64, &mut f64)) {
        if let Node::Split {
            feature,
            threshold,
            left,
            right,
            cover,
        } = &mut t.nodes[0]
        {
            f(feature, left, right, threshold, cover);
        }
    }

    #[test]
    fn a_valid_ensemble_passes_with_its_shape() {
        let e = Ensemble {
            base: 0.25,
            trees: vec![stump(), stump()],
        };
        assert_eq!(
            e.validate(2),
            Ok(Shape {
                depth: 1,
                nodes: 6,
                margin_bound: 4.25
            })
        );
        assert_eq!(e.n_nodes(), 6);
    }

    #[test]
    fn every_broken_invariant_is_named() {
        let cases: Vec<(Result<Shape, String>, &str)> = vec![
            (
                with(|t| set_root(t, |_, l, _, _, _| *l = 3)),
                "tree 0 node 0 has children 3 and 2, out of range or not after it (3 nodes)",
            ),
            (
                with(|t| set_root(t, |_, l, _, _, _| *l = 0)),
                "tree 0 node 0 has children 0 and 2, out of range or not after it (3 nodes)",
            ),
            (
                with(|t| set_root(t, |_, l, _, _, _| *l = 2)),
                "tree 0 node 0 has children 2 and 2, out of range or not after it (3 nodes)",
            ),
            (
                with(|t| set_root(t, |f, _, _, _, _| *f = 2)),
                "tree 0 node 0 splits on feature 2, and the model has 2",
            ),
            (
                with(|t| set_root(t, |_, _, _, th, _| *th = f64::NAN)),
                "tree 0 node 0 has threshold NaN",
            ),
            (
                with(|t| {
                    t.nodes[1] = Node::Leaf {
                        value: f64::NAN,
                        cover: 4.0,
                    }
                }),
                "tree 0 leaf 1 has value NaN",
            ),
            (
                with(|t| {
                    t.nodes[1] = Node::Leaf {
                        value: 2e6,
                        cover: 4.0,
                    }
                }),
                "tree 0 leaf 1 has value 2000000",
            ),
            (
                with(|t| {
                    t.nodes = vec![Node::Leaf {
                        value: 1.0,
                        cover: 0.0,
                    }]
                }),
                "tree 0 node 0 has cover 0",
            ),
            (
                with(|t| set_root(t, |_, _, _, _, c| *c = 11.0)),
                "tree 0 node 0 has cover 11 and its children 10",
            ),
            (
                with(|t| {
                    t.nodes.push(Node::Leaf {
                        value: 0.0,
                        cover: 1.0,
                    })
                }),
                "tree 0 node 3 is not reachable from the root",
            ),
            (with(|t| t.nodes.clear()), "tree 0 has no nodes"),
        ];
        for (got, want) in cases {
            assert_eq!(got, Err(want.to_string()));
        }
        let two_parents = Tree {
            nodes: vec![
                Node::Split {
                    feature: 0,
                    threshold: 0.0,
                    left: 1,
                    right: 2,
                    cover: 2.0,
                },
                Node::Split {
                    feature: 0,
                    threshold: 0.0,
                    left: 2,
                    right: 3,
                    cover: 1.0,
                },
                Node::Leaf {
                    value: 0.0,
                    cover: 1.0,
                },
                Node::Leaf {
                    value: 0.0,
                    cover: 0.5,
                },
            ],
        };
        let e = Ensemble {
            base: 0.0,
            trees: vec![two_parents],
        };
        assert_eq!(e.validate(1), Err("tree 0 node 2 has two parents".into()));
        let none = Ensemble {
            base: 0.0,
            trees: vec![],
        };
        assert!(none.validate(1).is_err());
        let bad_base = Ensemble {
            base: f64::INFINITY,
            trees: vec![stump()],
        };
        assert_eq!(bad_base.validate(2), Err("the base value is inf".into()));
    }

    #[test]
    fn depth_bound_is_enforced() {
        // A chain of MAX_DEPTH + 1 splits: split i at 2i, its leaf at 2i + 1, the next split (or
        // the last leaf) at 2i + 2.
        let levels = MAX_DEPTH + 1;
        let mut nodes = Vec::new();
        for i in 0..levels {
            nodes.push(Node::Split {
                feature: 0,
                threshold: 0.0,
                left: (2 * i + 2) as u32,
                right: (2 * i + 1) as u32,
                cover: (levels - i + 1) as f64,
            });
            nodes.push(Node::Leaf {
                value: 0.0,
                cover: 1.0,
            });
        }
        nodes.push(Node::Leaf {
            value: 0.0,
            cover: 1.0,
        });
        let tree = Tree { nodes };
        assert_eq!(tree.depth(), levels);
        let e = Ensemble {
            base: 0.0,
            trees: vec![tree],
        };
        assert_eq!(
            e.validate(1),
            Err(format!("tree 0 is {levels} deep (at most {MAX_DEPTH})"))
        );
    }
}
