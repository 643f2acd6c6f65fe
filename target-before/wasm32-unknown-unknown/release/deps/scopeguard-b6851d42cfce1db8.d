/work/main/target-before/wasm32-unknown-unknown/release/deps/scopeguard-b6851d42cfce1db8.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/scopeguard-1.2.0/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libscopeguard-b6851d42cfce1db8.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/scopeguard-1.2.0/src/lib.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libscopeguard-b6851d42cfce1db8.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/scopeguard-1.2.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/scopeguard-1.2.0/src/lib.rs:
