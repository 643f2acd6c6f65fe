//! The fixed hyperparameter grids the inner folds search, simplest settings first (ties go to
//! the simpler). A tree setting is fitted once at its largest size and scored on its staged
//! predictions (the first 25, 50, … trees), so the number of trees costs no extra fit. The grid
//! is fixed and bounded, so the search's cost never depends on the machine, and neither does the
//! model it chooses.

use crate::model::artifact::{Family, Learner};
use crate::model::tree::{BoostParams, ForestParams};

/// Logistic regression's C, strongest penalty first.
pub const LOGISTIC_C: [f64; 5] = [0.01, 0.1, 1.0, 10.0, 100.0];

/// Boosting: tree depth (leaves up to 2^depth).
pub const BOOST_DEPTH: [usize; 2] = [2, 4];
/// Boosting: learning rate.
pub const BOOST_LEARNING_RATE: [f64; 2] = [0.05, 0.2];
/// Boosting: fewest rows per leaf, largest (simplest) first.
pub const BOOST_MIN_LEAF: [usize; 2] = [50, 10];
/// Boosting: numbers of rounds scored (staged).
pub const BOOST_ROUNDS: [usize; 3] = [25, 50, 100];

/// Forest: tree depth.
pub const FOREST_DEPTH: [usize; 3] = [4, 8, 12];
/// Forest: fewest rows per leaf, largest (simplest) first.
pub const FOREST_MIN_LEAF: [usize; 2] = [20, 5];
/// Forest: numbers of trees scored (staged).
pub const FOREST_TREES: [usize; 3] = [25, 50, 100];

/// Seed of every forest's tree streams.
pub const FOREST_SEED: u64 = 0;

/// One point of a grid: what one fit gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Setting {
    /// Logistic regression with this C.
    Logistic {
        /// Inverse regularization strength.
        c: f64,
    },
    /// A forest.
    Forest(ForestParams),
    /// Boosted trees.
    Boosting(BoostParams),
}

impl Setting {
    /// The learner a model fitted with this setting records.
    pub(crate) fn learner(&self) -> Learner {
        match *self {
            Setting::Logistic { .. } => Learner::Logistic,
            Setting::Forest(p) => Learner::Forest(p),
            Setting::Boosting(p) => Learner::Boosting(p),
        }
    }

    /// Logistic regression's C (0 for trees).
    pub(crate) fn c(&self) -> f64 {
        match *self {
            Setting::Logistic { c } => c,
            _ => 0.0,
        }
    }

    /// The same setting grown to `stage` trees (logistic regression has one stage).
    pub(crate) fn at(&self, stage: usize) -> Setting {
        match *self {
            Setting::Logistic { c } => Setting::Logistic { c },
            Setting::Forest(p) => Setting::Forest(ForestParams { trees: stage, ..p }),
            Setting::Boosting(p) => Setting::Boosting(BoostParams { rounds: stage, ..p }),
        }
    }
}

/// A family's grid: the points fitted, and the stages each is scored at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// The settings fitted, each at its largest stage.
    pub points: Vec<Setting>,
    /// The staged sizes scored (`[1]` for logistic regression).
    pub stages: Vec<usize>,
}

impl Grid {
    /// The grid of `family`.
    pub(crate) fn of(family: Family) -> Grid {
        match family {
            Family::Logistic => Grid {
                points: LOGISTIC_C
                    .iter()
                    .map(|&c| Setting::Logistic { c })
                    .collect(),
                stages: vec![1],
            },
            Family::Boosting => {
                let rounds = BOOST_ROUNDS.iter().copied().max().unwrap_or(100);
                let mut points = Vec::new();
                for &depth in &BOOST_DEPTH {
                    for &learning_rate in &BOOST_LEARNING_RATE {
                        for &min_leaf in &BOOST_MIN_LEAF {
                            points.push(Setting::Boosting(BoostParams {
                                rounds,
                                learning_rate,
                                max_depth: depth,
                                max_leaves: 1 << depth,
                                min_leaf,
                                ..BoostParams::default()
                            }));
                        }
                    }
                }
                Grid {
                    points,
                    stages: BOOST_ROUNDS.to_vec(),
                }
            }
            Family::Forest => {
                let trees = FOREST_TREES.iter().copied().max().unwrap_or(100);
                let mut points = Vec::new();
                for &max_depth in &FOREST_DEPTH {
                    for &min_leaf in &FOREST_MIN_LEAF {
                        points.push(Setting::Forest(ForestParams {
                            trees,
                            max_depth,
                            min_leaf,
                            seed: FOREST_SEED,
                            ..ForestParams::default()
                        }));
                    }
                }
                Grid {
                    points,
                    stages: FOREST_TREES.to_vec(),
                }
            }
        }
    }

    /// Settings scored: points × stages.
    pub(crate) fn len(&self) -> usize {
        self.points.len() * self.stages.len()
    }

    /// Scored setting `k` (point-major, stages ascending), grown to its stage.
    pub(crate) fn setting(&self, k: usize) -> Option<Setting> {
        let s = self.stages.len().max(1);
        let point = self.points.get(k / s)?;
        let stage = self.stages.get(k % s)?;
        Some(point.at(*stage))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_are_fixed_ordered_and_staged() {
        let b = Grid::of(Family::Boosting);
        assert_eq!((b.points.len(), b.len()), (8, 24));
        let Some(Setting::Boosting(first)) = b.setting(0) else {
            unreachable!()
        };
        assert_eq!((first.max_depth, first.rounds, first.min_leaf), (2, 25, 50));
        assert_eq!(first.max_leaves, 4);
        let Some(Setting::Boosting(last)) = b.setting(23) else {
            unreachable!()
        };
        assert_eq!(
            (last.max_depth, last.rounds, last.learning_rate),
            (4, 100, 0.2)
        );
        assert_eq!(b.setting(24), None);
        assert_eq!(Grid::of(Family::Forest).len(), 18);
        assert_eq!(
            Grid::of(Family::Logistic).setting(2),
            Some(Setting::Logistic { c: 1.0 })
        );
    }
}
