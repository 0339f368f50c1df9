import type { Config } from './config';

/** Bindings and settings of the worker as the runtime gives them (wrangler.toml [vars], secrets, bindings); config.ts validates the settings once and the worker reads them from its Config. */
export interface Env {
  ASSETS: Fetcher;
  SESSIONS: KVNamespace;
  DB: D1Database;
  PROVINCE?: string;
  CENTRE_NAME?: string;
  CENTRE_HOTLINE?: string;
  CENTRE_ADDRESS?: string;
  SUBMIT_URL_TEMPLATE?: string;
  /**
   * Where the public procedure pages (/thu-tuc/:code) are reached, e.g. https://tthc.example.gov.vn;
   * channels and the widget link to them. Empty = the origin of the request being answered.
   */
  PUBLIC_BASE_URL?: string;
  RATE_LIMIT_IP_PER_MIN?: string;
  RATE_LIMIT_SESSION_PER_MIN?: string;
  SESSION_TTL_SECONDS?: string;
  /** Per-isolate caches of first answers and of search results (entries; 0 = off). */
  ANSWER_CACHE_SIZE?: string;
  SEARCH_CACHE_SIZE?: string;
  ALLOWED_ORIGINS?: string;
  // Zalo Official Account (worker/channels/zalo.ts). No ZALO_APP_ID = channel off (404).
  ZALO_APP_ID?: string;
  ZALO_OA_SECRET_KEY?: string;
  ZALO_APP_SECRET?: string;
  ZALO_ACCESS_TOKEN?: string;
  ZALO_REFRESH_TOKEN?: string;
  ZALO_API_BASE?: string;
  ZALO_OAUTH_BASE?: string;
  // Facebook Messenger (worker/channels/messenger.ts). No MESSENGER_APP_SECRET = channel off (404).
  MESSENGER_APP_SECRET?: string;
  MESSENGER_VERIFY_TOKEN?: string;
  MESSENGER_PAGE_TOKEN?: string;
  MESSENGER_API_BASE?: string;
  // Azure Bot Service / Bot Framework (worker/channels/botframework.ts). No app id = no authentication (Emulator).
  MICROSOFT_APP_ID?: string;
  MICROSOFT_APP_PASSWORD?: string;
  MICROSOFT_APP_TENANT_ID?: string;
  BOTFRAMEWORK_OPENID_METADATA_URL?: string;
  BOTFRAMEWORK_OAUTH_URL?: string;
  // Staff console /staff and /api/staff/* (worker/staff/auth.ts, README "Staff console").
  /** "token" (default): STAFF_TOKEN login and bearer; "access": Cloudflare Access JWT. */
  STAFF_AUTH?: string;
  /** Secret, at least 16 characters (wrangler secret put STAFF_TOKEN; locally .dev.vars). */
  STAFF_TOKEN?: string;
  /** Access application audience (AUD tag); required in "access" mode. */
  ACCESS_AUD?: string;
  /** https://<team>.cloudflareaccess.com; checked against `iss` when set. */
  ACCESS_ISSUER?: string;
  /** The team's signing keys; default <ACCESS_ISSUER>/cdn-cgi/access/certs. */
  ACCESS_JWKS_URL?: string;
  /** The key set itself as JSON, used instead of fetching (tests, air-gapped set-ups). */
  ACCESS_JWKS_JSON?: string;
  // Dossier status lookup (worker/dossier/, README "Dossier status lookup"). Empty connector = off.
  /** "igate" | "dvcqg" | "" (off: the chat says where to look a dossier up). */
  DOSSIER_CONNECTOR?: string;
  /** iGate: the API gateway (…/pa/dossier-search/dvc is under it); DVCQG: the LGSP adapter. */
  DOSSIER_API_BASE?: string;
  /** iGate: the Keycloak token endpoint (…/auth/realms/digo/protocol/openid-connect/token). */
  DOSSIER_TOKEN_URL?: string;
  DOSSIER_CLIENT_ID?: string;
  /** Secret (iGate). */
  DOSSIER_CLIENT_SECRET?: string;
  /** DVCQG: the adapter's session and share paths, and the province's unit code (madonvi). */
  DOSSIER_AUTH_PATH?: string;
  DOSSIER_SHARE_PATH?: string;
  DOSSIER_MADONVI?: string;
  /** Secrets (DVCQG). */
  DOSSIER_USERNAME?: string;
  DOSSIER_PASSWORD?: string;
  /** Secret, 16+ characters: keys the hashes of receipt codes and the sealed flow state. */
  DOSSIER_SECRET?: string;
  /** Lookups per hour per client and per receipt code (default 10). */
  DOSSIER_LOOKUPS_PER_HOUR?: string;
  /** Per upstream request (default 5000). */
  DOSSIER_TIMEOUT_MS?: string;
  /** The province's public lookup page, offered when the feature is off or the upstream is down. */
  DOSSIER_LOOKUP_URL?: string;
  /** JSON {"raw label": 1-10} added to the connector's status table. */
  DOSSIER_STATUS_MAP?: string;
}

/** Routes see the bindings and the configuration parsed from them (config.ts, middleware/config.ts). */
export type AppEnv = { Bindings: Env; Variables: { config: Config } };
