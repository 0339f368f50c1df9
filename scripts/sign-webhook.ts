// Try the messaging channels locally, without Zalo, Meta or Azure (README, "Messaging channels").
//
//   npx tsx scripts/sign-webhook.ts zalo "đăng ký khai sinh cần giấy tờ gì"
//   npx tsx scripts/sign-webhook.ts messenger "lệ phí đăng ký kết hôn"
//   npx tsx scripts/sign-webhook.ts botframework "xin chào"      (MICROSOFT_APP_ID empty: Emulator mode)
//     prints a ready curl command posting a correctly signed webhook to the local worker.
//     Options: --url http://localhost:8787 (the worker), --user <channel user id>,
//              --stub http://127.0.0.1:8788 (botframework: where the reply goes).
//
//   npx tsx scripts/sign-webhook.ts stub [port]
//     runs a stand-in for the channels' APIs on 127.0.0.1:8788 that prints every reply the worker
//     sends (point ZALO_API_BASE, ZALO_OAUTH_BASE and MESSENGER_API_BASE at it in .dev.vars).
//
// Secrets come from the environment, else from .dev.vars (the file `wrangler dev` reads), never
// from the command line (they would stay in the shell history).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const USAGE = `Usage:
  npx tsx scripts/sign-webhook.ts zalo|messenger|botframework "message text" [--url http://localhost:8787] [--user ID] [--stub http://127.0.0.1:8788]
  npx tsx scripts/sign-webhook.ts stub [port]`;

/** KEY=value lines of .dev.vars (quotes removed, # comments ignored). */
function readDevVars(path = '.dev.vars'): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/u)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/u.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    let value = m[2]!;
    if (/^(["']).*\1$/u.test(value)) value = value.slice(1, -1);
    out[m[1]!] = value;
  }
  return out;
}

const devVars = readDevVars();
function setting(name: string): string | undefined {
  return process.env[name] || devVars[name] || undefined;
}
function required(name: string): string {
  const value = setting(name);
  if (!value) {
    console.error(`${name} is not set: put it in .dev.vars (see the README, "Messaging channels") or in the environment.`);
    process.exit(1);
  }
  return value;
}

/** A shell single-quoted string. */
const shq = (s: string) => `'${s.replace(/'/gu, `'\\''`)}'`;

/** JSON with every non-ASCII character escaped (\u0111), as Meta sends it. */
const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u007f-\uffff]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

function curl(url: string, headers: Record<string, string>, body: string): string {
  const h = Object.entries({ 'Content-Type': 'application/json', ...headers }).map(([k, v]) => `  -H ${shq(`${k}: ${v}`)} \\`);
  return [`curl -i -X POST ${shq(url)} \\`, ...h, `  --data-binary ${shq(body)}`].join('\n');
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

function zalo(text: string, base: string, user: string): string {
  const appId = required('ZALO_APP_ID');
  const secret = required('ZALO_OA_SECRET_KEY');
  const timestamp = String(Date.now());
  const body = JSON.stringify({
    app_id: appId,
    user_id_by_app: user,
    event_name: 'user_send_text',
    timestamp,
    sender: { id: user },
    recipient: { id: '1000000000000000000' },
    message: { text, msg_id: randomUUID().replaceAll('-', '') },
  });
  const mac = createHash('sha256').update(appId + body + timestamp + secret, 'utf8').digest('hex');
  return curl(`${base}/channels/zalo/webhook`, { 'X-ZEvent-Signature': `mac=${mac}` }, body);
}

function messenger(text: string, base: string, user: string): string {
  const secret = required('MESSENGER_APP_SECRET');
  const now = Date.now();
  const body = asciiJson({
    object: 'page',
    entry: [{ id: 'PAGE_ID', time: now, messaging: [{ sender: { id: user }, recipient: { id: 'PAGE_ID' }, timestamp: now, message: { mid: `m_${randomUUID()}`, text } }] }],
  });
  const signature = createHmac('sha256', secret).update(body, 'utf8').digest('hex');
  return curl(`${base}/channels/messenger/webhook`, { 'X-Hub-Signature-256': `sha256=${signature}` }, body);
}

function botframework(text: string, base: string, user: string, stub: string): string {
  if (setting('MICROSOFT_APP_ID')) {
    console.error('MICROSOFT_APP_ID is set: the worker expects a token signed by Bot Framework. Use the Bot Framework Emulator, or unset it for this local test.');
    process.exit(1);
  }
  const body = JSON.stringify({
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: `${stub.replace(/\/+$/u, '')}/bf/`,
    from: { id: user, name: 'Công dân' },
    recipient: { id: 'bot', name: 'Trợ lý thủ tục' },
    conversation: { id: `conv-${user}` },
    locale: 'vi-VN',
    text,
  });
  return curl(`${base}/api/messages`, {}, body);
}

/** A stand-in for the channels' APIs that prints what the worker sends. */
function stub(port: number): void {
  let n = 0;
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://stub').pathname;
      const reply = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Form bodies (token refresh).
      }
      const line = '─'.repeat(72);
      if (path.endsWith('/v3.0/oa/message/cs')) {
        const m = parsed as { recipient?: { user_id?: string }; message?: { text?: string } };
        console.log(`${line}\nZalo → ${m.recipient?.user_id} (${m.message?.text?.length ?? 0} ký tự)\n${m.message?.text ?? raw}`);
        return reply({ error: 0, message: 'Success', data: { message_id: `stub-${++n}` } });
      }
      if (path.endsWith('/v4/oa/access_token')) {
        console.log(`${line}\nZalo token refresh (${new URLSearchParams(raw).get('grant_type')})`);
        return reply({ access_token: `stub-access-${++n}`, refresh_token: `stub-refresh-${n}`, expires_in: '90000' });
      }
      if (path.endsWith('/me/messages')) {
        const m = parsed as { recipient?: { id?: string }; message?: { text?: string; attachment?: { payload?: { text?: string; buttons?: { url: string }[] } }; quick_replies?: { title: string }[] } };
        const text = m.message?.text ?? m.message?.attachment?.payload?.text ?? raw;
        const button = m.message?.attachment?.payload?.buttons?.[0]?.url;
        const quick = m.message?.quick_replies?.map((q) => `[${q.title}]`).join(' ');
        console.log(`${line}\nMessenger → ${m.recipient?.id}\n${text}${button ? `\n[Nút: Nộp hồ sơ trực tuyến → ${button}]` : ''}${quick ? `\n${quick}` : ''}`);
        return reply({ recipient_id: m.recipient?.id, message_id: `mid.stub-${++n}` });
      }
      if (path.includes('/v3/conversations/')) {
        const m = parsed as { text?: string; suggestedActions?: { actions?: { title: string }[] } };
        const actions = m.suggestedActions?.actions?.map((a) => `[${a.title}]`).join(' ');
        console.log(`${line}\nBot Framework (Markdown)\n${m.text ?? raw}${actions ? `\n${actions}` : ''}`);
        return reply({ id: `stub-${++n}` });
      }
      console.log(`${line}\n${req.method} ${req.url} (không nhận dạng được)\n${raw}`);
      reply({});
    });
  }).listen(port, '127.0.0.1', () => {
    console.log(`Stand-in for the channel APIs on http://127.0.0.1:${port} — replies are printed here.`);
    console.log(`.dev.vars: ZALO_API_BASE=http://127.0.0.1:${port}/zalo  ZALO_OAUTH_BASE=http://127.0.0.1:${port}/zalo-oauth  MESSENGER_API_BASE=http://127.0.0.1:${port}/messenger`);
  });
}

const [channel, ...rest] = process.argv.slice(2);
if (channel === 'stub') {
  stub(Number(rest[0] ?? 8788));
} else {
  const text = rest.find((a, i) => !a.startsWith('--') && !(i > 0 && rest[i - 1]!.startsWith('--')));
  if (!channel || !text || !['zalo', 'messenger', 'botframework'].includes(channel)) {
    console.error(USAGE);
    process.exit(2);
  }
  const base = option(rest, '--url', 'http://localhost:8787').replace(/\/+$/u, '');
  const user = option(rest, '--user', channel === 'botframework' ? 'local-user' : '1234567890123456789');
  const stubUrl = option(rest, '--stub', 'http://127.0.0.1:8788');
  if (channel === 'zalo') console.log(zalo(text, base, user));
  else if (channel === 'messenger') console.log(messenger(text, base, user));
  else console.log(botframework(text, base, user, stubUrl));
}
