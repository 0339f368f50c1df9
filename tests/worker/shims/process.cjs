// `require("node:process")` for CommonJS dependencies loaded by vitest-pool-workers: its list of
// workerd built-ins (0.15.1) lacks node:process, so the module is the runtime's global process.
module.exports = globalThis.process;
