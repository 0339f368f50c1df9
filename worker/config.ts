// The worker's configuration, read from the environment (wrangler.toml [vars] and secrets) in this
// one place: every setting is validated here with its default, and the rest of the worker receives
// the typed Config (routes read it from the request context, c.var.config, set by
// middleware/config.ts). A value that is there but wrong — RATE_LIMIT_IP_PER_MIN=abc, a
// PUBLIC_BASE_URL that is no http(s) URL — is never replaced by a default in silence: the worker
// logs which setting is wrong and why, and answers 503 with a Vietnamese message until it is fixed.
//
// Empty and unset are the same (wrangler.toml lists every var, most of them empty). Features that
// are off until configured stay off when a setting is missing: a channel without its app id or
// secret, the staff console without its token, the dossier lookup without its connector's settings
// (dossier/config.ts says which are missing, staff/auth.ts refuses with its own message).
import { z } from 'zod';
import type { Env } from './env';
import { httpUrl } from './lib/url';

/** Cloudflare Access (staff console, STAFF_AUTH=access). */
export interface AccessConfig {
  audience: string;
  issuer: string | null;
  jwksUrl: string | null;
  jwksJson: string | null;
}

/** How clerks prove who they are (README, "Staff console"); 'invalid': STAFF_AUTH is neither mode. */
export type StaffAuthConfig = { mode: 'token'; token: string | null } | { mode: 'access'; access: AccessConfig | null } | { mode: 'invalid' };

/** STAFF_TOKEN shorter than this is no token: the console stays closed. */
export const MIN_STAFF_TOKEN_LENGTH = 16;

/** The dossier lookup's settings as given; dossier/config.ts decides which connector they make. */
export interface DossierSettings {
  connector: string;
  apiBase: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  authPath: string;
  sharePath: string;
  madonvi: string;
  username: string;
  password: string;
  secret: string;
  lookupsPerHour: number;
  timeoutMs: number;
  lookupUrl: string | null;
  /** DOSSIER_STATUS_MAP as written (JSON); dossier/status.ts reads it. */
  statusMap: string;
}

export interface Config {
  /** The province this deployment serves; null = the whole national catalog. */
  province: string | null;
  centre: { name: string; hotline: string; address: string };
  /** "Nộp hồ sơ trực tuyến" link with {code} and {portalId}; null = the national portal's page. */
  submitUrlTemplate: string | null;
  /** Where the public procedure pages are reached (no trailing slash); null = the request's origin. */
  publicBaseUrl: string | null;
  /** Requests per minute; 0 = no limit. */
  rateLimit: { ipPerMin: number; sessionPerMin: number };
  sessionTtlSeconds: number;
  /** Per-isolate LRU entries; 0 = off. */
  cache: { answers: number; search: number };
  /** Portal origins allowed to call the public API from a browser; empty = any. */
  allowedOrigins: string[];
  zalo: { appId: string; oaSecretKey: string; appSecret: string; accessToken: string; refreshToken: string; apiBase: string; oauthBase: string };
  messenger: { appSecret: string; verifyToken: string; pageToken: string; apiBase: string };
  botframework: { appId: string; appPassword: string; tenantId: string | null; openIdMetadataUrl: string | null; oauthUrl: string | null };
  staff: StaffAuthConfig;
  dossier: DossierSettings;
}

// ---------------------------------------------------------------------------------------------
// Kinds of setting, each with its default

/** A setting as written: trimmed; unset = ''. */
const setting = z
  .string()
  .optional()
  .transform((v) => v?.trim() ?? '');

const text = (fallback: string) => setting.transform((v) => v || fallback);
const optionalText = setting.transform((v) => v || null);

/** A whole number ≥ min, or the default when empty. */
const count = (fallback: number, min = 0) =>
  setting.transform((v, ctx) => {
    if (!v) return fallback;
    const n = Number(v);
    if (/^\d+$/u.test(v) && Number.isSafeInteger(n) && n >= min) return n;
    ctx.addIssue({ code: 'custom', message: `must be a whole number${min > 0 ? ` of at least ${min}` : ' (0 or more)'}, not "${v}"` });
    return z.NEVER;
  });

/** An absolute http(s) URL without query or fragment, trailing slashes dropped; null when empty. */
const baseUrl = setting.transform((v, ctx) => {
  if (!v) return null;
  const url = httpUrl(v);
  if (url && !new URL(url).search && !new URL(url).hash) return url.replace(/\/+$/u, '');
  ctx.addIssue({ code: 'custom', message: `must be an http(s) URL without query or fragment, not "${v.slice(0, 80)}"` });
  return z.NEVER;
});
const baseUrlOr = (fallback: string) => baseUrl.transform((v) => v ?? fallback);

/** "https://a.gov.vn, https://b.gov.vn/" → their origins. */
const origins = setting.transform((v, ctx) => {
  const out: string[] = [];
  for (const entry of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const url = httpUrl(entry);
    if (url) out.push(new URL(url).origin);
    else ctx.addIssue({ code: 'custom', message: `lists "${entry.slice(0, 80)}", which is no http(s) origin` });
  }
  return out;
});

const centreName = 'Trung tâm Phục vụ hành chính công';

const envSchema = z.object({
  PROVINCE: optionalText,
  CENTRE_NAME: text(centreName),
  CENTRE_HOTLINE: text('1900 0000'),
  CENTRE_ADDRESS: text(`${centreName} tỉnh/thành phố`),
  SUBMIT_URL_TEMPLATE: optionalText,
  PUBLIC_BASE_URL: baseUrl,
  RATE_LIMIT_IP_PER_MIN: count(60),
  RATE_LIMIT_SESSION_PER_MIN: count(20),
  // KV keeps nothing for less than 60 s.
  SESSION_TTL_SECONDS: count(1800, 60),
  ANSWER_CACHE_SIZE: count(500),
  SEARCH_CACHE_SIZE: count(500),
  ALLOWED_ORIGINS: origins,
  ZALO_APP_ID: setting,
  ZALO_OA_SECRET_KEY: setting,
  ZALO_APP_SECRET: setting,
  ZALO_ACCESS_TOKEN: setting,
  ZALO_REFRESH_TOKEN: setting,
  ZALO_API_BASE: baseUrlOr('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: baseUrlOr('https://oauth.zaloapp.com'),
  MESSENGER_APP_SECRET: setting,
  MESSENGER_VERIFY_TOKEN: setting,
  MESSENGER_PAGE_TOKEN: setting,
  MESSENGER_API_BASE: baseUrlOr('https://graph.facebook.com/v21.0'),
  MICROSOFT_APP_ID: setting,
  MICROSOFT_APP_PASSWORD: setting,
  MICROSOFT_APP_TENANT_ID: optionalText,
  BOTFRAMEWORK_OPENID_METADATA_URL: baseUrl,
  BOTFRAMEWORK_OAUTH_URL: baseUrl,
  STAFF_AUTH: setting.transform((v) => v.toLowerCase() || 'token'),
  STAFF_TOKEN: setting,
  ACCESS_AUD: setting,
  ACCESS_ISSUER: optionalText,
  ACCESS_JWKS_URL: baseUrl,
  ACCESS_JWKS_JSON: optionalText,
  DOSSIER_CONNECTOR: setting.transform((v) => v.toLowerCase()),
  DOSSIER_API_BASE: setting.transform((v) => v.replace(/\/+$/u, '')),
  DOSSIER_TOKEN_URL: setting,
  DOSSIER_CLIENT_ID: setting,
  DOSSIER_CLIENT_SECRET: setting,
  DOSSIER_AUTH_PATH: setting.transform((v) => (v && !v.startsWith('/') ? `/${v}` : v)),
  DOSSIER_SHARE_PATH: setting.transform((v) => (v && !v.startsWith('/') ? `/${v}` : v)),
  DOSSIER_MADONVI: setting,
  DOSSIER_USERNAME: setting,
  DOSSIER_PASSWORD: setting,
  DOSSIER_SECRET: setting,
  DOSSIER_LOOKUPS_PER_HOUR: count(10),
  DOSSIER_TIMEOUT_MS: count(5000, 1),
  DOSSIER_LOOKUP_URL: optionalText,
  DOSSIER_STATUS_MAP: setting,
});

type Settings = z.infer<typeof envSchema>;

function staffAuth(s: Settings): StaffAuthConfig {
  if (s.STAFF_AUTH === 'token') return { mode: 'token', token: s.STAFF_TOKEN.length >= MIN_STAFF_TOKEN_LENGTH ? s.STAFF_TOKEN : null };
  if (s.STAFF_AUTH === 'access') {
    const access: AccessConfig = { audience: s.ACCESS_AUD, issuer: s.ACCESS_ISSUER, jwksUrl: s.ACCESS_JWKS_URL, jwksJson: s.ACCESS_JWKS_JSON };
    const usable = Boolean(access.audience) && Boolean(access.jwksJson || access.jwksUrl || access.issuer);
    return { mode: 'access', access: usable ? access : null };
  }
  return { mode: 'invalid' };
}

function toConfig(s: Settings): Config {
  return {
    province: s.PROVINCE,
    centre: { name: s.CENTRE_NAME, hotline: s.CENTRE_HOTLINE, address: s.CENTRE_ADDRESS },
    submitUrlTemplate: s.SUBMIT_URL_TEMPLATE,
    publicBaseUrl: s.PUBLIC_BASE_URL,
    rateLimit: { ipPerMin: s.RATE_LIMIT_IP_PER_MIN, sessionPerMin: s.RATE_LIMIT_SESSION_PER_MIN },
    sessionTtlSeconds: s.SESSION_TTL_SECONDS,
    cache: { answers: s.ANSWER_CACHE_SIZE, search: s.SEARCH_CACHE_SIZE },
    allowedOrigins: s.ALLOWED_ORIGINS,
    zalo: {
      appId: s.ZALO_APP_ID,
      oaSecretKey: s.ZALO_OA_SECRET_KEY,
      appSecret: s.ZALO_APP_SECRET,
      accessToken: s.ZALO_ACCESS_TOKEN,
      refreshToken: s.ZALO_REFRESH_TOKEN,
      apiBase: s.ZALO_API_BASE,
      oauthBase: s.ZALO_OAUTH_BASE,
    },
    messenger: { appSecret: s.MESSENGER_APP_SECRET, verifyToken: s.MESSENGER_VERIFY_TOKEN, pageToken: s.MESSENGER_PAGE_TOKEN, apiBase: s.MESSENGER_API_BASE },
    botframework: {
      appId: s.MICROSOFT_APP_ID,
      appPassword: s.MICROSOFT_APP_PASSWORD,
      tenantId: s.MICROSOFT_APP_TENANT_ID,
      openIdMetadataUrl: s.BOTFRAMEWORK_OPENID_METADATA_URL,
      oauthUrl: s.BOTFRAMEWORK_OAUTH_URL,
    },
    staff: staffAuth(s),
    dossier: {
      connector: s.DOSSIER_CONNECTOR,
      apiBase: s.DOSSIER_API_BASE,
      tokenUrl: s.DOSSIER_TOKEN_URL,
      clientId: s.DOSSIER_CLIENT_ID,
      clientSecret: s.DOSSIER_CLIENT_SECRET,
      authPath: s.DOSSIER_AUTH_PATH,
      sharePath: s.DOSSIER_SHARE_PATH,
      madonvi: s.DOSSIER_MADONVI,
      username: s.DOSSIER_USERNAME,
      password: s.DOSSIER_PASSWORD,
      secret: s.DOSSIER_SECRET,
      lookupsPerHour: s.DOSSIER_LOOKUPS_PER_HOUR,
      timeoutMs: s.DOSSIER_TIMEOUT_MS,
      lookupUrl: s.DOSSIER_LOOKUP_URL,
      statusMap: s.DOSSIER_STATUS_MAP,
    },
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Every wrong setting, by name ("RATE_LIMIT_IP_PER_MIN must be a whole number (0 or more), not "abc""); never a secret's value. */
export function parseConfig(env: object): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: toConfig(parsed.data) };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'configuration');
      // A setting that is not a string (a binding under a var's name) has zod's own message.
      return `${name} ${i.code === 'custom' ? i.message : 'must be a string'}`;
    }),
  };
}

/** The environment an isolate runs with is one object: parsed once per object. */
const parsedEnvs = new WeakMap<object, ConfigResult>();

export function configOf(env: Env): ConfigResult {
  let result = parsedEnvs.get(env);
  if (!result) {
    result = parseConfig(env);
    parsedEnvs.set(env, result);
  }
  return result;
}
