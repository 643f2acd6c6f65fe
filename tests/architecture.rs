//! The module dependency rules of `docs/ARCHITECTURE.md`, checked against the code: every
//! `crate::` path in `src/` must name a module its own module's row allows, and the predictor's
//! modules must not reach the export reader, training or the dashboard.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Paths the predictor's modules must not use (the reader, detection, training, the dashboard).
const PREDICTOR_MUST_NOT: [&str; 9] = [
    "export::csv",
    "export::decode",
    "export::layout",
    "export::read",
    "inspect",
    "train",
    "analysis",
    "charts",
    "dashboard",
];

/// The rules table: module → the modules it may use (`None`: any).
fn rules() -> BTreeMap<String, Option<BTreeSet<String>>> {
    let doc = std::fs::read_to_string(format!("{ROOT}/docs/ARCHITECTURE.md")).unwrap();
    let mut out = BTreeMap::new();
    for line in doc.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [module, _job, uses] = cells[..] else {
            panic!("a rules row has 3 cells: {line}");
        };
        let module = module.trim_matches('`').to_string();
        let uses = match uses {
            "*" => None,
            "—" => Some(BTreeSet::new()),
            list => Some(list.split(',').map(|m| m.trim().to_string()).collect()),
        };
        out.insert(module, uses);
    }
    assert!(
        out.len() > 15,
        "the rules table was not found in docs/ARCHITECTURE.md"
    );
    out
}

/// `text` without comments (line comments, doc comments included, and block comments).
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let code = match line.find("//") {
            // A `//` inside a string literal ("http://…") is not a comment: keep lines whose
            // part before it has an odd number of quotes.
            Some(i) if line[..i].matches('"').count() % 2 == 0 => &line[..i],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every crate path `src` uses: `crate::a::b` gives `a::b`; `crate::{a, b::c}` gives `a`, `b::c`.
fn crate_paths(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut item = String::new();
            let mut depth = 0;
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(path_of(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            out.push(path_of(rest));
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// The module path at the start of `text` (`a::b::C` → `a::b::C`, stopping at anything else).
fn path_of(text: &str) -> String {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end].trim_end_matches(':').to_string()
}

/// The module a source file belongs to: `src/model/artifact.rs` → `model::artifact`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(format!("{ROOT}/src")).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The most specific rule for `module`: its own row, else its parent's, and so on.
fn rule_for<'a>(
    rules: &'a BTreeMap<String, Option<BTreeSet<String>>>,
    module: &str,
) -> Option<(&'a str, &'a Option<BTreeSet<String>>)> {
    let mut m = module.to_string();
    loop {
        if let Some((k, v)) = rules.get_key_value(&m) {
            return Some((k.as_str(), v));
        }
        match m.rfind("::") {
            Some(i) => m.truncate(i),
            None => return None,
        }
    }
}

#[test]
fn every_module_uses_only_what_its_row_allows() {
    let rules = rules();
    let mut files = Vec::new();
    sources(Path::new(&format!("{ROOT}/src")), &mut files);
    let mut violations = Vec::new();
    let mut checked = 0;
    for file in files {
        let module = module_of(&file);
        if matches!(module.as_str(), "lib" | "main" | "error") {
            continue;
        }
        let Some((rule, allowed)) = rule_for(&rules, &module) else {
            violations.push(format!("{module}: no row in docs/ARCHITECTURE.md"));
            continue;
        };
        let top = module.split("::").next().unwrap_or_default();
        let text = code(&std::fs::read_to_string(&file).unwrap());
        for path in crate_paths(&text) {
            let used = path.split("::").next().unwrap_or_default();
            if matches!(used, "Error" | "Result") || used == top {
                continue;
            }
            checked += 1;
            if let Some(allowed) = allowed
                && !allowed.contains(used)
            {
                violations.push(format!("{module} (row {rule}) uses crate::{path}"));
            }
            let predictor = rule == "predict" || rule == "wasm::predictor";
            if predictor
                && PREDICTOR_MUST_NOT
                    .iter()
                    .any(|p| path == *p || path.starts_with(&format!("{p}::")))
            {
                violations.push(format!("{module} (predictor) uses crate::{path}"));
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} crate paths found: the scan is broken"
    );
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_scanner_reads_grouped_imports_and_skips_comments() {
    let src = "use crate::{a, b::c, d::{e, f}};\n// crate::commented\nlet x = crate::g::h(1); // crate::x\n";
    assert_eq!(
        crate_paths(&code(src)),
        ["a", "b::c", "d::", "g::h"].map(|s| s.trim_end_matches(':'))
    );
    assert_eq!(
        module_of(Path::new(&format!("{ROOT}/src/model/mod.rs"))),
        "model"
    );
    assert_eq!(
        module_of(Path::new(&format!("{ROOT}/src/wasm/predictor.rs"))),
        "wasm::predictor"
    );
}
