// The intake check: what a citizen handed in, against the checklist of one case of a procedure.
//
// Rules (documented in the README, "Staff console"):
//  - Only "expected" components (checklist.ts) can be missing or short; "tùy trường hợp" ones are
//    listed apart and never block; notes are not documents and take no part.
//  - A received entry without counts means "received as the catalog asks" (the clerk ticked it).
//  - Originals and copies are checked separately: an extra original does not stand in for a
//    missing copy (the clerk decides that at the counter).
//  - When the catalog gives no count (null or 0 for both), any received document satisfies it.
//  - Two entries for the same component add up.
import { z } from 'zod';
import { procedureCodeSchema, type Procedure } from '../catalog/schema';
import { AppError } from '../errors';
import { staffText } from '../messages';
import { buildChecklist, type ChecklistCase } from '../checklist/checklist';

const count = z
  .number({ error: staffText.intake.countInvalid })
  .int(staffText.intake.countInvalid)
  .min(0, staffText.intake.countInvalid)
  .max(99, staffText.intake.countInvalid);

export const intakeRequestSchema = z.object({
  code: z
    .string({ error: staffText.intake.codeInvalid })
    .trim()
    .refine((v) => procedureCodeSchema.safeParse(v).success, staffText.intake.codeInvalid),
  case: z.number({ error: staffText.intake.caseInvalid }).int(staffText.intake.caseInvalid).min(0, staffText.intake.caseInvalid).default(0),
  received: z
    .array(
      z.object({
        component: z.union([z.number().int().min(0), z.string().trim().min(1).max(2000)], { error: staffText.intake.componentInvalid }),
        originals: count.optional(),
        copies: count.optional(),
      }),
      { error: staffText.intake.receivedInvalid },
    )
    .max(500, staffText.intake.receivedInvalid)
    .default([]),
});
export type IntakeRequest = z.infer<typeof intakeRequestSchema>;

export const missingItemSchema = z.object({
  component: z.number().int(),
  /** The catalog's verbatim text, and the short title the checklist shows. */
  name: z.string(),
  title: z.string(),
  needOriginals: z.number().int().nullable(),
  needCopies: z.number().int().nullable(),
  gotOriginals: z.number().int(),
  gotCopies: z.number().int(),
  reason: z.enum(['missing', 'short']),
});
export type MissingItem = z.infer<typeof missingItemSchema>;

export const intakeResultSchema = z.object({
  code: z.string(),
  name: z.string(),
  case: z.object({ index: z.number().int(), label: z.string() }),
  complete: z.boolean(),
  missing: z.array(missingItemSchema),
  /** "tùy trường hợp" components: shown, never missing. */
  conditional: z.array(z.object({ component: z.number().int(), name: z.string(), title: z.string(), condition: z.string().nullable(), received: z.boolean() })),
  expected: z.number().int(),
  satisfied: z.number().int(),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

interface Got {
  originals: number;
  copies: number;
  /** Received with counts omitted: as the catalog asks. */
  asAsked: boolean;
}

function resolveCase(p: Procedure, caseIndex: number): ChecklistCase {
  const checklist = buildChecklist(p);
  if (!checklist.cases.length) throw new AppError(400, 'intake_no_components', staffText.intake.noComponents(p.code));
  const chosen = checklist.cases[caseIndex];
  if (!chosen) throw new AppError(400, 'intake_unknown_case', staffText.intake.unknownCase(caseIndex, checklist.cases.length));
  return chosen;
}

export function checkIntake(p: Procedure, caseIndex: number, received: IntakeRequest['received']): IntakeResult {
  const theCase = resolveCase(p, caseIndex);
  const byName = new Map<string, number>();
  const byIndex = new Map(theCase.components.map((c) => [c.index, c]));
  // By the catalog's verbatim text or by the short title the checklist shows.
  for (const c of theCase.components) {
    for (const key of [c.name, c.title]) if (!byName.has(key.normalize('NFC').trim())) byName.set(key.normalize('NFC').trim(), c.index);
  }

  const got = new Map<number, Got>();
  for (const r of received) {
    const index = typeof r.component === 'number' ? r.component : byName.get(r.component.normalize('NFC').trim());
    const component = index === undefined ? undefined : byIndex.get(index);
    if (!component || index === undefined) {
      const shown = typeof r.component === 'number' ? String(r.component) : r.component.slice(0, 80);
      throw new AppError(400, 'intake_unknown_component', staffText.intake.unknownComponent(shown, theCase.components.length));
    }
    const asAsked = r.originals === undefined && r.copies === undefined;
    const add: Got = asAsked
      ? { originals: component.originals ?? 0, copies: component.copies ?? 0, asAsked: true }
      : { originals: r.originals ?? 0, copies: r.copies ?? 0, asAsked: false };
    const prev = got.get(index);
    got.set(index, prev ? { originals: prev.originals + add.originals, copies: prev.copies + add.copies, asAsked: prev.asAsked || add.asAsked } : add);
  }

  const missing: MissingItem[] = [];
  const conditional: IntakeResult['conditional'] = [];
  let expected = 0;
  for (const c of theCase.components) {
    const g = got.get(c.index);
    const have = g ? g.originals + g.copies > 0 || g.asAsked : false;
    if (c.expectation === 'note') continue;
    if (c.expectation === 'conditional') {
      conditional.push({ component: c.index, name: c.name, title: c.title, condition: c.condition, received: have });
      continue;
    }
    expected++;
    const needO = c.originals ?? 0;
    const needC = c.copies ?? 0;
    const gotO = g?.originals ?? 0;
    const gotC = g?.copies ?? 0;
    const ok = needO + needC > 0 ? gotO >= needO && gotC >= needC : have;
    if (ok) continue;
    missing.push({
      component: c.index,
      name: c.name,
      title: c.title,
      needOriginals: c.originals,
      needCopies: c.copies,
      gotOriginals: gotO,
      gotCopies: gotC,
      reason: have ? 'short' : 'missing',
    });
  }
  return {
    code: p.code,
    name: p.name,
    case: { index: theCase.index, label: theCase.label },
    complete: missing.length === 0,
    missing,
    conditional,
    expected,
    satisfied: expected - missing.length,
  };
}

/** What the citizen still has to bring, for the slip: "Bổ sung 1 bản sao (đã nộp 0/1)". */
export function shortfall(m: MissingItem): string {
  const t = staffText.intake;
  const needO = m.needOriginals ?? 0;
  const needC = m.needCopies ?? 0;
  if (needO + needC === 0) return t.bringAny;
  const parts: string[] = [];
  if (m.gotOriginals < needO) parts.push(t.moreOriginals(needO - m.gotOriginals));
  if (m.gotCopies < needC) parts.push(t.moreCopies(needC - m.gotCopies));
  return parts.join(', ');
}
