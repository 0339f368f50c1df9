import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { procedureSchema, type Procedure } from '../../worker/catalog/schema.ts';
import { ROOT } from './paths.ts';

/** The committed catalog, every line validated. */
export function readCatalog(): Procedure[] {
  const lines = readFileSync(join(ROOT, 'knowledge', 'procedures.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((line, i) => {
    const parsed = procedureSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`knowledge/procedures.jsonl line ${i + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
}
