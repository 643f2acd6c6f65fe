//! A ticket handed over as named fields (a JS object from the page or the widget, a JSON
//! object): values read by role name, or by the header the model's schema maps the role to.

use std::collections::BTreeMap;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::export::time;
use crate::model::artifact::Model;
use crate::ticket::{self, Role, Ticket};
use crate::{Error, Result};

/// One field of a ticket handed over by the page: what a JS value can be, without pulling a
/// JSON library into the module.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// `null` or `undefined`.
    Null,
    /// An object or an array.
    Nested,
}

impl std::fmt::Display for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Text(t) => write!(f, "{t:?}"),
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Null => f.write_str("null"),
            FieldValue::Nested => f.write_str("an object or array"),
        }
    }
}

impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a ticket field value")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Text(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<FieldValue, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FieldValue::Nested)
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<FieldValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FieldValue::Nested)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A ticket's fields by name, as the page or a CSV row names them.
pub type Fields = BTreeMap<String, FieldValue>;

/// The value of `role` in `fields`: by its name, an alias, or the model's header for it.
fn lookup<'a>(fields: &'a Fields, role: Role, model: &Model) -> Option<&'a FieldValue> {
    let alias: &[&str] = match role {
        Role::CustomerAge => &["age"],
        Role::Type => &["ticketType", "ticket_type"],
        Role::CreatedAt => &["createdAt"],
        _ => &[],
    };
    fields
        .get(role.name())
        .or_else(|| alias.iter().find_map(|a| fields.get(*a)))
        .or_else(|| {
            let header = model.artifact().schema.mapping.get(role)?;
            fields.get(header)
        })
}

/// A field error naming the role.
pub fn input_error(field: &str, message: impl Into<String>) -> Error {
    Error::Input {
        field: field.into(),
        message: message.into(),
    }
}

/// A number given as a JSON number or a numeric string.
fn number(field: &str, value: &FieldValue) -> Result<f64> {
    let n = match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(s) => s.trim().parse().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite())
        .ok_or_else(|| input_error(field, format!("{value} is not a number")))
}

fn text(field: &str, value: Option<&FieldValue>) -> Result<String> {
    match value {
        None | Some(FieldValue::Null) => Ok(String::new()),
        Some(FieldValue::Text(s)) => Ok(s.clone()),
        Some(FieldValue::Number(n)) if field == "id" => Ok(n.to_string()),
        Some(other) => Err(input_error(field, format!("{other} is not text"))),
    }
}

/// The ticket `fields` describe, with the values `model` reads (others are ignored). A text
/// role left out is empty; a priority left out counts as unknown; a customer age or creation
/// time (RFC 3339, with the offset of the clock the hour and weekday are read on) the model
/// reads must be given.
pub fn ticket_from_fields(fields: &Fields, model: &Model) -> Result<Ticket> {
    let get = |role: Role| lookup(fields, role, model);
    let optional = |role: Role| -> Result<Option<String>> {
        let s = text(role.name(), get(role))?;
        let s = s.trim();
        Ok((!s.is_empty()).then(|| s.to_string()))
    };
    let mut t = Ticket {
        id: text("id", get(Role::Id))?.trim().to_string(),
        description: text("description", get(Role::Description))?,
        subject: text("subject", get(Role::Subject))?,
        priority: optional(Role::Priority)?,
        channel: text("channel", get(Role::Channel))?.trim().into(),
        ticket_type: text("type", get(Role::Type))?.trim().into(),
        ..Ticket::default()
    };
    let roles = model.roles();
    if roles.contains(&Role::CustomerAge) {
        let age = get(Role::CustomerAge).ok_or_else(|| input_error("customer_age", "missing"))?;
        t.customer_age = Some(
            ticket::check_age(number("customer_age", age)?)
                .map_err(|m| input_error("customer_age", m))?,
        );
    }
    if roles.contains(&Role::CreatedAt) {
        let value = text("created_at", get(Role::CreatedAt))?;
        if value.trim().is_empty() {
            return Err(input_error(
                "created_at",
                "missing (the model reads the hour and the weekday the ticket was opened)",
            ));
        }
        t.created_at = Some(time::parse_rfc3339(&value).ok_or_else(|| {
            input_error(
                "created_at",
                format!(
                    "'{value}' is not an RFC 3339 time with its offset, such as \
                     2024-03-05T14:22:11+01:00"
                ),
            )
        })?);
    }
    Ok(t)
}
