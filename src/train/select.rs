//! Forward selection of feature groups by cross-validated AUC on the fit rows: from a base set,
//! add in each round the group that raises the CV AUC most, while it raises it by at least
//! [`MIN_GAIN`].

use ndarray::{ArrayView2, Axis};

use crate::Result;
use crate::features::Feature;
use crate::features::sets::Group;
use crate::target::Target;
use crate::train::TrainConfig;
use crate::train::cv::{cv_auc, mean};

/// A group is added only when it raises the CV AUC by at least this much: smaller gains are
/// within the fold-to-fold noise of a signal-free target.
pub const MIN_GAIN: f64 = 0.002;

/// One round of forward selection: every remaining candidate's CV AUC.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// CV AUC of the set before this round.
    pub current_auc: f64,
    /// `(group, CV AUC with it added)`, in candidate order.
    pub tried: Vec<(String, f64)>,
    /// The group added, if any gained at least [`MIN_GAIN`].
    pub added: Option<String>,
}

/// The outcome of forward selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// The candidate groups, in order.
    pub groups: Vec<Group>,
    /// Rounds, in order; the last adds nothing (or no group is left).
    pub rounds: Vec<Round>,
    /// The selected features, base first.
    pub features: Vec<Feature>,
    /// Their CV AUC.
    pub auc: f64,
}

/// A pool of precomputed feature columns to select from (for a permutation null that repeats
/// the selection).
pub(crate) struct Pool<'a> {
    pub features: &'a [Feature],
    pub base: &'a [Feature],
    pub groups: &'a [Group],
    pub x: ArrayView2<'a, f64>,
}

/// Forward selection on a matrix of the `pool` columns and binary labels `y`, from `base`
/// over `groups`.
pub(crate) fn select_on(
    x_pool: ArrayView2<f64>,
    pool: &[Feature],
    base: &[Feature],
    groups: &[Group],
    y: &[usize],
    config: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<Selection> {
    let config = TrainConfig {
        target: Target::Resolved,
        ..config.clone()
    };
    let auc_of = |features: &[Feature]| -> Result<f64> {
        if features.is_empty() {
            // Without a feature every ticket scores the same: a coin flip.
            return Ok(0.5);
        }
        let idx: Vec<usize> = features
            .iter()
            .filter_map(|c| pool.iter().position(|a| a == c))
            .collect();
        let x = x_pool.select(Axis(1), &idx);
        Ok(mean(&cv_auc(&config, x.view(), y)?))
    };
    let mut features = base.to_vec();
    let mut remaining: Vec<&Group> = groups.iter().collect();
    let mut rounds = Vec::new();
    let mut current = auc_of(&features)?;
    loop {
        let mut tried = Vec::new();
        for g in &remaining {
            let with: Vec<Feature> = features.iter().chain(&g.features).cloned().collect();
            tried.push((g.name.clone(), auc_of(&with)?));
        }
        let best = tried
            .iter()
            .fold(None, |best: Option<&(String, f64)>, t| match best {
                Some(b) if b.1 >= t.1 => Some(b),
                _ => Some(t),
            })
            .cloned();
        let added = best.filter(|b| b.1 - current >= MIN_GAIN);
        progress(&match &added {
            Some((name, auc)) => format!(
                "selection round {}: adds {name}, CV AUC {current:.4} -> {auc:.4}",
                rounds.len() + 1
            ),
            None => format!(
                "selection round {}: nothing more to add, CV AUC stays {current:.4}",
                rounds.len() + 1
            ),
        });
        rounds.push(Round {
            current_auc: current,
            tried,
            added: added.as_ref().map(|b| b.0.clone()),
        });
        let Some((name, auc)) = added else { break };
        if let Some(pos) = remaining.iter().position(|g| g.name == name) {
            let g = remaining.remove(pos);
            features.extend(g.features.iter().cloned());
        }
        current = auc;
        if remaining.is_empty() {
            break;
        }
    }
    Ok(Selection {
        groups: groups.to_vec(),
        rounds,
        features,
        auc: current,
    })
}
