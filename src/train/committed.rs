//! The committed models (`models/seed.bin`, `improved.bin`, `status.bin`): their training
//! configurations, and one function that trains them all deterministically.

use crate::features::sets::FeatureSet;
use crate::model::artifact::{Artifact, Split};
use crate::model::logistic::{FitOptions, Objective};
use crate::target::Target;
use crate::train::{self, Dataset, Features, Selection, TrainConfig};
use crate::{Error, Result};

/// Label permutations behind the `seed` model's p-value.
pub const COMMITTED_PERMUTATIONS: usize = 200;

/// Label permutations behind the `improved` model's p-value; each reruns the whole forward
/// selection (about 100 fits), hence fewer.
pub const SELECTION_PERMUTATIONS: usize = 100;

fn config(name: &str, set: FeatureSet, objective: Objective) -> TrainConfig {
    TrainConfig {
        name: name.into(),
        features: Features::Named(set),
        target: Target::Resolved,
        fit: FitOptions::new(objective),
        standardize: false,
        split: Some(Split::Seed),
        cv_folds: 5,
        permutations: 0,
        selection_in_null: false,
        as_of: None,
        learning: train::Learning::default(),
    }
}

/// The `seed` model: the seed's three features and solver, on the seed's split.
pub fn seed_config(permutations: usize) -> TrainConfig {
    TrainConfig {
        permutations,
        ..config("seed", FeatureSet::Seed3, Objective::Liblinear)
    }
}

/// The `improved` model: selected features, standardized, intercept not penalized.
pub fn improved_config(permutations: usize) -> TrainConfig {
    TrainConfig {
        standardize: true,
        permutations,
        selection_in_null: true,
        ..config("improved", FeatureSet::Improved, Objective::Lbfgs)
    }
}

/// The `status` model: Open / Pending / Closed from the seed's inputs with priority in order.
pub fn status_config() -> TrainConfig {
    TrainConfig {
        target: Target::Status,
        cv_folds: 0,
        ..config("status", FeatureSet::Ordinal3, Objective::Lbfgs)
    }
}

/// The committed models.
#[derive(Debug, Clone)]
pub struct Committed {
    /// `models/seed.bin`.
    pub seed: Artifact,
    /// `models/improved.bin`.
    pub improved: Artifact,
    /// `models/status.bin`.
    pub status: Artifact,
    /// How `improved` was selected.
    pub selection: Selection,
}

impl Committed {
    /// `(file name, model)` pairs.
    pub fn files(&self) -> [(&'static str, &Artifact); 3] {
        [
            ("seed.bin", &self.seed),
            ("improved.bin", &self.improved),
            ("status.bin", &self.status),
        ]
    }
}

/// Trains every committed model deterministically: the same data gives the same bytes.
pub fn committed(data: &Dataset<'_>, progress: &mut dyn FnMut(&str)) -> Result<Committed> {
    progress("forward selection of the improved feature set");
    let selection = train::select(data, &improved_config(0))?;
    if selection.features != FeatureSet::Improved.features() {
        let names: Vec<String> = selection.features.iter().map(|f| f.name()).collect();
        return Err(Error::SelectionChanged {
            selected: names.join(", "),
        });
    }
    progress("training seed");
    let seed = train::train(data, &seed_config(COMMITTED_PERMUTATIONS), progress)?.artifact;
    progress("training improved");
    let improved = train::train(data, &improved_config(SELECTION_PERMUTATIONS), progress)?.artifact;
    progress("training status");
    let status = train::train(data, &status_config(), progress)?.artifact;
    Ok(Committed {
        seed,
        improved,
        status,
        selection,
    })
}
