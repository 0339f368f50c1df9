// Run by `npm start` (prestart, after the build): makes the staff console usable locally without any
// set-up. wrangler dev reads secrets from .dev.vars (gitignored); when it has no STAFF_TOKEN, one is
// generated (random, 32 characters) and written there. Then it prints how to log in.
//
//   tsx scripts/start-local.ts [--quiet]
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const DEV_VARS = join(ROOT, '.dev.vars');
const PORT = 8787;

/** The value of NAME in a .dev.vars (dotenv syntax: NAME=value, NAME="value"), or null. */
export function readVar(text: string, name: string): string | null {
  for (const line of text.split(/\r?\n/u)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/u.exec(line);
    if (!m || m[1] !== name) continue;
    const v = m[2]!;
    return /^(["']).*\1$/u.test(v) ? v.slice(1, -1) : v;
  }
  return null;
}

export function ensureStaffToken(path = DEV_VARS): { token: string | null; created: boolean; mode: string } {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const mode = (readVar(text, 'STAFF_AUTH') ?? 'token').trim().toLowerCase() || 'token';
  const existing = readVar(text, 'STAFF_TOKEN');
  if (existing && existing.length >= 16) return { token: existing, created: false, mode };
  if (existing) {
    console.warn(`.dev.vars: STAFF_TOKEN is shorter than 16 characters; the staff console refuses it. Replace it or delete the line to get a new one.`);
    return { token: null, created: false, mode };
  }
  const token = randomBytes(24).toString('base64url');
  const header = text ? (text.endsWith('\n') ? '' : '\n') : '# Local secrets for `wrangler dev` (gitignored). Created by scripts/start-local.ts.\n';
  writeFileSync(path, `${text}${header}# Staff console login (http://localhost:${PORT}/staff). Delete the STAFF_TOKEN line to get a new token.\nSTAFF_TOKEN=${token}\n`);
  chmodSync(path, 0o600);
  return { token, created: true, mode };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { token, created, mode } = ensureStaffToken();
  if (mode === 'access') {
    console.log(`Trang cán bộ: http://localhost:${PORT}/staff — chế độ Cloudflare Access (STAFF_AUTH=access trong .dev.vars).`);
  } else if (token) {
    if (created) console.log('.dev.vars: đã tạo mã đăng nhập cán bộ (STAFF_TOKEN) ngẫu nhiên.');
    // npm passes `npm start -- --port N` to wrangler only, not to this prestart step.
    console.log(`Đăng nhập trang cán bộ: http://localhost:${PORT}/staff (cổng mặc định; với \`npm start -- --port N\` thì thay ${PORT} bằng N) — mã: ${token}`);
  }
}
