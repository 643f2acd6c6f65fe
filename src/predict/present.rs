//! What a prediction and a model say to a person: the verdict sentence, the model's held-out
//! results in plain words, and each feature's label.

use crate::model::artifact::Artifact;

/// `p` as a whole percentage (`-0%` never shows: tiny negatives round to 0).
pub fn percent(p: f64) -> String {
    let v = (100.0 * p).round();
    format!("{}%", if v == 0.0 { 0.0 } else { v })
}

/// The share of tickets of the positive class in the model's training data, from its test
/// metrics' baseline (the majority is the negative class on every committed model).
pub fn base_rate(model: &Artifact) -> Option<f64> {
    model.metrics.test.as_ref().map(|t| {
        t.calibration
            .iter()
            .map(|b| b.fraction_positive * b.count as f64)
            .sum::<f64>()
            / t.n.max(1) as f64
    })
}

/// One sentence a support lead can act on.
pub fn verdict(model: &Artifact, probability: f64) -> String {
    let head = format!(
        "{} chance this ticket gets resolved, so the model says it will {}be resolved.",
        percent(probability),
        if probability >= model.threshold {
            ""
        } else {
            "not "
        }
    );
    match (base_rate(model), model.metrics.test.as_ref()) {
        (Some(base), Some(t)) => format!(
            "{head} For comparison, {} of all tickets were resolved; this model barely tells \
             tickets apart (ROC AUC {:.2}, where 0.5 is a coin flip).",
            percent(base),
            t.roc_auc
        ),
        _ => head,
    }
}

/// The model's held-out results in plain words.
pub fn summary(model: &Artifact) -> String {
    match &model.metrics.test {
        Some(t) => {
            let cv = model.metrics.cv.as_ref().map_or(String::new(), |cv| {
                format!(
                    " Cross-validated, it scores an AUC of {:.3}; shuffled labels score up to \
                     {:.3} one time in twenty (p = {:.2}).",
                    cv.mean_auc, cv.null_p95_auc, cv.p_value
                )
            });
            format!(
                "On {} tickets it never saw, this model is right {:.1}% of the time, and so \
                 is always guessing \"not resolved\" ({:.1}%): it is barely better than the \
                 majority guess. Its ROC AUC is {:.3}, where 0.5 is a coin flip and 1 is \
                 perfect.{cv} The reason: in this dataset, nothing known when a ticket arrives \
                 (age, priority, channel, type, the tone of the text) predicts whether it gets \
                 resolved.",
                t.n,
                100.0 * t.accuracy,
                100.0 * t.majority_baseline,
                t.roc_auc
            )
        }
        None => "This model has no held-out results.".into(),
    }
}
