// The configuration is read once (worker/config.ts): every default in one place, and a wrong value
// named with what is wrong with it, never replaced by a default in silence.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../worker/config';

function config(env: Record<string, string | undefined>): Config {
  const result = parseConfig(env);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.config;
}

function problems(env: Record<string, string | undefined>): string[] {
  const result = parseConfig(env);
  return result.ok ? [] : result.problems;
}

describe('configuration', () => {
  it('has a default for every setting a deployment may leave empty or unset', () => {
    for (const c of [config({}), config({ CENTRE_NAME: '', RATE_LIMIT_IP_PER_MIN: ' ', PROVINCE: '', PUBLIC_BASE_URL: '', ALLOWED_ORIGINS: '' })]) {
      expect(c.centre).toEqual({ name: 'Trung tâm Phục vụ hành chính công', hotline: '1900 0000', address: 'Trung tâm Phục vụ hành chính công tỉnh/thành phố' });
      expect(c.province).toBeNull();
      expect(c.submitUrlTemplate).toBeNull();
      expect(c.publicBaseUrl).toBeNull();
      expect(c.rateLimit).toEqual({ ipPerMin: 60, sessionPerMin: 20 });
      expect(c.sessionTtlSeconds).toBe(1800);
      expect(c.cache).toEqual({ answers: 500, search: 500 });
      expect(c.allowedOrigins).toEqual([]);
      expect(c.zalo.apiBase).toBe('https://openapi.zalo.me');
      expect(c.zalo.oauthBase).toBe('https://oauth.zaloapp.com');
      expect(c.messenger.apiBase).toBe('https://graph.facebook.com/v21.0');
      expect(c.staff).toEqual({ mode: 'token', token: null });
      expect(c.dossier).toMatchObject({ connector: '', lookupsPerHour: 10, timeoutMs: 5000, lookupUrl: null });
    }
  });

  it('reads the numbers as whole numbers, 0 included (limits and caches off)', () => {
    const c = config({ RATE_LIMIT_IP_PER_MIN: ' 20 ', RATE_LIMIT_SESSION_PER_MIN: '0', ANSWER_CACHE_SIZE: '0', SEARCH_CACHE_SIZE: '1000', SESSION_TTL_SECONDS: '60', DOSSIER_LOOKUPS_PER_HOUR: '0', DOSSIER_TIMEOUT_MS: '1000' });
    expect(c.rateLimit).toEqual({ ipPerMin: 20, sessionPerMin: 0 });
    expect(c.cache).toEqual({ answers: 0, search: 1000 });
    expect(c.sessionTtlSeconds).toBe(60);
    expect(c.dossier.lookupsPerHour).toBe(0);
    expect(c.dossier.timeoutMs).toBe(1000);
  });

  it.each(['abc', '-5', '1.5', '1e3', '99999999999999999999', '12 per minute'])('refuses RATE_LIMIT_IP_PER_MIN=%s, naming the setting', (value) => {
    expect(problems({ RATE_LIMIT_IP_PER_MIN: value })).toEqual([`RATE_LIMIT_IP_PER_MIN must be a whole number (0 or more), not "${value}"`]);
  });

  it('refuses every wrong number, each by name, all at once', () => {
    const found = problems({ RATE_LIMIT_SESSION_PER_MIN: 'many', ANSWER_CACHE_SIZE: 'lots', SEARCH_CACHE_SIZE: '-1', SESSION_TTL_SECONDS: '30', DOSSIER_LOOKUPS_PER_HOUR: 'x', DOSSIER_TIMEOUT_MS: '0' });
    expect(found).toEqual([
      'RATE_LIMIT_SESSION_PER_MIN must be a whole number (0 or more), not "many"',
      'SESSION_TTL_SECONDS must be a whole number of at least 60, not "30"',
      'ANSWER_CACHE_SIZE must be a whole number (0 or more), not "lots"',
      'SEARCH_CACHE_SIZE must be a whole number (0 or more), not "-1"',
      'DOSSIER_LOOKUPS_PER_HOUR must be a whole number (0 or more), not "x"',
      'DOSSIER_TIMEOUT_MS must be a whole number of at least 1, not "0"',
    ]);
  });

  it('takes PUBLIC_BASE_URL only as an http(s) URL without query or fragment, trailing slashes dropped', () => {
    expect(config({ PUBLIC_BASE_URL: 'https://tthc.example.gov.vn/' }).publicBaseUrl).toBe('https://tthc.example.gov.vn');
    expect(config({ PUBLIC_BASE_URL: 'https://portal.example.gov.vn/tthc//' }).publicBaseUrl).toBe('https://portal.example.gov.vn/tthc');
    for (const bad of ['javascript:alert(1)', 'tthc.example.gov.vn', 'https://tthc.example.gov.vn/?a=1', 'https://tthc.example.gov.vn/#x']) {
      expect(problems({ PUBLIC_BASE_URL: bad })).toEqual([`PUBLIC_BASE_URL must be an http(s) URL without query or fragment, not "${bad}"`]);
    }
    expect(problems({ ZALO_API_BASE: 'openapi.zalo.me' })[0]).toMatch(/^ZALO_API_BASE must be an http\(s\) URL/u);
  });

  it('reads ALLOWED_ORIGINS as origins (spaces, trailing slashes, paths) and refuses what is no http(s) origin', () => {
    expect(config({ ALLOWED_ORIGINS: ' https://dichvucong.hanoi.gov.vn/ , https://www.example.gov.vn/path,,' }).allowedOrigins).toEqual([
      'https://dichvucong.hanoi.gov.vn',
      'https://www.example.gov.vn',
    ]);
    expect(problems({ ALLOWED_ORIGINS: 'https://a.gov.vn, dichvucong.gov.vn' })).toEqual(['ALLOWED_ORIGINS lists "dichvucong.gov.vn", which is no http(s) origin']);
  });

  it('keeps the staff console and the dossier lookup off, not broken, when their settings are missing', () => {
    expect(config({ STAFF_TOKEN: 'short' }).staff).toEqual({ mode: 'token', token: null });
    expect(config({ STAFF_TOKEN: ' 0123456789abcdef ' }).staff).toEqual({ mode: 'token', token: '0123456789abcdef' });
    expect(config({ STAFF_AUTH: 'Access', ACCESS_AUD: 'aud' }).staff).toEqual({ mode: 'access', access: null });
    expect(config({ STAFF_AUTH: 'none' }).staff).toEqual({ mode: 'invalid' });
    expect(config({ DOSSIER_CONNECTOR: ' IGATE ', DOSSIER_API_BASE: 'https://igate.example/api/', DOSSIER_AUTH_PATH: 'auth' }).dossier).toMatchObject({
      connector: 'igate',
      apiBase: 'https://igate.example/api',
      authPath: '/auth',
    });
  });

  it('never quotes a secret in what it reports', () => {
    const secret = 'do-not-print-this-secret-0123456789';
    const found = problems({ STAFF_TOKEN: secret, DOSSIER_SECRET: secret, ZALO_APP_SECRET: secret, RATE_LIMIT_IP_PER_MIN: 'abc' });
    expect(found).toHaveLength(1);
    expect(found.join(' ')).not.toContain(secret);
  });
});
