// Orama's BM25, computed straight over the postings of the prebuilt index.
//
// The index is built by Orama (orama.ts), whose BM25 found the candidates through its generic
// search() until that took 70% of a long question's time (a find() object, an id copy and Map
// updates per token and field, a sort of every matching document). This computes the same scores
// (formula, parameters, field boosts, order of summation, tie-break) from the same field lengths
// and averages, to the bit: tests/unit/binary-index.test.ts compares it with Orama's search().
import { TEXT_FIELDS, type TextField } from './index';
import type { Scorer, TermPostings } from './reader';

/** Orama's default BM25 parameters (search-fulltext.js, defaultBM25Params). */
const BM25_K = 1.2;
const BM25_B = 0.75;
const BM25_D = 0.5;

/** Per document, BM25's numerator factor d + tf·(k+1) and denominator tf + k·(1 − b + b·len/avg). */
export interface Bm25Factors {
  num: Float64Array;
  den: Float64Array;
}

/**
 * The per-document parts of BM25 for one field, from its field lengths (tokens per document) and
 * their average. Each token is emitted once per field (text.ts), so a term's frequency is 1 / length.
 * Computed at build time (the binary index ships them) and by the in-memory reference alike.
 */
export function bm25Factors(lengths: ArrayLike<number>, avg: number): Bm25Factors {
  const num = new Float64Array(lengths.length);
  const den = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i]!;
    const tf = length > 0 ? 1 / length : 0;
    num[i] = BM25_D + tf * (BM25_K + 1);
    den[i] = tf + BM25_K * (1 - BM25_B + (BM25_B * length) / avg);
  }
  return { num, den };
}

/**
 * For each field (in TEXT_FIELDS order) and each token, idf · num / den times the field's boost,
 * summed per document in the order Orama sums; best first, ties to the lower document number, as
 * Orama sorts. The scratch arrays are the scorer's own: one scorer serves one search at a time (a
 * worker isolate runs one request's JavaScript at a time, and top() does not yield).
 */
export class Bm25Scorer implements Scorer {
  private readonly scores: Float64Array;
  private readonly seen: Uint32Array;
  private readonly touched: Int32Array;
  private epoch = 0;

  /** `factors`: per field, in TEXT_FIELDS order. */
  constructor(
    private readonly docsCount: number,
    private readonly factors: readonly Bm25Factors[],
  ) {
    if (factors.length !== TEXT_FIELDS.length) throw new Error(`BM25: ${factors.length} fields, expected ${TEXT_FIELDS.length}`);
    for (const f of factors) if (f.num.length !== docsCount || f.den.length !== docsCount) throw new Error('BM25: factors and documents differ in number');
    this.scores = new Float64Array(docsCount);
    this.seen = new Uint32Array(docsCount);
    this.touched = new Int32Array(docsCount);
  }

  top(terms: readonly TermPostings[], boost: Record<TextField, number>, limit: number): { id: number; score: number }[] {
    if (terms.length === 0 || limit <= 0) return [];
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const { scores, seen, touched } = this;
    let touchedCount = 0;
    const n = this.docsCount;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const fieldBoost = boost[TEXT_FIELDS[f]!];
      const { num, den } = this.factors[f]!;
      for (const term of terms) {
        const ids = term[f]!;
        const df = ids.length;
        if (df === 0) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (let i = 0; i < df; i++) {
          const id = ids[i]!;
          const s = ((idf * num[id]!) / den[id]!) * fieldBoost;
          if (seen[id] === epoch) scores[id] = scores[id]! + s;
          else {
            seen[id] = epoch;
            scores[id] = s;
            touched[touchedCount++] = id;
          }
        }
      }
    }
    // Keep the best `limit` in a sorted array (score desc, id asc).
    const best: number[] = [];
    const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i]!;
      if (best.length === limit && !better(id, best[limit - 1]!)) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (better(id, best[mid]!)) hi = mid;
        else lo = mid + 1;
      }
      best.splice(lo, 0, id);
      if (best.length > limit) best.pop();
    }
    return best.map((id) => ({ id, score: scores[id]! }));
  }
}
