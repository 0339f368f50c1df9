// The dossier status lookup as a conversation: the receipt code (asked for when missing), then the
// last 4 digits of the applicant's ID or phone number, then the status. The chat engine hands a
// message here first; the flow claims it when it holds a receipt code, asks about a dossier's
// status, or answers the flow's own question. Anything else is left to the chat, and the flow ends.
//
// State between turns (SessionState.dossier, held by the widget's context token or in KV):
// { step: 'code' } while waiting for a code, { step: 'digits', sealed } while waiting for the
// digits, where `sealed` is the receipt code encrypted and authenticated under DOSSIER_SECRET
// (secrets.ts). The digits are never in the state.
import { z } from 'zod';
import type { Procedure } from '../catalog/schema';
import type { Answer, Inline, Suggestion } from '../chat/answer';
import { logFailureOnce } from '../lib/log';
import { dossierText as T } from '../messages';
import { fold } from '../search/text';
import { dossierMessage, statusAnswer } from './answer';
import { UpstreamUnavailable, type DossierConnector } from './connector';
import { MAX_FAILURES, type Guard, type Outcome } from './guard';
import { dossierPhrases } from './phrases';
import { findReceiptCode } from './receipt-code';
import { openCode, sealCode } from './secrets';
import { digitsMatch, readDigits, verifiable } from './verify';

export const dossierStateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('code') }),
  z.object({ step: z.literal('digits'), sealed: z.string().regex(/^[A-Za-z0-9_-]{40,400}$/u) }),
]);
export type DossierState = z.infer<typeof dossierStateSchema>;

export interface DossierTurn {
  answer: Answer;
  /** The state for the next message; none = the flow is over. */
  state?: DossierState;
}

/** What the chat engine knows of the lookup (ChatDeps.dossier). */
export interface DossierDesk {
  /** The flow's answer to a message, or null when the message is not the flow's. */
  turn(message: string, state: DossierState | undefined): Promise<DossierTurn | null>;
}

export interface DeskDeps {
  /** Null when the feature is off (or misconfigured): the chat says where to look a dossier up. */
  lookup: { connector: DossierConnector; guard: Guard; secret: string; lookupsPerHour: number } | null;
  hotline: string;
  address: string;
  /** The province's public lookup page, when configured. */
  lookupUrl: string | null;
  getProcedure(code: string): Promise<Procedure | null>;
  now?: () => number;
}

/** Words that say the digits given with a code are the verification digits ("…, 4 số cuối CCCD 1234"). */
const DIGITS_CUE = /\b(so cuoi|cccd|can cuoc|cmnd|dien thoai|sdt)\b/u;

const cancelSuggestion = (): Suggestion => ({ label: T.suggestions.cancel, message: T.suggestions.cancel });

export function createDesk(deps: DeskDeps): DossierDesk {
  const now = () => deps.now?.() ?? Date.now();
  const hotline = deps.hotline;
  const lookupLink = (): Inline[][] => (deps.lookupUrl ? [[{ link: { label: T.lookupPage, url: deps.lookupUrl } }]] : []);
  const busy = (): Answer => dossierMessage([T.busy(hotline)], [], lookupLink());
  const secretTurn = (turn: DossierTurn): DossierTurn => ({ ...turn, answer: { ...turn.answer, loggedQuestion: T.loggedDigits } });

  async function record(guard: Guard, code: string, outcome: Outcome): Promise<void> {
    try {
      await guard.record(code, outcome, now());
    } catch (err) {
      logFailureOnce('dossier.d1.record', err);
    }
  }

  /** The guard's verdict, or null when D1 cannot answer (then nothing is looked up). */
  async function verdictFor(guard: Guard, code: string) {
    try {
      return await guard.check(code, now());
    } catch (err) {
      logFailureOnce('dossier.d1.check', err);
      return null;
    }
  }

  async function codeGiven(code: string, digits: string | null): Promise<DossierTurn> {
    const lookup = deps.lookup!;
    if (digits) return secretTurn(await check(code, digits, null));
    const verdict = await verdictFor(lookup.guard, code);
    if (!verdict) return { answer: busy() };
    if (verdict.kind === 'locked') {
      await record(lookup.guard, code, 'locked');
      return { answer: dossierMessage([T.locked(hotline)]) };
    }
    if (verdict.kind === 'limited') {
      await record(lookup.guard, code, 'limited');
      return { answer: dossierMessage([T.limited(lookup.lookupsPerHour, hotline)]) };
    }
    return {
      answer: dossierMessage([T.askDigits(code), T.askDigitsWhy], [cancelSuggestion()]),
      state: { step: 'digits', sealed: await sealCode(lookup.secret, code, now()) },
    };
  }

  /** Looks the code up and answers if the digits prove it is the asker's. */
  async function check(code: string, digits: string, sealed: string | null): Promise<DossierTurn> {
    const { connector, guard, secret, lookupsPerHour } = deps.lookup!;
    const verdict = await verdictFor(guard, code);
    if (!verdict) return { answer: busy() };
    if (verdict.kind === 'locked') {
      await record(guard, code, 'locked');
      return { answer: dossierMessage([T.locked(hotline)]) };
    }
    if (verdict.kind === 'limited') {
      await record(guard, code, 'limited');
      return { answer: dossierMessage([T.limited(lookupsPerHour, hotline)]) };
    }
    const retry = async (): Promise<DossierState> => ({ step: 'digits', sealed: sealed ?? (await sealCode(secret, code, now())) });
    let result;
    try {
      result = await connector.lookup(code);
    } catch (err) {
      if (!(err instanceof UpstreamUnavailable)) throw err;
      logFailureOnce(`dossier.${connector.kind}.unavailable`, err);
      await record(guard, code, 'upstream_down');
      return { answer: busy(), state: await retry() };
    }
    if (!result.found) {
      await record(guard, code, 'not_found');
      return { answer: dossierMessage([T.notFound(code, hotline)], [{ label: T.suggestions.another, message: T.quickReply }]) };
    }
    const d = result.dossier;
    if (!verifiable(d)) {
      await record(guard, code, 'unverifiable');
      return { answer: dossierMessage([T.unverifiable(hotline)]) };
    }
    if (!digitsMatch(d, digits)) {
      await record(guard, code, 'verify_failed');
      const left = MAX_FAILURES - (verdict.failures + 1);
      if (left <= 0) return { answer: dossierMessage([T.locked(hotline)]) };
      return { answer: dossierMessage([T.wrongDigits(left)], [cancelSuggestion()]), state: await retry() };
    }
    await record(guard, code, 'found');
    const procedure = d.procedureCode ? await deps.getProcedure(d.procedureCode).catch(() => null) : null;
    return { answer: statusAnswer(d, { hotline, address: deps.address, procedure, now: now() }) };
  }

  return {
    async turn(message, state) {
      const found = findReceiptCode(message, now());
      const phrases = dossierPhrases();
      const asks = phrases.asksStatus(message);
      if (!state && !found.code && !found.malformed && !asks) return null;
      if (state && phrases.cancels(message)) return { answer: dossierMessage([T.cancelled]) };
      if (!deps.lookup) return { answer: dossierMessage([T.off(hotline)], [], lookupLink()) };

      if (found.code) {
        const alongside = DIGITS_CUE.test(fold(found.rest)) ? readDigits(found.rest) : null;
        return codeGiven(found.code.code, alongside?.kind === 'digits' ? alongside.digits : null);
      }
      if (found.malformed) return { answer: dossierMessage([T.malformed[found.malformed]], [cancelSuggestion()]), state: { step: 'code' } };
      if (state?.step === 'digits') {
        const reading = readDigits(message);
        if (reading.kind === 'digits') {
          const code = await openCode(deps.lookup.secret, state.sealed, now());
          if (!code) return secretTurn({ answer: dossierMessage([T.expired]), state: { step: 'code' } });
          return secretTurn(await check(code, reading.digits, state.sealed));
        }
        if (reading.kind === 'wrong_length') return secretTurn({ answer: dossierMessage([T.digitsWrongLength], [cancelSuggestion()]), state });
      }
      if (asks) return { answer: dossierMessage([T.askCode], [cancelSuggestion()]), state: { step: 'code' } };
      // Waiting for a code or digits, but the message is about something else: the chat answers it.
      return null;
    },
  };
}
