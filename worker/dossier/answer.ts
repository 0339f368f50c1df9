// A dossier's status as the answer model (chat/answer.ts), rendered by every channel with the
// existing blocks: what it is, when it was received and is due (and how late), its status in the
// national list's words, the current step, and what the citizen should do next.
import type { Procedure } from '../catalog/schema';
import type { Answer, Block, Inline, Suggestion } from '../chat/answer';
import { dossierText as T } from '../messages';
import type { Dossier } from './connector';
import { IN_PROGRESS } from './status';
import { maskName } from './verify';

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Vietnam's calendar day of an instant, as days since the epoch. */
const vnDay = (t: number) => Math.floor((t + VN_OFFSET_MS) / DAY_MS);

/** Vietnam's date and time of an instant: ["05/01/2024", "17:00"]. */
function vnParts(d: Date): [string, string] {
  const iso = new Date(d.getTime() + VN_OFFSET_MS).toISOString();
  return [`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, iso.slice(11, 16)];
}

/** "05/01/2024", with " lúc 17:00" when the time of day is not midnight. */
export function formatVnDate(d: Date, withTime = true): string {
  const [date, time] = vnParts(d);
  return withTime && time !== '00:00' ? T.at(date, time) : date;
}

/** Whole days the appointment is past, for a dossier still being handled; 0 when not late. */
export function overdueDays(d: Dossier, now = Date.now()): number {
  if (!d.appointmentAt || d.status === null || !IN_PROGRESS.has(d.status)) return 0;
  return Math.max(0, vnDay(now) - vnDay(d.appointmentAt.getTime()));
}

export interface StatusContext {
  hotline: string;
  /** Where results are collected when the dossier does not name its agency. */
  address: string;
  /** The procedure in the national catalog, when the upstream's code is there. */
  procedure: Procedure | null;
  now?: number;
}

function nextStep(d: Dossier, ctx: StatusContext, late: number): Inline[][] {
  const n = T.next;
  const completed = d.completedAt ? formatVnDate(d.completedAt, false) : null;
  switch (d.status) {
    case 1:
    case 2:
    case 4:
      return [[late ? n.overdue(late, ctx.hotline) : n[d.status]]];
    case 3:
    case 7:
    case 8:
      return [[n[d.status](ctx.hotline)]];
    case 5: {
      const url = ctx.procedure?.url;
      return url ? [[n[5]], [{ link: { label: T.checklistLink, url } }]] : [[n[5]]];
    }
    case 6:
      return [[n[6]]];
    case 9:
      if (d.returnByPost === true) return [[n.post9]];
      return [[n[9](d.agency ?? ctx.address)], ...(d.returnByPost === null ? [[n.maybePost9]] : [])];
    case 10:
      return [[d.returnByPost === true ? n.post10(completed) : n[10](completed)]];
    default:
      return [[n.unknown(ctx.hotline)]];
  }
}

function suggestions(d: Dossier, procedure: Procedure | null): Suggestion[] {
  const s = T.suggestions;
  const out: Suggestion[] = [];
  // Never a suggestion with the receipt code in it: channels keep suggestions (Zalo's numbered
  // menu in KV), and the code must not be stored in clear.
  if (procedure && (d.status === 5 || d.status === 3)) out.push({ label: s.documents, message: s.documentsMessage(procedure.code) });
  if (procedure && d.status === 6) out.push({ label: s.fee, message: s.feeMessage(procedure.code) });
  out.push({ label: s.another, message: T.quickReply });
  return out;
}

export function statusAnswer(d: Dossier, ctx: StatusContext): Answer {
  const now = ctx.now ?? Date.now();
  const late = overdueDays(d, now);
  const lookedUp = vnParts(new Date(now));
  const f = T.fields;
  const items: Inline[][] = [];
  const name = d.procedureName ?? ctx.procedure?.name ?? null;
  if (name) items.push([{ bold: f.procedure }, name]);
  if (d.applicantName) items.push([{ bold: f.applicant }, maskName(d.applicantName)]);
  if (d.receivedAt) items.push([{ bold: f.received }, formatVnDate(d.receivedAt)]);
  if (d.appointmentAt) items.push([{ bold: f.appointment }, formatVnDate(d.appointmentAt) + (late ? T.overdue(late) : '')]);
  if (d.completedAt && d.status !== null && !IN_PROGRESS.has(d.status)) items.push([{ bold: f.completed }, formatVnDate(d.completedAt)]);
  items.push([{ bold: f.status }, d.status !== null ? T.statuses[d.status] : T.unknownStatus(d.rawStatus ?? '—')]);
  if (d.currentStep) items.push([{ bold: f.step }, d.currentStep]);
  if (d.agency) items.push([{ bold: f.agency }, d.agency]);
  const blocks: Block[] = [
    { type: 'heading', text: [T.heading(d.code)] },
    { type: 'list', ordered: false, items },
    ...nextStep(d, ctx, late).map((text): Block => ({ type: 'paragraph', text })),
    { type: 'note', text: [T.source(lookedUp[1], lookedUp[0])] },
  ];
  return {
    intent: 'dossier_status',
    aspect: null,
    ...(ctx.procedure ? { procedure: { code: ctx.procedure.code, name: ctx.procedure.name, url: ctx.procedure.url } } : {}),
    blocks,
    suggestions: suggestions(d, ctx.procedure),
    sources: ctx.procedure ? [ctx.procedure.code] : [],
    matched: false,
    personal: true,
  };
}

/** A turn of the lookup that is only words (a question, a refusal, a notice). */
export function dossierMessage(paragraphs: string[], suggestions: Suggestion[] = [], extra: Inline[][] = []): Answer {
  return {
    intent: 'dossier_status',
    aspect: null,
    blocks: [...paragraphs.map((t): Block => ({ type: 'paragraph', text: [t] })), ...extra.map((text): Block => ({ type: 'paragraph', text }))],
    suggestions,
    sources: [],
    matched: false,
    personal: true,
  };
}
