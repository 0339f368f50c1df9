// The components answer for the procedures citizens ask about most (tests/fixtures/essential-documents.json):
// the application form or declaration and the essential documents within its first 1,200 characters,
// before anything that depends on the case. Composed for the listed code directly (the checklist is
// under test here, not the search that picks the procedure).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { procedureSchema, type Component, type Procedure } from '../../worker/catalog/schema.ts';
import { composeProcedureAnswer } from '../../worker/chat/compose.ts';
import { renderReply } from '../../worker/chat/render.ts';

const WINDOW = 1200;

const fixtureSchema = z.object({
  procedures: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      question: z.string(),
      case: z.number().int().nonnegative().optional(),
      caseName: z.string().optional(),
      documents: z.array(z.object({ role: z.enum(['form', 'essential']), title: z.string(), source: z.string() })).min(1),
    }),
  ),
});

const fixture = fixtureSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/essential-documents.json', import.meta.url), 'utf8')));
const wanted = new Set(fixture.procedures.map((p) => p.code));
const catalog = new Map<string, Procedure>();
for (const line of readFileSync(new URL('../../knowledge/procedures.jsonl', import.meta.url), 'utf8').split('\n')) {
  const code = /"code":"([^"]+)"/u.exec(line)?.[1];
  if (code && wanted.has(code)) catalog.set(code, procedureSchema.parse(JSON.parse(line)));
}

const all = (items: Component[]): Component[] => items.flatMap((c) => [c, ...all(c.children)]);

describe('the essential documents of the most asked procedures come first', () => {
  it('the list covers at least 40 procedures, each with the application form or a document everyone brings', () => {
    expect(fixture.procedures.length).toBeGreaterThanOrEqual(40);
    expect(fixture.procedures.filter((p) => p.documents.some((d) => d.role === 'form')).length).toBeGreaterThanOrEqual(35);
  });

  it.each(fixture.procedures.map((p) => [p.code, p.question, p] as const))('%s "%s"', (code, _question, entry) => {
    const p = catalog.get(code);
    expect(p, `${code} is in the catalog`).toBeDefined();
    expect(p!.name).toBe(entry.name);
    const k = p!.cases[entry.case ?? 0]!;
    if (entry.caseName !== undefined) expect(k.name).toBe(entry.caseName);
    // The record text each expectation relies on is still there, and still read the same way.
    for (const d of entry.documents) {
      const c = all(k.components).find((x) => x.name === d.source);
      expect(c, `source of "${d.title}"`).toBeDefined();
      expect(c!.title).toBe(d.title);
      expect(c!.condition).toBeNull();
    }
    const answer = composeProcedureAnswer(p!, 'components', entry.case !== undefined ? { caseIndex: entry.case } : {});
    const text = renderReply(answer.blocks).text;
    const head = text.slice(0, WINDOW);
    for (const d of entry.documents) expect(head, `"${d.title}" in the first ${WINDOW} characters`).toContain(`☐ ${d.title}`);
    // All before the documents that depend on the case. (The form is first among what everyone brings
    // unless the source numbers another document first: "a) Sổ BHXH", "b) Đơn đề nghị…" in 1.001613.)
    const at = (d: { title: string }) => text.indexOf(`☐ ${d.title}`);
    const conditional = text.indexOf('Tùy trường hợp:');
    if (conditional >= 0) for (const d of entry.documents) expect(at(d)).toBeLessThan(conditional);
  });
});
