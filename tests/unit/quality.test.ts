// The quality gate: the search and chat figures of `npm run eval` on the dev sets, asserted, so a
// change that makes answers worse fails the build. Thresholds are the issues' targets where they
// are met, and otherwise just below the level reached (portal hit@1: target 55%, reached 63.1%).
// chat-queries-dev-2, chat-probes, chat-probes-2, chat-scope, chat-scope-2, chat-probes-3,
// chat-details and chat-probes-4 to chat-probes-21 are asserted on each half apart: their odd lines
// are tuned on, their even lines are held back (never inspected one by one), so their floors guard
// what was not tuned for.
import { describe, expect, it } from 'vitest';
import { loadChat } from '../../scripts/lib/chat';
import { chatFigures, chatOutcomes, evaluateChat, holdsFact } from '../../scripts/lib/chat-eval';
import { readEvalSet } from '../../scripts/lib/engine';
import { rankingFigures, typo } from '../../scripts/lib/metrics';
import { fold } from '../../worker/search/text';

const { chat, catalog, search: engine } = loadChat();
const search = (q: string) => engine.search(q, { limit: 5 }).hits.map((h) => h.code);

describe('search quality on the dev sets', () => {
  it('portal questions: hit@1 ≥ 60%, hit@5 ≥ 80%', () => {
    const qs = readEvalSet('portal-questions-dev').filter((q) => q.codes.length);
    const f = rankingFigures(qs.map((q) => search(q.question)), qs.map((q) => q.codes));
    expect(f.hit1).toBeGreaterThanOrEqual(0.62);
    expect(f.hit5).toBeGreaterThanOrEqual(0.8);
  });

  it('chat questions: the expected procedure first ≥ 90%, with and without diacritics, and with a typo', () => {
    const qs = readEvalSet('chat-queries-dev').filter((q) => q.codes.length);
    for (const rewrite of [(q: string) => q, fold, typo]) {
      const f = rankingFigures(qs.map((q) => search(rewrite(q.question))), qs.map((q) => q.codes));
      expect(f.hit1).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('fact scoring', () => {
  it('reads a number by its value, not its typing, and never as the tail of a longer one', () => {
    expect(holdsFact('Trực tiếp: 5 ngày làm việc', '05 ngày làm việc')).toBe(true);
    expect(holdsFact('Lệ phí: 300.000 đồng', '300,000')).toBe(true);
    expect(holdsFact('Phí: 50.000 đồng/giao dịch', '50,000 Việt Nam Đồng')).toBe(true);
    expect(holdsFact('Phí: 50.000 VNĐ', '50.000 đồng')).toBe(true);
    expect(holdsFact('Phí: 50.000 USD', '50,000 Việt Nam Đồng')).toBe(false);
    expect(holdsFact('Thời hạn: 15 ngày làm việc', '05 ngày làm việc')).toBe(false);
    expect(holdsFact('Lệ phí: 1.300.000 đồng', '300.000 đồng')).toBe(false);
    expect(holdsFact('Nộp tại UBND cấp xã', 'Ủy ban nhân dân cấp xã')).toBe(false);
  });
});

describe('chat quality on the dev set', () => {
  it('answers the expected procedure with its facts, invents no number, declines what is out of scope', async () => {
    const f = await evaluateChat(chat, catalog, readEvalSet('chat-queries-dev'));
    expect(f.answeredRight / f.inScope, f.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(f.factsFound / f.factsTotal, f.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(f.fabricated).toEqual([]);
    expect(f.declined / f.outOfScope).toBeGreaterThanOrEqual(0.9);
  });
});

describe('chat quality on questions nobody tuned for, each half apart', () => {
  // Levels reached (README, "Conversations"), odd / even lines: procedure, facts of right answers,
  // out of scope declined.
  // chat-queries-dev-2: 96.2% / 93.6%, 95.5% / 95.5%, 92.3% / 100%.
  // chat-probes (the team's own, harder): 92.9% / 74.0%, 99.1% / 84.6%, 100% / 100%.
  // chat-probes-2 (the team's second set): 86.7% / 73.4%, 92.1% / 96.6%, 100% / 87.5%.
  // chat-scope (what is out of scope): 85.0% / 76.7%, 100% / 100%, 97.5% / 76.7%.
  // chat-scope-2 (out of scope and casual, from a writer who saw none of the vocabulary): 92.5% / 90.0%,
  // 97.3% / 94.6%, 100% / 97.5%.
  // chat-probes-3 (from two writers who saw only the catalog): 95.9% / 82.7%, 95.7% / 91.7%, 91.7% / 91.7%.
  // chat-details (specific questions, same writers; none out of scope): 86.4% / 68.2%, 89.0% / 81.3%.
  // chat-probes-4 (chat-queries-dev-2's style, same kind of writers): 94.3% / 90.9%, 97.2% / 90.1%, 83.3% /
  // 83.3% (untouched: 81.8% / 87.5%, 93.6% / 83.0%, 83.3% / 66.7%).
  // chat-probes-5 (the same, written later): 97.7% / 94.3%, 97.0% / 94.1%, 100% / 83.3% (untouched: 86.4% /
  // 85.2%, 90.9% / 88.0%, 91.7% / 66.7%).
  // chat-probes-6 (the same, written later still): 96.6% / 90.9%, 97.7% / 91.7%, 100% / 83.3% (untouched:
  // 81.8% / 85.2%, 89.2% / 84.8%, 75.0% / 75.0%).
  // chat-probes-7 (the same, measured untouched after chat-probes-6 was tuned on): 90.9% / 90.9%,
  // 98.9% / 97.6%, 100% / 83.3% (untouched: 84.1% / 83.0%, 92.5% / 96.0%, 83.3% / 91.7%).
  // chat-probes-8 (the same, measured untouched at the start of the next session): 90.6% / 86.8%, 95.7% /
  // 95.5%, 100% / 88.9% (untouched: 80.0% / 83.5%, 90.1% / 90.6%, 93.3% / 88.9%).
  // chat-probes-9 (situations as people tell them, measured untouched after that session's changes):
  // 90.9% / 80.7%, 92.6% / 98.8%, 100% / 100% (untouched: 75.0% / 71.6%, 88.2% / 91.7%, 91.7% / 100%).
  // chat-probes-10 (the same style, measured untouched in the middle of the next session): 95.5% / 89.8%,
  // 95.8% / 94.6%, 100% / 100% (untouched: 85.2% / 83.0%, 87.1% / 94.1%, 91.7% / 100%).
  // chat-probes-11 (measured untouched near the end of that session): 92.0% / 95.4%, 98.9% / 96.8%, 100% /
  // 90.9% (untouched: 83.9% / 90.8%, 90.6% / 94.4%, 100% / 90.9%).
  // chat-probes-12 (half specific questions, measured untouched at the start of the next session):
  // 94.4% / 87.6%, 92.7% / 93.5%, 100% / 100% (untouched: 84.3% / 80.9%, 87.4% / 94.0%, 88.9% / 100%).
  // chat-probes-13 (the same, measured untouched after that session's changes to passage choice): 93.3% /
  // 87.8%, 95.8% / 91.1%, 100% / 100% (untouched: 80.0% / 81.1%, 92.8% / 91.5%, 100% / 100%).
  // chat-probes-14 (half long stories, measured untouched early in the next session): 95.5% / 84.8%,
  // 96.8% / 88.6%, 100% / 100% (untouched: 79.5% / 79.3%, 95.0% / 86.7%, 90.9% / 100%).
  // chat-probes-15 (records with content only, measured untouched after most of that session's changes):
  // 88.9% / 84.3%, 92.6% / 96.5%, 100% / 90.0% (untouched: 74.4% / 77.5%, 91.1% / 94.9%, 77.8% / 90.0%).
  // chat-probes-16 (chat-queries-dev-2's short style, half specific questions, measured untouched early in the
  // next session): 83.3% / 89.9%, 93.4% / 88.9%, 100% / 90.0% (untouched: 77.8% / 86.5%, 88.7% / 88.5%,
  // 80.0% / 80.0%).
  // chat-probes-17 (the same brief, the procedures a centre sees most, measured untouched late in that
  // session): 81.1% / 84.4%, 89.0% / 89.5%, 100% / 100% (untouched: 75.6% / 81.1%, 85.3% / 87.7%,
  // 100% / 90.0%).
  // chat-probes-18 (the same brief as chat-probes-16 and -17, measured untouched early in the next session):
  // 82.2% / 86.5%, 94.6% / 77.9%, 90.0% / 100% (untouched: 74.4% / 85.4%, 88.1% / 77.6%, 80.0% / 100%).
  // chat-probes-19 (procedures the other sets ask little about, measured untouched at that session's end,
  // tuned on in the next): 66.7% / 65.6%, 88.3% / 86.7%, 90.0% / 90.0% (untouched: 56.7% / 61.1%,
  // 86.3% / 83.9%, 90.0% / 90.0%).
  // chat-probes-20 (chat-queries-dev-2's style, measured untouched early in the session after): 91.1% /
  // 82.2%, 89.7% / 90.2%, 90.0% / 100% (untouched: 88.9% / 81.1%, 88.2% / 90.1%, 90.0% / 100%).
  // chat-probes-21 (told as situations, measured after every change of that session, not tuned on):
  // 86.7% / 78.9%, 92.7% / 89.3%, 100% / 100% (untouched: 84.4% / 78.9%, 92.4% / 89.3%, 100% / 100%).
  // Targets (issue 14): 90%, 85%, 90%. Floors are just below the levels reached.
  // (Facts are of right answers: a question newly answered right whose fact is worded otherwise
  // lowers it — chat-probes' held-back half went 64/75 → 65/77 with one more right answer; the facts
  // of all in-scope questions are what never goes down.)
  const floors = {
    'chat-queries-dev-2': {
      odd: { procedure: 0.96, facts: 0.95, declined: 0.92 },
      even: { procedure: 0.93, facts: 0.95, declined: 1 },
    },
    'chat-probes': {
      odd: { procedure: 0.92, facts: 0.99, declined: 1 },
      even: { procedure: 0.73, facts: 0.84, declined: 1 },
    },
    'chat-probes-2': {
      odd: { procedure: 0.86, facts: 0.92, declined: 1 },
      even: { procedure: 0.73, facts: 0.96, declined: 0.87 },
    },
    'chat-scope': {
      odd: { procedure: 0.85, facts: 1, declined: 0.97 },
      even: { procedure: 0.76, facts: 1, declined: 0.76 },
    },
    'chat-scope-2': {
      odd: { procedure: 0.92, facts: 0.97, declined: 1 },
      even: { procedure: 0.9, facts: 0.94, declined: 0.97 },
    },
    'chat-probes-3': {
      odd: { procedure: 0.95, facts: 0.95, declined: 0.91 },
      even: { procedure: 0.82, facts: 0.91, declined: 0.91 },
    },
    'chat-details': {
      odd: { procedure: 0.86, facts: 0.88, declined: null },
      even: { procedure: 0.68, facts: 0.81, declined: null },
    },
    'chat-probes-4': {
      odd: { procedure: 0.94, facts: 0.97, declined: 0.83 },
      even: { procedure: 0.9, facts: 0.9, declined: 0.83 },
    },
    'chat-probes-5': {
      odd: { procedure: 0.97, facts: 0.97, declined: 1 },
      even: { procedure: 0.94, facts: 0.94, declined: 0.83 },
    },
    'chat-probes-6': {
      odd: { procedure: 0.96, facts: 0.97, declined: 1 },
      even: { procedure: 0.9, facts: 0.91, declined: 0.83 },
    },
    'chat-probes-7': {
      odd: { procedure: 0.9, facts: 0.98, declined: 1 },
      even: { procedure: 0.9, facts: 0.97, declined: 0.83 },
    },
    'chat-probes-8': {
      odd: { procedure: 0.9, facts: 0.95, declined: 1 },
      even: { procedure: 0.86, facts: 0.95, declined: 0.88 },
    },
    'chat-probes-9': {
      odd: { procedure: 0.9, facts: 0.92, declined: 1 },
      even: { procedure: 0.8, facts: 0.98, declined: 1 },
    },
    'chat-probes-10': {
      odd: { procedure: 0.95, facts: 0.95, declined: 1 },
      even: { procedure: 0.89, facts: 0.94, declined: 1 },
    },
    'chat-probes-11': {
      odd: { procedure: 0.91, facts: 0.98, declined: 1 },
      even: { procedure: 0.95, facts: 0.96, declined: 0.9 },
    },
    'chat-probes-12': {
      odd: { procedure: 0.94, facts: 0.92, declined: 1 },
      even: { procedure: 0.87, facts: 0.93, declined: 1 },
    },
    'chat-probes-13': {
      odd: { procedure: 0.93, facts: 0.95, declined: 1 },
      even: { procedure: 0.87, facts: 0.91, declined: 1 },
    },
    'chat-probes-14': {
      odd: { procedure: 0.95, facts: 0.96, declined: 1 },
      even: { procedure: 0.84, facts: 0.88, declined: 1 },
    },
    'chat-probes-15': {
      odd: { procedure: 0.88, facts: 0.92, declined: 1 },
      even: { procedure: 0.84, facts: 0.96, declined: 0.9 },
    },
    'chat-probes-16': {
      odd: { procedure: 0.83, facts: 0.93, declined: 1 },
      even: { procedure: 0.89, facts: 0.88, declined: 0.9 },
    },
    'chat-probes-17': {
      odd: { procedure: 0.81, facts: 0.89, declined: 1 },
      even: { procedure: 0.84, facts: 0.89, declined: 1 },
    },
    'chat-probes-18': {
      odd: { procedure: 0.82, facts: 0.94, declined: 0.9 },
      even: { procedure: 0.86, facts: 0.77, declined: 1 },
    },
    'chat-probes-19': {
      odd: { procedure: 0.66, facts: 0.88, declined: 0.9 },
      even: { procedure: 0.65, facts: 0.86, declined: 0.9 },
    },
    'chat-probes-20': {
      odd: { procedure: 0.91, facts: 0.89, declined: 0.9 },
      even: { procedure: 0.82, facts: 0.9, declined: 1 },
    },
    'chat-probes-21': {
      odd: { procedure: 0.86, facts: 0.92, declined: 1 },
      even: { procedure: 0.78, facts: 0.89, declined: 1 },
    },
  } as const;
  for (const [set, halves] of Object.entries(floors) as [keyof typeof floors, (typeof floors)[keyof typeof floors]][]) {
    it(`${set}: answers the expected procedure with its facts on each half, invents no number, declines what is out of scope`, async () => {
      const outcomes = await chatOutcomes(chat, catalog, readEvalSet(set));
      for (const [half, parity] of [['odd', 1], ['even', 0]] as const) {
        const f = chatFigures(outcomes.filter((o) => o.line % 2 === parity));
        const floor = halves[half];
        // The misses are listed for the tuned half only: the held-back lines are not to be read one by one.
        const misses = half === 'odd' ? f.misses.join('\n') : `${f.misses.length} misses on the held-back lines`;
        expect(f.answeredRight / f.inScope, misses).toBeGreaterThanOrEqual(floor.procedure);
        expect(f.factsFound / f.factsOfRight, misses).toBeGreaterThanOrEqual(floor.facts);
        // chat-details has no out-of-scope question.
        if (floor.declined !== null) expect(f.declined / f.outOfScope, half).toBeGreaterThanOrEqual(floor.declined);
        else expect(f.outOfScope).toBe(0);
        expect(f.fabricated).toEqual([]);
      }
    });
  }
});
