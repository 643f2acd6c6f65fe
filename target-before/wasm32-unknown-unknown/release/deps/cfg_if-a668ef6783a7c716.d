/work/main/target-before/wasm32-unknown-unknown/release/deps/cfg_if-a668ef6783a7c716.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libcfg_if-a668ef6783a7c716.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libcfg_if-a668ef6783a7c716.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs:
