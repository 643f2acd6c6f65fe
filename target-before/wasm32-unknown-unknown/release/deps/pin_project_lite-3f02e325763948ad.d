/work/main/target-before/wasm32-unknown-unknown/release/deps/pin_project_lite-3f02e325763948ad.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.18/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libpin_project_lite-3f02e325763948ad.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.18/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libpin_project_lite-3f02e325763948ad.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.18/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.18/src/lib.rs:
