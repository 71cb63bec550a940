// Public types of classify-sdk: the functions, the client and the wire types (generated
// from the Rust serde types), and the error classes.
export * from "./classify_sdk.js";
export * from "./errors.js";
