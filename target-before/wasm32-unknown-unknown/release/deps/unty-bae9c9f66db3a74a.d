/work/main/target-before/wasm32-unknown-unknown/release/deps/unty-bae9c9f66db3a74a.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/unty-0.0.4/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libunty-bae9c9f66db3a74a.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/unty-0.0.4/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libunty-bae9c9f66db3a74a.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/unty-0.0.4/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/unty-0.0.4/src/lib.rs:
