// `npm run dev:dossier-stub`: a stand-in for the province's one-stop system on 127.0.0.1:8789, so
// that `npm start` shows the whole dossier status lookup without any real upstream (README,
// "Dossier status lookup"). On first use it adds the lookup's settings to .dev.vars (gitignored,
// read by `wrangler dev`): restart `npm start` after that.
//
//   npm run dev:dossier-stub                     iGate shape (default), port 8789
//   npm run dev:dossier-stub -- --dvcqg          DVCQG/LGSP shape
//   npm run dev:dossier-stub -- --port 8790
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDossierStub } from './lib/dossier-stub.ts';
import { ROOT } from './lib/paths.ts';
import { readVar } from './start-local.ts';

const args = process.argv.slice(2);
const kind = args.includes('--dvcqg') ? 'dvcqg' : 'igate';
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 8789;

const stub = await startDossierStub({ port, log: (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`) });
const vars: Record<string, string> = { ...stub.vars(kind), DOSSIER_SECRET: randomBytes(24).toString('base64url') };

const devVars = join(ROOT, '.dev.vars');
const text = existsSync(devVars) ? readFileSync(devVars, 'utf8') : '';
const current = readVar(text, 'DOSSIER_CONNECTOR');
if (current === null) {
  const lines = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  const header = text ? (text.endsWith('\n') ? '' : '\n') : '# Local secrets for `wrangler dev` (gitignored).\n';
  writeFileSync(devVars, `${text}${header}# Dossier status lookup against the stand-in of \`npm run dev:dossier-stub\` (delete these lines to turn it off).\n${lines.join('\n')}\n`);
  chmodSync(devVars, 0o600);
  console.log(`.dev.vars: the dossier lookup now points at this stand-in (${kind}). Restart \`npm start\` if it is running.`);
} else if (readVar(text, 'DOSSIER_API_BASE') !== vars.DOSSIER_API_BASE) {
  console.log(`.dev.vars already sets DOSSIER_CONNECTOR=${current} with DOSSIER_API_BASE=${readVar(text, 'DOSSIER_API_BASE')}; this stand-in is ${vars.DOSSIER_API_BASE}. Edit or delete those lines to use it.`);
}

const codes =
  kind === 'igate'
    ? ['000.00.21.H12-240101-0001 (đang xử lý, quá hạn)', '000.00.21.H12-261120-0105 (yêu cầu bổ sung)', '000.00.21.H12-261120-0110 (đã trả kết quả qua bưu chính)']
    : ['000.00.15.H12-240315-0001 (đang xử lý, quá hạn)', '000.00.15.H12-261118-0205 (yêu cầu bổ sung)', '000.00.15.H12-261118-0210 (đã trả kết quả)'];
console.log(`Hệ thống một cửa giả lập (${kind}) tại ${stub.origin}.`);
console.log(`Thử trong widget (http://localhost:8787/): "tra cứu hồ sơ <mã>", rồi 4 số cuối CCCD: ${kind === 'igate' ? '1234 (hoặc số điện thoại: 5678)' : '1234 (hoặc 5678)'}.`);
for (const c of codes) console.log(`  ${c}`);
console.log('Ctrl+C để dừng.');

const stop = () => {
  void stub.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
