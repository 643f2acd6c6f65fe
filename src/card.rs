//! The model card, `models/MODEL_CARD.md`: generated from the committed models and the data they
//! were trained on, so every figure in it is one the code measured.

mod learners;

use std::fmt::Write;

use crate::features::{self, Feature, Text};
use crate::model::artifact::{Artifact, Learner, Weights};

use crate::model::metrics::report::{CrossValidation, TestMetrics};
use crate::train::committed::Committed;
use crate::train::{Dataset, MIN_GAIN, Selection};
pub use learners::{ALPHA, at_chance};

/// `x` as a percentage with two decimals.
fn pct(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
}

/// The forward-selection rounds as a markdown table.
pub fn selection_table(selection: &Selection) -> String {
    let groups = &selection.groups;
    let mut out = String::from("| round | CV AUC before |");
    for g in groups {
        let _ = write!(out, " + {} |", g.name);
    }
    out.push_str(" added |\n|---:|---:|");
    out.push_str(&"---:|".repeat(groups.len()));
    out.push_str("---|\n");
    for (i, round) in selection.rounds.iter().enumerate() {
        let _ = write!(out, "| {} | {:.4} |", i + 1, round.current_auc);
        for g in groups {
            match round.tried.iter().find(|(name, _)| *name == g.name) {
                Some((_, auc)) => {
                    let _ = write!(out, " {auc:.4} |");
                }
                None => out.push_str(" · |"),
            }
        }
        let _ = writeln!(out, " {} |", round.added.as_deref().unwrap_or("nothing"));
    }
    out
}

/// `coef` of the binary model's feature `feature`.
fn coef_of(model: &Artifact, feature: &Feature) -> Option<f64> {
    let Weights::Binary { coef, .. } = &model.weights else {
        return None;
    };
    let i = model.features.iter().position(|f| f == feature)?;
    coef.get(i).copied()
}

/// The model's features by their labels (what a person reads; the identifiers stay in the
/// model file).
fn names(model: &Artifact) -> Vec<String> {
    let schema = &model.schema;
    model
        .features
        .iter()
        .map(|f| f.label(&|role, key| schema.spelling(role, key)).0)
        .collect()
}

fn coefficients(out: &mut String, model: &Artifact) {
    match &model.weights {
        Weights::Binary { coef, intercept } => {
            let scaled = model.scaler.is_some();
            let _ = writeln!(
                out,
                "| feature | coefficient{} |\n|---|---:|",
                if scaled {
                    " (per standard deviation)"
                } else {
                    ""
                }
            );
            for (name, w) in names(model).iter().zip(coef) {
                let _ = writeln!(out, "| {name} | {w:+.6} |");
            }
            let _ = writeln!(out, "| intercept | {intercept:+.6} |");
        }
        Weights::Multinomial { coef, intercept } => {
            let _ = write!(out, "| class |");
            for name in names(model) {
                let _ = write!(out, " {name} |");
            }
            out.push_str(" intercept |\n|---|");
            out.push_str(&"---:|".repeat(model.features.len() + 1));
            out.push('\n');
            for ((class, row), b) in model.classes.iter().zip(coef).zip(intercept) {
                let _ = write!(out, "| {class} |");
                for w in row {
                    let _ = write!(out, " {w:+.6} |");
                }
                let _ = writeln!(out, " {b:+.6} |");
            }
        }
        Weights::Trees(e) => {
            let _ = writeln!(
                out,
                "{} trees, {} nodes, base log-odds {:+.6}.",
                e.trees.len(),
                e.n_nodes(),
                e.base
            );
        }
    }
}

fn test_row(out: &mut String, model: &Artifact, t: &TestMetrics, cv: Option<&CrossValidation>) {
    let cv_text = cv.map_or("—".to_string(), |cv| {
        format!(
            "{:.4} (null 95th pct {:.4}; p = {:.3}, {} shuffles)",
            cv.mean_auc, cv.null_p95_auc, cv.p_value, cv.permutations
        )
    });
    let _ = writeln!(
        out,
        "| `{}` | {} | {} | {} | {:.4} | {:.4} | {:.4} | {:.4} | {} |",
        model.name,
        model.feature_set.map_or("selected", |s| s.name()),
        pct(t.accuracy),
        pct(t.majority_baseline),
        t.balanced_accuracy,
        t.roc_auc,
        t.log_loss,
        t.brier,
        cv_text
    );
}

/// Pearson correlation of two equally long samples.
fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len()) as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    sab / (saa * sbb).sqrt()
}

/// The card for the committed models.
pub fn committed_card(data: &Dataset<'_>, committed: &Committed) -> String {
    let (seed, improved, status, selection) = (
        &committed.seed,
        &committed.improved,
        &committed.status,
        &committed.selection,
    );
    let tickets = data.tickets;
    let resolved: Vec<f64> = tickets
        .iter()
        .map(|t| {
            f64::from(u8::from(
                t.status
                    .as_deref()
                    .is_some_and(|s| data.schema.is_resolved(s)),
            ))
        })
        .collect();
    let s: Vec<f64> = features::matrix(
        &[Feature::SeedScore(Text::Description)],
        tickets,
        &data.schema,
    )
    .map(|m| m.iter().copied().collect())
    .unwrap_or_default();
    let rate = resolved.iter().sum::<f64>() / resolved.len().max(1) as f64;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Model card\n\n\
         <!-- generated by `ticket-insights models --data tests/data/customer_support_tickets.csv`; \
         do not edit: a test fails when this file differs from a fresh training -->\n\n\
         **What the models predict**: whether a support ticket will be *resolved* (its status is \
         Closed), from what is known when the ticket arrives: the customer's age, the ticket's \
         priority, channel and type, and the sentiment of its description.\n\n\
         **The short answer**: they cannot. In this dataset nothing known at arrival predicts \
         resolution. Every model below is about as good as always answering \"not resolved\", \
         which is right for {} of tickets; their ROC AUC (0.5 = coin flip, 1 = perfect) stays \
         near 0.5, and shuffling the labels gives cross-validated AUCs as high. A support lead \
         should read a probability from these models as \"about one in three, like every \
         ticket\", not as a forecast for this ticket.\n",
        pct(1.0 - rate)
    );
    let _ = writeln!(
        out,
        "## Data\n\n\
         - `customer_support_tickets.csv`, SHA-256 `{}`: {} tickets read, {} rows rejected.\n\
         - Resolved (status Closed): {} of tickets. The data is synthetic.\n\
         - Split: the seed's `train_test_split(test_size=0.2, random_state=42)`: fitted on {} \
         rows, tested on the other {}.\n\
         - Never used as features: Resolution, Time to Resolution and Customer Satisfaction, \
         which are filled exactly when a ticket is closed (they leak the answer).\n",
        data.sha256,
        tickets.len(),
        data.rejected,
        pct(rate),
        seed.training.n_fit,
        seed.metrics.test.as_ref().map_or(0, |t| t.n),
    );
    out.push_str(
        "## Held-out results\n\n\
         Test rows only (never seen in fitting or feature selection). Accuracy is at a 0.5 \
         threshold; the majority baseline always predicts the most frequent class of the fit \
         rows. Balanced accuracy 0.5 means one class is never predicted. CV AUC: 5-fold \
         stratified cross-validation on the fit rows, with the 95th percentile of the same \
         figure under shuffled labels and the permutation p-value. For `improved`, every \
         shuffled-label run repeats the whole feature selection, so the null includes the \
         optimism of choosing features by this very figure.\n\n\
         | model | features | accuracy | majority baseline | balanced accuracy | ROC AUC | log loss | Brier | CV AUC |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for m in [seed, improved, status] {
        if let Some(t) = &m.metrics.test {
            test_row(&mut out, m, t, m.metrics.cv.as_ref());
        }
    }
    out.push_str(
        "\nFor `status` (three classes: Closed, Open, Pending Customer Response) the AUC is the \
         one-vs-rest macro average and the Brier score is summed over classes.\n\n",
    );

    let _ = writeln!(
        out,
        "## The models\n\n\
         ### `seed`: the seed's model, reproduced\n\n\
         Features: {}; the priority coded as the seed did (low 1, medium 2, high 3 and \
         **Critical 0**); liblinear objective (intercept penalized), C = 1, fitted on the seed's split. \
         These coefficients equal scikit-learn's to 1e-6 (tested).\n",
        names(seed).join(", ")
    );
    coefficients(&mut out, seed);
    let _ = writeln!(
        out,
        "\n### `improved`: ours\n\n\
         Priority in its right order (Critical highest), features standardized, intercept not \
         penalized (lbfgs objective), C = 1. The features were chosen by forward selection on \
         5-fold CV AUC over the fit rows only, starting from age, priority and the seed \
         sentiment and adding a group only when it raised the CV AUC by at least {MIN_GAIN}:\n"
    );
    out.push_str(&selection_table(selection));
    let _ = writeln!(
        out,
        "\nSelected: {}. The CV AUC that guided selection is biased upwards by the selection \
         itself; the test-row AUC above is the honest figure.\n",
        names(improved).join(", ")
    );
    coefficients(&mut out, improved);
    let _ = writeln!(
        out,
        "\n### `status`: Open / Pending / Closed\n\n\
         Features: {}; multinomial (softmax) loss, lbfgs objective, C = 1, on the seed's split.\n",
        names(status).join(", ")
    );
    coefficients(&mut out, status);

    let seed_test = seed.metrics.test.as_ref();
    let neg = seed_test.and_then(|t| t.negative_segment.as_ref());
    let _ = writeln!(
        out,
        "\n## The seed's claims, and what we measured\n\n\
         The seed trained on the Resolution *text* (2770 distinct strings) rather than on \
         whether the ticket was resolved; its figures are re-measured here on the honest target \
         with its own features and split (`seed` above).\n\n\
         | the seed's README says | measured here |\n|---|---|\n\
         | 70.11% accuracy | {} test accuracy, equal to the majority baseline {}: the model \
         predicts \"resolved\" for {} of test tickets |\n\
         | sentiment coefficient −0.178 | {:+.4} |\n\
         | priority coefficient −1.095 | {:+.4} (and the seed coded Critical as 0, below Low) |\n\
         | 65.91% accuracy on negative-sentiment tickets | {} on the {} negative-sentiment test \
         tickets, which is that segment's majority share {} |\n\
         | sentiment correlates with resolution at −0.0115 | {:+.4} (Pearson r of the sentiment \
         score with resolved, all tickets) |\n\
         | the API predicts whether a ticket will be resolved | the seed's `/predict` answered \
         `true` for every input (`bool` of a non-empty class name); ours answers with the \
         `seed` model |\n",
        seed_test.map_or("—".into(), |t| pct(t.accuracy)),
        seed_test.map_or("—".into(), |t| pct(t.majority_baseline)),
        seed_test.map_or("—".into(), |t| pct(t.predicted_positive_share)),
        coef_of(seed, &Feature::SeedScore(Text::Description)).unwrap_or(f64::NAN),
        coef_of(seed, &Feature::PrioritySeed).unwrap_or(f64::NAN),
        neg.map_or("—".into(), |n| pct(n.accuracy)),
        neg.map_or(0, |n| n.n),
        neg.map_or("—".into(), |n| pct(n.majority_share)),
        pearson(&s, &resolved),
    );
    out.push_str(
        "## Limits\n\n\
         - The dataset is synthetic and its labels carry no signal in these features; on real \
         tickets, retrain (`ticket-insights train`) and read this card's figures again.\n\
         - Probabilities are calibrated to the training data's resolved share (see the \
         reliability diagram on the page); they do not rank tickets usefully here.\n\
         - Sentiment is TextBlob's and VADER's English lexicons; other languages score 0.\n",
    );
    out
}

/// The card of one trained model (from any export): what it predicts, the data and how it was
/// split, the columns left out and why, held-out results next to the baselines, calibration,
/// cross-validation with its permutation p-value, the features in words with their
/// coefficients, and the selection rounds.
pub fn model_card(model: &Artifact, selection: Option<&Selection>) -> String {
    let schema = &model.schema;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Model card: `{}`\n\n\
         <!-- generated by `ticket-insights train`; every figure is one the code measured -->\n",
        model.name
    );
    let target = match model.target {
        crate::target::Target::Resolved => format!(
            "whether a ticket gets resolved (its status is one of: {})",
            if schema.resolved.is_empty() {
                "none".into()
            } else {
                schema.resolved.join(", ")
            }
        ),
        crate::target::Target::Within { hours } => format!(
            "whether a ticket is resolved within {hours} hours of its creation (tickets created \
             less than {hours} hours before the export time {} and not resolved yet are left \
             out: their outcome is not known)",
            model.training.as_of.as_deref().unwrap_or("?")
        ),
        crate::target::Target::Status => "a ticket's status".into(),
    };
    let _ = writeln!(out, "**What it predicts**: {target}.\n");
    let r = &model.training.rows;
    let _ = writeln!(
        out,
        "## Data\n\n\
         - A {} export, SHA-256 `{}`: {} rows read, {} used, {} rejected (unreadable, or no \
         outcome), {} censored.\n\
         - Split: {}; fitted on {} tickets.\n",
        schema.layout.0.label(),
        model.training.data_sha256,
        r.read,
        r.used,
        r.rejected,
        r.censored,
        match model.training.split {
            crate::model::artifact::Split::Time =>
                "the newest 20% of tickets by creation time are the test rows (a forecast is judged on the future); cross-validation runs on the older ones",
            crate::model::artifact::Split::Random =>
                "a seeded, stratified 80/20 split (the export has no creation times)",
            crate::model::artifact::Split::Seed =>
                "the seed's `train_test_split(test_size=0.2, random_state=42)`",
            crate::model::artifact::Split::All => "every row fitted; no held-out rows",
        },
        model.training.n_fit,
    );
    out.push_str("| role | column |\n|---|---|\n");
    for (role, header) in &schema.mapping.roles {
        let _ = writeln!(out, "| {} | `{header}` |", role.label());
    }
    if !model.training.left_out.is_empty() {
        out.push_str("\n**Never used as features**:\n\n| column | why |\n|---|---|\n");
        for l in &model.training.left_out {
            let _ = writeln!(out, "| `{}` | {} |", l.header, l.reason);
        }
    }
    out.push_str("\n## Held-out results\n\n");
    match &model.metrics.test {
        Some(t) => {
            let base = 1.0 - t.majority_baseline;
            let _ = writeln!(
                out,
                "| measure | this model | baseline |\n|---|---:|---:|\n\
                 | accuracy | {} | {} (always the majority class) |\n\
                 | balanced accuracy | {:.4} | 0.5000 (any constant guess) |\n\
                 | ROC AUC | {:.4} | 0.5000 (a coin flip) |\n\
                 | log loss | {:.4} | {:.4} (the base rate for everyone) |\n\
                 | Brier score | {:.4} | {:.4} (the base rate for everyone) |\n\
                 | test tickets | {} | |\n",
                pct(t.accuracy),
                pct(t.majority_baseline),
                t.balanced_accuracy,
                t.roc_auc,
                t.log_loss,
                -(base * base.max(1e-15).ln() + (1.0 - base) * (1.0 - base).max(1e-15).ln()),
                t.brier,
                base * (1.0 - base),
                t.n
            );
            if !t.calibration.is_empty() {
                out.push_str("Calibration on the test rows (predicted vs observed):\n\n| predicted | tickets | mean predicted | observed |\n|---|---:|---:|---:|\n");
                for b in t.calibration.iter().filter(|b| b.count > 0) {
                    let _ = writeln!(
                        out,
                        "| {:.1}–{:.1} | {} | {:.3} | {:.3} |",
                        b.lower, b.upper, b.count, b.mean_predicted, b.fraction_positive
                    );
                }
                out.push('\n');
            }
        }
        None => out.push_str("No held-out rows (fitted on every row).\n\n"),
    }
    let tuned =
        !matches!(model.training.learner, Learner::Logistic) || model.metrics.comparison.is_some();
    match &model.metrics.cv {
        Some(cv) if tuned => {
            let _ = writeln!(
                out,
                "Nested cross-validated AUC ({}-fold outer, settings chosen by inner folds of \
                 each outer training part, on {} fit rows): {:.4} (folds: {}); with labels \
                 shuffled within each outer fold {:.4} on average, {:.4} at the 95th \
                 percentile; p = {:.3} ({} shuffles).\n",
                cv.folds,
                cv.n,
                cv.mean_auc,
                cv.fold_auc
                    .iter()
                    .map(|a| format!("{a:.4}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                cv.null_mean_auc,
                cv.null_p95_auc,
                cv.p_value,
                cv.permutations
            );
        }
        Some(cv) => {
            let _ = writeln!(
                out,
                "Cross-validated AUC ({}-fold, fit rows): {:.4}; with shuffled labels {:.4} on \
                 average, {:.4} at the 95th percentile; p = {:.3} ({} shuffles). The features \
                 were chosen by this same figure, so it is optimistic; the held-out AUC above is \
                 the honest one.\n",
                cv.folds,
                cv.mean_auc,
                cv.null_mean_auc,
                cv.null_p95_auc,
                cv.p_value,
                cv.permutations
            );
        }
        None => {}
    }
    if let Some(c) = &model.metrics.comparison {
        learners::comparison_section(&mut out, c);
    }
    if tuned {
        learners::learner_section(&mut out, model);
    }
    if let Some(r) = &model.metrics.calibration {
        learners::calibration_section(&mut out, r);
    }
    out.push_str("## Features\n\n");
    if let Weights::Binary { coef, intercept } = &model.weights {
        let _ = writeln!(
            out,
            "| feature | what it is | coefficient{} |\n|---|---|---:|",
            if model.scaler.is_some() {
                " (per standard deviation)"
            } else {
                ""
            }
        );
        for (f, w) in model.features.iter().zip(coef) {
            let (label, meaning) = f.label(&|role, key| schema.spelling(role, key));
            let _ = writeln!(out, "| {label} | {meaning} | {w:+.4} |");
        }
        let _ = writeln!(out, "| (intercept) | | {intercept:+.4} |");
    } else if let Weights::Trees(e) = &model.weights {
        let _ = writeln!(
            out,
            "{} trees, {} nodes. Mean |contribution| of each feature to the log-odds over the \
             held-out rows (TreeSHAP):\n\n| feature | what it is | mean \\|contribution\\| |\n\
             |---|---|---:|",
            e.trees.len(),
            e.n_nodes()
        );
        let importance = model.metrics.importance.as_deref().unwrap_or(&[]);
        let mut order: Vec<usize> = (0..model.features.len()).collect();
        order.sort_by(|&a, &b| {
            let v = |i: usize| importance.get(i).copied().unwrap_or(0.0);
            v(b).total_cmp(&v(a))
        });
        for i in order {
            if let Some(f) = model.features.get(i) {
                let (label, meaning) = f.label(&|role, key| schema.spelling(role, key));
                let v = importance.get(i).map_or("—".into(), |v| format!("{v:.4}"));
                let _ = writeln!(out, "| {label} | {meaning} | {v} |");
            }
        }
    } else {
        coefficients(&mut out, model);
    }
    if let Some(s) = selection {
        let _ = writeln!(
            out,
            "\n## How the features were chosen\n\nForward selection on 5-fold CV AUC over the fit \
             rows only, adding a group only when it raised the CV AUC by at least {MIN_GAIN}:\n"
        );
        out.push_str(&selection_table(s));
    }
    out
}
