/work/main/target-before/wasm32-unknown-unknown/release/deps/plotters_canvas-b8be43cc0279f41e.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libplotters_canvas-b8be43cc0279f41e.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libplotters_canvas-b8be43cc0279f41e.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs:
