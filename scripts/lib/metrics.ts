// Ranking metrics over question sets with acceptable codes.

export interface RankingFigures {
  n: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
}

/** rankedCodes[i]: the codes returned for question i, best first; expected[i]: acceptable codes. */
export function rankingFigures(rankedCodes: string[][], expected: string[][]): RankingFigures {
  let hit1 = 0;
  let hit3 = 0;
  let hit5 = 0;
  let rr = 0;
  rankedCodes.forEach((codes, i) => {
    const ok = expected[i] ?? [];
    const rank = codes.findIndex((c) => ok.includes(c));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) rr += 1 / (rank + 1);
  });
  const n = rankedCodes.length || 1;
  return { n: rankedCodes.length, hit1: hit1 / n, hit3: hit3 / n, hit5: hit5 / n, mrr: rr / n };
}

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** One letter dropped from the longest word (4+ letters): a deterministic small typo. */
export function typo(question: string): string {
  const words = question.split(' ');
  let at = -1;
  words.forEach((w, i) => {
    if (/^\p{L}{4,}$/u.test(w) && (at < 0 || w.length > words[at]!.length)) at = i;
  });
  if (at < 0) return question;
  words[at] = words[at]!.slice(0, 2) + words[at]!.slice(3);
  return words.join(' ');
}
