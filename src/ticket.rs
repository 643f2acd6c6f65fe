//! A support ticket as the product sees it: the values of its roles (description, status,
//! priority, times, ...), whatever the export called the columns they came from.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// What a column of an export means to the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The ticket's identifier, echoed in predictions.
    Id,
    /// The customer's message: the main text.
    Description,
    /// A short title of the ticket.
    Subject,
    /// The workflow state; the `resolved` target is "status in the resolved set".
    Status,
    /// How urgent the ticket is.
    Priority,
    /// How the ticket arrived (email, phone, chat, ...).
    Channel,
    /// The kind of request (incident, question, refund, ...).
    Type,
    /// When the ticket was opened.
    CreatedAt,
    /// When it was resolved (known only after the outcome: never a feature).
    ResolvedAt,
    /// The customer's age in years.
    CustomerAge,
    /// The customer's rating (known only after the outcome: never a feature).
    Satisfaction,
}

impl Role {
    /// Every role, in the order reports list them.
    pub const ALL: [Role; 11] = [
        Role::Id,
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

    /// The role's name, as the CLI, the JSON reports and the browser API spell it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Description => "description",
            Role::Subject => "subject",
            Role::Status => "status",
            Role::Priority => "priority",
            Role::Channel => "channel",
            Role::Type => "type",
            Role::CreatedAt => "created_at",
            Role::ResolvedAt => "resolved_at",
            Role::CustomerAge => "customer_age",
            Role::Satisfaction => "satisfaction",
        }
    }

    /// The role's name for a person ("Created at").
    pub fn label(self) -> &'static str {
        match self {
            Role::Id => "Ticket ID",
            Role::Description => "Description",
            Role::Subject => "Subject",
            Role::Status => "Status",
            Role::Priority => "Priority",
            Role::Channel => "Channel",
            Role::Type => "Type",
            Role::CreatedAt => "Created at",
            Role::ResolvedAt => "Resolved at",
            Role::CustomerAge => "Customer age",
            Role::Satisfaction => "Satisfaction",
        }
    }

    /// The role named `name` (also accepting `age` for [`Role::CustomerAge`]).
    pub fn parse(name: &str) -> Option<Role> {
        let name = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match name.as_str() {
            "age" => Some(Role::CustomerAge),
            _ => Role::ALL.into_iter().find(|r| r.name() == name),
        }
    }

    /// Whether the role is known only once the outcome is, so that using it as a feature would
    /// leak the answer.
    pub fn leaks_outcome(self) -> bool {
        matches!(self, Role::Status | Role::ResolvedAt | Role::Satisfaction)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One ticket: the value of every role its export maps, trimmed; text roles are empty and the
/// others `None` when the export has no such column or the cell is empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// The id as written, or the 1-based row number when the export has no id column.
    pub id: String,
    /// The description (may be empty).
    pub description: String,
    /// The subject (may be empty).
    pub subject: String,
    /// The status as written.
    pub status: Option<String>,
    /// The priority as written.
    pub priority: Option<String>,
    /// The channel as written (empty when none).
    pub channel: String,
    /// The type as written (empty when none).
    pub ticket_type: String,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was resolved.
    pub resolved_at: Option<Timestamp>,
    /// The customer's age, whole years from 0 to 120.
    pub customer_age: Option<f64>,
    /// The satisfaction rating as written.
    pub satisfaction: Option<String>,
}

/// Checks that `age` is a whole number of years from 0 to 120.
pub fn check_age(age: f64) -> Result<f64, String> {
    if (0.0..=120.0).contains(&age) && age.fract() == 0.0 {
        Ok(age)
    } else {
        // Huge values in exponent form, not as hundreds of digits.
        let shown = if age.abs() < 1e16 {
            age.to_string()
        } else {
            format!("{age:e}")
        };
        Err(format!(
            "{shown} is not an age in whole years from 0 to 120"
        ))
    }
}

/// Parses a customer age: a number of whole years from 0 to 120.
pub fn parse_age(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let age: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    check_age(age).map_err(|_| format!("{text} is not an age in whole years from 0 to 120"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_parse_back() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.name()), Some(role));
        }
        assert_eq!(Role::parse("Created At"), Some(Role::CreatedAt));
        assert_eq!(Role::parse("age"), Some(Role::CustomerAge));
        assert_eq!(Role::parse("colour"), None);
    }

    #[test]
    fn ages_are_whole_years() {
        assert_eq!(parse_age(" 42 "), Ok(42.0));
        assert_eq!(parse_age("abc").unwrap_err(), "'abc' is not a number");
        assert_eq!(
            parse_age("-4").unwrap_err(),
            "-4 is not an age in whole years from 0 to 120"
        );
        assert_eq!(
            check_age(1e300).unwrap_err(),
            "1e300 is not an age in whole years from 0 to 120"
        );
        assert!(check_age(f64::NAN).is_err());
    }
}
