/work/main/target-before/wasm32-unknown-unknown/release/deps/rawpointer-d140dad79f686cf4.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rawpointer-0.2.1/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/librawpointer-d140dad79f686cf4.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rawpointer-0.2.1/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/librawpointer-d140dad79f686cf4.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rawpointer-0.2.1/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rawpointer-0.2.1/src/lib.rs:
