//! Metrics of a model on feature rows or on a file's tickets, next to the majority baseline.

use ndarray::ArrayView2;

use crate::Result;
use crate::features::{Feature, Text};
use crate::model::ModelError;
use crate::model::artifact::Model;
use crate::model::metrics::report::TestMetrics;
use crate::ticket::Ticket;
use crate::train::labels::Labels;
use crate::train::{Dataset, matrix_of};

/// Metrics of `model` on rows `x` (raw features) with labels `y`; the majority class is taken
/// from `y_fit`.
pub fn test_metrics(
    model: &Model,
    x: ArrayView2<f64>,
    y: &[usize],
    y_fit: &[usize],
) -> Result<TestMetrics> {
    let a = model.artifact();
    let proba: Vec<Vec<f64>> = x
        .rows()
        .into_iter()
        .map(|r| model.probabilities(&r.to_vec()).0)
        .collect();
    let s_column = a
        .features
        .iter()
        .position(|f| *f == Feature::SeedScore(Text::Description));
    let s: Option<Vec<f64>> = s_column.map(|c| x.column(c).to_vec());
    Ok(TestMetrics::of(
        &proba,
        a.threshold,
        y,
        y_fit,
        s.as_deref(),
    )?)
}

/// Metrics of `model` on every ticket of `data` that has an outcome for the model's target
/// (read with the model's schema); the majority baseline is these tickets' own majority share.
pub fn evaluate(model: &Model, data: &Dataset<'_>) -> Result<(TestMetrics, Labels)> {
    if data.tickets.is_empty() {
        return Err(ModelError::EmptyData { what: "tickets" }.into());
    }
    let a = model.artifact();
    let labels = Labels::with_classes(data, a.target, data.latest, Some(&a.classes))?;
    let tickets: Vec<&Ticket> = labels
        .rows
        .iter()
        .filter_map(|&i| data.tickets.get(i))
        .collect();
    let x = matrix_of(&a.features, &tickets, &a.schema)?;
    Ok((test_metrics(model, x.view(), &labels.y, &labels.y)?, labels))
}
