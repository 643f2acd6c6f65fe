//! The models compiled into the browser modules (`models/seed.bin`, `models/improved.bin`),
//! decoded and validated once.

use std::sync::OnceLock;

use crate::model::artifact::{ArtifactError, Model};
use crate::{Error, Result};

/// The model files compiled into the module.
const BUNDLED: [(&str, &[u8]); 2] = [
    ("seed", include_bytes!("../../models/seed.bin")),
    ("improved", include_bytes!("../../models/improved.bin")),
];

/// The bundled models.
#[derive(Debug)]
pub struct Models {
    models: Vec<Model>,
}

impl Models {
    /// The bundled models (decoded on first use).
    pub fn bundled() -> Result<&'static Models> {
        static MODELS: OnceLock<std::result::Result<Models, ArtifactError>> = OnceLock::new();
        MODELS
            .get_or_init(|| {
                let models = BUNDLED
                    .iter()
                    .map(|(_, bytes)| Model::from_bytes(bytes))
                    .collect::<std::result::Result<_, _>>()?;
                Ok(Models { models })
            })
            .as_ref()
            .map_err(|e| Error::Artifact(e.clone()))
    }

    /// The model named `name` (`seed` or `improved`).
    pub fn get(&self, name: &str) -> Result<&Model> {
        self.models
            .iter()
            .find(|m| m.artifact().name == name)
            .ok_or_else(|| Error::UnknownModel { name: name.into() })
    }

    /// The models' names.
    pub fn names(&self) -> Vec<&str> {
        self.models
            .iter()
            .map(|m| m.artifact().name.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_models_load() {
        let models = Models::bundled().unwrap();
        assert_eq!(models.names(), ["seed", "improved"]);
        assert_eq!(
            models.get("nope").unwrap_err().to_string(),
            "unknown model 'nope' (expected seed or improved)"
        );
    }
}
