// An optional dependency that is not installed (e.g. node-fetch's "encoding"): an empty module,
// so the `require` inside the dependency's try/catch behaves as in Node without logging errors.
module.exports = {};
