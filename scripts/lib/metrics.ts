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
