// The figures of the checklist report, before (the components as the sources list them) and after
// (the structured checklist): list markers in what is shown, long titles, numbered lists out of
// order, components with no count and what became of them. Printed by the ingest and by
// `npm run checklist-report`.
import type { Component, SourceCase } from '../../worker/catalog/schema.ts';
import { MAX_TITLE } from './checklist-item.ts';
import { hasBullet, hasListMarker, outOfOrder, readMarkers } from './markers.ts';

export interface ChecklistFigures {
  records: number;
  /** Top-level items and sub-items. */
  components: number;
  cases: number;
  /** Records with more than one case. */
  recordsWithSeveralCases: number;
  /** What is shown starts with "- ", "+ ", "* ", "•" (the figure) / with any marker, numbering included. */
  bullets: number;
  listMarkers: number;
  overMaxTitle: number;
  over200: number;
  /** Lists (a case's items, an item's sub-items) whose numbering goes down somewhere. */
  listsOutOfOrder: number;
  /** Components with neither an original nor a copy (once per record), and how many of them are notes. */
  noCount: number;
  noCountNotes: number;
  notes: number;
  present: number;
  conditional: number;
  withChildren: number;
}

const zero = (): ChecklistFigures => ({
  records: 0,
  components: 0,
  cases: 0,
  recordsWithSeveralCases: 0,
  bullets: 0,
  listMarkers: 0,
  overMaxTitle: 0,
  over200: 0,
  listsOutOfOrder: 0,
  noCount: 0,
  noCountNotes: 0,
  notes: 0,
  present: 0,
  conditional: 0,
  withChildren: 0,
});

const noCount = (c: { originals: number | null; copies: number | null }) => !c.originals && !c.copies;

/** Before: what a reader of the published list sees is the component's whole name. */
export function sourceFigures(records: { cases: SourceCase[] }[]): ChecklistFigures {
  const f = zero();
  for (const r of records) {
    if (r.cases.length === 0) continue;
    f.records++;
    f.cases += r.cases.length;
    if (r.cases.length > 1) f.recordsWithSeveralCases++;
    for (const k of r.cases) {
      if (outOfOrder(k.components.map((c) => readMarkers(c.name).numbering))) f.listsOutOfOrder++;
      for (const c of k.components) {
        f.components++;
        if (hasBullet(c.name)) f.bullets++;
        if (hasListMarker(c.name)) f.listMarkers++;
        if (c.name.length > MAX_TITLE) f.overMaxTitle++;
        if (c.name.length > 200) f.over200++;
        if (noCount(c)) f.noCount++;
      }
    }
  }
  return f;
}

/** After: what is shown is the title (and the condition); the numbering is read from the verbatim name. */
export function structuredFigures(records: { cases: { headings: string[]; components: Component[] }[] }[]): ChecklistFigures {
  const f = zero();
  let headings = new Set<string>();
  // A component the ingest gave to several cases (an addition for all) counts once, as in the source.
  let counted = new Set<string>();
  const list = (items: Component[]) => {
    if (outOfOrder(items.map((c) => readMarkers(c.name).numbering))) f.listsOutOfOrder++;
    for (const c of items) {
      f.components++;
      if (hasBullet(c.title)) f.bullets++;
      if (hasListMarker(c.title)) f.listMarkers++;
      if (c.title.length > MAX_TITLE) f.overMaxTitle++;
      if (c.title.length > 200) f.over200++;
      if (c.kind === 'note') f.notes++;
      if (c.kind === 'present') f.present++;
      if (c.condition !== null && c.kind !== 'note') f.conditional++;
      // An item made of a case heading has no count of its own: only published components count here.
      if (noCount(c) && !headings.has(c.name) && !counted.has(c.name)) {
        counted.add(c.name);
        f.noCount++;
        if (c.kind === 'note') f.noCountNotes++;
      }
      if (c.children.length) {
        f.withChildren++;
        list(c.children);
      }
    }
  };
  for (const r of records) {
    if (r.cases.length === 0) continue;
    f.records++;
    f.cases += r.cases.length;
    if (r.cases.length > 1) f.recordsWithSeveralCases++;
    counted = new Set();
    for (const k of r.cases) {
      headings = new Set(k.headings);
      list(k.components);
    }
  }
  return f;
}

const n = (x: number) => x.toLocaleString('en-US');
const pctOf = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;

/** The before/after table the ingest and `npm run checklist-report` print. */
export function formatFigures(before: ChecklistFigures, after: ChecklistFigures): string {
  const rows: [string, string, string][] = [
    ['records with a document list', n(before.records), n(after.records)],
    ['cases (records with several)', `${n(before.cases)} (${n(before.recordsWithSeveralCases)})`, `${n(after.cases)} (${n(after.recordsWithSeveralCases)})`],
    ['components (incl. sub-items)', n(before.components), n(after.components)],
    ['shown text starts with - + * •', n(before.bullets), n(after.bullets)],
    ['… with any list marker (1. a) (i) too)', n(before.listMarkers), n(after.listMarkers)],
    [`shown text over ${MAX_TITLE} characters`, `${n(before.overMaxTitle)} (${pctOf(before.overMaxTitle, before.components)})`, `${n(after.overMaxTitle)} (${pctOf(after.overMaxTitle, after.components)})`],
    ['shown text over 200 characters', n(before.over200), n(after.over200)],
    ['numbered lists out of order', n(before.listsOutOfOrder), n(after.listsOutOfOrder)],
    ['no original and no copy (of them notes)', n(before.noCount), `${n(after.noCount)} (${n(after.noCountNotes)} notes)`],
    ['notes / to present / conditional', '—', `${n(after.notes)} / ${n(after.present)} / ${n(after.conditional)}`],
    ['items with sub-items', '—', n(after.withChildren)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return [`  ${'checklist'.padEnd(w)}  ${'before'.padStart(16)}  ${'after'.padStart(22)}`, ...rows.map(([a, b, c]) => `  ${a.padEnd(w)}  ${b.padStart(16)}  ${c.padStart(22)}`)].join('\n');
}
