//! The labels of a training file's tickets for a target: which tickets have one, the classes,
//! and the tickets left out (no status, or censored), each counted.

use crate::export::time::Timestamp;
use crate::export::vocab::{self, Counter};
use crate::target::{Target, Unlabeled};
use crate::ticket::Role;
use crate::train::{Dataset, TrainConfig};
use crate::{Error, Result};

/// The tickets with a label, their labels, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// Indices (into the dataset's tickets) of the labelled tickets, in file order.
    pub rows: Vec<usize>,
    /// Their labels: 0 or 1 for a binary target, a class index otherwise.
    pub y: Vec<usize>,
    /// Class names, in label order.
    pub classes: Vec<String>,
    /// Tickets whose outcome the export cannot know yet.
    pub censored: u64,
    /// Tickets without the values the target needs (an empty status, no creation time).
    pub unlabeled: u64,
}

fn column(data: &Dataset<'_>, role: Role) -> String {
    data.schema.mapping.get(role).unwrap_or("?").to_string()
}

impl Labels {
    /// The labels of `data`'s tickets for `target`, read at the export time `as_of`.
    pub fn of(data: &Dataset<'_>, target: Target, as_of: Option<Timestamp>) -> Result<Labels> {
        Labels::with_classes(data, target, as_of, None)
    }

    /// The labels for a model's `classes` (a status outside them leaves its ticket unlabelled);
    /// `None`: the classes the data holds.
    pub fn with_classes(
        data: &Dataset<'_>,
        target: Target,
        as_of: Option<Timestamp>,
        classes: Option<&[String]>,
    ) -> Result<Labels> {
        let needs: &[Role] = match target {
            Target::Resolved | Target::Status => &[Role::Status],
            Target::Within { .. } => &[Role::CreatedAt, Role::ResolvedAt],
        };
        for role in needs {
            if data.schema.mapping.get(*role).is_none() {
                return Err(Error::Training(format!(
                    "the target {} needs a {} column, and the export has none mapped: map one with \
                     --map {}=HEADER",
                    target.name(),
                    role.label().to_lowercase(),
                    role.name()
                )));
            }
        }
        let mut out = Labels {
            rows: Vec::new(),
            y: Vec::new(),
            classes: Vec::new(),
            censored: 0,
            unlabeled: 0,
        };
        let mut statuses = Counter::default();
        if let Some(given) = classes {
            out.classes = given.to_vec();
        } else if target == Target::Status {
            for t in data.tickets {
                if let Some(s) = &t.status {
                    statuses.add(s);
                }
            }
            let mut classes: Vec<String> = statuses.levels().into_iter().map(|l| l.value).collect();
            classes.sort();
            out.classes = classes;
        } else {
            out.classes = target.binary_classes();
        }
        let keys: Vec<String> = out.classes.iter().map(|c| vocab::key(c)).collect();
        for (i, t) in data.tickets.iter().enumerate() {
            let label = match target {
                Target::Status => t
                    .status
                    .as_deref()
                    .and_then(|s| keys.iter().position(|k| *k == vocab::key(s)))
                    .ok_or(Unlabeled::NoStatus),
                _ => target.binary_label(t, &data.schema, as_of).map(usize::from),
            };
            match label {
                Ok(y) => {
                    out.rows.push(i);
                    out.y.push(y);
                }
                Err(Unlabeled::Censored) => out.censored += 1,
                Err(_) => out.unlabeled += 1,
            }
        }
        out.check_classes(data, target, as_of)?;
        Ok(out)
    }

    /// Rejects labels with a single class, with the reason in the export's terms.
    fn check_classes(
        &self,
        data: &Dataset<'_>,
        target: Target,
        as_of: Option<Timestamp>,
    ) -> Result<()> {
        if self.rows.is_empty() {
            return Err(Error::Training(match target {
                Target::Within { hours } => format!(
                    "every ticket is censored or lacks a creation time: none was created {hours} \
                     hours before the export time ({}), so no outcome is known yet ({} censored, \
                     {} without a creation time); pass an earlier --as-of or a shorter deadline",
                    as_of.map_or_else(|| "unknown".into(), Timestamp::iso),
                    self.censored,
                    self.unlabeled
                ),
                _ => format!(
                    "no ticket has a status in column '{}'",
                    column(data, Role::Status)
                ),
            }));
        }
        let n_classes = self.classes.len().max(2);
        let mut counts = vec![0u64; n_classes];
        for &y in &self.y {
            if let Some(c) = counts.get_mut(y) {
                *c += 1;
            }
        }
        if counts.iter().filter(|&&c| c > 0).count() >= 2 {
            return Ok(());
        }
        let mut statuses = Counter::default();
        for &i in &self.rows {
            if let Some(s) = data.tickets.get(i).and_then(|t| t.status.as_deref()) {
                statuses.add(s);
            }
        }
        let seen: Vec<String> = statuses
            .levels()
            .iter()
            .take(8)
            .map(|l| format!("'{}' ({})", l.value, l.count))
            .collect();
        Err(Error::Training(match target {
            Target::Status | Target::Resolved if statuses.distinct() == 1 => format!(
                "column '{}' has one value in every ticket ({}): there is nothing to predict",
                column(data, Role::Status),
                seen.join(", ")
            ),
            Target::Resolved if counts.get(1) == Some(&0) => format!(
                "no status in column '{}' counts as resolved (its values: {}): say which do with \
                 --resolved-status",
                column(data, Role::Status),
                seen.join(", ")
            ),
            Target::Resolved => format!(
                "every status in column '{}' counts as resolved (its values: {}): say which do \
                 with --resolved-status",
                column(data, Role::Status),
                seen.join(", ")
            ),
            Target::Within { hours } => format!(
                "every ticket with a known outcome was {} within {hours} hours: there is nothing to \
                 predict",
                if counts.get(1) == Some(&0) {
                    "not resolved"
                } else {
                    "resolved"
                }
            ),
            Target::Status => {
                "the tickets have a single status: there is nothing to predict".into()
            }
        }))
    }

    /// Rejects fit rows with fewer members of a class than cross-validation has folds.
    pub fn check_folds(&self, y_fit: &[usize], config: &TrainConfig) -> Result<()> {
        if config.cv_folds == 0 || !config.target.is_binary() {
            return Ok(());
        }
        for (class, name) in self.classes.iter().enumerate() {
            let n = y_fit.iter().filter(|&&y| y == class).count();
            if n < config.cv_folds {
                return Err(Error::Training(format!(
                    "only {n} of the {} fitted tickets are '{name}': {}-fold cross-validation \
                     needs at least {} of each class",
                    y_fit.len(),
                    config.cv_folds,
                    config.cv_folds
                )));
            }
        }
        Ok(())
    }
}
