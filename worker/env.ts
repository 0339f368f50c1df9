/** Bindings and configuration of the worker (wrangler.toml [vars], secrets, bindings). */
export interface Env {
  ASSETS: Fetcher;
  PROVINCE?: string;
}

export type AppEnv = { Bindings: Env };
