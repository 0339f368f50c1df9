// npm run short-answers [-- --write]
// How answers are sent on Zalo (messages of at most 2,000 characters), full and in their short form,
// for every detailed procedure of the catalog and the aspects asked most (documents, fees, times,
// steps): messages per answer, before and after, and the longest answers (the procedures with the
// most components). --write stores those in tests/fixtures/longest-answers.json, which the channel
// tests send through Zalo, Messenger and Bot Framework.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChat } from './lib/chat.ts';
import { ROOT } from './lib/paths.ts';
import { progress } from './lib/progress.ts';
import { longestProcedures, measure, QUESTIONS, type Sent } from './lib/short-answers.ts';

export const LONGEST = 8;
const { chat, catalog } = loadChat();
const detailed = [...catalog.values()].filter((p) => p.detail);
const aspects = Object.keys(QUESTIONS) as (keyof typeof QUESTIONS)[];
const rows: Sent[] = [];
const bar = progress('answers', detailed.length * aspects.length);
for (const p of detailed) {
  for (const aspect of aspects) {
    rows.push(await measure(chat, p.code, aspect));
    bar.tick();
  }
}
bar.done();

const histogram = (counts: number[]) => {
  const h = new Map<number, number>();
  for (const c of counts) h.set(c, (h.get(c) ?? 0) + 1);
  return [...h.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`).join(', ');
};
console.log(`Zalo messages per answer, ${detailed.length} detailed procedures × ${aspects.join(', ')} (${rows.length} answers)\n`);
for (const aspect of aspects) {
  const of = rows.filter((r) => r.aspect === aspect);
  console.log(`${aspect.padEnd(11)} full  ${histogram(of.map((r) => r.full.length))}`);
  console.log(`${''.padEnd(11)} short ${histogram(of.map((r) => r.short.length))}`);
}
const over = rows.filter((r) => r.short.length > 2 || r.short.some((n) => n > 2000));
const unlinked = rows.filter((r) => !r.linked);
const chars = (r: Sent, k: 'full' | 'short') => r[k].reduce((a, b) => a + b, 0);
console.log(`\nshort answers over 2 messages or 2,000 characters: ${over.length}; without the page link: ${unlinked.length}`);
const docs = rows.filter((r) => r.aspect === 'components');
const avg = (k: 'full' | 'short') => Math.round(docs.reduce((n, r) => n + chars(r, k), 0) / docs.length);
console.log(`documents answers: ${avg('full')} characters on average full, ${avg('short')} short; longest full ${Math.max(...docs.map((r) => chars(r, 'full')))}, short ${Math.max(...docs.map((r) => chars(r, 'short')))}`);

const longest = longestProcedures([...catalog.values()], LONGEST);
console.log('\nThe longest answers (most components):');
for (const l of longest) {
  const r = docs.find((x) => x.code === l.code)!;
  console.log(`  ${l.code} ${String(l.components).padStart(3)} components: full ${r.full.length} messages (${chars(r, 'full')} chars), short ${r.short.length} (${r.short.join(' + ')})  ${l.name.slice(0, 70)}`);
}
if (process.argv.includes('--write')) {
  const file = join(ROOT, 'tests', 'fixtures', 'longest-answers.json');
  writeFileSync(file, `${JSON.stringify({ note: 'Written by `npm run short-answers -- --write`: the detailed procedures with the most components (sub-items included).', procedures: longest }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
if (over.length || unlinked.length) process.exitCode = 1;
