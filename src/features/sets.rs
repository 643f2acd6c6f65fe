//! Named lists of features: the committed models' sets (the seed's three, its variations and
//! `improved`), and the groups forward selection chooses from, for the bundled dataset and for
//! any export's roles.

use serde::{Deserialize, Serialize};

use super::{Feature, Text};
use crate::ticket::Role;

/// A named, ordered list of features (the committed models' and the seed's variations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum FeatureSet {
    /// The seed's three: age, priority with the seed's coding (Critical 0), seed sentiment.
    Seed3,
    /// `seed3` plus the seed's "next steps" magnitude `|s|` and polarity `sign(s)`.
    Seed5,
    /// `seed3` plus the interaction `s × priority_seed`.
    Seed3x,
    /// `seed3` with Critical in its right place (priority rank 1–4).
    Ordinal3,
    /// Ours, chosen by cross-validated AUC on the training rows (see `train::select`).
    Improved,
}

/// Channels of the bundled dataset, by key.
pub const KAGGLE_CHANNELS: [&str; 4] = ["email", "phone", "social media", "chat"];

/// Ticket types of the bundled dataset, by key.
pub const KAGGLE_TYPES: [&str; 5] = [
    "technical issue",
    "billing inquiry",
    "cancellation request",
    "product inquiry",
    "refund request",
];

const D: Text = Text::Description;

impl FeatureSet {
    /// Every set, in the order reports list them.
    pub const ALL: [FeatureSet; 5] = [
        FeatureSet::Seed3,
        FeatureSet::Seed5,
        FeatureSet::Seed3x,
        FeatureSet::Ordinal3,
        FeatureSet::Improved,
    ];

    /// The set's name.
    pub fn name(self) -> &'static str {
        match self {
            FeatureSet::Seed3 => "seed3",
            FeatureSet::Seed5 => "seed5",
            FeatureSet::Seed3x => "seed3x",
            FeatureSet::Ordinal3 => "ordinal3",
            FeatureSet::Improved => "improved",
        }
    }

    /// The set named `name`.
    pub fn parse(name: &str) -> Option<FeatureSet> {
        Self::ALL.into_iter().find(|set| set.name() == name)
    }

    /// The set's features, in model order.
    pub fn features(self) -> Vec<Feature> {
        let seed3 = vec![
            Feature::CustomerAge,
            Feature::PrioritySeed,
            Feature::SeedScore(D),
        ];
        match self {
            FeatureSet::Seed3 => seed3,
            FeatureSet::Seed5 => {
                [seed3, vec![Feature::SeedMagnitude(D), Feature::SeedSign(D)]].concat()
            }
            FeatureSet::Seed3x => [seed3, vec![Feature::SeedXPriority]].concat(),
            FeatureSet::Ordinal3 => legacy_base(),
            // Chosen by `train::select` (`ticket-insights select`); `models/MODEL_CARD.md`
            // shows the rounds.
            FeatureSet::Improved => {
                let mut f = legacy_base();
                f.extend(KAGGLE_TYPES.iter().map(|t| Feature::Type((*t).into())));
                f.extend([Feature::SeedMagnitude(D), Feature::SeedSign(D)]);
                f
            }
        }
    }
}

/// A group of features that forward selection adds or leaves out as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What the group is, for a person.
    pub name: String,
    /// Its features.
    pub features: Vec<Feature>,
}

impl Group {
    fn new(name: &str, features: Vec<Feature>) -> Group {
        Group {
            name: name.into(),
            features,
        }
    }
}

/// The features every `improved` candidate starts from: the seed's three inputs with Critical
/// in its right place.
pub fn legacy_base() -> Vec<Feature> {
    vec![
        Feature::CustomerAge,
        Feature::PriorityRank,
        Feature::SeedScore(D),
    ]
}

/// The groups forward selection may add to [`legacy_base`] on the bundled dataset.
pub fn legacy_candidates() -> Vec<Group> {
    vec![
        Group::new("critical flag", vec![Feature::PriorityCritical]),
        Group::new(
            "sentiment magnitude and sign",
            vec![Feature::SeedMagnitude(D), Feature::SeedSign(D)],
        ),
        Group::new("sentiment × priority", vec![Feature::SeedXPriority]),
        Group::new("VADER compound", vec![Feature::Vader(D)]),
        Group::new(
            "channel (one-hot)",
            KAGGLE_CHANNELS
                .iter()
                .map(|c| Feature::Channel((*c).into()))
                .collect(),
        ),
        Group::new(
            "ticket type (one-hot)",
            KAGGLE_TYPES
                .iter()
                .map(|t| Feature::Type((*t).into()))
                .collect(),
        ),
        Group::new("description length", vec![Feature::LogWords(D)]),
    ]
}

/// The category levels of an export that become one-hot columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    /// Priority values (by key) that have no known rank but enough rows of their own.
    pub priority: Vec<String>,
    /// Frequent channels, by key.
    pub channel: Vec<String>,
    /// Frequent types, by key.
    pub types: Vec<String>,
}

/// The groups forward selection chooses from for an export mapping `roles`, with `levels`.
pub fn role_groups(roles: &[Role], levels: &Levels) -> Vec<Group> {
    let has = |r: Role| roles.contains(&r);
    let mut out = Vec::new();
    for (text, role, noun) in [
        (D, Role::Description, "description"),
        (Text::Subject, Role::Subject, "subject"),
    ] {
        if !has(role) {
            continue;
        }
        out.push(Group::new(
            &format!("tone of the {noun} (TextBlob)"),
            vec![Feature::Polarity(text), Feature::Subjectivity(text)],
        ));
        out.push(Group::new(
            &format!("tone of the {noun} (VADER)"),
            vec![Feature::Vader(text)],
        ));
        if text == D {
            out.push(Group::new(
                "tone of the description (the original project's score)",
                vec![
                    Feature::SeedScore(D),
                    Feature::SeedMagnitude(D),
                    Feature::SeedSign(D),
                ],
            ));
        }
        out.push(Group::new(
            &format!("length of the {noun}"),
            vec![Feature::LogWords(text)],
        ));
    }
    if has(Role::Priority) {
        let mut f = vec![Feature::PriorityRank];
        f.extend(
            levels
                .priority
                .iter()
                .map(|k| Feature::PriorityLevel(k.clone())),
        );
        out.push(Group::new("priority", f));
    }
    if has(Role::Channel) && !levels.channel.is_empty() {
        let mut f: Vec<Feature> = levels
            .channel
            .iter()
            .map(|k| Feature::Channel(k.clone()))
            .collect();
        f.push(Feature::ChannelOther);
        out.push(Group::new("channel", f));
    }
    if has(Role::Type) && !levels.types.is_empty() {
        let mut f: Vec<Feature> = levels
            .types
            .iter()
            .map(|k| Feature::Type(k.clone()))
            .collect();
        f.push(Feature::TypeOther);
        out.push(Group::new("type", f));
    }
    if has(Role::CustomerAge) {
        out.push(Group::new("customer age", vec![Feature::CustomerAge]));
    }
    if has(Role::CreatedAt) {
        out.push(Group::new(
            "hour opened",
            vec![Feature::CreatedHourSin, Feature::CreatedHourCos],
        ));
        out.push(Group::new(
            "weekday opened",
            (0..7).map(Feature::CreatedWeekday).collect(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_the_committed_names_stay() {
        for set in FeatureSet::ALL {
            assert_eq!(FeatureSet::parse(set.name()), Some(set));
        }
        assert_eq!(FeatureSet::parse("seed4"), None);
        let names: Vec<String> = FeatureSet::Improved
            .features()
            .iter()
            .map(Feature::name)
            .collect();
        assert_eq!(
            names,
            [
                "age",
                "priority_ordinal",
                "s",
                "type_technical_issue",
                "type_billing_inquiry",
                "type_cancellation_request",
                "type_product_inquiry",
                "type_refund_request",
                "magnitude",
                "polarity"
            ]
        );
        let channels: Vec<String> = legacy_candidates()[4]
            .features
            .iter()
            .map(Feature::name)
            .collect();
        assert_eq!(
            channels,
            [
                "channel_email",
                "channel_phone",
                "channel_social_media",
                "channel_chat"
            ]
        );
    }

    #[test]
    fn role_groups_follow_the_mapped_roles() {
        let levels = Levels {
            priority: vec!["-".into()],
            channel: vec!["email".into(), "web".into()],
            types: vec![],
        };
        let groups = role_groups(
            &[
                Role::Description,
                Role::Priority,
                Role::Channel,
                Role::CreatedAt,
            ],
            &levels,
        );
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "tone of the description (TextBlob)",
                "tone of the description (VADER)",
                "tone of the description (the original project's score)",
                "length of the description",
                "priority",
                "channel",
                "hour opened",
                "weekday opened",
            ]
        );
        assert_eq!(
            groups[4].features,
            [Feature::PriorityRank, Feature::PriorityLevel("-".into())]
        );
        assert_eq!(groups[5].features.last(), Some(&Feature::ChannelOther));
    }
}
