/work/main/target-before/release/deps/multiversion_no_op-18e7f740330e6439.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/multiversion_no_op-1.0.0/src/lib.rs

/work/main/target-before/release/deps/libmultiversion_no_op-18e7f740330e6439.so: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/multiversion_no_op-1.0.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/multiversion_no_op-1.0.0/src/lib.rs:
