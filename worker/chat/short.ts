// The short form of an answer, for channels where space is short: on Zalo and Messenger a message
// holds 2,000 characters, and a documents answer sent whole was 7 messages (about 8,000
// characters: every note for the clerk, every legal aside) that nobody reads on a phone.
//
// It is derived from the answer's own blocks, so it states nothing the answer does not:
// - documents: the ones everyone brings and those to present, each by its title with originals,
//   copies and forms (the rest of each item's text left out); the "tùy trường hợp" ones and the
//   notes counted ("+ 3 giấy tờ tùy trường hợp, 17 lưu ý") — listed only when a case has no other
//   document, else the short form would name none;
// - fees compact (each list's `brief` items: the amount without the catalog's text about it);
// - the link "Xem đầy đủ: <page>" to the procedure's public page (GET /thu-tuc/:code), which holds
//   everything left out, and replaces the national portal's link of the source line.
// When that is still too long for where it is sent (`fits`, the channel's message count and
// length), whole items are dropped from the end of the longest list, and counted ("… và 4 mục
// khác"): steps and other lists first, then documents' sub-items, then documents. Nothing is cut
// inside an item.
import { shortText } from '../messages';
import type { Answer, Block, ChecklistItem, Inline } from './answer';

export interface ShortFormOptions {
  /** The procedure's public page: where what the short form leaves out is. */
  pageUrl: string;
  /** Whether these blocks fit where they are sent (a channel: its message count and length). */
  fits: (blocks: Block[]) => boolean;
}

type ListBlock = Extract<Block, { type: 'list' }>;
type ChecklistBlock = Extract<Block, { type: 'checklist' }>;

/** A block of the short form, with how much of it is kept; `case` as its block's. */
type Entry = { case?: number } & (
  | { kind: 'fixed'; block: Block }
  /** What is counted instead of listed, one line for consecutive blocks. */
  | { kind: 'omitted'; parts: string[] }
  | { kind: 'list'; block: ListBlock; keep: number }
  /** `children`: how many sub-items of each item are kept. */
  | { kind: 'checklist'; block: ChecklistBlock; keep: number; children: number[] }
);

/** The entries, and the cases dropped from the end of the answer. */
interface Form {
  entries: Entry[];
  droppedCases: Set<number>;
}

export function pageLinkBlock(pageUrl: string): Block {
  return { type: 'paragraph', text: [{ link: { label: shortText.seeFull, url: pageUrl } }] };
}

/** The answer's blocks in short, fitted by dropping whole items (see the module comment). */
export function shortForm(answer: Answer, opts: ShortFormOptions): Block[] {
  const form: Form = { entries: briefEntries(answer, opts.pageUrl), droppedCases: new Set() };
  let blocks = render(form);
  while (!opts.fits(blocks) && trimOnce(form)) blocks = render(form);
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// The brief form: every block once, details left out.

const withoutDetail = (it: ChecklistItem): ChecklistItem => ({
  text: it.text,
  ...(it.condition ? { condition: it.condition } : {}),
  ...(it.children?.length ? { children: it.children.map(withoutDetail) } : {}),
});

/** Items of the lists and checklists inside blocks (the notes of a collapsible section). */
function itemCount(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + (b.type === 'list' || b.type === 'checklist' ? b.items.length : b.type === 'collapsible' ? itemCount(b.blocks) : 1), 0);
}

const isEssential = (b: Block | undefined) => b?.type === 'checklist' && (b.group === 'everyone' || b.group === 'present');

/** What a block is counted as instead of being listed, or null when it is kept. */
function omission(b: Block, previous: Block | undefined): string | null {
  if (b.type === 'collapsible') return shortText.notes(itemCount(b.blocks));
  // "Tùy trường hợp" follows the case's essential documents (compose.ts): counted after them.
  if (b.type === 'checklist' && b.group === 'conditional' && isEssential(previous)) return shortText.conditional(b.items.length);
  return null;
}

/** A note (the source line) without its links to `url` (the national portal's page: on the public page too). */
function withoutLinkTo(b: Block, url: string | null | undefined): Block | null {
  if (!url || b.type !== 'note') return b;
  const text = b.text.filter((p) => typeof p === 'string' || !('link' in p) || p.link.url !== url);
  if (text.length === b.text.length) return b;
  const last = text[text.length - 1];
  if (typeof last === 'string') text[text.length - 1] = last.trimEnd();
  return text.some((p) => (typeof p === 'string' ? p.trim() : true)) ? { ...b, text } : null;
}

/** A paragraph that is only a link to url (the submission link, the page's link). */
export const isLinkBlock = (b: Block, url: string | undefined): boolean =>
  url !== undefined && b.type === 'paragraph' && b.text.length === 1 && typeof b.text[0] === 'object' && 'link' in b.text[0] && b.text[0].link.url === url;

function briefEntries(answer: Answer, pageUrl: string): Entry[] {
  const blocks = answer.blocks;
  // The page's link closes the body: before the submission link, else before the source line.
  const submitAt = blocks.findIndex((b) => isLinkBlock(b, answer.submitUrl));
  const linkAt = submitAt >= 0 ? submitAt : Math.max(0, blocks.length - 1);
  const out: Entry[] = [];
  blocks.forEach((original, i) => {
    if (i === linkAt) out.push({ kind: 'fixed', block: pageLinkBlock(pageUrl) });
    const tag = original.case === undefined ? {} : { case: original.case };
    const counted = omission(original, blocks[i - 1]);
    if (counted) {
      const last = out[out.length - 1];
      if (last?.kind === 'omitted' && last.case === original.case) last.parts.push(counted);
      else out.push({ kind: 'omitted', parts: [counted], ...tag });
      return;
    }
    const b = withoutLinkTo(original, answer.procedure?.url);
    if (!b) return;
    if (b.type === 'list') {
      const items = b.brief ?? b.items;
      out.push({ kind: 'list', block: { type: 'list', ordered: b.ordered, items }, keep: items.length, ...tag });
    } else if (b.type === 'checklist') {
      const items = b.items.map(withoutDetail);
      out.push({ kind: 'checklist', block: { ...b, items }, keep: items.length, children: items.map((it) => it.children?.length ?? 0), ...tag });
    } else out.push({ kind: 'fixed', block: b, ...tag });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fitting: dropping whole items, counted.

function withChildren(it: ChecklistItem, keep: number): ChecklistItem {
  const all = it.children ?? [];
  if (keep >= all.length) return it;
  const { children: _all, ...rest } = it;
  const text: Inline[] = [...it.text, shortText.moreSubItems(all.length - keep)];
  return { ...rest, text, ...(keep ? { children: all.slice(0, keep) } : {}) };
}

function renderEntry(e: Entry): Block[] {
  switch (e.kind) {
    case 'fixed':
      return [e.block];
    case 'omitted':
      return [{ type: 'paragraph', text: [shortText.omitted(e.parts)] }];
    case 'list': {
      const dropped = e.block.items.length - e.keep;
      if (!dropped) return [e.block];
      const counted: Block = { type: 'note', text: [e.keep ? shortText.moreItems(dropped) : shortText.itemsOnPage(dropped)] };
      return e.keep ? [{ ...e.block, items: e.block.items.slice(0, e.keep) }, counted] : [counted];
    }
    case 'checklist': {
      const dropped = e.block.items.length - e.keep;
      const items = e.block.items.slice(0, e.keep).map((it, j) => withChildren(it, e.children[j] ?? 0));
      return [{ ...e.block, items }, ...(dropped ? [{ type: 'paragraph', text: [shortText.moreDocuments(dropped)] } as Block] : [])];
    }
  }
}

function render(form: Form): Block[] {
  const out: Block[] = [];
  const { entries, droppedCases } = form;
  let lastKept = -1;
  entries.forEach((e, i) => {
    if (e.case !== undefined && !droppedCases.has(e.case)) lastKept = i;
  });
  entries.forEach((e, i) => {
    if (e.case !== undefined && droppedCases.has(e.case)) return;
    out.push(...renderEntry(e));
    if (i === lastKept && droppedCases.size) out.push({ type: 'paragraph', text: [shortText.moreCases(droppedCases.size)] });
  });
  return out;
}

type Trimmable = Extract<Entry, { kind: 'list' | 'checklist' }>;

/** The entry of a kind with the most items kept (above `min`), or null. */
function largest(entries: Entry[], kind: Trimmable['kind'], min: number): Trimmable | null {
  let best: Trimmable | null = null;
  for (const e of entries) if (e.kind === kind && e.keep > min && (!best || e.keep > best.keep)) best = e;
  return best;
}

/**
 * Drops one item, the last of the longest list of the first kind that has one to spare: other
 * lists (steps, legal basis…), then documents' sub-items, then documents (every list keeping its
 * first item), then whole cases from the end (the first kept), then the lists' last items (one too
 * long for a message: a step of a page's length). False when nothing is left to drop.
 */
function trimOnce(form: Form): boolean {
  const entries = form.entries.filter((e) => e.case === undefined || !form.droppedCases.has(e.case));
  const list = largest(entries, 'list', 1);
  if (list) {
    list.keep--;
    return true;
  }
  let parent: { e: Extract<Entry, { kind: 'checklist' }>; j: number } | null = null;
  for (const e of entries) {
    if (e.kind !== 'checklist') continue;
    for (let j = 0; j < e.keep; j++) if ((e.children[j] ?? 0) > 0 && (!parent || e.children[j]! > parent.e.children[parent.j]!)) parent = { e, j };
  }
  if (parent) {
    parent.e.children[parent.j]!--;
    return true;
  }
  const checklist = largest(entries, 'checklist', 1);
  if (checklist) {
    checklist.keep--;
    return true;
  }
  const cases = [...new Set(entries.flatMap((e) => (e.case === undefined ? [] : [e.case])))];
  if (cases.length > 1) {
    form.droppedCases.add(cases[cases.length - 1]!);
    return true;
  }
  const last = largest(entries, 'list', 0);
  if (last) {
    last.keep--;
    return true;
  }
  return false;
}
