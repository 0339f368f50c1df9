// The search engine as the worker builds it, for scripts (eval, bench) running in Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchEngine } from '../../worker/search/engine.ts';
import { compilePhrases } from '../../worker/search/phrases.ts';
import type { Snapshot } from '../../worker/search/snapshot.ts';
import { loadSynonyms } from '../../worker/search/synonyms.ts';
import { ROOT } from './paths.ts';

export const readKnowledge = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, 'knowledge', file), 'utf8'));

export function readSnapshotText(): string {
  return readFileSync(join(ROOT, 'build', 'assets', 'data', 'index.json'), 'utf8');
}

export function loadEngine(snapshotText = readSnapshotText()): SearchEngine {
  return new SearchEngine(
    JSON.parse(snapshotText) as Snapshot,
    loadSynonyms(readKnowledge('synonyms.json')),
    compilePhrases(readKnowledge('phrases.json'), readKnowledge('provinces.json')),
  );
}

export interface EvalQuestion {
  question: string;
  codes: string[];
  aspect?: string;
  expect?: string[];
  fee_vnd?: number | null;
  days?: number | null;
}

export type EvalSetName = 'portal-questions-dev' | 'chat-queries-dev' | 'chat-queries-dev-2';

export function readEvalSet(name: EvalSetName): EvalQuestion[] {
  return readFileSync(join(ROOT, 'tests', 'eval', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}
