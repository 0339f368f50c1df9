// The conversation as the widget keeps it: the messages shown, the session id and the context the
// server gave with its last answer, kept in sessionStorage so that it survives page navigations
// until "Cuộc trò chuyện mới".
import type { Suggestion } from '../../worker/chat/answer';
import { isRecord, parseJson } from '../../worker/lib/json';

export type { Suggestion };

/** One message of the conversation as kept in sessionStorage (short keys: it is stored). */
export interface Msg {
  /** 'u' the citizen, 'b' the assistant. */
  r: 'u' | 'b';
  /** The citizen's text, or the answer as plain text (copy, announcements). */
  t: string;
  /** The answer's HTML as the server sent it (sanitized again at every render). */
  h?: string;
  /** messageId, for feedback. */
  id?: string;
  s?: Suggestion[];
  /** submitUrl. */
  l?: string;
  /** pageUrl: the procedure's public page (the whole checklist, printable). */
  p?: string;
  /** Feedback already given. */
  f?: 'up' | 'down';
}

export interface State {
  sid?: string;
  /** The conversation context the server gave with its last answer (opaque, sent back as is). */
  ctx?: string;
  open?: boolean;
  msgs: Msg[];
}

const MAX_STORED = 40;

/** Whatever is in storage is data, never trusted as shaped: well-formed messages only. */
function readState(raw: string | null): State | null {
  const parsed = parseJson(raw);
  if (!isRecord(parsed) || !Array.isArray(parsed.msgs)) return null;
  const msgs = parsed.msgs.filter(
    (m: unknown): m is Msg => isRecord(m) && (m.r === 'u' || m.r === 'b') && typeof m.t === 'string' && (m.h === undefined || typeof m.h === 'string'),
  );
  const state: State = { msgs };
  if (typeof parsed.sid === 'string') state.sid = parsed.sid;
  if (typeof parsed.ctx === 'string') state.ctx = parsed.ctx;
  if (parsed.open === true) state.open = true;
  return state;
}

export interface Store {
  /** The conversation now (replaced by reset()). */
  readonly state: State;
  /** Writes the conversation (its last MAX_STORED messages). */
  save(): void;
  /** A new, empty conversation, open. */
  reset(): void;
}

/** The conversation kept under `key` (one per API origin). */
export function createStore(key: string): Store {
  let state: State = { msgs: [] };
  try {
    state = readState(sessionStorage.getItem(key)) ?? state;
  } catch {
    /* storage unavailable (privacy mode, sandbox): the conversation lasts for this page only */
  }
  const save = () => {
    state.msgs = state.msgs.slice(-MAX_STORED);
    try {
      sessionStorage.setItem(key, JSON.stringify(state));
    } catch {
      /* quota or unavailable: keep going in memory */
    }
  };
  return {
    get state() {
      return state;
    },
    save,
    reset() {
      state = { msgs: [], open: true };
      save();
    },
  };
}
