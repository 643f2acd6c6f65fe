//! The page's studio, in plain Rust so it tests natively: how an export was understood (the
//! mapping panel), the dashboard analysis of an export read with the user's mapping, training a
//! model on an export with the CLI's defaults ([`train_export`] is the one function the CLI's
//! `train` command and the page's worker both call, so their model files are byte-identical),
//! and a model's predictions of an export as `id,probability`. `crate::wasm::studio` only
//! converts values.

pub mod scan;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::analysis::{Analysis, Analyzer};
use crate::export::{self, Export, Options, Row};
use crate::features::sets::FeatureSet;
use crate::inspect::{Inspection, Status};
use crate::model::artifact::{Model, Split};
use crate::model::logistic::{ClassWeight, FitOptions, Objective};
use crate::predict::present;
use crate::target::Target;
use crate::ticket::Role;
use crate::time::{DateOrder, Timestamp};
use crate::train::{self, Dataset, Features, TrainConfig, Trained};
use crate::{Error, Result, card};

/// The roles the page's mapping panel offers, in its order (the id is kept as detected).
pub const PAGE_ROLES: [Role; 10] = [
    Role::Description,
    Role::Subject,
    Role::Status,
    Role::Priority,
    Role::Channel,
    Role::Type,
    Role::CreatedAt,
    Role::ResolvedAt,
    Role::CustomerAge,
    Role::Satisfaction,
];

/// SHA-256 of `bytes`, lower-case hex (what a model file records of its training file).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How the user says an export is read: the CLI's `--map`, `--resolved-status` and
/// `--date-order`, or the page's mapping panel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// Role → header (`None`: not mapped), over what detection finds.
    pub map: Vec<(Role, Option<String>)>,
    /// The status values that count as resolved (`None`: the layout's words).
    pub resolved: Option<Vec<String>>,
    /// Day-first or month-first, for numeric dates whose values do not tell.
    pub date_order: Option<DateOrder>,
}

impl Reading {
    /// The reader's options.
    pub fn options(&self) -> Options {
        Options {
            map: self.map.clone(),
            date_order: self.date_order,
            ..Options::default()
        }
    }
}

/// What the page sends: `{mapping: {role: header or ""}, resolved: [status], target, permutations}`
/// (every field optional).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PageOptions {
    /// Role name → header (`""`: the role is not mapped); roles left out keep what detection
    /// found.
    pub mapping: BTreeMap<String, String>,
    /// The status values that count as resolved.
    pub resolved: Option<Vec<String>>,
    /// What to predict (`resolved`, `within:24h`, `status`).
    pub target: Option<String>,
    /// Shuffled-label runs for the CV AUC's permutation p-value (default: the CLI's 100).
    pub permutations: Option<usize>,
    /// The learner, resampling, calibration and search bounds, as `train --learner ...` takes
    /// them (default: logistic regression).
    pub learning: train::Learning,
}

impl PageOptions {
    /// How the page says the export is read.
    pub fn reading(&self) -> Result<Reading> {
        let mut map = Vec::new();
        for (name, header) in &self.mapping {
            let role = Role::parse(name).ok_or_else(|| Error::Input {
                field: "mapping".into(),
                message: format!("'{name}' is not a role"),
            })?;
            let header = header.trim();
            map.push((role, (!header.is_empty()).then(|| header.to_string())));
        }
        Ok(Reading {
            map,
            resolved: self.resolved.clone(),
            date_order: None,
        })
    }

    /// The training choices: the CLI's defaults, with the page's target and permutations.
    pub fn choices(&self) -> Result<Choices> {
        let mut choices = Choices::default();
        if let Some(t) = &self.target {
            choices.target = Target::parse(t).map_err(|message| Error::Input {
                field: "target".into(),
                message,
            })?;
        }
        if let Some(p) = self.permutations {
            choices.permutations = p;
        }
        choices.learning = self.learning;
        Ok(choices)
    }
}

/// The choices of a training run, as the CLI's `train` flags give them; [`Choices::config`]
/// settles the defaults, for the CLI and the page alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    /// A named feature set; `None`: feature groups chosen by cross-validated AUC.
    pub features: Option<FeatureSet>,
    /// What to predict.
    pub target: Target,
    /// The export time labels are read at (default: the file's latest timestamp).
    pub as_of: Option<Timestamp>,
    /// Objective (default: liblinear for a named set, lbfgs otherwise).
    pub solver: Option<Objective>,
    /// Class weights.
    pub class_weight: ClassWeight,
    /// Inverse regularization strength.
    pub c: f64,
    /// Rows to fit (default: seed for a named set, else by time or random).
    pub split: Option<Split>,
    /// Standardize the features (always on without a named set).
    pub standardize: bool,
    /// Shuffled-label runs for the CV AUC's permutation p-value.
    pub permutations: usize,
    /// Model name recorded in the file (default: the feature set's name, or "model").
    pub name: Option<String>,
    /// The learner and its imbalance treatment, calibration and search.
    pub learning: train::Learning,
}

impl Default for Choices {
    /// The CLI's defaults.
    fn default() -> Self {
        Choices {
            features: None,
            target: Target::Resolved,
            as_of: None,
            solver: None,
            class_weight: ClassWeight::Uniform,
            c: 1.0,
            split: None,
            standardize: false,
            permutations: 100,
            name: None,
            learning: train::Learning::default(),
        }
    }
}

impl Choices {
    /// The training configuration these choices make.
    pub fn config(&self) -> TrainConfig {
        let named = self.features.is_some();
        let objective = self.solver.unwrap_or(if named {
            Objective::Liblinear
        } else {
            Objective::Lbfgs
        });
        let mut fit = FitOptions::new(objective);
        fit.c = self.c;
        fit.class_weight = self.class_weight;
        TrainConfig {
            name: self.name.clone().unwrap_or_else(|| {
                self.features
                    .map_or_else(|| "model".into(), |f| f.name().into())
            }),
            features: self.features.map_or(Features::Select, Features::Named),
            target: self.target,
            fit,
            standardize: self.standardize || !named,
            split: self.split.or(named.then_some(Split::Seed)),
            cv_folds: 5,
            permutations: self.permutations,
            selection_in_null: false,
            as_of: self.as_of,
            learning: self.learning,
        }
    }
}

/// Trains `config` on a read export whose bytes hash to `sha256`, with `resolved` (status
/// values) replacing the layout's resolved set; the inspection's warnings go to `progress`
/// first. The CLI's `train` and the page's worker both train through this.
pub fn train_export(
    export: &Export,
    sha256: String,
    resolved: Option<&[String]>,
    config: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<(Inspection, Trained)> {
    let inspection = Inspection::of(export, resolved);
    for w in &inspection.warnings {
        progress(&format!("warning: {w}"));
    }
    let dataset = Dataset {
        tickets: &export.tickets,
        schema: inspection.schema.clone(),
        header: export.summary.header.clone(),
        rows: export.summary.rows,
        rejected: export.summary.rejected,
        sha256,
        latest: export.summary.latest,
    };
    let trained = train::train(&dataset, config, progress)?;
    Ok((inspection, trained))
}

/// One role of the mapping panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleChoice {
    /// The role's name (`created_at`).
    pub role: &'static str,
    /// Its label for a person ("Created at").
    pub label: &'static str,
    /// The header it reads, if any.
    pub header: Option<String>,
}

/// How an export was understood, as the mapping panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Understood {
    /// The helpdesk that wrote it, for a person.
    pub layout: &'static str,
    /// The header row.
    pub header: Vec<String>,
    /// Each role the panel offers and its column.
    pub mapping: Vec<RoleChoice>,
    /// Every status value, most frequent first, and whether it counts as resolved.
    pub statuses: Vec<Status>,
    /// Tickets read.
    pub tickets: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Things worth a person's attention.
    pub warnings: Vec<String>,
}

impl Understood {
    /// The panel's view of `inspection`.
    pub fn of(inspection: &Inspection) -> Understood {
        Understood {
            layout: inspection.layout.label(),
            header: inspection.header.clone(),
            mapping: PAGE_ROLES
                .iter()
                .map(|&role| RoleChoice {
                    role: role.name(),
                    label: role.label(),
                    header: inspection.mapping.get(role).map(str::to_string),
                })
                .collect(),
            statuses: inspection.statuses.clone(),
            tickets: inspection.counts.tickets,
            rejected: inspection.counts.rejected,
            warnings: inspection.warnings.clone(),
        }
    }
}

/// Reads `bytes` as `reading` says and inspects it.
pub fn inspect(bytes: &[u8], reading: &Reading) -> Result<(Export, Inspection)> {
    let export = export::read(bytes, reading.options())?;
    let inspection = Inspection::of(&export, reading.resolved.as_deref());
    Ok((export, inspection))
}

/// The dashboard analysis of `bytes` read as `reading` says, scored with `model`, and how the
/// file was understood.
pub fn analyze(
    bytes: &[u8],
    reading: &Reading,
    model: Option<&Model>,
) -> Result<(Understood, Analysis)> {
    let (export, inspection) = inspect(bytes, reading)?;
    let understood = Understood::of(&inspection);
    let mut analyzer = Analyzer::new(model, inspection.schema, reading.resolved.clone());
    for r in &export.rejected {
        analyzer.reject(r);
    }
    for t in &export.tickets {
        analyzer.add(t);
    }
    Ok((understood, analyzer.finish()))
}

/// A model trained in the page: its file and its report.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The model file.
    pub bytes: Vec<u8>,
    /// What the page shows of it.
    pub report: Report,
}

/// What the page shows of a trained model.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The model's name.
    pub name: String,
    /// What it predicts, for a person.
    pub target: String,
    /// Its held-out results in plain words.
    pub summary: String,
    /// The model card (Markdown).
    pub card: String,
    /// Its features, for a person.
    pub features: Vec<String>,
    /// The roles it reads.
    pub roles: Vec<&'static str>,
    /// Held-out and cross-validated metrics.
    pub metrics: crate::model::metrics::report::Metrics,
    /// Tickets read, used, rejected and censored.
    pub rows: crate::model::artifact::Rows,
    /// Things worth a person's attention.
    pub warnings: Vec<String>,
}

/// Trains a model on `bytes` read as `reading` says, with `choices` (the CLI's defaults for
/// what they leave out), reporting progress through `progress`.
pub fn train_bytes(
    bytes: &[u8],
    reading: &Reading,
    choices: &Choices,
    progress: &mut dyn FnMut(&str),
) -> Result<Outcome> {
    progress("reading the file");
    let export = export::read(bytes, reading.options())?;
    let (inspection, trained) = train_export(
        &export,
        sha256_hex(bytes),
        reading.resolved.as_deref(),
        &choices.config(),
        progress,
    )?;
    let a = &trained.artifact;
    let model = Model::new(a.clone())?;
    let report = Report {
        name: a.name.clone(),
        target: a.target.name(),
        summary: present::summary(a),
        card: card::model_card(a, trained.selection.as_ref()),
        features: a
            .features
            .iter()
            .map(|f| f.label(&|role, key| a.schema.spelling(role, key)).0)
            .collect(),
        roles: model.roles().into_iter().map(Role::name).collect(),
        metrics: a.metrics.clone(),
        rows: a.training.rows.clone(),
        warnings: inspection.warnings,
    };
    Ok(Outcome {
        bytes: a.to_bytes()?,
        report,
    })
}

/// A CSV field, quoted when it must be.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// `model`'s probability for every ticket of `bytes` as `id,probability` lines (what the CLI's
/// `predict` writes, without its `resolved` column); tickets it cannot score are left out.
/// A file without a column the model reads is refused by name.
pub fn predictions(bytes: &[u8], model: &Model) -> Result<String> {
    let options = Options {
        schema: Some(model.artifact().schema.clone()),
        required: model.roles(),
        ..Options::default()
    };
    let mut reader = export::Reader::new(options);
    let mut out = String::from("id,probability\n");
    let mut sink = |row: Row| {
        if let Row::Ticket(t) = row
            && let Ok(p) = model.predict(&t)
        {
            out.push_str(&csv_field(&t.id));
            out.push(',');
            out.push_str(&p.probability.to_string());
            out.push('\n');
        }
    };
    for chunk in bytes.chunks(1 << 20) {
        reader.push(chunk, &mut sink)?;
    }
    reader.finish(&mut sink)?;
    Ok(out)
}

/// A model file, validated (a clear error for anything else).
pub fn load_model(bytes: &[u8]) -> Result<Model> {
    Model::from_bytes(bytes).map_err(Error::Artifact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::export::{self as synth, Signal};

    fn zendesk(rows: usize) -> Vec<u8> {
        let mut out = Vec::new();
        synth::write(
            &synth::Spec {
                layout: synth::Layout::Zendesk,
                rows,
                signal: Signal::Linear,
                outcome: synth::Outcome::Resolved,
                seed: 7,
            },
            &mut out,
        )
        .unwrap();
        out
    }

    #[test]
    fn a_page_trained_model_predicts_its_file() {
        let csv = zendesk(600);
        let (understood, _) = analyze(&csv, &Reading::default(), None).unwrap();
        assert_eq!(understood.mapping.len(), 10);
        assert!(understood.statuses.iter().any(|s| s.resolved));
        let mut stages = Vec::new();
        let choices = Choices {
            permutations: 5,
            ..Choices::default()
        };
        let outcome = train_bytes(&csv, &Reading::default(), &choices, &mut |s| {
            stages.push(s.to_string())
        })
        .unwrap();
        assert_eq!(stages[0], "reading the file");
        assert!(
            stages.iter().any(|s| s.contains("cross-validation")),
            "{stages:?}"
        );
        let model = load_model(&outcome.bytes).unwrap();
        let lines = predictions(&csv, &model).unwrap();
        assert!(lines.starts_with("id,probability\n"));
        assert_eq!(lines.lines().count(), 601);
        assert!(outcome.report.metrics.test.is_some());
        assert!(load_model(b"not a model").is_err());
    }

    #[test]
    fn one_status_value_is_refused_by_name() {
        let csv = "Id,Subject,Description,Status\n1,a,b,open\n2,c,d,open\n3,e,f,open\n";
        let err = train_bytes(
            csv.as_bytes(),
            &Reading::default(),
            &Choices::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("one value"), "{err}");
    }
}
