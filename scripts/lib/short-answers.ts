// The catalog's longest answers and how they are sent where space is short (Zalo: messages of at
// most 2,000 characters), full and in their short form: shared by `npm run short-answers` and the
// tests that hold the figures (tests/unit/short-answers.test.ts, the channel tests' fixture).
import type { Procedure } from '../../worker/catalog/schema.ts';
import { renderChannelText } from '../../worker/channels/common.ts';
import type { Answer } from '../../worker/chat/answer.ts';
import type { ChatEngine } from '../../worker/chat/engine.ts';
import { newSession } from '../../worker/chat/engine.ts';
import { procedurePageUrl } from '../../worker/http/public-url.ts';
import { ZALO_TEXT_LIMIT } from '../../worker/channels/zalo.ts';

export const PAGE_BASE = 'https://tthc.example.gov.vn';

/** Components of a record, sub-items included (what a documents answer has to show). */
export function componentCount(p: Procedure): number {
  const count = (cs: { children: unknown[] }[]): number => cs.reduce((n, c) => n + 1 + count(c.children as { children: unknown[] }[]), 0);
  return p.cases.reduce((n, c) => n + count(c.components), 0);
}

/** The detailed procedures with the most components, most first (ties by code). */
export function longestProcedures(catalog: Procedure[], n: number): { code: string; name: string; components: number }[] {
  return catalog
    .filter((p) => p.detail)
    .map((p) => ({ code: p.code, name: p.name, components: componentCount(p) }))
    .sort((a, b) => b.components - a.components || a.code.localeCompare(b.code))
    .slice(0, n);
}

/** A question about a procedure by its code, for an aspect: what the fixture's channel tests send. */
export const QUESTIONS = {
  components: (code: string) => `thủ tục ${code} cần giấy tờ gì`,
  fee: (code: string) => `thủ tục ${code} lệ phí bao nhiêu`,
  time: (code: string) => `thủ tục ${code} mất bao lâu`,
  steps: (code: string) => `thủ tục ${code} các bước thực hiện thế nào`,
} as const;

export interface Sent {
  code: string;
  aspect: string;
  /** As Zalo gets it: full (before the short form) and short. */
  full: number[];
  short: number[];
  /** The short form links the procedure's page. */
  linked: boolean;
}

/** Zalo's messages for an answer: full (no page known) and short (the page known). */
export function zaloMessages(answer: Answer): { full: string[]; short: string[]; pageUrl: string | null } {
  const base = { maxLength: ZALO_TEXT_LIMIT, submitLink: 'text' as const, numberSuggestions: true };
  const pageUrl = answer.procedure ? procedurePageUrl(PAGE_BASE, answer.procedure.code) : null;
  return { full: renderChannelText(answer, base), short: renderChannelText(answer, { ...base, ...(pageUrl ? { pageUrl } : {}) }), pageUrl };
}

export async function measure(chat: ChatEngine, code: string, aspect: keyof typeof QUESTIONS): Promise<Sent> {
  const { answer } = await chat.respond(QUESTIONS[aspect](code), newSession());
  const { full, short, pageUrl } = zaloMessages(answer);
  return { code, aspect, full: full.map((m) => m.length), short: short.map((m) => m.length), linked: pageUrl !== null && short.join('\n').includes(pageUrl) };
}
