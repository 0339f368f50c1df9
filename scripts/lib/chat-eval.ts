// The chat engine measured on the chat-style dev questions: is the expected procedure the one
// answered, do the expected facts appear, is any number invented, are out-of-scope questions
// declined. Shared by `npm run eval` (prints) and the quality gate test (asserts).
import type { Procedure } from '../../worker/catalog/schema.ts';
import { newSession, type ChatEngine } from '../../worker/chat/engine.ts';
import { fabricatedNumbers } from '../../worker/chat/grounding.ts';
import { renderReply } from '../../worker/chat/render.ts';
import type { EvalQuestion } from './engine.ts';

export interface ChatFigures {
  inScope: number;
  outOfScope: number;
  answeredRight: number;
  factsTotal: number;
  factsFound: number;
  declined: number;
  answers: number;
  fabricated: string[];
  misses: string[];
  /** Time of each answer in the pass (ms). */
  times: number[];
}

const norm = (s: string) => s.normalize('NFC').toLowerCase();

export async function evaluateChat(chat: ChatEngine, catalog: Map<string, Procedure>, questions: EvalQuestion[]): Promise<ChatFigures> {
  const f: ChatFigures = { inScope: 0, outOfScope: 0, answeredRight: 0, factsTotal: 0, factsFound: 0, declined: 0, answers: 0, fabricated: [], misses: [], times: [] };
  for (const q of questions) {
    const t0 = performance.now();
    const { answer } = await chat.respond(q.question, newSession());
    f.times.push(performance.now() - t0);
    const reply = renderReply(answer.blocks);
    const code = answer.intent === 'procedure' ? answer.procedure?.code : undefined;
    if (code) {
      f.answers++;
      const p = catalog.get(code);
      if (p) for (const n of fabricatedNumbers(reply.text, p)) f.fabricated.push(`${code}: ${n} ← ${q.question}`);
    }
    if (q.codes.length === 0) {
      f.outOfScope++;
      if (answer.intent !== 'procedure') f.declined++;
      else f.misses.push(`answered out-of-scope: ${q.question} → ${code}`);
      continue;
    }
    f.inScope++;
    const right = code !== undefined && q.codes.includes(code);
    if (right) f.answeredRight++;
    const expect = q.expect ?? [];
    const found = right ? expect.filter((e) => norm(reply.text).includes(norm(e))) : [];
    f.factsTotal += expect.length;
    f.factsFound += found.length;
    if (!right || found.length < expect.length) {
      f.misses.push(`${q.question} → ${answer.intent} ${code ?? answer.sources.join(',')} (want ${q.codes[0]}; facts ${found.length}/${expect.length}: ${expect.join(' | ')})`);
    }
  }
  return f;
}
