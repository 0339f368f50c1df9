// The order a person reads a checklist in, shared by every place that shows documents (the chat's
// components answer, the staff checklist and its print view, the intake check): the documents
// everyone brings (the application form first: the ingest put it there), then those to present,
// then the "tùy trường hợp" ones with their condition, then the notes. Within each group the
// catalog's own order (the source's numbering) is kept. The ingest did the reading
// (scripts/ingest/checklist.ts); this only groups.
import type { Component } from './schema';

export type ChecklistGroup = 'everyone' | 'present' | 'conditional' | 'notes';

export const GROUP_ORDER: readonly ChecklistGroup[] = ['everyone', 'present', 'conditional', 'notes'];

export function groupOf(c: Component): ChecklistGroup {
  if (c.kind === 'note') return 'notes';
  if (c.condition !== null) return 'conditional';
  return c.kind === 'present' ? 'present' : 'everyone';
}

/** The components in reading order, each with its group and its place in the catalog's list. */
export function readingOrder(components: Component[]): { component: Component; group: ChecklistGroup; index: number }[] {
  const placed = components.map((component, index) => ({ component, group: groupOf(component), index }));
  return GROUP_ORDER.flatMap((g) => placed.filter((x) => x.group === g));
}

/** The components by group, in reading order. */
export function checklistGroups(components: Component[]): Record<ChecklistGroup, Component[]> {
  const out: Record<ChecklistGroup, Component[]> = { everyone: [], present: [], conditional: [], notes: [] };
  for (const c of components) out[groupOf(c)].push(c);
  return out;
}

/** The catalog's text without its leading list markers ("- ", "+ ", "1.", "a)", "(i)"): a note in full. */
export function withoutMarkers(text: string): string {
  return text.replace(/^(?:\s*(?:[-–—+*•·]+|\d{1,2}(?:\.\d{1,2})*[.)/]|[a-zđ][.)](?=\s)|\((?:\d{1,2}|[ivx]{1,5}|[a-zđ])\)))+\s*/iu, '').trim() || text.trim();
}
