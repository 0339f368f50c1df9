// The conversation engine. It knows no channel: it takes a message and the session state and
// returns an answer model plus the next session state. Channels (web API, Zalo, Messenger, Bot
// Framework) parse their requests into a message and render the answer in their own format.
import type { Procedure } from '../catalog/schema';
import type { DossierDesk, DossierState } from '../dossier/flow';
import { chatText } from '../messages';
import { levelQualifier, withoutLevelQualifier, type SearchEngine, type SearchHit } from '../search/engine';
import type { Answer, Suggestion } from './answer';
import { caseLabel, composeProcedureAnswer, MAX_CASES_LISTED, type AnswerAspect } from './compose';
import { agreement, namesOnlyPartOf } from './confidence';
import { parseChoice } from './choice';
import type { Smalltalk } from './smalltalk';
import { fold, syllables } from '../search/text';

export interface ChatConfig {
  centreName: string;
  hotline: string;
  address: string;
  submitUrlTemplate?: string;
  /** The deployment's province (PROVINCE), or null for the national catalog. */
  province: string | null;
}

export interface ChatDeps {
  search: SearchEngine;
  smalltalk: Smalltalk;
  getProcedure(code: string): Promise<Procedure | null>;
  config: ChatConfig;
  /** Dossier status lookups (worker/dossier/flow.ts); absent = not part of this engine. */
  dossier?: DossierDesk;
}

export interface PendingOption {
  label: string;
  code: string;
  caseIndex?: number;
}

export interface SessionState {
  /** The procedure being talked about. */
  procedure?: string;
  aspect?: AnswerAspect;
  caseIndex?: number;
  /** The list last offered, for "cái thứ 2" or a chosen label. */
  options?: PendingOption[];
  /** Aspect to answer once an option is chosen. */
  pendingAspect?: AnswerAspect;
  /** A dossier lookup waiting for its code or digits; kept only while the flow sets it again. */
  dossier?: DossierState;
}

export const newSession = (): SessionState => ({});

/** Below this agreement the best candidate is not answered as if it were certain. */
const MIN_AGREEMENT = 0.25;
/** Two candidates this close in score are both offered instead of guessing. */
const CLOSE_SCORE = 0.02;
/**
 * A question that names only part of this many procedures' names is offered them. With two, the
 * better one is answered: they are usually one procedure by two channels ("Đăng ký xe tạm thời …
 * trực tuyến toàn trình" / "… một phần hoặc trực tiếp"), which its answer covers.
 */
const MIN_BROAD_OPTIONS = 3;
/** A message with an out-of-scope topic is still answered when it names a procedure this clearly. */
const CLEAR_AGREEMENT = 0.6;
/** Follow-up: a short message with an aspect and little else is about the current procedure. */
const FOLLOW_UP_MAX_WORDS = 4;
const MAX_OPTIONS = 5;
/** Every case's documents are listed at once up to this many documents in all. */
const MAX_DOCUMENTS_LISTED = 30;

function plain(intent: Answer['intent'], text: string[], suggestions: Suggestion[] = [], matched = false): Answer {
  return {
    intent,
    aspect: null,
    blocks: text.map((t) => ({ type: 'paragraph', text: [t] })),
    suggestions,
    sources: [],
    matched,
  };
}

const exampleSuggestions = (): Suggestion[] => chatText.examples.map((q) => ({ label: q, message: q }));

export class ChatEngine {
  constructor(private readonly deps: ChatDeps) {}

  async respond(message: string, session: SessionState): Promise<{ answer: Answer; session: SessionState }> {
    const { answer, state } = await this.decide(message.trim(), session);
    return { answer, session: { ...session, dossier: undefined, ...state } };
  }

  private async decide(message: string, session: SessionState): Promise<{ answer: Answer; state: Partial<SessionState> }> {
    const { search, smalltalk, config } = this.deps;
    // A receipt code, a dossier status question, or the reply the lookup waits for.
    const dossier = await this.deps.dossier?.turn(message, session.dossier);
    if (dossier) return { answer: dossier.answer, state: { dossier: dossier.state, options: undefined } };
    const talk = smalltalk.match(message);
    const analysis = search.analyze(message);

    if (talk.kinds.includes('personalData')) {
      return { answer: plain('out_of_scope', [chatText.personalData(config.hotline)]), state: { options: undefined } };
    }

    // A reply to the list offered last ("2", "cái thứ hai", or the label itself).
    if (session.options?.length && analysis.codes.length === 0) {
      const chosen = parseChoice(message, session.options.map((o) => o.label));
      if (chosen !== null) {
        const option = session.options[chosen]!;
        return this.answerProcedure(option.code, option.caseIndex !== undefined ? 'components' : (session.pendingAspect ?? 'overview'), option.caseIndex);
      }
    }

    if (analysis.codes.length === 0 && talk.rest <= 2) {
      if (talk.kinds.includes('help') || (talk.kinds.includes('greeting') && talk.rest === 0)) {
        return { answer: this.welcome(talk.kinds.includes('help')), state: { options: undefined } };
      }
      if (talk.kinds.includes('thanks')) return { answer: plain('thanks', [chatText.thanks]), state: {} };
      if (talk.kinds.includes('bye')) return { answer: plain('bye', [chatText.bye]), state: {} };
      if (talk.kinds.includes('greeting')) return { answer: this.welcome(false), state: { options: undefined } };
    }

    const aspect: AnswerAspect = analysis.aspects[0] ?? 'overview';
    const found = search.searchAnalyzed(analysis, { limit: 2 * MAX_OPTIONS, province: config.province });
    const hits = found.slice(0, MAX_OPTIONS);
    const top = hits[0];
    const topAgreement = top ? agreement(analysis.searchText, top.name) : 0;

    if (analysis.codes.length && top && analysis.codes.includes(top.code)) {
      return this.answerProcedure(top.code, aspect, undefined, analysis.searchText);
    }

    if (talk.kinds.includes('outOfScope') && topAgreement < CLEAR_AGREEMENT) {
      return { answer: plain('out_of_scope', [chatText.outOfScope(config.hotline, config.address)]), state: { options: undefined } };
    }

    // "còn lệ phí thì sao?", "nộp online được không?": the procedure talked about, another aspect.
    const contentWords = analysis.searchText ? syllables(analysis.searchText.split('\n')[0] ?? '').length : 0;
    if (session.procedure && analysis.aspects.length && (contentWords <= FOLLOW_UP_MAX_WORDS || topAgreement < MIN_AGREEMENT)) {
      if (!top || topAgreement < CLEAR_AGREEMENT || top.code === session.procedure) {
        return this.answerProcedure(session.procedure, aspect, aspect === 'components' ? session.caseIndex : undefined);
      }
    }

    if (!top || topAgreement < MIN_AGREEMENT) return { answer: this.unmatched(hits), state: { options: this.optionsOf(hits.slice(0, 3)), pendingAspect: aspect } };

    // The same procedure published for several levels ("… (thực hiện tại cấp tỉnh)" / "(… cấp trung
    // ương)"): ask which level, unless the question names it.
    const variants = hits.filter((h) => h.name !== top.name && sameName(withoutLevelQualifier(h.name), withoutLevelQualifier(top.name)));
    if (variants.length) {
      const all = [top, ...variants];
      const named = all.filter((h) => {
        const level = levelQualifier(h.name);
        return level !== null && fold(message).includes(fold(level));
      });
      if (named.length === 1) return this.answerProcedure(named[0]!.code, aspect, undefined, analysis.searchText);
      return this.clarify(all, aspect);
    }
    // A question that names only what several procedures share ("xin giấy phép xây dựng": for a
    // house, a railway crossing, a monument…): offer them rather than guess.
    if (namesOnlyPartOf(analysis.searchText, top.name)) {
      // Procedures with a full record first: a choice that leads to "no details in the catalog" helps little.
      const broad = found.filter((h) => namesOnlyPartOf(analysis.searchText, h.name));
      const distinct = distinctNames(broad);
      const offered = [...distinct.filter((h) => h.detail), ...distinct.filter((h) => !h.detail)].slice(0, MAX_OPTIONS);
      if (offered.length >= MIN_BROAD_OPTIONS) return this.clarify(offered, aspect);
    }
    const close = hits.filter((h, i) => i === 0 || (top.score - h.score < CLOSE_SCORE && agreement(analysis.searchText, h.name) >= MIN_AGREEMENT));
    // The same name under several codes is one procedure published by several provinces: no choice to offer.
    const distinct = distinctNames(close);
    if (distinct.length > 1) return this.clarify(distinct, aspect);
    return this.answerProcedure(top.code, aspect, undefined, analysis.searchText);
  }

  private optionsOf(hits: SearchHit[]): PendingOption[] {
    return hits.map((h) => ({ label: h.name, code: h.code }));
  }

  private welcome(help: boolean): Answer {
    const { centreName } = this.deps.config;
    return {
      ...plain(help ? 'help' : 'greeting', [chatText.greeting(centreName), chatText.helpIntro], exampleSuggestions()),
      blocks: [
        { type: 'paragraph', text: [chatText.greeting(centreName)] },
        { type: 'paragraph', text: [chatText.helpIntro] },
        { type: 'list', ordered: false, items: chatText.examples.map((e) => [e]) },
      ],
    };
  }

  private unmatched(hits: SearchHit[]): Answer {
    const nearest = hits.slice(0, 3);
    const answer = plain('unmatched', [chatText.unmatched(this.deps.config.hotline)]);
    if (nearest.length) {
      answer.blocks.push(
        { type: 'paragraph', text: [chatText.nearest] },
        { type: 'list', ordered: true, items: nearest.map((h) => [h.name, ` (mã ${h.code})`]) },
      );
    }
    answer.suggestions = nearest.map((h, i) => ({ label: `${i + 1}. ${shorten(h.name)}`, message: String(i + 1) }));
    answer.sources = nearest.map((h) => h.code);
    return answer;
  }

  private clarify(hits: SearchHit[], aspect: AnswerAspect): { answer: Answer; state: Partial<SessionState> } {
    const options = this.optionsOf(hits.slice(0, MAX_OPTIONS));
    const answer: Answer = {
      intent: 'clarify',
      aspect,
      blocks: [
        { type: 'paragraph', text: [chatText.clarifyProcedure] },
        { type: 'list', ordered: true, items: options.map((o) => [o.label, ` (mã ${o.code})`]) },
        { type: 'note', text: [chatText.choose(options.length)] },
      ],
      suggestions: options.map((o, i) => ({ label: `${i + 1}. ${shorten(o.label)}`, message: String(i + 1) })),
      sources: options.map((o) => o.code),
      matched: false,
    };
    return { answer, state: { options, pendingAspect: aspect, procedure: undefined } };
  }

  private async answerProcedure(
    code: string,
    aspect: AnswerAspect,
    caseIndex?: number,
    question = '',
  ): Promise<{ answer: Answer; state: Partial<SessionState> }> {
    const p = await this.deps.getProcedure(code);
    if (!p) return { answer: this.unmatched([]), state: { options: undefined } };
    // Documents differ by case. With many cases and documents, list the case the question points
    // to (or the one named like the procedure itself) and offer the others to choose from.
    const listed = p.cases.filter((c) => c.components.length);
    const documents = listed.reduce((n, c) => n + c.components.length, 0);
    if (aspect === 'components' && caseIndex === undefined && listed.length > MAX_CASES_LISTED && documents > MAX_DOCUMENTS_LISTED) {
      const chosen = bestCase(p, question);
      const options = p.cases
        .map((c, i) => ({ label: caseLabel(c, i), code: p.code, caseIndex: i }))
        .filter((o) => p.cases[o.caseIndex]!.components.length > 0 && o.caseIndex !== chosen)
        .slice(0, MAX_OPTIONS - 1);
      const answer = composeProcedureAnswer(p, aspect, { submitUrlTemplate: this.deps.config.submitUrlTemplate, caseIndex: chosen });
      answer.blocks.splice(answer.blocks.length - 1, 0, { type: 'note', text: [chatText.otherCases(listed.length - 1)] });
      answer.suggestions = options.map((o, i) => ({ label: `${i + 1}. ${shorten(o.label)}`, message: String(i + 1) }));
      return { answer, state: { procedure: p.code, aspect, caseIndex: chosen, options, pendingAspect: aspect } };
    }
    const answer = composeProcedureAnswer(p, aspect, { submitUrlTemplate: this.deps.config.submitUrlTemplate, caseIndex });
    return { answer, state: { procedure: p.code, aspect, caseIndex, options: undefined, pendingAspect: undefined } };
  }
}

/** The case whose name the question (or else the procedure's own name) agrees with most. */
function bestCase(p: Procedure, question: string): number {
  let best = -1;
  let bestScore = -1;
  p.cases.forEach((c, i) => {
    if (c.components.length === 0) return;
    const score = (question ? agreement(question, c.name) : 0) + 0.5 * agreement(p.name, c.name);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return Math.max(0, best);
}


const sameName = (a: string, b: string) => a.localeCompare(b, 'vi', { sensitivity: 'base' }) === 0;
/** The hits with one name each (the same name under several codes: one procedure published by several provinces). */
const distinctNames = (hits: SearchHit[]) => hits.filter((h, i) => hits.findIndex((x) => sameName(x.name, h.name)) === i);

function shorten(s: string, max = 60): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : max)}…`;
}

