// The search engine as the worker builds it, for scripts (eval, bench) running in Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIndex } from '../../worker/search/binary.ts';
import { SearchEngine } from '../../worker/search/engine.ts';
import { compilePhrases } from '../../worker/search/phrases.ts';
import type { IndexReader } from '../../worker/search/reader.ts';
import { loadSynonyms } from '../../worker/search/synonyms.ts';
import { ROOT } from './paths.ts';

export const readKnowledge = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, 'knowledge', file), 'utf8'));

/** The built index file (build/assets/data/index.bin). */
export function readIndexBytes(): Uint8Array {
  return readFileSync(join(ROOT, 'build', 'assets', 'data', 'index.bin'));
}

/** The engine as the worker makes it: over the built index file, or over another index (tests). */
export function loadEngine(index: IndexReader = readIndex(readIndexBytes())): SearchEngine {
  return new SearchEngine(
    index,
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

/** The project's eval sets (tests/eval), in the order `npm run eval` reports them. */
export const EVAL_SETS = [
  'portal-questions-dev',
  'chat-queries-dev',
  'chat-queries-dev-2',
  'chat-probes',
  'chat-probes-2',
  'chat-scope',
  'chat-scope-2',
  'chat-probes-3',
  'chat-details',
  'chat-probes-4',
  'chat-probes-5',
  'chat-probes-6',
  'chat-probes-7',
  'chat-probes-8',
  'chat-probes-9',
  'chat-probes-10',
  'chat-probes-11',
  'chat-probes-12',
  'chat-probes-13',
  'chat-probes-14',
  'chat-probes-15',
  'chat-probes-16',
  'chat-probes-17',
  'chat-probes-18',
  'chat-probes-19',
  'chat-probes-20',
  'chat-probes-21',
] as const;

export type EvalSetName = (typeof EVAL_SETS)[number];

export function readEvalSet(name: EvalSetName): EvalQuestion[] {
  return readFileSync(join(ROOT, 'tests', 'eval', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}
