// npm run eval — quality of the search on the project's copies of the dev question sets, next to
// the naive baseline computed in the same run. The chat questions are also searched as a citizen
// might have typed them otherwise: without diacritics, and with one letter missing (a typo). The
// portal set and the second chat set are also scored on their odd and even lines apart: odd lines
// are tuned on, even lines are the held-back figure.
// --verbose lists the questions whose expected procedure is not first.
import { fold } from '../worker/search/text.ts';
import { readCatalog } from './lib/catalog.ts';
import { buildBaseline } from './lib/baseline.ts';
import { EVAL_SETS, loadEngine, readEvalSet } from './lib/engine.ts';
import { pct, rankingFigures, typo, type RankingFigures } from './lib/metrics.ts';

const engine = loadEngine();
const procedures = readCatalog();
const baselines = { 'baseline (fold only)': buildBaseline(procedures, false), 'baseline (+bigrams)': buildBaseline(procedures, true) };

const row = (label: string, f: RankingFigures) =>
  `  ${label.padEnd(22)} hit@1 ${pct(f.hit1).padStart(6)}  hit@3 ${pct(f.hit3).padStart(6)}  hit@5 ${pct(f.hit5).padStart(6)}  MRR ${f.mrr.toFixed(3)}`;

const verbose = process.argv.includes('--verbose');
for (const set of EVAL_SETS) {
  // Each question keeps its line in the file: the odd/even halves are the file's lines, as in eval-chat.ts.
  const all = readEvalSet(set);
  const questions = all.filter((q) => q.codes.length > 0);
  const lines = all.flatMap((q, i) => (q.codes.length > 0 ? [i + 1] : []));
  const expected = questions.map((q) => q.codes);
  const run = (rewrite: (q: string) => string) => questions.map((q) => engine.search(rewrite(q.question), { limit: 10 }).hits.map((h) => h.code));
  const ours = run((q) => q);
  console.log(`\n${set} (${questions.length} questions with an expected procedure)`);
  console.log(row('search', rankingFigures(ours, expected)));
  if (set !== 'chat-queries-dev') {
    // The set's odd and even lines apart: a change that only helps one half is likely fitted to a few questions.
    const half = (parity: number) => rankingFigures(ours.filter((_, i) => lines[i]! % 2 === parity), expected.filter((_, i) => lines[i]! % 2 === parity));
    console.log(row('search, odd lines', half(1)));
    console.log(row('search, even lines', half(0)));
  }
  if (set !== 'portal-questions-dev') {
    console.log(row('search, no diacritics', rankingFigures(run(fold), expected)));
    console.log(row('search, one typo', rankingFigures(run(typo), expected)));
  }
  for (const [label, baseline] of Object.entries(baselines)) {
    console.log(row(label, rankingFigures(questions.map((q) => baseline(q.question, 10)), expected)));
  }
  if (verbose) {
    // The held-back lines of chat-queries-dev-2 and the probes are never listed: only their figures are reported.
    questions.forEach((q, i) => {
      if (set !== 'portal-questions-dev' && set !== 'chat-queries-dev' && lines[i]! % 2 === 0) return;
      const got = ours[i] ?? [];
      const rank = got.findIndex((c) => q.codes.includes(c));
      if (rank !== 0) console.log(`  ✗ [${rank}] ${q.question.slice(0, 110)} → ${got.slice(0, 3).join(', ')} (want ${q.codes.slice(0, 3).join(', ')})`);
    });
  }
}
