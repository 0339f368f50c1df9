// The naive baseline the search issue started from, rebuilt in the same run as the product's
// figures: Orama over names and fields with a tokenizer that only folds diacritics
// (NFD, strip U+0300–U+036F, đ→d), optionally with syllable bigrams.
import { create, insertMultiple, search, type Orama } from '@orama/orama';
import type { Procedure } from '../../worker/catalog/schema.ts';

function foldOnly(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').toLowerCase();
}

function naiveTokens(text: string, bigrams: boolean): string[] {
  const words = foldOnly(text).split(/[^a-z0-9]+/u).filter(Boolean);
  const out = [...words];
  if (bigrams) for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]}_${words[i]}`);
  return [...new Set(out)];
}

export function buildBaseline(procedures: Procedure[], bigrams: boolean) {
  const db = create({
    schema: { code: 'string', name: 'string', fields: 'string' } as const,
    components: {
      tokenizer: { language: 'english', normalizationCache: new Map(), tokenize: (raw: string) => naiveTokens(raw, bigrams) },
    },
  });
  insertMultiple(db, procedures.map((p) => ({ code: p.code, name: p.name, fields: p.fields.join(' ') })), 1000);
  return (question: string, limit = 5): string[] => {
    const r = search(db as Orama<{ code: 'string'; name: 'string'; fields: 'string' }>, {
      term: question,
      properties: ['name', 'fields'],
      limit,
      threshold: 1,
    }) as { hits: { document: { code: string } }[] };
    return r.hits.map((h) => h.document.code);
  };
}
