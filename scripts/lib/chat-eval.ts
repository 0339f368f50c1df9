// The chat engine measured on the chat-style dev questions: is the expected procedure the one
// answered, do the expected facts appear, is any number invented, are out-of-scope questions
// declined. Shared by `npm run eval` (prints) and the quality gate test (asserts).
//
// Each question gets one outcome; figures are computed over any subset of the outcomes (a set's odd
// or even lines, one aspect), so the held-back half of a set is reported with the same scoring.
import type { Procedure } from '../../worker/catalog/schema.ts';
import { newSession, type ChatEngine } from '../../worker/chat/engine.ts';
import { fabricatedNumbers } from '../../worker/chat/grounding.ts';
import { renderReply } from '../../worker/chat/render.ts';
import type { EvalQuestion } from './engine.ts';

/**
 * A `yesno` question whose `expect` is empty asks about a document the record does not list: the
 * right answer says so (the set's README). This is the fact it must contain.
 */
export const NOT_LISTED_FACT = 'không thấy trong danh sách hồ sơ';

export interface ChatOutcome {
  /** Line of the question in its set, from 1 (odd lines tune, even lines report). */
  line: number;
  question: string;
  aspect: string;
  inScope: boolean;
  /** In scope: the answered procedure is one of the expected codes. Out of scope: the question was declined. */
  right: boolean;
  /** Expected facts, and how many the answer holds (0 when the procedure is wrong). */
  facts: number;
  found: number;
  fabricated: string[];
  /** A procedure was answered. */
  answered: boolean;
  ms: number;
  /** One line saying what went wrong, or null. */
  miss: string | null;
}

export interface ChatFigures {
  inScope: number;
  outOfScope: number;
  answeredRight: number;
  /** Facts of all in-scope questions, and of those whose procedure was right. */
  factsTotal: number;
  factsOfRight: number;
  factsFound: number;
  declined: number;
  answers: number;
  fabricated: string[];
  misses: string[];
  /** Time of each answer in the pass (ms). */
  times: number[];
}

/**
 * Text as compared for facts: lowercase NFC, and numbers as their value rather than their typing.
 * The record writes one amount or duration several ways ("300,000 Việt Nam Đồng" in one field,
 * "300.000 đồng" in another; "05 ngày làm việc" in a step, "5 ngày làm việc" in the method row), and
 * an `expect` copies one of them: a leading zero, thousands separators and the currency's spelling
 * ("Việt Nam Đồng", "VNĐ", "đồng") say nothing of the fact.
 */
export const normFact = (s: string): string =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/(?<!\p{L})(việt nam đồng|vnđ|vnd)(?!\p{L})/gu, 'đồng')
    .replace(/(\d)[.,](?=\d{3}(?!\d))/gu, '$1')
    .replace(/(?<![\d.,])0+(?=\d)/gu, '');

/** The answer holds the fact: a number in it is not the tail of a longer one ("5 ngày" is not in "15 ngày"). */
export function holdsFact(answer: string, fact: string): boolean {
  const text = normFact(answer);
  const want = normFact(fact);
  for (let at = text.indexOf(want); at >= 0; at = text.indexOf(want, at + 1)) {
    if (!/^\d/u.test(want) || !/[\d.,]/u.test(text[at - 1] ?? '')) return true;
  }
  return false;
}

export function expectedFacts(q: EvalQuestion): string[] {
  const expect = q.expect ?? [];
  return q.aspect === 'yesno' && expect.length === 0 ? [NOT_LISTED_FACT] : expect;
}

export async function chatOutcomes(chat: ChatEngine, catalog: Map<string, Procedure>, questions: EvalQuestion[]): Promise<ChatOutcome[]> {
  const out: ChatOutcome[] = [];
  for (const [i, q] of questions.entries()) {
    const t0 = performance.now();
    const { answer } = await chat.respond(q.question, newSession());
    const ms = performance.now() - t0;
    const reply = renderReply(answer.blocks);
    const code = answer.intent === 'procedure' ? answer.procedure?.code : undefined;
    const p = code ? catalog.get(code) : undefined;
    const fabricated = p ? fabricatedNumbers(reply.text, p).map((n) => `${code}: ${n} ← ${q.question}`) : [];
    const base = { line: i + 1, question: q.question, aspect: q.aspect ?? 'none', answered: code !== undefined, fabricated, ms };
    if (q.codes.length === 0) {
      const right = answer.intent !== 'procedure';
      out.push({ ...base, inScope: false, right, facts: 0, found: 0, miss: right ? null : `answered out-of-scope: ${q.question} → ${code}` });
      continue;
    }
    const right = code !== undefined && q.codes.includes(code);
    const expect = expectedFacts(q);
    const found = right ? expect.filter((e) => holdsFact(reply.text, e)).length : 0;
    const miss =
      right && found === expect.length
        ? null
        : `${q.question} → ${answer.intent} ${code ?? answer.sources.join(',')} (want ${q.codes[0]}; facts ${found}/${expect.length}: ${expect.join(' | ')})`;
    out.push({ ...base, inScope: true, right, facts: expect.length, found, miss });
  }
  return out;
}

export function chatFigures(outcomes: ChatOutcome[]): ChatFigures {
  const f: ChatFigures = { inScope: 0, outOfScope: 0, answeredRight: 0, factsTotal: 0, factsOfRight: 0, factsFound: 0, declined: 0, answers: 0, fabricated: [], misses: [], times: [] };
  for (const o of outcomes) {
    f.times.push(o.ms);
    if (o.answered) f.answers++;
    f.fabricated.push(...o.fabricated);
    if (o.miss) f.misses.push(o.miss);
    if (!o.inScope) {
      f.outOfScope++;
      if (o.right) f.declined++;
      continue;
    }
    f.inScope++;
    f.factsTotal += o.facts;
    if (o.right) {
      f.answeredRight++;
      f.factsOfRight += o.facts;
      f.factsFound += o.found;
    }
  }
  return f;
}

export async function evaluateChat(chat: ChatEngine, catalog: Map<string, Procedure>, questions: EvalQuestion[]): Promise<ChatFigures> {
  return chatFigures(await chatOutcomes(chat, catalog, questions));
}
