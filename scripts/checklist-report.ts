// npm run checklist-report [-- --sample 20 --seed 13]
// The document lists as checklists, before (as the sources list them) and after (as the ingest
// structured them): the figures the ingest computed (knowledge/ingest-report.json), the same
// figures recomputed on knowledge/procedures.jsonl, and a random sample of the components with
// neither an original nor a copy that the ingest took for notes, for a human to check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Component } from '../worker/catalog/schema.ts';
import { formatFigures, structuredFigures, type ChecklistFigures } from './ingest/checklist-figures.ts';
import { readCatalog } from './lib/catalog.ts';
import { ROOT } from './lib/paths.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(n) ? n : fallback;
};

const figures = z.record(z.string(), z.number()) as unknown as z.ZodType<ChecklistFigures>;
const reportSchema = z.object({
  ingestedAt: z.string(),
  checklist: z.object({
    before: figures,
    after: figures,
    guessed: z.object({ submit: z.number(), present: z.number(), note: z.number() }),
    headings: z.record(z.string(), z.number()),
    sections: z.record(z.string(), z.number()),
    recordsRegrouped: z.number(),
  }),
});

const report = reportSchema.parse(JSON.parse(readFileSync(join(ROOT, 'knowledge', 'ingest-report.json'), 'utf8')));
const catalog = readCatalog().filter((p) => p.detail);
const now = structuredFigures(catalog);
const c = report.checklist;

console.log(`Checklists of the catalog (ingest of ${report.ingestedAt})\n`);
console.log(formatFigures(c.before, c.after));
const same = JSON.stringify(now) === JSON.stringify(c.after);
console.log(`\n  recomputed on knowledge/procedures.jsonl: ${same ? 'the same figures' : 'DIFFERENT (re-run npm run ingest)'}`);
if (!same) console.log(formatFigures(c.before, now));
const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
console.log(`  titles within 120 characters: ${pct(now.components - now.overMaxTitle, now.components)} (target ≥ 95%)`);
console.log(`  case headings read as: ${Object.entries(c.headings).map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`    of the sections: ${Object.entries(c.sections).map(([k, n]) => `${k} ${n}`).join(', ')}; records whose cases were regrouped: ${c.recordsRegrouped}`);
console.log(`  could not classify by any phrase (kind from the count alone, "checklist-kind-guessed" in the report): ${c.guessed.submit + c.guessed.present} kept as documents, ${c.guessed.note} taken for notes`);

// A reproducible random sample (a small LCG seeded by --seed) of the no-count components read as notes.
const notes: { code: string; c: Component }[] = [];
const seen = new Set<string>();
const walk = (code: string, items: Component[], headings: Set<string>) => {
  for (const x of items) {
    // Once per record, as the figures count them (an addition given to several cases is one component).
    if (x.kind === 'note' && !x.originals && !x.copies && !headings.has(x.name) && !seen.has(`${code}\n${x.name}`)) {
      seen.add(`${code}\n${x.name}`);
      notes.push({ code, c: x });
    }
    walk(code, x.children, headings);
  }
};
for (const p of catalog) for (const k of p.cases) walk(p.code, k.components, new Set(k.headings));
let seed = arg('seed', 13);
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const picked = new Set<number>();
const size = Math.min(arg('sample', 20), notes.length);
while (picked.size < size) picked.add(Math.floor(next() * notes.length));
console.log(`\n${size} of the ${notes.length} components with no original and no copy read as notes (--seed ${arg('seed', 13)}), for a human check:`);
for (const i of [...picked].sort((a, b) => a - b)) {
  const { code, c: x } = notes[i]!;
  console.log(`  ${code}  ${x.name.replace(/\s+/gu, ' ').slice(0, 220)}`);
}
