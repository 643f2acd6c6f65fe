/work/main/target-before/wasm32-unknown-unknown/release/deps/plotters_svg-5fd35c848f1ca100.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/svg.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libplotters_svg-5fd35c848f1ca100.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/svg.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libplotters_svg-5fd35c848f1ca100.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/svg.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/lib.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-svg-0.3.7/src/svg.rs:
